//! Store behaviour against a real SQLite file: seeding, edits, conflicts, history.

use naeringsplan_store::{ActionPatch, Store, UpdateError};
use plan::ActionStatus;

const PLAN: &str = r#"
[meta]
municipality_code = "9999"
municipality_name = "Testby"
title = { nb = "Testplan" }
period_start = 2021
period_end = 2024
adopted = 2021-01-10
adopted_by = "Kommunestyret"
source = "test"

[vision]
nb = "Testby skal være best."

[[goals]]
id = "g1"
name = { nb = "Mål" }
sdgs = [9]

[[focus_areas]]
number = "5.1"
title = { nb = "Område" }
[[focus_areas.strategies]]
id = "5.1-s1"
text = "Strategi en"
[[focus_areas.strategies]]
id = "5.1-s2"
text = "Strategi to"

[[actions]]
id = "T1"
title = "Bedriftsbesøk"
strategies = ["5.1-s1"]
owner = "Næring"
status = "in_progress"
progress = 10
origin = { kind = "staff" }
"#;

async fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("t.db").to_str().unwrap())
        .await
        .unwrap();
    let plan = plan::parse("test.toml", PLAN).unwrap();
    let load = store.load_plan(&plan, "test.toml", PLAN).await.unwrap();
    assert!(load.created);
    assert_eq!(load.actions_seeded, 1);
    (dir, store)
}

#[tokio::test]
async fn reloading_the_same_plan_changes_nothing() {
    let (_dir, store) = fresh().await;
    let plan = plan::parse("test.toml", PLAN).unwrap();
    let load = store.load_plan(&plan, "test.toml", PLAN).await.unwrap();
    assert!(!load.created && !load.updated);
    assert_eq!(load.actions_seeded, 0);
    assert_eq!(store.plan("9999").await.unwrap().unwrap(), plan);
}

