//! Plan versions (issue 22 item 5): a second plan of the same municipality with a later period
//! is stored beside the first, which keeps its actions and history; an action carried over is a
//! new action of the later plan linked to the old one; a refused carry-over writes nothing. On
//! SQLite and, with `NAERINGSPLAN_TEST_POSTGRES`, on PostgreSQL.

use naeringsplan_store::plans::municipality_of;
use naeringsplan_store::{Store, UpdateError};

fn successor_source() -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/plans/asker-2025-2030.toml"),
    )
    .unwrap()
}

async fn two_versions(store: &Store) -> (plan::Plan, plan::Plan) {
    let old = plan::embedded_default();
    let load = store
        .load_plan(
            &old,
            plan::EMBEDDED_DEFAULT_NAME,
            plan::EMBEDDED_DEFAULT_SOURCE,
        )
        .await
        .unwrap();
    assert_eq!(
        load.key, "3203",
        "a municipality's first plan keeps its code as key"
    );
    let src = successor_source();
    let new = plan::parse("asker-2025-2030.toml", &src).unwrap();
    let load = store
        .load_plan(&new, "asker-2025-2030.toml", &src)
        .await
        .unwrap();
    assert!(load.created);
    assert_eq!(load.key, "3203-2025-2030");
    assert_eq!(load.actions_seeded, 2);
    (old, new)
}

/// Rows of the action tables and the carry-over links of both plans, as text.
async fn snapshot(store: &Store) -> String {
    let mut out = String::new();
    for key in ["3203", "3203-2025-2030"] {
        for a in store.actions(key).await.unwrap() {
            out.push_str(&format!("{key} {a:?}\n"));
            for h in store.history(key, &a.action.id).await.unwrap() {
                out.push_str(&format!("  {h:?}\n"));
            }
            out.push_str(&format!(
                "  {:?}\n",
                store.carry_overs(key, &a.action.id).await.unwrap()
            ));
        }
    }
    out
}

