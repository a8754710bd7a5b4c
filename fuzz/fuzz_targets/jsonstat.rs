//! The SSB JSON-stat 2.0 reader on arbitrary bytes: an error is fine, a panic is a bug.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(ds) = naeringsplan_stats::jsonstat::parse(data) {
        // Walk every observation: positions computed from sizes must stay in bounds.
        for o in ds.observations() {
            let _ = o;
        }
    }
    let _ = naeringsplan_stats::jsonstat::parse_metadata(data);
});
