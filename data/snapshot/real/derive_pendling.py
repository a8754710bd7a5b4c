#!/usr/bin/env python3
"""Converts SSB's own saved copies of tables 03321 and 11618 (statisticsnorway/pendling) into
the JSON-stat 2.0 files of the offline snapshot. REAL data: no value is changed or invented.

Usage (from the workspace root; needs `pip install pyreadr pandas`):

    python3 data/snapshot/real/derive_pendling.py /path/to/ssb_pendling_statisticsnorway

The argument is a folder holding the verbatim R data files of github statisticsnorway/pendling
@ b3d34483cc46755f683e2bb398853f32bf62783b (2023-09-29, Apache-2.0), renamed:

    data/data_pendling{YEAR}.rds -> ssb_03321_data_pendling{YEAR}_verbatim.rds
    data/data_kommune{YEAR}.rds  -> ssb_11618_data_kommune{YEAR}_verbatim.rds

(copies in the project's shared folder `data/found/ssb_pendling_statisticsnorway/`, origins in
its SOURCES.md §7). SSB's `make_data.R` in that repository fetched them from SSB's API:

    ApiData(".../api/v0/no/table/11618/", Region = TRUE, Kjonn = "0", Tid = y, Alder = "15-74",
            ContentsCode = TRUE)
    ApiData(".../api/v0/no/table/03321/", Tid = y, ArbstedKomm = TRUE, Bokommuen = TRUE)

and kept only municipalities with a point on SSB's map (so Svalbard and "uoppgitt" are left
out). It writes, next to this script (deterministic: the same inputs give the same bytes):

  ssb_03321_pendling_{YEAR}.json   03321, one file per year 2017-2022: Bokommuen (home, the
      region) x ArbstedKomm (work) x ContentsCode "Sysselsatte" x Tid, each year on its own
      municipality codes (2017-2019 the old codes, e.g. 0220 Asker, 0627 Royken, 0628 Hurum;
      2020-2022 the 2020 codes, 3025 Asker). Stored sparse: every non-zero flow, plus the zero
      flows between municipalities that later merge (the store sums the whole block home in M x
      work in M for a merged municipality M, so it needs every cell of the block). A flow that
      is not in the file is 0 in SSB's table.
  ssb_11618_sysselsatte_2017_2022.json   11618: Region x Kjonn "0" x Alder "15-74" x
      ContentsCode {BefolkningBosted, SysselBosted, SysselArbsted} x Tid 2017-2022, each year
      on its own codes.

The merge groups come from the KLASS change files in `data/klass/` (2017->2018, 2018->2019,
2019->2020, 2023->2024), the municipality names from the KLASS code lists there.
"""
import csv
import json
import sys
from pathlib import Path

import pyreadr

REPO = "statisticsnorway/pendling"
COMMIT = "b3d34483cc46755f683e2bb398853f32bf62783b"
YEARS = range(2017, 2023)
HERE = Path(__file__).resolve().parent
KLASS = HERE.parent.parent / "klass"
SCRIPT = "data/snapshot/real/derive_pendling.py"
# The one code in SSB's saved files that is not in the KLASS list of its year: Rindal moved from
# Møre og Romsdal (1567) to Trøndelag (5061) on 1 January 2019 with unchanged borders, but the
# 2019 files still carry 1567. Written as 5061 (the file's note says so), else the store would
# not find Rindal in 2019. Nothing else is recoded.
RENUMBER = {2019: {"1567": "5061"}}


def read_csv(name, encoding):
    with open(KLASS / name, encoding=encoding, newline="") as f:
        return list(csv.reader(f, delimiter=";"))


def names_of(year):
    """Municipality names valid in `year` (KLASS code lists of data/klass)."""
    files = {
        2017: ("klass131_codes_2017_derived.csv", "utf-8"),
        2018: ("klass131_codes_2018_derived.csv", "utf-8"),
        2019: ("klass131_codes_2019_iso8859-1.csv", "iso8859-1"),
    }
    name, enc = files.get(year, ("klass131_codes_2020_iso8859-1.csv", "iso8859-1"))
    rows = read_csv(name, enc)
    return {r[0]: r[3] for r in rows[1:] if r and r[0] != "9999"}


