"""Text: decoding, the normalised view with its offset map, Chinese quantities and units."""
