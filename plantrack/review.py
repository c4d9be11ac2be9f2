"""The review list and corrections from the command line: what `plantrack review` and `plantrack correct` do.

Everything is read from the serving file (the review list `mart_review_queue`, the facts, dim_document)
and written to the corrections log in the data directory (plantrack/corrections.py); the next refresh
applies the log without reading any document again.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb

from plantrack import corrections
from plantrack.corrections import Correction, Refused

# The review list's columns in a spreadsheet, then the analyst's answer.
EXPORT_COLUMNS = ("item_id", "review_rank", "item_type", "reason_zh", "reason_en", "fields_to_check", "what_it_read",
                  "best_answer", "judgements_unlocked", "source_file", "quote", "char_start", "char_end")
ANSWER_COLUMNS = ("field", "answer", "by", "why")
ANSWER_HELP = ("field: one of " + ", ".join(corrections.STATEMENT_FIELDS) + " (a value) or "
               + ", ".join(corrections.DOCUMENT_FIELDS) + " (a document); empty = the only field to check. "
               "answer: the right value (exclude: yes). by / why: who answers and why (or --by / --why). "
               "One row per field; copy a row to answer two fields of one item.")


@dataclass(frozen=True)
class Subject:
    """What a correction is about, found in the serving file, with its fields' values now (before)."""

    kind: str  # statement | document
    document_id: str
    source_file: str | None
    quote: str | None = None
    char_start: int | None = None
    char_end: int | None = None
    value_raw: str | None = None
    indicator_text: str | None = None
    statement_id: str | None = None
    now: dict | None = None  # field -> its value now, as text

    def correction(self, field: str, value: str, by: str, why: str) -> Correction:
        """A checked correction of one field (Refused when the value cannot be right)."""
        if not (by or "").strip():
            raise Refused("--by: say who makes the correction")
        if not (why or "").strip():
            raise Refused("--why: say why (the quote says …, the release of … gives …)")
        by, why = corrections.check_note("by", by), corrections.check_note("why", why)
        after, label = corrections.check(self.kind, field, value)
        return Correction(subject=self.kind, field=field, after=after, after_label=label, by=by, why=why, document_id=self.document_id, source_file=self.source_file,
                          quote=self.quote, char_start=self.char_start, char_end=self.char_end,
                          value_raw=self.value_raw, indicator_text=self.indicator_text,
                          statement_id=self.statement_id, before=(self.now or {}).get(field))


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> dict | None:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    rows = cur.fetchall()  # all of it: a result left unfinished blocks the connection's next query
    return dict(zip(names, rows[0], strict=True)) if rows else None


def _text(v) -> str | None:
    return None if v is None else str(v)


def find(con: duckdb.DuckDBPyConnection, what: str) -> Subject:
    """A review item (r_…), a target (t_…) or actual value (a_…) id, or a document (its sha256, a prefix of
    at least 8 characters, or its source file)."""
    what = what.strip()
    if what.startswith("r_"):
        item = _one(con, "SELECT * FROM mart_review_queue WHERE item_id = ?", [what])
        if item is None:
            raise Refused(f"{what}: no such item in the review list (plantrack review lists them)")
        if item["statement_id"]:
            return find(con, item["statement_id"])
        return find(con, item["document_id"])
    row = _one(con, "SELECT *, 'target' AS statement_class FROM fct_plan_targets WHERE target_id = ?", [what])
    if row is not None:
        now = {"year": _text(row["target_year"]), "kind": "target", "value": _text(row["value"]),
               "unit": row["unit"], "indicator": row["indicator_id"], "place": row["region_name"],
               "exclude": "true" if row["override_action"] == "reject" else "false"}
        return Subject("statement", row["document_id"], row["source_file"], row["quote"], row["char_start"],
                       row["char_end"], row["value_raw"], row["indicator_text"], what, now)
    row = _one(con, "SELECT * FROM fct_indicator_actuals_history WHERE actual_id = ? ORDER BY is_latest DESC "
                    "LIMIT 1", [what])
    if row is not None:
        now = {"year": _text(row["period_year"]), "period": row["period_label"],
               "kind": "estimate" if row.get("is_estimate") else "actual", "value": _text(row["value"]),
               "unit": row["unit"], "indicator": row["indicator_id"], "place": row["region_name"],
               "exclude": "true" if row["override_action"] == "reject" else "false"}
        return Subject("statement", row["document_id"], row["source_file"], row["quote"], row["char_start"],
                       row["char_end"], row["value_raw"], row["indicator_text"], what, now)
    docs = con.execute("SELECT * FROM dim_document WHERE document_id = ? OR source_file = ? "
                       "OR (length(?) >= 8 AND starts_with(document_id, ?)) ORDER BY is_current DESC",
                       [what, what, what, what])
    names = [d[0] for d in docs.description]
    rows = [dict(zip(names, r, strict=True)) for r in docs.fetchall()]
    if len({r["document_id"] for r in rows}) > 1 and not any(r["source_file"] == what and r["is_current"] for r in rows):
        raise Refused(f"{what}: more than one document; give more of its sha256")
    if rows:
        d = rows[0]
        period = (f"{d['plan_start_year']}-{d['plan_end_year']}" if d["plan_start_year"] and d["plan_end_year"]
                  else _text(d["period_year"]))
        now = {"place": d["region_code"], "kind": d["doc_type"], "date": _text(d["issued_on"]), "period": period}
        return Subject("document", d["document_id"], d["source_file"], now=now)
    raise Refused(f"{what}: no review item, target, actual value or document has this id or file name")


# --- listing ---------------------------------------------------------------------------------------

