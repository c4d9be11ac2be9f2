"""Resources, configured from environment variables (PLANTRACK_SOURCES, PLANTRACK_DATA_DIR, ...)."""


import importlib.metadata
import os
from functools import cached_property

import dagster as dg
from dagster_dbt import DbtCliResource
from packaging import version

from plantrack.config import Settings, load_settings


class PlantrackConfig(dg.ConfigurableResource):
    """Where documents come from and where data goes. Unset fields fall back to the environment."""

    sources_dir: str | None = None
    data_dir: str | None = None
    workers: int = 0  # processes for reading and extraction; 0 = one per core

    def settings(self) -> Settings:
        return load_settings(self.sources_dir, self.data_dir)

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
