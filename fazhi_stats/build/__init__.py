"""The build: stages from raw documents to the site, staged and swapped in atomically."""
