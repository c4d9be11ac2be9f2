"""What sits in the sources directory is read as it is, once (issue 15, items 2 and 3).

Symbolic links are not followed; a file that changes while the refresh runs is read consistently or
left for the next run, and the night's other documents are published all the same.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import time
from pathlib import Path

import duckdb
import pytest

from plantrack.ingest import _read_one, scan_sources
from plantrack.model import DocumentError
from tests.conftest import SAMPLE_SOURCES, run_plantrack
from tests.resilience.serving import rows


def _warehouse_rows(data_dir: Path, query: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    try:
        return con.execute(query, params or []).fetchall()
    finally:
        con.close()


def _stored_files(data_dir: Path) -> list[Path]:
    return [p for p in (data_dir / "documents").rglob("*") if p.is_file()]


# ---------------------------------------------------------------- symbolic links

@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    root = tmp_path_factory.mktemp("links")
    sources, data_dir, outside = root / "sources", root / "data", root / "outside"
    shutil.copytree(SAMPLE_SOURCES, sources)
    outside.mkdir()
    (outside / "secret_plan.txt").write_text("机密：到2030年，全市规模以上工业总产值达到9999亿元。\n", encoding="utf-8")
    (sources / "passwd.txt").symlink_to("/etc/passwd")
    (sources / "secret_plan.txt").symlink_to(outside / "secret_plan.txt")
    (sources / "elsewhere").symlink_to(outside, target_is_directory=True)
    result = run_plantrack("refresh", data_dir=data_dir, sources=sources)
    return data_dir, result


def test_a_sources_dir_with_symlinks_still_publishes_its_documents(linked):
    data_dir, result = linked
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    documents = [p for p in SAMPLE_SOURCES.iterdir() if p.is_file() and not p.name.endswith(".meta.json")]
    assert rows(data_dir, "SELECT count(*) FROM marts.dim_document WHERE is_current")[0][0] == len(documents)


@pytest.mark.parametrize("name", ["passwd.txt", "secret_plan.txt", "elsewhere"])
def test_a_symlink_is_quarantined_with_a_reason_naming_it(linked, name):
    data_dir, result = linked
    quarantined = dict(_warehouse_rows(data_dir, "SELECT source_file, reason FROM raw.quarantine "
                                                 "WHERE error_code = 'symlink'"))
    assert name in quarantined, quarantined
    assert "symbolic link" in quarantined[name] and name in quarantined[name]
    assert name in result.stdout


def test_nothing_a_symlink_points_to_reaches_the_warehouse_or_the_document_store(linked):
    data_dir, _ = linked
    texts = [t for (t,) in _warehouse_rows(data_dir, "SELECT text FROM raw.documents")]
    assert not [t for t in texts if "root:" in t or "9999亿元" in t]
    passwd = hashlib.sha256(Path("/etc/passwd").read_bytes()).hexdigest()
    assert not [p for p in _stored_files(data_dir) if p.name.startswith(passwd)]
    assert not [p for p in _stored_files(data_dir) if b"9999" in p.read_bytes()]


# ---------------------------------------------------------------- files changing during the run

def test_a_file_changed_between_scan_and_read_is_refused_not_stored(tmp_path):
    sources, store = tmp_path / "sources", tmp_path / "store"
    sources.mkdir()
    plan = sources / "海淀区行动方案.txt"
    plan.write_text("到2026年，全区数字经济核心产业增加值达到3000亿元。\n" * 50, encoding="utf-8")
    [scanned] = scan_sources(sources).values()
    with plan.open("ab") as fh:  # another process appends after the scan
        fh.write("到2026年，全区研发投入强度达到7%。\n".encode())
    with pytest.raises(DocumentError) as refused:
        _read_one(scanned, 1 << 20, store)
    assert refused.value.code == "changed_while_reading"
    assert plan.name in refused.value.reason and "next run" in refused.value.reason
    assert not store.exists() or not list(store.rglob("*"))


def test_a_file_replaced_by_a_symlink_after_the_scan_is_not_followed(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    plan = sources / "plan.txt"
    plan.write_text("到2026年，全区规模以上工业总产值达到800亿元。\n", encoding="utf-8")
    [scanned] = scan_sources(sources).values()
    plan.unlink()
    plan.symlink_to("/etc/passwd")
    with pytest.raises(DocumentError) as refused:
        _read_one(scanned, 1 << 20)
    assert refused.value.code == "symlink"


def _versions(base: str) -> list[bytes]:
    """Two complete versions of one long release, of different lengths."""
    first = base.encode("utf-8")
    second = (base + "\n补充说明：2024年全区新增规上工业企业12家，同比增长9.1%。\n" * 40).encode("utf-8")
    return [first, second]


@pytest.fixture(scope="module")
def churned(tmp_path_factory):
    """A refresh while another process keeps rewriting one file, slowly, in 8 KB pieces."""
    root = tmp_path_factory.mktemp("churn")
    sources, data_dir = root / "sources", root / "data"
    shutil.copytree(SAMPLE_SOURCES, sources)
    victim = max(sources.iterdir(), key=lambda p: p.stat().st_size)
    versions = _versions(victim.read_text(encoding="utf-8"))
    stop = threading.Event()

    def rewrite() -> None:
        n = 0
        while not stop.is_set():
            data = versions[n % 2]
            with victim.open("wb") as fh:
                for at in range(0, len(data), 8192):
                    fh.write(data[at:at + 8192])
                    fh.flush()
                    os.fsync(fh.fileno())
                    time.sleep(0.002)
            n += 1

    writer = threading.Thread(target=rewrite, daemon=True)
    writer.start()
    try:
        result = run_plantrack("refresh", data_dir=data_dir, sources=sources, timeout=900)
    finally:
        stop.set()
        writer.join()
    return data_dir, victim, versions, result


@pytest.mark.slow
def test_a_file_rewritten_during_the_refresh_does_not_fail_the_night(churned):
    data_dir, victim, _, result = churned
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    current = {f for (f,) in rows(data_dir, "SELECT source_file FROM marts.dim_document WHERE is_current")}
    assert current >= {p.name for p in SAMPLE_SOURCES.iterdir() if p.is_file()} - {victim.name}


@pytest.mark.slow
def test_a_file_rewritten_during_the_refresh_is_stored_only_as_a_complete_version(churned):
    data_dir, victim, versions, _ = churned
    complete = {hashlib.sha256(v).hexdigest() for v in versions} | {
        hashlib.sha256((SAMPLE_SOURCES / victim.name).read_bytes()).hexdigest()}
    stored = {d for (d,) in _warehouse_rows(data_dir, "SELECT document_id FROM raw.documents WHERE source_file = ?",
                                            [victim.name])}
    assert stored <= complete
    for path in _stored_files(data_dir):  # the store holds exactly the bytes its names say
        assert hashlib.sha256(path.read_bytes()).hexdigest() == path.name.split(".")[0]


@pytest.mark.slow
def test_a_torn_read_is_quarantined_with_a_reason_naming_the_file(churned):
    data_dir, victim, _, result = churned
    reasons = [r for (r,) in _warehouse_rows(data_dir, "SELECT reason FROM raw.quarantine WHERE source_file = ?",
                                             [victim.name])]
    for reason in reasons:
        assert victim.name in reason and "next run" in reason
    if reasons:
        assert victim.name in result.stdout


@pytest.mark.parametrize("limit_mb", [50, 3])
def test_the_size_limit_is_stated_in_the_unit_it_is_set_in(tmp_path, monkeypatch, limit_mb):
    from plantrack.config import load_settings

    monkeypatch.setenv("PLANTRACK_MAX_DOCUMENT_MB", str(limit_mb))
    big = tmp_path / "sources" / "巨型规划.txt"
    big.parent.mkdir()
    with big.open("wb") as fh:  # sparse: no real megabytes written
        fh.truncate(limit_mb * 2**20 + 1)
    [scanned] = scan_sources(big.parent).values()
    with pytest.raises(DocumentError) as refused:
        _read_one(scanned, load_settings(big.parent, tmp_path / "data").max_document_bytes)
    assert refused.value.code == "too_large"
    assert f"over the {limit_mb} MB limit" in refused.value.reason and big.name in refused.value.reason
