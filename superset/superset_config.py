"""Superset configuration for plantrack (loaded through SUPERSET_CONFIG_PATH by superset/manage.sh).

Everything that varies per installation comes from the environment:
  PLANTRACK_DATA_DIR     metadata DB and logs live in $PLANTRACK_DATA_DIR/superset/
  PLANTRACK_SECRETS_DIR  where the per-installation SECRET_KEY is kept (outside the repo, mode 0600)
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

_REPO = Path(__file__).resolve().parent.parent
_DATA_DIR = Path(os.environ.get("PLANTRACK_DATA_DIR") or _REPO / "data").resolve()
SECRETS_DIR = Path(
    os.environ.get("PLANTRACK_SECRETS_DIR") or Path.home() / ".config" / "plantrack"
).resolve()
SUPERSET_HOME = _DATA_DIR / "superset"
SUPERSET_HOME.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Generated once per installation: Superset encrypts stored connection URIs with it."""
    path = SECRETS_DIR / "superset_secret_key"
    if not path.exists():
        SECRETS_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            # O_EXCL: two processes starting at once must not write two different keys.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(48))
        except FileExistsError:
            pass
    key = path.read_text().strip()
    if len(key) < 32:
        raise RuntimeError(f"{path} holds no usable secret key; delete it to generate a new one")
    return key


SECRET_KEY = _secret_key()
SQLALCHEMY_DATABASE_URI = f"sqlite:///{SUPERSET_HOME / 'superset.db'}?check_same_thread=false"

# Chinese by default, English one click away.
BABEL_DEFAULT_LOCALE = "zh"
LANGUAGES = {
    "zh": {"flag": "cn", "name": "简体中文"},
    "en": {"flag": "us", "name": "English"},
}

# Corrections to Superset's own catalogs, merged over them (later directories win). The stock Chinese
# text for SQL Lab's DML refusal says the query's database was not found.
TRANSLATION_FIXES = {
    "zh": {
        "This database does not allow for DDL/DML, but the query mutates data. Please contact your "
        "administrator for more assistance.":
            "此数据库只读：不允许修改数据或结构的语句（DDL/DML），查询未执行。分析请用 SELECT。",
    },
}


def _translation_fixes() -> str:
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    root = SUPERSET_HOME / "translations"
    for locale, messages in TRANSLATION_FIXES.items():
        catalog = Catalog(locale=locale)
        for msgid, text in messages.items():
            catalog.add(msgid, text)
        path = root / locale / "LC_MESSAGES" / "messages.mo"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"messages.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            write_mo(fh, catalog)
        os.replace(tmp, path)  # gunicorn workers load this module at once
    return str(root)


# "translations" is Superset's own (relative to its package); Flask-AppBuilder's comes first.
BABEL_TRANSLATION_DIRECTORIES = "translations;" + _translation_fixes()

FEATURE_FLAGS = {
    "DASHBOARD_NATIVE_FILTERS": True,
    "DASHBOARD_CROSS_FILTERS": True,
    "DASHBOARD_RBAC": False,
    "ALERT_REPORTS": False,
    "THUMBNAILS": False,
    # Render every chart on open, not only those scrolled into view: dashboards here are short.
    "DASHBOARD_VIRTUALIZATION": False,
}

# Results are not cached: after a refresh every chart must show the newly published numbers.
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
CACHE_CONFIG = {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 300}
FILTER_STATE_CACHE_CONFIG = {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 86400}
EXPLORE_FORM_DATA_CACHE_CONFIG = {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 86400}

# Local, single-machine service: no Celery, no async queries, no outbound calls.
GLOBAL_ASYNC_QUERIES = False
SQLLAB_CTAS_NO_LIMIT = True
ROW_LIMIT = 50000
SUPERSET_WEBSERVER_TIMEOUT = 120
ENABLE_PROXY_FIX = False
RATELIMIT_STORAGE_URI = "memory://"
# Bound to 127.0.0.1 by default; no Content-Security-Policy headers (they block the login redirect
# under plain HTTP in some set-ups) and no warning about it on every command.
TALISMAN_ENABLED = False
CONTENT_SECURITY_POLICY_WARNING = False
WTF_CSRF_ENABLED = True
SESSION_COOKIE_SAMESITE = "Lax"
PREVENT_UNSAFE_DB_CONNECTIONS = True
UPLOAD_FOLDER = str(SUPERSET_HOME / "uploads")

