"""Small warehouses built from scratch: raw tables via plantrack.warehouse, marts per the contract."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import pytest

from plantrack.model import EXTRACTOR_VERSION, Actual, Target
from plantrack.warehouse import actual_row, connect, insert_rows, target_row

NOW = datetime(2025, 3, 1, 8, 0, 0)


@dataclass
class Doc:
    """A document of made-up statements; each (indicator, value, unit, year) becomes one sentence."""

    source_file: str
    region_name: str
    region_code: str
    targets: list[tuple[str, str, str, int]] = field(default_factory=list)
    actuals: list[tuple[str, str, str, int]] = field(default_factory=list)
    title: str = ""

    @property
    def text(self) -> str:
        lines = [self.title or f"{self.region_name}发展规划（2021－2025年）", "一、主要目标"]
        lines += [f"到{y}年，{ind}达到{v}{u}。" for ind, v, u, y in self.targets]
        lines += [f"{y}年，{ind}完成{v}{u}。" for ind, v, u, y in self.actuals]
        return "\n".join(lines) + "\n"

    @property
    def document_id(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()


def make_targets(doc: Doc) -> list[Target]:
    text, out = doc.text, []
    for ind, v, u, y in doc.targets:
        quote = f"{ind}达到{v}{u}"
        start = text.index(quote)
        kind = "share" if u == "%" else "level"
        out.append(Target(doc.document_id, doc.region_name, None, ind, kind, ">=", v, None, u, float(v), None,
                          u, y, 2020, None, None, None, quote, start, start + len(quote), "一、主要目标",
                          "prose", 0.9))
    return out


def make_actuals(doc: Doc) -> list[Actual]:
    text, out = doc.text, []
    for ind, v, u, y in doc.actuals:
        quote = f"{ind}完成{v}{u}"
        start = text.index(quote)
        out.append(Actual(doc.document_id, doc.region_name, None, ind, "level", y, "全年", None, None, v, u,
                          float(v), u, quote, start, start + len(quote), None, "prose", 0.9))
    return out


def load_docs(warehouse: Path, docs: list[Doc], run_id: str, events: dict[str, str] | None = None,
              targets_of=make_targets, actuals_of=make_actuals) -> None:
    """Write documents + statements + current_sources + ingestion_log as one pipeline run would."""
    events = events or {}
    with connect(warehouse) as con:
        previous = dict(con.execute("SELECT source_file, document_id FROM raw.current_sources").fetchall())
        for d in docs:
            insert_rows(con, "raw.documents", [{
                "document_id": d.document_id, "source_file": d.source_file, "format": "txt",
                "encoding": "utf-8", "size_bytes": len(d.text.encode()), "title": d.title or d.text.split("\n")[0],
                "doc_type": "plan", "issuer": None, "region_name": d.region_name, "region_code": d.region_code,
                "issued_on": None, "plan_start_year": 2021, "plan_end_year": 2025, "metadata_reasons": "{}",
                "metadata_overridden": "[]", "text": d.text, "extractor_version": EXTRACTOR_VERSION,
                "ingested_at": NOW}])
            insert_rows(con, "raw.targets", [target_row(t, EXTRACTOR_VERSION) for t in targets_of(d)])
            insert_rows(con, "raw.actuals", [actual_row(a, EXTRACTOR_VERSION) for a in actuals_of(d)])
        con.execute("DELETE FROM raw.current_sources")
        insert_rows(con, "raw.current_sources", [
            {"source_file": d.source_file, "document_id": d.document_id, "first_seen_at": NOW} for d in docs])
        log = [{"run_id": run_id, "source_file": d.source_file, "document_id": d.document_id,
                "event": events.get(d.source_file, "unchanged" if previous.get(d.source_file) == d.document_id
                                    else "changed" if d.source_file in previous else "added"), "logged_at": NOW}
               for d in docs]
        log += [{"run_id": run_id, "source_file": name, "document_id": doc_id, "event": "removed", "logged_at": NOW}
                for name, doc_id in previous.items() if name not in {d.source_file for d in docs}]
        con.executemany('INSERT INTO raw.ingestion_log (run_id, source_file, document_id, event, logged_at) '
                        "VALUES (?, ?, ?, ?, ?)",
                        [[r["run_id"], r["source_file"], r["document_id"], r["event"], r["logged_at"]] for r in log])


def sample_docs() -> list[Doc]:
    return [
        Doc("a_district_plan.txt", "甲区", "500101",
            targets=[("规上工业总产值", "900", "亿元", 2025), ("研发投入强度", "2.5", "%", 2025),
                     ("高新技术企业", "120", "家", 2025)]),
        Doc("b_county_plan.txt", "乙县", "500102",
            targets=[("数字经济核心产业增加值占比", "12", "%", 2027), ("专精特新企业", "40", "家", 2027)]),
        Doc("a_district_review.txt", "甲区", "500101",
            actuals=[("规上工业总产值", "760", "亿元", 2023), ("高新技术企业", "95", "家", 2023)]),
    ]


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return tmp_path / "warehouse.duckdb"


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    return tmp_path / "reports"


def corrupt(t: Target, **changes) -> Target:
    return replace(t, **changes)
