"""The SQL the dashboards run, compiled from the Superset bundle (datasets, charts, native filters).

An approximation of what Superset sends: one SELECT per chart over its dataset (a table, or the
dataset's own SQL as a sub-query), with its metrics, dimensions, adhoc SQL filters, ordering and row
limit; one grouped SELECT per native filter (its value list, ordered by its sort metric if it has
one); and every chart again under each of the dashboard's first two native filters set to its most
common value (a manager picks a region, a target).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Dataset:
    uuid: str
    source: str  # FROM clause
    metrics: dict[str, str]
    columns: tuple[str, ...]


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def load_datasets(bundle: Path) -> dict[str, Dataset]:
    out = {}
    for path in sorted((bundle / "datasets").rglob("*.yaml")):
        d = yaml.safe_load(path.read_text(encoding="utf-8"))
        source = (f"({d['sql']}) AS virtual_table" if d.get("sql")
                  else f"{d.get('schema') or 'marts'}.{_q(d['table_name'])}")
        calculated = [f"{c['expression']} AS {_q(c['column_name'])}" for c in d.get("columns") or []
                      if c.get("expression")]
        if calculated:  # Superset inlines calculated columns; a projection over the source is the same
            source = f"(SELECT *, {', '.join(calculated)} FROM {source}) AS ds"
        metrics = {m["metric_name"]: m["expression"] for m in d.get("metrics") or []}
        columns = tuple(c["column_name"] for c in d.get("columns") or [])
        out[d["uuid"]] = Dataset(d["uuid"], source, metrics, columns)
    return out


def _metric_sql(metric, ds: Dataset) -> str | None:
    if isinstance(metric, str):
        return ds.metrics.get(metric, "COUNT(*)" if metric == "count" else None)
    if isinstance(metric, dict):
        if metric.get("expressionType") == "SQL":
            return metric.get("sqlExpression")
        col = (metric.get("column") or {}).get("column_name")
        if metric.get("aggregate") and col:
            return f"{metric['aggregate']}({_q(col)})"
    return None


def _filter_sql(f: dict) -> str | None:
    if f.get("expressionType") == "SQL" or f.get("sqlExpression"):
        return f.get("sqlExpression")
    subject, op, value = f.get("subject"), f.get("operator"), f.get("comparator")
    if not subject or not op:
        return None
    if op in ("IN", "NOT IN") and isinstance(value, list):
        vals = ", ".join("'" + str(v).replace("'", "''") + "'" for v in value)
        return f"{_q(subject)} {op} ({vals})"
    if op in ("IS NULL", "IS NOT NULL"):
        return f"{_q(subject)} {op}"
    return f"{_q(subject)} {op} '{str(value).replace(chr(39), chr(39) * 2)}'"


def chart_sql(params: dict, ds: Dataset, extra_where: str | None = None) -> str | None:
    where = [w for w in (_filter_sql(f) for f in params.get("adhoc_filters") or []) if w]
    if extra_where:
        where.append(extra_where)
    where_sql = f" WHERE {' AND '.join(f'({w})' for w in where)}" if where else ""
    limit = int(params.get("row_limit") or 10000)
    if params.get("query_mode") == "raw" or (params.get("all_columns") and not params.get("metrics")):
        cols = params.get("all_columns") or ["*"]
        order = []
        for item in params.get("order_by_cols") or []:
            name, asc = json.loads(item)
            order.append(f"{_q(name)} {'ASC' if asc else 'DESC'}")
        order_sql = f" ORDER BY {', '.join(order)}" if order else ""
        return f"SELECT {', '.join(_q(c) if c != '*' else c for c in cols)} FROM {ds.source}{where_sql}{order_sql} LIMIT {limit}"
    metrics = params.get("metrics") or ([params["metric"]] if params.get("metric") else [])
    metric_sql = [m for m in (_metric_sql(m, ds) for m in metrics) if m]
    dims = [d for d in [params.get("x_axis"), *(params.get("groupby") or [])] if isinstance(d, str) and d]
    if not metric_sql and not dims:
        return None
    select = [_q(d) for d in dims] + [f"{m} AS m{i}" for i, m in enumerate(metric_sql)]
    group = f" GROUP BY {', '.join(_q(d) for d in dims)}" if dims and metric_sql else ""
    order = " ORDER BY m0 DESC" if metric_sql and dims else ""
    return f"SELECT {', '.join(select)} FROM {ds.source}{where_sql}{group}{order} LIMIT {limit}"


def filter_values_sql(f: dict, ds: Dataset, column: str) -> str:
    """A select filter's value list: grouped by the column, ordered by the filter's sort metric when it
    has one (else by the value), ascending or not as configured, 1,000 values (Superset's default)."""
    asc = (f.get("controlValues") or {}).get("sortAscending", True) is not False
    metric = _metric_sql(f["sortMetric"], ds) if f.get("sortMetric") else None
    if metric:
        return (f"SELECT {_q(column)}, {metric} AS m0 FROM {ds.source} GROUP BY 1 "
                f"ORDER BY m0 {'ASC' if asc else 'DESC'} LIMIT 1000")
    return f"SELECT {_q(column)} FROM {ds.source} GROUP BY 1 ORDER BY 1 {'ASC' if asc else 'DESC'} LIMIT 1000"


def _first_value(con, ds: Dataset, column: str) -> str | None:
    row = con.execute(f"SELECT {_q(column)} FROM {ds.source} WHERE {_q(column)} IS NOT NULL "
                      f"GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()
    return None if row is None else str(row[0])


def compile_bundle(bundle: Path, con) -> list[dict]:
    """[{name, sql}] for every chart, native filter value list, and chart under the dashboard filter."""
    datasets = load_datasets(bundle)
    charts = {}
    for path in sorted((bundle / "charts").glob("*.yaml")):
        c = yaml.safe_load(path.read_text(encoding="utf-8"))
        charts[c["uuid"]] = (path.stem, c)
    queries: list[dict] = []
    for name, c in charts.values():
        ds = datasets.get(c.get("dataset_uuid"))
        sql = chart_sql(c.get("params") or {}, ds) if ds else None
        if sql:
            queries.append({"name": f"chart {name}", "sql": sql})
    for path in sorted((bundle / "dashboards").glob("*.yaml")):
        d = yaml.safe_load(path.read_text(encoding="utf-8"))
        meta = d.get("metadata") or {}
        chart_ids = {p.get("meta", {}).get("uuid") for p in (d.get("position") or {}).values()
                     if isinstance(p, dict) and p.get("type") == "CHART"}
        filters = meta.get("native_filter_configuration") or []
        for f in filters:
            for t in f.get("targets") or []:
                ds, col = datasets.get(t.get("datasetUuid")), (t.get("column") or {}).get("name")
                if ds and col:
                    queries.append({"name": f"filter values {path.stem}.{col}", "sql": filter_values_sql(f, ds, col)})
        # the dashboard as a manager sees it: its first filter set to its most common value
        for f in filters[:2]:
            for t in (f.get("targets") or [])[:1]:
                ds, col = datasets.get(t.get("datasetUuid")), (t.get("column") or {}).get("name")
                if not ds or not col:
                    continue
                value = _first_value(con, ds, col)
                if value is None:
                    continue
                literal = "'" + value.replace("'", "''") + "'"
                for cid in chart_ids:
                    if cid not in charts:
                        continue
                    name, c = charts[cid]
                    cds = datasets.get(c.get("dataset_uuid"))
                    if cds and col in cds.columns:
                        sql = chart_sql(c.get("params") or {}, cds, extra_where=f"{_q(col)} = {literal}")
                        if sql:
                            queries.append({"name": f"chart {name} | {col}=…", "sql": sql})
    return queries
