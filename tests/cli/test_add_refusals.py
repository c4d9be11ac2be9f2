"""`plantrack add` stays in its folder: each refusal is one clear line, exit code 2, nothing written.

Through the real command in a child process, as a person (or a script) would run it: issue 22's cases.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

PLANTRACK = Path(sys.executable).parent / "plantrack"
TEXT = "2025年，全区规模工业产值增长6%。"


def _add(tmp_path: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("PLANTRACK_")}, **(env or {})}
    return subprocess.run([str(PLANTRACK), "add", *args, "--sources", str(tmp_path / "sources"),
                           "--data-dir", str(tmp_path / "data")],
                          capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path)


def _doc(tmp_path: Path, name: str = "review.txt") -> Path:
    doc = tmp_path / name
    doc.write_text(TEXT, encoding="utf-8")
    return doc


def _everything_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")} if folder.exists() else set()


def _refused(result: subprocess.CompletedProcess, *words: str) -> str:
    """Exit 2, one line on stderr saying why, nothing on stdout, no traceback."""
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("plantrack add: refused: "), lines[0]
    assert "Traceback" not in result.stderr and not result.stdout.strip()
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_a_plain_add_lands_in_the_sources_folder_with_its_sidecar(tmp_path):
    result = _add(tmp_path, str(_doc(tmp_path)), "--region", "500116", "--type", "work_review",
                  "--issued", "2026-01-15", "--title", "2025年江津区工业工作回眸")
    assert result.returncode == 0, result.stderr
    assert _everything_under(tmp_path / "sources") == {"review.txt", "review.txt.meta.json"}
    meta = json.loads((tmp_path / "sources" / "review.txt.meta.json").read_text(encoding="utf-8"))
    assert meta == {"region_code": "500116", "doc_type": "work_review", "issued_on": "2026-01-15",
                    "title": "2025年江津区工业工作回眸"}


@pytest.mark.parametrize("name", ["../outside_add.txt", "sub/../../outside_add.txt", "..", "."])
def test_a_name_that_climbs_out_of_the_folder_is_refused(tmp_path, name):
    _refused(_add(tmp_path, str(_doc(tmp_path)), "--name", name), repr(name))
    assert not (tmp_path / "outside_add.txt").exists()
    assert _everything_under(tmp_path / "sources") == set()


def test_an_absolute_name_is_refused(tmp_path):
    target = tmp_path / "abs_add.txt"
    _refused(_add(tmp_path, str(_doc(tmp_path)), "--name", str(target)), "separator")
    assert not target.exists()


def test_a_name_with_folders_is_refused_in_one_line_not_a_traceback(tmp_path):
    _refused(_add(tmp_path, str(_doc(tmp_path)), "--name", "sub/dir/x.txt"), "separator")
    assert _everything_under(tmp_path / "sources") == set()


@pytest.mark.parametrize("name, why", [(".hidden.txt", "begins with '.'"),
                                       ("x.txt.meta.json", ".meta.json"),
                                       ("plan.meta.json", ".meta.json")])
def test_a_name_the_pipeline_would_never_read_is_refused(tmp_path, name, why):
    _refused(_add(tmp_path, str(_doc(tmp_path)), "--name", name), why)
    assert _everything_under(tmp_path / "sources") == set()


def test_a_document_whose_own_name_is_hidden_is_refused_without_name(tmp_path):
    _refused(_add(tmp_path, str(_doc(tmp_path, ".notes.txt"))), "--name")


def test_a_name_too_long_for_the_file_system_is_refused(tmp_path):
    _refused(_add(tmp_path, str(_doc(tmp_path)), "--name", "规" * 100 + ".txt"), "bytes")


def test_a_symbolic_link_is_not_followed(tmp_path):
    link = tmp_path / "innocent.txt"
    link.symlink_to("/etc/passwd")
    _refused(_add(tmp_path, str(link)), "symbolic link")
    assert _everything_under(tmp_path / "sources") == set()


def test_a_dangling_link_a_folder_and_a_missing_file_are_refused(tmp_path):
    dangling = tmp_path / "gone.txt"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    _refused(_add(tmp_path, str(dangling)), "symbolic link")
    (tmp_path / "folder").mkdir()
    _refused(_add(tmp_path, str(tmp_path / "folder")), "folder")
    _refused(_add(tmp_path, str(tmp_path / "missing.txt")), "no such file")


def test_a_link_already_in_the_sources_folder_is_not_written_through(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("untouched", encoding="utf-8")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "review.txt").symlink_to(outside)
    _refused(_add(tmp_path, str(_doc(tmp_path))), "not a regular file")
    assert outside.read_text(encoding="utf-8") == "untouched"


@pytest.mark.parametrize("kind", ["banana", "PLAN", ""])
def test_an_unknown_kind_of_document_is_refused(tmp_path, kind):
    _refused(_add(tmp_path, str(_doc(tmp_path)), "--type", kind), "--type", "work_review")


@pytest.mark.parametrize("region", ["火星区", "999999", "12"])
def test_a_region_not_in_the_division_list_is_refused(tmp_path, region):
    _refused(_add(tmp_path, str(_doc(tmp_path)), "--region", region), f"--region {region}")


def test_a_region_by_name_or_code_from_the_division_list_is_accepted(tmp_path):
    assert _add(tmp_path, str(_doc(tmp_path)), "--region", "綦江区").returncode == 0
    assert _add(tmp_path, str(_doc(tmp_path, "b.txt")), "--region", "500110").returncode == 0


@pytest.mark.parametrize("issued, why", [("2999-01-01", "after today"), ("2025-02-30", "calendar"),
                                         ("last spring", "2024-12-27"), ("20250101", "2024-12-27"),
                                         ("1066-10-14", "before")])
def test_an_issue_date_off_the_calendar_or_in_the_future_is_refused(tmp_path, issued, why):
    _refused(_add(tmp_path, str(_doc(tmp_path)), "--issued", issued), why)


def test_an_issue_date_of_today_is_accepted(tmp_path):
    assert _add(tmp_path, str(_doc(tmp_path)), "--issued", date.today().isoformat()).returncode == 0
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    _refused(_add(tmp_path, str(_doc(tmp_path, "b.txt")), "--issued", tomorrow), "after today")


def test_a_title_of_forty_thousand_characters_is_refused_before_any_sidecar_is_written(tmp_path):
    _refused(_add(tmp_path, str(_doc(tmp_path)), "--title", "规" * 40_000), "40000 characters", "300")
    assert _everything_under(tmp_path / "sources") == set()


def test_a_title_with_line_breaks_is_refused(tmp_path):
    _refused(_add(tmp_path, str(_doc(tmp_path)), "--title", "第一行\n第二行"), "one line")


def test_a_document_over_the_size_limit_is_refused(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (1024 * 1024 + 1))
    _refused(_add(tmp_path, str(big), env={"PLANTRACK_MAX_DOCUMENT_MB": "1"}), "limit")


def test_adding_the_same_bytes_again_is_a_no_op_and_other_bytes_are_refused(tmp_path):
    doc = _doc(tmp_path)
    assert _add(tmp_path, str(doc)).returncode == 0
    assert _add(tmp_path, str(doc)).returncode == 0
    doc.write_text("另一份文件。", encoding="utf-8")
    _refused(_add(tmp_path, str(doc)), "--name")
    assert (tmp_path / "sources" / "review.txt").read_text(encoding="utf-8") == TEXT
    assert _everything_under(tmp_path / "sources") == {"review.txt"}  # no temporary file left behind
