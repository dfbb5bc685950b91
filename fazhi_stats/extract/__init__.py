"""Stage 1': numeric claims from any document, with spans, kind, year, family and indicator."""

from fazhi_stats.extract.claims import Claim, extract_claims
from fazhi_stats.extract.files import DocumentHints, iter_claims_in_files, read_hints

__all__ = ["Claim", "DocumentHints", "extract_claims", "iter_claims_in_files", "read_hints"]
