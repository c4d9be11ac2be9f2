"""plantrack's Dagster definitions: `dagster dev -m orchestration.definitions`."""

import dagster as dg

from orchestration.assets import extracted_statements, raw_tables, source_documents
from orchestration.automation import nightly_refresh, nightly_schedule, record_run_failure, sources_changed
from orchestration.checks import marts_quality, raw_statements_quality
from orchestration.dbt import DBT_EXECUTABLE, dbt_models, dbt_project
from orchestration.publish import serving_database
from orchestration.resources import DbtCli, PlantrackConfig

defs = dg.Definitions(
    assets=[source_documents, extracted_statements, raw_tables, dbt_models, serving_database],
    asset_checks=[raw_statements_quality, marts_quality],
    jobs=[nightly_refresh],
    schedules=[nightly_schedule],
    sensors=[sources_changed, record_run_failure],
    resources={
        "plantrack": PlantrackConfig(),
        "dbt": DbtCli(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE),
    },
)
