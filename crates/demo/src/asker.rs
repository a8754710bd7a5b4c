//! The SYNTHETIC example data of the three registers for Asker (3203), as written to
//! `data/registers/example/` by
//!
//! ```sh
//! cargo run -p naeringsplan-demo --example asker_example_data
//! ```
//!
//! There is no public data for these registers; everything here is made up, and every file says
//! SYNTETISK in its name and its content. The companies in the files are units of the synthetic
//! demo register (`crate::units` with [`crate::units::DEMO_SEED`], the register
//! `naeringsplan` generates into an empty store), taken from its first [`DEMO_PREFIX`] units,
//! under the same organisation numbers and names, so the example data and the demo register agree:
//!
//! - `asker_naeringsarealer_SYNTETISK.geojson`: eleven invented commercial land sites at real
//!   place names, with outlines drawn as small polygons of the stated area around the place,
//!   dated changes 2019–2025 (built out, reserved, converted to housing, withdrawn, new), and
//!   as owners real-estate and construction companies of the demo register in Asker;
//! - `asker_fakturajournal_SYNTETISK.csv`: a supplier ledger for 2023–2025 whose suppliers are
//!   demo units in Asker, in neighbouring municipalities and elsewhere, one bankrupt, one number
//!   that is in no register, and one row without an organisation number;
//! - `asker_bedriftsbesok_SYNTETISK.csv`: four company visits to demo units in Asker;
//! - `asker_investeringer_SYNTETISK.csv`: six enquiries of the investment pipeline
//!   (*Invester i Asker*, §5.7.3) at every stage, invented companies named SYNTETISK, the sites
//!   offered among the land file's sites.
//!
//! Deterministic: the same output every run. A test (`tests/example_data.rs`) checks that the
//! committed files are exactly what this module writes.

use std::fmt::Write as _;

/// How many units of the demo sequence the examples draw from. The demo register must hold at
/// least this many for every example company to be in it (`naeringsplan` refuses a smaller
/// `NAERINGSPLAN_DEMO_UNITS`).
pub const DEMO_PREFIX: u64 = 20_000;

/// The file names, in the order [`asker_files`] returns them.
pub const LAND_FILE: &str = "asker_naeringsarealer_SYNTETISK.geojson";
/// See [`LAND_FILE`].
pub const LEDGER_FILE: &str = "asker_fakturajournal_SYNTETISK.csv";
/// See [`LAND_FILE`].
pub const VISITS_FILE: &str = "asker_bedriftsbesok_SYNTETISK.csv";

/// The pipeline example's file name.
pub const PIPELINE_FILE: &str = "asker_investeringer_SYNTETISK.csv";

/// The municipality the examples describe.
pub const MUNICIPALITY: &str = "3203";

/// The three example files: (file name, contents).
pub fn asker_files() -> Vec<(&'static str, String)> {
    asker_files_of(&demo_units())
}

/// The municipalities (2024 codes) of every demo unit the example files name (land owners,
/// suppliers, visited companies), [`MUNICIPALITY`] among them. A demo register scaled down to
/// some municipalities must hold these whole for every example company to be found in it
/// (`app::brreg`'s scaled demo register adds them for Asker's plan).
pub fn named_municipalities() -> std::collections::BTreeSet<String> {
    let units = demo_units();
    let files = asker_files_of(&units);
    let numbers: std::collections::HashSet<&str> = files
        .iter()
        .flat_map(|(_, text)| text.split(|c: char| !c.is_ascii_digit()))
        .filter(|t| t.len() == 9)
        .collect();
    units
        .iter()
        .filter(|u| numbers.contains(u.orgnr.as_str()))
        .map(|u| u.municipality.clone())
        .collect()
}

fn asker_files_of(units: &[DemoUnit]) -> Vec<(&'static str, String)> {
    vec![
        (LAND_FILE, land(units)),
        (LEDGER_FILE, ledger(units)),
        (VISITS_FILE, visits(units)),
        (PIPELINE_FILE, pipeline()),
    ]
}

struct Site {
    id: &'static str,
    name: &'static str,
    place: &'static str,
    lon: f64,
    lat: f64,
    abc: &'static str,
    hub_m: u32,
    /// (date, area, zoning, availability, use class, note)
    changes: &'static [(
        &'static str,
        f64,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    )],
}

