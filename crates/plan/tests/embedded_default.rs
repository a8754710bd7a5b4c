//! The embedded default (Asker's plan) holds what the seed document says.

use naeringsplan_plan as plan;

#[test]
fn embedded_default_validates() {
    let p = plan::parse(plan::EMBEDDED_DEFAULT_NAME, plan::EMBEDDED_DEFAULT_SOURCE)
        .unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(p.meta.municipality_code, "3203");
    assert_eq!(p.meta.period_start, 2021);
    assert_eq!(p.meta.period_end, 2024);
    assert_eq!(p.meta.adopted.to_string(), "2021-09-14");
    assert_eq!(p.goals.len(), 6);
    let sdgs: Vec<u8> = p.goals.iter().flat_map(|g| g.sdgs.clone()).collect();
    assert_eq!(sdgs, vec![17, 11, 13, 3, 4, 9]);
}

/// Every value of the seed's chapter 6 table: results 2017–2019, ambitions 2021–2024, 2020 empty.
#[test]
fn chapter_6_values_year_by_year() {
    let p = plan::embedded_default();
    let expect: [(&str, [f64; 3], [f64; 4]); 5] = [
        (
            "kommune-nm-total",
            [12.0, 12.0, 13.0],
            [12.0, 12.0, 11.0, 10.0],
        ),
        ("kommune-nm-county", [5.0, 5.0, 5.0], [4.0, 3.0, 3.0, 3.0]),
        ("job-growth", [56.0, 168.0, 9.0], [50.0, 50.0, 50.0, 50.0]),
        ("kortreist", [41.9, 42.3, 41.4], [41.4, 42.0, 42.5, 43.0]),
        (
            "farmland-conversion",
            [23.0, 260.0, 90.0],
            [15.0, 15.0, 15.0, 15.0],
        ),
    ];
    assert_eq!(p.indicators.len(), 5);
    for (i, (id, results, ambitions)) in expect.iter().enumerate() {
        let ind = &p.indicators[i];
        assert_eq!(&ind.id, id, "indicator order follows the plan");
        let r: Vec<(i32, f64)> = ind.results.iter().map(|(y, v)| (*y, v.value)).collect();
        assert_eq!(
            r,
            vec![(2017, results[0]), (2018, results[1]), (2019, results[2])],
            "{id}"
        );
        let a: Vec<(i32, f64)> = ind.ambitions.iter().map(|(y, v)| (*y, *v)).collect();
        assert_eq!(
            a,
            vec![
                (2021, ambitions[0]),
                (2022, ambitions[1]),
                (2023, ambitions[2]),
                (2024, ambitions[3])
            ],
            "{id}"
        );
        assert!(!ind.results.contains_key(&2020) && !ind.ambitions.contains_key(&2020));
    }
}

/// Chapter 5: eight focus areas 5.1–5.8, 43 strategies, counted per area and per heading.
#[test]
fn focus_areas_and_strategy_counts() {
    let p = plan::embedded_default();
    let numbers: Vec<&str> = p.focus_areas.iter().map(|a| a.number.as_str()).collect();
    assert_eq!(
        numbers,
        ["5.1", "5.2", "5.3", "5.4", "5.5", "5.6", "5.7", "5.8"]
    );

    let per_area: Vec<usize> = p
        .focus_areas
        .iter()
        .map(|a| a.all_strategies().count())
        .collect();
    assert_eq!(per_area, [9, 7, 6, 3, 3, 3, 9, 3]);
    assert_eq!(p.strategies().count(), 43);

    // 5.2 lists its strategies under its two sub-areas (5 + 2), none for the whole area.
    let a52 = &p.focus_areas[1];
    assert!(a52.strategies.is_empty());
    let split: Vec<(&str, usize)> = a52
        .sub_areas
        .iter()
        .map(|s| (s.number.as_str(), s.strategies.len()))
        .collect();
    assert_eq!(split, [("5.2.1", 5), ("5.2.2", 2)]);

    // Every other area lists its strategies for the whole area.
    for a in p.focus_areas.iter().filter(|a| a.number != "5.2") {
        assert!(
            a.sub_areas.iter().all(|s| s.strategies.is_empty()),
            "{} has strategies on a sub-area",
            a.number
        );
    }

    // Ids follow `<section>-s<n>`, numbered from 1 under each heading, unique across the plan.
    let mut seen = std::collections::HashSet::new();
    for a in &p.focus_areas {
        let headings = std::iter::once((a.number.as_str(), &a.strategies)).chain(
            a.sub_areas
                .iter()
                .map(|s| (s.number.as_str(), &s.strategies)),
        );
        for (section, list) in headings {
            for (n, s) in list.iter().enumerate() {
                assert_eq!(s.id, format!("{section}-s{}", n + 1));
                assert!(s.text.starts_with("Asker kommune"), "{}: {}", s.id, s.text);
                assert!(!s.text.contains('\n') && !s.text.contains("  "), "{}", s.id);
                assert!(seen.insert(s.id.clone()), "duplicate {}", s.id);
            }
        }
    }
}

