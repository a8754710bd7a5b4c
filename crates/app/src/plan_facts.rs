//! The plan's facts (*Fakta (2019-tall)* in each focus area) computed from the stored
//! Brønnøysund snapshots and accounts, beside the figure the plan quotes: which register key
//! computes what (`employees:<group>`, `turnover:<group>`, registrations, bankruptcies,
//! survival), in the quoted unit, with a note on what is counted and left out, and
//! *verdiskapning* beside turnover. Used by the area pages, the API, the CLI's `facts` and the
//! council report.

use brreg::sectors::SectorGroups;
use plan::Plan;
use serde::Serialize;
use store::Store;
use store::brreg::{
    MunicipalityFacts, RegisterFacts, SURVIVAL_HORIZON_YEARS, SnapshotFacts, SnapshotInfo,
    TurnoverGroup, last_full_year,
};

/// A plan fact (*Fakta (2019-tall)*) beside the value computed from the register.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanFactValue {
    /// The fact's id in the plan, e.g. `5.1.1-f1`.
    pub fact_id: String,
    /// The plan section whose box holds it.
    pub section: String,
    /// The fact's text, verbatim.
    pub text: String,
    /// The key that computes it, e.g. `employees:knowledge_intensive`.
    pub computed_by: String,
    /// The figure the plan quotes.
    pub quoted: Option<f64>,
    /// Its unit.
    pub quoted_unit: Option<String>,
    /// The year it describes.
    pub quoted_year: Option<i32>,
    /// The computed value, when the store has what it needs.
    pub computed: Option<ComputedValue>,
    /// Why there is no computed value.
    pub unavailable: Option<String>,
}

/// A value computed from a register snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComputedValue {
    /// The value in the quoted figure's unit where it converts (`mrd. kr`, `mill. kr`, `%`),
    /// otherwise as counted.
    pub value: f64,
    /// Unit of `value`.
    pub unit: String,
    /// The year the value describes, where it is a yearly figure (registrations, accounts).
    pub year: Option<i32>,
    /// The snapshot it comes from.
    pub snapshot: SnapshotInfo,
    /// True when synthetic data went into it (snapshot or accounts): label it.
    pub synthetic: bool,
    /// What the value counts and what it leaves out.
    pub note: String,
    /// Beside a turnover figure: the same enterprises' *verdiskapning* from the same accounts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_added: Option<ValueAdded>,
}

/// The label of *verdiskapning* wherever it is shown, saying how it is computed.
pub const VALUE_ADDED_LABEL: &str = "Verdiskapning (lønnskostnader + driftsresultat)";
/// [`VALUE_ADDED_LABEL`] in English.
pub const VALUE_ADDED_LABEL_EN: &str = "Value added (wage costs + operating result)";

/// *Verdiskapning* (value added) of a set of enterprises: the sum over their annual accounts of
/// wage costs + operating result (`brreg::accounts::AnnualAccounts::value_added`), counted
/// only for accounts in NOK that report both figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueAdded {
    /// In the unit of the turnover figure it stands beside (`mrd. kr`, `mill. kr` or `kr`).
    pub value: f64,
    /// Unit of `value`.
    pub unit: String,
    /// The sum in NOK.
    pub nok: i64,
    /// Accounts that went into the sum.
    pub accounts: u64,
    /// NOK accounts left out because they lack wage costs or operating result.
    pub missing: u64,
}

impl ValueAdded {
    /// From a turnover group, in the quoted unit.
    pub fn of(g: &TurnoverGroup, quoted_unit: Option<&str>) -> Self {
        let (value, unit) = money(g.value_added_nok as f64, quoted_unit);
        ValueAdded {
            value,
            unit,
            nok: g.value_added_nok,
            accounts: g.with_value_added,
            missing: g.missing_value_added,
        }
    }

    /// The figure with its label, e.g. `Verdiskapning (lønnskostnader + driftsresultat): 12,3
    /// mrd. kr (41 regnskap; 2 uten lønnskostnader eller driftsresultat er utelatt)`.
    pub fn text(&self) -> String {
        format!(
            "{VALUE_ADDED_LABEL}: {} {} ({} regnskap{})",
            plan::fmt::number_auto(self.value, 1),
            self.unit,
            self.accounts,
            if self.missing > 0 {
                format!(
                    "; {} uten lønnskostnader eller driftsresultat er utelatt",
                    self.missing
                )
            } else {
                String::new()
            }
        )
    }
}

