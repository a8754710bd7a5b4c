//! The offline snapshot compiled into the binary (`data/snapshot/`, origins in its README):
//! imported into the store on first use, when the store has no observations, so a fresh machine
//! shows numbers without a network. Real data wherever we have it; the rest is SYNTHETIC,
//! marked so in each file and in the store, and superseded by `naeringsplan fetch`.

use anyhow::Context as _;
use store::Store;
use store::observations::ImportOptions;

/// One bundled file.
pub struct SnapshotFile {
    /// Name as recorded in the store's `imports`.
    pub name: &'static str,
    /// The file deflated (raw DEFLATE, by `build.rs`: 14 MB of statistics are about 2 MB in the
    /// binary so).
    deflated: &'static [u8],
    /// SHA-256 of the inflated bytes, hex (by `build.rs`): what the store records for an import.
    pub sha256: &'static str,
}

impl SnapshotFile {
    /// The file's bytes, as in `data/` (inflated on each call: read them once per import).
    pub fn bytes(&self) -> Vec<u8> {
        use std::io::Read as _;
        let mut out = Vec::with_capacity(self.deflated.len() * 8);
        flate2::read::DeflateDecoder::new(self.deflated)
            .read_to_end(&mut out)
            .unwrap_or_else(|e| panic!("the bundled {} does not inflate: {e}", self.name));
        out
    }
}

/// A file under `data/`, compiled in deflated. `build.rs` reads the `snap!("…")` lines of this
/// file (one to a line) to know what to deflate.
macro_rules! snap {
    ($path:literal) => {
        SnapshotFile {
            name: $path,
            deflated: include_bytes!(concat!(env!("OUT_DIR"), "/snapshot/", $path, ".deflate")),
            sha256: include_str!(concat!(env!("OUT_DIR"), "/snapshot/", $path, ".sha256")),
        }
    };
}

/// Every statistics file of the snapshot (the KLASS files come from `stats::geography`).
///
/// A `static`, not a `const`: a `const` is copied into each place that uses it, and the four
/// uses below put four copies of these 14 MB into the binary (issue 19 item 7: 164 MB).
pub static FILES: &[SnapshotFile] = &[
    snap!("ssb/ssb_07459_v0_jsonstat2_kommsummer_2022.json"),
    snap!("snapshot/ssb_07459_befolkning_b2024_2005_2026.json"),
    snap!("snapshot/ssb_raw/ssb07459_Personer2015-2018.csv"),
    snap!("snapshot/ssb_raw/ssb07459_Personer2019.csv"),
    snap!("snapshot/ssb_raw/ssb07459_Personer2020.csv"),
    snap!("snapshot/ssb_raw/ssb07459_Personer2021.csv"),
    snap!("snapshot/ssb_raw/ssb07459_Personer2022.csv"),
    snap!("snapshot/ssb_raw/ssb07459_Personer2023.csv"),
    // REAL: SSB's own copies of 03321 and 11618, 2017–2022 (statisticsnorway/pendling; see
    // data/snapshot/real/derive_pendling.py). The synthetic files below leave these years out.
    snap!("snapshot/real/ssb_03321_pendling_2017.json"),
    snap!("snapshot/real/ssb_03321_pendling_2018.json"),
    snap!("snapshot/real/ssb_03321_pendling_2019.json"),
    snap!("snapshot/real/ssb_03321_pendling_2020.json"),
    snap!("snapshot/real/ssb_03321_pendling_2021.json"),
    snap!("snapshot/real/ssb_03321_pendling_2022.json"),
    snap!("snapshot/real/ssb_11618_sysselsatte_2017_2022.json"),
    snap!("snapshot/synthetic/ssb_11618_SYNTETISK_2015-2016_2023-2025.json"),
    snap!("snapshot/synthetic/ssb_07984_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_12660_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_08316_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_10735_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_03321_SYNTETISK_2015.json"),
    snap!("snapshot/synthetic/ssb_03321_SYNTETISK_2016.json"),
    snap!("snapshot/synthetic/ssb_03321_SYNTETISK_2023.json"),
    snap!("snapshot/synthetic/ssb_03321_SYNTETISK_2024.json"),
    snap!("snapshot/synthetic/ssb_03321_SYNTETISK_2025.json"),
    // The ranking's series (demo::ssb::ranking).
    snap!("snapshot/synthetic/ssb_07459_alder_SYNTETISK_2024_2026.json"),
    snap!("snapshot/synthetic/ssb_13472_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_06944_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_13563_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_11715_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_12442_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_06913_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/naeringsplan_SYSUTD_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_12367_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_12134_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_12364_SYNTETISK_2015_2025.json"),
];

