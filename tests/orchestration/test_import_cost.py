"""Importing the orchestration package does no work: no PATH change, no dbt parse, no Dagster assets or
definitions built (Dagster builds them when it calls `definitions.defs()`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

_PROBE = """
import json, os, sys
before = os.environ.get("PATH")
import orchestration.dbt as d
import orchestration.assets, orchestration.automation, orchestration.checks, orchestration.publish
import orchestration.resources, orchestration.definitions, orchestration.in_process
print(json.dumps({"path_unchanged": os.environ.get("PATH") == before,
                  "prepared": d._prepared_project.cache_info().currsize,
                  "assets_built": d._dbt_assets.cache_info().currsize,
                  "definitions_built": orchestration.definitions.defs.load_fn.cache_info().currsize,
                  "parsing": bool(d._background_parses)}))
"""


def _probe() -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, cwd=ROOT,
                         timeout=300, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_importing_the_orchestration_modules_neither_prepares_the_project_nor_builds_definitions():
    assert _probe() == {"path_unchanged": True, "prepared": 0, "assets_built": 0, "definitions_built": 0,
                        "parsing": False}
