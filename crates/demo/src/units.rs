//! A deterministic generator of SYNTHETIC Enhetsregisteret bulk files, in the exact real format,
//! for tests, benchmarks and demos at national size.
//!
//! **Everything this module writes is synthetic.** Every unit's name starts with
//! [`SYNTHETIC_PREFIX`] (`"SYNTETISK "`), and the addresses are made up (`Syntetisk gate N`). The
//! organisation numbers are valid MOD11 numbers (enheter from the 80 000 000–89 999 999 prefix
//! range, underenheter from 90 000 000–99 999 999) and can therefore coincide with real ones: the
//! name prefix, not the number, is what marks a unit as synthetic. Never load generated files as
//! real data; a store importing them must flag them synthetic.
//!
//! What is real: the format (the 2025 enheter header of 68 columns and the 2025 underenheter
//! header of 44 columns, in order; header unquoted, every field quoted, `,` separated, LF line
//! ends; dates `YYYY-MM-DD`; booleans `true`/`false`), the industry codes (drawn from the real
//! SN2007 subclasses, [`brreg::sn2007::Sn2007::embedded`]), the municipality codes and names (the
//! 357 municipalities of 2024, `data/brreg/kommuner_2024.csv`, drawn with weights equal to their
//! population on 1 January 2024) and the organisation form names
//! (`data/brreg/organisasjonsformer.csv`).
//!
//! What is made up, with rough national proportions guessed for realism: the mix of organisation
//! forms (about 36 % ENK, 36 % AS, 8 % FLI, …), industries by section, registration years
//! (a 1995 peak when the register opened, then growing), headcounts (published only when 5 or
//! more; withheld otherwise), and small shares in bankruptcy or liquidation.
//!
//! The output depends only on `(n_units, seed)`: the generator uses its own SplitMix64 PRNG, so
//! the same call writes the same bytes on every platform and version of the dependencies.

use std::io::{self, Write};
use std::sync::OnceLock;

use flate2::Compression;
use flate2::write::GzEncoder;

use brreg::codes::OrgNr;
use brreg::sn2007::Sn2007;

/// The prefix of every synthetic unit's name.
pub const SYNTHETIC_PREFIX: &str = "SYNTETISK ";

/// The seed of the demo register `naeringsplan` generates into an empty store (any fixed number:
/// the data is deterministic). The example land, ledger and visits files
/// (`demo::asker`) name units of the sequence this seed makes.
pub const DEMO_SEED: u64 = 20_210_914;

/// The columns of the 2025 enheter bulk CSV, in file order (68).
pub const ENHETER_2025_COLUMNS: [&str; 68] = [
    "organisasjonsnummer",
    "navn",
    "organisasjonsform.kode",
    "organisasjonsform.beskrivelse",
    "naeringskode1.kode",
    "naeringskode1.beskrivelse",
    "naeringskode2.kode",
    "naeringskode2.beskrivelse",
    "naeringskode3.kode",
    "naeringskode3.beskrivelse",
    "hjelpeenhetskode.kode",
    "hjelpeenhetskode.beskrivelse",
    "harRegistrertAntallAnsatte",
    "antallAnsatte",
    "registreringsdatoAntallAnsatteEnhetsregisteret",
    "registreringsdatoantallansatteNAVAaregisteret",
    "hjemmeside",
    "epostadresse",
    "telefon",
    "mobil",
    "postadresse.adresse",
    "postadresse.poststed",
    "postadresse.postnummer",
    "postadresse.kommune",
    "postadresse.kommunenummer",
    "postadresse.land",
    "postadresse.landkode",
    "forretningsadresse.adresse",
    "forretningsadresse.poststed",
    "forretningsadresse.postnummer",
    "forretningsadresse.kommune",
    "forretningsadresse.kommunenummer",
    "forretningsadresse.land",
    "forretningsadresse.landkode",
    "institusjonellSektorkode.kode",
    "institusjonellSektorkode.beskrivelse",
    "sisteInnsendteAarsregnskap",
    "registreringsdatoenhetsregisteret",
    "stiftelsesdato",
    "registrertIMvaRegisteret",
    "registreringsdatoMerverdiavgiftsregisteret",
    "registreringsdatoMerverdiavgiftsregisteretEnhetsregisteret",
    "frivilligMvaRegistrertBeskrivelser",
    "registreringsdatoFrivilligMerverdiavgiftsregisteret",
    "registrertIFrivillighetsregisteret",
    "registreringsdatoFrivillighetsregisteret",
    "registrertIForetaksregisteret",
    "registreringsdatoForetaksregisteret",
    "registrertIStiftelsesregisteret",
    "registrertIPartiregisteret",
    "registreringsdatoPartiregisteret",
    "konkurs",
    "konkursdato",
    "underAvvikling",
    "underAvviklingDato",
    "underTvangsavviklingEllerTvangsopplosning",
    "tvangsopplostPgaManglendeDagligLederDato",
    "tvangsopplostPgaManglendeRevisorDato",
    "tvangsopplostPgaManglendeRegnskapDato",
    "tvangsopplostPgaMangelfulltStyreDato",
    "tvangsavvikletPgaManglendeSlettingDato",
    "overordnetEnhet",
    "maalform",
    "vedtektsdato",
    "vedtektsfestetFormaal",
    "aktivitet",
    "registreringsnummerIHjemlandet",
    "paategninger",
];