#[tokio::test]
async fn an_edit_records_each_changed_field() {
    let (_dir, store) = fresh().await;
    let patch = ActionPatch {
        status: Some(ActionStatus::Delayed),
        progress: Some(40),
        strategies: Some(vec!["5.1-s2".into(), "5.1-s1".into()]),
        comment: Some("Venter på budsjett".into()),
        ..Default::default()
    };
    let rec = store
        .update_action("9999", "T1", 1, &patch, "kari")
        .await
        .unwrap();
    assert_eq!(rec.version, 2);
    assert_eq!(rec.action.status, ActionStatus::Delayed);
    assert_eq!(rec.action.strategies, vec!["5.1-s1", "5.1-s2"]);
    let h = store.history("9999", "T1").await.unwrap();
    let fields: Vec<(&str, Option<&str>, Option<&str>)> = h
        .iter()
        .map(|e| {
            (
                e.field.as_str(),
                e.old_value.as_deref(),
                e.new_value.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        fields,
        vec![
            ("created", None, Some("Bedriftsbesøk")),
            ("comment", Some(""), Some("Venter på budsjett")),
            ("status", Some("in_progress"), Some("delayed")),
            ("progress", Some("10"), Some("40")),
            ("strategies", Some("5.1-s1"), Some("5.1-s1, 5.1-s2")),
        ]
    );
    assert!(h[1..].iter().all(|e| e.actor == "kari" && e.version == 2));
}

#[tokio::test]
async fn a_stale_edit_is_refused_and_changes_nothing() {
    let (_dir, store) = fresh().await;
    let first = ActionPatch {
        progress: Some(50),
        ..Default::default()
    };
    store
        .update_action("9999", "T1", 1, &first, "kari")
        .await
        .unwrap();
    let stale = ActionPatch {
        progress: Some(70),
        ..Default::default()
    };
    match store.update_action("9999", "T1", 1, &stale, "ola").await {
        Err(UpdateError::Conflict { current, since }) => {
            assert_eq!(current.version, 2);
            assert_eq!(current.action.progress, 50);
            assert_eq!(since.len(), 1);
            assert_eq!(since[0].actor, "kari");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    let now = store.action("9999", "T1").await.unwrap().unwrap();
    assert_eq!(now.action.progress, 50);
    assert_eq!(store.history("9999", "T1").await.unwrap().len(), 2);
}

#[tokio::test]
async fn invalid_edits_are_refused() {
    let (_dir, store) = fresh().await;
    let bad = ActionPatch {
        strategies: Some(vec!["9.9-s9".into()]),
        ..Default::default()
    };
    assert!(matches!(
        store.update_action("9999", "T1", 1, &bad, "kari").await,
        Err(UpdateError::Invalid(m)) if m.contains("9.9-s9")
    ));
    let bad = ActionPatch {
        progress: Some(140),
        ..Default::default()
    };
    assert!(matches!(
        store.update_action("9999", "T1", 1, &bad, "kari").await,
        Err(UpdateError::Invalid(_))
    ));
    assert!(matches!(
        store
            .update_action("9999", "T404", 1, &ActionPatch::default(), "kari")
            .await,
        Err(UpdateError::NotFound(_))
    ));
}

#[tokio::test]
async fn history_survives_a_restart_and_reloading_the_plan_keeps_edits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    {
        let store = Store::open(path.to_str().unwrap()).await.unwrap();
        let plan = plan::parse("test.toml", PLAN).unwrap();
        store.load_plan(&plan, "test.toml", PLAN).await.unwrap();
        let p = ActionPatch {
            progress: Some(90),
            ..Default::default()
        };
        store
            .update_action("9999", "T1", 1, &p, "kari")
            .await
            .unwrap();
        store.close().await;
    }
    let store = Store::open(path.to_str().unwrap()).await.unwrap();
    // The plan file changed (a new action): the edited action stays as edited.
    let changed = PLAN.replace("[[actions]]", "[[actions]]\nid = \"T2\"\ntitle = \"Nytt\"\nowner = \"Næring\"\nstatus = \"not_started\"\norigin = { kind = \"staff\" }\n\n[[actions]]");
    let plan = plan::parse("test.toml", &changed).unwrap();
    let load = store.load_plan(&plan, "test.toml", &changed).await.unwrap();
    assert!(load.updated);
    assert_eq!(load.actions_seeded, 1);
    let t1 = store.action("9999", "T1").await.unwrap().unwrap();
    assert_eq!(t1.action.progress, 90);
    assert_eq!(store.history("9999", "T1").await.unwrap().len(), 2);
    assert_eq!(store.actions("9999").await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_batch_is_all_or_nothing_and_reports_every_bad_row() {
    use naeringsplan_store::actions::{BatchError, BatchItem};
    let (_dir, store) = fresh().await;
    let mut new = store.action("9999", "T1").await.unwrap().unwrap().action;
    new.id = "T2".into();
    new.title = "Nytt".into();
    let ok_patch = ActionPatch {
        progress: Some(55),
        ..Default::default()
    };
    let bad = vec![
        (
            2,
            BatchItem::Update {
                id: "T1".into(),
                base_version: Some(1),
                patch: ok_patch.clone(),
            },
        ),
        (3, BatchItem::Create(new.clone())),
        (
            4,
            BatchItem::Update {
                id: "T1".into(),
                base_version: None,
                patch: ok_patch.clone(),
            },
        ),
        (
            5,
            BatchItem::Update {
                id: "T9".into(),
                base_version: None,
                patch: ok_patch.clone(),
            },
        ),
        (
            6,
            BatchItem::Update {
                id: "X".into(),
                base_version: None,
                patch: ActionPatch {
                    strategies: Some(vec!["nope".into()]),
                    ..Default::default()
                },
            },
        ),
    ];
    let Err(BatchError::Rows(rows)) = store.apply_action_batch("9999", &bad, "kari").await else {
        panic!("expected row errors")
    };
    let labels: Vec<usize> = rows.iter().map(|(r, _)| *r).collect();
    assert_eq!(labels, [4, 5, 6], "{rows:?}");
    assert!(rows[0].1.contains("appears again (first on row 2)"));
    assert!(
        store.action("9999", "T2").await.unwrap().is_none(),
        "nothing written"
    );
    assert_eq!(
        store.action("9999", "T1").await.unwrap().unwrap().version,
        1
    );

    let good = vec![
        (
            2,
            BatchItem::Update {
                id: "T1".into(),
                base_version: Some(1),
                patch: ok_patch.clone(),
            },
        ),
        (3, BatchItem::Create(new)),
    ];
    let rep = store
        .apply_action_batch("9999", &good, "kari")
        .await
        .unwrap();
    assert_eq!((rep.created, rep.updated, rep.unchanged), (1, 1, 0));
    let t1 = store.action("9999", "T1").await.unwrap().unwrap();
    assert_eq!(
        (t1.action.progress, t1.version, t1.updated_by.as_str()),
        (55, 2, "kari")
    );
    // A stale version in a batch is refused by row.
    let stale = vec![(
        7,
        BatchItem::Update {
            id: "T1".into(),
            base_version: Some(1),
            patch: ok_patch,
        },
    )];
    let Err(BatchError::Rows(rows)) = store.apply_action_batch("9999", &stale, "ola").await else {
        panic!()
    };
    assert_eq!(rows[0].0, 7);
    assert!(rows[0].1.contains("changed since version 1"), "{rows:?}");
}