const SITES: &[Site] = &[
    Site {
        id: "ASK-001",
        name: "Tofte næringspark",
        place: "Tofte",
        lon: 10.560,
        lat: 59.545,
        abc: "C",
        hub_m: 2600,
        changes: &[
            (
                "2019-01-01",
                120.0,
                "regulert",
                "ledig",
                "lager_logistikk",
                "Registrert ved oppstart",
            ),
            (
                "2022-05-01",
                120.0,
                "regulert",
                "reservert",
                "lager_logistikk",
                "Opsjon til logistikkaktør",
            ),
            (
                "2024-09-01",
                120.0,
                "regulert",
                "utbygd",
                "lager_logistikk",
                "Lagerbygg tatt i bruk",
            ),
        ],
    },
    Site {
        id: "ASK-002",
        name: "Billingstad øst",
        place: "Billingstad",
        lon: 10.470,
        lat: 59.870,
        abc: "B",
        hub_m: 650,
        changes: &[(
            "2019-01-01",
            35.0,
            "regulert",
            "utbygd",
            "handel",
            "Registrert ved oppstart",
        )],
    },
    Site {
        id: "ASK-003",
        name: "Asker sentrum kvartal 7",
        place: "Asker sentrum",
        lon: 10.436,
        lat: 59.834,
        abc: "A",
        hub_m: 150,
        changes: &[
            (
                "2019-01-01",
                12.0,
                "regulert",
                "reservert",
                "kontor",
                "Registrert ved oppstart",
            ),
            (
                "2023-03-15",
                12.0,
                "regulert",
                "utbygd",
                "kontor",
                "Kontorbygg ferdigstilt",
            ),
        ],
    },
    Site {
        id: "ASK-004",
        name: "Slemmestad havn",
        place: "Slemmestad",
        lon: 10.497,
        lat: 59.781,
        abc: "B",
        hub_m: 400,
        changes: &[
            (
                "2019-01-01",
                45.0,
                "under_regulering",
                "ledig",
                "produksjon",
                "Registrert ved oppstart",
            ),
            (
                "2021-06-01",
                45.0,
                "regulert",
                "ledig",
                "produksjon",
                "Reguleringsplan vedtatt",
            ),
            (
                "2022-11-10",
                45.0,
                "regulert",
                "omdisponert_bolig",
                "produksjon",
                "Omregulert til boliger",
            ),
        ],
    },
    Site {
        id: "ASK-005",
        name: "Hvalstad stasjon",
        place: "Hvalstad",
        lon: 10.462,
        lat: 59.858,
        abc: "A",
        hub_m: 250,
        changes: &[(
            "2019-01-01",
            18.0,
            "regulert",
            "utbygd",
            "kontor",
            "Registrert ved oppstart",
        )],
    },
    Site {
        id: "ASK-006",
        name: "Nesbru vest",
        place: "Nesbru",
        lon: 10.488,
        lat: 59.862,
        abc: "B",
        hub_m: 900,
        changes: &[
            (
                "2019-01-01",
                28.0,
                "regulert",
                "ledig",
                "lager_logistikk",
                "Registrert ved oppstart",
            ),
            (
                "2021-02-01",
                28.0,
                "regulert",
                "reservert",
                "lager_logistikk",
                "Avtale med leietaker",
            ),
            (
                "2024-04-20",
                28.0,
                "regulert",
                "utbygd",
                "lager_logistikk",
                "Bygg tatt i bruk",
            ),
        ],
    },
    Site {
        id: "ASK-007",
        name: "Heggedal nord",
        place: "Heggedal",
        lon: 10.330,
        lat: 59.785,
        abc: "B",
        hub_m: 700,
        changes: &[
            (
                "2019-01-01",
                22.0,
                "avsatt",
                "ledig",
                "produksjon",
                "Registrert ved oppstart",
            ),
            (
                "2023-01-10",
                22.0,
                "under_regulering",
                "ledig",
                "produksjon",
                "Planoppstart",
            ),
            (
                "2025-02-01",
                26.5,
                "regulert",
                "ledig",
                "produksjon",
                "Regulert; utvidet avgrensning",
            ),
        ],
    },
    Site {
        id: "ASK-008",
        name: "Dikemark vest",
        place: "Dikemark",
        lon: 10.355,
        lat: 59.815,
        abc: "C",
        hub_m: 2100,
        changes: &[
            (
                "2019-01-01",
                30.0,
                "avsatt",
                "ledig",
                "kontor",
                "Registrert ved oppstart",
            ),
            (
                "2024-06-18",
                30.0,
                "avsatt",
                "utgatt",
                "kontor",
                "Tatt ut i kommuneplanrevisjon (grønnstruktur)",
            ),
        ],
    },
    Site {
        id: "ASK-009",
        name: "Sætre industriområde",
        place: "Sætre",
        lon: 10.525,
        lat: 59.680,
        abc: "C",
        hub_m: 1200,
        changes: &[(
            "2019-01-01",
            60.0,
            "regulert",
            "utbygd",
            "produksjon",
            "Registrert ved oppstart",
        )],
    },
    Site {
        id: "ASK-010",
        name: "Tofte sør (kraftkrevende)",
        place: "Tofte",
        lon: 10.565,
        lat: 59.532,
        abc: "C",
        hub_m: 3400,
        changes: &[
            (
                "2022-09-01",
                200.0,
                "avsatt",
                "ledig",
                "kraftkrevende",
                "Nytt område i kommuneplanen",
            ),
            (
                "2025-05-05",
                200.0,
                "under_regulering",
                "reservert",
                "kraftkrevende",
                "Planoppstart, opsjon til datasenter",
            ),
        ],
    },
    Site {
        id: "ASK-011",
        name: "Vollen brygge",
        place: "Vollen",
        lon: 10.482,
        lat: 59.802,
        abc: "B",
        hub_m: 800,
        changes: &[
            (
                "2019-01-01",
                8.0,
                "regulert",
                "utbygd",
                "handel",
                "Registrert ved oppstart",
            ),
            (
                "2021-08-30",
                8.0,
                "regulert",
                "omdisponert_bolig",
                "handel",
                "Omregulert til boliger",
            ),
        ],
    },
];