async fn check(store: Store) {
    let (old, new) = two_versions(&store).await;
    let old_actions = store.actions("3203").await.unwrap();
    let old_t1_history = store.history("3203", "T1").await.unwrap();
    assert_eq!(old_actions.len(), old.actions.len());

    // Both versions are stored; the old one reads as before; the newest is last (current).
    let versions = store.plan_versions("3203").await.unwrap();
    let keys: Vec<_> = versions.iter().map(|v| v.key.as_str()).collect();
    assert_eq!(keys, ["3203", "3203-2025-2030"]);
    assert_eq!(
        (versions[0].period_start, versions[0].period_end),
        (2021, 2024)
    );
    assert_eq!(versions[1].adopted, "2025-06-18");
    assert_eq!(versions[1].actions, 2);
    assert_eq!(store.plan("3203").await.unwrap().unwrap(), old);
    assert_eq!(store.plan("3203-2025-2030").await.unwrap().unwrap(), new);
    assert_eq!(store.plan_key(&old).await.unwrap().as_deref(), Some("3203"));
    assert_eq!(
        store.plan_key(&new).await.unwrap().as_deref(),
        Some("3203-2025-2030")
    );
    assert_eq!(municipality_of("3203-2025-2030"), "3203");

    // Loading the first plan file again adds no version and changes nothing.
    let again = store
        .load_plan(
            &old,
            plan::EMBEDDED_DEFAULT_NAME,
            plan::EMBEDDED_DEFAULT_SOURCE,
        )
        .await
        .unwrap();
    assert_eq!(
        (again.created, again.updated, again.key.as_str()),
        (false, false, "3203")
    );
    assert_eq!(store.plan_versions("3203").await.unwrap().len(), 2);

    // Refusals write nothing: an id taken in the new plan, an unknown action, a carry-over to
    // an earlier plan, an unknown plan.
    let before = snapshot(&store).await;
    let taken = store
        .carry_over("3203", "T2", "3203-2025-2030", "T2", "kari")
        .await;
    assert!(
        matches!(taken, Err(UpdateError::Exists(ref id)) if id == "T2"),
        "{taken:?}"
    );
    let unknown = store
        .carry_over("3203", "T99", "3203-2025-2030", "T99", "kari")
        .await;
    assert!(
        matches!(unknown, Err(UpdateError::NotFound(_))),
        "{unknown:?}"
    );
    let backwards = store
        .carry_over("3203-2025-2030", "N1", "3203", "N1", "kari")
        .await;
    assert!(
        matches!(backwards, Err(UpdateError::Invalid(ref m)) if m.contains("senere plan")),
        "{backwards:?}"
    );
    let nowhere = store
        .carry_over("3203", "T1", "3203-2040-2050", "T1", "kari")
        .await;
    assert!(
        matches!(nowhere, Err(UpdateError::Invalid(_))),
        "{nowhere:?}"
    );
    assert_eq!(snapshot(&store).await, before);

    // T1 carried over: a new action with T1's values and the strategies the new plan has.
    let t1 = old_actions.iter().find(|a| a.action.id == "T1").unwrap();
    let carried = store
        .carry_over("3203", "T1", "3203-2025-2030", "T1", "kari")
        .await
        .unwrap();
    assert_eq!(carried.action.title, t1.action.title);
    assert_eq!(carried.action.status, t1.action.status);
    assert_eq!(carried.action.progress, t1.action.progress);
    assert_eq!(carried.comment, t1.comment);
    assert_eq!(carried.action.strategies, ["5.8-s1"]);
    assert_eq!(carried.version, 1);
    let history = store.history("3203-2025-2030", "T1").await.unwrap();
    let fields: Vec<_> = history.iter().map(|h| h.field.as_str()).collect();
    assert_eq!(fields, ["created", "carried_over_from"]);
    assert_eq!(history[1].new_value.as_deref(), Some("3203/T1"));
    // The old action and its history are untouched, and linked both ways.
    assert_eq!(store.actions("3203").await.unwrap(), old_actions);
    assert_eq!(store.history("3203", "T1").await.unwrap(), old_t1_history);
    let (from, to) = store.carry_overs("3203-2025-2030", "T1").await.unwrap();
    let from = from.expect("the new action links to the old one");
    assert_eq!(
        (from.from_plan.as_str(), from.from_action.as_str()),
        ("3203", "T1")
    );
    assert!(to.is_empty());
    let (from, to) = store.carry_overs("3203", "T1").await.unwrap();
    assert!(from.is_none());
    assert_eq!(to.len(), 1);
    assert_eq!(
        (to[0].to_plan.as_str(), to[0].to_action.as_str()),
        ("3203-2025-2030", "T1")
    );

    // Carried over once only; T2 under another id is fine.
    let before = snapshot(&store).await;
    let twice = store
        .carry_over("3203", "T1", "3203-2025-2030", "T1b", "kari")
        .await;
    assert!(
        matches!(twice, Err(UpdateError::Invalid(ref m)) if m.contains("allerede videreført")),
        "{twice:?}"
    );
    assert_eq!(snapshot(&store).await, before);
    let t2 = store
        .carry_over("3203", "T2", "3203-2025-2030", "T2-2021", "kari")
        .await
        .unwrap();
    assert_eq!(t2.action.id, "T2-2021");
    assert_eq!(store.actions("3203-2025-2030").await.unwrap().len(), 4);
    assert_eq!(store.plan_versions("3203").await.unwrap()[1].actions, 4);
}

#[tokio::test]
async fn a_later_plan_is_stored_beside_the_first_and_an_action_carries_over_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_sqlite(&dir.path().join("t.db")).await.unwrap();
    check(store).await;
}

#[tokio::test]
async fn a_later_plan_is_stored_beside_the_first_and_an_action_carries_over_on_postgres() {
    let Some(store) = naeringsplan_store::testing::postgres_store("np_versions").await else {
        eprintln!("skipped: NAERINGSPLAN_TEST_POSTGRES is not set");
        return;
    };
    check(store).await;
}