def queue(con: duckdb.DuckDBPyConnection, limit: int | None = None):
    sql = ("SELECT review_rank AS rank, item_id, item_type AS type, judgements_unlocked AS unlocks, reason_zh, "
           "reason_en, what_it_read, best_answer, source_file FROM mart_review_queue ORDER BY review_rank")
    return con.sql(sql + (f" LIMIT {int(limit)}" if limit else "")).pl()


def summary(con: duckdb.DuckDBPyConnection) -> dict:
    row = con.execute("SELECT count(*), coalesce(sum(judgements_unlocked), 0) FROM mart_review_queue").fetchall()[0]
    by_reason = con.execute(
        "SELECT reason, count(*), sum(judgements_unlocked) FROM (SELECT unnest(string_split(reason_codes, ',')) "
        "AS reason, judgements_unlocked FROM mart_review_queue) GROUP BY 1 ORDER BY 2 DESC").fetchall()
    orphaned = con.execute("SELECT count(*) FROM mart_corrections WHERE status = 'orphaned'").fetchall()[0][0]
    return {"items": row[0], "judgements_unlocked": int(row[1]), "by_reason": by_reason, "orphaned": orphaned}


# --- spreadsheets ----------------------------------------------------------------------------------

def export(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """The whole review list, with empty answer columns, as .xlsx (or .csv, UTF-8 with BOM for Excel)."""
    cols = ", ".join(EXPORT_COLUMNS)
    rows = con.execute(f"SELECT {cols} FROM mart_review_queue ORDER BY review_rank").fetchall()
    header = list(EXPORT_COLUMNS) + list(ANSWER_COLUMNS)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows([*r, "", "", "", ""] for r in rows)
        return len(rows)
    if path.suffix.lower() != ".xlsx":
        raise Refused(f"{path.name}: write .xlsx or .csv")
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "待核对"
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    answer_fill = PatternFill("solid", fgColor="FFF2CC")
    for i, name in enumerate(header, start=1):
        if name in ANSWER_COLUMNS:
            ws.cell(row=1, column=i).fill = answer_fill
            ws.cell(row=1, column=i).comment = Comment(ANSWER_HELP, "plantrack")
    for r in rows:
        ws.append([*r, None, None, None, None])
    ws.freeze_panes = "B2"
    wb.save(path)
    return len(rows)


def _read_rows(path: Path) -> list[tuple[int, dict]]:
    """(spreadsheet row number, row) for every row below the header."""
    if path.suffix.lower() == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as f:
            return [(i, row) for i, row in enumerate(csv.DictReader(f), start=2)]
    if path.suffix.lower() != ".xlsx":
        raise Refused(f"{path.name}: read .xlsx or .csv")
    from openpyxl import load_workbook

    ws = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    it = ws.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(it, ())]
    return [(i, {h: v for h, v in zip(header, row, strict=False) if h}) for i, row in enumerate(it, start=2)]


@dataclass
class ImportResult:
    corrections: list[Correction]
    errors: list[str]  # "row 7: …"
    answered: int


def read_answers(con: duckdb.DuckDBPyConnection, path: Path, by: str | None, why: str | None) -> ImportResult:
    """Every answered row checked; a row with no answer is skipped. Nothing is written here."""
    rows = _read_rows(path)
    if rows and not {"item_id", "answer"} <= set(rows[0][1]):
        return ImportResult([], [f"{path.name}: no item_id / answer columns (write it with plantrack review export)"], 0)
    out, errors, answered = [], [], 0
    def text(row: dict, name: str) -> str:
        v = row.get(name)
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        return "" if v is None else str(v).strip()

    for n, row in rows:
        def cell(name: str, row: dict = row) -> str:
            return text(row, name)

        answer, field = cell("answer"), cell("field")
        if not answer and not field:
            continue
        answered += 1
        item = cell("item_id")
        try:
            if not item:
                raise Refused("no item_id")
            subject = find(con, item)
            if not field:
                fields = [f for f in cell("fields_to_check").split(",") if f]
                if len(fields) != 1:
                    raise Refused("say which field the answer is for (column field: "
                                  + ", ".join(fields or corrections.STATEMENT_FIELDS) + ")")
                field = fields[0]
            out.append(subject.correction(field, answer, cell("by") or by or "", cell("why") or why or ""))
        except Refused as exc:
            errors.append(f"row {n}: {item or '?'}: {exc}")
    return ImportResult(out, errors, answered)


def migrate_overrides(con: duckdb.DuckDBPyConnection, files: list[Path]) -> tuple[list[Correction], list[str]]:
    """The two retired seeds (target_overrides.csv / actual_overrides.csv: id, action, field, new_value,
    by, reason, at) as corrections keyed by the text: each id is looked up in the serving file."""
    field_of = {"target_year": "year", "period_year": "year", "indicator_id": "indicator"}
    out, problems = [], []
    for path in files:
        with open(path, encoding="utf-8-sig", newline="") as f:
            for n, row in enumerate(csv.DictReader(f), start=2):
                sid = row.get("target_id") or row.get("actual_id") or ""
                try:
                    subject = find(con, sid)
                    if row.get("action") == "reject":
                        field, value = "exclude", "yes"
                    else:
                        field = field_of.get(row.get("field") or "", row.get("field") or "")
                        value = row.get("new_value")
                    c = subject.correction(field, value, row.get("by") or "", row.get("reason") or "")
                    if row.get("at"):
                        c = replace(c, at=row["at"].replace(" ", "T"))
                    out.append(c)
                except Refused as exc:
                    problems.append(f"{path.name} row {n}: {sid}: {exc}")
    return out, problems