/// The columns of the 2025 underenheter bulk CSV, in file order (44).
pub const UNDERENHETER_2025_COLUMNS: [&str; 44] = [
    "organisasjonsnummer",
    "navn",
    "organisasjonsform.kode",
    "organisasjonsform.beskrivelse",
    "naeringskode1.kode",
    "naeringskode1.beskrivelse",
    "naeringskode2.kode",
    "naeringskode2.beskrivelse",
    "naeringskode3.kode",
    "naeringskode3.beskrivelse",
    "hjelpeenhetskode.kode",
    "hjelpeenhetskode.beskrivelse",
    "harRegistrertAntallAnsatte",
    "antallAnsatte",
    "registreringsdatoAntallAnsatteEnhetsregisteret",
    "registreringsdatoantallansatteNAVAaregisteret",
    "hjemmeside",
    "epostadresse",
    "telefon",
    "mobil",
    "postadresse.adresse",
    "postadresse.poststed",
    "postadresse.postnummer",
    "postadresse.kommune",
    "postadresse.kommunenummer",
    "postadresse.land",
    "postadresse.landkode",
    "beliggenhetsadresse.adresse",
    "beliggenhetsadresse.poststed",
    "beliggenhetsadresse.postnummer",
    "beliggenhetsadresse.kommune",
    "beliggenhetsadresse.kommunenummer",
    "beliggenhetsadresse.land",
    "beliggenhetsadresse.landkode",
    "registreringsdatoIEnhetsregisteret",
    "frivilligMvaRegistrertBeskrivelser",
    "registreringsdatoFrivilligMerverdiavgiftsregisteret",
    "registrertIMvaregisteret",
    "registreringsdatoMerverdiavgiftsregisteret",
    "registreringsdatoMerverdiavgiftsregisteretEnhetsregisteret",
    "oppstartsdato",
    "datoEierskifte",
    "overordnetEnhet",
    "nedleggelsesdato",
];

const KOMMUNER_CSV: &str = include_str!("../../../data/brreg/kommuner_2024.csv");
const ORGFORMER_CSV: &str = include_str!("../../../data/brreg/organisasjonsformer.csv");

/// SplitMix64: a small, fast, well-distributed PRNG (Steele, Lea, Flood 2014), enough for test
/// data. Deterministic for a seed.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`), by multiply-shift (bias negligible for small `n`).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// Picks an index with probability proportional to its weight (cumulative table + binary search).
#[derive(Debug, Clone)]
struct Weighted {
    cumulative: Vec<f64>,
}

impl Weighted {
    fn new(weights: impl IntoIterator<Item = f64>) -> Self {
        let mut acc = 0.0;
        let cumulative = weights
            .into_iter()
            .map(|w| {
                acc += w.max(0.0);
                acc
            })
            .collect();
        Weighted { cumulative }
    }

    fn pick(&self, rng: &mut SplitMix64) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let x = rng.unit() * total;
        self.cumulative
            .partition_point(|&c| c <= x)
            .min(self.cumulative.len().saturating_sub(1))
    }
}

struct Municipality {
    code: String,
    name_upper: String,
}

/// (code, weight in per mille, institutional sector code, sector name, uses the foretaksregister)
const FORMS: &[(&str, f64, &str, &str, bool)] = &[
    ("ENK", 360.0, "8200", "Personlig næringsdrivende", false),
    ("AS", 360.0, "2100", "Private aksjeselskaper mv.", true),
    ("FLI", 85.0, "7000", "Ideelle organisasjoner", false),
    ("ESEK", 35.0, "", "", false),
    ("SAM", 25.0, "", "", false),
    ("NUF", 15.0, "2100", "Private aksjeselskaper mv.", true),
    ("ANS", 12.0, "2300", "Personlige foretak", true),
    ("DA", 6.0, "2300", "Personlige foretak", true),
    ("STI", 6.0, "7000", "Ideelle organisasjoner", false),
    ("BRL", 6.0, "8300", "Borettslag o.l.", true),
    ("ORGL", 5.0, "6500", "Kommuneforvaltningen", false),
    ("SA", 4.0, "2100", "Private aksjeselskaper mv.", true),
    ("KBO", 3.0, "", "", false),
    ("KS", 2.0, "2300", "Personlige foretak", true),
    ("BA", 1.5, "2100", "Private aksjeselskaper mv.", true),
    ("SÆR", 1.0, "7000", "Ideelle organisasjoner", false),
    (
        "KF",
        0.5,
        "1510",
        "Kommunale foretak med ubegrenset ansvar",
        true,
    ),
    ("ASA", 0.2, "2100", "Private aksjeselskaper mv.", true),
    (
        "IKS",
        0.2,
        "1510",
        "Kommunale foretak med ubegrenset ansvar",
        true,
    ),
];