# ------------------------------------------------------------------ the DuckDB lockdown
#
# Superset reads one DuckDB file: the serving file, read-only, external access off, no extensions,
# configuration locked. Whatever a connection's address (`?enable_external_access=true&…`), its `extra`
# (engine_params.connect_args) or its encrypted extra say, nothing can lift that:
#   - saved or tested connections: an address with options, a file other than an allowed one, a
#     driver other than DuckDB, or connect_args / encrypted extra that change DuckDB's settings are
#     refused (DB_SQLA_URI_VALIDATOR for every engine, and a check on every insert / update of a
#     connection: the REST API, imports, the CLI);
#   - every engine Superset creates (DB_CONNECTION_MUTATOR): the address's options are dropped and the
#     connect arguments replaced by exactly these settings (duckdb_engine applies the address's options
#     after connect_args' config, so they must not reach it);
#   - only the connections named in ALLOWED_DUCKDB_DATABASES exist: the bundle's `plantrack` connection,
#     and any an operator lists in PLANTRACK_SUPERSET_DATABASES ("name=/path/file.duckdb", several
#     separated by os.pathsep); never the pipeline's warehouse file (a reader's lock can stop a refresh).
# `lock_configuration` last: once set, no SET can undo the others. `access_mode` must be forced too:
# DuckDB lets config's access_mode=read_write win over read_only=True.
DUCKDB_LOCKDOWN = {
    "access_mode": "READ_ONLY",
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "allow_unsigned_extensions": False,
    "lock_configuration": True,
}
SERVING_FILE = _DATA_DIR / "serving" / "plantrack.duckdb"
WAREHOUSE_FILE = _DATA_DIR / "warehouse.duckdb"


def _operator_databases() -> dict[str, Path]:
    listed = {}
    for item in filter(None, (os.environ.get("PLANTRACK_SUPERSET_DATABASES") or "").split(os.pathsep)):
        name, sep, path = item.partition("=")
        if not sep or not name.strip() or not path.strip():
            raise RuntimeError(f"PLANTRACK_SUPERSET_DATABASES: {item!r} is not name=/path/file.duckdb")
        listed[name.strip()] = Path(path.strip())
    return listed


ALLOWED_DUCKDB_DATABASES = {"plantrack": SERVING_FILE, **_operator_databases()}


def _same_file(a, b) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


def _uri_problems(uri) -> list[str]:
    """Why Superset may not connect to this address (empty: it may)."""
    if not uri.drivername.startswith("duckdb"):
        return [f"only DuckDB connections to the plantrack serving file are allowed, not {uri.drivername}"]
    problems = []
    if uri.query:
        problems.append("options in the connection address are not allowed "
                        f"({', '.join(sorted(uri.query))}): the DuckDB settings are fixed by plantrack")
    if uri.host or uri.username or uri.password or uri.port:
        problems.append("a DuckDB address names a file only (duckdb:////path/to/file.duckdb)")
    database = uri.database or ""
    if not database or database == ":memory:" or database.startswith("md:") or ":" in database.split("/")[0]:
        problems.append("the address must name an allowed DuckDB file")
    elif _same_file(database, WAREHOUSE_FILE):
        problems.append("the warehouse file is the pipeline's own (a reader's lock can stop a refresh): "
                        "connect to the serving file, serving/plantrack.duckdb")
    elif not any(_same_file(database, path) for path in ALLOWED_DUCKDB_DATABASES.values()):
        # (the allowed paths are not named: a refusal may reach someone not logged in)
        problems.append(f"{database} is not an allowed DuckDB file (an operator allows one with "
                        "PLANTRACK_SUPERSET_DATABASES)")
    return problems


def DB_SQLA_URI_VALIDATOR(uri) -> None:  # noqa: N802
    """Superset calls this before creating any engine (connection tests, SQL Lab, charts)."""
    problems = _uri_problems(uri)
    if problems:
        raise ValueError("; ".join(problems))


def DB_CONNECTION_MUTATOR(uri, params, username, security_manager, source):  # noqa: N802, ARG001
    """Superset calls this for every engine it creates (SQL Lab, charts, connection tests): the address
    loses its options and DuckDB gets exactly the lockdown, whatever `extra` or encrypted extra said."""
    DB_SQLA_URI_VALIDATOR(uri)
    uri = uri.set(query={})
    forced = {"connect_args": {"read_only": True, "config": dict(DUCKDB_LOCKDOWN)}}
    if "poolclass" in params:
        forced["poolclass"] = params["poolclass"]
    return uri, forced


