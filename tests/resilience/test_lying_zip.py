"""A .docx whose zip headers declare 4 KB for a part that inflates to 1 GiB (issue 15, item 5).

Read as the pipeline reads it, in a separate process: refused quickly, and the process never holds
more than the bounded reader allows, whatever the headers say.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.documents.builders import Content, docx_bytes
from tests.resilience.lying_zip import lying_docx

GIB = 1 << 30
# python + python-docx + the file + the bounded reader's chunk: measured ~110 MB; inflating the GiB
# would take it past 1 GB
MAX_RSS_MB = 400
MAX_SECONDS = 10

READ_IN_CHILD = """
import json, sys, time
from pathlib import Path
from plantrack.ingest import _read_one, scan_sources
from plantrack.model import DocumentError
path = Path(sys.argv[1])
[f] = scan_sources(path.parent).values()
start = time.monotonic()
try:
    _read_one(f, 50 * 2**20)
    code, reason = "read", ""
except DocumentError as exc:
    code, reason = exc.code, exc.reason
# VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over exec, so a child of a big pytest process
# would report the parent's peak; VmHWM is this program's own.
hwm_kb = next(int(x.split()[1]) for x in Path("/proc/self/status").read_text().splitlines() if x.startswith("VmHWM"))
print(json.dumps({"code": code, "reason": reason, "seconds": time.monotonic() - start,
                  "max_rss_mb": hwm_kb / 1024}))
"""


def _read_in_child(path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", READ_IN_CHILD, str(path)], capture_output=True, text=True,
                          timeout=300, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


pytestmark = pytest.mark.slow  # builds a 1 GiB deflate stream once (~5 s), reads it in a child process


@pytest.fixture(scope="module", params=["word/document.xml", "word/styles.xml", "word/media/image1.png"])
def lying_file(request, tmp_path_factory) -> tuple[Path, str]:
    content = Content(lines_before=["广东省佛山市人民政府", "佛山市工业园区提质增效行动方案（2025－2027年）",
                                    "到2027年，园区规模以上工业总产值达到1200亿元。"])
    good = docx_bytes(content)
    path = tmp_path_factory.mktemp("lying") / "园区方案.docx"
    path.write_bytes(lying_docx(good, request.param, inflated=GIB))
    return path, request.param


def test_a_zip_whose_headers_lie_about_a_parts_size_is_not_read(lying_file):
    path, member = lying_file
    result = _read_in_child(path)
    if member.endswith(".xml"):
        assert result["code"] in ("corrupt_docx", "zip_bomb"), result
        assert member in result["reason"] and path.name in result["reason"]
    else:  # media are never inflated: the document's own text is read
        assert result["code"] == "read", result


def test_a_zip_whose_headers_lie_is_handled_within_bounded_time_and_memory(lying_file):
    path, _ = lying_file
    started = time.monotonic()
    result = _read_in_child(path)
    assert result["seconds"] < MAX_SECONDS, result
    assert result["max_rss_mb"] < MAX_RSS_MB, result
    assert time.monotonic() - started < MAX_SECONDS + 20