def merge_groups():
    """Union-find over every code change 2017-2024: codes that end up (partly) in the same
    municipality share a group."""
    parent = {}

    def find(c):
        parent.setdefault(c, c)
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    def union(a, b):
        parent[find(a)] = find(b)

    for name in (
        "klass131_changes_2017_2018_derived.csv",
        "klass131_changes_2018_2019_derived.csv",
        "klass131_changes_2023_2024_derived.csv",
    ):
        for r in read_csv(name, "utf-8")[1:]:
            if r:
                union(r[0], r[3])
    for r in read_csv("klass131_changes_2019_2020_cp1252.csv", "cp1252")[1:]:
        if r and r[0][:4].isdigit() and r[1][:4].isdigit():
            union(r[0][:4], r[1][:4])
    return find


def category(codes, names, label):
    return {
        "label": label,
        "category": {
            "index": {c: i for i, c in enumerate(codes)},
            "label": {c: names.get(c, c) for c in codes},
        },
    }


def renumbered(year):
    r = RENUMBER.get(year, {})
    return "".join(
        f" (i {year} står Rindal som {old} i SSBs fil, men KLASS {year} har {new}: skrevet som {new})"
        for old, new in r.items()
    )


def origin(path):
    return f"github {REPO} @ {COMMIT} `{path}`"


def write(name, dataset):
    out = HERE / name
    out.write_text(json.dumps(dataset, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size} bytes)", file=sys.stderr)