/// The plan's facts that name a register key (`computed_by`), each with the value computed
/// from the current snapshots beside the figure the plan quotes, for the plan's municipality.
///
/// Keys: `employees:<group>` (published headcounts of establishments in a sector group),
/// `employees_share:<group>` (the group's share of all published headcounts, in percent),
/// `turnover:<group>` (private-sector turnover from stored accounts), `registrations:count`
/// and `registrations:share_as` (enheter registered in the last full year before the
/// snapshot, and the share that are AS), `enterprises:count` (present enheter),
/// `bankruptcies:count` (enheter in bankruptcy), `survival:5y` (the latest cohort's 5-year
/// survival). Other keys (statistics) get `unavailable`.
pub async fn plan_fact_values(store: &Store, plan: &Plan) -> store::Result<Vec<PlanFactValue>> {
    let municipality = plan.meta.municipality_code.as_str();
    let facts = store.register_facts(municipality, None).await?;
    let mut out = Vec::new();
    for area in &plan.focus_areas {
        for fact in area.all_facts() {
            let Some(key) = fact.computed_by.as_deref().filter(|k| !k.is_empty()) else {
                continue;
            };
            let (computed, unavailable) = match compute_key(key, &facts, fact.unit.as_deref()) {
                Ok(v) => (Some(v), None),
                Err(why) => (None, Some(why)),
            };
            out.push(PlanFactValue {
                fact_id: fact.id.clone(),
                section: fact.section.clone(),
                text: fact.text.clone(),
                computed_by: key.to_string(),
                quoted: fact.value,
                quoted_unit: fact.unit.clone(),
                quoted_year: fact.year,
                computed,
                unavailable,
            });
        }
    }
    Ok(out)
}

/// The value of one register key for a municipality (see [`plan_fact_values`] for the
/// keys); `quoted_unit` converts money to `mrd. kr` / `mill. kr` and shares to `%`.
pub async fn register_fact_value(
    store: &Store,
    municipality: &str,
    key: &str,
    quoted_unit: Option<&str>,
) -> store::Result<Result<ComputedValue, String>> {
    let facts = store.register_facts(municipality, None).await?;
    Ok(compute_key(key, &facts, quoted_unit))
}

