//! The investment pipeline (migration 0017) and the partners register (0018) in the store:
//! stage changes kept with who, when and from → to; stale changes refused; closed enquiries
//! purged with their counts kept; imports all or nothing; partner edits field by field in an
//! append-only history. Run on SQLite, and on PostgreSQL when `NAERINGSPLAN_TEST_POSTGRES`
//! names a server.

use std::collections::BTreeSet;

use local_registers::partners::{Partner, PartnerKind};
use local_registers::pipeline::{Enquiry, Stage, StageChange};
use naeringsplan_store::Store;
use naeringsplan_store::partners::PartnerError;
use naeringsplan_store::pipeline::StageError;
use time::macros::date;

async fn stores() -> Vec<(Option<tempfile::TempDir>, Store)> {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = Store::open_sqlite(&dir.path().join("t.db")).await.unwrap();
    let mut out = vec![(Some(dir), sqlite)];
    if let Some(pg) = naeringsplan_store::testing::postgres_store("pipeline").await {
        out.push((None, pg));
    }
    out
}

fn enquiry(name: &str, date: time::Date, stage: Stage) -> Enquiry {
    Enquiry {
        id: 0,
        name: name.into(),
        sector: "lager og logistikk".into(),
        source: "direkte".into(),
        jobs_expected: Some(30),
        area_daa: Some(15.5),
        date,
        stage,
        lost_reason: (stage == Stage::Lost).then(|| "valgte Lier".into()),
        jobs_created: None,
        site_id: None,
    }
}

#[tokio::test]
async fn pipeline_stages_history_retention_and_imports() {
    for (_dir, store) in stores().await {
        let sites: BTreeSet<String> = ["ASK-01".to_string()].into();
        let id = store
            .pipeline_add(
                "3203",
                &enquiry("Hemmelig Lager AS", date!(2022 - 03 - 01), Stage::Enquiry),
                false,
                "kari",
            )
            .await
            .unwrap();
        let offer = StageChange {
            stage: Stage::SiteOffered,
            lost_reason: None,
            jobs_created: None,
            site_id: Some("ASK-01".into()),
        };
        let v = store
            .pipeline_set_stage("3203", id, 1, &offer, &sites, "kari")
            .await
            .unwrap();
        assert_eq!(v, 2);
        // A stale version is refused and changes nothing.
        let est = StageChange {
            stage: Stage::Established,
            lost_reason: None,
            jobs_created: Some(25),
            site_id: None,
        };
        assert!(matches!(
            store
                .pipeline_set_stage("3203", id, 1, &est, &sites, "ola")
                .await,
            Err(StageError::Conflict(2))
        ));
        // An unknown site is refused.
        let bad_site = StageChange {
            site_id: Some("ASK-99".into()),
            ..offer.clone()
        };
        assert!(matches!(
            store
                .pipeline_set_stage(
                    "3203",
                    id,
                    2,
                    &StageChange {
                        stage: Stage::Decision,
                        ..bad_site
                    },
                    &sites,
                    "ola"
                )
                .await,
            Err(StageError::Invalid(_))
        ));
        // Another plan's store key does not see it.
        assert!(matches!(
            store
                .pipeline_set_stage("3201", id, 2, &est, &sites, "ola")
                .await,
            Err(StageError::NotFound(_))
        ));
        store
            .pipeline_set_stage("3203", id, 2, &est, &sites, "ola")
            .await
            .unwrap();
        let h = store.pipeline_history("3203", id).await.unwrap();
        let steps: Vec<_> = h.iter().map(|e| (e.from, e.to, e.by.as_str())).collect();
        assert_eq!(
            steps,
            [
                (None, Stage::Enquiry, "kari"),
                (Some(Stage::Enquiry), Stage::SiteOffered, "kari"),
                (Some(Stage::SiteOffered), Stage::Established, "ola"),
            ]
        );
        assert_eq!(h[2].detail, "arbeidsplasser_skapt: 25; tomt: ASK-01");
        let now = store.pipeline_enquiry("3203", id).await.unwrap().unwrap();
        assert_eq!(now.enquiry.jobs_created, Some(25));
        assert_eq!(now.version, 3);

        // An open old enquiry and a new one.
        let open = store
            .pipeline_add(
                "3203",
                &enquiry("Åpen Sak AS", date!(2022 - 05 - 01), Stage::Dialogue),
                true,
                "kari",
            )
            .await
            .unwrap();
        store
            .pipeline_add(
                "3203",
                &enquiry("Ny Sak AS", date!(2025 - 05 - 01), Stage::Lost),
                false,
                "kari",
            )
            .await
            .unwrap();
        let (before, synthetic) = store.pipeline_aggregates("3203").await.unwrap();
        assert!(synthetic);
        assert_eq!(
            before.per_year_stage[&2022][&Stage::Established].jobs_created,
            25
        );
        // Only the closed enquiry dated before the cutoff goes; its counts stay.
        let n = store
            .pipeline_purge("3203", date!(2024 - 01 - 01), "ola")
            .await
            .unwrap();
        assert_eq!(n, 1);
        assert!(store.pipeline_enquiry("3203", id).await.unwrap().is_none());
        assert!(store.pipeline_history("3203", id).await.unwrap().is_empty());
        assert!(
            store
                .pipeline_enquiry("3203", open)
                .await
                .unwrap()
                .is_some()
        );
        let (after, _) = store.pipeline_aggregates("3203").await.unwrap();
        assert_eq!(after, before);
        let dump = store.pipeline_dump("3203").await.unwrap();
        assert!(!dump.contains("Hemmelig"), "{dump}");

        // An import: repeated enquiries are stored once.
        let e = enquiry("Fil AS", date!(2025 - 01 - 01), Stage::Enquiry);
        let r = store
            .pipeline_import("3203", &[e.clone(), e.clone()], false, "t")
            .await
            .unwrap();
        assert_eq!((r.ids.len(), r.unchanged), (1, 1));
        let r = store
            .pipeline_import("3203", &[e], false, "t")
            .await
            .unwrap();
        assert_eq!((r.ids.len(), r.unchanged), (0, 1));
    }
}