/// A closed hexagon of `area_daa` dekar around (lon, lat), a little irregular.
fn outline(lon: f64, lat: f64, area_daa: f64, k: usize) -> serde_json::Value {
    let r_m = (area_daa * 1000.0 / (1.5 * 3f64.sqrt())).sqrt(); // regular hexagon of that area
    let m_per_deg_lat = 111_320.0;
    let m_per_deg_lon = m_per_deg_lat * lat.to_radians().cos();
    let mut ring: Vec<[f64; 2]> = (0..6)
        .map(|i| {
            let a = std::f64::consts::PI / 3.0 * i as f64 + 0.2 * k as f64;
            let wobble = 1.0 + 0.08 * (((i + k) % 3) as f64 - 1.0);
            let x = lon + r_m * wobble * a.cos() / m_per_deg_lon;
            let y = lat + r_m * wobble * a.sin() / m_per_deg_lat;
            [(x * 1e6).round() / 1e6, (y * 1e6).round() / 1e6]
        })
        .collect();
    ring.push(ring[0]);
    serde_json::json!({ "type": "Polygon", "coordinates": [ring] })
}

fn land(units: &[DemoUnit]) -> String {
    // Owners: active limited companies in Asker in real estate (68) or construction of
    // buildings (41), in the order of the demo sequence.
    let owners: Vec<&DemoUnit> = units
        .iter()
        .filter(|u| {
            u.active()
                && u.municipality == MUNICIPALITY
                && u.form == "AS"
                && (u.nace.starts_with("68") || u.nace.starts_with("41"))
        })
        .collect();
    assert!(
        !owners.is_empty(),
        "no real-estate company in Asker among the first {DEMO_PREFIX} demo units"
    );
    let mut features = Vec::new();
    for (k, s) in SITES.iter().enumerate() {
        let owner = owners[k % owners.len()];
        let mut last_area = None;
        for (date, area, zoning, avail, use_class, note) in s.changes {
            // An outline with the first change and whenever the area changes; otherwise null
            // (the site keeps its outline).
            let geometry = if last_area != Some(*area) {
                outline(s.lon, s.lat, *area, k)
            } else {
                serde_json::Value::Null
            };
            last_area = Some(*area);
            features.push(serde_json::json!({
                "type": "Feature",
                "properties": {
                    "id": s.id, "dato": date, "navn": s.name, "sted": s.place,
                    "areal_daa": area, "planstatus": zoning, "tilgjengelighet": avail,
                    "formal": use_class, "abc": s.abc, "avstand_knutepunkt_m": s.hub_m,
                    "eier": format!("{} (org.nr. {})", owner.name, owner.orgnr),
                    "merknad": format!("SYNTETISK: {note}"),
                },
                "geometry": geometry,
            }));
        }
    }
    let fc = serde_json::json!({
        "type": "FeatureCollection",
        "name": "SYNTETISK eksempel: næringsarealer i Asker",
        "description": "SYNTETISKE DATA. Oppdiktede næringsarealer ved virkelige stedsnavn i Asker, med eiere fra det syntetiske demoregisteret, laget av crates/demo/src/asker.rs (cargo run -p naeringsplan-demo --example asker_example_data). Ikke kommunens tall.",
        "features": features,
    });
    serde_json::to_string_pretty(&fc).expect("JSON values serialise") + "\n"
}

