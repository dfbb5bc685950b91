"""Stage 1': numeric claims from any document, with spans, kind, year and indicator."""

from fazhi_stats.extract.claims import Claim, extract_claims, iter_claims_in_files

__all__ = ["Claim", "extract_claims", "iter_claims_in_files"]