#[test]
fn sub_areas_are_numbered_as_in_the_plan() {
    let p = plan::embedded_default();
    let subs: Vec<(&str, &str)> = p
        .focus_areas
        .iter()
        .flat_map(|a| a.sub_areas.iter())
        .map(|s| (s.number.as_str(), s.title.nb.as_str()))
        .collect();
    assert_eq!(
        subs,
        [
            ("5.1.1", "Kunnskapsintensive næringer i privat sektor"),
            (
                "5.1.2",
                "Internasjonalisering og internasjonalt rettede virksomheter"
            ),
            (
                "5.1.3",
                "Helse- og sosialsektoren i offentlig og privat sektor (inklusive barnehager)"
            ),
            ("5.1.4", "Lokalt næringsliv"),
            ("5.1.5", "Undervisning, offentlig administrasjon og øvrige"),
            ("5.2.1", "Gründerskap"),
            ("5.2.2", "Innovasjonsmiljøer"),
            ("5.7.1", "Samarbeid, partnerskap og eierskap"),
            ("5.7.2", "Anskaffelser"),
            ("5.7.3", "Invester i Asker-funksjon"),
        ]
    );
    for a in &p.focus_areas {
        assert!(!a.goals.is_empty(), "{} serves no goal", a.number);
        assert!(!a.description.is_empty(), "{}", a.number);
        assert!(a.title.en.is_some(), "{}", a.number);
    }
}

/// Amendment 2 of the adoption decision added the sixth strategy of 5.3.
#[test]
fn amendment_2_strategy_is_last_in_5_3() {
    let p = plan::embedded_default();
    let a53 = p.focus_areas.iter().find(|a| a.number == "5.3").unwrap();
    let last = a53.strategies.last().unwrap();
    assert_eq!(last.id, "5.3-s6");
    assert_eq!(last.added_by_amendment, Some(2));
    assert!(
        last.text
            .starts_with("Asker kommune og skognæringen skal i fellesskap")
    );
    // It is the amendment's own text (the amendment ends with a full stop, the list item does not).
    let amendment = p.meta.amendments.iter().find(|a| a.number == 2).unwrap();
    assert!(amendment.text.ends_with(&format!("{}.", last.text)));
    // No other strategy claims an amendment.
    let amended: Vec<&str> = p
        .strategies()
        .filter(|s| s.added_by_amendment.is_some())
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(amended, ["5.3-s6"]);
}

/// Facts sit in the box that holds them, with the figures the plan states.
#[test]
fn facts_carry_the_plans_figures() {
    let p = plan::embedded_default();
    let all: Vec<&plan::Fact> = p
        .focus_areas
        .iter()
        .flat_map(|a| a.all_facts())
        .chain(p.premises.iter().flat_map(|x| x.facts.iter()))
        .collect();
    assert_eq!(all.len(), 82);
    let by = |section: &str, value: f64| {
        all.iter()
            .find(|f| f.section == section && f.value == Some(value))
            .unwrap_or_else(|| panic!("no fact {value} in {section}"))
    };
    let f = by("5.1.1", 8935.0);
    assert_eq!(f.id, "5.1.1-f1");
    assert_eq!(f.text, "I alt 8935 sysselsatte");
    assert_eq!(f.year, Some(2019));
    assert_eq!(
        f.computed_by.as_deref(),
        Some("employees:knowledge_intensive")
    );
    assert_eq!(by("5.1.1", 27.0).unit.as_deref(), Some("mrd. kr"));
    assert_eq!(
        by("5.1.3", 8886.0).computed_by.as_deref(),
        Some("employees:health_social")
    );
    assert_eq!(
        by("5.4", 1134.0).computed_by.as_deref(),
        Some("employees:accommodation_food")
    );
    assert_eq!(
        by("5.2.1", 1100.0).computed_by.as_deref(),
        Some("registrations:count")
    );
    // The 5.9.1 bullet that names 2018 carries 2018; the 2020 budget carries 2020.
    assert_eq!(by("5.9.1", 47000.0).year, Some(2018));
    assert_eq!(by("5.7.1", 6.0).year, Some(2020));
    // A postcode in a name is not a figure.
    assert!(
        all.iter()
            .any(|f| f.text.contains("3475 Sætre") && f.value.is_none())
    );
    // Every computed_by key is one the product knows.
    let groups = [
        "knowledge_intensive",
        "health_social",
        "trade",
        "construction",
        "transport_storage",
        "personal_services",
        "accommodation_food",
        "agriculture_forestry",
        "public_admin_education",
        "total",
    ];
    for f in &all {
        if let Some(k) = &f.computed_by {
            let ok = match k.split_once(':') {
                Some(("employees" | "turnover", g)) => groups.contains(&g),
                Some(("registrations", "count" | "share_as")) => true,
                Some(("enterprises", "count")) => true,
                _ => false,
            };
            assert!(ok, "{}: unknown computed_by `{k}`", f.id);
            assert!(f.value.is_some(), "{}: computed_by without a value", f.id);
        }
    }
}

