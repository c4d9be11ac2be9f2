"""One Superset per session, serving a file the real pipeline built from the sample corpus."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.superset_harness import (
    OUTPUT_DIR,
    ROOT,
    Superset,
    chromium_driver,
    free_port,
    login,
    missing_prerequisites,
)

PLANTRACK = Path(sys.executable).parent / "plantrack"


def refresh(data_dir: Path, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run([str(PLANTRACK), "refresh", "--sources", str(ROOT / "sources"), "--data-dir", str(data_dir)],
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def superset(tmp_path_factory):
    missing = missing_prerequisites()
    if missing:
        pytest.skip("browser tests need " + ", ".join(missing))
    base = tmp_path_factory.mktemp("superset")
    instance = Superset(data_dir=base / "data", secrets_dir=base / "secrets", port=free_port())
    built = refresh(instance.data_dir)
    assert built.returncode == 0, f"plantrack refresh failed:\n{built.stdout[-3000:]}\n{built.stderr[-3000:]}"
    assert (instance.data_dir / "serving" / "plantrack.duckdb").exists()
    set_up = instance.manage("setup")
    assert set_up.returncode == 0, set_up.stdout[-3000:] + set_up.stderr[-3000:]
    instance.first_setup = set_up
    started = instance.manage("start", timeout=300)
    assert started.returncode == 0, started.stdout[-3000:] + started.stderr[-3000:] + instance.server_log()[-5000:]
    yield instance
    instance.manage("stop")
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUTPUT_DIR / "superset-server.log").write_text(instance.server_log()[-200_000:])
    (OUTPUT_DIR / "manage.log").write_text("\n".join(instance.log))


@pytest.fixture(scope="session")
def browser(superset, tmp_path_factory):
    """Headless Chromium, logged in through the real login page."""
    driver = chromium_driver(tmp_path_factory.mktemp("chromium"))
    try:
        driver.set_window_size(1600, 2600)
        login(driver, superset)
        yield driver
    finally:
        driver.quit()