/// Rough weights of SN2007 sections among active enterprises.
const SECTION_WEIGHTS: &[(char, f64)] = &[
    ('A', 6.0),
    ('B', 0.3),
    ('C', 3.0),
    ('D', 0.5),
    ('E', 0.3),
    ('F', 10.0),
    ('G', 10.0),
    ('H', 4.0),
    ('I', 3.0),
    ('J', 5.0),
    ('K', 2.0),
    ('L', 10.0),
    ('M', 12.0),
    ('N', 5.0),
    ('O', 0.3),
    ('P', 2.0),
    ('Q', 6.0),
    ('R', 4.0),
    ('S', 6.0),
    ('T', 0.05),
    ('U', 0.01),
];

const WORDS: &[&str] = &[
    "NORD",
    "FJORD",
    "BYGG",
    "DATA",
    "HANDEL",
    "EIENDOM",
    "KONSULT",
    "TRANSPORT",
    "HELSE",
    "DESIGN",
    "SKOG",
    "GÅRD",
    "MEDIA",
    "INVEST",
    "SERVICE",
    "TEKNIKK",
    "MAT",
    "HAVN",
    "LYS",
    "STEIN",
    "ELEKTRO",
    "RØR",
    "MALER",
    "REGNSKAP",
    "RÅD",
    "VEKST",
    "KYST",
    "FJELL",
    "SOL",
    "VIND",
];

struct Tables {
    munis: Vec<Municipality>,
    muni_pick: Weighted,
    form_pick: Weighted,
    form_names: Vec<String>,
    nace: Vec<(String, String, u8)>,
    nace_pick: Weighted,
    nace_fli: Vec<usize>,
    nace_housing: Vec<usize>,
    nace_public: Vec<usize>,
    year_pick: Weighted,
}

const FIRST_YEAR: i32 = 1995;

/// The postal codes Asker's (3203) units carry in the real Enhetsregisteret rows of the shared
/// register sample (forretningsadresse/beliggenhetsadresse.postnummer: 1383–1397 in the former
/// Asker, 3430–3490 in the former Røyken and Hurum), so that the synthetic units of Asker sit at
/// real postal places and the plan's districts have something to count. Other municipalities'
/// synthetic units get one of [`OTHER_POSTAL_CODES`] made-up codes of their own (a real
/// municipality has tens of postal codes, not thousands: with a free draw from 1–9999 the facts
/// per postal code of the first start's demo register alone took 58 MB of the store).
const ASKER_POSTAL_CODES: &[u32] = &[
    1383, 1384, 1385, 1386, 1387, 1388, 1389, 1390, 1391, 1392, 1394, 1395, 1396, 1397, 3430, 3440,
    3442, 3470, 3472, 3474, 3475, 3478, 3480, 3482, 3484, 3490,
];

/// The postal code written for a unit of municipality `code` whose drawn number is `drawn`
/// (the same draw either way, so nothing else the generator writes changes).
fn postal_code(code: &str, drawn: u32) -> u32 {
    if code == "3203" {
        ASKER_POSTAL_CODES[drawn as usize % ASKER_POSTAL_CODES.len()]
    } else {
        // A block of OTHER_POSTAL_CODES codes per municipality, from its number (made up).
        let n: u32 = code.parse().unwrap_or(0);
        (n % (10_000 / OTHER_POSTAL_CODES)) * OTHER_POSTAL_CODES + drawn % OTHER_POSTAL_CODES
    }
}

/// How many made-up postal codes the synthetic units of a municipality other than Asker use.
const OTHER_POSTAL_CODES: u32 = 40;
const LAST_YEAR: i32 = 2025;

fn tables() -> &'static Tables {
    static CELL: OnceLock<Tables> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut munis = Vec::new();
        let mut weights = Vec::new();
        for line in KOMMUNER_CSV.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            if f.len() >= 3 {
                munis.push(Municipality {
                    code: f[0].to_string(),
                    name_upper: f[1].to_uppercase(),
                });
                weights.push(f[2].parse::<f64>().unwrap_or(1000.0));
            }
        }
        let mut form_names = Vec::new();
        for (code, ..) in FORMS {
            let name = ORGFORMER_CSV
                .lines()
                .find_map(|l| {
                    let l = l.strip_prefix(&format!("\"{code}\",\""))?;
                    l.strip_suffix('"').map(str::to_string)
                })
                .unwrap_or_default();
            form_names.push(name);
        }
        let sn = Sn2007::embedded();
        let nace: Vec<(String, String, u8)> = sn
            .level(5)
            .map(|it| {
                let div = sn.division(&it.code).unwrap_or(0);
                (it.code.clone(), it.name.clone(), div)
            })
            .collect();
        let section_size = |s: char| {
            nace.iter()
                .filter(|n| sn.section_of_division(n.2) == Some(s))
                .count()
                .max(1) as f64
        };
        let sizes: Vec<(char, f64, f64)> = SECTION_WEIGHTS
            .iter()
            .map(|&(s, w)| (s, w, section_size(s)))
            .collect();
        let nace_pick = Weighted::new(nace.iter().map(|n| {
            let s = sn.section_of_division(n.2);
            sizes
                .iter()
                .find(|x| Some(x.0) == s)
                .map(|x| x.1 / x.2)
                .unwrap_or(0.0)
        }));
        let idx = |pred: &dyn Fn(&(String, String, u8)) -> bool| -> Vec<usize> {
            nace.iter()
                .enumerate()
                .filter(|(_, n)| pred(n))
                .map(|(i, _)| i)
                .collect()
        };
        let nace_fli = idx(&|n| n.2 == 93 || n.2 == 94);
        let nace_housing = idx(&|n| n.2 == 68);
        let nace_public = idx(&|n| n.2 == 84 || n.2 == 85 || n.2 == 86 || n.2 == 88);
        let year_pick = Weighted::new((FIRST_YEAR..=LAST_YEAR).map(|y| match y {
            1995 => 60.0,
            2025 => 20.0,
            y => 10.0 + f64::from(y - 1996) * 1.2,
        }));
        Tables {
            munis,
            muni_pick: Weighted::new(weights),
            form_pick: Weighted::new(FORMS.iter().map(|f| f.1)),
            form_names,
            nace,
            nace_pick,
            nace_fli,
            nace_housing,
            nace_public,
            year_pick,
        }
    })
}

