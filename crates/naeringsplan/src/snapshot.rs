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
    /// The bytes.
    pub bytes: &'static [u8],
}

macro_rules! snap {
    ($path:literal) => {
        SnapshotFile {
            name: $path,
            bytes: include_bytes!(concat!("../../../data/", $path)),
        }
    };
}

/// Every statistics file of the snapshot (the KLASS files come from `stats::geography`).
pub const FILES: &[SnapshotFile] = &[
    snap!("ssb/ssb_07459_v0_jsonstat2_kommsummer_2022.json"),
    snap!("snapshot/ssb_07459_befolkning_b2024_2005_2026.json"),
    snap!("snapshot/ssb_raw/ssb07459_Personer2015-2018.csv"),
    snap!("snapshot/ssb_raw/ssb07459_Personer2019.csv"),
    snap!("snapshot/ssb_raw/ssb07459_Personer2020.csv"),
    snap!("snapshot/ssb_raw/ssb07459_Personer2021.csv"),
    snap!("snapshot/ssb_raw/ssb07459_Personer2022.csv"),
    snap!("snapshot/ssb_raw/ssb07459_Personer2023.csv"),
    snap!("snapshot/synthetic/ssb_11616_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_07984_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_12660_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_08316_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_10735_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_03321_SYNTETISK_2015.json"),
    snap!("snapshot/synthetic/ssb_03321_SYNTETISK_2016.json"),
    snap!("snapshot/synthetic/ssb_03321_SYNTETISK_2017.json"),
    snap!("snapshot/synthetic/ssb_03321_SYNTETISK_2018.json"),
    snap!("snapshot/synthetic/ssb_03321_SYNTETISK_2019.json"),
    snap!("snapshot/synthetic/ssb_03321_SYNTETISK_2020.json"),
    snap!("snapshot/synthetic/ssb_03321_SYNTETISK_2021.json"),
    snap!("snapshot/synthetic/ssb_03321_SYNTETISK_2022.json"),
    snap!("snapshot/synthetic/ssb_03321_SYNTETISK_2023.json"),
    snap!("snapshot/synthetic/ssb_03321_SYNTETISK_2024.json"),
    snap!("snapshot/synthetic/ssb_03321_SYNTETISK_2025.json"),
    // The ranking's series (stats::synthetic::ranking).
    snap!("snapshot/synthetic/ssb_07459_alder_SYNTETISK_2024_2026.json"),
    snap!("snapshot/synthetic/ssb_13472_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_06944_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_13563_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_11715_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_12442_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_06913_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/naeringsplan_SYSUTD_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_12367_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_12177_SYNTETISK_2015_2025.json"),
    snap!("snapshot/synthetic/ssb_12364_SYNTETISK_2015_2025.json"),
];

/// Imports the snapshot when the store has no observations. A store filled from the snapshot
/// of an older build gets the files added to the snapshot since (by content: a file already
/// imported is not imported again); a store filled otherwise is left alone.
pub async fn ensure(store: &Store) -> anyhow::Result<()> {
    if store.observation_count().await? == 0 {
        return import_all(store).await;
    }
    let imports = store.imports().await?;
    if !imports.iter().any(|i| i.file_name.starts_with("snapshot/")) {
        return Ok(());
    }
    let known: std::collections::HashSet<&str> =
        imports.iter().map(|i| i.sha256.as_str()).collect();
    let missing: Vec<&SnapshotFile> = FILES
        .iter()
        .filter(|f| {
            use sha2::Digest as _;
            !known.contains(hex::encode(sha2::Sha256::digest(f.bytes)).as_str())
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!(
        "naeringsplan: importerer {} nye filer fra det innebygde øyeblikksbildet …",
        missing.len()
    );
    let opts = ImportOptions::default();
    for f in missing {
        store
            .import_file(f.name, f.bytes, &opts)
            .await
            .with_context(|| format!("snapshot {}", f.name))?;
    }
    Ok(())
}

/// Imports every snapshot file (KLASS first), each in its own transaction.
pub async fn import_all(store: &Store) -> anyhow::Result<()> {
    let klass = stats::geography::BUNDLED_FILES;
    eprintln!(
        "naeringsplan: lageret har ingen statistikk; importerer det innebygde øyeblikksbildet ({} filer, noen SYNTETISKE) …",
        FILES.len() + klass.len()
    );
    let opts = ImportOptions::default();
    for f in klass {
        let name = format!("klass/{}", f.name);
        store
            .import_file(&name, f.bytes, &opts)
            .await
            .with_context(|| format!("snapshot {name}"))?;
    }
    for f in FILES {
        store
            .import_file(f.name, f.bytes, &opts)
            .await
            .with_context(|| format!("snapshot {}", f.name))?;
    }
    Ok(())
}
