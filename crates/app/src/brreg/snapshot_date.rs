//! A bulk snapshot's date: from a date in the file name, else the file's modification time,
//! corrected by the latest registration in the file when the modification time is a copy's.

use std::path::Path;

use store::brreg::DateSource;
use time::{Date, Month};

use super::BrregError;

/// A date in a file name: `YYYY-MM-DD`, `YYYY_MM_DD` or `YYYYMMDD` (years 1990–2099).
pub fn date_in_name(name: &str) -> Option<Date> {
    let b = name.as_bytes();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    let num = |s: &[u8]| s.iter().fold(0u32, |a, d| a * 10 + u32::from(d - b'0'));
    let make = |y: u32, m: u32, d: u32| {
        if !(1990..=2099).contains(&y) {
            return None;
        }
        Date::from_calendar_date(
            y as i32,
            Month::try_from(u8::try_from(m).ok()?).ok()?,
            u8::try_from(d).ok()?,
        )
        .ok()
    };
    for i in 0..b.len() {
        let before_ok = i == 0 || !b[i - 1].is_ascii_digit();
        if !before_ok {
            continue;
        }
        if i + 10 <= b.len()
            && digits(&b[i..i + 4])
            && matches!(b[i + 4], b'-' | b'_')
            && b[i + 7] == b[i + 4]
            && digits(&b[i + 5..i + 7])
            && digits(&b[i + 8..i + 10])
            && (i + 10 == b.len() || !b[i + 10].is_ascii_digit())
            && let Some(d) = make(
                num(&b[i..i + 4]),
                num(&b[i + 5..i + 7]),
                num(&b[i + 8..i + 10]),
            )
        {
            return Some(d);
        }
        if i + 8 <= b.len()
            && digits(&b[i..i + 8])
            && (i + 8 == b.len() || !b[i + 8].is_ascii_digit())
            && let Some(d) = make(
                num(&b[i..i + 4]),
                num(&b[i + 4..i + 6]),
                num(&b[i + 6..i + 8]),
            )
        {
            return Some(d);
        }
    }
    None
}

/// Days the file's modification time may lie after the latest registration in it before the
/// modification time is taken to be a copy's, not the download's.
const MTIME_SLACK_DAYS: i64 = 31;

/// The snapshot date: a modification time much later than (or before) the file's latest
/// registration is not the day the file was taken; the latest registration is then closer.
pub(super) fn settle_date(
    date: Date,
    source: DateSource,
    latest: Option<Date>,
) -> (Date, DateSource) {
    match (source, latest) {
        (DateSource::FileMtime, Some(l))
            if date < l || (date - l).whole_days() > MTIME_SLACK_DAYS =>
        {
            (l, DateSource::LatestRegistration)
        }
        _ => (date, source),
    }
}

/// The day of the file's modification time.
pub(super) fn mtime_date(path: &Path) -> Result<Date, BrregError> {
    let modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .map_err(|cause| BrregError::ModificationTime {
            path: path.display().to_string(),
            cause,
        })?;
    Ok(time::OffsetDateTime::from(modified).date())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_in_file_names() {
        assert_eq!(
            date_in_name("enheter_2024-03-01.csv.gz"),
            Some(date!(2024 - 03 - 01))
        );
        assert_eq!(
            date_in_name("enheter_20240301.csv.gz"),
            Some(date!(2024 - 03 - 01))
        );
        assert_eq!(
            date_in_name("2019_12_31_underenheter.json"),
            Some(date!(2019 - 12 - 31))
        );
        assert_eq!(date_in_name("enheter_alle.csv.gz"), None);
        assert_eq!(date_in_name("enheter_20241399.csv"), None);
        assert_eq!(date_in_name("x123456789.csv"), None);
    }

    #[test]
    fn an_old_file_copied_recently_takes_its_latest_registration_date() {
        let latest = Some(date!(2023 - 10 - 03));
        assert_eq!(
            settle_date(date!(2026 - 11 - 28), DateSource::FileMtime, latest),
            (date!(2023 - 10 - 03), DateSource::LatestRegistration)
        );
        assert_eq!(
            settle_date(date!(2023 - 10 - 20), DateSource::FileMtime, latest),
            (date!(2023 - 10 - 20), DateSource::FileMtime)
        );
        assert_eq!(
            settle_date(date!(2026 - 11 - 28), DateSource::FileName, latest),
            (date!(2026 - 11 - 28), DateSource::FileName)
        );
        assert_eq!(
            settle_date(date!(2026 - 11 - 28), DateSource::FileMtime, None),
            (date!(2026 - 11 - 28), DateSource::FileMtime)
        );
    }
}
