//! Every public page in every language (issue 19 item 1): `?lang=nn` renders each page in
//! nynorsk with every link keeping the language, and no Norwegian page carries a sentence of the
//! product's English (any English message of the translation files that differs from bokmål) —
//! nor a nynorsk page one of bokmål's. The store holds the bundled statistics (real and demo), so
//! the pages show computed values, demo notices and the ranking, not only the plan's quotes.

mod common;

use i18n::Lang;

/// The public pages: every page of the menu, each indicator, focus area and a few actions.
fn public_paths() -> Vec<String> {
    let plan = plan::embedded_default();
    let mut paths: Vec<String> = [
        "/",
        "/tiltak",
        "/tiltak?forsinket=1",
        "/tiltak/T1",
        "/fremdrift",
        "/rangering",
        "/rapport",
        "/nokkeltall",
        "/naeringsarealer",
        "/anskaffelser",
        "/bedriftsbesok",
        "/investeringer",
        "/partnere",
        "/kilder",
        "/planer",
        "/logg-inn",
    ]
    .map(String::from)
    .to_vec();
    paths.extend(
        plan.indicators
            .iter()
            .map(|i| format!("/indikatorer/{}", i.id)),
    );
    paths.extend(
        plan.focus_areas
            .iter()
            .map(|a| format!("/innsatsomrader/{}", a.number)),
    );
    paths
}

/// The text as maud writes it into a page.
fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A message without the spaces and punctuation around it.
fn normal(text: &str) -> &str {
    text.trim()
        .trim_matches(['.', ':', ',', ';', '(', ')'])
        .trim()
}

/// The messages of `lang` that are sentences of their own (two words or more, ten letters or
/// more) and differ from the same message in `other`: text that must never show on a page in
/// `other`.
fn telltales(lang: Lang, other: Lang) -> Vec<(String, String)> {
    i18n::keys(lang)
        .into_iter()
        .filter_map(|key| {
            let text = i18n::tr(lang, &key);
            let trimmed = normal(&text);
            let letters = trimmed.chars().filter(|c| c.is_alphabetic()).count();
            (trimmed.contains(' ')
                && letters >= 10
                && !trimmed.contains('{')
                && trimmed != normal(&i18n::tr(other, &key)))
            .then(|| (key, escaped(trimmed)))
        })
        .collect()
}

async fn app_with_statistics() -> common::TestApp {
    let app = common::spawn().await;
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/snapshot");
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in [
        root.to_string(),
        format!("{root}/real"),
        format!("{root}/synthetic"),
    ] {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "json") {
                files.push(p);
            }
        }
    }
    files.sort();
    for p in files {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        app.store
            .import_file(
                &name,
                &std::fs::read(&p).unwrap(),
                &store::observations::ImportOptions::default(),
            )
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    // The registers of issue 20 with an entry each, so their pages show their tables.
    app.store
        .pipeline_add(
            &app.plan_code,
            &local_registers::pipeline::Enquiry {
                id: 0,
                name: "Testbedrift AS".into(),
                sector: String::new(),
                source: String::new(),
                jobs_expected: Some(10),
                area_daa: None,
                date: time::macros::date!(2024 - 03 - 01),
                stage: local_registers::pipeline::Stage::SiteOffered,
                lost_reason: None,
                jobs_created: None,
                site_id: Some("X-1".into()),
            },
            false,
            "t",
        )
        .await
        .unwrap();
    let (_, partners) = (
        (),
        app.store
            .partner_import(
                &app.plan_code,
                &local_registers::partners::parse_csv(
                    "p.csv",
                    "type;navn;eierandel;fra;til;strategier\neierskap;VEAS;10;;;T2\nmedlemskap;No Waste;;2020-01-01;;5.7-s1\npartneravtale;Asker Næringsforening;;2022-01-01;2025-12-31;T9\nsamarbeid;Bærum kommune;;;;5.7-s2\n"
                        .as_bytes(),
                    &["T2", "T9", "5.7-s1", "5.7-s2"].map(String::from).into(),
                )
                .unwrap()
                .into_iter()
                .map(|r| r.partner)
                .collect::<Vec<_>>(),
                false,
                "t",
            )
            .await
            .unwrap(),
    );
    assert_eq!(partners.created, 4);
    app.page_cache.invalidate();
    app
}