def _extra_problems(extra: dict, encrypted_extra: dict) -> list[str]:
    problems = []
    engine_params = extra.get("engine_params") or {}
    unknown = sorted(set(engine_params) - {"connect_args"})
    if unknown:
        problems.append(f"engine_params {', '.join(unknown)} are not allowed")
    connect_args = engine_params.get("connect_args") or {}
    for key, value in connect_args.items():
        if key == "read_only" and value is True:
            continue
        if key == "config" and isinstance(value, dict):
            for name, setting in value.items():
                if name not in DUCKDB_LOCKDOWN or str(DUCKDB_LOCKDOWN[name]).lower() != str(setting).lower():
                    problems.append(f"connect_args config {name}={setting!r} is not allowed: the DuckDB "
                                    "settings are fixed by plantrack")
            continue
        problems.append(f"connect_args {key}={value!r} is not allowed")
    if encrypted_extra:
        problems.append("a secure extra (encrypted_extra) is not allowed on a DuckDB connection")
    return problems


def database_problems(database) -> list[str]:
    """Why this connection may not be saved (empty: it may): checked on every insert and update."""
    import json

    from sqlalchemy.engine.url import make_url

    problems = []
    name = database.database_name
    allowed = ALLOWED_DUCKDB_DATABASES.get(name)
    try:
        uri = make_url(database.sqlalchemy_uri or "")
    except Exception:  # noqa: BLE001
        return [f"{database.sqlalchemy_uri!r} is not a connection address"]
    problems += _uri_problems(uri)
    if allowed is None:
        problems.append(f"no connection named {name!r} is configured: connections are added by an operator "
                        "(PLANTRACK_SUPERSET_DATABASES), not in the UI")
    elif uri.database and not _same_file(uri.database, allowed):
        problems.append(f"the connection {name!r} reads its configured file, not {uri.database}")
    try:
        extra = json.loads(database.extra or "{}")
        encrypted = json.loads(database.encrypted_extra or "{}")
    except (TypeError, ValueError):
        return [*problems, "extra / secure extra must be JSON objects"]
    problems += _extra_problems(extra if isinstance(extra, dict) else {},
                                encrypted if isinstance(encrypted, dict) else {"?": encrypted})
    for flag in ("allow_dml", "allow_file_upload", "allow_ctas", "allow_cvas", "impersonate_user"):
        if getattr(database, flag, False):
            problems.append(f"{flag} is not allowed: the serving file is read-only")
    return problems


def _refuse_unsafe_database(mapper, connection, target) -> None:  # noqa: ARG001
    problems = database_problems(target)
    if problems:
        from marshmallow import ValidationError
        from superset.commands.database.exceptions import DatabaseInvalidError

        raise DatabaseInvalidError(exceptions=[ValidationError("; ".join(problems), field_name="sqlalchemy_uri")])


def _refuse_unsafe_request():
    """A new connection or a connection test posted to the REST API is checked before Superset's own
    commands run: they would answer only "Database could not be created" for a refusal at insert."""
    from types import SimpleNamespace

    from flask import jsonify, request

    if request.method != "POST":
        return None
    path = request.path.rstrip("/")
    if path not in ("/api/v1/database", "/api/v1/database/test_connection"):
        return None
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not body.get("sqlalchemy_uri"):
        return None  # Superset's own validation answers; the insert check still applies
    candidate = SimpleNamespace(
        database_name=body.get("database_name") if path.endswith("database") else "plantrack",
        sqlalchemy_uri=body["sqlalchemy_uri"], extra=body.get("extra"),
        encrypted_extra=body.get("masked_encrypted_extra") or body.get("encrypted_extra"),
        **{flag: body.get(flag) for flag in ("allow_dml", "allow_file_upload", "allow_ctas", "allow_cvas",
                                             "impersonate_user")})
    if path.endswith("test_connection"):
        # a test names no stored connection: the address must be one an allowed connection may use
        candidate.database_name = next((n for n, f in ALLOWED_DUCKDB_DATABASES.items()
                                        if _address_file_is(body["sqlalchemy_uri"], f)), "plantrack")
    problems = database_problems(candidate)
    if problems:
        return jsonify({"message": {"sqlalchemy_uri": ["; ".join(problems)]}}), 422
    return None


def _address_file_is(address: str, path: Path) -> bool:
    from sqlalchemy.engine.url import make_url

    try:
        return bool(make_url(address).database) and _same_file(make_url(address).database, path)
    except Exception:  # noqa: BLE001
        return False


def FLASK_APP_MUTATOR(app) -> None:  # noqa: N802
    """Refuse, on every insert or update of a connection (REST API, imports, CLI), what the lockdown
    does not allow, with the reasons: Superset answers 422 and nothing is saved."""
    from sqlalchemy import event
    from superset.models.core import Database

    for when in ("before_insert", "before_update"):
        if not event.contains(Database, when, _refuse_unsafe_database):
            event.listen(Database, when, _refuse_unsafe_database)
    app.before_request(_refuse_unsafe_request)
