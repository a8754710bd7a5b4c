//! The plan parser and validator on arbitrary text: diagnostics are fine, a panic is a bug.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(d) = naeringsplan_plan::parse("fuzz.toml", &text) {
        // Rendering the diagnostics (line/column from byte spans) must not panic either.
        let _ = d.to_string();
    }
});