/// Computes one key from a municipality's register facts; `Err` says why it cannot.
fn compute_key(
    key: &str,
    facts: &RegisterFacts,
    quoted_unit: Option<&str>,
) -> Result<ComputedValue, String> {
    let (what, arg) = key.split_once(':').unwrap_or((key, ""));
    let groups = SectorGroups::embedded();
    let group_name = |id: &str| groups.get(id).map(|g| g.nb.clone());
    let need = |s: &Option<SnapshotFacts>,
                kind: &str|
     -> Result<(SnapshotInfo, MunicipalityFacts), String> {
        let s = s
            .as_ref()
            .ok_or_else(|| format!("ingen {kind}-fil er importert"))?;
        let f = s.facts.clone().ok_or_else(|| {
            format!(
                "{kind}-øyeblikksbildet {} har ingen enheter i kommune {}",
                s.snapshot.snapshot_date, facts.municipality
            )
        })?;
        Ok((s.snapshot.clone(), f))
    };
    match what {
        "employees" => {
            let name = group_name(arg).ok_or_else(|| format!("ukjent næringsgruppe {arg:?}"))?;
            let (snap, f) = need(&facts.underenheter, "underenheter")?;
            let h = f.employees_by_group.get(arg).copied().unwrap_or_default();
            let synthetic = snap.synthetic;
            Ok(ComputedValue {
                value_added: None,
                value: h.known_sum as f64,
                unit: "sysselsatte".into(),
                year: None,
                note: format!(
                    "{name}: sum av publisert antall ansatte i {} virksomheter (underenheter); {} virksomheter har ansatte med skjermet antall og er ikke med i summen",
                    h.known_units, h.withheld_units
                ),
                snapshot: snap,
                synthetic,
            })
        }
        "employees_share" => {
            let name = group_name(arg).ok_or_else(|| format!("ukjent næringsgruppe {arg:?}"))?;
            let (snap, f) = need(&facts.underenheter, "underenheter")?;
            let h = f.employees_by_group.get(arg).copied().unwrap_or_default();
            let total = f.employees_total;
            if total.known_sum == 0 {
                return Err(format!(
                    "ingen publisert antall ansatte i kommunens virksomheter i underenheter-øyeblikksbildet {}",
                    snap.snapshot_date
                ));
            }
            let synthetic = snap.synthetic;
            Ok(ComputedValue {
                value_added: None,
                value: 100.0 * h.known_sum as f64 / total.known_sum as f64,
                unit: "%".into(),
                year: None,
                note: format!(
                    "{name}: {} av {} ansatte med publisert antall i kommunens virksomheter (underenheter); {} virksomheter har skjermet antall og er ikke med",
                    h.known_sum, total.known_sum, total.withheld_units
                ),
                snapshot: snap,
                synthetic,
            })
        }
        "turnover" => {
            let name = group_name(arg).ok_or_else(|| format!("ukjent næringsgruppe {arg:?}"))?;
            let t = facts
                .turnover
                .as_ref()
                .ok_or_else(|| "ingen regnskap er importert for kommunens foretak".to_string())?;
            let g = t
                .by_group
                .get(arg)
                .ok_or_else(|| format!("ukjent næringsgruppe {arg:?}"))?;
            let (value, unit) = money(g.turnover_nok as f64, quoted_unit);
            Ok(ComputedValue {
                value_added: Some(ValueAdded::of(g, quoted_unit)),
                value,
                unit,
                year: Some(t.year),
                note: format!(
                    "{name}: sum driftsinntekter {} for {} av {} private foretak med regnskap ({} i annen valuta er utelatt)",
                    t.year, g.with_accounts, g.enterprises, g.non_nok
                ),
                synthetic: t.snapshot.synthetic || t.synthetic_accounts,
                snapshot: t.snapshot.clone(),
            })
        }
        "registrations" => {
            let (snap, f) = need(&facts.enheter, "enheter")?;
            let year = last_full_year(snap.snapshot_date);
            let r = f
                .registrations_by_year
                .get(&year)
                .cloned()
                .unwrap_or_default();
            let synthetic = snap.synthetic;
            match arg {
                "count" => Ok(ComputedValue {
                    value_added: None,
                    value: r.total as f64,
                    unit: "foretak".into(),
                    year: Some(year),
                    note: format!(
                        "enheter registrert i Enhetsregisteret i {year} som fortsatt finnes i filen (alle organisasjonsformer; omregistreringer kan ikke skilles ut)"
                    ),
                    snapshot: snap,
                    synthetic,
                }),
                "share_as" => {
                    let share = r
                        .as_share()
                        .ok_or_else(|| format!("ingen registreringer i {year}"))?;
                    let (value, unit) = if quoted_unit.is_some_and(|u| u.contains('%')) {
                        (share * 100.0, "%".to_string())
                    } else {
                        (share, "andel".to_string())
                    };
                    Ok(ComputedValue {
                        value_added: None,
                        value,
                        unit,
                        year: Some(year),
                        note: format!(
                            "andel aksjeselskap (AS) av {} registreringer i {year}",
                            r.total
                        ),
                        snapshot: snap,
                        synthetic,
                    })
                }
                _ => Err(format!("ukjent nøkkel {key:?}")),
            }
        }
        "enterprises" if arg == "count" => {
            let (snap, f) = need(&facts.enheter, "enheter")?;
            let synthetic = snap.synthetic;
            Ok(ComputedValue {
                value_added: None,
                value: f.units as f64,
                unit: "enheter".into(),
                year: None,
                note: "enheter med forretningsadresse i kommunen, ikke slettet".into(),
                snapshot: snap,
                synthetic,
            })
        }
        "bankruptcies" if arg == "count" => {
            let (snap, f) = need(&facts.enheter, "enheter")?;
            let synthetic = snap.synthetic;
            Ok(ComputedValue {
                value_added: None,
                value: f.bankrupt as f64,
                unit: "enheter".into(),
                year: None,
                note: "enheter under konkursbehandling i øyeblikksbildet".into(),
                snapshot: snap,
                synthetic,
            })
        }
        "survival" if arg == "5y" => {
            let s = facts
                .survival
                .iter()
                .filter(|s| s.horizon_years == SURVIVAL_HORIZON_YEARS)
                .max_by_key(|s| s.cohort_year)
                .ok_or_else(|| {
                    "overlevelse krever to landsdekkende enheter-filer med minst 5 års mellomrom"
                        .to_string()
                })?;
            let share = s.share().unwrap_or(0.0);
            Ok(ComputedValue {
                value_added: None,
                value: share * 100.0,
                unit: "%".into(),
                year: Some(s.cohort_year),
                note: format!(
                    "{} av {} enheter registrert i {} finnes fortsatt {}",
                    s.survivors, s.base_count, s.cohort_year, s.followup.snapshot_date
                ),
                synthetic: s.synthetic,
                snapshot: s.followup.clone(),
            })
        }
        _ => Err(format!("{key:?} beregnes ikke fra Enhetsregisteret")),
    }
}

/// NOK in the quoted unit (`mrd. kr` → billions, `mill. kr` → millions), else NOK.
fn money(nok: f64, quoted_unit: Option<&str>) -> (f64, String) {
    let u = quoted_unit.unwrap_or("").to_lowercase();
    if u.starts_with("mrd") {
        (nok / 1e9, quoted_unit.unwrap_or("mrd. kr").to_string())
    } else if u.starts_with("mill") {
        (nok / 1e6, quoted_unit.unwrap_or("mill. kr").to_string())
    } else {
        (nok, "kr".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_converts_to_quoted_unit() {
        assert_eq!(money(27.0e9, Some("mrd. kr")).0, 27.0);
        assert_eq!(money(1104.0e6, Some("mill. kr")).0, 1104.0);
        assert_eq!(money(5.0, None), (5.0, "kr".to_string()));
    }
}
