//! Renders the report for the embedded default and reads it back.

use std::process::Command;

use naeringsplan_report::{
    ActionView, Format, IndicatorView, Mark, Period, RankRow, RankingView, ReportInput, SourceKind,
    ValueView, YearView, render,
};

/// The report input as the plan alone gives it: quoted results and ambitions, the example actions.
fn input() -> ReportInput {
    let plan = plan::embedded_default();
    let indicators = plan
        .indicators
        .iter()
        .map(|i| IndicatorView {
            id: i.id.clone(),
            number: i.number,
            name: i.name.nb.clone(),
            unit: i.unit,
            rule_text: i.rule_text.nb.clone(),
            ambition_op: i.ambition_op.symbol().to_string(),
            source: i.source.clone(),
            years: plan
                .table_years()
                .map(|y| YearView {
                    year: y,
                    value: i.results.get(&y).map(|r| ValueView {
                        value: r.value,
                        kind: SourceKind::PlanQuote,
                        source: r.source.clone(),
                    }),
                    also: Vec::new(),
                    ambition: i.ambitions.get(&y).copied(),
                    mark: if i.ambitions.contains_key(&y) {
                        Mark::NoData
                    } else {
                        Mark::NoAmbition
                    },
                })
                .collect(),
            trend: None,
            definition: "sitert fra planen".into(),
            assessment: None,
        })
        .collect();
    let actions = plan
        .actions
        .iter()
        .map(|a| ActionView {
            id: a.id.clone(),
            title: a.title.clone(),
            strategies: a.strategies.clone(),
            owner: a.owner.clone(),
            status: a.status.label(plan::Lang::Nb).to_string(),
            progress: a.progress,
            start: a.start,
            end: a.end,
            comment: String::new(),
            late: a.status == plan::ActionStatus::Delayed,
            changed: None,
            last_change: None,
            explanation: None,
            budget: a.budget.clone(),
            tasks: a.tasks.clone(),
        })
        .collect();
    let nm = &plan.published_rankings[0];
    let rankings = vec![RankingView {
        title: format!("NHOs Kommune-NM {} (tall fra {})", nm.edition, nm.data_year),
        source: nm.source.clone(),
        groups: nm.groups.iter().map(|g| g.name.nb.clone()).collect(),
        rows: nm
            .rows
            .iter()
            .map(|r| RankRow {
                name: r.municipality_name.clone(),
                total: r.total,
                groups: nm
                    .groups
                    .iter()
                    .map(|g| r.groups.get(&g.id).copied())
                    .collect(),
                own: r.municipality_name.starts_with("Asker"),
            })
            .collect(),
        computed: false,
        synthetic: false,
    }];
    ReportInput {
        plan,
        lang: plan::Lang::Nb,
        year: 2024,
        period: Period::Year,
        data_as_of: "2024-12-31".into(),
        data_cutoff: time::macros::date!(2024 - 12 - 31),
        state: naeringsplan_report::ReportState::Generated,
        overall: None,
        progress: None,
        area_assessments: Default::default(),
        indicators,
        actions,
        rankings,
        facts: vec![],
        strategy_indicators: vec![],
        registers: vec![],
        sources: vec![],
        definitions: vec![(
            "Egendekning".into(),
            "Arbeidsplasser i kommunen / sysselsatte bosatte 15–74 år".into(),
        )],
    }
}

#[test]
fn html_is_self_contained_deterministic_and_escaped() {
    let mut inp = input();
    inp.actions[0].title = "<script>alert(1)</script>".into();
    let a = render(&inp, Format::Html, None).unwrap();
    let b = render(&inp, Format::Html, None).unwrap();
    assert_eq!(a, b, "same input, same bytes");
    let html = String::from_utf8(a).unwrap();
    assert!(!html.contains("<script>"), "user text is escaped");
    assert!(html.contains("&lt;script&gt;"));
    assert!(
        !html.contains("src=\"http") && !html.contains("href=\"http"),
        "no external resources"
    );
    assert!(html.contains("<svg"), "charts are inline SVG");
    assert!(html.contains("name=\"viewport\""));
    assert!(html.contains("41,9\u{a0}%"));
}

#[test]
fn markdown_has_every_strategy() {
    let md = String::from_utf8(render(&input(), Format::Markdown, None).unwrap()).unwrap();
    for s in plan::embedded_default().strategies() {
        assert!(md.contains(&s.id), "{}", s.id);
    }
}

