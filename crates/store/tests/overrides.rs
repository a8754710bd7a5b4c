//! Staff overrides of an indicator's trend status: recorded with justification, withdrawn by a
//! new row, never updated or deleted.

mod common;

use naeringsplan_store::StoreError;

async fn with_plan() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    naeringsplan_store::Store,
) {
    let (dir, path, store) = common::fresh().await;
    let plan = plan::embedded_default();
    store
        .load_plan(
            &plan,
            plan::EMBEDDED_DEFAULT_NAME,
            plan::EMBEDDED_DEFAULT_SOURCE,
        )
        .await
        .unwrap();
    (dir, path, store)
}

#[tokio::test]
async fn an_override_is_kept_with_its_justification_and_a_withdrawal_ends_it() {
    let (_d, path, store) = with_plan().await;
    let code = "3203";
    let o = store
        .add_status_override(
            code,
            "kortreist",
            Some("moderate_progress"),
            "deterioration",
            "  Pendlingstallene for 2023 er påvirket av en omlegging i SSBs statistikk.  ",
            "kari",
        )
        .await
        .unwrap();
    assert_eq!(o.status.as_deref(), Some("moderate_progress"));
    assert_eq!(
        o.justification,
        "Pendlingstallene for 2023 er påvirket av en omlegging i SSBs statistikk."
    );
    let current = store.current_status_overrides(code).await.unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].by, "kari");

    store
        .add_status_override(
            code,
            "kortreist",
            None,
            "deterioration",
            "Ny statistikk er korrigert.",
            "ola",
        )
        .await
        .unwrap();
    assert!(
        store
            .current_status_overrides(code)
            .await
            .unwrap()
            .is_empty()
    );
    let history = store.status_overrides(code).await.unwrap();
    assert_eq!(history.len(), 2);
    assert!(history[0].id < history[1].id);
    assert_eq!(history[1].status, None);

    // The table refuses updates and deletes.
    let url = format!("sqlite://{}", path.display());
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect(&url)
        .await
        .unwrap();
    for sql in [
        "UPDATE indicator_status_overrides SET justification = 'x'",
        "DELETE FROM indicator_status_overrides",
    ] {
        let err = sqlx::query(sql).execute(&pool).await.unwrap_err();
        assert!(err.to_string().contains("append-only"), "{err}");
    }
}

#[tokio::test]
async fn an_override_needs_a_justification_and_a_known_indicator() {
    let (_d, _p, store) = with_plan().await;
    let err = store
        .add_status_override(
            "3203",
            "kortreist",
            Some("limited_progress"),
            "deterioration",
            "   ",
            "kari",
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    let err = store
        .add_status_override(
            "3203",
            "finnes-ikke",
            Some("limited_progress"),
            "deterioration",
            "fordi",
            "kari",
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    assert!(store.status_overrides("3203").await.unwrap().is_empty());
}
