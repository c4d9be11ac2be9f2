"""plantrack's Dagster definitions: `dagster dev -m orchestration.definitions`.

Built when Dagster (or `plantrack refresh`) calls `defs()`, not at import: the dbt models' assets need
the dbt manifest, which may have to be parsed first.
"""

from functools import cache

import dagster as dg

from orchestration.assets import extracted_statements, raw_tables, source_documents
from orchestration.automation import (
    nightly_refresh,
    nightly_schedule,
    record_run_failure,
    record_run_success,
    sources_changed,
)
from orchestration.checks import quality_checks
from orchestration.publish import serving_asset
from orchestration.resources import DbtCli, PlantrackConfig


@dg.definitions
@cache
def defs() -> dg.Definitions:
    from orchestration.dbt import DBT_EXECUTABLE, dbt_models, dbt_project

    return dg.Definitions(
        assets=[source_documents, extracted_statements, raw_tables, dbt_models, serving_asset(dbt_models)],
        asset_checks=quality_checks(dbt_models),
        jobs=[nightly_refresh],
        schedules=[nightly_schedule],
        sensors=[sources_changed, record_run_failure, record_run_success],
        resources={
            # configured from PLANTRACK_SOURCES / PLANTRACK_DATA_DIR / ... as the code location loads
            "plantrack": PlantrackConfig.from_env(),
            "dbt": DbtCli(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE),
        },
    )