#[test]
fn pdf_text_has_every_indicator_area_and_strategy_and_pages_render() {
    let inp = input();
    let pdf = render(&inp, Format::Pdf, None).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, &pdf).unwrap();
    if let Ok(keep) = std::env::var("REPORT_KEEP_PDF") {
        std::fs::write(keep, &pdf).unwrap();
    }
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed: .ci/run installs it");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ");
    // Words may be hyphenated or wrapped across lines: compare with whitespace squeezed.
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for i in &inp.plan.indicators {
        let head: String = i
            .name
            .nb
            .split_whitespace()
            .take(5)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(flat.contains(&head), "indicator {}: {head}", i.id);
    }
    for a in &inp.plan.focus_areas {
        assert!(
            flat.contains(&format!(
                "{} {}",
                a.number,
                a.title.nb.split_whitespace().next().unwrap()
            )),
            "area {}",
            a.number
        );
    }
    for s in inp.plan.strategies() {
        assert!(flat.contains(&s.id), "strategy {}", s.id);
    }
    assert!(flat.contains("41,9 %"), "Norwegian decimal comma");
    assert!(flat.contains("Innhold"), "table of contents");
    assert!(
        flat.contains("Side 1 av") || flat.contains("Side 2 av"),
        "page numbers"
    );
    let info = Command::new("pdfinfo").arg(&path).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.contains("Status for måloppnåelse"),
        "title in metadata: {info}"
    );
    assert!(
        info.contains("Page size:      595.276 x 841.89") || info.contains("A4"),
        "A4: {info}"
    );
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    let ppm = Command::new("pdftoppm")
        .args(["-r", "20", "-png"])
        .arg(&path)
        .arg(dir.path().join("p"))
        .output()
        .unwrap();
    assert!(
        ppm.status.success(),
        "{}",
        String::from_utf8_lossy(&ppm.stderr)
    );
    let pngs = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "png")
        })
        .count();
    assert_eq!(pngs, pages, "every page renders");
    let catalog = String::from_utf8_lossy(&pdf);
    assert!(
        catalog.contains("/Lang (nb") || catalog.contains("/Lang(nb"),
        "language nb in the catalog"
    );
}

/// The DOCX opens as a Word package: `word/document.xml` holds the headings in Word's heading
/// styles, the per-action tables and every strategy; the charts are PNG images; the footer has
/// a page-number field (issue 18, item 6).
#[test]
fn docx_has_heading_styles_action_tables_charts_and_page_numbers() {
    use std::io::Read;
    let inp = input();
    let bytes = render(&inp, Format::Docx, None).unwrap();
    assert!(bytes.starts_with(b"PK"), "a zip package");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    let doc = read("word/document.xml");
    assert!(
        doc.contains(r#"<w:pStyle w:val="Heading1" />"#)
            || doc.contains(r#"<w:pStyle w:val="Heading1"/>"#),
        "heading 1 style used"
    );
    assert!(doc.contains("Sammendrag") && doc.contains("Tiltakene"));
    assert!(doc.contains("<w:tbl>"), "real tables");
    assert!(
        doc.contains("Endret siden forrige rapport"),
        "the per-action table"
    );
    for s in inp.plan.strategies() {
        assert!(doc.contains(&s.id), "{}", s.id);
    }
    let styles = read("word/styles.xml");
    assert!(styles.contains("heading 1"));
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("word/media/") && n.ends_with(".png")),
        "charts as images: {names:?}"
    );
    let footer = names
        .iter()
        .find(|n| n.starts_with("word/footer"))
        .expect("a footer")
        .clone();
    let mut f = String::new();
    zip.by_name(&footer)
        .unwrap()
        .read_to_string(&mut f)
        .unwrap();
    assert!(f.contains("PAGE"), "page-number field: {f}");
}

/// Sources read as a list of tables in words with publisher and address; file paths appear
/// only in the machine-readable appendix (issue 18, item 5). Chapter-6 cells say the verdict in
/// words beside the sign.
#[test]
fn sources_in_words_and_files_only_in_the_appendix() {
    let mut inp = input();
    inp.sources = vec![naeringsplan_report::SourceView {
        name: "Befolkning (SSB tabell 07459)".into(),
        publisher: "Statistisk sentralbyrå (SSB)".into(),
        url: "https://www.ssb.no/statbank/table/07459".into(),
        release: String::new(),
        fetched: "2026-12-06".into(),
        synthetic: false,
        real: true,
        files: vec!["snapshot/befolkning-07459.json (SSB 07459, 2026-12-06)".into()],
    }];
    let md = String::from_utf8(render(&inp, Format::Markdown, None).unwrap()).unwrap();
    let kilder = md.find("*Kilder*").unwrap();
    let appendix = md.find("Maskinlesbart vedlegg").unwrap();
    assert!(md[kilder..appendix].contains(
        "| Befolkning (SSB tabell 07459) | Statistisk sentralbyrå (SSB) | https://www.ssb.no/statbank/table/07459 | 2026-12-06 | ekte |"
    ));
    assert!(!md[..appendix].contains("snapshot/befolkning-07459.json"));
    assert!(md[appendix..].contains("snapshot/befolkning-07459.json"));
    assert!(md.contains("✓ nådd") || md.contains("✗ ikke nådd") || md.contains("ikke vurdert"));
    assert!(!md.contains(" · ✓"), "no sign alone");
}

