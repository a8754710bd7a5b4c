//! The register pages of issue 9 over HTTP: visit details are not reachable without a login
//! (and the public aggregates carry no names), staff record a visit through the form, and the
//! land and procurement pages render the stored data (the land map as inline SVG).

mod common;

use common::{client, csrf_of, spawn};
use local_registers::visits::{FollowUp, Visit, VisitKind};

const SECRET_NAME: &str = "Hemmelig Deltakersen";

fn visit(date: time::Date) -> Visit {
    Visit {
        id: 0,
        orgnr: "923609016".parse().unwrap(),
        company: "Besøkt Bedrift AS".into(),
        sector: Some("C".into()),
        area: "Hurum".into(),
        date,
        kind: VisitKind::Visit,
        participants: vec![SECRET_NAME.into(), "Ordføreren".into()],
        topics: vec!["Tomt til utvidelse".into()],
        follow_ups: vec![FollowUp::parse("Sende oversikt over ledige tomter [5.1-s1]").unwrap()],
    }
}

#[tokio::test]
async fn visit_details_are_not_reachable_without_login() {
    let app = spawn().await;
    let id = app
        .store
        .visit_add(
            &app.plan_code,
            &visit(time::macros::date!(2025 - 05 - 06)),
            false,
            "test",
        )
        .await
        .unwrap();
    let anon = client();
    for path in [
        "/intern/bedriftsbesok".to_string(),
        format!("/intern/bedriftsbesok/{id}"),
        format!("/intern/bedriftsbesok/{id}?lang=en"),
    ] {
        let res = anon.get(app.url(&path)).send().await.unwrap();
        assert_eq!(res.status(), 303, "{path}");
        let to = res.headers()["location"].to_str().unwrap().to_string();
        assert!(to.starts_with("/logg-inn"), "{path} → {to}");
        let body = res.text().await.unwrap();
        assert!(!body.contains(SECRET_NAME), "{path} leaked a name");
    }
    // Writes without a session are refused too, and change nothing.
    let res = anon
        .post(app.url(&format!("/intern/bedriftsbesok/{id}/slett")))
        .form(&[("csrf", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(app.store.visit(&app.plan_code, id).await.unwrap().is_some());
    // Nothing public names the participants, the topics or the follow-ups.
    for path in [
        "/bedriftsbesok",
        "/bedriftsbesok?lang=en",
        "/api/openapi.json",
    ] {
        let (status, body) = app.get_text(&anon, path).await;
        assert!(status == 200, "{path}: {status}");
        assert!(!body.contains(SECRET_NAME), "{path} leaked a name");
        assert!(
            !body.contains("Tomt til utvidelse"),
            "{path} leaked a topic"
        );
    }
    let (_, public) = app.get_text(&anon, "/bedriftsbesok").await;
    assert!(public.contains("2025: 1 besøk"), "{public}");
    assert!(public.contains("Hurum"), "{public}");
    // A viewer sees the details.
    let staff = app.logged_in("vera").await;
    let (status, body) = app
        .get_text(&staff, &format!("/intern/bedriftsbesok/{id}"))
        .await;
    assert_eq!(status, 200);
    assert!(body.contains(SECRET_NAME));
    assert!(body.contains("5.1-s1"));
}

#[tokio::test]
async fn staff_record_a_visit_through_the_form() {
    let app = spawn().await;
    let c = app.logged_in("kari").await;
    let (_, page) = app.get_text(&c, "/intern/bedriftsbesok").await;
    let csrf = csrf_of(&page);
    // An unknown strategy id is refused with 422 and nothing is stored.
    let res = c
        .post(app.url("/intern/bedriftsbesok"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("orgnr", "923609016"),
            ("company", "Bedrift AS"),
            ("date", "2025-03-04"),
            ("kind", "besok"),
            ("participants", "Ola\nKari"),
            ("follow_ups", "Følge opp [9.9-s9]"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("9.9-s9"));
    assert!(app.store.visits(&app.plan_code).await.unwrap().is_empty());
    let res = c
        .post(app.url("/intern/bedriftsbesok"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("orgnr", "923 609 016"),
            ("company", "Bedrift AS"),
            ("date", "2025-03-04"),
            ("kind", "dialogmote"),
            ("area", "Asker syd"),
            ("participants", "Ola\nKari"),
            ("topics", "Rekruttering"),
            ("follow_ups", "Følge opp [5.7-s1]"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let stored = app.store.visits(&app.plan_code).await.unwrap();
    assert_eq!(stored.len(), 1);
    let v = &stored[0].0;
    // Post/Redirect/Get to the visit, with the confirmation (issue 19 item 5).
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(to, format!("/intern/bedriftsbesok/{}?lagret=1", v.id));
    let (_, shown) = app.get_text(&c, &to).await;
    assert!(
        shown.contains(r#"role="status" id="lagret">Lagret."#),
        "{shown}"
    );
    assert_eq!(v.participants, ["Ola", "Kari"]);
    assert_eq!(v.kind, VisitKind::Dialogue);
    assert_eq!(v.follow_ups[0].links, ["5.7-s1"]);
}

#[tokio::test]
async fn land_and_procurement_pages_show_the_stored_registers() {
    let app = spawn().await;
    let anon = client();
    let (status, empty) = app.get_text(&anon, "/naeringsarealer").await;
    assert_eq!(status, 200);
    assert!(empty.contains("7425"), "the plan's 2019 figure is quoted");
    assert!(!empty.contains("<svg"), "no map without sites");
    assert!(
        empty.contains(r#"id="om-dataene""#)
            && empty.contains("Ingen endringer er registrert ennå")
    );
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
    // Written beside the server, not through it: its cached pages must be told.
    app.page_cache.invalidate();
    let (status, page) = app.get_text(&anon, "/naeringsarealer").await;
    assert_eq!(status, 200);
    assert!(page.contains("SYNTETISKE DATA"));
    let sites: std::collections::BTreeSet<&str> =
        changes.iter().map(|c| c.site_id.as_str()).collect();
    assert_eq!(
        page.matches(r#"<g class="site "#).count(),
        sites.len(),
        "one shape per site"
    );
    assert!(page.contains("Tofte næringspark"));
    // When the data were recorded, from which file, and the downloads (issue 22 item 3).
    assert!(
        page.contains("Sist registrert") && page.contains("filer: x.geojson"),
        "{page}"
    );
    assert!(page.contains(r#"href="/naeringsarealer/data?format=geojson""#));
    // Every change downloadable, in the import format (it parses back to the same changes).
    let res = anon
        .get(app.url("/naeringsarealer/data?format=csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("SYNTETISK")
    );
    let csv = res.bytes().await.unwrap();
    let back = local_registers::land::parse_csv("d.csv", &csv).unwrap();
    assert_eq!(back.len(), changes.len());
    let (status, geojson) = app
        .get_text(&anon, "/naeringsarealer/data?format=geojson")
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        local_registers::land::parse_geojson("d.geojson", geojson.as_bytes())
            .unwrap()
            .len(),
        changes.len()
    );

    let (status, page) = app.get_text(&anon, "/anskaffelser").await;
    assert_eq!(status, 200);
    assert!(page.contains("Ingen fakturajournal"), "{page}");
    let rows = local_registers::procurement::parse_ledger(
        "l.csv",
        b"orgnr;leverandor;belop;dato;kategori\n923609016;Ukjent AS;100;2024-01-01;IKT\n;Person;50;2024-01-02;tolk\n",
    )
    .unwrap();
    app.store
        .procurement_import(&app.plan_code, "l.csv", "h", false, &rows)
        .await
        .unwrap();
    app.page_cache.invalidate();
    let (status, page) = app.get_text(&anon, "/anskaffelser").await;
    assert_eq!(status, 200);
    // No register data in this store: nothing can be placed, and the share is not invented.
    assert!(page.contains("ikke i Enhetsregisteret"), "{page}");
    assert!(
        !page.contains(">Person<"),
        "a row without a number is shown without its name"
    );
}

#[tokio::test]
async fn the_procurement_and_visit_pages_offer_their_figures_as_csv_and_json() {
    let app = spawn().await;
    let anon = client();
    // A category a spreadsheet would run as a formula; two years; a visit without names.
    let rows = local_registers::procurement::parse_ledger(
        "l.csv",
        b"orgnr;leverandor;belop;dato;kategori\n923609016;Ukjent AS;100;2023-01-01;=IKT\n;Person;50;2024-01-02;tolk\n",
    )
    .unwrap();
    app.store
        .procurement_import(&app.plan_code, "l.csv", "h", false, &rows)
        .await
        .unwrap();
    app.store
        .visit_add(
            &app.plan_code,
            &visit(time::macros::date!(2024 - 03 - 01)),
            false,
            "kari",
        )
        .await
        .unwrap();
    app.page_cache.invalidate();

    let (status, page) = app.get_text(&anon, "/anskaffelser").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"id="om-dataene""#));
    assert!(page.contains(r#"href="/anskaffelser/data?format=csv""#));
    assert!(page.contains("sist importert"), "{page}");
    assert!(page.contains(app::register_data::BRREG_DOWNLOAD_URL));

    let res = anon
        .get(app.url("/anskaffelser/data?format=csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("anskaffelser.csv")
    );
    let csv = res.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].starts_with("year,category,total_nok,local_nok"),
        "{csv}"
    );
    // The years' totals and each year's categories: 2023 (100), 2024 (50), 2023 '=IKT, 2024 tolk.
    assert_eq!(lines.len(), 5, "{csv}");
    assert!(lines[1].starts_with("2023,,100,0,0,0,100,"), "{csv}");
    assert!(lines[2].starts_with("2024,,50,"), "{csv}");
    assert!(
        lines.iter().any(|l| l.starts_with("2023,'=IKT,100,")),
        "{csv}"
    );
    assert!(
        lines.iter().all(|l| !l.contains(",=")),
        "no cell runs as a formula: {csv}"
    );
    assert!(lines[1].ends_with(",1,false"), "{csv}");
    let (status, json) = app.get_text(&anon, "/anskaffelser/data?format=json").await;
    assert_eq!(status, 200);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["rows"].as_array().unwrap().len(), 4);
    assert_eq!(json["ledger_imports"], 1);
    assert_eq!(json["synthetic"], false);

    let (status, page) = app.get_text(&anon, "/bedriftsbesok").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"href="/bedriftsbesok/data?format=json""#));
    let (status, csv) = app.get_text(&anon, "/bedriftsbesok/data").await;
    assert_eq!(status, 200);
    assert!(
        csv.starts_with("year,dimension,key,count,synthetic\n"),
        "{csv}"
    );
    assert!(csv.contains("2024,total,,1,false"), "{csv}");
    assert!(csv.contains("2024,sector,C,1,false"), "{csv}");
    assert!(csv.contains("2024,area,Hurum,1,false"), "{csv}");
    assert!(csv.contains("2024,kind,besok,1,false"), "{csv}");
    assert!(!csv.contains(SECRET_NAME) && !csv.contains("Besøkt Bedrift"));
    let (status, json) = app.get_text(&anon, "/bedriftsbesok/data?format=json").await;
    assert_eq!(status, 200);
    assert!(!json.contains(SECRET_NAME));

    let (status, _) = app.get_text(&anon, "/bedriftsbesok/data?format=xml").await;
    assert_eq!(status, 422);
}

/// A valid organisation number (mod 11) from eight digits, if there is one.
fn orgnr_from(base: u32) -> Option<String> {
    let digits: Vec<u32> = format!("{base:08}")
        .chars()
        .map(|c| c.to_digit(10).unwrap())
        .collect();
    let sum: u32 = digits
        .iter()
        .zip([3, 2, 7, 6, 5, 4, 3, 2])
        .map(|(d, w)| d * w)
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return None,
        c => c,
    };
    Some(format!("{base:08}{check}"))
}

/// Stores an Enhetsregisteret snapshot with these (orgnr, name, municipality, deleted) units.
async fn put_register(app: &common::TestApp, units: &[(String, String, &str, bool)]) {
    use brreg::facts::FactsBuilder;
    use brreg::sectors::SectorGroups;
    use brreg::{Employees, Kommune, NaceCode, OrgForm, SectorCode, Unit, UnitKind};
    use store::brreg::{DateSource, NewSnapshot, SnapshotKind, UnitTable};
    use time::macros::date;
    let units: Vec<Unit> = units
        .iter()
        .map(|(orgnr, name, kommune, deleted)| Unit {
            orgnr: orgnr.parse().unwrap(),
            kind: UnitKind::Enhet,
            name: name.clone(),
            org_form: OrgForm::parse(b"AS").unwrap(),
            nace: NaceCode::parse(b"10.710"),
            sector: SectorCode::parse(b"2100"),
            municipality: Kommune::parse(kommune.as_bytes()),
            postal_municipality: None,
            postal_code: None,
            employees: Employees::Known(5),
            registered: Some(date!(2010 - 01 - 01)),
            founded: None,
            started: None,
            bankrupt: false,
            bankruptcy_date: None,
            under_liquidation: false,
            liquidation_date: None,
            under_forced_liquidation: false,
            deleted: deleted.then_some(date!(2021 - 06 - 01)),
            closed: None,
            parent: None,
        })
        .collect();
    let mut facts = FactsBuilder::new(SectorGroups::embedded(), 10);
    let mut table = UnitTable::new();
    for u in &units {
        facts.add(u);
        table.add(u);
    }
    let new = NewSnapshot {
        kind: SnapshotKind::Enheter,
        snapshot_date: date!(2024 - 01 - 01),
        date_source: DateSource::Option,
        file_name: "enheter.csv",
        sha256: "register-fixture",
        format: "csv",
        units: units.len() as u64,
        synthetic_units: 0,
        skipped_rows: 0,
        skipped: &[],
        coverage: None,
    };
    app.store
        .import_register_snapshot(&new, &facts.finish(), Some(&table))
        .await
        .unwrap();
}

#[tokio::test]
async fn the_visit_form_finds_companies_by_name_and_offers_the_districts() {
    let app = spawn().await;
    let c = app.logged_in("kari").await;
    // Before any register is loaded, the search says so.
    let (status, page) = app.get_text(&c, "/intern/bedriftsbesok?finn=bakeri").await;
    assert_eq!(status, 200);
    assert!(page.contains("Ingen registerdata er lastet inn"), "{page}");

    let mut numbers = (91_000_000u32..).filter_map(orgnr_from);
    let mut units = vec![
        (
            numbers.next().unwrap(),
            "Asker Bakeri AS".to_string(),
            "3203",
            false,
        ),
        (
            numbers.next().unwrap(),
            "Bakeriet i Hurum AS".to_string(),
            "3203",
            false,
        ),
        (
            numbers.next().unwrap(),
            "Gamle Asker Bakeri AS".to_string(),
            "3203",
            true,
        ),
        (
            numbers.next().unwrap(),
            "Røyken Maskin AS".to_string(),
            "3203",
            false,
        ),
        (
            numbers.next().unwrap(),
            "Bærum Bakeri AS".to_string(),
            "3201",
            false,
        ),
    ];
    for i in 0..25 {
        units.push((
            numbers.next().unwrap(),
            format!("Tomteselskap {i} AS"),
            "3203",
            false,
        ));
    }
    put_register(&app, &units).await;

    // By name, case-insensitive, every word; the municipality's units only; deleted ones last
    // and marked; each a link filling the organisation number.
    let (_, page) = app.get_text(&c, "/intern/bedriftsbesok?finn=BAKERI").await;
    assert!(page.contains("3 treff for «BAKERI»"), "{page}");
    let first = page.find("Asker Bakeri AS").unwrap();
    let second = page.find("Bakeriet i Hurum AS").unwrap();
    let gone = page.find("Gamle Asker Bakeri AS").unwrap();
    assert!(first < gone && second < gone, "units in business first");
    assert!(page.contains("slettet, konkurs eller avviklet"));
    assert!(
        !page.contains("Bærum Bakeri"),
        "another municipality's unit"
    );
    assert!(page.contains(&format!(
        r#"href="/intern/bedriftsbesok?orgnr={}#ny""#,
        units[0].0
    )));
    let (_, page) = app
        .get_text(&c, "/intern/bedriftsbesok?finn=hurum+bakeriet")
        .await;
    assert!(page.contains("1 treff"), "{page}");
    // At most 20.
    let (_, page) = app
        .get_text(&c, "/intern/bedriftsbesok?finn=tomteselskap")
        .await;
    assert!(page.contains("20 treff"), "{page}");
    assert_eq!(page.matches("Tomteselskap ").count(), 20);
    // Nothing found; too short; markup in the query is text.
    let (_, page) = app
        .get_text(&c, "/intern/bedriftsbesok?finn=%3Cb%3Ezz")
        .await;
    assert!(page.contains("Ingen treff for «&lt;b&gt;zz»"), "{page}");
    let (_, page) = app.get_text(&c, "/intern/bedriftsbesok?finn=a").await;
    assert!(page.contains("Skriv minst to tegn"), "{page}");
    // In nynorsk.
    let (_, page) = app
        .get_text(&c, "/intern/bedriftsbesok?finn=bakeri&lang=nn")
        .await;
    assert!(page.contains("sletta, konkurs eller avvikla"), "{page}");
    assert!(
        page.contains(&format!("orgnr={}&amp;lang=nn#ny", units[0].0)),
        "{page}"
    );

    // Chosen: the form holds the number and names the company.
    let (_, page) = app
        .get_text(&c, &format!("/intern/bedriftsbesok?orgnr={}", units[0].0))
        .await;
    assert!(
        page.contains(&format!(
            r#"name="orgnr" inputmode="numeric" value="{}""#,
            units[0].0
        )),
        "{page}"
    );
    assert!(page.contains("Valgt: Asker Bakeri AS"), "{page}");

    // The district is a choice from the plan's districts (`[[districts]]` in the plan file).
    assert!(page.contains(r#"<select id="area" name="area""#), "{page}");
    for d in ["Asker sentrum", "Asker nord", "Asker syd"] {
        assert!(
            page.contains(&format!(r#"<option value="{d}">{d}</option>"#)),
            "{d}"
        );
    }
    let csrf = csrf_of(&page);
    let post = |area: &'static str| {
        c.post(app.url("/intern/bedriftsbesok"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("orgnr", units[0].0.as_str()),
                ("date", "2025-03-04"),
                ("kind", "besok"),
                ("area", area),
            ])
            .send()
    };
    let res = post("Hurum").await.unwrap();
    assert_eq!(
        res.status(),
        422,
        "a place, not one of the plan's districts"
    );
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Velg en del av kommunen fra listen")
    );
    assert!(app.store.visits(&app.plan_code).await.unwrap().is_empty());
    let res = post("Asker syd").await.unwrap();
    assert_eq!(res.status(), 303);
    let stored = app.store.visits(&app.plan_code).await.unwrap();
    assert_eq!(
        stored[0].0.company, "Asker Bakeri AS",
        "the name from the register"
    );
    assert_eq!(stored[0].0.area, "Asker syd");
}
