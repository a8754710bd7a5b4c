//! Computed results kept in the store: bytes read back as written, replaced under the same key,
//! only the newest rows of a kind kept, other kinds untouched — on SQLite and PostgreSQL.

mod common;

use naeringsplan_store::Store;

async fn check(store: &Store) {
    assert_eq!(store.computed("ranking", "a").await.unwrap(), None);
    store.put_computed("ranking", "a", b"one", 2).await.unwrap();
    store
        .put_computed("evaluation", "a", b"other kind", 2)
        .await
        .unwrap();
    assert_eq!(
        store.computed("ranking", "a").await.unwrap().as_deref(),
        Some(&b"one"[..])
    );
    // The same key again replaces the bytes.
    store.put_computed("ranking", "a", b"two", 2).await.unwrap();
    assert_eq!(
        store.computed("ranking", "a").await.unwrap().as_deref(),
        Some(&b"two"[..])
    );
    // Binary payloads of any size come back unchanged.
    let big: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
    store.put_computed("ranking", "b", &big, 2).await.unwrap();
    assert_eq!(store.computed("ranking", "b").await.unwrap(), Some(big));
    // A third ranking row: the oldest (a) goes, the other kind stays.
    store
        .put_computed("ranking", "c", b"three", 2)
        .await
        .unwrap();
    assert_eq!(store.computed("ranking", "a").await.unwrap(), None);
    assert!(store.computed("ranking", "b").await.unwrap().is_some());
    assert!(store.computed("ranking", "c").await.unwrap().is_some());
    assert_eq!(
        store.computed("evaluation", "a").await.unwrap().as_deref(),
        Some(&b"other kind"[..])
    );
    assert_eq!(store.clear_computed().await.unwrap(), 3);
    assert_eq!(store.computed("ranking", "c").await.unwrap(), None);
}

#[tokio::test]
async fn computed_results_are_kept_replaced_and_pruned_on_sqlite() {
    let (_dir, _path, store) = common::fresh().await;
    check(&store).await;
}

#[tokio::test]
async fn computed_results_are_kept_replaced_and_pruned_on_postgres() {
    let Some(store) = naeringsplan_store::testing::postgres_store("np_computed").await else {
        eprintln!("skipped: NAERINGSPLAN_TEST_POSTGRES is not set");
        return;
    };
    check(&store).await;
}