/// One generated enhet, before formatting.
#[derive(Debug, Clone)]
struct SynthEnhet {
    orgnr: OrgNr,
    name: String,
    form: usize,
    nace: Option<usize>,
    has_employees: bool,
    employees: Option<u32>,
    muni: usize,
    postnummer: u32,
    street: u32,
    registered: (i32, u8, u8),
    founded: Option<(i32, u8, u8)>,
    mva: bool,
    bankrupt: Option<(i32, u8, u8)>,
    liquidation: Option<(i32, u8, u8)>,
    forced: bool,
    nynorsk: bool,
    last_accounts: Option<i32>,
}

fn date_text(d: (i32, u8, u8)) -> String {
    format!("{:04}-{:02}-{:02}", d.0, d.1, d.2)
}

fn random_date_in(rng: &mut SplitMix64, year: i32) -> (i32, u8, u8) {
    let m = 1 + rng.below(12) as u8;
    let d = 1 + rng.below(28) as u8;
    (year, m, d)
}

fn later(rng: &mut SplitMix64, d: (i32, u8, u8), max_years: i32) -> (i32, u8, u8) {
    let y = (d.0 + rng.below(max_years as u64 + 1) as i32).min(LAST_YEAR);
    let cand = random_date_in(rng, y);
    if cand <= d { d } else { cand }
}

/// Walks the deterministic sequence of synthetic enheter.
struct EnhetGen {
    rng: SplitMix64,
    counter: u64,
    offset: u64,
    /// Every unit placed in this municipality (index into the table) instead of the drawn one;
    /// the draw is still made, so the rest of each unit is the same as without it.
    placed: Option<usize>,
}

const ORGNR_SPAN: u64 = 10_000_000;
/// Odd and not a multiple of 5, so coprime with 10^7: `i -> i * MULT mod 10^7` is a bijection.
const ORGNR_MULT: u64 = 7_368_787;

impl EnhetGen {
    fn new(seed: u64) -> Self {
        let mut rng = SplitMix64::new(seed ^ 0x5EED_0000_BEEF);
        let offset = rng.below(ORGNR_SPAN);
        EnhetGen {
            rng,
            counter: 0,
            offset,
            placed: None,
        }
    }