def main():
    src = Path(sys.argv[1])
    group = merge_groups()

    for y in YEARS:
        df = pyreadr.read_r(str(src / f"ssb_03321_data_pendling{y}_verbatim.rds"))[None]
        df = df.replace({"Bokommuen": RENUMBER.get(y, {}), "ArbstedKomm": RENUMBER.get(y, {})})
        assert set(df["ContentsCode"]) == {"Sysselsatte"}, y
        assert set(df["Tid"]) == {str(y)}, y
        assert df["value"].notna().all(), y
        names = names_of(y)
        codes = sorted(set(df["Bokommuen"]) | set(df["ArbstedKomm"]))
        unknown = [c for c in codes if c not in names]
        assert not unknown, f"{y}: codes not in the KLASS list of the year: {unknown}"
        pos = {c: i for i, c in enumerate(codes)}
        n = len(codes)
        values = {}
        for home, work, v in zip(df["Bokommuen"], df["ArbstedKomm"], df["value"]):
            v = int(v)
            if v != 0 or (home != work and group(home) == group(work)) or home == work:
                idx = pos[home] * n + pos[work]
                assert idx not in values, (y, home, work)
                values[idx] = v
        # Order the sparse values by index so the bytes are deterministic.
        values = {str(k): values[k] for k in sorted(values)}
        path = f"data/data_pendling{y}.rds"
        note = (
            f"EKTE DATA: SSBs tabell 03321 (sysselsatte per 4. kvartal, pendlingsstrømmer etter "
            f"arbeidsstedskommune og bostedskommune), {y}, slik SSB selv lagret den i "
            f"{origin(path)} (hentet med SSBs API av make_data.R; bare kommuner med et punkt på "
            f"SSBs kart, så Svalbard og «uoppgitt» er utelatt). Kommunekodene gjelder {y}{renumbered(y)}. "
            f"Glissen: alle strømmer som ikke er 0, og 0-strømmene mellom kommuner som senere "
            f"slås sammen; en strøm som mangler er 0 hos SSB. Beholderen (JSON-stat) er skrevet "
            f"av {SCRIPT}; ingen tall er endret."
        )
        write(
            f"ssb_03321_pendling_{y}.json",
            {
                "class": "dataset",
                "version": "2.0",
                "label": f"03321: Sysselsatte per 4. kvartal. Pendlingsstrømmer etter "
                f"arbeidsstedskommune, bostedskommune, statistikkvariabel og år ({y})",
                "source": "Statistisk sentralbyrå (tabell 03321), via statisticsnorway/pendling",
                "note": [note],
                "id": ["Bokommuen", "ArbstedKomm", "ContentsCode", "Tid"],
                "size": [n, n, 1, 1],
                "dimension": {
                    "Bokommuen": category(codes, names, "bostedskommune"),
                    "ArbstedKomm": category(codes, names, "arbeidsstedskommune"),
                    "ContentsCode": {
                        "label": "statistikkvariabel",
                        "category": {
                            "index": {"Sysselsatte": 0},
                            "label": {"Sysselsatte": "Sysselsatte personer"},
                            "unit": {"Sysselsatte": {"base": "personer", "decimals": 0}},
                        },
                    },
                    "Tid": {"label": "år", "category": {"index": {str(y): 0}, "label": {str(y): str(y)}}},
                },
                "role": {"time": ["Tid"], "metric": ["ContentsCode"], "geo": ["Bokommuen"]},
                "value": values,
                "extension": {
                    "px": {"tableid": "03321", "decimals": 0},
                    "naeringsplan": {
                        "synthetic": False,
                        "source_url": "https://www.ssb.no/statbank/table/03321",
                        "origin": {"repository": f"https://github.com/{REPO}", "commit": COMMIT, "path": path},
                        "generator": SCRIPT,
                        "note": note,
                    },
                },
            },
        )

    # 11618: one file for all years, each year on its own codes.
    contents = [
        ("BefolkningBosted", "Befolkning (bosted)"),
        ("SysselBosted", "Sysselsatte personer (bosted)"),
        ("SysselArbsted", "Sysselsatte personer (arbeidssted)"),
    ]
    cells = {}
    names = {}
    for y in YEARS:
        df = pyreadr.read_r(str(src / f"ssb_11618_data_kommune{y}_verbatim.rds"))[None]
        df = df.replace({"Region": RENUMBER.get(y, {})})
        assert set(df["Kjonn"]) == {"0"} and set(df["Alder"]) == {"15-74"}, y
        assert set(df["Tid"]) == {str(y)}, y
        assert set(df["ContentsCode"]) == {c for c, _ in contents}, y
        year_names = names_of(y)
        for region, cc, v in zip(df["Region"], df["ContentsCode"], df["value"]):
            assert region in year_names, (y, region)
            assert (region, cc, y) not in cells, (y, region, cc)
            cells[(region, cc, y)] = int(v)
            names.setdefault(region, year_names[region])
    regions = sorted({r for r, _, _ in cells})
    years = list(YEARS)
    size = [len(regions), 1, 1, len(contents), len(years)]
    values = {}
    for (region, cc, y), v in cells.items():
        idx = (((regions.index(region)) * 1 + 0) * 1 + 0) * len(contents) * len(years)
        idx += [c for c, _ in contents].index(cc) * len(years) + years.index(y)
        values[idx] = v
    values = {str(k): values[k] for k in sorted(values)}
    paths = ", ".join(f"data/data_kommune{y}.rds" for y in YEARS)
    note = (
        f"EKTE DATA: SSBs tabell 11618 (sysselsatte og befolkning 15–74 år etter bosted og "
        f"arbeidssted, 4. kvartal), {years[0]}–{years[-1]}, slik SSB selv lagret den i "
        f"github {REPO} @ {COMMIT} ({paths}; hentet med SSBs API av make_data.R: Kjonn \"0\", "
        f"Alder \"15-74\"; bare kommuner med et punkt på SSBs kart). Hvert år på sine egne "
        f"kommunekoder{renumbered(2019)}. Beholderen (JSON-stat) er skrevet av {SCRIPT}; ingen tall er endret."
    )
    write(
        f"ssb_11618_sysselsatte_{years[0]}_{years[-1]}.json",
        {
            "class": "dataset",
            "version": "2.0",
            "label": "11618: Sysselsatte og befolkning per 4. kvartal, etter region, kjønn, alder, "
            "statistikkvariabel og år",
            "source": "Statistisk sentralbyrå (tabell 11618), via statisticsnorway/pendling",
            "note": [note],
            "id": ["Region", "Kjonn", "Alder", "ContentsCode", "Tid"],
            "size": size,
            "dimension": {
                "Region": category(regions, names, "region"),
                "Kjonn": {"label": "kjønn", "category": {"index": {"0": 0}, "label": {"0": "Begge kjønn"}}},
                "Alder": {"label": "alder", "category": {"index": {"15-74": 0}, "label": {"15-74": "15-74 år"}}},
                "ContentsCode": {
                    "label": "statistikkvariabel",
                    "category": {
                        "index": {c: i for i, (c, _) in enumerate(contents)},
                        "label": {c: l for c, l in contents},
                        "unit": {c: {"base": "personer", "decimals": 0} for c, _ in contents},
                    },
                },
                "Tid": {
                    "label": "år",
                    "category": {"index": {str(y): i for i, y in enumerate(years)}, "label": {str(y): str(y) for y in years}},
                },
            },
            "role": {"time": ["Tid"], "metric": ["ContentsCode"], "geo": ["Region"]},
            "value": values,
            "extension": {
                "px": {"tableid": "11618", "decimals": 0},
                "naeringsplan": {
                    "synthetic": False,
                    "source_url": "https://www.ssb.no/statbank/table/11618",
                    "origin": {"repository": f"https://github.com/{REPO}", "commit": COMMIT, "paths": paths},
                    "generator": SCRIPT,
                    "note": note,
                },
            },
        },
    )


if __name__ == "__main__":
    main()