#[test]
fn premises_5_9_have_tasks_and_no_strategies() {
    let p = plan::embedded_default();
    let got: Vec<(&str, &str, usize, usize)> = p
        .premises
        .iter()
        .map(|x| {
            (
                x.number.as_str(),
                x.title.nb.as_str(),
                x.facts.len(),
                x.tasks.len(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("5.9.1", "Infrastruktur og samferdsel", 7, 10),
            ("5.9.2", "Arealer og arealbestemmelser", 5, 9),
        ]
    );
    assert_eq!(
        p.premises[1].tasks[0].text,
        "Bidra til at næringsarealene i Asker øker i takt med arbeidsplassveksten og at kommunen til enhver tid har oversikt over tilgjengelige næringsarealer"
    );
    // Ids from each task's place (issue 20 item 2): 19 distinct, prefixed by the premise.
    assert_eq!(p.premises[0].tasks[9].id, "5.9.1-o10");
    assert_eq!(p.premises[1].tasks[0].id, "5.9.2-o1");
    let ids: std::collections::HashSet<&str> = p.tasks().map(|t| t.id.as_str()).collect();
    assert_eq!(ids.len(), 19);
    // T7 (the land overview) serves the first land task, whose words its origin quotes.
    let t7 = p.actions.iter().find(|a| a.id == "T7").unwrap();
    assert_eq!(t7.tasks, ["5.9.2-o1"]);
}

/// A plan stored before tasks had ids (plain strings in its JSON) reads back with the ids a
/// plan file's plain strings get.
#[test]
fn a_stored_plan_with_plain_task_strings_reads_with_generated_ids() {
    let p = plan::embedded_default();
    let mut json: serde_json::Value = serde_json::to_value(&p).unwrap();
    for premise in json["premises"].as_array_mut().unwrap() {
        let plain: Vec<serde_json::Value> = premise["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["text"].clone())
            .collect();
        premise["tasks"] = serde_json::Value::Array(plain);
    }
    for a in json["actions"].as_array_mut().unwrap() {
        a.as_object_mut().unwrap().remove("tasks");
    }
    assert!(json["premises"][0]["tasks"][0].is_string());
    let back: plan::Plan = serde_json::from_value(json).unwrap();
    assert_eq!(back.premises, p.premises);
    assert!(back.actions.iter().all(|a| a.tasks.is_empty()));
}

/// The budget-cycle fields and task links read from a plan file, checked; a dangling task link
/// and a negative cost are refused with their place.
#[test]
fn action_budget_and_task_links_parse_and_are_checked() {
    let base = include_str!("../../../tests/plans/minimal.toml");
    let extra = r#"
[actions.budget]
cost_estimate = 250000
budget_years = [2026, 2025]
funding_source = "Driftsbudsjett"
handlingsprogram = "HP 2025–2028, tiltak 4.3"
contact = "Kari Nordmann"
priority = { year = 2025, decision = "Formannskapet sak 12/25", decided = 2025-02-11 }

[[actions.budget.milestones]]
date = 2025-09-30
title = "Rapport"

[[actions.budget.milestones]]
date = 2025-03-31
title = "Mandat"
done = true
"#;
    // Appended after the file's last action, so the budget belongs to it.
    let src = format!(
        "{base}
{extra}"
    );
    let p = plan::parse("x.toml", &src).unwrap();
    let a = p.actions.last().unwrap();
    assert_eq!(a.budget.cost_estimate, Some(250_000));
    assert_eq!(a.budget.budget_years, [2025, 2026]);
    assert_eq!(a.budget.milestones[0].title, "Mandat");
    assert!(a.budget.milestones[0].done);
    let pr = a.budget.priority.as_ref().unwrap();
    assert_eq!(
        (pr.year, pr.decision.as_str()),
        (2025, "Formannskapet sak 12/25")
    );
    assert_eq!(pr.decided.unwrap().to_string(), "2025-02-11");

    let bad = format!(
        "{base}
tasks = [\"9.9-o1\"]\n[actions.budget]\ncost_estimate = -5\n"
    );
    let d = plan::parse("x.toml", &bad).unwrap_err().to_string();
    assert!(d.contains("negative"), "{d}");
}

/// Every action links only to strategies of this plan and says where in the text it comes from.
#[test]
fn actions_link_to_existing_strategies_and_are_drawn_from_text() {
    let p = plan::embedded_default();
    assert!((6..=10).contains(&p.actions.len()), "{}", p.actions.len());
    let strategies: std::collections::HashSet<&str> =
        p.strategies().map(|s| s.id.as_str()).collect();
    for (n, a) in p.actions.iter().enumerate() {
        assert_eq!(a.id, format!("T{}", n + 1));
        assert!(!a.strategies.is_empty(), "{} implements no strategy", a.id);
        for s in &a.strategies {
            assert!(
                strategies.contains(s.as_str()),
                "{} links to unknown {s}",
                a.id
            );
        }
        match &a.origin {
            plan::ActionOrigin::DrawnFromText { section, quote } => {
                assert!(!section.is_empty() && !quote.is_empty(), "{}", a.id);
            }
            other => panic!("{}: origin {other:?}, expected drawn_from_text", a.id),
        }
        assert!(a.progress <= 100);
        let (start, end) = (a.start.unwrap(), a.end.unwrap());
        assert!(start <= end, "{}", a.id);
        assert!((2021..=2024).contains(&start.year()) && (2021..=2024).contains(&end.year()));
        if a.status == plan::ActionStatus::Completed {
            assert_eq!(a.progress, 100, "{}", a.id);
            assert!(a.deliveries.iter().all(|d| d.done), "{}", a.id);
        }
    }
    assert!(
        p.actions.iter().any(|a| a.strategies.len() >= 2),
        "some actions implement two strategies"
    );
    // The ones the brief names are there.
    let quotes: Vec<&str> = p
        .actions
        .iter()
        .map(|a| match &a.origin {
            plan::ActionOrigin::DrawnFromText { quote, .. } => quote.as_str(),
            plan::ActionOrigin::Staff => "",
        })
        .collect();
    for needle in [
        "faste bedriftsbesøk",
        "Invester i Asker-funksjon",
        "næringsutviklingsfond",
        "etablerertjeneste",
        "innovasjonsmiljøene",
    ] {
        assert!(
            quotes.iter().any(|q| q.contains(needle)),
            "no action quoting `{needle}`"
        );
    }
}

/// §3.2: NHO Kommune-NM 2020 (figures for 2019), Asker and five peers, exactly as printed.
#[test]
fn kommune_nm_2020_table() {
    let p = plan::embedded_default();
    assert_eq!(p.published_rankings.len(), 1);
    let k = &p.published_rankings[0];
    assert_eq!(
        (k.id.as_str(), k.publisher.as_str()),
        ("kommune-nm-2020", "NHO")
    );
    assert_eq!((k.edition, k.data_year), (2020, 2019));
    let groups: Vec<(&str, u32)> = k
        .groups
        .iter()
        .map(|g| (g.id.as_str(), g.indicators))
        .collect();
    assert_eq!(
        groups,
        [
            ("naeringsliv", 4),
            ("arbeidsmarked", 4),
            ("demografi", 3),
            ("kompetanse", 3),
            ("kommuneokonomi", 5),
        ]
    );
    assert_eq!(k.groups.iter().map(|g| g.indicators).sum::<u32>(), 19);
    assert_eq!(k.groups[4].name.nb, "Kommuneøkonomi");

    // name, code, total, then næringsliv, arbeidsmarked, demografi, kompetanse, kommuneøkonomi
    let expect: [(&str, &str, u32, [u32; 5]); 6] = [
        ("Asker (nye)", "3025", 13, [7, 52, 95, 43, 7]),
        ("Bærum", "3024", 2, [2, 3, 76, 3, 1]),
        ("Kongsberg", "3006", 6, [18, 39, 57, 1, 34]),
        ("Ullensaker", "3033", 9, [9, 56, 1, 46, 8]),
        ("Lier", "3049", 10, [3, 42, 46, 142, 22]),
        ("Ås", "3021", 12, [170, 40, 8, 6, 6]),
    ];
    assert_eq!(k.rows.len(), expect.len());
    for (row, (name, code, total, sub)) in k.rows.iter().zip(expect) {
        assert_eq!(row.municipality_name, name);
        assert_eq!(row.municipality_code.as_deref(), Some(code), "{name}");
        assert_eq!(row.total, total, "{name}");
        let got: Vec<u32> = k.groups.iter().map(|g| row.groups[&g.id]).collect();
        assert_eq!(got, sub, "{name}");
    }
    // Asker's total here is the plan's chapter-6 result for 2019.
    let ind = p.indicator("kommune-nm-total").unwrap();
    assert_eq!(ind.results[&2019].value, f64::from(k.rows[0].total));
}