    fn placed_in(mut self, municipality: &str) -> io::Result<Self> {
        let idx = tables()
            .munis
            .iter()
            .position(|m| m.code == municipality)
            .ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("{municipality} is not a municipality code of 2024"),
                )
            })?;
        self.placed = Some(idx);
        Ok(self)
    }

    fn next_orgnr(&mut self, base: u32) -> OrgNr {
        loop {
            let i = self.counter;
            self.counter += 1;
            let p = (i.wrapping_mul(ORGNR_MULT) + self.offset) % ORGNR_SPAN;
            if let Some(o) = OrgNr::from_first8(base + p as u32) {
                return o;
            }
        }
    }

    fn next(&mut self) -> SynthEnhet {
        let t = tables();
        let orgnr = self.next_orgnr(80_000_000);
        let rng = &mut self.rng;
        let form = t.form_pick.pick(rng);
        let code = FORMS[form].0;
        let pick_from = |rng: &mut SplitMix64, v: &[usize]| v[rng.below(v.len() as u64) as usize];
        let nace = match code {
            "ESEK" | "SAM" if rng.chance(0.7) => None,
            "ESEK" | "SAM" | "BRL" => Some(pick_from(rng, &t.nace_housing)),
            "FLI" | "STI" => Some(pick_from(rng, &t.nace_fli)),
            "ORGL" | "KF" | "IKS" => Some(pick_from(rng, &t.nace_public)),
            "KBO" => None,
            _ if rng.chance(0.03) => None,
            _ => Some(t.nace_pick.pick(rng)),
        };
        let p_emp = match code {
            "AS" | "ASA" | "SA" | "NUF" => 0.35,
            "ORGL" | "KF" | "IKS" | "STI" => 0.6,
            "ENK" => 0.05,
            "ANS" | "DA" | "KS" => 0.15,
            "FLI" => 0.04,
            _ => 0.0,
        };
        let has_employees = rng.chance(p_emp);
        let employees = if has_employees && rng.chance(0.45) {
            // 5 and up, mean ≈ 20 like Norwegian enterprises with employees: mostly exponential
            // (5 + Exp(mean 12)), and 1 % from a heavy tail up to ~2 000 (5 + exp(U · ln 2000)).
            Some(if rng.chance(0.01) {
                4 + (rng.unit() * 2000f64.ln()).exp() as u32
            } else {
                5 + (-(1.0 - rng.unit()).ln() * 12.0) as u32
            })
        } else {
            None
        };
        let muni = t.muni_pick.pick(rng);
        let muni = self.placed.unwrap_or(muni);
        let year = FIRST_YEAR + t.year_pick.pick(rng) as i32;
        let registered = random_date_in(rng, year);
        let founded = match code {
            "ENK" | "NUF" | "KBO" => None,
            _ => {
                let back = rng.below(60) as u8;
                let (y, m, d) = registered;
                Some(if d > back % 28 {
                    (y, m, d - back % 28)
                } else {
                    (y, m, d)
                })
            }
        };
        let bankrupt = (code != "KBO" && rng.chance(0.004)).then(|| later(rng, registered, 8));
        let liquidation = (rng.chance(0.008)).then(|| later(rng, registered, 8));
        let forced = rng.chance(0.003);
        let word = |rng: &mut SplitMix64| WORDS[rng.below(WORDS.len() as u64) as usize];
        let w1 = word(rng);
        let w2 = word(rng);
        let suffix = match code {
            "AS" | "ASA" | "ANS" | "DA" | "SA" | "KS" | "BA" => format!(" {code}"),
            "BRL" => " BORETTSLAG".to_string(),
            "ESEK" => " SAMEIE".to_string(),
            "KBO" => " KONKURSBO".to_string(),
            _ => String::new(),
        };
        let name = format!(
            "{SYNTHETIC_PREFIX}{w1} {w2} {}{suffix}",
            orgnr.get() % 100_000
        );
        let last_accounts = (FORMS[form].4 && code != "BRL" && rng.chance(0.8)).then_some(2024);
        SynthEnhet {
            orgnr,
            name,
            form,
            nace,
            has_employees,
            employees,
            muni,
            postnummer: rng.below(9999) as u32 + 1,
            street: 1 + rng.below(200) as u32,
            registered,
            founded,
            mva: rng.chance(0.4),
            bankrupt,
            liquidation,
            forced,
            nynorsk: rng.chance(0.1),
            last_accounts,
        }
    }
}

/// What a generator call wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyntheticSummary {
    /// Data rows (units) written.
    pub units: u64,
    /// Units with employees registered (published or withheld).
    pub with_employees: u64,
    /// Units whose headcount is withheld.
    pub withheld: u64,
}

fn csv_writer<W: Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .has_headers(false)
        .buffer_capacity(256 * 1024)
        .from_writer(w)
}

fn to_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Writes `n_units` synthetic enheter in the exact format of the real 2025 enheter bulk CSV.
///
/// Deterministic for `(n_units, seed)`; every name starts with [`SYNTHETIC_PREFIX`].
pub fn generate_enheter_csv<W: Write>(
    writer: W,
    n_units: u64,
    seed: u64,
) -> io::Result<SyntheticSummary> {
    enheter_csv(writer, n_units, EnhetGen::new(seed), None)
}

/// The municipalities of 2024 among `codes`, as a mask over the generator's table (codes that
/// are not municipalities of 2024 are ignored: no unit is ever drawn there).
fn municipality_mask(codes: &[&str]) -> Vec<bool> {
    tables()
        .munis
        .iter()
        .map(|m| codes.contains(&m.code.as_str()))
        .collect()
}

/// [`generate_enheter_csv`] restricted to the units drawn in `municipalities` (2024 codes; other
/// codes are ignored): exactly the rows of the national file `(n_units, seed)` whose
/// municipality is one of them, each unit the same as there (number, name, form, industry,
/// dates). Every kept municipality is therefore whole, and its figures are those of the national
/// register; the others have no units. The scaled demo register of a plan and its peers
/// (issue 19: a fresh store need not hold 1.16 M units). The summary counts the rows written.
pub fn generate_enheter_csv_only<W: Write>(
    writer: W,
    n_units: u64,
    seed: u64,
    municipalities: &[&str],
) -> io::Result<SyntheticSummary> {
    let mask = municipality_mask(municipalities);
    enheter_csv(writer, n_units, EnhetGen::new(seed), Some(&mask))
}

/// The share of the generated units placed in a municipality (its population weight: the 2024
/// population over the country's), `None` for a code that is not a municipality of 2024.
pub fn municipality_share(code: &str) -> Option<f64> {
    let t = tables();
    let i = t.munis.iter().position(|m| m.code == code)?;
    let total = t.muni_pick.cumulative.last().copied()?;
    let before = if i == 0 {
        0.0
    } else {
        t.muni_pick.cumulative[i - 1]
    };
    (total > 0.0).then(|| (t.muni_pick.cumulative[i] - before) / total)
}

