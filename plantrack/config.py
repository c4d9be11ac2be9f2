"""Settings from environment variables, with the defaults the README documents."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    sources_dir: Path
    data_dir: Path
    max_document_bytes: int = 50 * 1024 * 1024
    document_timeout_s: float = 60.0
    # The day progress is judged at (dbt var `as_of_date`, the run's fingerprint, the bench's truth):
    # None = the day the run happens (read when asked, so a long-running daemon moves on at midnight).
    as_of_date: date | None = None

    def as_of(self) -> date:
        return self.as_of_date or date.today()

    @property
    def warehouse_path(self) -> Path:
        return self.data_dir / "warehouse.duckdb"

    @property
    def serving_path(self) -> Path:
        return self.data_dir / "serving" / "plantrack.duckdb"

    @property
    def document_store(self) -> Path:
        """Content-addressed copies of every document version ever ingested."""
        return self.data_dir / "documents"

    @property
    def reports_dir(self) -> Path:
        return self.data_dir / "reports"

    @property
    def dagster_home(self) -> Path:
        return self.data_dir / "dagster"


def load_settings(sources_dir: str | Path | None = None, data_dir: str | Path | None = None) -> Settings:
    """Command-line options win over PLANTRACK_SOURCES / PLANTRACK_DATA_DIR, which win over defaults."""
    sources = Path(sources_dir or os.environ.get("PLANTRACK_SOURCES") or PROJECT_ROOT / "sources")
    data = Path(data_dir or os.environ.get("PLANTRACK_DATA_DIR") or PROJECT_ROOT / "data")
    return Settings(
        sources_dir=sources.resolve(),
        data_dir=data.resolve(),
        # MiB; every message about the limit states it in the same unit (50, not "52 MB")
        max_document_bytes=int(os.environ.get("PLANTRACK_MAX_DOCUMENT_MB", "50")) * 1024 * 1024,
        document_timeout_s=float(os.environ.get("PLANTRACK_DOCUMENT_TIMEOUT_S", "60")),
        as_of_date=parse_as_of(os.environ.get("PLANTRACK_AS_OF_DATE")),
    )


GIB = 1024**3


RAW_ROWS_PER_GIB = 4_000_000


def duckdb_memory_limit(warehouse: Path) -> str:
    """DuckDB's memory limit for a `dbt build` of this warehouse: PLANTRACK_DUCKDB_MEMORY_LIMIT if set,
    else 1 GB per 4 M raw rows (targets, actual values, documents) or per GB of the warehouse file,
    whichever is more, rounded up to a power of two, between 1 GB and half the RAM.

    1 GB keeps a 5,000-document refresh (147 k raw rows, a 0.3 GB file) under 2 GB peak; a national
    warehouse (12 M raw rows) ran out of memory at 1 GB in int_target_progress, even on its first build
    (raw tables only, a file under 1 GB), and built at 4 GB (peak 4.3 GB). Powers of two, because the
    limit is part of dbt's profile and a changed profile costs a re-parse.
    """
    if os.environ.get("PLANTRACK_DUCKDB_MEMORY_LIMIT"):
        return os.environ["PLANTRACK_DUCKDB_MEMORY_LIMIT"]
    need = max(_raw_rows(warehouse) / RAW_ROWS_PER_GIB, _file_size(warehouse) / GIB)
    gib = 1
    while gib < need:
        gib *= 2
    try:
        ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
        gib = max(1, min(gib, int(ram / 2 // GIB)))
    except (ValueError, OSError):
        pass
    return f"{gib}GB"


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _raw_rows(warehouse: Path) -> int:
    """Rows in the raw schema by DuckDB's own estimate (no scan); 0 when it cannot be read now."""
    if not warehouse.exists():
        return 0
    import duckdb

    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error:
        return 0  # held by a writer: the file's size decides
    try:
        return int(con.execute("SELECT coalesce(sum(estimated_size), 0) FROM duckdb_tables() "
                               "WHERE schema_name = 'raw'").fetchone()[0])
    except duckdb.Error:
        return 0
    finally:
        con.close()


def dbt_environment(warehouse: Path) -> dict[str, str]:
    """What dbt's profile reads from the environment for a build of this warehouse."""
    return {"PLANTRACK_WAREHOUSE": str(warehouse), "PLANTRACK_DUCKDB_MEMORY_LIMIT": duckdb_memory_limit(warehouse)}


def parse_as_of(text: str | None) -> date | None:
    """PLANTRACK_AS_OF_DATE (YYYY-MM-DD); empty = today. A malformed date is an error, not today."""
    if not text or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"PLANTRACK_AS_OF_DATE={text!r} is not a date: give it as YYYY-MM-DD "
                         "(or leave it unset to judge progress as of today).") from None
