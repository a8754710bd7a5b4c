//! The maps (issue 19 item 4): the land sites on Asker's outline at `/naeringsarealer`, and
//! the ranking (and an indicator) as a choropleth of every municipality at `/rangering` (and
//! `/indikatorer/{id}`), on a store filled with the snapshot the binary bundles.

mod common;

use common::{client, spawn};

/// The snapshot files in the order the binary imports them (`crates/naeringsplan/src/
/// snapshot.rs`, read here so that this test follows it).
fn snapshot_files() -> Vec<String> {
    let src = include_str!("../../naeringsplan/src/snapshot.rs");
    // The list's lines, as build.rs reads them (not the doc comments that mention the macro).
    src.lines()
        .filter_map(|l| l.trim().strip_prefix("snap!(\""))
        .filter_map(|s| s.split_once("\")").map(|(p, _)| p.to_owned()))
        .collect()
}

#[tokio::test]
async fn the_land_page_draws_the_sites_on_askers_outline() {
    let app = spawn().await;
    let anon = client();
    let geo = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../data/registers/example/asker_naeringsarealer_SYNTETISK.geojson"),
    )
    .unwrap();
    let changes = local_registers::land::parse_geojson("x.geojson", &geo).unwrap();
    app.store
        .land_import(
            &app.plan_code,
            store::local_registers::LandFile {
                name: "x.geojson",
                sha256: "sha",
                format: "geojson",
                synthetic: true,
            },
            &changes,
            "test",
        )
        .await
        .unwrap();
    app.page_cache.invalidate();
    let (status, page) = app.get_text(&anon, "/naeringsarealer").await;
    assert_eq!(status, 200);
    let map = &page[page.find(r#"<figure class="map">"#).expect("a map")..];
    let map = &map[..map.find("</figure>").unwrap()];
    assert!(map.contains(r#"role="img" aria-label="Kart over næringsarealene"#));
    assert!(map.contains("<figcaption>"));
    assert!(
        map.contains(r#"<path class="own-outline" d="M"#) && map.contains("<title>Asker</title>"),
        "Asker's outline"
    );
    assert!(map.contains(r#"<path class="neighbour""#) && map.contains("<title>Bærum</title>"));
    let sites: std::collections::BTreeSet<&str> =
        changes.iter().map(|c| c.site_id.as_str()).collect();
    assert_eq!(map.matches(r#"<g class="site av-"#).count(), sites.len());
    assert!(map.contains("Tofte næringspark"));
    assert!(map.contains("Kartgrunnlag: © Kartverket, CC BY 4.0"));
    assert!(map.contains("Eksempeldata – ikke kommunens tomter."));
    // The legend is HTML (no svg swatch that a scaling rule could blow up).
    assert_eq!(map.matches("<svg").count(), 1);
    // The same sites stay in the table.
    assert!(page.contains("Hver tomt slik den står i registeret i dag"));
    let (_, en) = app.get_text(&anon, "/naeringsarealer?lang=en").await;
    assert!(en.contains("Map data: © Kartverket, CC BY 4.0"));
}

#[tokio::test]
async fn the_ranking_page_has_a_map_of_every_municipality() {
    let app = spawn().await;
    let opts = store::observations::ImportOptions::default();
    for f in stats::geography::BUNDLED_FILES {
        app.store
            .import_file(&format!("klass/{}", f.name), f.bytes, &opts)
            .await
            .unwrap();
    }
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let files = snapshot_files();
    assert!(files.len() > 20, "{files:?}");
    for name in &files {
        let bytes = std::fs::read(data.join(name)).unwrap();
        app.store.import_file(name, &bytes, &opts).await.unwrap();
    }
    app.page_cache.invalidate();
    let anon = client();
    let (status, page) = app.get_text(&anon, "/rangering").await;
    assert_eq!(status, 200);
    assert!(page.len() < 400_000, "page weight {} bytes", page.len());
    let map = &page[page.find(r#"<figure class="map">"#).expect("a map")..];
    let map = &map[..map.find("</figure>").unwrap()];
    let paths = map.matches(r#"<path d="M"#).count();
    assert!(paths >= 350, "{paths} municipality paths");
    assert!(map.contains(r#"role="img""#) && map.contains("<figcaption>"));
    assert!(map.contains("Kartgrunnlag: © Kartverket, CC BY 4.0"));
    assert!(map.contains(r#"class="county-borders""#));
    assert!(map.contains(r#"class="highlight""#), "Asker outlined");
    assert!(map.contains("<title>Asker (3203): plass "));
    // The snapshot's ranking rests on synthetic series: the map says so.
    assert!(map.contains("Demodata – ikke reelle tall."));
    assert!(map.contains("plass 1–"));
    // One county: zoomed to its municipalities.
    let (status, county) = app.get_text(&anon, "/rangering?fylke=32").await;
    assert_eq!(status, 200);
    let map = &county[county.find(r#"<figure class="map">"#).unwrap()..];
    let map = &map[..map.find("</figure>").unwrap()];
    let n = map.matches(r#"<path d="M"#).count();
    assert!((5..60).contains(&n), "{n}");

    // An indicator computed for every municipality has its map too (issue 19 item 4.3), with
    // demo values not coloured as real.
    let (status, ind) = app.get_text(&anon, "/indikatorer/job-growth").await;
    assert_eq!(status, 200);
    let map = &ind[ind.find(r#"<figure class="map">"#).expect("a map")..];
    let map = &map[..map.find("</figure>").unwrap()];
    assert!(map.matches(r#"<path d="M"#).count() >= 350);
    assert!(map.contains("Kartgrunnlag: © Kartverket, CC BY 4.0"));
    assert!(
        map.contains("Demoverdier er ikke farget som reelle.")
            || map.contains("Demodata – ikke reelle tall."),
        "{map}"
    );
    assert!(!map.contains(r#"(demo)</title></path>"#) || map.contains("Demodata"));

    // Every year's ranked municipalities have an outline on that year's borders.
    let (_, json) = app.get_text(&anon, "/api/ranking").await;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let years: Vec<i64> = v["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y.as_i64().unwrap())
        .collect();
    assert!(years.contains(&2024), "{years:?}");
    for y in years {
        let (_, json) = app.get_text(&anon, &format!("/api/ranking?ar={y}")).await;
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let at = v["geography_at"].as_str().unwrap();
        let date =
            time::Date::parse(at, &time::format_description::well_known::Iso8601::DATE).unwrap();
        let outlines = naeringsplan_web::maps::outlines_at(date).expect("outlines");
        let rows = v["rows"].as_array().unwrap();
        assert!(rows.len() >= 350, "{y}: {}", rows.len());
        for row in rows {
            let code = row["code"].as_str().unwrap();
            assert!(
                outlines.get(code).is_some(),
                "{y} ({at}): no outline for {code}"
            );
        }
    }
}
