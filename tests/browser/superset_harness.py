"""Drive a real Superset (superset/manage.sh) and headless Chromium for the browser tests."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MANAGE = ROOT / "superset" / "manage.sh"
SUPERSET_VENV = ROOT / ".venv-superset"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
OUTPUT_DIR = ROOT / "test-output" / "browser"

DASHBOARDS = {
    "plan-attainment": "规划目标总览",
    "indicator-detail": "指标详情",
    "conflicts-and-gaps": "目标冲突与数据缺口",
    "data-quality": "数据质量与时效",
    "review-queue": "待核对",
}


def missing_prerequisites() -> list[str]:
    missing = []
    if not (SUPERSET_VENV / "bin" / "superset").exists():
        missing.append("Superset venv (make setup-superset)")
    if not Path(CHROMIUM).exists() or not Path(CHROMEDRIVER).exists():
        missing.append("chromium + chromium-driver (make system-packages)")
    return missing


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Superset:
    """One installation: its data dir, secrets dir and port."""

    data_dir: Path
    secrets_dir: Path
    port: int
    log: list[str] = field(default_factory=list)
    first_setup: subprocess.CompletedProcess | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PLANTRACK_SUPERSET_ADMIN")}
        env.update(PLANTRACK_DATA_DIR=str(self.data_dir), PLANTRACK_SECRETS_DIR=str(self.secrets_dir),
                   PLANTRACK_SUPERSET_PORT=str(self.port), PLANTRACK_SUPERSET_HOST="127.0.0.1")
        return env

    def manage(self, command: str, timeout: float = 1500) -> subprocess.CompletedProcess:
        result = subprocess.run(["bash", str(MANAGE), command], env=self.env, capture_output=True,
                                text=True, timeout=timeout, cwd=ROOT)
        self.log.append(f"$ manage.sh {command} -> {result.returncode}\n{result.stdout}\n{result.stderr}")
        return result

    def inventory(self) -> dict:
        """Dashboards, databases, datasets and charts as Superset's metadata DB holds them."""
        env = {**self.env, "SUPERSET_CONFIG_PATH": str(ROOT / "superset" / "superset_config.py")}
        result = subprocess.run([str(SUPERSET_VENV / "bin" / "python"), str(ROOT / "superset" / "bootstrap.py"),
                                 "inventory"], env=env, capture_output=True, text=True, timeout=300, cwd=ROOT)
        assert result.returncode == 0, result.stderr[-3000:]
        return json.loads(result.stdout.strip().splitlines()[-1])

    def export_into(self, bundle: Path) -> subprocess.CompletedProcess:
        """What `manage.sh export` does, into another directory."""
        env = {**self.env, "SUPERSET_CONFIG_PATH": str(ROOT / "superset" / "superset_config.py")}
        return subprocess.run([str(SUPERSET_VENV / "bin" / "python"), str(ROOT / "superset" / "bootstrap.py"),
                               "export", str(bundle)], env=env, capture_output=True, text=True, timeout=300, cwd=ROOT)

    @property
    def admin_password(self) -> str:
        return (self.secrets_dir / "superset_admin_password").read_text().strip()

    def server_log(self) -> str:
        path = self.data_dir / "superset" / "superset.log"
        return path.read_text(errors="replace") if path.exists() else ""


def api_session(superset: Superset):
    """A requests session logged in to Superset's REST API as the admin (bearer token)."""
    import requests

    http = requests.Session()
    login = http.post(f"{superset.url}/api/v1/security/login", timeout=60, json={
        "username": "admin", "password": superset.admin_password, "provider": "db", "refresh": True})
    login.raise_for_status()
    http.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
    return http


def inventory_after(setup: subprocess.CompletedProcess) -> dict:
    """The inventory `manage.sh setup` prints once it has imported the bundle."""
    lines = [line for line in setup.stdout.splitlines() if line.startswith("inventory: ")]
    assert lines, setup.stdout[-3000:]
    return json.loads(lines[-1].removeprefix("inventory: "))


def chromium_driver(download_dir: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1600,1400", "--lang=zh-CN",
                 f"--user-data-dir={download_dir / 'chromium-profile'}"):
        options.add_argument(flag)
    # The performance log carries every network response: how the tests see chart queries fail.
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(120)
    driver.execute_cdp_cmd("Network.enable", {})
    return driver


