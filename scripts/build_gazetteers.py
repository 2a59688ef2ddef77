"""Build and validate the gazetteers in models/gazetteers/.

Usage:
    python scripts/build_gazetteers.py                       # regenerate every file, validate, print counts
    python scripts/build_gazetteers.py --check               # validate only; exit 1 if a file is invalid or stale
    python scripts/build_gazetteers.py --refresh-pycountry   # first re-read pycountry (pip install pycountry)

Where the rows come from (see models/gazetteers/README.md):
- models/gazetteers/hand/<file>.tsv: hand-written rows, one per name, with the same columns as
  the output file. They are the source of truth: edit these, never the generated files.
- models/gazetteers/sources/pycountry_zh_TW.tsv: a snapshot of the ISO 3166-1 names in pycountry's
  zh_TW translation (Debian iso-codes data, LGPL-2.1+). ``--refresh-pycountry`` rewrites it from the
  installed pycountry; without the flag the build needs no network and no pycountry.
- models/gazetteers/hand/country_overrides.tsv: per ISO code, how a pycountry entry is used in
  Taiwan usage: route (country → countries.tsv; territory → places_foreign.tsv as CITY; skip),
  the canonical (MOFA-style short) name, the years it was an ROC ally, notes.

What is generated:
1. countries.tsv: hand rows, then one row per pycountry zh_TW common name and official name of
   every sovereign state; official_name/en/roc_ally of hand rows are filled in from the ISO code.
2. places_foreign.tsv: hand rows, then the dependent territories of pycountry (kind territory).
3. bureaus.tsv: hand rows, then for every Taiwanese municipality/county/provincial city (current
   and former) its 政府 and 議會, for every township/district its 公所, and for every foreign
   prefecture/province/state/city its 政府 and 議會 (source ``derived:...``).
   places_foreign.tsv also gets 'X市' for foreign cities listed without 市 (derived:city-市), and
   titles.tsv '前' + each unambiguous national/local/foreign title (derived:former-title).
4. In every file with a ``name`` or ``suffix`` key (except surnames.tsv): the 臺/台 spelling
   variants of each name (all combinations), with the canonical unchanged.
5. countries.tsv drops 'X國' when X is itself a listed country (以色列國, 日本國: they would eat the
   國 of 以色列國會); 蒙古國 is kept.
6. Duplicates (same key and label) are dropped, first row wins, hand rows first; entity files are
   sorted by label, canonical, name.

Validation (also run by tests/test_gazetteers.py): exact header; no empty key; key is NFKC-stable
(matching happens on NFKC-normalised text) and has no surrounding spaces; label is one of the
guide's labels; source present; canonical present; enumerated columns hold allowed values; no
duplicate (key, label) in a file nor (name, label) across the entity files; the regexes of
person_patterns.tsv compile.
"""
from __future__ import annotations

import argparse
import itertools
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GAZ = ROOT / "models" / "gazetteers"
HAND = GAZ / "hand"
SOURCES = GAZ / "sources"
PYCOUNTRY_SNAPSHOT = SOURCES / "pycountry_zh_TW.tsv"

LABELS = {"COUNTRY", "CITY", "LOC", "PERSON", "TITLE", "BUREAU", "ORG", "EVENT", "PROGRAM", "DATE"}

