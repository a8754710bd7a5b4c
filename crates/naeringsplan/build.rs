//! Deflates the statistics snapshot for the binary (issue 19 item 7: a binary of at most 60 MB).
//!
//! `src/snapshot.rs` lists the bundled files as `snap!("path under data/")`; each is written
//! here to `$OUT_DIR/snapshot/<path>.deflate` (raw DEFLATE, best compression: the 14 MB of
//! JSON-stat and CSV become about 2 MB) and compiled in from there. The list is read from
//! `snapshot.rs` itself, so there is one list. Each file's SHA-256 (of the inflated bytes, as
//! the store's `imports` records it) is written beside it as `<path>.sha256`, so the start-up
//! check of what the store already holds needs no inflating.

use std::io::Write as _;
use std::path::Path;

fn main() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let list = manifest.join("src/snapshot.rs");
    println!("cargo:rerun-if-changed={}", list.display());
    let source = std::fs::read_to_string(&list).expect("reading src/snapshot.rs");
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("snapshot");
    let mut found = 0;
    for line in source.lines() {
        let line = line.trim();
        let Some(rest) = line.strip_prefix("snap!(\"") else {
            continue;
        };
        let Some(path) = rest.split('"').next() else {
            continue;
        };
        let input = manifest.join("../../data").join(path);
        println!("cargo:rerun-if-changed={}", input.display());
        let bytes = std::fs::read(&input)
            .unwrap_or_else(|e| panic!("snapshot file {}: {e}", input.display()));
        let target = out.join(format!("{path}.deflate"));
        std::fs::create_dir_all(target.parent().expect("a folder")).expect("creating OUT_DIR");
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&bytes).expect("deflating");
        std::fs::write(&target, enc.finish().expect("deflating")).expect("writing OUT_DIR");
        use sha2::Digest as _;
        let digest = hex::encode(sha2::Sha256::digest(&bytes));
        std::fs::write(out.join(format!("{path}.sha256")), digest).expect("writing OUT_DIR");
        found += 1;
    }
    assert!(found > 0, "no snap!(\"…\") lines found in src/snapshot.rs");
}
