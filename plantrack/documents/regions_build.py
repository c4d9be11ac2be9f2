"""Build the regions seed (GB/T 2260) and the table of former names from JioNLP's division tree.

    python -m plantrack.documents.regions_build          # rewrite both files
    python -m plantrack.documents.regions_build --check  # exit 1 when the files differ from the library

JioNLP (`jionlp==1.5.31`) ships the national tree (province / prefecture / county-level unit, with
codes) and a list of changes since 2002. Its tree also holds the statistical bureau's economic zones
(codes xx71–xx79, 经开区, 高新区 …), which are not GB/T 2260 units and are sub-areas here, and it
misses a few changes of 2019–2023; `CORRECTIONS` applies those, each with the decision it follows.
Import of jionlp is not needed: the tree is read from the text file the package ships (0.1 s
instead of 0.7 s import + 1.4 s for its loader).
"""

from __future__ import annotations

import csv
import importlib.util
import io
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from plantrack.config import PROJECT_ROOT

SEED = PROJECT_ROOT / "dbt_project" / "seeds" / "regions.csv"
CHANGES = Path(__file__).with_name("region_changes.csv")
SEED_COLUMNS = ("region_code", "name_zh", "short_name", "level", "parent_code")
CHANGE_COLUMNS = ("old_name", "within_code", "region_code", "changed_on", "note")


@dataclass(frozen=True)
class Row:
    region_code: str
    name_zh: str
    short_name: str
    level: str
    parent_code: str


# Changes that JioNLP 1.5.31's tree does not carry yet (code, old name -> new name / code), from the
# Ministry of Civil Affairs' announcements. (old_code, new_code, new_name, short) ; old_code None = add.
CORRECTIONS: tuple[tuple[str | None, str, str, str, str], ...] = (
    (None, "510118", "新津区", "新津", "510100"),      # 2020 新津县 -> 新津区 (absent from the tree)
    (None, "220106", "绿园区", "绿园", "220100"),      # 长春's 绿园区 (since 1995), absent from the tree
    ("630122", "630106", "湟中区", "湟中", "630100"),  # 2019 湟中县 -> 湟中区
    ("340225", "340281", "无为市", "无为", "340200"),  # 2019 无为县 -> 无为市
    ("530422", "", "", "", ""),                       # 2019 澄江县 -> 澄江市 530481 (tree holds both)
    ("410322", "410308", "孟津区", "孟津", "410300"),  # 2021 孟津县 + 吉利区 -> 孟津区 (tree: old code)
    # 2021 upgrades the tree carries under the new name with the old code (and 凤翔 as a 市, not a 区)
    ("410381", "410307", "偃师区", "偃师", "410300"),
    ("350427", "350405", "沙县区", "沙县", "350400"),
    ("450127", "450181", "横州市", "横州", "450100"),
    ("513425", "513402", "会理市", "会理", "513400"),
    ("610322", "610305", "凤翔区", "凤翔", "610300"),
    ("610928", "610981", "旬阳市", "旬阳", "610900"),
    ("654223", "654203", "沙湾市", "沙湾", "654200"),
)

# Former names that documents still use and JioNLP's change list lacks: (old name, today's code,
# date, note). Mergers mostly; a plain 县 -> 区/市 upgrade is resolved without a row (see regions.py).
EXTRA_CHANGES: tuple[tuple[str, str, str, str], ...] = (
    ("万盛区", "500110", "2011-10-27", "万盛区 and 綦江县 merged into 綦江区"),
    ("綦江县", "500110", "2011-10-27", "万盛区 and 綦江县 merged into 綦江区"),
    ("双桥区", "500111", "2011-10-27", "双桥区 and 大足县 merged into 大足区"),
    ("大足县", "500111", "2011-10-27", "双桥区 and 大足县 merged into 大足区"),
    ("开县", "500154", "2016-06-08", "开县 became 开州区"),
    ("吉利区", "410308", "2021-03-18", "孟津县 and 吉利区 merged into 孟津区"),
    ("新津县", "510118", "2020-06-18", "新津县 became 新津区"),
    ("湟中县", "630106", "2019-11-06", "湟中县 became 湟中区"),
    ("无为县", "340281", "2019-11-20", "无为县 became 无为市"),
    ("澄江县", "530481", "2019-11-20", "澄江县 became 澄江市"),
    ("凤翔县", "610305", "2021-01-29", "凤翔县 became 凤翔区"),
)

_ZONE = re.compile(r"(开发区|园区|工业园|产业园|示范区|管理区|管委会|委员会|保税区|实验区|聚集区|食品区|新城|名胜区|海域)$")


def jionlp_dictionary() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.origin:
        raise RuntimeError("jionlp is not installed (pip install jionlp==1.5.31)")
    return Path(spec.origin).parent / "dictionary"


def _is_unit(name: str, code: str) -> bool:
    """A GB/T 2260 county-level unit, not an economic zone of the statistical code list."""
    if "71" <= code[4:] <= "79" or _ZONE.search(name):
        return False
    if name.endswith("新区") and code[4:] > "20":  # 天府新区 is a zone; 浦东新区 / 滨海新区 are districts
        return False
    return bool(re.search(r"(区|县|市|旗)$", name))


