//! Dates as the public reads them ("Tuesday 6 February 2024").

use chrono::{Datelike, NaiveDate};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// "Tuesday 6 February 2024".
pub(crate) fn long(date: NaiveDate) -> String {
    format!(
        "{} {}",
        DAYS[date.weekday().num_days_from_monday() as usize],
        medium(date)
    )
}

/// "6 February 2024".
pub(crate) fn medium(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// "2024-02-06", for `<time datetime>` and sorting.
pub(crate) fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The `YYYY-MM-DD` form of a date written the way UK papers write dates (see
/// [`uk_date`]), for a "did you mean" hint; `None` if `text` is no such date.
pub fn iso_of_uk_date(text: &str) -> Option<String> {
    uk_date(text).map(iso)
}

/// A date written in one of the ways UK papers write them, for a "did you mean
/// YYYY-MM-DD?" hint: 16/07/2024, 16.07.2024, 16-07-2024, 16 July 2024, 16th Jul 2024,
/// Tuesday 16 July 2024, July 16, 2024. Day first: 04/03/2025 is 4 March.
pub(crate) fn uk_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    for sep in ['/', '.', '-'] {
        let parts: Vec<&str> = t.split(sep).map(str::trim).collect();
        if let [d, m, y] = parts[..]
            && d.len() <= 2
            && y.len() == 4
            && let (Ok(d), Ok(m), Ok(y)) = (d.parse(), m.parse(), y.parse())
        {
            return NaiveDate::from_ymd_opt(y, m, d);
        }
    }
    let words: Vec<String> = t
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| {
            !DAYS
                .iter()
                .any(|d| d.to_lowercase().starts_with(w.as_str()) && w.len() >= 3)
        })
        .collect();
    let (day, month, year) = match &words[..] {
        [d, m, y] if month_of(d).is_none() => (d, m, y),
        [m, d, y] => (d, m, y),
        _ => return None,
    };
    let day = day
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()?;
    NaiveDate::from_ymd_opt(year.parse().ok()?, month_of(month)?, day)
}

/// 1 to 12 for a month's name or its first three letters or more ("sept" too).
fn month_of(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.to_lowercase().starts_with(word))
        .map(|i| i as u32 + 1)
}

/// The help line for a date that is not YYYY-MM-DD: the date it looks like, if any.
pub(crate) fn date_help(text: &str, example: &str) -> String {
    match uk_date(text) {
        Some(d) => format!("did you mean {}? Write dates as YYYY-MM-DD", iso(d)),
        None => format!("write dates as YYYY-MM-DD, for example {example}"),
    }
}

/// A `YYYY-MM-DD` date, as every date field and id is written.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let shaped = t.len() == 10 && t.as_bytes()[4] == b'-' && t.as_bytes()[7] == b'-';
    if !shaped {
        return None;
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_real_and_padded() {
        assert!(parse_date("2024-02-29").is_some());
        assert!(parse_date("2024-13-45").is_none());
        assert!(parse_date("2023-02-29").is_none());
        assert!(parse_date("2024-2-6").is_none());
    }

    #[test]
    fn reads_the_ways_uk_papers_write_dates() {
        let d = NaiveDate::from_ymd_opt(2024, 7, 16);
        for text in [
            "16/07/2024",
            "16.07.2024",
            "16-07-2024",
            "16/7/2024",
            "16 July 2024",
            "16th July 2024",
            "16 Jul 2024",
            "Tuesday 16 July 2024",
            "Tue, 16 July 2024",
            "July 16, 2024",
        ] {
            assert_eq!(uk_date(text), d, "{text}");
        }
        assert_eq!(
            uk_date("04/03/2025"),
            NaiveDate::from_ymd_opt(2025, 3, 4),
            "day first"
        );
        for text in [
            "31/02/2024",
            "16/07/24",
            "soon",
            "2024-07-16x",
            "16 Julyish 2024",
            "",
        ] {
            assert_eq!(uk_date(text), None, "{text}");
        }
        assert_eq!(
            date_help("16/07/2024", "2025-03-04"),
            "did you mean 2024-07-16? Write dates as YYYY-MM-DD"
        );
    }

    #[test]
    fn formats_like_a_council_website() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 6).unwrap();
        assert_eq!(long(d), "Tuesday 6 February 2024");
        assert_eq!(iso(d), "2024-02-06");
    }
}
