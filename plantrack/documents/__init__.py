"""Reading documents of any supported format into normalized text with metadata."""

from plantrack.documents.read import read_bytes, read_document
from plantrack.documents.sidecar import is_sidecar, load_sidecar, sidecar_path

__all__ = ["is_sidecar", "load_sidecar", "read_bytes", "read_document", "sidecar_path"]