fn partner(kind: PartnerKind, name: &str) -> Partner {
    Partner {
        id: 0,
        kind,
        name: name.into(),
        orgnr: None,
        share_pct: None,
        from: None,
        to: None,
        purpose: String::new(),
        links: vec!["5.7-s7".into()],
        source: "§5.7.1".into(),
    }
}

#[tokio::test]
async fn partners_change_field_by_field_with_history() {
    for (_dir, store) in stores().await {
        let r = store
            .partner_import(
                "3203",
                &[
                    partner(PartnerKind::Ownership, "VEAS"),
                    partner(PartnerKind::Membership, "Ungt Entreprenørskap"),
                ],
                false,
                "kari",
            )
            .await
            .unwrap();
        assert_eq!((r.created, r.changed, r.unchanged), (2, 0, 0));
        // The same name in another kind is another entry; the same kind and name is a change.
        let mut veas = partner(PartnerKind::Ownership, "veas");
        veas.share_pct = Some(12.5);
        let r = store
            .partner_import(
                "3203",
                &[
                    veas,
                    partner(PartnerKind::Membership, "Ungt Entreprenørskap"),
                ],
                false,
                "ola",
            )
            .await
            .unwrap();
        assert_eq!((r.created, r.changed, r.unchanged), (0, 1, 1));
        let all = store.partners("3203").await.unwrap();
        assert_eq!(all.len(), 2);
        let stored = all
            .iter()
            .find(|p| p.partner.kind == PartnerKind::Ownership)
            .unwrap();
        assert_eq!(stored.partner.share_pct, Some(12.5));
        assert_eq!(stored.version, 2);
        let h = store
            .partner_history("3203", stored.partner.id)
            .await
            .unwrap();
        let rows: Vec<_> = h
            .iter()
            .map(|e| {
                (
                    e.field.as_str(),
                    e.old_value.as_str(),
                    e.new_value.as_str(),
                    e.actor.as_str(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("opprettet", "", "VEAS", "kari"),
                ("navn", "VEAS", "veas", "ola"),
                ("eierandel", "", "12.5", "ola"),
            ]
        );
        // A stale edit is refused; a fresh one is kept.
        let mut p = stored.partner.clone();
        p.purpose = "Avløpsrensing".into();
        assert!(matches!(
            store.partner_update("3203", p.id, 1, &p, "ola").await,
            Err(PartnerError::Conflict(2))
        ));
        assert_eq!(
            store
                .partner_update("3203", p.id, 2, &p, "ola")
                .await
                .unwrap(),
            3
        );
        // Renaming onto another entry of the same kind is refused as a duplicate.
        let mut dup = store
            .partners("3203")
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.partner.kind == PartnerKind::Membership)
            .unwrap();
        let id = store
            .partner_add(
                "3203",
                &partner(PartnerKind::Membership, "No Waste"),
                false,
                "t",
            )
            .await
            .unwrap();
        dup.partner.name = "NO  waste".into();
        assert!(matches!(
            store
                .partner_update("3203", dup.partner.id, dup.version, &dup.partner, "t")
                .await,
            Err(PartnerError::Exists(..))
        ));
        assert!(matches!(
            store
                .partner_add(
                    "3203",
                    &partner(PartnerKind::Membership, "no waste"),
                    false,
                    "t"
                )
                .await,
            Err(PartnerError::Exists(..))
        ));
        assert!(store.partner("3203", id).await.unwrap().is_some());
        assert!(store.partner("3201", id).await.unwrap().is_none());
    }
}