SUFFIX_COLS = ["suffix", "label", "min_prefix", "max_prefix", "strength", "ambiguous", "not_entity", "kind", "examples", "notes", "source"]
# file name -> (columns, key column, entity file?)
SPECS: dict[str, tuple[list[str], str, bool]] = {
    "countries.tsv": (["name", "label", "canonical", "official_name", "iso2", "kind", "usage", "en", "roc_ally", "ambiguous", "notes", "source"], "name", True),
    "country_abbreviations.tsv": (["name", "label", "canonical", "kind", "tag_policy", "notes", "source"], "name", False),
    "places_taiwan.tsv": (["name", "label", "canonical", "kind", "parent", "status", "ambiguous", "notes", "source"], "name", True),
    "places_foreign.tsv": (["name", "label", "canonical", "kind", "parent", "country", "en", "ambiguous", "notes", "source"], "name", True),
    "regions.tsv": (["name", "label", "canonical", "kind", "parent", "en", "ambiguous", "notes", "source"], "name", True),
    "bureaus.tsv": (["name", "label", "canonical", "kind", "parent", "level", "period", "ambiguous", "notes", "source"], "name", True),
    "titles.tsv": (["name", "label", "canonical", "level", "kind", "ambiguous", "notes", "source"], "name", True),
    "surnames.tsv": (["name", "label", "canonical", "origin", "rank", "kind", "ambiguous", "notes", "source"], "name", False),
    "officeholders.tsv": (["name", "label", "canonical", "kind", "title", "affiliation", "period", "ambiguous", "notes", "source"], "name", True),
    "organisations.tsv": (["name", "label", "canonical", "kind", "en", "ambiguous", "notes", "source"], "name", True),
    "events.tsv": (["name", "label", "canonical", "kind", "date", "ambiguous", "notes", "source"], "name", True),
    "programs.tsv": (["name", "label", "canonical", "kind", "period", "ambiguous", "notes", "source"], "name", True),
    "bureau_suffixes.tsv": (SUFFIX_COLS, "suffix", False),
    "org_suffixes.tsv": (SUFFIX_COLS, "suffix", False),
    "event_suffixes.tsv": (SUFFIX_COLS, "suffix", False),
    "program_suffixes.tsv": (SUFFIX_COLS, "suffix", False),
    "person_patterns.tsv": (["pattern_id", "label", "regex", "strength", "description", "examples", "notes", "source"], "pattern_id", False),
}
OVERRIDE_COLS = ["iso2", "route", "canonical", "en", "roc_ally", "notes", "source"]
SNAPSHOT_COLS = ["iso2", "iso3", "en_name", "en_official", "zh_TW_name", "zh_TW_official", "pycountry_version"]

ENUMS = {
    "ambiguous": {"yes", "no"},
    "not_entity": {"yes", "no"},
    "strength": {"strong", "medium", "weak", "generic", "prefix", "law", "fund", "budget"},
    "usage": {"taiwan", "iso", "informal", "historical", "mainland"},
    "status": {"current", "former"},
    "tag_policy": {"list"},
}
NO_VARIANTS = {"surnames.tsv", "person_patterns.tsv"}
TAI = ("臺", "台")


# ---------------------------------------------------------------- reading / writing

