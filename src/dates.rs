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
pub fn long(date: NaiveDate) -> String {
    format!(
        "{} {}",
        DAYS[date.weekday().num_days_from_monday() as usize],
        medium(date)
    )
}

/// "6 February 2024".
pub fn medium(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// "2024-02-06", for `<time datetime>` and sorting.
pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_a_council_website() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 6).unwrap();
        assert_eq!(long(d), "Tuesday 6 February 2024");
        assert_eq!(iso(d), "2024-02-06");
    }
}
