#!/usr/bin/env python3
"""Derives the bundled KLASS files in this directory from the real exports.

Run once by hand; the outputs are committed. Usage:

    python3 derive.py /path/to/shared/data/real

It reads (all paths relative to the argument):
  national/codes/gardenberg_alle_kommunenummer_fra2013_til2020_wide.csv  (ISO-8859-1, ';')
  national/codes/kommuner_2024_derived.csv                              (UTF-8, ',')
  national/codes/kommuneendringer_2023_til_2024_derived.csv             (UTF-8, ',')
  klass131_codes_2020_iso8859-1.csv                                     (ISO-8859-1, ';')
  ssb_14216_v2_metadata_region_excerpt.json                             (UTF-8 JSON-stat)
and writes the *_derived.csv files described in README.md.
"""
import csv
import io
import json
import sys
from pathlib import Path

src = Path(sys.argv[1])
out = Path(__file__).resolve().parent

CODE_HEADER = ["code", "parentCode", "level", "name", "shortName", "notes", "validFrom", "validTo"]
CHANGE_HEADER = ["oldCode", "oldName", "oldShortName", "newCode", "newName", "newShortName", "changeOccurred"]


def read(path, encoding, delimiter):
    text = (src / path).read_text(encoding=encoding)
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def write(name, header, rows):
    with open(out / name, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def code_rows(pairs):
    return [[c, "", "1", n, "", "", "", ""] for c, n in sorted(pairs.items())]


wide = read("national/codes/gardenberg_alle_kommunenummer_fra2013_til2020_wide.csv", "latin-1", ";")

# Municipality lists 2017 and 2018 (one row per code; the wide file repeats rows for splits).
for year in ("2017", "2018"):
    pairs = {r["kommunenummer_" + year]: r["kommunenavn_" + year] for r in wide}
    write(f"klass131_codes_{year}_derived.csv", CODE_HEADER, code_rows(pairs))

# Changes 2017->2018 and 2018->2019: every row whose code or name differs between the two years.
for a, b in (("2017", "2018"), ("2018", "2019")):
    seen = set()
    rows = []
    for r in wide:
        oc, on = r["kommunenummer_" + a], r["kommunenavn_" + a]
        nc, nn = r["kommunenummer_" + b], r["kommunenavn_" + b]
        if (oc, nc) in seen or (oc == nc and on == nn):
            continue
        seen.add((oc, nc))
        rows.append([oc, on, "", nc, nn, "", f"{b}-01-01"])
    rows.sort()
    write(f"klass131_changes_{a}_{b}_derived.csv", CHANGE_HEADER, rows)

# Municipality list 2024: codes from csdata. Names, in order of preference:
# 1. SSB's own label in the table 14216 metadata excerpt (0301 and 3101-3242);
# 2. the real KLASS 2020 name of the same municipality (same code, or the one 2023 code renumbered
#    into it) when csdata's name is that name with " - " written "-" or with the "(county)"
#    qualifier dropped (e.g. "Loabák-Lavangen" -> "Loabák - Lavangen", "Herøy" -> "Herøy (Nordland)");
# 3. csdata's name as it stands.
meta = json.loads((src / "ssb_14216_v2_metadata_region_excerpt.json").read_text(encoding="utf-8"))
ssb_labels = meta["dimension"]["Region"]["category"]["label"]
k20 = {r["code"]: r["name"] for r in read("klass131_codes_2020_iso8859-1.csv", "latin-1", ";")}
ch = read("national/codes/kommuneendringer_2023_til_2024_derived.csv", "utf-8", ",")
into = {}
for r in ch:
    into.setdefault(r["kode_2024"], []).append(r["kode_2023"])
k24 = read("national/codes/kommuner_2024_derived.csv", "utf-8", ",")
names24 = {}
for r in k24:
    c, cs = r["kommunenummer"], r["kommunenavn"]
    preds = into.get(c, [c])
    old = k20.get(preds[0]) if len(preds) == 1 else None
    if c in ssb_labels:
        names24[c] = ssb_labels[c]
    elif old is not None and (old.replace(" - ", "-") == cs or old.startswith(cs + " (")):
        names24[c] = old
    else:
        names24[c] = cs
write("klass131_codes_2024_derived.csv", CODE_HEADER, code_rows(names24))

# Changes 2023->2024: old names from the real KLASS 2020 export, new names as in the 2024 list.
rows = sorted([r["kode_2023"], k20[r["kode_2023"]], "", r["kode_2024"], names24[r["kode_2024"]], "", "2024-01-01"] for r in ch)
write("klass131_changes_2023_2024_derived.csv", CHANGE_HEADER, rows)

# Counties (classification 104): the first two digits of every municipality code of each period,
# named from csdata (county_name / fylke_2023 / fylkesnavn), Norwegian form only.
COUNTY_NAMES = {
    "01": "Østfold", "02": "Akershus", "03": "Oslo", "04": "Hedmark", "05": "Oppland",
    "06": "Buskerud", "07": "Vestfold", "08": "Telemark", "09": "Aust-Agder", "10": "Vest-Agder",
    "11": "Rogaland", "12": "Hordaland", "14": "Sogn og Fjordane", "15": "Møre og Romsdal",
    "16": "Sør-Trøndelag", "17": "Nord-Trøndelag", "18": "Nordland", "19": "Troms", "20": "Finnmark",
    "30": "Viken", "31": "Østfold", "32": "Akershus", "33": "Buskerud", "34": "Innlandet",
    "38": "Vestfold og Telemark", "39": "Vestfold", "40": "Telemark", "42": "Agder", "46": "Vestland",
    "50": "Trøndelag", "54": "Troms og Finnmark", "55": "Troms", "56": "Finnmark",
}
periods = [  # (first day, first day after, municipality codes)
    ("", "2018-01-01", {r["kommunenummer_2017"] for r in wide}),
    ("2018-01-01", "2019-01-01", {r["kommunenummer_2018"] for r in wide}),
    ("2019-01-01", "2020-01-01", {r["kommunenummer_2019"] for r in wide}),
    ("2020-01-01", "2024-01-01", set(k20)),
    ("2024-01-01", "", set(names24)),
]
spans = {}
for start, end, codes in periods:
    for county in sorted({c[:2] for c in codes if c != "9999"}):
        if county in spans and spans[county][1] == start:
            spans[county][1] = end
        elif county in spans:
            raise SystemExit(f"county {county} reappears after a gap")
        else:
            spans[county] = [start, end]
rows = [[c, "", "1", COUNTY_NAMES[c], "", "", s, e] for c, (s, e) in sorted(spans.items())]
write("klass104_counties_derived.csv", CODE_HEADER, rows)
