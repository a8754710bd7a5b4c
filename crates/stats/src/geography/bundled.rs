//! The offline KLASS snapshot compiled into the binary (`data/klass/`).

use std::sync::OnceLock;

use time::Date;
use time::macros::date;

use super::{Geography, GeographyError, Result};
use crate::klass::{self, KlassCode};

/// What a bundled file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BundledKind {
    /// A KLASS 131 municipality code list valid `from` until `to` (exclusive; `None` = still valid).
    Municipalities {
        /// First valid day of the list.
        from: Date,
        /// First day it is no longer valid.
        to: Option<Date>,
    },
    /// A KLASS 131 change table.
    Changes,
    /// The KLASS 104 county list, with each county's validity in the file.
    Counties,
}

/// One file of the bundled snapshot; its origin is stated in [`BUNDLED_README`].
#[derive(Debug, Clone, Copy)]
pub struct BundledFile {
    /// File name under `data/klass/`.
    pub name: &'static str,
    /// What the file holds.
    pub kind: BundledKind,
    /// The file's bytes (some are ISO-8859-1 or Windows-1252, as SSB exported them).
    pub bytes: &'static [u8],
}

macro_rules! file {
    ($name:literal, $kind:expr) => {
        BundledFile {
            name: $name,
            kind: $kind,
            bytes: include_bytes!(concat!("../../../../data/klass/", $name)),
        }
    };
}

/// `data/klass/README.md`: where every bundled file comes from.
pub const BUNDLED_README: &str = include_str!("../../../../data/klass/README.md");

/// The bundled KLASS files, 2017 onwards.
pub const BUNDLED_FILES: &[BundledFile] = &[
    file!(
        "klass131_codes_2017_derived.csv",
        BundledKind::Municipalities {
            from: date!(2017 - 01 - 01),
            to: Some(date!(2018 - 01 - 01)),
        }
    ),
    file!(
        "klass131_codes_2018_derived.csv",
        BundledKind::Municipalities {
            from: date!(2018 - 01 - 01),
            to: Some(date!(2019 - 01 - 01)),
        }
    ),
    file!(
        "klass131_codes_2019_iso8859-1.csv",
        BundledKind::Municipalities {
            from: date!(2019 - 01 - 01),
            to: Some(date!(2020 - 01 - 01)),
        }
    ),
    file!(
        "klass131_codes_2020_iso8859-1.csv",
        BundledKind::Municipalities {
            from: date!(2020 - 01 - 01),
            to: Some(date!(2024 - 01 - 01)),
        }
    ),
    file!(
        "klass131_codes_2024_derived.csv",
        BundledKind::Municipalities {
            from: date!(2024 - 01 - 01),
            to: None,
        }
    ),
    file!(
        "klass131_changes_2017_2018_derived.csv",
        BundledKind::Changes
    ),
    file!(
        "klass131_changes_2018_2019_derived.csv",
        BundledKind::Changes
    ),
    file!(
        "klass131_changes_2019_2020_cp1252.csv",
        BundledKind::Changes
    ),
    file!(
        "klass131_changes_2023_2024_derived.csv",
        BundledKind::Changes
    ),
    file!("klass104_counties_derived.csv", BundledKind::Counties),
];

/// KLASS 131 code for "unknown municipality", present in some exports; not a municipality.
const UNKNOWN_MUNICIPALITY: &str = "9999";

impl Geography {
    /// The bundled geography (municipalities and counties from 2017-01-01, with the 2018, 2019,
    /// 2020 and 2024 changes), parsed once. The bundled files are checked by the test suite,
    /// so this cannot fail in a released binary; a broken build panics here with the reason.
    pub fn bundled() -> &'static Geography {
        static BUNDLED: OnceLock<Geography> = OnceLock::new();
        BUNDLED.get_or_init(|| match Geography::load_bundled() {
            Ok(g) => g,
            Err(e) => panic!("the bundled KLASS data does not load: {e}"),
        })
    }

    /// Parses and checks the bundled files (see [`Geography::bundled`]).
    pub fn load_bundled() -> Result<Geography> {
        let mut builder = Geography::builder();
        for f in BUNDLED_FILES {
            let located = |source| GeographyError::Klass {
                file: format!("data/klass/{}", f.name),
                source,
            };
            match f.kind {
                BundledKind::Municipalities { from, to } => {
                    let codes: Vec<KlassCode> = klass::parse_codes_csv(f.bytes)
                        .map_err(located)?
                        .into_iter()
                        .filter(|c| c.code != UNKNOWN_MUNICIPALITY)
                        .collect();
                    builder.municipality_list(from, to, &codes);
                }
                BundledKind::Changes => {
                    builder.changes(&klass::parse_changes_csv(f.bytes).map_err(located)?);
                }
                BundledKind::Counties => {
                    builder.counties(&klass::parse_codes_csv(f.bytes).map_err(located)?);
                }
            }
        }
        builder.build()
    }
}
