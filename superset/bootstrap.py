"""Superset set-up steps that the CLI does not do idempotently (run with .venv-superset's python).

    python superset/bootstrap.py admin                       create or update the admin account
    python superset/bootstrap.py import BUNDLE_DIR SERVING   import the YAML bundle (overwrite by uuid)
    python superset/bootstrap.py export BUNDLE_DIR           write the dashboards back into the bundle
    python superset/bootstrap.py inventory                   JSON counts of dashboards, charts, databases

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
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120)


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
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