/// Imports the snapshot when the store has no observations. A store filled from the snapshot
/// of an older build gets the files added to the snapshot since (by content: a file already
/// imported is not imported again); a store filled otherwise is left alone.
///
/// Step 1 of a first start (`crate::progress::Steps`): counts the files imported.
pub async fn ensure(store: &Store, steps: &dyn crate::progress::Steps) -> anyhow::Result<()> {
    if !store.has_observations().await? {
        return import_all(store, steps).await;
    }
    let imports = store.imports().await?;
    if !imports.iter().any(|i| i.file_name.starts_with("snapshot/")) {
        return Ok(());
    }
    let known: std::collections::HashSet<&str> =
        imports.iter().map(|i| i.sha256.as_str()).collect();
    let missing: Vec<&SnapshotFile> = FILES.iter().filter(|f| !known.contains(f.sha256)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!(
        "naeringsplan: importerer {} nye filer fra det innebygde øyeblikksbildet …",
        missing.len()
    );
    let opts = ImportOptions::default();
    let done = steps.begin(1, STEP, Some(missing.len() as u64));
    for f in missing {
        let r = store
            .import_file(f.name, &f.bytes(), &opts)
            .await
            .with_context(|| format!("snapshot {}", f.name));
        if r.is_err() {
            steps.end();
        }
        r?;
        done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    steps.end();
    Ok(())
}

/// The step's message (`crates/i18n/locales/*.ftl`).
const STEP: &str = "startup-step-import-files";

/// Imports every snapshot file (KLASS first), each in its own transaction, counting them as
/// step 1 of `steps`.
pub async fn import_all(store: &Store, steps: &dyn crate::progress::Steps) -> anyhow::Result<()> {
    let klass = stats::geography::BUNDLED_FILES;
    eprintln!(
        "naeringsplan: lageret har ingen statistikk; importerer det innebygde øyeblikksbildet ({} filer, noen SYNTETISKE) …",
        FILES.len() + klass.len()
    );
    let opts = ImportOptions::default();
    let done = steps.begin(1, STEP, Some((FILES.len() + klass.len()) as u64));
    let result = async {
        for f in klass {
            let name = format!("klass/{}", f.name);
            store
                .import_file(&name, f.bytes, &opts)
                .await
                .with_context(|| format!("snapshot {name}"))?;
            done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        for f in FILES {
            store
                .import_file(f.name, &f.bytes(), &opts)
                .await
                .with_context(|| format!("snapshot {}", f.name))?;
            done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        anyhow::Ok(())
    }
    .await;
    steps.end();
    result
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::FILES;

    /// Every bundled file inflates to the bytes under `data/` (the ones the build deflated), and
    /// the digest the start-up check compares with the store's imports is theirs.
    #[test]
    fn deflated_files_inflate_to_data_and_their_digest() {
        use sha2::Digest as _;
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        for f in FILES {
            let bytes = f.bytes();
            assert_eq!(
                bytes,
                std::fs::read(data.join(f.name)).unwrap(),
                "{}",
                f.name
            );
            assert_eq!(
                hex::encode(sha2::Sha256::digest(&bytes)),
                f.sha256,
                "{}",
                f.name
            );
        }
    }

    /// (table, its dimensions, year) → whether each bundled JSON-stat file holding it is
    /// synthetic. (The dimensions tell apart the real 07459 totals from the synthetic
    /// single-year ages of the same table.)
    fn coverage() -> BTreeMap<(String, String), BTreeSet<bool>> {
        let mut out: BTreeMap<(String, String), BTreeSet<bool>> = BTreeMap::new();
        for f in FILES.iter().filter(|f| f.name.ends_with(".json")) {
            let ds =
                stats::jsonstat::parse(&f.bytes()).unwrap_or_else(|e| panic!("{}: {e}", f.name));
            let synthetic = ds
                .extension
                .as_ref()
                .and_then(|e| e.pointer("/naeringsplan/synthetic"))
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(false)
                || ds
                    .label
                    .as_deref()
                    .is_some_and(|l| l.contains("SYNTETISKE DATA"));
            let dims: Vec<&str> = ds.dimensions().iter().map(|d| d.id.as_str()).collect();
            let table = format!(
                "{} [{}]",
                ds.table_id.clone().unwrap_or_default(),
                dims.join(",")
            );
            let time = ds.roles.time.first().expect("a time dimension");
            for c in &ds.dimension(time).expect("time").categories {
                out.entry((table.clone(), c.code.clone()))
                    .or_default()
                    .insert(synthetic);
            }
        }
        out
    }

    #[test]
    fn no_synthetic_file_covers_a_year_a_real_file_covers() {
        let cov = coverage();
        let both: Vec<&(String, String)> = cov
            .iter()
            .filter(|(_, s)| s.len() > 1)
            .map(|(k, _)| k)
            .collect();
        assert!(
            both.is_empty(),
            "real and synthetic for the same table and year: {both:?}"
        );
        // SSB's own 03321 and 11618 copies are bundled for 2017–2022, the demo fills the rest.
        for table in ["03321", "11618"] {
            let of_table = |t: &str| t.starts_with(&format!("{table} ["));
            let real: Vec<i32> = cov
                .iter()
                .filter(|((t, _), s)| of_table(t) && s.contains(&false))
                .map(|((_, y), _)| y.parse().unwrap())
                .collect();
            assert_eq!(real, (2017..=2022).collect::<Vec<_>>(), "{table}");
            let demo: Vec<i32> = cov
                .iter()
                .filter(|((t, _), s)| of_table(t) && s.contains(&true))
                .map(|((_, y), _)| y.parse().unwrap())
                .collect();
            assert_eq!(demo, vec![2015, 2016, 2023, 2024, 2025], "{table}");
        }
        assert!(
            !cov.keys().any(|(t, _)| t.starts_with("11616 ")),
            "11616 is replaced by 11618"
        );
    }
}
