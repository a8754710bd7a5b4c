//! `naeringsplan plan list` and `naeringsplan actions carry-over` (issue 22 item 5) as a user
//! runs them: a second Asker plan (2025–2030) loaded beside the embedded 2021–2024 plan, an
//! action carried over, refusals that change nothing.

mod common;

use std::path::PathBuf;

fn fixture() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/plans/asker-2025-2030.toml")
        .display()
        .to_string()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn a_second_plan_is_listed_beside_the_first_and_an_action_carries_over_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let fixture = fixture();

    let out = common::run(&db, &["plan", "list"]);
    let list = text(&out.stdout);
    assert_eq!(list.lines().count(), 2, "a header and one plan: {list}");

    // Loading the new plan file (any command with --plan) adds a version; the old one stays.
    let out = common::run(&db, &["--plan", &fixture, "plan", "list"]);
    let list = text(&out.stdout);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 3, "{list}");
    assert!(
        lines[1].starts_with("3203 ") && lines[1].contains("2021–2024"),
        "{list}"
    );
    assert!(lines[1].contains("tidligere, periode avsluttet"), "{list}");
    assert!(lines[2].starts_with("3203-2025-2030 "), "{list}");
    assert!(
        lines[2].contains("(gjeldende)") && lines[2].contains("2025-06-18"),
        "{list}"
    );
    let out = common::run(&db, &["plan", "list", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[1]["key"], "3203-2025-2030");
    assert_eq!(json[1]["actions"], 2);

    // T1 of the embedded plan, carried over to the current (new) plan.
    let out = common::run(&db, &["actions", "carry-over", "T1", "--as", "Kari"]);
    assert!(
        text(&out.stdout).contains(
            "tiltak T1 i planen 3203 er videreført til planen 3203-2025-2030 som tiltak T1"
        ),
        "{}",
        text(&out.stdout)
    );
    let export = |plan: Option<&str>| {
        let mut args = vec![];
        if let Some(p) = plan {
            args.extend(["--plan", p]);
        }
        args.extend(["actions", "export", "--format", "csv"]);
        text(&common::run(&db, &args).stdout)
    };
    let new_actions = export(Some(&fixture));
    assert!(
        new_actions.lines().any(|l| l.starts_with("T1,")),
        "{new_actions}"
    );
    assert!(new_actions.lines().any(|l| l.starts_with("N1,")));
    let old_actions = export(None);

    // Refusals: carried over already; an id the new plan has; an unknown action; back to an
    // earlier plan. Each exits 1, says why in Norwegian, and changes nothing.
    for (args, says) in [
        (
            vec!["actions", "carry-over", "T1", "--new-id", "T1b"],
            "allerede videreført",
        ),
        (
            vec!["actions", "carry-over", "T2"],
            "har allerede et tiltak T2",
        ),
        (
            vec!["actions", "carry-over", "T99"],
            "finnes ikke i planen 3203",
        ),
        (
            vec![
                "--plan",
                &fixture,
                "actions",
                "carry-over",
                "N1",
                "--to",
                "3203",
            ],
            "senere plan",
        ),
    ] {
        let out = common::output(&db, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = text(&out.stderr);
        assert!(
            err.contains(says) && err.contains("ingenting er endret"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(export(Some(&fixture)), new_actions);
    assert_eq!(export(None), old_actions);
    // T2 under another id is fine.
    common::run(&db, &["actions", "carry-over", "T2", "--new-id", "T2-2021"]);
    assert!(
        export(Some(&fixture))
            .lines()
            .any(|l| l.starts_with("T2-2021,"))
    );

    // A staff account belongs to a municipality (every version of its plan), not to a version.
    let add = |code: &str| {
        common::output_with_input(
            &db,
            &[
                "user",
                "add",
                "kari",
                "--role",
                "editor",
                "--municipality",
                code,
            ],
            "et-langt-passord\n",
        )
    };
    let out = add("3203-2025-2030");
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("no plan for municipality 3203-2025-2030"));
    let out = add("3203");
    assert!(out.status.success(), "{}", text(&out.stderr));
}