#[tokio::test]
async fn every_public_page_in_nynorsk_keeps_the_language_and_no_norwegian_page_speaks_english() {
    let app = app_with_statistics().await;
    let client = common::client();
    let english = telltales(Lang::En, Lang::Nb);
    let bokmal = telltales(Lang::Nb, Lang::Nn);
    assert!(english.len() > 200, "{} English telltales", english.len());
    assert!(bokmal.len() > 100, "{} bokmål telltales", bokmal.len());
    let href = regex_lite_hrefs();
    let mut problems = Vec::new();
    for path in public_paths() {
        for lang in [Lang::Nb, Lang::Nn] {
            let sep = if path.contains('?') { '&' } else { '?' };
            let url = format!("{path}{sep}lang={}", lang.code());
            let (status, body) = app.get_text(&client, &url).await;
            if status != 200 {
                problems.push(format!("{url}: status {status}"));
                continue;
            }
            if !body.contains(&format!("<html lang=\"{}\">", lang.code())) {
                problems.push(format!("{url}: not marked lang={}", lang.code()));
            }
            for (key, text) in &english {
                if body.contains(text.as_str()) {
                    problems.push(format!("{url}: English «{text}» ({key})"));
                }
            }
            if lang == Lang::Nn {
                let own = without_marked_bokmal(&body);
                for (key, text) in &bokmal {
                    if own.contains(text.as_str()) {
                        problems.push(format!("{url}: bokmål «{text}» ({key})"));
                    }
                }
                for link in href(&body) {
                    if !link.contains("lang=nn") {
                        problems.push(format!("{url}: the link {link} drops the language"));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A page without the elements marked `lang="nb"` (the plan's own texts and the provenance the
/// store records, both written in bokmål and marked so on a nynorsk page).
fn without_marked_bokmal(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some(at) = rest.find(" lang=\"nb\"") {
        let open = rest[..at].rfind('<').expect("an attribute inside a tag");
        let name: String = rest[open + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        out.push_str(&rest[..open]);
        // Skip to the matching end tag, counting nested elements of the same name.
        let (start, end) = (format!("<{name}"), format!("</{name}>"));
        let mut depth = 0usize;
        let mut i = open;
        loop {
            let next_start = rest[i + 1..].find(&start).map(|p| p + i + 1);
            let next_end = rest[i..].find(&end).map(|p| p + i);
            match (next_start, next_end) {
                (Some(s), Some(e)) if s < e => {
                    depth += 1;
                    i = s;
                }
                (_, Some(e)) if depth > 0 => {
                    depth -= 1;
                    i = e + 1;
                }
                (_, Some(e)) => {
                    i = e + end.len();
                    break;
                }
                (_, None) => {
                    i = rest.len();
                    break;
                }
            }
        }
        rest = &rest[i..];
    }
    out.push_str(rest);
    out
}

/// The links of a page to its own public pages (not the language switch, the stylesheet, the
/// API, downloads or fragments within the page).
fn regex_lite_hrefs() -> impl Fn(&str) -> Vec<String> {
    |body: &str| {
        let mut out = Vec::new();
        for tag in body.split("<a ").skip(1) {
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            if tag.contains("hreflang=") {
                continue;
            }
            let Some(start) = tag.find("href=\"") else {
                continue;
            };
            let rest = &tag[start + 6..];
            let link = &rest[..rest.find('"').unwrap_or(rest.len())];
            let link = link.replace("&amp;", "&");
            let skip = !link.starts_with('/')
                || ["/static", "/api", "/health"]
                    .iter()
                    .any(|p| link.starts_with(p))
                || link.contains("format=")
                || link.contains("/data")
                || link.contains("/rapport/last-ned")
                || link.ends_with(".csv")
                || link.ends_with(".json")
                || link.ends_with(".geojson");
            if !skip {
                out.push(link);
            }
        }
        out
    }
}

#[tokio::test]
async fn a_plan_in_nynorsk_shows_its_pages_in_nynorsk_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let store = common::fresh_store(&dir).await;
    let mut plan = plan::embedded_default();
    plan.meta.language = Lang::Nn;
    store
        .load_plan(
            &plan,
            plan::EMBEDDED_DEFAULT_NAME,
            plan::EMBEDDED_DEFAULT_SOURCE,
        )
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let state = naeringsplan_web::AppState::new(store, plan.meta.municipality_code.clone());
    tokio::spawn(naeringsplan_web::serve(
        listener,
        state,
        std::future::pending(),
    ));
    let get = |path: &str| {
        let url = format!("{base}{path}");
        async move { reqwest::get(url).await.unwrap().text().await.unwrap() }
    };
    let body = get("/tiltak").await;
    assert!(
        body.contains("<html lang=\"nn\">"),
        "the default is the plan's målform"
    );
    assert!(body.contains(&escaped(&i18n::tr(Lang::Nn, "actions-the-action-plan"))));
    // Bokmål is one choice away, and links from it keep it.
    let nb = get("/tiltak?lang=nb").await;
    assert!(nb.contains("<html lang=\"nb\">"));
    assert!(
        nb.contains("href=\"/fremdrift?lang=nb\""),
        "links keep bokmål"
    );
    // The plan's own texts are in bokmål: marked so on the nynorsk page.
    let home = get("/").await;
    assert!(
        home.contains("lang=\"nb\""),
        "plan content marked as bokmål"
    ); // The council report follows the målform too.
    let report = get("/rapport?aar=2024&format=html").await;
    assert!(
        report.contains("<html lang=\"nn\">"),
        "the report in the plan's målform"
    );
    assert!(report.contains(&escaped(&i18n::tr(Lang::Nn, "rpt-summary"))));
    let md = get("/rapport?aar=2024&format=md").await;
    assert!(
        md.contains(&i18n::tr(Lang::Nn, "rpt-results-intro")),
        "{md}"
    );
}

/// The council report in each language (issue 19 item 1): the HTML download with `?lang=nn` or
/// `?lang=en` carries none of bokmål's own sentences outside the plan's texts (which are marked
/// `lang="nb"`), and no Norwegian report carries one of English's; the bokmål report is what it
/// was. The store holds the bundled statistics, so the report shows values, trends, demo
/// notices and the ranking.
#[tokio::test]
async fn the_council_report_speaks_the_language_asked_for() {
    let app = app_with_statistics().await;
    let client = common::client();
    let english = telltales(Lang::En, Lang::Nb);
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        let url = format!("/rapport?aar=2024&format=html&lang={}", lang.code());
        let (status, body) = app.get_text(&client, &url).await;
        assert_eq!(status, 200, "{url}");
        if !body.contains(&format!("<html lang=\"{}\">", lang.code())) {
            problems.push(format!("{url}: not marked lang={}", lang.code()));
        }
        // The report's own words in its language, from the translation files.
        for key in [
            "rpt-summary",
            "rpt-results",
            "rpt-deviations",
            "rpt-appendix",
        ] {
            if !body.contains(&escaped(&i18n::tr(lang, key))) {
                problems.push(format!("{url}: no «{}» ({key})", i18n::tr(lang, key)));
            }
        }
        let own = without_marked_bokmal(&body);
        let foreign: Vec<(String, String)> = match lang {
            Lang::Nb => english.clone(),
            Lang::Nn => [english.clone(), telltales(Lang::Nb, Lang::Nn)].concat(),
            Lang::En => telltales(Lang::Nb, Lang::En),
        };
        for (key, text) in &foreign {
            if own.contains(text.as_str()) {
                problems.push(format!("{url}: «{text}» ({key})"));
            }
        }
        if lang != Lang::Nb && !body.contains(" lang=\"nb\"") {
            problems.push(format!("{url}: the plan's texts are not marked bokmål"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
