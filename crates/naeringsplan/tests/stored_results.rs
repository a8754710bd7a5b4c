//! Results kept in the store (issue 17, item 6): a second process reads the evaluation and the
//! ranking a first one computed and prints the same bytes; what it reads is what the key names
//! (a changed stored copy shows, so it is read and not recomputed), and new inputs (an import)
//! give a new key, so an older copy is never shown for newer data.

mod common;

use std::path::Path;

use common::run;
use sqlx::Row;

async fn rows(db: &Path) -> Vec<(String, String, Vec<u8>)> {
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    let out = sqlx::query("SELECT kind, cache_key, payload FROM computed_cache ORDER BY seq")
        .fetch_all(&pool)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get("kind"), r.get("cache_key"), r.get("payload")))
        .collect();
    pool.close().await;
    out
}

async fn set_payload(db: &Path, key: &str, payload: &[u8]) {
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    let n = sqlx::query("UPDATE computed_cache SET payload = ? WHERE cache_key = ?")
        .bind(payload)
        .bind(key)
        .execute(&pool)
        .await
        .unwrap()
        .rows_affected();
    assert_eq!(n, 1);
    pool.close().await;
}

fn stdout(db: &Path, args: &[&str]) -> String {
    String::from_utf8(run(db, args).stdout).unwrap()
}

#[tokio::test]
async fn a_second_process_reads_what_the_first_computed_and_new_data_gives_a_new_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");

    // The first call computes and stores the ranking and the evaluation; the second reads them
    // and prints the same, table and JSON alike.
    let first = stdout(&db, &["indicators", "--format", "json"]);
    let stored = rows(&db).await;
    let kinds: Vec<&str> = stored.iter().map(|(k, _, _)| k.as_str()).collect();
    assert!(
        kinds.contains(&"ranking") && kinds.contains(&"evaluation"),
        "{kinds:?}"
    );
    assert_eq!(stdout(&db, &["indicators", "--format", "json"]), first);
    let table = stdout(&db, &["indicators"]);
    assert_eq!(stdout(&db, &["indicators"]), table);
    assert_eq!(rows(&db).await.len(), stored.len(), "nothing new computed");

    // The rank of one year: computed once, then read.
    let rank = stdout(&db, &["rank", "--year", "2022", "--format", "json"]);
    let after_rank = rows(&db).await;
    assert_eq!(after_rank.len(), stored.len() + 1);
    assert_eq!(
        stdout(&db, &["rank", "--year", "2022", "--format", "json"]),
        rank
    );

    // The second process reads the stored copy: a changed copy shows.
    let (_, key, payload) = stored
        .iter()
        .find(|(k, _, _)| k == "evaluation")
        .unwrap()
        .clone();
    // Stored gzipped (issue 19); a plain JSON payload reads too, so the changed copy is plain.
    assert_eq!(&payload[..2], &[0x1f, 0x8b], "the payload is gzip");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&payload[..]), &mut text)
        .unwrap();
    assert!(text.contains("\"municipality_code\":\"3203\""));
    let changed = text.replace(
        "\"municipality_code\":\"3203\"",
        "\"municipality_code\":\"9999\"",
    );
    set_payload(&db, &key, changed.as_bytes()).await;
    let read = stdout(&db, &["indicators", "--format", "json"]);
    assert!(
        read.contains("\"municipality_code\": \"9999\"")
            && !read.contains("\"municipality_code\": \"3203\""),
        "{read}"
    );

    // A copy that does not read is computed again, never shown half.
    set_payload(&db, &key, b"{not json").await;
    assert_eq!(stdout(&db, &["indicators", "--format", "json"]), first);

    // New data: a new key, computed afresh (the changed copy of the old key is not used).
    set_payload(&db, &key, changed.as_bytes()).await;
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../store/tests/fixtures/good_small.json"
    );
    run(&db, &["import", file]);
    let fresh = stdout(&db, &["indicators", "--format", "json"]);
    assert!(
        fresh.contains("\"municipality_code\": \"3203\"") && !fresh.contains("9999"),
        "an older result shown for newer data"
    );
    let keys: Vec<String> = rows(&db)
        .await
        .into_iter()
        .filter(|(k, _, _)| k == "evaluation")
        .map(|(_, k, _)| k)
        .collect();
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert!(keys.contains(&key));
}
