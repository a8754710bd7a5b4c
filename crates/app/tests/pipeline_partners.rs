//! The investment pipeline and the partners register as use cases (issue 20 items 4 and 3):
//! a file with a bad row is refused with its file, line and field and changes nothing; a site
//! offered must be a site of the land register; the plan's own partner list for Asker loads,
//! with no share invented, and an ownership's organisation number is joined with the stored
//! register.

use naeringsplan_app as app;

async fn temp_store() -> (tempfile::TempDir, store::Store) {
    let dir = tempfile::tempdir().unwrap();
    let s = store::Store::open_sqlite(&dir.path().join("t.db"))
        .await
        .unwrap();
    (dir, s)
}

const LAND: &str = "id;dato;navn;sted;areal_daa;planstatus;tilgjengelighet;formal
ASK-T1;2020-01-01;Tomt;Tofte;40;regulert;ledig;lager_logistikk
";

#[tokio::test]
async fn a_pipeline_file_with_a_bad_row_changes_nothing() {
    let (_dir, store) = temp_store().await;
    let changes = local_registers::land::parse_any("land.csv", LAND.as_bytes()).unwrap();
    store
        .land_import(
            "3203",
            store::local_registers::LandFile {
                name: "land.csv",
                sha256: "x",
                format: "csv",
                synthetic: false,
            },
            &changes,
            "t",
        )
        .await
        .unwrap();
    let good = "navn;dato;fase;tomt;arbeidsplasser_forventet\nFørste AS;2024-01-02;tomt_tilbudt;ASK-T1;20\n";
    let (r, synthetic) = app::pipeline::import_csv(&store, "3203", "p.csv", good.as_bytes(), "t")
        .await
        .unwrap();
    assert_eq!(r.ids.len(), 1);
    assert!(!synthetic);
    let before = store.pipeline_dump("3203").await.unwrap();
    // The second row's site is not in the land register; the first row is not stored either.
    let bad =
        "navn;dato;fase;tomt\nAndre AS;2024-02-01;;\nTredje AS;2024-03-01;tomt_tilbudt;ASK-X9\n";
    let e = app::pipeline::import_csv(&store, "p2.csv", "p2.csv", bad.as_bytes(), "t")
        .await
        .unwrap_err();
    // (another plan key: no sites there either, so the row is refused the same way)
    assert_eq!(
        e.to_string(),
        "p2.csv: line 3: tomt: \"ASK-X9\" is not a site of the land register"
    );
    let e = app::pipeline::import_csv(&store, "3203", "p2.csv", bad.as_bytes(), "t")
        .await
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "p2.csv: line 3: tomt: \"ASK-X9\" is not a site of the land register"
    );
    assert_eq!(store.pipeline_dump("3203").await.unwrap(), before);
    let (a, _) = app::pipeline::aggregates(&store, "3203").await.unwrap();
    assert_eq!(a.year_total(2024).enquiries, 1);
    assert_eq!(a.year_total(2024).jobs_expected, 20);
}

