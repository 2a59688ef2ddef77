"""The gazetteers in models/gazetteers/: format, validity and key entries.

The files are plain TSV (no quoting): read them with ``sep="\\t", quoting=csv.QUOTE_NONE,
dtype=str, keep_default_na=False``.
"""
from __future__ import annotations

import csv
import importlib.util
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
import regex

ROOT = Path(__file__).resolve().parents[1]
GAZ = ROOT / "models" / "gazetteers"
LABELS = {"COUNTRY", "CITY", "LOC", "PERSON", "TITLE", "BUREAU", "ORG", "EVENT", "PROGRAM", "DATE"}


def _build_module():
    spec = importlib.util.spec_from_file_location("build_gazetteers", ROOT / "scripts" / "build_gazetteers.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


BUILD = _build_module()
FILES = sorted(BUILD.SPECS)


def load(name: str) -> pd.DataFrame:
    return pd.read_csv(GAZ / name, sep="\t", quoting=csv.QUOTE_NONE, dtype=str, keep_default_na=False)


def row(df: pd.DataFrame, name: str, label: str | None = None) -> pd.Series:
    hit = df[(df["name"] == name) & ((df["label"] == label) if label else True)]
    assert len(hit) == 1, f"{name} ({label}): {len(hit)} rows"
    return hit.iloc[0]


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return {f: load(f) for f in FILES}


# ------------------------------------------------------------------ format

@pytest.mark.parametrize("fname", FILES)
def test_file_loads_with_expected_header(fname, frames):
    cols, key, _ = BUILD.SPECS[fname]
    df = frames[fname]
    assert list(df.columns) == cols
    assert len(df) > 0
    assert (df[key].str.strip() != "").all()
    assert df["label"].isin(LABELS).all()
    assert (df["source"] != "").all()
    assert not df.duplicated([key, "label"]).any()


@pytest.mark.parametrize("fname", FILES)
def test_keys_are_nfkc_stable(fname, frames):
    cols, key, _ = BUILD.SPECS[fname]
    if key == "pattern_id":
        return
    bad = [k for k in frames[fname][key] if unicodedata.normalize("NFKC", k) != k]
    assert not bad, bad[:10]


def test_outputs_are_up_to_date_and_valid():
    """The committed files equal a fresh build and pass the script's validation."""
    built = BUILD.build()
    assert BUILD.validate(built) == []
    for fname, (cols, _, _) in BUILD.SPECS.items():
        assert BUILD.render_tsv(cols, built[fname]) == (GAZ / fname).read_text(encoding="utf-8"), \
            f"{fname} is stale: run python scripts/build_gazetteers.py"
    assert BUILD.validate(BUILD.load_outputs()) == []


def test_check_mode_exits_zero():
    assert BUILD.main(["--check"]) == 0


def test_validation_catches_problems():
    cols, _, _ = BUILD.SPECS["places_taiwan.tsv"]
    good = {c: "" for c in cols} | {"name": "臺北市", "label": "CITY", "canonical": "臺北市", "kind": "municipality",
                                    "status": "current", "source": "hand:x"}
    assert BUILD.validate({"places_taiwan.tsv": [good]}) == []
    cases = [
        dict(good, label="PLACE"),           # not a guide label
        dict(good, source=""),               # no source
        dict(good, name=""),                 # empty name
        dict(good, name="臺北市 "),           # surrounding space
        dict(good, name="\uF98E北市"),       # a compatibility ideograph: not NFKC-stable
        dict(good, canonical=""),            # no canonical
        dict(good, status="maybe"),          # enumerated column
    ]
    for bad in cases:
        assert BUILD.validate({"places_taiwan.tsv": [bad]}), bad
    assert BUILD.validate({"places_taiwan.tsv": [good, dict(good)]})  # duplicate (name, label)


def test_every_row_has_a_known_source_kind(frames):
    for fname, df in frames.items():
        kinds = {s.split("+")[0].split(":")[0] for s in df["source"]}
        assert kinds <= {"hand", "derived", "pycountry-zh_TW"}, (fname, kinds)


# ------------------------------------------------------------------ key entries

@pytest.mark.parametrize("fname,name,label,canonical", [
    ("bureaus.tsv", "經發局", "BUREAU", "經濟發展局"),
    ("bureaus.tsv", "都發局", "BUREAU", "都市發展局"),
    ("bureaus.tsv", "環保局", "BUREAU", "環境保護局"),
    ("bureaus.tsv", "研考會", "BUREAU", "行政院研究發展考核委員會"),
    ("bureaus.tsv", "陸委會", "BUREAU", "行政院大陸委員會"),
    ("bureaus.tsv", "經建會", "BUREAU", "行政院經濟建設委員會"),
    ("bureaus.tsv", "國科會", "BUREAU", "行政院國家科學委員會"),
    ("bureaus.tsv", "農委會", "BUREAU", "行政院農業委員會"),
    ("bureaus.tsv", "環保署", "BUREAU", "行政院環境保護署"),
    ("bureaus.tsv", "衛生署", "BUREAU", "行政院衛生署"),
    ("bureaus.tsv", "外交部", "BUREAU", "外交部"),
    ("bureaus.tsv", "立法院", "BUREAU", "立法院"),
    ("bureaus.tsv", "高雄市議會", "BUREAU", "高雄市議會"),
    ("bureaus.tsv", "台北市政府", "BUREAU", "臺北市政府"),
    ("bureaus.tsv", "仁川市議會", "BUREAU", "仁川廣域市議會"),
    ("bureaus.tsv", "鼓山區公所", "BUREAU", "鼓山區公所"),
    ("bureaus.tsv", "美國在台協會", "BUREAU", "美國在台協會"),
    ("bureaus.tsv", "AIT", "BUREAU", "美國在台協會"),
    ("bureaus.tsv", "日本交流協會台北事務所", "BUREAU", "日本交流協會台北事務所"),
    ("bureaus.tsv", "美國在台協會高雄分處", "BUREAU", "美國在台協會高雄分處"),
    ("bureaus.tsv", "以色列駐台辦事處", "BUREAU", "駐台北以色列經濟文化辦事處"),
    ("bureaus.tsv", "藏人行政中央議會", "BUREAU", "藏人行政中央議會"),
    ("countries.tsv", "澳洲", "COUNTRY", "澳大利亞"),
    ("countries.tsv", "澳大利亞", "COUNTRY", "澳大利亞"),
    ("countries.tsv", "南韓", "COUNTRY", "韓國"),
    ("countries.tsv", "大韓民國", "COUNTRY", "韓國"),
    ("countries.tsv", "北韓", "COUNTRY", "北韓"),
    ("countries.tsv", "美國", "COUNTRY", "美國"),
    ("countries.tsv", "美利堅合眾國", "COUNTRY", "美國"),
    ("countries.tsv", "紐西蘭", "COUNTRY", "紐西蘭"),
    ("countries.tsv", "台灣", "COUNTRY", "中華民國"),
    ("countries.tsv", "臺灣", "COUNTRY", "中華民國"),
    ("countries.tsv", "中華民國", "COUNTRY", "中華民國"),
    ("countries.tsv", "中國大陸", "COUNTRY", "中國大陸"),
    ("countries.tsv", "大陸", "COUNTRY", "中國大陸"),
    ("countries.tsv", "中共", "COUNTRY", "中國大陸"),
    ("countries.tsv", "梵蒂岡", "COUNTRY", "教廷"),
    ("countries.tsv", "史瓦濟蘭", "COUNTRY", "史瓦帝尼"),
    ("countries.tsv", "聖克里斯多福及尼維斯", "COUNTRY", "聖克里斯多福及尼維斯"),
    ("countries.tsv", "吐瓦魯", "COUNTRY", "吐瓦魯"),
    ("countries.tsv", "瓜地馬拉", "COUNTRY", "瓜地馬拉"),
    ("country_abbreviations.tsv", "美", "COUNTRY", "美國"),
    ("country_abbreviations.tsv", "港", "CITY", "香港"),
    ("country_abbreviations.tsv", "澳", "CITY", "澳門"),
    ("country_abbreviations.tsv", "澳", "COUNTRY", "澳大利亞"),
    ("places_taiwan.tsv", "臺北縣", "CITY", "新北市"),
    ("places_taiwan.tsv", "台北市", "CITY", "臺北市"),
    ("places_taiwan.tsv", "高雄縣", "CITY", "高雄市"),
    ("places_taiwan.tsv", "鳳山市", "CITY", "鳳山區"),
    ("places_taiwan.tsv", "鼓山區", "CITY", "鼓山區"),
    ("places_taiwan.tsv", "台東縣", "CITY", "臺東縣"),
    ("places_foreign.tsv", "熊本縣", "CITY", "熊本縣"),
    ("places_foreign.tsv", "八王子市", "CITY", "八王子市"),
    ("places_foreign.tsv", "東京都", "CITY", "東京都"),
    ("places_foreign.tsv", "慶尚南道", "CITY", "慶尚南道"),
    ("places_foreign.tsv", "釜山", "CITY", "釜山廣域市"),
    ("places_foreign.tsv", "檳州", "CITY", "檳城州"),
    ("places_foreign.tsv", "香港", "CITY", "香港"),
    ("places_foreign.tsv", "澳門", "CITY", "澳門"),
    ("places_foreign.tsv", "聖安東尼", "CITY", "聖安東尼奧"),
    ("places_foreign.tsv", "海法市", "CITY", "海法"),
    ("regions.tsv", "西歐", "LOC", "西歐"),
    ("regions.tsv", "新英格蘭", "LOC", "新英格蘭"),
    ("regions.tsv", "亞太", "LOC", "亞太"),
    ("regions.tsv", "北美", "LOC", "北美洲"),
    ("titles.tsv", "主委", "TITLE", "主任委員"),
    ("titles.tsv", "立委", "TITLE", "立法委員"),
    ("titles.tsv", "副首席部長", "TITLE", "副首席部長"),
    ("titles.tsv", "知事", "TITLE", "知事"),
    ("titles.tsv", "前議長", "TITLE", "議長"),
    ("organisations.tsv", "ICLEI", "ORG", "地方政府永續發展理事會"),
    ("organisations.tsv", "ICAO", "ORG", "國際民航組織"),
    ("organisations.tsv", "UNFCCC", "ORG", "聯合國氣候變化綱要公約"),
    ("organisations.tsv", "歐盟", "ORG", "歐洲聯盟"),
    ("organisations.tsv", "東協", "ORG", "東南亞國家協會"),
    ("organisations.tsv", "APEC", "ORG", "亞太經濟合作"),
    ("events.tsv", "311大地震", "EVENT", "東日本大震災"),
    ("events.tsv", "莫拉克颱風", "EVENT", "莫拉克颱風"),
    ("programs.tsv", "ECFA", "PROGRAM", "兩岸經濟合作架構協議"),
    ("officeholders.tsv", "陳菊", "PERSON", "陳菊"),
])
def test_key_entry(frames, fname, name, label, canonical):
    r = row(frames[fname], name, label)
    assert r["canonical"] == canonical


def test_places_taiwan_covers_all_townships(frames):
    df = frames["places_taiwan.tsv"]
    cur = df[(df["status"] == "current") & df["kind"].isin(["district", "county_city", "urban_township", "rural_township"])
             & ~df["source"].str.contains("misspellings|variant")]
    per_parent = {}
    for parents in cur["parent"]:
        for p in parents.split("|"):
            per_parent[p] = per_parent.get(p, 0) + 1
    # the 22 counties and cities and their township-level divisions as of 2014-12-25 (368 in all),
    # plus 頭份市 and 員林市 (2015 upgrades) that are listed next to their former 鎮
    assert per_parent["高雄市"] == 38 and per_parent["臺南市"] == 37 and per_parent["臺中市"] == 29
    assert per_parent["新北市"] == 29 and per_parent["臺北市"] == 12 and per_parent["桃園市"] == 13
    assert sum(per_parent.values()) == 368 + 2
    assert len(per_parent) == 22


def test_every_pre_2010_county_township_has_a_successor(frames):
    df = frames["places_taiwan.tsv"]
    names = set(df["name"])
    former = df[(df["status"] == "former") & df["kind"].isin(["county_city", "urban_township", "rural_township"])]
    assert len(former) > 100
    assert set(former["canonical"]) <= names


def test_japan_prefectures_and_us_states(frames):
    df = frames["places_foreign.tsv"]
    pref = df[(df["country"] == "日本") & df["kind"].isin(["prefecture", "metropolis"]) & (df["name"] == df["canonical"])]
    assert len(pref) == 47
    states = df[(df["country"] == "美國") & (df["kind"] == "state")]
    assert len(set(states["canonical"])) >= 50


def test_sovereign_states_coverage(frames):
    df = frames["countries.tsv"]
    iso = set(df["iso2"]) - {""}
    assert len(iso) >= 195
    for taiwan_usage, mainland in [("紐西蘭", "新西蘭"), ("義大利", "意大利"), ("沙烏地阿拉伯", "沙特阿拉伯")]:
        assert row(df, taiwan_usage)["usage"] in {"taiwan", "iso"}
        assert row(df, mainland)["usage"] == "mainland"
    allies = df[df["roc_ally"] != ""]
    assert {"巴拉圭", "帛琉", "史瓦帝尼", "甘比亞", "教廷"} <= set(allies["canonical"])


def test_hong_kong_and_macao_are_cities_not_countries(frames):
    assert "香港" not in set(frames["countries.tsv"]["name"])
    assert "澳門" not in set(frames["countries.tsv"]["name"])


def test_guide_examples_are_covered(frames):
    """Every COUNTRY/CITY/LOC/BUREAU/TITLE name of the annotation guide's examples table is listed."""
    names: dict[str, set[str]] = {}
    for fname, df in frames.items():
        if "name" in df.columns:
            for n, lab in zip(df["name"], df["label"]):
                names.setdefault(lab, set()).add(n)
    guide = {
        "COUNTRY": "日本 韓國 美國 德國 澳洲 菲律賓 巴西 以色列 英國 馬來西亞 台灣 臺灣",
        "CITY": "八王子市 熊本縣 東京都 慶尚南道 檳州 釜山 波特蘭 科羅拉多泉 布里斯本 利物浦 鼓山區 宿霧市 礦山縣",
        "LOC": "西歐 新英格蘭 亞太",
        "TITLE": "監察委員長 知事 副議長 副市長 市長 所長 議長 副首席部長 聯邦眾議員 處長 局長 區長 會長 市議員 法師",
        "BUREAU": "民政局 教育局 文化局 海洋局 消防局 觀光局 經發局 仁川市議會 藏人行政中央議會 日本交流協會台北事務所 美國在台協會高雄分處 以色列駐台辦事處 國際關係小組",
        "ORG": "ICLEI",
        "EVENT": "311大地震",
    }
    missing = [(lab, n) for lab, ns in guide.items() for n in ns.split() if n not in names.get(lab, set())]
    assert not missing, missing


def test_english_names_for_bracketed_originals(frames):
    df = frames["places_foreign.tsv"]
    assert row(df, "利物浦")["en"] == "Liverpool"
    assert row(df, "普利茅斯")["en"] == "Plymouth"


# ------------------------------------------------------------------ people

def test_surnames(frames):
    df = frames["surnames.tsv"]
    chinese = df[df["origin"].str.contains("chinese")]
    assert len(chinese[chinese["kind"] == "single"]) >= 350
    for s in "陳 林 黃 張 李 王 吳 劉 蔡 楊 張簡 歐陽 范姜 司馬 諸葛 上官".split():
        assert s in set(chinese["name"]), s
    assert row(df, "陳")["rank"] == "1"
    japanese = df[df["origin"].str.contains("japanese")]
    for s in "佐藤 鈴木 高橋 田中 渡邊 佐佐木 長谷川 五十嵐 林".split():
        assert s in set(japanese["name"]), s
    assert row(df, "渡辺")["canonical"] == "渡邊"
    assert "chinese" in row(df, "林")["origin"] and "japanese" in row(df, "林")["origin"]


def test_titles_mark_meeting_roles_ambiguous(frames):
    df = frames["titles.tsv"]
    assert row(df, "主席")["ambiguous"] == "yes"
    assert row(df, "市長")["ambiguous"] == "no"


def test_person_patterns_compile_and_match():
    df = load("person_patterns.tsv")
    pats = {}
    for pid, rx in zip(df["pattern_id"], df["regex"]):
        pats[pid] = regex.compile(BUILD._substitute_placeholders(rx))
    assert pats["transliterated_dot"].search(unicodedata.normalize("NFKC", "參議員約翰．麥肯來訪"))
    assert pats["transliterated_dot"].search("忠仁‧達祿斯")
    assert pats["latin_caps"].search("市議員DAVID FLORES TUMULAK參加").group(0) == "DAVID FLORES TUMULAK"
    m = pats["surname_title_given"].search("主席：許議長崑源")
    assert m is None or m.group("title")  # 許 is not in the test placeholder list
    m = regex.compile(df[df["pattern_id"] == "surname_title_given"]["regex"].iloc[0]
                      .replace("{SURNAME}", "(?:許|徐)").replace("{TITLE}", "(?:秘書長|議長)")).search("主席：許議長崑源")
    assert (m.group("surname"), m.group("title"), m.group("given")) == ("許", "議長", "崑源")


# ------------------------------------------------------------------ suffixes

def test_suffix_files(frames):
    ev = frames["event_suffixes.tsv"]
    assert ev[ev["suffix"] == "記者會"].iloc[0]["not_entity"] == "yes"
    assert ev[ev["suffix"] == "研討會"].iloc[0]["not_entity"] == "no"
    pr = frames["program_suffixes.tsv"]
    assert pr[pr["suffix"] == "條例"].iloc[0]["not_entity"] == "yes"
    assert pr[pr["suffix"] == "計畫"].iloc[0]["not_entity"] == "no"
    bu = frames["bureau_suffixes.tsv"]
    for s in "局 處 署 會 委員會 議會 公所 辦事處 代表處 市政府 縣政府 區公所".split():
        assert s in set(bu["suffix"]), s
    for df in (ev, pr, bu, frames["org_suffixes.tsv"]):
        assert df["min_prefix"].str.isdigit().all() and df["max_prefix"].str.isdigit().all()


def test_tai_variants_are_generated(frames):
    for fname, (cols, key, _) in BUILD.SPECS.items():
        if fname in BUILD.NO_VARIANTS:
            continue
        df = frames[fname]
        keys = set(zip(df[key], df["label"]))
        for k, lab in keys:
            if "臺" in k and k.count("臺") + k.count("台") <= 4:
                assert (k.replace("臺", "台"), lab) in keys, (fname, k)
