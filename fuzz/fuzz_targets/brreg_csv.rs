//! The Enhetsregisteret bulk CSV reader (gzip detected by its magic bytes) on arbitrary bytes:
//! every row is read to the end; row errors are fine, a panic is a bug.
#![no_main]
use libfuzzer_sys::fuzz_target;
use naeringsplan_brreg::UnitKind;
use naeringsplan_brreg::bulk::open_csv;

fuzz_target!(|data: &[u8]| {
    for kind in [UnitKind::Enhet, UnitKind::Underenhet] {
        if let Ok(reader) = open_csv(std::io::Cursor::new(data), kind, "fuzz.csv") {
            for row in reader.take(100_000) {
                let _ = row;
            }
        }
    }
});
