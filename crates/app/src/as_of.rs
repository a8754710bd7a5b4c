//! Actions as they stood on a past day, reconstructed from the append-only action history: the
//! current row with every change made after that day undone, newest first. A report for a
//! period shows the actions as of the period's last day, so a change made afterwards never
//! alters it.
//!
//! Days end at midnight in Norway (Europe/Oslo: UTC+1, UTC+2 from the last Sunday of March to
//! the last Sunday of October); history times are UTC.

use plan::ActionStatus;
use store::ActionRecord;
use store::actions::HistoryEntry;
use time::format_description::well_known::Rfc3339;
use time::{Date, Month, OffsetDateTime, Time, UtcOffset, Weekday};

/// The last Sunday of a month.
fn last_sunday(year: i32, month: Month) -> Option<Date> {
    let next = match month {
        Month::December => Date::from_calendar_date(year + 1, Month::January, 1),
        m => Date::from_calendar_date(year, m.next(), 1),
    }
    .ok()?;
    let mut d = next.previous_day()?;
    while d.weekday() != Weekday::Sunday {
        d = d.previous_day()?;
    }
    Some(d)
}

/// Norway's offset from UTC on a day (summer time from the last Sunday of March to the last
/// Sunday of October; the switch hours are ignored, which matters only for changes made in
/// that night).
fn oslo_offset(day: Date) -> UtcOffset {
    let summer = match (
        last_sunday(day.year(), Month::March),
        last_sunday(day.year(), Month::October),
    ) {
        (Some(start), Some(end)) => day >= start && day < end,
        _ => false,
    };
    UtcOffset::from_hms(if summer { 2 } else { 1 }, 0, 0).expect("a valid offset")
}

/// The first instant after `day` in Norway (midnight at its end), in UTC.
pub fn end_of_day(day: Date) -> OffsetDateTime {
    let next = day.next_day().unwrap_or(day);
    next.with_time(Time::MIDNIGHT)
        .assume_offset(oslo_offset(next))
        .to_offset(UtcOffset::UTC)
}

/// The day an instant falls on in Norway.
pub fn local_date(t: OffsetDateTime) -> Date {
    let utc_day = t.to_offset(UtcOffset::UTC).date();
    t.to_offset(oslo_offset(utc_day)).date()
}

/// A stored time (RFC 3339, UTC) as Norwegian local time for readers, `YYYY-MM-DD HH:MM`; a
/// time that cannot be read is shown as stored.
pub fn local_stamp(at: &str) -> String {
    match parse_at(at) {
        Some(t) => {
            let utc_day = t.to_offset(UtcOffset::UTC).date();
            let l = t.to_offset(oslo_offset(utc_day));
            format!("{} {:02}:{:02}", l.date(), l.hour(), l.minute())
        }
        None => at.to_string(),
    }
}

/// Today's date in Norway.
pub fn today() -> Date {
    local_date(OffsetDateTime::now_utc())
}

/// Whether an action is late on `day`: marked delayed, or past its end date without being
/// completed or cancelled. The one rule for pages, the staff home and the report.
pub fn is_late(action: &plan::Action, day: Date) -> bool {
    let done = matches!(
        action.status,
        ActionStatus::Completed | ActionStatus::Cancelled
    );
    action.status == ActionStatus::Delayed || (!done && action.end.is_some_and(|e| e < day))
}

/// Whether an action that is not late on `day` ends within the next `days` days and is not
/// done: the staff home's "forfaller innen 30 dager".
pub fn is_due_within(action: &plan::Action, day: Date, days: i64) -> bool {
    let done = matches!(
        action.status,
        ActionStatus::Completed | ActionStatus::Cancelled
    );
    let last = day.saturating_add(time::Duration::days(days));
    !done && !is_late(action, day) && action.end.is_some_and(|e| e >= day && e <= last)
}

/// The year of the priority selection (*topp 10*) to show: the newest year any action is
/// selected for, not after `up_to` (the report's year) when given. `None`: no selection.
pub fn priority_year<'a>(
    actions: impl IntoIterator<Item = &'a plan::Action>,
    up_to: Option<i32>,
) -> Option<i32> {
    plan::priority_year(
        actions.into_iter().map(|a| a.budget.priority.as_ref()),
        up_to,
    )
}

