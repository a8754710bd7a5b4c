//! Writes the SYNTHETIC example data of the three registers for Asker (3203) to
//! `data/registers/example/`. There is no public data for these registers; everything here is
//! made up, and every file says SYNTETISK in its name and its content.
//!
//! ```sh
//! cargo run -p naeringsplan-registers --example asker_example_data
//! ```
//!
//! - `asker_naeringsarealer_SYNTETISK.geojson`: eleven invented commercial land sites at real
//!   place names, with outlines drawn as small polygons of the stated area around the place,
//!   and dated changes 2019–2025 (built out, reserved, converted to housing, withdrawn, new).
//! - `asker_fakturajournal_SYNTETISK.csv`: a supplier ledger for 2023–2025 whose suppliers are
//!   taken from the synthetic demo register (`register::synthetic`, the same seed and sequence
//!   as `naeringsplan`'s demo, whose first units these are), so it matches the demo register:
//!   suppliers in Asker, in neighbouring municipalities and elsewhere, one bankrupt, one
//!   number that is in no register, and one row without an organisation number.
//!
//! Deterministic: the same output every run.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

/// The demo register's seed in `naeringsplan` (`cmd::import_brreg::DEMO_SEED`).
const DEMO_SEED: u64 = 20_210_914;
/// How many units of the demo sequence to read (a prefix of the demo's 1 160 000).
const PREFIX: u64 = 200_000;

struct Site {
    id: &'static str,
    name: &'static str,
    place: &'static str,
    lon: f64,
    lat: f64,
    abc: &'static str,
    hub_m: u32,
    owner: &'static str,
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
        owner: "SYNTETISK Grunneier 1 AS",
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
        owner: "SYNTETISK Eiendom 2 AS",
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
        owner: "SYNTETISK Sentrum Eiendom AS",
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
        owner: "SYNTETISK Havneeiendom AS",
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
        owner: "SYNTETISK Stasjonsbyen AS",
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
        owner: "SYNTETISK Nesbru Invest AS",
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
        owner: "SYNTETISK Heggedal Utvikling AS",
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
        owner: "SYNTETISK Grunneier 8",
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
        owner: "SYNTETISK Industri 9 AS",
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
        owner: "SYNTETISK Kraft 10 AS",
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
        owner: "SYNTETISK Vollen Eiendom AS",
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

fn land() -> String {
    let mut features = Vec::new();
    for (k, s) in SITES.iter().enumerate() {
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
                    "eier": s.owner, "merknad": format!("SYNTETISK: {note}"),
                },
                "geometry": geometry,
            }));
        }
    }
    let fc = serde_json::json!({
        "type": "FeatureCollection",
        "name": "SYNTETISK eksempel: næringsarealer i Asker",
        "description": "SYNTETISKE DATA. Oppdiktede næringsarealer ved virkelige stedsnavn i Asker, laget av crates/registers/examples/asker_example_data.rs. Ikke kommunens tall.",
        "features": features,
    });
    serde_json::to_string_pretty(&fc).unwrap() + "\n"
}

/// (orgnr, name, municipality, employees, bankrupt) of one unit of the demo sequence.
type DemoUnit = (String, String, String, String, bool);

/// The first units of the demo sequence.
fn demo_units() -> Vec<DemoUnit> {
    let mut buf = Vec::new();
    register::synthetic::generate_enheter_csv(&mut buf, PREFIX, DEMO_SEED).unwrap();
    let mut rdr = csv::Reader::from_reader(&buf[..]);
    let h = rdr.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|c| c == n).unwrap();
    let (o, n, m, e, k) = (
        col("organisasjonsnummer"),
        col("navn"),
        col("forretningsadresse.kommunenummer"),
        col("antallAnsatte"),
        col("konkurs"),
    );
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[o].to_string(),
                r[n].to_string(),
                r[m].to_string(),
                r[e].to_string(),
                &r[k] == "true",
            )
        })
        .collect()
}

fn ledger() -> String {
    let units = demo_units();
    let pick = |pred: &dyn Fn(&DemoUnit) -> bool, n: usize| {
        units
            .iter()
            .filter(|u| pred(u))
            .take(n)
            .cloned()
            .collect::<Vec<_>>()
    };
    let active = |u: &DemoUnit| !u.4;
    let mut suppliers = Vec::new();
    suppliers.extend(pick(&|u| active(u) && u.2 == "3203", 10));
    suppliers.extend(pick(
        &|u| active(u) && ["3201", "3312", "3301"].contains(&u.2.as_str()),
        5,
    ));
    suppliers.extend(pick(&|u| active(u) && u.2 == "0301", 4));
    suppliers.extend(pick(
        &|u| active(u) && u.3.parse::<u32>().is_ok_and(|e| e >= 250),
        2,
    ));
    suppliers.extend(pick(&|u| active(u) && u.2 == "4601", 2));
    suppliers.extend(pick(&|u| u.4, 1));
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
    let mut per_year: BTreeMap<i32, usize> = BTreeMap::new();
    for year in 2023..=2025 {
        for (i, (orgnr, name, _, _, _)) in suppliers.iter().enumerate() {
            for _ in 0..(1 + next() % 3) {
                let month = 1 + next() % 12;
                let day = 1 + next() % 28;
                let kr = 5_000 + next() % 900_000;
                let ore = next() % 100;
                let cat = categories[(i + (next() % 2) as usize) % categories.len()];
                let _ = writeln!(
                    out,
                    "{orgnr};{name};{},{ore:02};{year}-{month:02}-{day:02};{cat}",
                    group(kr)
                );
                *per_year.entry(year).or_default() += 1;
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

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/registers/example");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("asker_naeringsarealer_SYNTETISK.geojson"), land()).unwrap();
    std::fs::write(dir.join("asker_fakturajournal_SYNTETISK.csv"), ledger()).unwrap();
    println!("wrote {}", dir.display());
}
