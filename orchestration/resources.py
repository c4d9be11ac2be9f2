"""Resources: plantrack's settings (configured from the environment in definitions.py) and dbt's CLI."""


import importlib.metadata
import os
from functools import cached_property
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource
from packaging import version

from plantrack.config import Settings, load_settings, parse_as_of


class PlantrackConfig(dg.ConfigurableResource):
    """Where documents come from and where data goes (the warehouse is `<data_dir>/warehouse.duckdb`).

    Every field is set where the resource is made: from the environment when the definitions are
    loaded (`from_env`), from the command line's settings by `plantrack refresh` (`from_settings`).
    Assets read paths from here, never from os.environ.
    """

    sources_dir: str
    data_dir: str
    max_document_bytes: int
    document_timeout_s: float
    workers: int = 0  # processes for reading and extraction; 0 = one per core
    as_of_date: str = ""  # YYYY-MM-DD progress is judged at; "" = the day the run happens

    @classmethod
    def from_settings(cls, settings: Settings, workers: int = 0) -> "PlantrackConfig":
        return cls(sources_dir=str(settings.sources_dir), data_dir=str(settings.data_dir),
                   max_document_bytes=settings.max_document_bytes,
                   document_timeout_s=settings.document_timeout_s, workers=workers,
                   as_of_date=settings.as_of_date.isoformat() if settings.as_of_date else "")

    @classmethod
    def from_env(cls) -> "PlantrackConfig":
        """PLANTRACK_SOURCES, PLANTRACK_DATA_DIR, ... with the README's defaults."""
        return cls.from_settings(load_settings())

    def settings(self) -> Settings:
        return Settings(sources_dir=Path(self.sources_dir), data_dir=Path(self.data_dir),
                        max_document_bytes=self.max_document_bytes, document_timeout_s=self.document_timeout_s,
                        as_of_date=parse_as_of(self.as_of_date))

    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1


class DbtCli(DbtCliResource):
    """dagster-dbt's dbt resource without two start-up costs this project does not use (≈ 2.4 s per
    run, on the critical path): `dbt --version` in a subprocess to learn the version (it is the
    installed dbt-core's), and a dbt adapter built in this process, which only `fetch_row_counts` /
    `fetch_column_metadata` need."""

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):  # noqa: ARG002 - dagster-dbt's signature
        return None
