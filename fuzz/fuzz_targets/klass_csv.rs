//! The KLASS CSV readers (code lists and change tables) on arbitrary bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = naeringsplan_stats::klass::parse_codes_csv(data);
    let _ = naeringsplan_stats::klass::parse_changes_csv(data);
});
