"""dbt models as Dagster assets (dagster-dbt), downstream of the raw tables the pipeline loads.

Importing this module does no work: the dbt project is prepared (manifest parsed when stale) the
first time `dbt_project` or `dbt_models` is used, i.e. when the Dagster definitions are built.
"""


import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from orchestration.check_children import start_spare_ahead
from orchestration.resources import PlantrackConfig
from orchestration.retry import dbt_failures, dbt_outcome, documents_behind_failed_tests
from plantrack.config import PROJECT_ROOT, dbt_environment
from plantrack.console_progress import say
from plantrack.faults import checkpoint
from plantrack.ingest import hold_back
from plantrack.runs import dbt_code_hash, last_dbt_code_hash, record_dbt_build
from plantrack.warehouse import connect

DBT_DIR = PROJECT_ROOT / "dbt_project"
DBT_EXECUTABLE = str(Path(sys.executable).parent / "dbt")


@contextmanager
def _venv_on_path() -> Iterator[None]:
    """dagster-dbt's preparer looks dbt up on PATH; the venv's bin is not on it when Python is called
    by full path. Only while preparing: the process's PATH is left as it was."""
    saved = os.environ.get("PATH")
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{saved or ''}"
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("PATH", None)
        else:
            os.environ["PATH"] = saved


def ensure_manifest(project: DbtProject) -> Path:
    """Parse the project when the manifest is missing or older than any model, seed or macro.

    `prepare_if_dev` only acts under `dagster dev`; the CLI and tests load definitions directly.
    """
    manifest = project.manifest_path
    newest = max((p.stat().st_mtime for sub in ("models", "seeds", "macros", "tests")
                  for p in (project.project_dir / sub).rglob("*") if p.is_file()), default=0.0)
    newest = max(newest, (project.project_dir / "dbt_project.yml").stat().st_mtime)
    if not manifest.exists() or manifest.stat().st_mtime < newest:
        # profiles.yml names the warehouse; parsing does not open it, but the variable must be set
        env = {"PLANTRACK_WAREHOUSE": os.environ.get("PLANTRACK_WAREHOUSE",
                                                     str(PROJECT_ROOT / "data" / "warehouse.duckdb"))}
        with _venv_on_path(), _environ(env):
            project.preparer.prepare(project)
    return manifest


@contextmanager
def _environ(values: Mapping[str, str]) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@cache
def _prepared_project() -> DbtProject:
    project = DbtProject(project_dir=DBT_DIR, profiles_dir=DBT_DIR)
    with _venv_on_path():
        project.prepare_if_dev()
    ensure_manifest(project)
    return project


def __getattr__(name: str) -> Any:
    # `from orchestration.dbt import dbt_project, dbt_models` prepares on that first use (PEP 562).
    if name == "dbt_project":
        return _prepared_project()
    if name == "dbt_models":
        return _dbt_assets()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class PlantrackDbtTranslator(DagsterDbtTranslator):
    """dbt sources `raw.*` / `ops.*` are the tables the `raw_tables` multi-asset loads."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return dg.AssetKey([dbt_resource_props["source_name"], dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return "warehouse"


@cache
def _dbt_assets() -> dg.AssetsDefinition:
    project = _prepared_project()

    @dbt_assets(
        manifest=project.manifest_path,
        project=project,
        dagster_dbt_translator=PlantrackDbtTranslator(),
        pool="warehouse",
        # no RetryPolicy: a failing test or a compile error fails again; only a lock is retried (below)
    )
    def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, plantrack: PlantrackConfig):
        started = time.monotonic()
        settings = plantrack.settings()
        # dbt's threads share this one process: still a single writer of the warehouse file.
        args = ["build", "--threads", "4", *_vars_args(settings)]
        # One target directory per data directory: dbt's partial parsing survives from run to run (its
        # profile, which names the warehouse, stays the same) and no per-run directory piles up.
        target = settings.data_dir / "dbt_target"
        _adopt_background_parse(target)
        code_hash = dbt_code_hash(DBT_DIR)
        with connect(settings.warehouse_path) as con:
            code_changed = last_dbt_code_hash(con) != code_hash
        if code_changed:
            # Incremental models keep rows built by earlier code: rebuild them from scratch.
            args.append("--full-refresh")
        else:
            start_spare_ahead()  # the marts checks' child imports GX while dbt starts (not beside a full build)
        unit_tests_due = not unit_tests_passed(code_hash)
        if not unit_tests_due:
            # Unit tests check the code alone (fixtures, not data): once they passed for this code on
            # this installation, a build of any warehouse repeats them for nothing (62 of 439 nodes).
            # (Seeds stay in: they are assets whose absence would stop the downstream checks.)
            args += ["--exclude-resource-type", "unit_test"]
        # profiles.yml names the warehouse by PLANTRACK_WAREHOUSE, and dagster-dbt hands dbt (a child
        # process) this process's environment: set from the resource for the build's length only.
        def build() -> tuple[Any, list]:
            with _environ(dbt_environment(settings.warehouse_path)):
                invocation = dbt.cli(args, context=context, target_path=target, raise_on_error=False)
                events = []
                for n, event in enumerate(invocation.stream()):
                    if n == 1:
                        checkpoint("dbt")  # crash tests stop here, with dbt mid-build
                    events.append(event)  # yielded once the build is kept (a second build repeats them)
            return invocation, events

        invocation, events = build()
        if not invocation.is_successful():
            failures = dbt_failures(target)
            # data tests whose failing rows all come from identifiable documents: hold those back and
            # build again without them (once); any other failure stops the run, unretried
            reasons = documents_behind_failed_tests(settings.warehouse_path, failures)
            if not reasons:
                raise dbt_outcome(failures, str(invocation.get_error() or ""))
            with connect(settings.warehouse_path) as con:
                held = hold_back(con, context.run.run_id, reasons)
            say(f"dbt: {len(held)} document(s) held back by failing tests, building again without them: "
                + ", ".join(f for f, _ in held[:10]))
            invocation, events = build()
            if not invocation.is_successful():
                raise dbt_outcome(dbt_failures(target), str(invocation.get_error() or ""))
        say(f"dbt build: done ({time.monotonic() - started:.1f} s, start-up and parsing included)")
        yield from events
        with connect(settings.warehouse_path) as con:
            record_dbt_build(con, context.run.run_id, code_hash)
        if unit_tests_due:
            record_unit_tests_passed(code_hash)

    return dbt_models


# ------------------------------------------------------------------ unit tests once per code version

UNIT_TESTS_PASSED_DIR = DBT_DIR / "target" / "unit_tests_passed"


def unit_tests_passed(code_hash: str) -> bool:
    """Did a build of this dbt code (its hash) pass every unit test on this installation?"""
    return (UNIT_TESTS_PASSED_DIR / code_hash).exists()


def record_unit_tests_passed(code_hash: str) -> None:
    """Note that this code's unit tests passed; an installation that cannot write just runs them again."""
    try:
        UNIT_TESTS_PASSED_DIR.mkdir(parents=True, exist_ok=True)
        (UNIT_TESTS_PASSED_DIR / code_hash).touch()
    except OSError:
        pass


