"""Extracting targets and actual values, with provenance, from a read document."""

from plantrack.extract.statements import extract_statements

__all__ = ["extract_statements"]
