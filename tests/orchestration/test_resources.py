"""DbtCli overrides two private methods of dagster-dbt's DbtCliResource: if dagster-dbt renames or
stops calling them, the override silently does nothing (≈ 2.4 s back on every run) or breaks a run.
These tests fail loudly instead, naming what changed."""

from __future__ import annotations

import importlib.metadata
import inspect
from functools import cached_property

from dagster_dbt import DbtCliResource
from packaging import version

from orchestration.dbt import DBT_DIR, DBT_EXECUTABLE
from orchestration.resources import DbtCli

# Attributes every Python class or pydantic model carries: not overrides of dagster-dbt's.
_NOT_OVERRIDES = {"_abc_impl"}


def _private_overrides() -> list[str]:
    return [n for n in vars(DbtCli) if n.startswith("_") and not n.startswith("__") and n not in _NOT_OVERRIDES]


def test_the_overridden_private_methods_are_the_two_known_ones():
    # a new private override must be added to the checks below
    assert sorted(_private_overrides()) == ["_cli_version", "_initialize_dbt_core_adapter"]


def test_dagster_dbt_still_defines_each_private_method_dbtcli_overrides():
    installed = importlib.metadata.version("dagster-dbt")
    for name in _private_overrides():
        assert name in vars(DbtCliResource), (
            f"dagster-dbt {installed} no longer defines DbtCliResource.{name}, which "
            f"orchestration/resources.py DbtCli overrides: find what replaced it and update DbtCli")


def test_dagster_dbt_cli_still_calls_the_overridden_methods():
    source = inspect.getsource(DbtCliResource.cli)
    for name in _private_overrides():
        assert f"self.{name}" in source, (
            f"DbtCliResource.cli no longer uses self.{name}: DbtCli's override of it saves nothing now; "
            "see orchestration/resources.py")


def test_the_overrides_keep_dagster_dbts_signatures():
    assert isinstance(vars(DbtCliResource)["_cli_version"], cached_property)
    assert isinstance(vars(DbtCli)["_cli_version"], cached_property)
    base = inspect.signature(DbtCliResource._initialize_dbt_core_adapter)
    ours = inspect.signature(DbtCli._initialize_dbt_core_adapter)
    assert list(base.parameters) == list(ours.parameters)


def test_the_version_is_the_installed_dbt_cores_without_a_subprocess():
    cli = DbtCli(project_dir=str(DBT_DIR), dbt_executable=DBT_EXECUTABLE)
    assert cli._cli_version == version.parse(importlib.metadata.version("dbt-core"))
    assert cli._initialize_dbt_core_adapter(["build"]) is None
