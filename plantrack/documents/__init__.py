"""Reading documents of any supported format into normalized text with metadata."""

from plantrack.documents.read import read_document

__all__ = ["read_document"]