#[tokio::test]
async fn the_plan_partner_list_loads_and_a_bad_file_changes_nothing() {
    let (_dir, store) = temp_store().await;
    let plan = plan::embedded_default();
    store
        .load_plan(
            &plan,
            plan::EMBEDDED_DEFAULT_NAME,
            plan::EMBEDDED_DEFAULT_SOURCE,
        )
        .await
        .unwrap();
    let done = app::partners::ensure_plan_partners(&store, &plan)
        .await
        .unwrap();
    assert!(done.is_some());
    // Only once.
    assert!(
        app::partners::ensure_plan_partners(&store, &plan)
            .await
            .unwrap()
            .is_none()
    );
    let v = app::partners::view(&store, "3203").await.unwrap();
    let names: Vec<&str> = v.partners.iter().map(|p| p.partner.name.as_str()).collect();
    for n in ["Askerhalvøya Eiendom AS", "VEAS", "Ungt Entreprenørskap"] {
        assert!(names.contains(&n), "{n} in {names:?}");
    }
    assert!(
        v.partners.iter().all(|p| p.partner.share_pct.is_none()),
        "the plan gives no shares: none is invented"
    );
    assert!(!v.synthetic);
    let before = store.partners_dump("3203").await.unwrap();
    let bad =
        "type;navn;eierandel;strategier\neierskap;VEAS;25;5.7-s7\neierskap;Nytt AS;;5.7-s77\n";
    let e = app::partners::import_csv(&store, &plan, "e.csv", bad.as_bytes(), "t")
        .await
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "e.csv: line 3: strategier: 5.7-s77 is not a strategy or action of the plan"
    );
    assert_eq!(store.partners_dump("3203").await.unwrap(), before);
    // A good file changes VEAS field by field and adds one entry with its number.
    let good = "type;navn;orgnr;eierandel;strategier\neierskap;VEAS;;25;5.7-s7 | T2\neierskap;Nytt AS;910000004;;5.7-s7\n";
    let r = app::partners::import_csv(&store, &plan, "g.csv", good.as_bytes(), "t")
        .await
        .unwrap();
    assert_eq!((r.created, r.changed), (1, 1));
    let v = app::partners::view(&store, "3203").await.unwrap();
    let veas = v
        .partners
        .iter()
        .find(|p| p.partner.name == "VEAS")
        .unwrap();
    assert_eq!(veas.partner.share_pct, Some(25.0));
    let new = v
        .partners
        .iter()
        .find(|p| p.partner.name == "Nytt AS")
        .unwrap();
    assert_eq!(new.partner.orgnr.unwrap().to_string(), "910000004");
    assert!(new.register.is_none(), "no register snapshot stored");
    // With a register snapshot stored, the number is joined with it.
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/districts_enheter_2025-06-30.csv");
    app::brreg::import(
        &store,
        &file,
        false,
        std::sync::Arc::new(app::brreg::NoProgress),
    )
    .await
    .unwrap();
    let v = app::partners::view(&store, "3203").await.unwrap();
    let new = v
        .partners
        .iter()
        .find(|p| p.partner.name == "Nytt AS")
        .unwrap();
    let r = new.register.as_ref().expect("found in the register");
    assert_eq!((r.name.as_str(), r.employees), ("SENTRUM EN AS", Some(10)));
    assert_eq!(r.municipality.as_deref(), Some("3203"));
    assert!(v.register_snapshot.is_some());
    let veas = v
        .partners
        .iter()
        .find(|p| p.partner.name == "VEAS")
        .unwrap();
    assert!(veas.register.is_none(), "no number, no join");
}

/// The council report's sections (issue 20 item 6): the pipeline's counts per year and stage up
/// to the report's year, never a name; the partners by kind.
#[tokio::test]
async fn the_report_sections_count_the_pipeline_without_names_and_list_the_partners() {
    let (_dir, store) = temp_store().await;
    let file = "navn;dato;fase;arbeidsplasser_forventet;arbeidsplasser_skapt\n\
                Hemmelig Fabrikk AS;2023-03-01;etablert;30;25\n\
                Annen Bedrift AS;2023-05-01;dialog;10;\n\
                Senere AS;2025-01-01;henvendelse;5;\n";
    app::pipeline::import_csv(&store, "3203", "p.csv", file.as_bytes(), "t")
        .await
        .unwrap();
    let sec = app::pipeline::report_section(&store, "3203", 2024, plan::Lang::Nb)
        .await
        .unwrap()
        .unwrap();
    let rows = &sec.tables[0].rows;
    let text = format!("{sec:?}");
    assert!(!text.contains("Hemmelig") && !text.contains("Annen Bedrift"));
    assert!(
        rows.iter().all(|r| r[0] == "2023"),
        "2025 is after the report's year"
    );
    let total = rows.iter().find(|r| r[1] == "Sum").unwrap();
    assert_eq!(total[2..], ["2", "40", "25"]);
    assert!(
        app::pipeline::report_section(&store, "9999", 2024, plan::Lang::Nb)
            .await
            .unwrap()
            .is_none()
    );

    let plan = plan::embedded_default();
    store
        .load_plan(
            &plan,
            plan::EMBEDDED_DEFAULT_NAME,
            plan::EMBEDDED_DEFAULT_SOURCE,
        )
        .await
        .unwrap();
    app::partners::ensure_plan_partners(&store, &plan)
        .await
        .unwrap();
    let sec = app::partners::report_section(&store, "3203", plan::Lang::Nn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sec.title, i18n::tr(plan::Lang::Nn, "layout-partners"));
    let names: Vec<&str> = sec
        .tables
        .iter()
        .flat_map(|t| t.rows.iter().map(|r| r[0].as_str()))
        .collect();
    assert!(names.iter().any(|n| n.contains("VEAS")), "{names:?}");
}
