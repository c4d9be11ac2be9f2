"""Nobody lifts the DuckDB lockdown through a connection: through Superset's real REST API, as an admin.

Issue 22's tester saved `duckdb:///…/serving/plantrack.duckdb?enable_external_access=true&…` (as a new
connection, and as an edit of `plantrack`), then read /etc/passwd, wrote files with COPY and created
tables through it. Every lockdown-lifting option, in the address or in `extra` (connect_args), is
refused when a connection is saved or tested; a connection stored with them anyway (written straight
into Superset's metadata DB, as an old installation may hold one) answers nothing unsafe; connections to
the warehouse or any other file are refused; only the bundle's connection exists.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from tests.browser.superset_harness import Superset, api_session

# Every DuckDB option that widens what a connection may do (files, network, extensions, writes, settings).
LIFTING_OPTIONS = {
    "external_access": "enable_external_access=true",
    "unlock": "lock_configuration=false",
    "read_write": "access_mode=read_write",
    "unsigned_extensions": "allow_unsigned_extensions=true",
    "community_extensions": "allow_community_extensions=true",
    "autoload": "autoload_known_extensions=true",
    "autoinstall": "autoinstall_known_extensions=true",
    "allowed_directories": "allowed_directories=/etc",
    "allowed_paths": "allowed_paths=/etc/passwd",
    "allowed_configs": "allowed_configs=enable_external_access",
    "temp_directory": "temp_directory=/tmp/plantrack-probe",
    "log_query_path": "log_query_path=/tmp/plantrack-probe.log",
    "extension_repository": "custom_extension_repository=http://127.0.0.1:9/",
    "motherduck_user": "user=admin",
    "several": "enable_external_access=true&lock_configuration=false&access_mode=read_write",
}

LIFTING_CONNECT_ARGS = {
    "external_access": {"config": {"enable_external_access": True}},
    "unlock": {"config": {"lock_configuration": False}},
    "read_write_flag": {"read_only": False},
    "read_write_mode": {"config": {"access_mode": "read_write"}},
    "unsigned_extensions": {"config": {"allow_unsigned_extensions": True}},
    "allowed_directories": {"config": {"allowed_directories": ["/"]}},
    "preload_extensions": {"preload_extensions": ["httpfs"]},
    "autoload": {"config": {"autoload_known_extensions": True, "autoinstall_known_extensions": True}},
}

UNSAFE_SQL = {
    "read_passwd": "SELECT * FROM read_text('/etc/passwd')",
    "copy_to": "COPY (SELECT 1 AS a) TO '{tmp}/leak.csv'",
    "create_table": "CREATE TABLE marts.probe_table AS SELECT 1 AS a",
}


class Api:
    def __init__(self, superset: Superset):
        self.superset = superset
        self.url = superset.url
        self.http = api_session(superset)
        csrf = self.http.get(f"{self.url}/api/v1/security/csrf_token/", timeout=60)
        csrf.raise_for_status()
        self.http.headers.update({"X-CSRFToken": csrf.json()["result"], "Referer": self.url})

    @property
    def serving(self) -> Path:
        return self.superset.data_dir / "serving" / "plantrack.duckdb"

    @property
    def warehouse(self) -> Path:
        return self.superset.data_dir / "warehouse.duckdb"

    def databases(self) -> dict[str, int]:
        rows = self.http.get(f"{self.url}/api/v1/database/", timeout=60).json()["result"]
        return {d["database_name"]: d["id"] for d in rows}

    def plantrack_id(self) -> int:
        return self.databases()["plantrack"]

    def stored(self, database_id: int) -> dict:
        answer = self.http.get(f"{self.url}/api/v1/database/{database_id}/connection", timeout=60)
        answer.raise_for_status()
        return answer.json()["result"]

    def create(self, uri: str, extra: dict | None = None, name: str | None = None):
        body = {"database_name": name or f"probe_{secrets.token_hex(4)}", "sqlalchemy_uri": uri,
                "expose_in_sqllab": True}
        if extra is not None:
            body["extra"] = json.dumps(extra)
        return self.http.post(f"{self.url}/api/v1/database/", json=body, timeout=120)

    def test_connection(self, uri: str, extra: dict | None = None):
        body = {"database_name": "probe", "sqlalchemy_uri": uri}
        if extra is not None:
            body["extra"] = json.dumps(extra)
        return self.http.post(f"{self.url}/api/v1/database/test_connection/", json=body, timeout=120)

    def edit(self, database_id: int, **changes):
        if "extra" in changes:
            changes["extra"] = json.dumps(changes["extra"])
        return self.http.put(f"{self.url}/api/v1/database/{database_id}", json=changes, timeout=120)

    def execute(self, database_id: int, sql: str) -> tuple[int, dict]:
        answer = self.http.post(f"{self.url}/api/v1/sqllab/execute/", timeout=120, json={
            "database_id": database_id, "sql": sql, "schema": "marts", "runAsync": False,
            "client_id": secrets.token_hex(5), "tab": "probe", "expand_data": True})
        try:
            return answer.status_code, answer.json()
        except ValueError:
            return answer.status_code, {"message": answer.text[:500]}


@pytest.fixture(scope="module")
def api(superset) -> Api:
    return Api(superset)


def _refused(answer) -> str:
    assert answer.status_code >= 400, (answer.status_code, answer.text[:1000])
    return answer.text


def _extra_with(connect_args: dict) -> dict:
    return {"engine_params": {"connect_args": connect_args}, "allows_virtual_table_explore": True}


# ------------------------------------------------------------------ saving and testing are refused

@pytest.mark.parametrize("option", LIFTING_OPTIONS.values(), ids=LIFTING_OPTIONS.keys())
def test_a_new_connection_with_a_lifting_option_in_its_address_is_refused(api, option):
    before = api.databases()
    _refused(api.create(f"duckdb:///{api.serving}?{option}"))
    _refused(api.test_connection(f"duckdb:///{api.serving}?{option}"))
    assert api.databases() == before


@pytest.mark.parametrize("option", LIFTING_OPTIONS.values(), ids=LIFTING_OPTIONS.keys())
def test_editing_the_plantrack_connection_to_add_a_lifting_option_is_refused(api, option):
    database_id = api.plantrack_id()
    before = api.stored(database_id)["sqlalchemy_uri"]
    text = _refused(api.edit(database_id, sqlalchemy_uri=f"duckdb:///{api.serving}?{option}"))
    assert "not allowed" in text
    assert api.stored(database_id)["sqlalchemy_uri"] == before


@pytest.mark.parametrize("connect_args", LIFTING_CONNECT_ARGS.values(), ids=LIFTING_CONNECT_ARGS.keys())
def test_connect_args_that_lift_the_lockdown_are_refused_new_or_edited(api, connect_args):
    before = api.databases()
    _refused(api.create(f"duckdb:///{api.serving}", extra=_extra_with(connect_args)))
    assert api.databases() == before
    database_id = api.plantrack_id()
    stored = api.stored(database_id)["extra"]
    _refused(api.edit(database_id, extra=_extra_with(connect_args)))
    assert api.stored(database_id)["extra"] == stored


def test_a_secure_extra_is_refused(api):
    _refused(api.edit(api.plantrack_id(), masked_encrypted_extra=json.dumps(
        {"engine_params": {"connect_args": {"config": {"enable_external_access": True}}}})))


def test_a_connection_to_the_warehouse_file_is_refused(api):
    before = api.databases()
    text = _refused(api.create(f"duckdb:///{api.warehouse}"))
    assert "warehouse" in text
    _refused(api.test_connection(f"duckdb:///{api.warehouse}"))
    _refused(api.edit(api.plantrack_id(), sqlalchemy_uri=f"duckdb:///{api.warehouse}"))
    assert api.databases() == before


@pytest.mark.parametrize("where", ["other_file", "memory", "motherduck", "sqlite", "serving_by_link"])
def test_a_connection_to_anything_but_the_serving_file_is_refused(api, tmp_path, where):
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    link = tmp_path / "link.duckdb"
    link.symlink_to(api.warehouse)
    uri = {"other_file": f"duckdb:///{other}", "memory": "duckdb:///:memory:",
           "motherduck": "duckdb:///md:my_db", "sqlite": f"sqlite:///{tmp_path / 'x.db'}",
           "serving_by_link": f"duckdb:///{link}"}[where]
    before = api.databases()
    _refused(api.create(uri))
    _refused(api.test_connection(uri))
    assert api.databases() == before


def test_only_the_bundles_connection_exists_and_a_second_one_to_the_serving_file_is_refused(api):
    assert list(api.databases()) == ["plantrack"]
    text = _refused(api.create(f"duckdb:///{api.serving}", name="another_view_of_the_marts"))
    assert "operator" in text
    assert list(api.databases()) == ["plantrack"]


def test_the_plantrack_connection_itself_still_tests_and_answers(api):
    assert api.test_connection(f"duckdb:///{api.serving}").status_code == 200
    status, body = api.execute(api.plantrack_id(), "SELECT count(*) AS n FROM marts.mart_target_progress")
    assert status == 200 and body["data"][0]["n"] > 0, body


# ------------------------------------------------------------------ stored anyway: inert

@contextmanager
def _stored_directly(api: Api, uri: str | None = None, extra: dict | None = None):
    """Write the plantrack connection's row in Superset's metadata DB behind the API (as an installation
    from before the lockdown may hold it), and put it back afterwards."""
    metadata = sqlite3.connect(api.superset.data_dir / "superset" / "superset.db")
    try:
        saved = metadata.execute("SELECT sqlalchemy_uri, extra FROM dbs WHERE database_name = 'plantrack'").fetchone()
        metadata.execute("UPDATE dbs SET sqlalchemy_uri = ?, extra = ? WHERE database_name = 'plantrack'",
                         [uri or saved[0], json.dumps(extra) if extra is not None else saved[1]])
        metadata.commit()
        yield
    finally:
        metadata.execute("UPDATE dbs SET sqlalchemy_uri = ?, extra = ? WHERE database_name = 'plantrack'", saved)
        metadata.commit()
        metadata.close()


def _answers_nothing_unsafe(api: Api, tmp_path: Path) -> None:
    database_id = api.plantrack_id()
    for name, sql in UNSAFE_SQL.items():
        status, body = api.execute(database_id, sql.format(tmp=tmp_path))
        assert status != 200, (name, body)
        assert "root:" not in json.dumps(body), name
    assert not (tmp_path / "leak.csv").exists()
    for path in (api.serving, api.warehouse):
        con = duckdb.connect(str(path), read_only=True)
        try:
            assert not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'probe_table'"
                                   ).fetchone()[0], path
        finally:
            con.close()


@pytest.mark.parametrize("option", LIFTING_OPTIONS.values(), ids=LIFTING_OPTIONS.keys())
def test_an_address_with_lifting_options_stored_behind_the_api_answers_nothing_unsafe(api, tmp_path, option):
    with _stored_directly(api, uri=f"duckdb:///{api.serving}?{option}"):
        _answers_nothing_unsafe(api, tmp_path)


@pytest.mark.parametrize("connect_args", LIFTING_CONNECT_ARGS.values(), ids=LIFTING_CONNECT_ARGS.keys())
def test_connect_args_stored_behind_the_api_are_overridden_by_the_lockdown(api, tmp_path, connect_args):
    with _stored_directly(api, extra=_extra_with(connect_args)):
        _answers_nothing_unsafe(api, tmp_path)
        # the connection still works, with the lockdown's settings, not the stored ones
        status, body = api.execute(api.plantrack_id(), "SELECT current_setting('enable_external_access') AS ext, "
                                   "current_setting('lock_configuration') AS locked, "
                                   "current_setting('access_mode') AS mode")
        assert status == 200, body
        assert body["data"][0] == {"ext": False, "locked": True, "mode": "read_only"}, body["data"]


def test_a_warehouse_address_stored_behind_the_api_is_refused(api):
    with _stored_directly(api, uri=f"duckdb:///{api.warehouse}"):
        status, body = api.execute(api.plantrack_id(), "SELECT 1 AS one")
        assert status != 200, body
