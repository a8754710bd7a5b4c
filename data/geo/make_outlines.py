#!/usr/bin/env python3
"""Make the bundled map outlines in data/geo/ from Kartverket's borders (see SOURCES.md).

Usage: python3 data/geo/make_outlines.py SRC_DIR [OUT_DIR]

SRC_DIR holds the verbatim copies of robhop/fylker-og-kommuner's GeoJSON files
(kommuner_2024_S.geojson, kommuner_2024_M.geojson, kommuner_2020_medium.geojson).
OUT_DIR defaults to this script's directory. Standard library only; the output is
deterministic (run it twice, compare).

What it does, and nothing else:
- keeps each feature's code (zero-padded to 4 digits: the 2020 file has integers) and
  name, and drops the other properties;
- rounds every WGS84 longitude/latitude to DECIMALS places (3 for the national outlines,
  about 110 m north-south; 4 for the close-up of the detail area, about 11 m) and drops a
  point equal to the one before it; a ring left with fewer than 4 points is dropped.
  Rounding moves shared border points identically on both sides, so neighbouring outlines
  still meet exactly (no new simplification that could open gaps);
- writes a compact text format (see `write`): integer coordinates, each point as the
  difference from the one before; rings only (the web app fills with the even-odd rule,
  so holes need no polygon structure);
- the close-up file keeps only the municipalities whose bounding box comes within
  MARGIN degrees of the detail municipality's (Asker, 3203) from the more detailed M file.

No county files: county borders are the municipality borders between municipalities of
different counties (the first two digits of the code), found by the web app; the input
shares border points exactly (TopoJSON-made), which rounding keeps.

The projection (UTM zone 33, EPSG:25833) is done by the web app on first use
(crates/web/src/maps.rs), so the same code projects the outlines and the land sites.
"""

import json
import os
import sys

DETAIL_CODE = "3203"  # Asker
MARGIN = 0.08  # degrees around the detail municipality's bounding box


def ring_rounded(ring, decimals):
    out = []
    for lon, lat, *_ in ring:
        p = [round(lon, decimals), round(lat, decimals)]
        if not out or out[-1] != p:
            out.append(p)
    if len(out) >= 2 and out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    raise ValueError("unexpected geometry " + geometry["type"])


def simplified(feature, code_key, width, name_key, decimals):
    props = feature["properties"]
    code = str(props[code_key]).zfill(width)
    polys = []
    for poly in polygons(feature["geometry"]):
        rings = [r for r in (ring_rounded(ring, decimals) for ring in poly) if r]
        # A polygon whose outer ring vanished is dropped with its holes.
        if rings and ring_rounded(poly[0], decimals):
            polys.append(rings)
    return {
        "type": "Feature",
        "properties": {"code": code, "name": props[name_key]},
        "geometry": {"type": "MultiPolygon", "coordinates": polys},
    }


def bbox(feature):
    xs, ys = [], []
    for poly in polygons(feature["geometry"]):
        for ring in poly:
            for lon, lat, *_ in ring:
                xs.append(lon)
                ys.append(lat)
    return min(xs), min(ys), max(xs), max(ys)


def write(path, features, decimals, header):
    """One line per feature: `code<TAB>name<TAB>rings`, rings separated by `;`, a ring's points
    by spaces, each point `x,y` in units of 10^-decimals degrees: the first absolute, the
    others as the difference from the point before."""
    unit = 10**decimals
    features = sorted(features, key=lambda f: f["properties"]["code"])
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# {header}\n")
        f.write(f"# code<TAB>name<TAB>rings; points in 1/{unit} degree (WGS84 lon,lat), first absolute, then deltas\n")
        f.write(f"unit\t{unit}\n")
        for x in features:
            rings = []
            for poly in x["geometry"]["coordinates"]:
                for ring in poly:
                    pts, last = [], None
                    for lon, lat in ring[:-1]:  # the closing point is implied
                        p = (round(lon * unit), round(lat * unit))
                        pts.append(f"{p[0]},{p[1]}" if last is None else f"{p[0] - last[0]},{p[1] - last[1]}")
                        last = p
                    rings.append(" ".join(pts))
            props = x["properties"]
            f.write(f"{props['code']}\t{props['name']}\t{';'.join(rings)}\n")
    print(f"{path}: {len(features)} features, {os.path.getsize(path)} bytes")


def load(src, name):
    with open(os.path.join(src, name), encoding="utf-8") as f:
        return json.load(f)["features"]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    src = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__))
    jobs = [
        ("kommuner_2024.txt", "kommuner_2024_S.geojson", "kommunenavn", "2024 borders (357)"),
        ("kommuner_2020.txt", "kommuner_2020_medium.geojson", "navn", "2020-2023 borders (356)"),
    ]
    for target, source, name_key, what in jobs:
        feats = [simplified(f, "kommunenummer", 4, name_key, 3) for f in load(src, source)]
        header = f"Municipality outlines, {what}, from {source}. Kartgrunnlag: (c) Kartverket, CC BY 4.0"
        write(os.path.join(out, target), feats, 3, header)

    detail = load(src, "kommuner_2024_M.geojson")
    own = [f for f in detail if f["properties"]["kommunenummer"] == DETAIL_CODE]
    x0, y0, x1, y1 = bbox(own[0])
    x0, y0, x1, y1 = x0 - MARGIN, y0 - MARGIN, x1 + MARGIN, y1 + MARGIN
    near = []
    for f in detail:
        a, b, c, d = bbox(f)
        if a <= x1 and c >= x0 and b <= y1 and d >= y0:
            near.append(simplified(f, "kommunenummer", 4, "kommunenavn", 4))
    header = (f"Municipality {DETAIL_CODE} and its neighbours, 2024 borders, from kommuner_2024_M.geojson."
              " Kartgrunnlag: (c) Kartverket, CC BY 4.0")
    write(os.path.join(out, f"naer_{DETAIL_CODE}_2024.txt"), near, 4, header)


if __name__ == "__main__":
    main()