/// One unit of the demo sequence, as the generated bulk file has it.
#[derive(Debug, Clone)]
struct DemoUnit {
    orgnr: String,
    name: String,
    form: String,
    nace: String,
    municipality: String,
    employees: Option<u32>,
    bankrupt: bool,
    winding_up: bool,
}

impl DemoUnit {
    fn active(&self) -> bool {
        !self.bankrupt && !self.winding_up
    }
}

/// The first [`DEMO_PREFIX`] units of the demo sequence.
fn demo_units() -> Vec<DemoUnit> {
    let mut buf = Vec::new();
    crate::units::generate_enheter_csv(&mut buf, DEMO_PREFIX, crate::units::DEMO_SEED)
        .expect("writing to memory cannot fail");
    let mut rdr = csv::Reader::from_reader(&buf[..]);
    let h = rdr
        .headers()
        .expect("the generator writes a header")
        .clone();
    let col = |n: &str| {
        h.iter()
            .position(|c| c == n)
            .unwrap_or_else(|| panic!("the generator writes the column {n}"))
    };
    let (o, n, f, k, m, e, b, w, t) = (
        col("organisasjonsnummer"),
        col("navn"),
        col("organisasjonsform.kode"),
        col("naeringskode1.kode"),
        col("forretningsadresse.kommunenummer"),
        col("antallAnsatte"),
        col("konkurs"),
        col("underAvvikling"),
        col("underTvangsavviklingEllerTvangsopplosning"),
    );
    rdr.records()
        .map(|r| {
            let r = r.expect("the generator writes valid CSV");
            DemoUnit {
                orgnr: r[o].to_string(),
                name: r[n].to_string(),
                form: r[f].to_string(),
                nace: r[k].to_string(),
                municipality: r[m].to_string(),
                employees: r[e].parse().ok(),
                bankrupt: &r[b] == "true",
                winding_up: &r[w] == "true" || &r[t] == "true",
            }
        })
        .collect()
}

/// Takes the first `n` units the predicate accepts and that are not taken yet.
fn take<'a>(
    units: &'a [DemoUnit],
    taken: &mut Vec<&'a DemoUnit>,
    n: usize,
    pred: impl Fn(&DemoUnit) -> bool,
) {
    let picked: Vec<&DemoUnit> = units
        .iter()
        .filter(|u| pred(u) && !taken.iter().any(|t| t.orgnr == u.orgnr))
        .take(n)
        .collect();
    assert_eq!(
        picked.len(),
        n,
        "too few such units among the first {DEMO_PREFIX} demo units"
    );
    taken.extend(picked);
}

/// Companies that pay VAT-registered invoices: limited companies and sole proprietorships.
fn supplier_form(u: &DemoUnit) -> bool {
    ["AS", "ENK", "ANS", "DA", "ASA", "NUF", "SA"].contains(&u.form.as_str())
}

fn ledger(units: &[DemoUnit]) -> String {
    let mut suppliers = Vec::new();
    let ok = |u: &DemoUnit| u.active() && supplier_form(u);
    take(units, &mut suppliers, 10, |u| {
        ok(u) && u.municipality == MUNICIPALITY
    });
    take(units, &mut suppliers, 5, |u| {
        ok(u) && ["3201", "3312", "3301"].contains(&u.municipality.as_str())
    });
    take(units, &mut suppliers, 4, |u| {
        ok(u) && u.municipality == "0301"
    });
    take(units, &mut suppliers, 2, |u| {
        ok(u) && u.employees.is_some_and(|e| e >= 250)
    });
    take(units, &mut suppliers, 2, |u| {
        ok(u) && u.municipality == "4601"
    });
    take(units, &mut suppliers, 1, |u| u.bankrupt);
    let categories = [
        "bygg og anlegg",
        "renhold",
        "IKT",
        "konsulenttjenester",
        "mat og drikke",
        "transport",
    ];
    let mut out = String::from("orgnr;leverandor;belop;dato;kategori\n");
    let mut rng = 0x5eed_u64;
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    for year in 2023..=2025 {
        for (i, u) in suppliers.iter().enumerate() {
            for _ in 0..(1 + next() % 3) {
                let month = 1 + next() % 12;
                let day = 1 + next() % 28;
                let kr = 5_000 + next() % 900_000;
                let ore = next() % 100;
                let cat = categories[(i + (next() % 2) as usize) % categories.len()];
                let _ = writeln!(
                    out,
                    "{};{};{},{ore:02};{year}-{month:02}-{day:02};{cat}",
                    u.orgnr,
                    u.name,
                    group(kr)
                );
            }
        }
        // One number in no register (valid check digit), one row without a number.
        let _ = writeln!(
            out,
            "988888885;SYNTETISK Ukjent leverandør AS;12 500,00;{year}-06-15;konsulenttjenester"
        );
        let _ = writeln!(
            out,
            ";SYNTETISK privatperson (tolk);3 200,00;{year}-09-01;tolketjenester"
        );
    }
    out
}

