//! ARCHITECTURE.md stays true: its crate table names every workspace crate once, and each
//! row's "depends on" column is exactly that crate's normal (non-dev) dependencies on other
//! workspace crates, as `cargo metadata` reports them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// The workspace root (two levels above this crate's manifest).
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .expect("workspace root")
}

/// crate folder name → the folder names of the workspace crates it depends on (normal deps).
fn metadata_deps() -> BTreeMap<String, BTreeSet<String>> {
    let out = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(root())
        .output()
        .expect("run cargo metadata");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata JSON");
    let packages = meta["packages"].as_array().expect("packages");
    // package name → crate folder (crates/<folder>/Cargo.toml)
    let folder_of: BTreeMap<String, String> = packages
        .iter()
        .map(|p| {
            let manifest = Path::new(p["manifest_path"].as_str().expect("manifest_path"));
            let folder = manifest
                .parent()
                .and_then(Path::file_name)
                .and_then(|f| f.to_str())
                .expect("crate folder")
                .to_owned();
            (p["name"].as_str().expect("name").to_owned(), folder)
        })
        .collect();
    packages
        .iter()
        .map(|p| {
            let deps = p["dependencies"]
                .as_array()
                .expect("dependencies")
                .iter()
                .filter(|d| d["kind"].is_null())
                .filter_map(|d| folder_of.get(d["name"].as_str()?).cloned())
                .collect();
            (folder_of[p["name"].as_str().expect("name")].clone(), deps)
        })
        .collect()
}

/// crate folder name → the "depends on" column of ARCHITECTURE.md's crate table ("all" means
/// every other workspace crate).
fn table_deps(all: &BTreeSet<String>) -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let mut rows = BTreeMap::new();
    let mut in_table = false;
    for line in text.lines() {
        if line.starts_with("| crate | package |") {
            in_table = true;
            continue;
        }
        if !in_table {
            continue;
        }
        if !line.starts_with('|') {
            break;
        }
        if line.starts_with("|---") {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let name = cells[0].trim_matches('`').to_owned();
        let deps_cell = cells.last().expect("depends-on cell");
        let deps: BTreeSet<String> = match *deps_cell {
            "—" | "-" | "" => BTreeSet::new(),
            "all" => all.iter().filter(|c| **c != name).cloned().collect(),
            list => list
                .split(',')
                .map(|d| d.trim().trim_matches('`').to_owned())
                .collect(),
        };
        assert!(
            rows.insert(name.clone(), deps).is_none(),
            "ARCHITECTURE.md lists `{name}` twice"
        );
    }
    rows
}

#[test]
fn the_crate_table_matches_cargo_metadata() {
    let actual = metadata_deps();
    let all: BTreeSet<String> = actual.keys().cloned().collect();
    let documented = table_deps(&all);
    assert_eq!(
        documented.keys().collect::<Vec<_>>(),
        actual.keys().collect::<Vec<_>>(),
        "ARCHITECTURE.md's crate table must list every workspace crate exactly once"
    );
    let mut wrong = Vec::new();
    for (name, deps) in &actual {
        if documented[name] != *deps {
            wrong.push(format!(
                "`{name}`: ARCHITECTURE.md says {:?}, Cargo.toml says {:?}",
                documented[name], deps
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "ARCHITECTURE.md's \"depends on\" column is wrong:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn domain_crates_depend_on_no_upper_layer() {
    // The direction of the arrows: nothing points back up.
    let actual = metadata_deps();
    let upper = ["store", "app", "web", "report", "naeringsplan"];
    for domain in [
        "plan",
        "stats",
        "brreg",
        "sheet",
        "local_registers",
        "engine",
        "demo",
    ] {
        let deps = &actual[domain];
        for u in upper {
            assert!(
                !deps.contains(u),
                "domain crate `{domain}` must not depend on `{u}`"
            );
        }
    }
    assert!(!actual["store"].contains("engine") && !actual["store"].contains("app"));
    assert!(!actual["app"].contains("web"));
}
