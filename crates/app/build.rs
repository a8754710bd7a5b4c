//! Sets `NAERINGSPLAN_BUILD_ID` for `app::cache`: a hash of everything that decides what the
//! use cases compute — the sources of the crates below the web layer, the bundled data and
//! plans, and `Cargo.lock` — so that results a different build stored are never read as this
//! build's. (The crate version alone would not do: results change between releases' commits.)

use std::hash::Hasher;
use std::path::{Path, PathBuf};

/// FNV-1a, 64 bits: stable across Rust versions (std's `DefaultHasher` promises no stability).
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x100_0000_01b3);
        }
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    let inputs = [
        "crates/plan/src",
        "crates/stats/src",
        "crates/engine/src",
        "crates/store/src",
        "crates/store/migrations",
        "crates/brreg/src",
        "crates/local_registers/src",
        "crates/demo/src",
        "crates/app/src",
        "data",
        "plans",
        "Cargo.lock",
    ];
    for i in inputs {
        let p = root.join(i);
        println!("cargo:rerun-if-changed={}", p.display());
        if p.is_dir() {
            walk(&p, &mut files);
        } else {
            files.push(p);
        }
    }
    files.sort();
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    h.write(env!("CARGO_PKG_VERSION").as_bytes());
    // The compiler too (float formatting, hashing of the keys).
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    if let Ok(out) = std::process::Command::new(rustc).arg("-V").output() {
        h.write(&out.stdout);
    }
    for f in &files {
        let Ok(bytes) = std::fs::read(f) else {
            continue;
        };
        h.write(
            f.strip_prefix(&root)
                .unwrap_or(f)
                .to_string_lossy()
                .as_bytes(),
        );
        h.write(&(bytes.len() as u64).to_le_bytes());
        h.write(&bytes);
    }
    println!("cargo:rustc-env=NAERINGSPLAN_BUILD_ID={:016x}", h.finish());
}
