#!/usr/bin/env python3
"""bench/brreg baseline: the per-municipality facts of an Enhetsregisteret bulk CSV(.gz), in DuckDB.

The same aggregation `naeringsplan facts --file FILE --all` does, on the same file: per
municipality (forretningsadresse.kommunenummer) the present enheter by organisation form,
registrations per year and form with the AS share, bankruptcies (and by year of konkursdato),
voluntary and compulsory liquidations, the enterprise headcounts (published sum, withheld units),
and the 10 largest enterprises by employees overall and per sector group (the groups of
data/sn2007/sector_groups.toml, by NACE division). The CSV is read once into an in-memory table
(DuckDB's parallel CSV reader decompresses the .gz itself), then the queries run on it; every
result is fetched. Prints the wall time of that work (import of the duckdb module excluded).

usage: duckdb_facts.py FILE.csv.gz SECTOR_GROUPS.toml
"""
import sys
import time
import tomllib

import duckdb

path, groups_path = sys.argv[1], sys.argv[2]
with open(groups_path, "rb") as f:
    groups = tomllib.load(f)["group"]
ranges = []
for g in groups:
    for r in g["divisions"]:
        lo, _, hi = r.partition("-")
        ranges.append((g["id"], int(lo), int(hi or lo)))
values = ", ".join(f"('{gid}', {lo}, {hi})" for gid, lo, hi in ranges)

t0 = time.perf_counter()
con = duckdb.connect()
con.execute(f"CREATE TABLE groups(id VARCHAR, lo INT, hi INT); INSERT INTO groups VALUES {values}")
con.execute(
    f"""
    CREATE TABLE e AS
    SELECT
        organisasjonsnummer AS orgnr,
        navn AS name,
        "organisasjonsform.kode" AS form,
        "forretningsadresse.kommunenummer" AS k,
        "naeringskode1.kode" AS nace,
        TRY_CAST(substr("naeringskode1.kode", 1, 2) AS INT) AS division,
        "harRegistrertAntallAnsatte" AS has_emp,
        "antallAnsatte" AS emp,
        "registreringsdatoenhetsregisteret" AS registered,
        konkurs,
        konkursdato,
        "underAvvikling" AS liquidation,
        "underTvangsavviklingEllerTvangsopplosning" AS forced
    FROM read_csv('{path}', header = true, quote = '"', escape = '"',
                  types = {{'organisasjonsnummer': 'VARCHAR', 'naeringskode1.kode': 'VARCHAR',
                           'forretningsadresse.kommunenummer': 'VARCHAR',
                           'postadresse.kommunenummer': 'VARCHAR',
                           'antallAnsatte': 'BIGINT',
                           'registreringsdatoenhetsregisteret': 'DATE',
                           'konkursdato': 'DATE'}})
    """
)
queries = {
    "by_form": "SELECT k, form, count(*) FROM e WHERE k IS NOT NULL GROUP BY k, form",
    "registrations": """
        SELECT k, year(registered) AS y, form, count(*) FROM e
        WHERE k IS NOT NULL AND registered IS NOT NULL GROUP BY k, y, form""",
    "as_share": """
        SELECT k, year(registered) AS y, count(*) AS total,
               count(*) FILTER (WHERE form = 'AS') / count(*) AS as_share
        FROM e WHERE k IS NOT NULL AND registered IS NOT NULL GROUP BY k, y""",
    "status": """
        SELECT k, count(*) AS enheter,
               count(*) FILTER (WHERE konkurs) AS bankrupt,
               count(*) FILTER (WHERE liquidation) AS under_liquidation,
               count(*) FILTER (WHERE forced) AS under_forced,
               sum(emp) AS employees_known,
               count(emp) AS known_units,
               count(*) FILTER (WHERE has_emp AND emp IS NULL) AS withheld_units
        FROM e WHERE k IS NOT NULL GROUP BY k""",
    "bankruptcies_by_year": """
        SELECT k, year(konkursdato) AS y, count(*) FROM e
        WHERE k IS NOT NULL AND konkurs AND konkursdato IS NOT NULL GROUP BY k, y""",
    "largest": """
        SELECT * FROM (
            SELECT k, orgnr, name, emp,
                   row_number() OVER (PARTITION BY k ORDER BY emp DESC, orgnr) AS r
            FROM e WHERE k IS NOT NULL AND emp IS NOT NULL)
        WHERE r <= 10""",
    "largest_by_group": """
        SELECT * FROM (
            SELECT k, g.id, orgnr, name, emp,
                   row_number() OVER (PARTITION BY k, g.id ORDER BY emp DESC, orgnr) AS r
            FROM e JOIN groups g ON e.division BETWEEN g.lo AND g.hi
            WHERE k IS NOT NULL AND emp IS NOT NULL)
        WHERE r <= 10""",
}
rows = 0
for name, q in queries.items():
    rows += len(con.execute(q).fetchall())
n = con.execute("SELECT count(*), count(DISTINCT k) FROM e").fetchone()
secs = time.perf_counter() - t0
print(f"duckdb: {n[0]} units, {n[1]} municipalities, {rows} result rows in {secs:.3f} s")
print(f"duckdb_seconds: {secs:.3f}")
