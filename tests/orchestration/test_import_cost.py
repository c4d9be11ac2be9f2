"""Importing orchestration.dbt does no work: no PATH change, no dbt parse, no Dagster assets built."""

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
print(json.dumps({"path_unchanged": os.environ.get("PATH") == before,
                  "prepared": d._prepared_project.cache_info().currsize,
                  "assets_built": d._dbt_assets.cache_info().currsize}))
"""


def _probe() -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, cwd=ROOT,
                         timeout=300, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_importing_the_dbt_module_neither_prepares_the_project_nor_changes_path():
    assert _probe() == {"path_unchanged": True, "prepared": 0, "assets_built": 0}
