"""SQL Lab through Superset's REST API, logged in as the admin: the marts and nothing else.

Each probe is what issue 15's tester sent; every one must be refused by DuckDB itself (the
connection's settings), and a plain SELECT on the marts must still answer.
"""

from __future__ import annotations

import secrets

import duckdb
import pytest

from tests.browser.superset_harness import Superset, api_session


class SqlLab:
    def __init__(self, superset: Superset):
        self.url = superset.url
        self.http = api_session(superset)
        csrf = self.http.get(f"{self.url}/api/v1/security/csrf_token/", timeout=60)
        csrf.raise_for_status()
        self.http.headers.update({"X-CSRFToken": csrf.json()["result"], "Referer": self.url})
        dbs = self.http.get(f"{self.url}/api/v1/database/", timeout=60).json()["result"]
        self.database_id = next(d["id"] for d in dbs if d["database_name"] == "plantrack")

    def execute(self, sql: str) -> tuple[int, dict]:
        answer = self.http.post(f"{self.url}/api/v1/sqllab/execute/", timeout=120, json={
            "database_id": self.database_id, "sql": sql, "schema": "marts", "runAsync": False,
            "client_id": secrets.token_hex(5), "tab": "probe", "expand_data": True})
        try:
            return answer.status_code, answer.json()
        except ValueError:
            return answer.status_code, {"message": answer.text[:500]}


def _error_text(body: dict) -> str:
    errors = body.get("errors") or []
    return (body.get("message") or "") + " ".join(str(e.get("message", "")) for e in errors)


@pytest.fixture(scope="module")
def sqllab(superset) -> SqlLab:
    return SqlLab(superset)


def test_sqllab_reads_the_marts(sqllab):
    status, body = sqllab.execute("SELECT count(*) AS n FROM marts.mart_target_progress")
    assert status == 200, body
    assert body["data"][0]["n"] > 0


def test_sqllab_cannot_read_system_files(sqllab):
    status, body = sqllab.execute("SELECT * FROM read_csv('/etc/passwd')")
    assert status != 200 and "root:" not in str(body)
    assert "disabled by configuration" in _error_text(body), body


def test_sqllab_cannot_read_supersets_secret_key(sqllab, superset):
    key_file = superset.secrets_dir / "superset_secret_key"
    key = key_file.read_text().strip()
    status, body = sqllab.execute(f"SELECT content FROM read_text('{key_file}')")
    assert status != 200 and key not in str(body)


def test_sqllab_cannot_list_directories(sqllab, superset):
    status, body = sqllab.execute(f"SELECT * FROM glob('{superset.secrets_dir}/*')")
    assert status != 200 and "superset_secret_key" not in str(body)


def test_sqllab_cannot_write_files_with_copy(sqllab, tmp_path):
    target = tmp_path / "leak.csv"
    status, body = sqllab.execute(f"COPY (SELECT 1 AS a) TO '{target}'")
    assert status != 200 and not target.exists(), body


def test_sqllab_cannot_attach_another_database(sqllab, tmp_path):
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE secret AS SELECT 'hidden' AS v")
    con.close()
    status, body = sqllab.execute(f"ATTACH '{other}' AS other (READ_ONLY)")
    assert status != 200, body
    status, body = sqllab.execute("SELECT * FROM other.secret")
    assert status != 200 and "hidden" not in str(body)


@pytest.mark.parametrize("sql", ["INSTALL httpfs", "LOAD httpfs",
                                 "SELECT * FROM read_csv('https://example.com/x.csv')"])
def test_sqllab_cannot_install_or_load_extensions_or_reach_urls(sqllab, sql):
    status, body = sqllab.execute(sql)
    assert status != 200, body


@pytest.mark.parametrize("sql", ["SET enable_external_access = true", "SET memory_limit = '64GB'",
                                 "RESET lock_configuration"])
def test_sqllab_cannot_change_duckdb_settings(sqllab, sql):
    status, body = sqllab.execute(sql)
    assert status != 200, body
    # and the lock held: files are still out of reach afterwards
    status, body = sqllab.execute("SELECT * FROM read_csv('/etc/passwd')")
    assert status != 200 and "root:" not in str(body)


def test_sqllab_refuses_writes_with_an_honest_message(sqllab):
    status, body = sqllab.execute("CREATE TABLE marts.probe AS SELECT 1 AS a")
    assert status != 200, body
    text = _error_text(body).lower()  # Superset's UI language here is Chinese
    assert "not found" not in text and "找不到" not in text, body  # the stock zh catalog said "database not found"
    assert "dml" in text and "只读" in text, body
