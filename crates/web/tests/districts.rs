//! The district table on the focus-area pages whose area has `districts = true` (issue 20 item
//! 5): exact figures from a small register file, the units outside every district listed, no
//! table on other areas, synthetic demo data marked.

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;

use app::brreg::{DemoScope, NoProgress};

const FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../app/tests/fixtures/districts_enheter_2025-06-30.csv"
);

/// The text of the table row whose header cell is `name` (tags stripped, cells joined by `|`).
fn row_of(page: &str, name: &str) -> String {
    let at = page
        .find(&format!(r#"<th scope="row">{name}</th>"#))
        .unwrap_or_else(|| panic!("no row {name}"));
    let end = at + page[at..].find("</tr>").unwrap();
    let mut out = String::new();
    let mut in_tag = false;
    for ch in page[at..end].chars() {
        match ch {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push('|');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split('|')
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join("|")
}

#[tokio::test]
async fn focus_area_pages_flagged_for_districts_show_the_table() {
    let app = common::spawn().await;
    app::brreg::import(
        &app.store,
        std::path::Path::new(FILE),
        false,
        Arc::new(NoProgress),
    )
    .await
    .unwrap();
    app.page_cache.invalidate();
    let c = common::client();
    let (status, page) = app.get_text(&c, "/innsatsomrader/5.1").await;
    assert_eq!(status, 200);
    assert!(page.contains("Per distrikt"), "{page}");
    // District | units | employees | withheld | registered 2024 | bankruptcies 2024 | bankrupt
    assert_eq!(row_of(&page, "Asker sentrum"), "Asker sentrum|2|10|1|1|0|0");
    assert_eq!(row_of(&page, "Asker nord"), "Asker nord|1|7|0|1|0|0");
    assert_eq!(row_of(&page, "Asker syd"), "Asker syd|3|25|0|1|1|1");
    assert_eq!(
        row_of(&page, "Utenfor distriktene"),
        "Utenfor distriktene|2|4|0|1|0|0"
    );
    assert!(page.contains("Registrert 2024"), "{page}");
    // The units outside are listed by postal code with examples.
    assert!(
        page.contains("Postnumre som ikke ligger i noe distrikt"),
        "{page}"
    );
    assert!(page.contains("UTENFOR POSTBOKS AS (910000063)"), "{page}");
    assert!(page.contains("uten postnummer"), "{page}");
    // Real data: no synthetic mark.
    assert!(!page.contains("SYNTETISKE DATA"), "{page}");

    // An area not flagged has no table; the English page speaks English.
    let (_, page) = app.get_text(&c, "/innsatsomrader/5.2").await;
    assert!(!page.contains("Per distrikt"), "{page}");
    let (_, page) = app.get_text(&c, "/innsatsomrader/5.7?lang=en").await;
    assert!(page.contains("By district"), "{page}");
    assert!(page.contains("Asker south"), "{page}");
    assert_eq!(
        row_of(&page, "Outside the districts"),
        "Outside the districts|2|4|0|1|0|0"
    );
}

#[tokio::test]
async fn the_synthetic_demo_register_is_marked_in_the_district_table() {
    let app = common::spawn().await;
    let scope = DemoScope::Municipalities(BTreeSet::from(["3203".to_string()]));
    app::brreg::import_demo_in(&app.store, 30_000, 7, &scope, Arc::new(NoProgress))
        .await
        .unwrap();
    app.page_cache.invalidate();
    let (_, page) = app.get_text(&common::client(), "/innsatsomrader/5.1").await;
    assert!(page.contains("Per distrikt"), "{page}");
    assert!(
        page.contains("SYNTETISKE DATA, ikke kommunens tall"),
        "{page}"
    );
    assert!(
        page.contains("Alle enhetene ligger i et distrikt."),
        "{page}"
    );
}