#[test]
fn strategy_indicators_stand_in_their_area_with_demo_marked() {
    let mut inp = input();
    assert!(!inp.has_synthetic());
    inp.strategy_indicators = vec![
        naeringsplan_report::StrategyIndicatorView {
            strategy_id: "5.7-s8".into(),
            name: "Egendekning".into(),
            rows: vec![
                (
                    2022,
                    "75,9\u{a0}%".into(),
                    "Beregnet fra SSB 11618".into(),
                    false,
                ),
                (
                    2023,
                    "76\u{a0}%".into(),
                    "Beregnet fra SSB 11618 (syntetiske demodata)".into(),
                    true,
                ),
            ],
            missing: None,
        },
        naeringsplan_report::StrategyIndicatorView {
            strategy_id: "5.1-s1".into(),
            name: "Andel ansatte i kunnskapsintensive næringer".into(),
            rows: vec![],
            missing: Some("ingen Enhetsregisteret-fil er importert".into()),
        },
    ];
    assert!(inp.has_synthetic(), "a demo value makes the report say so");
    let md = String::from_utf8(render(&inp, Format::Markdown, None).unwrap()).unwrap();
    let area = &md[md.find("{#omrade-5.7}").unwrap()..];
    let area = &area[..area.find("{#omrade-5.8}").unwrap()];
    assert!(area.contains("Strategi 5.7-s8 følges med nøkkeltallet Egendekning"));
    assert!(
        area.contains("| 2022 | 75,9\u{a0}% | Beregnet fra SSB 11618 |"),
        "{area}"
    );
    assert!(area.contains("76\u{a0}% (demo)"), "{area}");
    let s1 = &md[md.find("{#omrade-5.1}").unwrap()..md.find("{#omrade-5.2}").unwrap()];
    assert!(
        s1.contains("ingen verdi (ingen Enhetsregisteret-fil er importert)"),
        "{s1}"
    );
}

/// The report's own messages (`rpt-…`) that are sentences of their own (two words or more, ten
/// letters or more, no variables) and differ between `lang` and `other`.
fn report_telltales(lang: plan::Lang, other: plan::Lang) -> Vec<(String, String)> {
    i18n::keys(lang)
        .into_iter()
        .filter(|k| k.starts_with("rpt-"))
        .filter_map(|key| {
            let text = i18n::tr(lang, &key);
            let trimmed = text
                .trim()
                .trim_matches(['.', ':', ',', ';', '(', ')'])
                .trim();
            let letters = trimmed.chars().filter(|c| c.is_alphabetic()).count();
            (trimmed.contains(' ')
                && letters >= 10
                && !trimmed.contains('{')
                && trimmed
                    != i18n::tr(other, &key)
                        .trim()
                        .trim_matches(['.', ':', ',', ';', '(', ')'])
                        .trim())
            .then(|| (key, trimmed.to_string()))
        })
        .collect()
}

#[test]
fn a_nynorsk_or_english_report_has_no_bokmal_of_its_own() {
    use plan::Lang;
    for lang in [Lang::Nn, Lang::En] {
        let mut inp = input();
        inp.lang = lang;
        // What the app assembles in the report's language (`app::council_report`).
        for i in &mut inp.indicators {
            i.definition = i18n::tr(lang, "rpt-source-plan-quote");
        }
        let md = String::from_utf8(render(&inp, Format::Markdown, None).unwrap()).unwrap();
        let html = String::from_utf8(render(&inp, Format::Html, None).unwrap()).unwrap();
        let telltales = report_telltales(Lang::Nb, lang);
        assert!(telltales.len() > 40, "{} telltales", telltales.len());
        for (key, text) in &telltales {
            assert!(
                !md.contains(text.as_str()),
                "{lang}: bokmål «{text}» ({key})"
            );
        }
        assert!(html.contains(&format!("<html lang=\"{}\">", lang.code())));
        // The plan's own texts (strategies, in bokmål) are marked as such.
        assert!(
            html.contains(" lang=\"nb\""),
            "{lang}: plan texts not marked"
        );
        assert!(md.contains(&i18n::tr(lang, "rpt-results-intro")));
    }
    // The bokmål report is the bokmål one, unmarked.
    let html = String::from_utf8(render(&input(), Format::Html, None).unwrap()).unwrap();
    assert!(html.contains("<html lang=\"nb\">"));
    assert_eq!(
        html.matches(" lang=").count(),
        1,
        "nothing marked in a bokmål report"
    );
    assert!(html.contains("Resultater og ambisjoner"));
}
