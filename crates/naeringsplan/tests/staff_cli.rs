//! `naeringsplan user …` and `naeringsplan actions import|export` as a user runs them.

mod common;

use std::path::Path;
use std::process::Output;

fn run(db: &Path, args: &[&str], stdin: &str) -> Output {
    common::output_with_input(db, args, stdin)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn users_are_added_from_stdin_listed_and_get_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let out = run(
        &db,
        &["user", "add", "kari", "--role", "editor"],
        "et-langt-passord\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run(
        &db,
        &["user", "add", "kari", "--role", "admin"],
        "et-langt-passord\n",
    );
    assert!(!out.status.success(), "a duplicate name is refused");
    let out = run(&db, &["user", "add", "ola", "--role", "admin"], "kort\n");
    assert!(!out.status.success(), "a short password is refused");
    assert!(text(&out.stderr).contains("at least 10 characters"));
    let out = run(&db, &["user", "list"], "");
    // Login name, the name shown publicly (none given: the role word), role, state.
    assert!(text(&out.stdout).starts_with("kari\tredaktør\teditor\tactive"));
    // A display name (issue 21): shown publicly instead of the login name, never equal to it.
    let out = run(
        &db,
        &[
            "user",
            "add",
            "nils",
            "--role",
            "viewer",
            "--display-name",
            "Nils på kontoret",
        ],
        "et-langt-passord\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("shown publicly as «Nils på kontoret»"));
    let out = run(&db, &["user", "display-name", "kari", "Kari N."], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run(&db, &["user", "display-name", "kari", "KARI"], "");
    assert!(!out.status.success(), "the login name as display name");
    let out = run(&db, &["user", "list"], "");
    assert!(
        text(&out.stdout).contains("kari\tKari N.\teditor"),
        "{}",
        text(&out.stdout)
    );
    // Names differing only in case are the same name.
    let out = run(
        &db,
        &["user", "add", "KARI", "--role", "viewer"],
        "et-langt-passord\n",
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("already exists"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&db, &["user", "token", "kari"], "");
    assert!(out.status.success());
    let token = text(&out.stdout);
    assert!(
        token.trim().starts_with("np_") && token.trim().len() == 67,
        "{token}"
    );
    let out = run(&db, &["user", "list", "--format", "json"], "");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["role"], "editor");
    assert!(!text(&out.stdout).contains("argon2"), "never print hashes");
}

#[test]
fn actions_export_and_import_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let out = run(&db, &["actions", "export", "--format", "csv"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    assert!(csv.starts_with("id,title,description,strategies,owner,partners,start,end,status,progress,comment,weight,cost_estimate,budget_years,funding_source,handlingsprogram,contact,milestones,priority_year,priority_decision,priority_decided,tasks,version\n"), "{csv}");

    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "id,status,progress\nT1,in_progress,40\nT2,ferdig,10\n",
    )
    .unwrap();
    let out = run(&db, &["actions", "import", bad.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains(
            "rad 3, kolonne status: ukjent status «ferdig» – forventet en av Ikke startet, Pågår"
        ),
        "{err}"
    );
    assert!(err.contains("(not_started, in_progress"), "{err}");
    assert!(err.contains("ingenting ble importert"), "{err}");

    let good = dir.path().join("good.csv");
    std::fs::write(&good, "id,status,progress\nT1,in_progress,40\n").unwrap();
    let out = run(
        &db,
        &["actions", "import", good.to_str().unwrap(), "--as", "kari"],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("Importert: 0 nye, 1 endret"),
        "{}",
        text(&out.stderr)
    );
    let xlsx = dir.path().join("t.xlsx");
    let out = run(
        &db,
        &[
            "actions",
            "export",
            "--format",
            "xlsx",
            "--out",
            xlsx.to_str().unwrap(),
        ],
        "",
    );
    assert!(out.status.success());
    // The exported workbook imports back unchanged.
    let out = run(&db, &["actions", "import", xlsx.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("Importert: 0 nye, 0 endret"),
        "{}",
        text(&out.stderr)
    );
    // So does one in nynorsk (headers and statuses as words).
    let nn = dir.path().join("nn.csv");
    let out = run(
        &db,
        &[
            "actions",
            "export",
            "--format",
            "csv",
            "--lang",
            "nn",
            "--out",
            nn.to_str().unwrap(),
        ],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        std::fs::read_to_string(&nn)
            .unwrap()
            .starts_with("id,tittel,skildring,strategiar")
    );
    let out = run(&db, &["actions", "import", nn.to_str().unwrap()], "");
    assert!(
        text(&out.stderr).contains("Importert: 0 nye, 0 endret"),
        "{}",
        text(&out.stderr)
    );
}
