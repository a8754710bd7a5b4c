//! Every malformed file under `tests/bad-input/stats/` is refused with a located error naming
//! what was expected, and leaves the store exactly as it was (a dump of every table is compared
//! before and after). The expected message of each file is in `EXPECTED.tsv` beside it.

mod common;

use common::{dump, fresh, workspace};
use naeringsplan_store::observations::ImportOptions;

#[tokio::test]
async fn each_bad_file_gives_a_located_error_and_changes_nothing() {
    let dir = workspace().join("tests/bad-input/stats");
    let expected = std::fs::read_to_string(dir.join("EXPECTED.tsv")).unwrap();
    let (_d, path, store) = fresh().await;
    // Something in the store first, so "unchanged" is not trivially "empty".
    let good =
        std::fs::read(workspace().join("crates/store/tests/fixtures/good_small.json")).unwrap();
    store
        .import_file("good_small.json", &good, &ImportOptions::default())
        .await
        .unwrap();
    let before = dump(&path).await;
    assert!(before.contains("|96088.0|"), "{before}");
    let mut checked = 0;
    let mut failures = Vec::new();
    for line in expected
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let (file, message) = line.split_once('\t').expect("file<TAB>message");
        let bytes = std::fs::read(dir.join(file)).unwrap();
        match store
            .import_file(file, &bytes, &ImportOptions::default())
            .await
        {
            Ok(s) => failures.push(format!("{file}: imported, expected an error ({s:?})")),
            Err(e) => {
                let got = e.to_string();
                if got != message {
                    failures.push(format!("{file}:\n  expected: {message}\n  got:      {got}"));
                }
            }
        }
        assert_eq!(dump(&path).await, before, "{file} changed the store");
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let files = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name() != "EXPECTED.tsv")
        .count();
    assert_eq!(
        checked,
        files,
        "every file in {} has an expectation",
        dir.display()
    );
    assert!(checked >= 15);
}
