"""The study as its pages read it: the facts the prose quotes, computed from processed data."""
