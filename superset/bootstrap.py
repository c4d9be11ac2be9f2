"""Superset set-up steps that the CLI does not do idempotently (run with .venv-superset's python).

    python superset/bootstrap.py admin                       create or update the admin account
    python superset/bootstrap.py import BUNDLE_DIR SERVING   import the YAML bundle (overwrite by uuid)
    python superset/bootstrap.py export BUNDLE_DIR           write the dashboards back into the bundle
    python superset/bootstrap.py inventory                   JSON counts of dashboards, charts, databases
    python superset/bootstrap.py query-contexts URL          let Superset store each chart's query context

Environment: SUPERSET_CONFIG_PATH (superset_config.py), PLANTRACK_SECRETS_DIR,
PLANTRACK_SUPERSET_ADMIN_USER / PLANTRACK_SUPERSET_ADMIN_PASSWORD.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from pathlib import Path

import yaml

# The bundle in git names the serving file with this placeholder; import fills in the real path.
SERVING_PLACEHOLDER = "${PLANTRACK_SERVING_FILE}"
KINDS = ("databases", "datasets", "charts", "dashboards")


def secrets_dir() -> Path:
    return Path(
        os.environ.get("PLANTRACK_SECRETS_DIR") or Path.home() / ".config" / "plantrack"
    ).resolve()


def admin_credentials() -> tuple[str, str, bool]:
    """(username, password, generated): from the environment, the stored file, or new."""
    user = os.environ.get("PLANTRACK_SUPERSET_ADMIN_USER") or "admin"
    password = os.environ.get("PLANTRACK_SUPERSET_ADMIN_PASSWORD")
    if password:
        return user, password, False
    path = secrets_dir() / "superset_admin_password"
    if path.exists():
        return user, path.read_text().strip(), False
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    password = secrets.token_urlsafe(18)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(password + "\n")
    return user, password, True


def read_bundle(bundle: Path, serving: Path | None) -> dict[str, str]:
    """Bundle files keyed the way Superset's importers expect, with the serving path filled in."""
    contents: dict[str, str] = {}
    for path in sorted(bundle.rglob("*.yaml")):
        rel = path.relative_to(bundle).as_posix()
        text = path.read_text(encoding="utf-8")
        if rel == "metadata.yaml":
            meta = yaml.safe_load(text)
            meta["type"] = "assets"  # import every kind of asset, overwriting by uuid
            text = yaml.safe_dump(meta)
        elif rel.startswith("databases/") and serving is not None:
            text = text.replace(SERVING_PLACEHOLDER, str(serving.resolve()))
        contents[rel] = text
    return contents


def app_context():
    from superset.app import create_app

    app = create_app()
    return app.app_context()


def cmd_admin() -> None:
    user, password, generated = admin_credentials()
    with app_context():
        from superset.extensions import db

        from superset import security_manager

        existing = security_manager.find_user(username=user)
        if existing is None:
            role = security_manager.find_role("Admin")
            created = security_manager.add_user(
                user, "plantrack", "admin", f"{user}@localhost", role, password=password
            )
            if not created:
                sys.exit(f"could not create Superset user {user!r}")
        else:
            # Keep the account in step with the environment / stored password on every set-up.
            security_manager.reset_password(existing.id, password)
        db.session.commit()
    if generated:
        print(
            f"Superset admin: user {user!r}, password {password} "
            f"(shown once; stored in {secrets_dir() / 'superset_admin_password'}, mode 0600)"
        )
    else:
        print(f"Superset admin: user {user!r} (password from the environment or {secrets_dir()})")


def cmd_import(bundle: Path, serving: Path) -> None:
    contents = read_bundle(bundle, serving)
    user, _, _ = admin_credentials()
    with app_context():
        from flask import g
        from superset.commands.importers.v1.assets import ImportAssetsCommand
        from superset.extensions import db

        from superset import security_manager

        g.user = security_manager.find_user(username=user)
        ImportAssetsCommand(contents).run()
        db.session.commit()
        counts = _inventory()
    print(f"Imported bundle {bundle}: {len(counts['dashboards'])} dashboards, {counts['charts']} charts, "
          f"{counts['datasets']} datasets, databases {[d['name'] for d in counts['databases']]}")
    print("inventory: " + json.dumps(counts, ensure_ascii=False))


def _inventory() -> dict:
    from superset.connectors.sqla.models import SqlaTable
    from superset.extensions import db
    from superset.models.core import Database
    from superset.models.dashboard import Dashboard
    from superset.models.slice import Slice

    return {
        "dashboards": sorted(d.dashboard_title for d in db.session.query(Dashboard).all()),
        "databases": [
            {
                "name": d.database_name,
                "uri": d.sqlalchemy_uri,
                "read_only": (d.get_extra().get("engine_params", {}).get("connect_args", {}).get("read_only")),
                "allow_dml": d.allow_dml,
                "expose_in_sqllab": d.expose_in_sqllab,
            }
            for d in db.session.query(Database).all()
        ],
        "datasets": db.session.query(SqlaTable).count(),
        "charts": db.session.query(Slice).count(),
    }


def cmd_inventory() -> None:
    with app_context():
        print(json.dumps(_inventory(), ensure_ascii=False))