fn visits(units: &[DemoUnit]) -> String {
    let local: Vec<&DemoUnit> = units
        .iter()
        .filter(|u| u.active() && supplier_form(u) && u.municipality == MUNICIPALITY)
        .collect();
    // The first and sixth of the local suppliers in the ledger, and two Asker companies that
    // are not suppliers.
    let at = |i: usize| {
        local
            .get(i)
            .copied()
            .unwrap_or_else(|| panic!("too few Asker units among the first {DEMO_PREFIX}"))
    };
    let rows = [
        (
            at(0),
            "2024-02-14;besok;Asker sentrum;Ordfører | Næringssjef | Daglig leder (oppdiktet);rekruttering | kompetanse;Invitere til rekrutteringsmøte med NAV [5.1-s1] | Sende oversikt over ledige næringstomter [T3]",
        ),
        (
            at(12),
            "2024-05-22;besok;Røyken;Ordfører | Daglig leder (oppdiktet);lokale innkjøp;Informere om kommunens innkjøpsplan [5.7-s1]",
        ),
        (
            at(5),
            "2024-09-03;dialogmote;Hurum;Ordfører | Næringssjef | Styreleder (oppdiktet);tomt | vei og kollektiv;Følge opp reguleringsspørsmål [T1]",
        ),
        (
            at(14),
            "12.03.2025;besok;Asker nord;Ordfører;samarbeid med skolene;",
        ),
    ];
    let mut out = String::from("orgnr;dato;type;omrade;deltakere;tema;oppfolging;virksomhet\n");
    for (u, rest) in rows {
        let _ = writeln!(out, "{};{rest};{}", u.orgnr, u.name);
    }
    out
}

/// Six invented enquiries (no organisation numbers: the companies are not in any register),
/// one at each stage; the sites offered are sites of [`land`]'s file.
fn pipeline() -> String {
    let rows = [
        "SYNTETISK Fjordlager AS;2023-04-11;lager og logistikk;direkte henvendelse;45;30;etablert;;38;ASK-003",
        "SYNTETISK Biogass Hurum AS;2023-09-20;sirkulærøkonomi;Invest in Norway (oppdiktet);20;15;tapt;valgte tomt i nabokommune;;",
        "SYNTETISK Datasenter Tofte AS;2024-02-05;kraftkrevende;næringsforeningen;60;40;tomt_tilbudt;;;ASK-001",
        "SYNTETISK Gartneri Røyken;2024-06-17;landbruk;direkte henvendelse;8;12;dialog;;;",
        "SYNTETISK Emballasje Slemmestad AS;2024-11-02;produksjon;Askerhalvøya Eiendom (oppdiktet);25;10;beslutning;;;ASK-005",
        "SYNTETISK Kontorhotell Asker AS;2025-01-14;kontor;direkte henvendelse;15;;henvendelse;;;",
    ];
    let mut out = String::from(
        "navn;dato;naering;kilde;arbeidsplasser_forventet;areal_daa;fase;tapt_arsak;arbeidsplasser_skapt;tomt\n",
    );
    for r in rows {
        let _ = writeln!(out, "{r}");
    }
    out
}

fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_example_files_name_units_of_these_municipalities() {
        let m = super::named_municipalities();
        // Asker itself, neighbours, Oslo and Bergen "elsewhere" (see `ledger`).
        for code in ["3203", "3201", "0301", "4601"] {
            assert!(m.contains(code), "{code} in {m:?}");
        }
        assert!(m.len() < 30, "{m:?}");
    }
}
