//! The broken plan files in `tests/plans/broken/` (workspace root): each is the minimal valid
//! plan with one mistake, and the parser must report that mistake, and only it, at the right
//! line and column with a message that says what is wrong.

use naeringsplan_plan as plan;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/plans");

fn read(name: &str) -> String {
    let path = format!("{DIR}/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Parses `broken/<file>` and checks that it yields exactly one diagnostic, at `line:col`,
/// whose message contains every fragment.
fn expect_one(file: &str, line: usize, col: usize, fragments: &[&str]) {
    let name = format!("broken/{file}");
    let src = read(&name);
    let d = match plan::parse(&name, &src) {
        Ok(_) => panic!("{name} parsed, but it is broken"),
        Err(d) => d,
    };
    assert_eq!(d.0.len(), 1, "{name}: expected one diagnostic, got:\n{d}");
    let got = &d.0[0];
    assert_eq!(got.file, name);
    assert_eq!(
        (got.line, got.col),
        (line, col),
        "{name}: wrong position for: {got}"
    );
    for f in fragments {
        assert!(got.message.contains(f), "{name}: `{f}` not in: {got}");
    }
    assert!(
        got.to_string()
            .starts_with(&format!("{name}:{line}:{col}: "))
    );
}

#[test]
fn minimal_plan_parses_cleanly() {
    let p = plan::parse("minimal.toml", &read("minimal.toml")).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(p.goals.len(), 1);
    assert_eq!(p.indicators.len(), 1);
    assert_eq!(p.focus_areas.len(), 1);
    assert_eq!(p.strategies().count(), 1);
    assert_eq!(p.actions.len(), 1);
    assert_eq!(p.actions[0].strategies, ["5.1-s1"]);
    assert_eq!(p.actions[0].status, plan::ActionStatus::InProgress);
    assert_eq!(p.meta.first_data_year, 2017);
}

#[test]
fn duplicate_strategy_id() {
    // line 45 `id = "5.1-s1"` repeats line 41; the column is the value's opening quote.
    expect_one(
        "duplicate_id.toml",
        45,
        6,
        &[
            "duplicate id `5.1-s1`",
            "already used by a strategy at line 41, column 6",
        ],
    );
}

#[test]
fn action_links_to_missing_strategy() {
    // `strategies = ["5.1-s1", "5.1-s9"]`: the second element.
    expect_one(
        "dangling_strategy.toml",
        47,
        25,
        &["action `T1` links to strategy `5.1-s9`", "does not exist"],
    );
}

#[test]
fn ambition_after_the_plan_period() {
    // `ambitions = { 2021 = 12, 2031 = 10 }`: the key 2031.
    expect_one(
        "year_out_of_range.toml",
        32,
        26,
        &["ambition for 2031", "outside the plan period 2021–2024"],
    );
}

#[test]
fn progress_over_100() {
    expect_one(
        "progress_140.toml",
        52,
        12,
        &["progress 140 is out of range", "0–100"],
    );
}

#[test]
fn status_outside_the_vocabulary() {
    expect_one(
        "unknown_status.toml",
        51,
        10,
        &["unknown status `done-ish`", "not_started, in_progress"],
    );
}

#[test]
fn unterminated_string_is_a_syntax_error() {
    // `owner = "Strategi, næring og analyse` ends at column 37 (columns count characters: `æ` is one).
    expect_one(
        "syntax_error.toml",
        48,
        37,
        &["invalid basic string", "closing `\"` missing"],
    );
}

#[test]
fn unclosed_table_header_is_a_syntax_error() {
    // `[[focus_areas.strategies]` is 25 characters; the reader wants `]` right after.
    expect_one(
        "missing_bracket.toml",
        40,
        26,
        &["unclosed array table", "expected `]`"],
    );
}

#[test]
fn result_dated_after_adoption_is_an_ambition() {
    // `results = { 2019 = 13, 2022 = 11 }`: the key 2022.
    expect_one(
        "result_ambition_confused.toml",
        31,
        24,
        &[
            "result for 2022 cannot be quoted by a plan adopted 2021-09-14",
            "is it an ambition?",
        ],
    );
}

/// Every file in `broken/` has a test above (a new fixture must come with its expectation).
#[test]
fn every_broken_fixture_is_covered() {
    let mut files: Vec<String> = std::fs::read_dir(format!("{DIR}/broken"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "dangling_strategy.toml",
            "duplicate_id.toml",
            "missing_bracket.toml",
            "progress_140.toml",
            "result_ambition_confused.toml",
            "syntax_error.toml",
            "unknown_status.toml",
            "year_out_of_range.toml",
        ]
    );
}

/// Problems are all reported, in file order, not only the first.
#[test]
fn several_mistakes_are_reported_together_in_file_order() {
    let src = read("minimal.toml")
        .replace("progress = 40", "progress = 140")
        .replace("status = \"in_progress\"", "status = \"done-ish\"")
        .replace("strategies = [\"5.1-s1\"]", "strategies = [\"5.1-s9\"]");
    let d = plan::parse("several.toml", &src).unwrap_err();
    let lines: Vec<usize> = d.0.iter().map(|x| x.line).collect();
    assert_eq!(lines, [48, 52, 53], "{d}");
}

/// Without `first_data_year`, results may not predate the period, and the message says what to set.
#[test]
fn result_before_first_data_year_names_the_setting() {
    let src = read("minimal.toml").replace("first_data_year = 2017\n", "");
    let d = plan::parse("m.toml", &src).unwrap_err();
    assert_eq!(d.0.len(), 1, "{d}");
    let x = &d.0[0];
    assert_eq!((x.line, x.col), (31, 13), "{x}");
    assert!(
        x.message
            .contains("result for 2019 is before the plan's first data year 2021")
    );
    assert!(x.message.contains("`first_data_year`"));
}

/// Type errors say "whole number", not a Rust type, and a duplicate key is named.
#[test]
fn type_errors_and_duplicate_keys_read_plainly() {
    let src = read("minimal.toml").replace("progress = 40", "progress = \"40\"");
    let d = plan::parse("m.toml", &src).unwrap_err();
    assert!(d.0[0].message.ends_with("expected a whole number"), "{d}");
    assert_eq!((d.0[0].line, d.0[0].col), (53, 12));

    let src = read("minimal.toml").replace("progress = 40", "progress = 40\nprogress = 50");
    let d = plan::parse("m.toml", &src).unwrap_err();
    assert!(
        d.0[0].message.starts_with("duplicate key `progress`"),
        "{d}"
    );
    assert_eq!((d.0[0].line, d.0[0].col), (54, 1));
}

/// The embedded default with one edit: the parser reports exactly that edit.
fn embedded_with(from: &str, to: &str) -> plan::Diagnostics {
    let src = include_str!("../../../plans/asker.toml");
    assert!(src.contains(from), "{from}");
    let src = src.replacen(from, to, 1);
    plan::parse("asker.toml", &src).expect_err("the edit breaks the plan")
}

#[test]
fn action_history_must_be_in_date_order_and_end_in_the_actions_state() {
    // T1's history ends in progress 60, as T1 itself; 55 contradicts it.
    let d = embedded_with(
        "date = 2024-12-31\nstatus = \"in_progress\"\nprogress = 60",
        "date = 2024-12-31\nstatus = \"in_progress\"\nprogress = 55",
    );
    assert_eq!(d.0.len(), 1, "{d}");
    assert!(
        d.0[0]
            .message
            .contains("must equal the action's own status and progress"),
        "{d}"
    );
    let d = embedded_with(
        "date = 2022-12-31\nstatus = \"in_progress\"\nprogress = 30",
        "date = 2022-01-31\nstatus = \"in_progress\"\nprogress = 30",
    );
    assert_eq!(d.0.len(), 1, "{d}");
    assert!(
        d.0[0].message.contains("entries must be in date order"),
        "{d}"
    );
    let plan = plan::embedded_default();
    assert_eq!(plan.action_history["T1"].len(), 4);
}

/// The minimal plan with `extra` after the strategy's text line (`after_strategy`) or at the end.
fn minimal_with(extra: &str, after_strategy: bool) -> String {
    let src = read("minimal.toml");
    if after_strategy {
        let at = src.find("text = \"Asker kommune skal bidra").unwrap();
        let at = at + src[at..].find('\n').unwrap() + 1;
        format!("{}{extra}\n{}", &src[..at], &src[at..])
    } else {
        format!("{src}\n{extra}\n")
    }
}

#[test]
fn older_plans_without_key_figures_or_monitors_stay_valid() {
    // A plan file from before `[[key_figures]]` and `monitor` existed.
    let p = plan::parse("minimal.toml", &read("minimal.toml")).unwrap_or_else(|d| panic!("{d}"));
    assert!(p.key_figures.is_empty());
    assert!(p.strategies().all(|s| s.monitor.is_empty()));
    // A plan stored (as JSON) before the fields existed reads back with none.
    let mut stored = serde_json::to_value(&p).unwrap();
    stored.as_object_mut().unwrap().remove("key_figures");
    let back: plan::Plan = serde_json::from_value(stored).unwrap();
    assert_eq!(back, p);
    // And with both, they are read.
    let src = minimal_with("monitor = [\"egendekning\"]", true);
    let src = format!(
        "{src}\n[[key_figures]]\nfigure = \"egendekning\"\nvalue = 77\nyear = 2019\ntext = \"… 77 %.\"\nsource = \"kap. 3.1\"\n"
    );
    let p = plan::parse("x.toml", &src).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(p.strategies().next().unwrap().monitor, ["egendekning"]);
    assert_eq!(p.key_figure_quote("egendekning").unwrap().value, 77.0);
}

#[test]
fn key_figure_and_monitor_mistakes_are_reported_where_they_are() {
    let src = minimal_with("monitor = [\"egendekning\", \"egendekning\"]", true);
    let d = plan::parse("x.toml", &src).unwrap_err();
    assert_eq!(d.0.len(), 1, "{d}");
    assert_eq!((d.0[0].line, d.0[0].col), (44, 27), "{d}"); // the second one's quote
    assert!(d.0[0].message.contains("named twice"), "{d}");

    let src = minimal_with(
        "[[key_figures]]\nfigure = \"egendekning\"\nvalue = 77\nyear = 19\ntext = \"x\"\nsource = \"kap. 3.1\"",
        false,
    );
    let d = plan::parse("x.toml", &src).unwrap_err();
    assert_eq!(d.0.len(), 1, "{d}");
    assert!(d.0[0].message.contains("year 19 is not plausible"), "{d}");
}
