//! Acceptance: the JSON bulk array is read element by element, never held whole.

use std::cell::Cell;
use std::io::{BufReader, Read};
use std::rc::Rc;

use demo::units::generate_enheter_json;
use naeringsplan_brreg::bulk::JsonUnitReader;
use naeringsplan_brreg::{Employees, UnitKind};

/// A reader that records how many bytes have been pulled from the source.
struct Counting<R> {
    inner: R,
    pulled: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pulled.set(self.pulled.get() + n as u64);
        Ok(n)
    }
}

#[test]
fn large_array_is_streamed_element_by_element() {
    let n = 5000u64;
    let mut json = Vec::new();
    generate_enheter_json(&mut json, n, 11).unwrap();
    let total = json.len() as u64;
    assert!(total > 1_500_000, "a few MB of JSON: {total}");

    let pulled = Rc::new(Cell::new(0));
    let source = Counting {
        inner: &json[..],
        pulled: pulled.clone(),
    };
    let buf_cap = 8 * 1024;
    let reader = JsonUnitReader::new(
        BufReader::with_capacity(buf_cap, source),
        UnitKind::Enhet,
        "big.json",
    );
    let mut count = 0u64;
    let mut max_ahead = 0u64;
    let mut last_offset = 0u64;
    let mut reader = reader;
    while let Some(row) = reader.next() {
        let unit = row.unwrap();
        count += 1;
        assert!(unit.name.starts_with("SYNTETISK "));
        // The source is never read more than one buffer beyond the element just parsed.
        let ahead = pulled.get() - reader.bytes_read();
        max_ahead = max_ahead.max(ahead);
        assert!(reader.bytes_read() > last_offset);
        last_offset = reader.bytes_read();
        if count == 1 {
            assert!(
                pulled.get() <= 2 * buf_cap as u64,
                "first element after {}",
                pulled.get()
            );
        }
    }
    assert_eq!(count, n);
    assert_eq!(reader.elements_read(), n);
    assert!(max_ahead <= buf_cap as u64, "read ahead {max_ahead}");
    assert_eq!(pulled.get(), total);
}

#[test]
fn element_boundaries_across_tiny_buffers() {
    // Strings holding brackets, commas, escaped quotes and backslashes must not confuse framing,
    // whatever the buffer boundaries.
    let tricky = r#"SYNTETISK "Q" [x] {y}, z \ end"#;
    let name_json = serde_json::to_string(tricky).unwrap();
    let el = |orgnr: &str, name: &str| {
        format!(
            r#"{{"organisasjonsnummer":"{orgnr}","navn":{name},"organisasjonsform":{{"kode":"AS","_links":{{"self":{{"href":"x]}}"}}}}}},"antallAnsatte":7,"forretningsadresse":{{"adresse":["a, b","[c]"],"kommunenummer":"3203"}},"registreringsdatoEnhetsregisteret":"2021-05-05","harRegistrertAntallAnsatte":true}}"#
        )
    };
    let text = format!(
        " \n[{} ,\n\t{}\n]\n",
        el("923609016", &name_json),
        el("991825827", "\"plain\"")
    );
    for cap in [1, 2, 3, 7, 64, 4096] {
        let units: Vec<_> = JsonUnitReader::new(
            BufReader::with_capacity(cap, text.as_bytes()),
            UnitKind::Enhet,
            "t.json",
        )
        .collect::<Result<_, _>>()
        .unwrap();
        assert_eq!(units.len(), 2, "cap {cap}");
        assert_eq!(units[0].name, tricky);
        assert_eq!(units[0].employees, Employees::Known(7));
        assert_eq!(units[1].name, "plain");
        assert_eq!(units[1].orgnr.to_string(), "991825827");
    }
}