/// [`generate_enheter_csv`] with every unit placed in `municipality` (a 2024 code): the
/// synthetic register of one municipality, for a demo that need not generate the whole country.
/// `n_units` would typically be the national count times [`municipality_share`].
pub fn generate_enheter_csv_in<W: Write>(
    writer: W,
    municipality: &str,
    n_units: u64,
    seed: u64,
) -> io::Result<SyntheticSummary> {
    enheter_csv(
        writer,
        n_units,
        EnhetGen::new(seed).placed_in(municipality)?,
        None,
    )
}

/// Writes the enheter of `units`' first `n_units`; with `keep`, only those drawn in a
/// municipality the mask marks (the others are drawn, and skipped).
fn enheter_csv<W: Write>(
    mut writer: W,
    n_units: u64,
    mut units: EnhetGen,
    keep: Option<&[bool]>,
) -> io::Result<SyntheticSummary> {
    writer.write_all(ENHETER_2025_COLUMNS.join(",").as_bytes())?;
    writer.write_all(b"\n")?;
    let t = tables();
    let mut out = csv_writer(writer);
    let mut summary = SyntheticSummary::default();
    let mut rec: Vec<String> = vec![String::new(); ENHETER_2025_COLUMNS.len()];
    for _ in 0..n_units {
        let u = units.next();
        if keep.is_some_and(|k| !k[u.muni]) {
            continue;
        }
        summary.units += 1;
        summary.with_employees += u64::from(u.has_employees);
        summary.withheld += u64::from(u.has_employees && u.employees.is_none());
        for f in rec.iter_mut() {
            f.clear();
        }
        let (code, _, sector, sector_name, foretak) = FORMS[u.form];
        let m = &t.munis[u.muni];
        let b = |v: bool| if v { "true" } else { "false" }.to_string();
        rec[0] = u.orgnr.to_string();
        rec[1].push_str(&u.name);
        rec[2].push_str(code);
        rec[3].push_str(&t.form_names[u.form]);
        if let Some(n) = u.nace {
            rec[4].push_str(&t.nace[n].0);
            rec[5].push_str(&t.nace[n].1);
        }
        rec[12] = b(u.has_employees);
        if let Some(e) = u.employees {
            rec[13] = e.to_string();
        }
        if u.has_employees {
            rec[14] = "2025-02-12".into();
            rec[15] = "2025-02-10".into();
        }
        rec[27] = format!("Syntetisk gate {}", u.street);
        rec[28].push_str(&m.name_upper);
        rec[29] = format!("{:04}", postal_code(&m.code, u.postnummer));
        rec[30].push_str(&m.name_upper);
        rec[31].push_str(&m.code);
        rec[32].push_str("Norge");
        rec[33].push_str("NO");
        rec[34].push_str(sector);
        rec[35].push_str(sector_name);
        if let Some(y) = u.last_accounts {
            rec[36] = y.to_string();
        }
        rec[37] = date_text(u.registered);
        if let Some(f) = u.founded {
            rec[38] = date_text(f);
        }
        rec[39] = b(u.mva);
        if u.mva {
            rec[40] = date_text(u.registered);
            rec[41] = date_text(u.registered);
        }
        rec[44] = b(code == "FLI");
        if code == "FLI" {
            rec[45] = date_text(u.registered);
        }
        rec[46] = b(foretak);
        if foretak {
            rec[47] = date_text(u.registered);
        }
        rec[48] = b(code == "STI");
        rec[49] = b(false);
        rec[51] = b(u.bankrupt.is_some());
        if let Some(d) = u.bankrupt {
            rec[52] = date_text(d);
        }
        rec[53] = b(u.liquidation.is_some());
        if let Some(d) = u.liquidation {
            rec[54] = date_text(d);
        }
        rec[55] = b(u.forced);
        rec[62].push_str(if u.nynorsk { "Nynorsk" } else { "Bokmål" });
        if let Some(n) = u.nace {
            rec[65] = format!("Syntetisk virksomhet: {}.", t.nace[n].1);
        }
        out.write_record(&rec).map_err(to_io)?;
    }
    out.flush()?;
    Ok(summary)
}

/// [`generate_enheter_csv`], gzip-compressed (as the register's `.csv.gz` download).
pub fn generate_enheter_csv_gz<W: Write>(
    writer: W,
    n_units: u64,
    seed: u64,
) -> io::Result<SyntheticSummary> {
    let mut gz = GzEncoder::new(writer, Compression::fast());
    let s = generate_enheter_csv(&mut gz, n_units, seed)?;
    gz.finish()?;
    Ok(s)
}

/// Writes underenheter matching [`generate_enheter_csv`] with the same `(n_enheter, seed)`: one
/// establishment (`BEDR`, or `AAFY` for non-commercial forms) in the same municipality for each
/// enhet with employees or in an industry, none for `ESEK`, `SAM`, `KBO`; the headcount (published
/// or withheld) is the enhet's. Format: the real 2025 underenheter bulk CSV (44 columns).
pub fn generate_underenheter_csv<W: Write>(
    writer: W,
    n_enheter: u64,
    seed: u64,
) -> io::Result<SyntheticSummary> {
    underenheter_csv(writer, n_enheter, seed, EnhetGen::new(seed), None)
}

