//! The translation files are complete and consistent: each parses, each defines every message
//! the others define, with the same variables, and no message twice.

use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::FluentResource;
use fluent_syntax::ast;

use super::{Lang, SOURCES, has, keys, tr, tr_args};

/// The variables (`$name`) a pattern uses.
fn variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                variables(&v.value, out);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

/// Every message of a file with the variables it uses.
fn messages(file: &str, text: &'static str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = match FluentResource::try_new(text.to_string()) {
        Ok(r) => r,
        Err((_, errors)) => panic!("{file} does not parse: {errors:?}"),
    };
    let mut out = BTreeMap::new();
    for entry in resource.entries() {
        match entry {
            ast::Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                let Some(value) = &m.value else {
                    panic!("{file}: message {} has no value", m.id.name);
                };
                variables(value, &mut vars);
                if out.insert(m.id.name.to_string(), vars).is_some() {
                    panic!("{file}: message {} is defined twice", m.id.name);
                }
            }
            ast::Entry::Junk { content } => panic!("{file}: cannot read {content:?}"),
            _ => {}
        }
    }
    out
}

#[test]
fn every_language_has_every_message_with_the_same_variables() {
    let all: Vec<_> = SOURCES
        .iter()
        .map(|(lang, file, text)| (*lang, *file, messages(file, text)))
        .collect();
    let (_, nb_file, nb) = &all[0];
    assert!(nb.len() > 100, "{nb_file} holds only {} messages", nb.len());
    let mut problems = Vec::new();
    for (_, file, msgs) in &all[1..] {
        for (key, vars) in nb {
            match msgs.get(key) {
                None => problems.push(format!("{file}: missing `{key}` (defined in {nb_file})")),
                Some(v) if v != vars => problems.push(format!(
                    "{file}: `{key}` uses the variables {v:?}, {nb_file} uses {vars:?}"
                )),
                Some(_) => {}
            }
        }
        for key in msgs.keys() {
            if !nb.contains_key(key) {
                problems.push(format!("{file}: `{key}` is not in {nb_file}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn lookup_falls_back_and_formats_variables() {
    for lang in Lang::ALL {
        for key in keys(lang) {
            assert!(has(lang, &key));
        }
    }
    assert_eq!(tr(Lang::Nb, "no-such-message"), "no-such-message");
    assert!(!tr(Lang::Nn, "layout-skip-to-content").is_empty());
    let text = tr_args(
        Lang::Nb,
        "i18n-test-count",
        &[("n", 3.into()), ("what", "tiltak".into())],
    );
    assert_eq!(text, "3 tiltak");
    let one = tr_args(
        Lang::En,
        "i18n-test-count",
        &[("n", 1.into()), ("what", "action".into())],
    );
    assert_eq!(one, "one action");
}

#[test]
fn codes_round_trip() {
    for lang in Lang::ALL {
        assert_eq!(Lang::from_code(lang.code()), Some(lang));
    }
    assert_eq!(Lang::from_code("de"), None);
}

/// Counts that can be one take the singular («1 henvendelser» was shown on /investeringer).
#[test]
fn counts_of_one_are_singular() {
    let heading = |lang, n: u64| {
        tr_args(
            lang,
            "pipeline-year-heading",
            &[("year", 2024.into()), ("count", n.into())],
        )
    };
    assert_eq!(heading(Lang::Nb, 1), "2024: 1 henvendelse");
    assert_eq!(heading(Lang::Nb, 3), "2024: 3 henvendelser");
    assert_eq!(heading(Lang::Nn, 1), "2024: 1 førespurnad");
    assert_eq!(heading(Lang::Nn, 2), "2024: 2 førespurnader");
    assert_eq!(heading(Lang::En, 1), "2024: 1 enquiry");
    assert_eq!(heading(Lang::En, 0), "2024: 0 enquiries");
    let purged = |lang, n: u64| {
        tr_args(
            lang,
            "staff-pipeline-purged",
            &[("count", n.into()), ("date", "2020-01-01".into())],
        )
    };
    assert_eq!(
        purged(Lang::Nb, 1),
        "Én lukket henvendelse datert før 2020-01-01 ble slettet."
    );
    assert_eq!(
        purged(Lang::En, 2),
        "2 closed enquiries dated before 2020-01-01 were deleted."
    );
    let more = tr_args(
        Lang::Nb,
        "sheet-more-problems",
        &[("more", 1.into()), ("shown", 50.into())],
    );
    assert_eq!(more, "… og 1 problem til (de første 50 er vist)");
}