def _short(name: str, alias: str) -> str:
    return re.sub(r"(特区|林区)$", "", alias) if alias else name


def _open_locations(dictionary: Path) -> io.TextIOBase:
    """JioNLP ships china_location.txt zipped and unzips it on its own first use; read either."""
    text = dictionary / "china_location.txt"
    if text.exists():
        return open(text, encoding="utf-8")
    archive = zipfile.ZipFile(dictionary / "china_location.zip")
    return io.TextIOWrapper(archive.open("china_location.txt"), encoding="utf-8")


def build_rows(dictionary: Path | None = None) -> list[Row]:
    rows: dict[str, Row] = {}
    province = city = None
    with _open_locations(dictionary or jionlp_dictionary()) as fh:
        for line in fh:
            depth = len(line) - len(line.lstrip("\t"))
            if depth > 2:
                continue
            parts = line.strip().split("\t")
            if len(parts) < 3:
                continue
            name, code, alias = parts[0], parts[1], parts[2]
            if depth == 0:
                province = code
                city = None
                rows[code] = Row(code, name, alias, "province", "")
            elif province in ("710000", "810000", "820000"):
                continue  # GB/T 2260 lists Taiwan, Hong Kong and Macao as single units
            elif depth == 1:
                # municipalities repeat themselves; 省直辖 groups county-level cities under the province
                city = code if code != province and "直辖" not in name else None
                if city:
                    rows[code] = Row(code, name, alias, "city", province)
            elif "直辖" not in name and _is_unit(name, code) and code not in rows:
                level = "district" if name.endswith("区") and not name.endswith(("林区", "特区")) else "county"
                rows[code] = Row(code, name, _short(name, alias), level, city or province)
    for old, new, name, short, parent in CORRECTIONS:
        if old:
            rows.pop(old, None)
        if new:
            rows[new] = Row(new, name, short, "district" if name.endswith("区") else "county", parent)
    return sorted(rows.values(), key=lambda r: r.region_code)


def build_changes(rows: list[Row], dictionary: Path | None = None) -> list[tuple[str, ...]]:
    """Former names -> today's code, with the code of a region the old name lay within (for duplicates)."""
    by_name: dict[str, list[Row]] = {}
    for r in rows:
        by_name.setdefault(r.name_zh, []).append(r)
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    path = (dictionary or jionlp_dictionary()) / "china_location_change.txt"
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if "=>" not in line:
                continue
            head, new = line.rstrip("\n").split("=>")
            fields = head.split("\t")
            changed_on, old_names, new_names = fields[0], fields[2::2], new.split("\t")
            old = old_names[-1]
            new_name = new_names[-1] if len(new_names) > 2 else None
            if not new_name or old == new_name or old in by_name and _same(by_name[old], new_names, by_name):
                continue
            target = _find(new_names, by_name)
            if target is None:
                continue
            within = _find(old_names[:-1], by_name) or _find(new_names[:-1], by_name)
            out[(old, target.region_code)] = (old, within.region_code if within else "", target.region_code,
                                              changed_on, f"{old} became part of {target.name_zh}")
    for old, code, changed_on, note in EXTRA_CHANGES:
        parent = next((r.parent_code for r in rows if r.region_code == code), "")
        out[(old, code)] = (old, parent, code, changed_on, note)
    return sorted(out.values())


def _same(hits: list[Row], new_names: list[str], by_name: dict[str, list[Row]]) -> bool:
    target = _find(new_names, by_name)
    return target is not None and target in hits


def _find(names: list[str], by_name: dict[str, list[Row]]) -> Row | None:
    """The row named last in a province/city/county chain, disambiguated by the names before it."""
    names = [n for n in names if n]
    if not names:
        return None
    hits = by_name.get(names[-1], [])
    if len(hits) > 1 and len(names) > 1:
        enclosing = _find(names[:-1], by_name)
        hits = [h for h in hits if enclosing and h.parent_code in (enclosing.region_code, enclosing.parent_code)]
    return hits[0] if len(hits) == 1 else None


def render(rows: list[Row]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(SEED_COLUMNS)
    w.writerows((r.region_code, r.name_zh, r.short_name, r.level, r.parent_code) for r in rows)
    return buf.getvalue()


def render_changes(changes: list[tuple[str, ...]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CHANGE_COLUMNS)
    w.writerows(changes)
    return buf.getvalue()


def main(argv: list[str]) -> int:
    rows = build_rows()
    files = {SEED: render(rows), CHANGES: render_changes(build_changes(rows))}
    if "--check" in argv:
        stale = [str(p) for p, text in files.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
        print("stale: " + ", ".join(stale) if stale else "up to date")
        return 1 if stale else 0
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    print(f"{SEED}: {len(rows)} regions; {CHANGES}: {len(files[CHANGES].splitlines()) - 1} former names")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
