"""Stage 3: comparisons of observations — intervals, comparability, targets, consistency."""