def read_tsv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """A plain TSV reader: no quoting, UTF-8, first line is the header."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    header = lines[0].split("\t")
    rows = []
    for i, line in enumerate(lines[1:], start=2):
        vals = line.split("\t")
        if len(vals) != len(header):
            raise ValueError(f"{path.name}:{i}: {len(vals)} fields, header has {len(header)}")
        rows.append(dict(zip(header, vals)))
    return header, rows


def render_tsv(cols: list[str], rows: list[dict[str, str]]) -> str:
    out = ["\t".join(cols)]
    for r in rows:
        vals = [str(r.get(c, "") or "") for c in cols]
        for v in vals:
            if "\t" in v or "\n" in v:
                raise ValueError(f"tab or newline inside a field: {v!r}")
        out.append("\t".join(vals))
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- pycountry

def refresh_pycountry_snapshot() -> None:
    import gettext

    import pycountry  # only needed here

    tw = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_TW"])
    version = getattr(pycountry, "__version__", "")
    rows = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        official = getattr(c, "official_name", "") or ""
        rows.append({
            "iso2": c.alpha_2, "iso3": c.alpha_3, "en_name": c.name, "en_official": official,
            "zh_TW_name": tw.gettext(c.name), "zh_TW_official": tw.gettext(official) if official else "",
            "pycountry_version": version,
        })
    SOURCES.mkdir(parents=True, exist_ok=True)
    PYCOUNTRY_SNAPSHOT.write_text(render_tsv(SNAPSHOT_COLS, rows), encoding="utf-8")
    print(f"wrote {PYCOUNTRY_SNAPSHOT.relative_to(ROOT)} ({len(rows)} rows, pycountry {version})")


def clean_zh(name: str) -> str:
    """Make a pycountry zh_TW name usable as written text: '聖馬丁 (法屬)' → '法屬聖馬丁',
    '科科斯 (基林) 群島' → '科科斯群島', '教廷 (梵蒂岡城市國)' → '教廷'."""
    m = re.fullmatch(r"(.+?)\s*\((法屬|荷屬|英屬|美屬)\)", name)
    if m:
        return m.group(2) + m.group(1)
    name = re.sub(r"\s*\([^)]*\)\s*", "", name)
    return name.replace(" ", "")


def pycountry_rows(overrides: dict[str, dict[str, str]]) -> tuple[list[dict], list[dict]]:
    """(country rows, territory rows) from the snapshot."""
    _, snap = read_tsv(PYCOUNTRY_SNAPSHOT)
    countries, territories = [], []
    for s in snap:
        ov = overrides.get(s["iso2"], {})
        route = ov.get("route", "country")
        if route == "skip":
            continue
        common = clean_zh(s["zh_TW_name"])
        official = clean_zh(s["zh_TW_official"]) if s["zh_TW_official"] else common
        canonical = ov.get("canonical") or common
        en = ov.get("en") or s["en_name"]
        if route == "country":
            for name in dict.fromkeys([common, official]):
                countries.append({
                    "name": name, "label": "COUNTRY", "canonical": canonical, "official_name": official,
                    "iso2": s["iso2"], "kind": "country", "usage": "iso", "en": en,
                    "roc_ally": ov.get("roc_ally", ""), "notes": ov.get("notes", ""), "source": "pycountry-zh_TW",
                })
        elif route == "territory":
            territories.append({
                "name": common, "label": "CITY", "canonical": common, "kind": "territory", "parent": "",
                "country": "", "en": en, "notes": "dependent territory (ISO 3166-1 entry)" + ("; " + ov["notes"] if ov.get("notes") else ""),
                "source": "pycountry-zh_TW",
            })
        else:
            raise ValueError(f"country_overrides.tsv: unknown route {route!r} for {s['iso2']}")
    return countries, territories


# ---------------------------------------------------------------- derived rows

TW_SEATS = {"municipality", "provincial_city", "county"}
TW_TOWNSHIPS = {"district", "county_city", "urban_township", "rural_township"}
FOREIGN_GOV_KINDS = {"prefecture", "metropolis", "province", "state", "metropolitan_city", "special_city",
                     "designated_city", "city", "federal_territory", "autonomous_region", "municipality", "capital"}


def derived_bureaus(taiwan: list[dict], foreign: list[dict]) -> list[dict]:
    rows = []
    for p in taiwan:
        name, kind = p["name"], p["kind"]
        former = p["status"] == "former"
        period = p["notes"] if former else ""
        if kind in TW_SEATS and name[-1] in "市縣":
            for suffix, k in (("政府", "local_government"), ("議會", "council")):
                rows.append({"name": name + suffix, "label": "BUREAU", "canonical": name + suffix, "kind": k,
                             "parent": name, "level": "municipal" if kind == "municipality" else "county",
                             "period": period, "notes": "", "source": "derived:places_taiwan"})
        elif kind in TW_TOWNSHIPS and name[-1] in "區市鎮鄉" and p["canonical"] == name or (kind in TW_TOWNSHIPS and former):
            if name[-1] not in "區市鎮鄉":
                continue
            rows.append({"name": name + "公所", "label": "BUREAU", "canonical": name + "公所", "kind": "district_office",
                         "parent": p["parent"], "level": "township", "period": period, "notes": "",
                         "source": "derived:places_taiwan"})
    for p in foreign:
        name = p["name"]
        if p["kind"] in FOREIGN_GOV_KINDS and name[-1] in "市縣都道府州省區":
            for suffix, k in (("政府", "foreign_local_government"), ("議會", "foreign_council")):
                rows.append({"name": name + suffix, "label": "BUREAU", "canonical": p["canonical"] + suffix, "kind": k,
                             "parent": name, "level": "foreign", "period": "", "notes": "",
                             "source": "derived:places_foreign"})
    return rows


CITY_NO_SHI = set("市縣州省區島港城鎮町村郡都道府邦灣")
FORMER_LEVELS = {"national", "local", "foreign", "diplomatic", "international"}


def derived_city_forms(foreign: list[dict]) -> list[dict]:
    """'X市' for foreign cities listed without 市 (海法 → 海法市, 布里斯本 → 布里斯本市)."""
    rows = []
    for p in foreign:
        name = p["name"]
        if p["kind"] in {"city", "capital", "city_bare"} and p.get("ambiguous") != "yes" and name[-1] not in CITY_NO_SHI \
                and all("\u4e00" <= ch <= "\u9fff" for ch in name):
            rows.append(dict(p, name=name + "市", notes="'X市' form", source="derived:city-市"))
    return rows


def derived_former_titles(titles: list[dict]) -> list[dict]:
    """'前' + title (前總統, 前議長, 錢前院長復): the gold keeps 前 inside the TITLE span; an
    ambiguous title stays ambiguous with 前."""
    rows = []
    for t in titles:
        if t["level"] in FORMER_LEVELS and not t["name"].startswith("前"):
            rows.append(dict(t, name="前" + t["name"], notes="former holder; drop 前 when it ends a word (目前, 之前, 提前, 當前)",
                             source="derived:former-title"))
    return rows


def tai_variants(rows: list[dict], key: str) -> list[dict]:
    """Every 臺/台 spelling of each key (all combinations, at most 2**4 per name)."""
    out = []
    for r in rows:
        name = r[key]
        positions = [i for i, ch in enumerate(name) if ch in TAI]
        if not positions or len(positions) > 4:
            continue
        for combo in itertools.product(TAI, repeat=len(positions)):
            chars = list(name)
            for i, ch in zip(positions, combo):
                chars[i] = ch
            variant = "".join(chars)
            if variant == name:
                continue
            v = dict(r)
            v[key] = variant
            v["source"] = r["source"] + "+variant:臺台"
            out.append(v)
    return out


KEEP_GUO = {"蒙古國"}


def drop_country_plus_guo(rows: list[dict]) -> list[dict]:
    """Drop 'X國' forms where X is itself a country name (以色列國, 科威特國, 日本國): in running
    text 'X國' is almost always X + 國會/國家/國際/國內, and the longer entry would eat the 國."""
    names = {r["name"] for r in rows}
    return [r for r in rows if not (r["name"].endswith("國") and r["name"][:-1] in names and r["name"] not in KEEP_GUO)]


def dedupe(rows: list[dict], key: str) -> tuple[list[dict], int]:
    seen, out = set(), []
    for r in rows:
        k = (r[key], r["label"])
        if k in seen:
            continue
        seen.add(k)
        out.append(r)
    return out, len(rows) - len(out)


# ---------------------------------------------------------------- build

def build() -> dict[str, list[dict]]:
    """All output files in memory: file name -> rows."""
    hand = {}
    for fname, (cols, key, _) in SPECS.items():
        header, rows = read_tsv(HAND / fname)
        if header != cols:
            raise ValueError(f"hand/{fname}: header {header} != {cols}")
        hand[fname] = rows
    ov_header, ov_rows = read_tsv(HAND / "country_overrides.tsv")
    if ov_header != OVERRIDE_COLS:
        raise ValueError(f"hand/country_overrides.tsv: header {ov_header} != {OVERRIDE_COLS}")
    overrides = {r["iso2"]: r for r in ov_rows}

    out = {f: list(rows) for f, rows in hand.items()}
    countries, territories = pycountry_rows(overrides)
    # fill the ISO-derived columns of hand country rows
    by_iso = {}
    for r in countries:
        by_iso.setdefault(r["iso2"], r)
    for r in out["countries.tsv"]:
        base = by_iso.get(r["iso2"])
        if base:
            for col in ("official_name", "en", "roc_ally"):
                if not r[col]:
                    r[col] = base[col]
    out["countries.tsv"] += countries
    out["places_foreign.tsv"] += territories + derived_city_forms(hand["places_foreign.tsv"])
    out["titles.tsv"] += derived_former_titles(hand["titles.tsv"])
    out["bureaus.tsv"] += derived_bureaus(hand["places_taiwan.tsv"], hand["places_foreign.tsv"])

    out["countries.tsv"] = drop_country_plus_guo(out["countries.tsv"])

    for fname, (cols, key, entity) in SPECS.items():
        rows = out[fname]
        if fname not in NO_VARIANTS:
            rows = rows + tai_variants(rows, key)
        rows, _ = dedupe(rows, key)
        if entity:
            rows.sort(key=lambda r: (r["label"], r["canonical"], r[key]))
        out[fname] = [{c: r.get(c, "") for c in cols} for r in rows]
        if "ambiguous" in cols:
            for r in out[fname]:
                r["ambiguous"] = r["ambiguous"] or "no"
    return out


# ---------------------------------------------------------------- validation

def _substitute_placeholders(regex: str) -> str:
    return (regex.replace("{SURNAME}", "(?:陳|林|歐陽)").replace("{JP_SURNAME}", "(?:佐藤|鈴木)")
            .replace("{KR_SURNAME}", "(?:金|朴)").replace("{TITLE}", "(?:市長|議長|秘書長)"))


def validate(files: dict[str, list[dict]]) -> list[str]:
    """Problems found in the given files (file name -> rows with the spec's columns)."""
    problems: list[str] = []
    seen_entities: dict[tuple[str, str], str] = {}
    for fname, rows in files.items():
        cols, key, entity = SPECS[fname]
        pairs = set()
        for i, r in enumerate(rows, start=2):
            where = f"{fname}:{i}"
            if list(r.keys()) != cols:
                problems.append(f"{where}: columns {list(r.keys())} != {cols}")
                continue
            k = r[key]
            if not k:
                problems.append(f"{where}: empty {key}")
                continue
            if k != k.strip():
                problems.append(f"{where}: {key} {k!r} has surrounding spaces")
            if key != "pattern_id" and unicodedata.normalize("NFKC", k) != k:
                problems.append(f"{where}: {key} {k!r} is not NFKC-stable (text is matched after NFKC)")
            if r["label"] not in LABELS:
                problems.append(f"{where}: label {r['label']!r} not in the guide's labels")
            if not r["source"]:
                problems.append(f"{where}: no source")
            if "canonical" in r and not r["canonical"]:
                problems.append(f"{where}: no canonical")
            for col, allowed in ENUMS.items():
                if col in r and r[col] and r[col] not in allowed:
                    problems.append(f"{where}: {col}={r[col]!r} not in {sorted(allowed)}")
            for col in ("min_prefix", "max_prefix"):
                if col in r and not r[col].isdigit():
                    problems.append(f"{where}: {col}={r[col]!r} is not a number")
            if (k, r["label"]) in pairs:
                problems.append(f"{where}: duplicate ({k}, {r['label']})")
            pairs.add((k, r["label"]))
            if entity:
                other = seen_entities.get((k, r["label"]))
                if other and other != fname:
                    problems.append(f"{where}: ({k}, {r['label']}) also in {other}")
                seen_entities[(k, r["label"])] = fname
            if fname == "person_patterns.tsv":
                import regex as re2
                try:
                    re2.compile(_substitute_placeholders(r["regex"]))
                except re2.error as e:  # pragma: no cover - reported below
                    problems.append(f"{where}: regex does not compile: {e}")
    return problems


def load_outputs() -> dict[str, list[dict]]:
    files = {}
    for fname, (cols, _, _) in SPECS.items():
        path = GAZ / fname
        if not path.exists():
            files[fname] = []
            continue
        header, rows = read_tsv(path)
        files[fname] = rows if header == cols else [dict(zip(header, [""] * len(header)))]
    return files


def counts(files: dict[str, list[dict]]) -> str:
    lines = []
    total = 0
    for fname, rows in files.items():
        by_label: dict[str, int] = {}
        by_source: dict[str, int] = {}
        for r in rows:
            by_label[r["label"]] = by_label.get(r["label"], 0) + 1
            src = r["source"].split("+")[0].split(":")[0]
            if "+variant" in r["source"]:
                src += "+variant"
            by_source[src] = by_source.get(src, 0) + 1
        total += len(rows)
        lab = ", ".join(f"{k} {v}" for k, v in sorted(by_label.items()))
        srcs = ", ".join(f"{k} {v}" for k, v in sorted(by_source.items()))
        lines.append(f"{fname:28s} {len(rows):6d}  [{lab}]  ({srcs})")
    lines.append(f"{'total':28s} {total:6d}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="validate only; exit 1 when a file is invalid or out of date")
    ap.add_argument("--refresh-pycountry", action="store_true", help="re-read pycountry into sources/pycountry_zh_TW.tsv first")
    args = ap.parse_args(argv)

    if args.refresh_pycountry:
        refresh_pycountry_snapshot()
    built = build()
    problems = validate(built)
    if args.check:
        on_disk = load_outputs()
        problems += validate(on_disk)
        for fname, (cols, _, _) in SPECS.items():
            if render_tsv(cols, built[fname]) != ((GAZ / fname).read_text(encoding="utf-8") if (GAZ / fname).exists() else ""):
                problems.append(f"{fname}: out of date — run python scripts/build_gazetteers.py")
    else:
        for fname, (cols, _, _) in SPECS.items():
            (GAZ / fname).write_text(render_tsv(cols, built[fname]), encoding="utf-8")
    print(counts(built))
    for p in problems:
        print("PROBLEM:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