# ------------------------------------------------------------------ parsing while the ingest runs

# dbt parses started by this process, by target directory: the ingest step starts one and the dbt
# step of the same in-process run adopts it (a step in another process finds none and parses itself).
_background_parses: dict[Path, subprocess.Popen] = {}
PARSING_SUFFIX = ".parsing"


def _vars(settings) -> dict[str, str]:
    """The run's as-of date, always given: dbt judges at the same day the run's fingerprint names."""
    return {"as_of_date": settings.as_of().isoformat()}


def _vars_args(settings) -> list[str]:
    return ["--vars", json.dumps(_vars(settings))]


def _parse_is_current(target: Path, settings) -> bool:
    """Whether dbt build can parse partially in this target directory: a parse exists, made with this
    run's vars. A changed var (the as-of date, every new day) makes dbt re-parse the whole project; the
    vars of the last build are in its run_results.json (unknown vars: assume current)."""
    if not (target / "partial_parse.msgpack").exists():
        return False
    try:
        last = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["args"]["vars"]
    except (OSError, ValueError, KeyError, TypeError):
        return True
    return last == _vars(settings)


def parse_in_background(settings) -> None:
    """Start `dbt parse` for this warehouse while documents are read, when its target directory has
    no parse for this run's vars yet (a new data directory, or the first run of a new day): the build
    then parses partially (≈ 2 s saved; a whole re-parse at 5,000 documents takes ~5 s quiet).

    It parses into `<target>.parsing/` and the dbt step adopts the result; dbt parse does not open
    the warehouse, so it does not disturb the single writer. Any failure only means dbt build parses.
    """
    target = settings.data_dir / "dbt_target"
    if target in _background_parses or _parse_is_current(target, settings):
        return
    scratch = target.with_name(target.name + PARSING_SUFFIX)
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    env = {**os.environ, **dbt_environment(settings.warehouse_path)}
    with open(scratch / "parse.log", "wb") as log:
        _background_parses[target] = subprocess.Popen(
            [DBT_EXECUTABLE, "parse", *_vars_args(settings), "--project-dir", str(DBT_DIR), "--profiles-dir",
             str(DBT_DIR), "--target-path", str(scratch)],
            env=env, cwd=DBT_DIR, stdout=log, stderr=subprocess.STDOUT)


def _adopt_background_parse(target: Path) -> None:
    proc = _background_parses.pop(target, None)
    if proc is None:
        return  # none started by this process (e.g. a step in another process): dbt parses itself
    scratch = target.with_name(target.name + PARSING_SUFFIX)
    try:
        ok = proc.wait(timeout=300) == 0
    except subprocess.TimeoutExpired:
        proc.kill()
        ok = False
    parsed = scratch / "partial_parse.msgpack"
    if ok and parsed.exists():  # this process holds the refresh lock: no other parse of this target
        target.mkdir(parents=True, exist_ok=True)
        os.replace(parsed, target / "partial_parse.msgpack")
    shutil.rmtree(scratch, ignore_errors=True)