/// The actions of the priority selection for `year`, in the actions' order.
pub fn priority_actions(actions: &[ActionRecord], year: i32) -> Vec<&ActionRecord> {
    actions
        .iter()
        .filter(|a| {
            a.action
                .budget
                .priority
                .as_ref()
                .is_some_and(|p| p.year == year)
        })
        .collect()
}

fn parse_at(at: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(at, &Rfc3339).ok()
}

/// `action` as it stood at the end of `day`, or `None` if it did not exist yet. `history` is the
/// action's history in the store's order (oldest first); a change at or after the end of `day`
/// is undone. A field value that cannot be read back is left as it is now.
pub fn action_as_of(
    action: &ActionRecord,
    history: &[HistoryEntry],
    day: Date,
) -> Option<ActionRecord> {
    let cutoff = end_of_day(day);
    let after = |h: &HistoryEntry| parse_at(&h.at).is_some_and(|t| t >= cutoff);
    if history
        .iter()
        .find(|h| h.field == "created")
        .is_some_and(after)
    {
        return None;
    }
    let mut out = action.clone();
    for h in history.iter().rev().filter(|h| after(h)) {
        let old = h.old_value.as_deref().unwrap_or("");
        let a = &mut out.action;
        match h.field.as_str() {
            "status" => {
                if let Some(s) = ActionStatus::parse(old) {
                    a.status = s;
                }
            }
            "progress" => {
                if let Ok(p) = old.parse::<u8>() {
                    a.progress = p.min(100);
                }
            }
            "comment" => out.comment = old.to_string(),
            "title" => a.title = old.to_string(),
            "description" => a.description = old.to_string(),
            "owner" => a.owner = old.to_string(),
            "start" => a.start = plan::date::parse(old).ok(),
            "end" => a.end = plan::date::parse(old).ok(),
            "strategies" => {
                a.strategies = old
                    .split(", ")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            }
            "partners" => {
                a.partners = old
                    .split(", ")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            }
            "weight" => out.weight = old.parse().ok(),
            // The budget cycle (issue 20), written by `store::actions` in these same forms.
            "cost_estimate" => a.budget.cost_estimate = old.parse().ok(),
            "budget_years" => {
                if let Ok(y) = plan::parse_years(old) {
                    a.budget.budget_years = y;
                }
            }
            "funding_source" => a.budget.funding_source = old.to_string(),
            "handlingsprogram" => a.budget.handlingsprogram = old.to_string(),
            "contact" => a.budget.contact = old.to_string(),
            "milestones" => {
                if let Ok(m) = plan::Milestone::parse_list(old) {
                    a.budget.milestones = m;
                }
            }
            "priority" => a.budget.priority = plan::Priority::parse_text(old),
            "tasks" => {
                a.tasks = old
                    .split(", ")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            }
            _ => {}
        }
        out.version = h.version - 1;
    }
    if let Some(last) = history.iter().rev().find(|h| !after(h)) {
        out.updated_at = last.at.clone();
        out.updated_by = last.actor.clone();
    }
    Some(out)
}

/// What changed in an action between two reports: `None` when nothing the report shows did.
pub fn change_between(before: Option<&ActionRecord>, now: &ActionRecord) -> Option<String> {
    change_between_in(before, now, plan::Lang::Nb)
}

