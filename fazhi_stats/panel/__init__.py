"""The panel stage: region × year × indicator panels, normalised scores, composites, uncertainty."""