def login(driver, superset: Superset, user: str = "admin") -> None:
    """Through the real login page, as a person would."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    # The first login can take minutes on a loaded 2-core machine, and a click on a form React has not
    # wired yet is lost (CI, session 11: the page loaded, no POST followed): fill and submit again.
    deadline = time.monotonic() + 240
    while True:
        driver.get(f"{superset.url}/login/")
        wait = WebDriverWait(driver, max(5.0, deadline - time.monotonic()))
        username = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, '[data-test="username-input"]')))
        username.clear()
        username.send_keys(user)
        password = driver.find_element(By.CSS_SELECTOR, '[data-test="password-input"]')
        password.clear()
        password.send_keys(superset.admin_password)
        driver.find_element(By.CSS_SELECTOR, '[data-test="login-button"]').click()
        try:
            WebDriverWait(driver, 45).until(lambda d: "/login" not in d.current_url)
            return
        except TimeoutException:
            if time.monotonic() > deadline:
                raise


@dataclass(frozen=True)
class ChartQuery:
    slice_id: int | None
    status: int
    rowcount: int | None
    error: str | None


def drain_chart_queries(driver) -> list[ChartQuery]:
    """Chart data requests and their answers since the last call, from Chromium's network log."""
    requests: dict[str, int | None] = {}
    responses: dict[str, int] = {}
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        params = msg.get("params", {})
        if msg["method"] == "Network.requestWillBeSent" and "/api/v1/chart/data" in params["request"]["url"]:
            requests[params["requestId"]] = _slice_id(params["request"].get("postData"))
        elif msg["method"] == "Network.responseReceived" and "/api/v1/chart/data" in params["response"]["url"]:
            responses[params["requestId"]] = params["response"]["status"]
    queries = []
    for request_id, status in responses.items():
        rowcount, error = None, None
        try:
            body = driver.execute_cdp_cmd("Network.getResponseBody", {"requestId": request_id})["body"]
            payload = json.loads(body)
            results = payload.get("result") or []
            rowcount = sum(r.get("rowcount") or 0 for r in results)
            errors = payload.get("errors") or []
            error = (payload.get("message") or "; ".join(e.get("message", "") for e in errors)
                     or next((r.get("error") for r in results if r.get("error")), None))
        except Exception as exc:  # noqa: BLE001 - a body Chromium no longer holds is reported, not fatal
            error = f"unreadable response: {str(exc).splitlines()[0][:200]}"
        queries.append(ChartQuery(requests.get(request_id), status, rowcount, error))
    return queries


def _slice_id(post_data: str | None) -> int | None:
    try:
        return json.loads(post_data or "{}").get("form_data", {}).get("slice_id")
    except json.JSONDecodeError:
        return None


@dataclass(frozen=True)
class ChartView:
    title: str
    state: str  # loading | error | empty | data
    detail: str


CHART_STATES_JS = """
return Array.from(document.querySelectorAll('[data-test="dashboard-component-chart-holder"]')).map(h => {
  const title = (h.querySelector('[data-test="editable-title"], .header-title, [data-test="slice-header"]') || {}).innerText || '';
  const text = h.innerText || '';
  if (h.querySelector('[data-test="loading-indicator"], .loading')) return [title, 'loading', ''];
  const alert = h.querySelector('[role="alert"], .ant-alert-error, [data-test="error-tooltip"]');
  if (alert) return [title, 'error', alert.innerText || 'alert'];
  if (h.querySelector('[data-test="empty-state"]') || /No results|暂无数据|没有结果|No data/.test(text)) return [title, 'empty', text.slice(0, 200)];
  const drawn = h.querySelector('canvas, svg path, table tbody tr, .header-line, .superset-legacy-chart-big-number');
  return [title, drawn ? 'data' : 'loading', ''];
});
"""


def chart_views(driver) -> list[ChartView]:
    return [ChartView(*row) for row in driver.execute_script(CHART_STATES_JS)]


def open_dashboard(driver, superset: Superset, slug: str, timeout: float = 120,
                   reload: bool = True) -> list[ChartView]:
    """Open a dashboard (reload=False: the page the driver is on) and wait until every chart has
    finished (data, empty or error)."""
    if reload:
        driver.get(f"{superset.url}/superset/dashboard/{slug}/")
    deadline = time.monotonic() + timeout
    views: list[ChartView] = []
    while time.monotonic() < deadline:
        time.sleep(1)
        views = chart_views(driver)
        if views and all(v.state != "loading" for v in views):
            time.sleep(1.5)  # let the last canvases paint before the screenshot
            return chart_views(driver)
    return views