/// As [`change_between`], in `lang`.
pub fn change_between_in(
    before: Option<&ActionRecord>,
    now: &ActionRecord,
    lang: plan::Lang,
) -> Option<String> {
    let say = |key: &str, before: String, after: String| {
        i18n::tr_args(
            lang,
            key,
            &[
                ("before", i18n::Value::from(before)),
                ("after", i18n::Value::from(after)),
            ],
        )
    };
    let Some(b) = before else {
        return Some(i18n::tr(lang, "rpt-new-action"));
    };
    let mut parts = Vec::new();
    if b.action.status != now.action.status {
        parts.push(say(
            "rpt-change-status",
            b.action.status.label(lang).to_string(),
            now.action.status.label(lang).to_string(),
        ));
    }
    if b.action.progress != now.action.progress {
        parts.push(say(
            "rpt-change-progress",
            b.action.progress.to_string(),
            now.action.progress.to_string(),
        ));
    }
    if b.action.end != now.action.end {
        let day = |d: Option<time::Date>| d.map(|d| d.to_string()).unwrap_or_else(|| "–".into());
        parts.push(say(
            "rpt-change-end",
            day(b.action.end),
            day(now.action.end),
        ));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The day one period's report is compared with: the end of the previous report's period.
pub fn previous_report_end(period: report::Period, year: i32) -> Option<Date> {
    match period {
        report::Period::Year | report::Period::H1 => {
            Date::from_calendar_date(year - 1, Month::December, 31).ok()
        }
        report::Period::H2 => Date::from_calendar_date(year, Month::June, 30).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(status: ActionStatus, progress: u8) -> ActionRecord {
        let mut a = plan::embedded_default().actions[0].clone();
        a.status = status;
        a.progress = progress;
        ActionRecord {
            action: a,
            comment: "nå".into(),
            weight: None,
            version: 3,
            updated_at: "2025-03-01T10:00:00Z".into(),
            updated_by: "ola".into(),
        }
    }

    fn entry(version: i64, at: &str, field: &str, old: Option<&str>, new: &str) -> HistoryEntry {
        HistoryEntry {
            seq: version,
            action_id: "T1".into(),
            version,
            at: at.into(),
            actor: "ola".into(),
            field: field.into(),
            old_value: old.map(str::to_string),
            new_value: Some(new.into()),
        }
    }

    fn day(y: i32, m: Month, d: u8) -> Date {
        Date::from_calendar_date(y, m, d).unwrap()
    }

    #[test]
    fn changes_after_the_day_are_undone() {
        let now = record(ActionStatus::Completed, 100);
        let history = [
            entry(1, "2021-09-14T12:00:00Z", "created", None, "T1"),
            entry(2, "2023-12-31T12:00:00Z", "progress", Some("0"), "40"),
            entry(
                2,
                "2023-12-31T12:00:00Z",
                "status",
                Some("not_started"),
                "in_progress",
            ),
            entry(3, "2025-03-01T10:00:00Z", "progress", Some("40"), "100"),
            entry(
                3,
                "2025-03-01T10:00:00Z",
                "status",
                Some("in_progress"),
                "completed",
            ),
            entry(3, "2025-03-01T10:00:00Z", "comment", Some("halvveis"), "nå"),
        ];
        let y2024 = action_as_of(&now, &history, day(2024, Month::December, 31)).unwrap();
        assert_eq!(y2024.action.status, ActionStatus::InProgress);
        assert_eq!(y2024.action.progress, 40);
        assert_eq!(y2024.comment, "halvveis");
        assert_eq!(y2024.version, 2);
        assert_eq!(y2024.updated_at, "2023-12-31T12:00:00Z");
        let y2022 = action_as_of(&now, &history, day(2022, Month::December, 31)).unwrap();
        assert_eq!(
            (y2022.action.status, y2022.action.progress),
            (ActionStatus::NotStarted, 0)
        );
        // Created after the day: not in that report.
        assert!(action_as_of(&now, &history, day(2021, Month::June, 30)).is_none());
        // Today: as it is.
        assert_eq!(
            action_as_of(&now, &history, day(2026, Month::January, 1)).unwrap(),
            now
        );
        assert_eq!(
            change_between(Some(&y2022), &y2024).unwrap(),
            "status Ikke startet → Pågår, fremdrift 0 → 40 %"
        );
        assert_eq!(change_between(Some(&y2024), &y2024), None);
    }

    #[test]
    fn a_day_ends_at_midnight_in_norway() {
        // Winter: UTC+1; summer: UTC+2.
        assert_eq!(
            end_of_day(day(2024, Month::December, 31)).to_string(),
            "2024-12-31 23:00:00.0 +00:00:00"
        );
        assert_eq!(
            end_of_day(day(2024, Month::June, 30)).to_string(),
            "2024-06-30 22:00:00.0 +00:00:00"
        );
        let now = record(ActionStatus::Completed, 100);
        let late_evening = [
            entry(1, "2021-09-14T12:00:00Z", "created", None, "T1"),
            // 23:30 in Oslo on 31 December: still in the year.
            entry(
                2,
                "2024-12-31T22:30:00Z",
                "status",
                Some("in_progress"),
                "completed",
            ),
        ];
        let y = action_as_of(&now, &late_evening, day(2024, Month::December, 31)).unwrap();
        assert_eq!(y.action.status, ActionStatus::Completed);
    }
}
