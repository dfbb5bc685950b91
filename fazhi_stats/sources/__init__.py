"""Stages 0–1: source documents with their sidecars, and the curated annotations of each."""