/// [`generate_underenheter_csv`] restricted to `municipalities`, matching
/// [`generate_enheter_csv_only`]: the rows of the national file whose municipality is one of
/// them, each with the same organisation number as there.
pub fn generate_underenheter_csv_only<W: Write>(
    writer: W,
    n_enheter: u64,
    seed: u64,
    municipalities: &[&str],
) -> io::Result<SyntheticSummary> {
    let mask = municipality_mask(municipalities);
    underenheter_csv(writer, n_enheter, seed, EnhetGen::new(seed), Some(&mask))
}

/// [`generate_underenheter_csv`] matching [`generate_enheter_csv_in`]: every establishment in
/// `municipality`.
pub fn generate_underenheter_csv_in<W: Write>(
    writer: W,
    municipality: &str,
    n_enheter: u64,
    seed: u64,
) -> io::Result<SyntheticSummary> {
    underenheter_csv(
        writer,
        n_enheter,
        seed,
        EnhetGen::new(seed).placed_in(municipality)?,
        None,
    )
}

/// Writes the underenheter of `units`' first `n_enheter` enheter; with `keep`, only those in a
/// municipality the mask marks (each still takes its number, so the numbers are the national
/// file's).
fn underenheter_csv<W: Write>(
    mut writer: W,
    n_enheter: u64,
    seed: u64,
    mut units: EnhetGen,
    keep: Option<&[bool]>,
) -> io::Result<SyntheticSummary> {
    writer.write_all(UNDERENHETER_2025_COLUMNS.join(",").as_bytes())?;
    writer.write_all(b"\n")?;
    let t = tables();
    let mut out = csv_writer(writer);
    let mut sub = EnhetGen::new(seed.rotate_left(17) ^ 0xABCD);
    let mut summary = SyntheticSummary::default();
    let mut rec: Vec<String> = vec![String::new(); UNDERENHETER_2025_COLUMNS.len()];
    for _ in 0..n_enheter {
        let u = units.next();
        let code = FORMS[u.form].0;
        if matches!(code, "ESEK" | "SAM" | "KBO") || (u.nace.is_none() && !u.has_employees) {
            continue;
        }
        let orgnr = sub.next_orgnr(90_000_000);
        if keep.is_some_and(|k| !k[u.muni]) {
            continue;
        }
        summary.units += 1;
        summary.with_employees += u64::from(u.has_employees);
        summary.withheld += u64::from(u.has_employees && u.employees.is_none());
        for f in rec.iter_mut() {
            f.clear();
        }
        let m = &t.munis[u.muni];
        let b = |v: bool| if v { "true" } else { "false" }.to_string();
        let (sub_form, sub_form_name) = if matches!(code, "FLI" | "STI" | "SÆR") {
            ("AAFY", "Underenhet til ikke-næringsdrivende ")
        } else {
            (
                "BEDR",
                "Underenhet til næringsdrivende og offentlig forvaltning",
            )
        };
        rec[0] = orgnr.to_string();
        rec[1].push_str(&u.name);
        rec[2].push_str(sub_form);
        rec[3].push_str(sub_form_name);
        if let Some(n) = u.nace {
            rec[4].push_str(&t.nace[n].0);
            rec[5].push_str(&t.nace[n].1);
        }
        rec[12] = b(u.has_employees);
        if let Some(e) = u.employees {
            rec[13] = e.to_string();
        }
        rec[27] = format!("Syntetisk gate {}", u.street);
        rec[28].push_str(&m.name_upper);
        rec[29] = format!("{:04}", postal_code(&m.code, u.postnummer));
        rec[30].push_str(&m.name_upper);
        rec[31].push_str(&m.code);
        rec[32].push_str("Norge");
        rec[33].push_str("NO");
        rec[34] = date_text(u.registered);
        rec[37] = b(u.mva);
        rec[40] = date_text(u.founded.unwrap_or(u.registered));
        rec[42] = u.orgnr.to_string();
        out.write_record(&rec).map_err(to_io)?;
    }
    out.flush()?;
    Ok(summary)
}