def cmd_export(bundle: Path) -> None:
    """Export every dashboard (with its charts, datasets, database) into the bundle directory.

    Files keep the names they already have in the bundle (matched by uuid), so a UI change
    shows up in git as a diff of the same file; the serving path goes back to the placeholder.
    """
    user, _, _ = admin_credentials()
    with app_context():
        from flask import g
        from superset.commands.dashboard.export import ExportDashboardsCommand
        from superset.extensions import db
        from superset.models.dashboard import Dashboard

        from superset import security_manager

        g.user = security_manager.find_user(username=user)
        ids = [i for (i,) in db.session.query(Dashboard.id).all()]
        exported = {name: content() for name, content in ExportDashboardsCommand(ids).run()}

    by_uuid: dict[str, Path] = {}
    for path in bundle.rglob("*.yaml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if "uuid" in doc:
            by_uuid[str(doc["uuid"])] = path

    written: set[Path] = set()
    for name, text in exported.items():
        if name == "metadata.yaml":
            target = bundle / "metadata.yaml"
            if target.exists():  # only its timestamp would change
                written.add(target.resolve())
                continue
        else:
            doc = yaml.safe_load(text)
            if name.startswith("databases/"):
                doc["sqlalchemy_uri"] = "duckdb:///" + SERVING_PLACEHOLDER
                text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120)
            target = by_uuid.get(str(doc.get("uuid"))) or bundle / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_readable(text), encoding="utf-8")
        written.add(target.resolve())
    # Assets no dashboard uses any more leave the bundle too: the bundle mirrors the UI.
    for path in bundle.rglob("*.yaml"):
        if path.resolve() not in written and path.parent != bundle:
            path.unlink()
    print(f"Exported {len(ids)} dashboards into {bundle} ({len(written)} files); review with git diff")


def _readable(text: str) -> str:
    """Superset writes YAML with escaped Chinese; rewrite it as plain UTF-8 for reviewable diffs."""
    doc = yaml.safe_load(text)
    if isinstance(doc, dict) and doc.get("query_context"):
        doc["query_context"] = canonical_query_context(doc["query_context"])
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120)


def canonical_query_context(text: str) -> str:
    """One spelling of a chart's saved query context (JSON in a string, as Superset stores it).

    The browser saves it compact, Superset's importer re-serialises it with spaces; written one way
    here, an export after an import reproduces the bundle byte for byte.
    """
    return json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))


def cmd_query_contexts(url: str, timeout: float = 90) -> None:
    """Open every chart without a saved query context in Explore, in headless Chromium.

    The query context is the JSON the chart-data API (GET /api/v1/chart/<id>/data/), CSV exports,
    cache warm-up and e-mail reports run; Superset's frontend builds it from the chart's params with
    the visualisation's own buildQuery and stores it when the chart is saved. Explore also stores it
    by itself for a chart that has none (PUT /api/v1/chart/<id> with query_context_generation),
    which is what this relies on: no hand-written copy of any buildQuery. Then run `export`.
    """
    user, password, _ = admin_credentials()
    with app_context():
        _save_query_contexts(url, user, password, timeout)


def _save_query_contexts(url: str, user: str, password: str, timeout: float) -> None:
    import time

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    missing = _charts_without_query_context()
    if not missing:
        print("every chart has a saved query context")
        return
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("PLANTRACK_CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                 "--window-size=1600,1200", "--lang=zh-CN"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(os.environ.get("PLANTRACK_CHROMEDRIVER", "/usr/bin/chromedriver")),
                              options=options)
    try:
        driver.get(f"{url}/login/")
        wait = WebDriverWait(driver, 60)
        wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, '[data-test="username-input"]'))).send_keys(user)
        driver.find_element(By.CSS_SELECTOR, '[data-test="password-input"]').send_keys(password)
        driver.find_element(By.CSS_SELECTOR, '[data-test="login-button"]').click()
        wait.until(lambda d: "/login" not in d.current_url)
        for chart_id, name in missing:
            driver.get(f"{url}/explore/?slice_id={chart_id}")
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline and (chart_id, name) in _charts_without_query_context():
                time.sleep(1)
    finally:
        driver.quit()
    still = _charts_without_query_context()
    if still:
        sys.exit(f"no query context saved for {still}")
    print(f"saved the query context of {len(missing)} charts; now run `manage.sh export`")


def _charts_without_query_context() -> list[tuple[int, str]]:
    from superset.extensions import db
    from superset.models.slice import Slice

    db.session.remove()  # the server writes them: read afresh
    return [(s.id, s.slice_name) for s in db.session.query(Slice).order_by(Slice.id) if not s.query_context]


def main(argv: list[str]) -> None:
    if not argv:
        sys.exit(__doc__)
    cmd, args = argv[0], argv[1:]
    if cmd == "admin":
        cmd_admin()
    elif cmd == "import" and len(args) == 2:
        cmd_import(Path(args[0]), Path(args[1]))
    elif cmd == "export" and len(args) == 1:
        cmd_export(Path(args[0]))
    elif cmd == "inventory":
        cmd_inventory()
    elif cmd == "query-contexts" and len(args) == 1:
        cmd_query_contexts(args[0].rstrip("/"))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
