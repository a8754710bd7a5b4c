//! The one parser for the calendar dates people, forms, spreadsheets and the store write:
//! `YYYY-MM-DD` (ISO 8601, extended form). Callers add their own message naming the field and
//! the file or form.

use time::Date;
use time::macros::format_description;

/// Parses `2024-06-30`. Surrounding white space is not accepted; trim first where it may occur.
pub fn parse(s: &str) -> Result<Date, time::error::Parse> {
    Date::parse(s, format_description!("[year]-[month]-[day]"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn plain_dates_only() {
        assert_eq!(
            super::parse("2024-06-30").unwrap().to_string(),
            "2024-06-30"
        );
        for bad in [
            "2024-02-30",
            "30.06.2024",
            "2024-6-30",
            " 2024-06-30",
            "2024-06-30T00:00",
        ] {
            assert!(super::parse(bad).is_err(), "{bad}");
        }
    }
}