/// Writes `n_units` synthetic enheter as the JSON bulk file: one array of API-shaped unit objects
/// (`organisasjonsform: {kode, beskrivelse}`, `forretningsadresse: {…, kommunenummer}`, …), the
/// same units as [`generate_enheter_csv`] with the same arguments.
pub fn generate_enheter_json<W: Write>(
    writer: W,
    n_units: u64,
    seed: u64,
) -> io::Result<SyntheticSummary> {
    let t = tables();
    let mut w = io::BufWriter::with_capacity(256 * 1024, writer);
    let mut units = EnhetGen::new(seed);
    let mut summary = SyntheticSummary::default();
    w.write_all(b"[")?;
    for i in 0..n_units {
        let u = units.next();
        summary.units += 1;
        summary.with_employees += u64::from(u.has_employees);
        summary.withheld += u64::from(u.has_employees && u.employees.is_none());
        let (code, _, sector, sector_name, foretak) = FORMS[u.form];
        let m = &t.munis[u.muni];
        let mut o = serde_json::Map::new();
        o.insert("organisasjonsnummer".into(), u.orgnr.to_string().into());
        o.insert("navn".into(), u.name.clone().into());
        o.insert(
            "organisasjonsform".into(),
            serde_json::json!({"kode": code, "beskrivelse": t.form_names[u.form]}),
        );
        o.insert(
            "registreringsdatoEnhetsregisteret".into(),
            date_text(u.registered).into(),
        );
        o.insert("registrertIMvaregisteret".into(), u.mva.into());
        if let Some(n) = u.nace {
            o.insert(
                "naeringskode1".into(),
                serde_json::json!({"kode": t.nace[n].0, "beskrivelse": t.nace[n].1}),
            );
        }
        if let Some(e) = u.employees {
            o.insert("antallAnsatte".into(), e.into());
        }
        o.insert("harRegistrertAntallAnsatte".into(), u.has_employees.into());
        o.insert(
            "forretningsadresse".into(),
            serde_json::json!({
                "land": "Norge", "landkode": "NO", "postnummer": format!("{:04}", postal_code(&m.code, u.postnummer)),
                "poststed": m.name_upper, "adresse": [format!("Syntetisk gate {}", u.street)],
                "kommune": m.name_upper, "kommunenummer": m.code
            }),
        );
        if let Some(f) = u.founded {
            o.insert("stiftelsesdato".into(), date_text(f).into());
        }
        if !sector.is_empty() {
            o.insert(
                "institusjonellSektorkode".into(),
                serde_json::json!({"kode": sector, "beskrivelse": sector_name}),
            );
        }
        o.insert("registrertIForetaksregisteret".into(), foretak.into());
        o.insert("konkurs".into(), u.bankrupt.is_some().into());
        if let Some(d) = u.bankrupt {
            o.insert("konkursdato".into(), date_text(d).into());
        }
        o.insert("underAvvikling".into(), u.liquidation.is_some().into());
        if let Some(d) = u.liquidation {
            o.insert("underAvviklingDato".into(), date_text(d).into());
        }
        o.insert(
            "underTvangsavviklingEllerTvangsopplosning".into(),
            u.forced.into(),
        );
        o.insert(
            "maalform".into(),
            if u.nynorsk { "Nynorsk" } else { "Bokmål" }.into(),
        );
        if i > 0 {
            w.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut w, &o).map_err(io::Error::other)?;
    }
    w.write_all(b"]\n")?;
    w.flush()?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prng_is_stable() {
        let mut r = SplitMix64::new(0);
        // Reference values of SplitMix64 seeded with 0.
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        let mut r = SplitMix64::new(7);
        for _ in 0..1000 {
            assert!(r.below(10) < 10);
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
        }
    }

    #[test]
    fn placed_units_are_the_same_units_in_one_municipality() {
        let mut a = EnhetGen::new(3);
        let mut b = EnhetGen::new(3).placed_in("3203").unwrap();
        let asker = tables()
            .munis
            .iter()
            .position(|m| m.code == "3203")
            .unwrap();
        for _ in 0..500 {
            let (x, y) = (a.next(), b.next());
            assert_eq!(y.muni, asker);
            assert_eq!(
                (x.orgnr, &x.name, x.form, x.registered),
                (y.orgnr, &y.name, y.form, y.registered)
            );
        }
        assert!(EnhetGen::new(3).placed_in("9999").is_err());
        let share = municipality_share("3203").unwrap();
        assert!((0.01..0.03).contains(&share), "{share}");
        assert!(municipality_share("0220").is_none());
    }

    #[test]
    fn a_register_of_some_municipalities_is_the_national_file_filtered() {
        let keep = ["3203", "0301", "9999"];
        for enheter in [true, false] {
            let (mut all, mut only) = (Vec::new(), Vec::new());
            let s = if enheter {
                generate_enheter_csv(&mut all, 5_000, 7).unwrap();
                generate_enheter_csv_only(&mut only, 5_000, 7, &keep).unwrap()
            } else {
                generate_underenheter_csv(&mut all, 5_000, 7).unwrap();
                generate_underenheter_csv_only(&mut only, 5_000, 7, &keep).unwrap()
            };
            let all = String::from_utf8(all).unwrap();
            let only = String::from_utf8(only).unwrap();
            let mut lines = all.lines();
            let header = lines.next().unwrap();
            let filtered: Vec<&str> = lines
                .filter(|l| l.contains("\"3203\",\"Norge\"") || l.contains("\"0301\",\"Norge\""))
                .collect();
            let mut kept = only.lines();
            assert_eq!(kept.next(), Some(header));
            let kept: Vec<&str> = kept.collect();
            assert!(kept.len() > 100, "{}", kept.len());
            assert_eq!(kept, filtered);
            assert_eq!(s.units, kept.len() as u64);
        }
    }

    #[test]
    fn orgnrs_are_unique_and_valid() {
        let mut g = EnhetGen::new(1);
        let mut seen = std::collections::HashSet::new();
        for _ in 0..20_000 {
            let o = g.next_orgnr(80_000_000);
            assert!(OrgNr::parse(o.to_string().as_bytes()).is_ok());
            assert!(seen.insert(o));
        }
    }
}
