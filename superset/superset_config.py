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

# DuckDB settings every connection to the serving file gets, whatever the connection's stored
# `extra` says (an admin editing it in the UI cannot loosen them): read the marts, nothing else.
# `lock_configuration` last: once set, no SET can undo the others.
DUCKDB_LOCKDOWN = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "allow_unsigned_extensions": False,
    "lock_configuration": True,
}


def DB_CONNECTION_MUTATOR(uri, params, username, security_manager, source):  # noqa: N802, ARG001
    """Superset calls this for every engine it creates (SQL Lab, charts, connection tests)."""
    if uri.drivername.startswith("duckdb"):
        connect_args = params.setdefault("connect_args", {})
        connect_args["read_only"] = True
        connect_args["config"] = {**connect_args.get("config", {}), **DUCKDB_LOCKDOWN}
    return uri, params
