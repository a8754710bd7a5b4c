//! The action-plan sheet reader (`naeringsplan-sheet`): the file a staff member uploads on
//! `/intern/import` or passes to `naeringsplan actions import`, read as XLSX and as CSV. Issue 21:
//! a 1.4 KB sparse sheet once aborted the server; whatever the bytes, reading must return a
//! table or an error, within the crate's limits, and never panic or abort.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = naeringsplan_sheet::read("fuzz.xlsx", data);
    let _ = naeringsplan_sheet::read("fuzz.csv", data);
});
