"""Resources, configured from environment variables (PLANTRACK_SOURCES, PLANTRACK_DATA_DIR, ...)."""


import os

import dagster as dg

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
