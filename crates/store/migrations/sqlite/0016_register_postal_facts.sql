-- Register facts per postal code (issue 20 item 5: a municipality's districts). For each register
-- snapshot (enheter or underenheter) and municipality (code as in the file), the units per postal
-- code of the unit's own address (enheter: forretningsadresse.postnummer, underenheter:
-- beliggenhetsadresse.postnummer; '' for none or not four digits). The plan's districts are sums
-- of these rows (app::districts); snapshots imported before this migration have none and say so.
-- See crates/store/src/brreg.rs (PostalCodeFacts) for what each column holds.
-- Same schema for SQLite and PostgreSQL (migrations/{sqlite,postgres}/0016_register_postal_facts.sql);
-- keep the two in step.
CREATE TABLE register_postal_facts (
    snapshot_id              BIGINT NOT NULL REFERENCES register_snapshots(id),
    municipality             TEXT NOT NULL,   -- four digits, as in the file
    postal_code              TEXT NOT NULL,   -- four digits, '' for none
    units                    BIGINT NOT NULL, -- not deleted or closed (bankrupt included)
    bankrupt                 BIGINT NOT NULL,
    employees_known_sum      BIGINT NOT NULL, -- published headcounts
    employees_withheld_units BIGINT NOT NULL, -- units whose headcount is withheld (not 0)
    detail_json              TEXT NOT NULL,   -- registrations and bankruptcies per year, examples
    PRIMARY KEY (snapshot_id, municipality, postal_code)
);
