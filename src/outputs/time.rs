//! Meeting times, which clerks write as free text ("10:00", "10.30 am", "2pm",
//! "14:00-16:00"), read into clock times for calendars.

use chrono::NaiveTime;

/// A meeting's start and, if the text gives one, its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    pub start: NaiveTime,
    pub end: Option<NaiveTime>,
}

/// `None` when the text is not a time a calendar could use ("after the AGM").
pub(super) fn parse(text: &str) -> Option<Span> {
    let text = text.trim().to_lowercase().replace(['–', '—'], "-");
    let (start, end) = match text.split_once('-').or_else(|| text.split_once(" to ")) {
        Some((a, b)) => (a, Some(b)),
        None => (text.as_str(), None),
    };
    let end_text = end;
    let end = match end {
        Some(e) => Some(clock(e)?),
        None => None,
    };
    let mut start_time = clock(start)?;
    // "2-4pm": a start without am or pm takes the end's afternoon when that fits.
    let meridiem = |t: &str| t.contains("am") || t.contains("pm") || t.contains("m.");
    if let (Some(e), Some(end_text)) = (end, end_text)
        && !meridiem(start)
        && meridiem(end_text)
        && e >= NaiveTime::from_hms_opt(12, 0, 0)?
        && start_time < NaiveTime::from_hms_opt(12, 0, 0)?
        && start_time + chrono::Duration::hours(12) < e
    {
        start_time += chrono::Duration::hours(12);
    }
    let start = start_time;
    Some(Span { start, end })
}

/// One clock time: "10:00", "10.00", "10", "10am", "10.30 p.m.", "14:00".
fn clock(text: &str) -> Option<NaiveTime> {
    let compact: String = text
        .replace("a.m.", "am")
        .replace("p.m.", "pm")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let (digits, meridiem) = if let Some(d) = compact.strip_suffix("am") {
        (d, Some(false))
    } else if let Some(d) = compact.strip_suffix("pm") {
        (d, Some(true))
    } else {
        (compact.as_str(), None)
    };
    let (h, m) = match digits.split_once([':', '.']) {
        Some((h, m)) => (h, m),
        None => (digits, "0"),
    };
    if h.is_empty() || h.len() > 2 || m.len() > 2 {
        return None;
    }
    let (mut hour, minute): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    match meridiem {
        Some(pm) if (1..=12).contains(&hour) => hour = hour % 12 + if pm { 12 } else { 0 },
        Some(_) => return None,
        None => {}
    }
    NaiveTime::from_hms_opt(hour, minute, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn reads_the_ways_clerks_write_times() {
        let start = |s| parse(s).map(|span| span.start);
        assert_eq!(start("10:00"), Some(t(10, 0)));
        assert_eq!(start("10.30 am"), Some(t(10, 30)));
        assert_eq!(start("2pm"), Some(t(14, 0)));
        assert_eq!(start("12 noon"), None);
        assert_eq!(start("12.15 p.m."), Some(t(12, 15)));
        assert_eq!(start("12am"), Some(t(0, 0)));
        assert_eq!(start("after the AGM"), None);
        assert_eq!(start("25:00"), None);
    }

    #[test]
    fn reads_ranges() {
        assert_eq!(
            parse("14:00–16:30"),
            Some(Span {
                start: t(14, 0),
                end: Some(t(16, 30))
            })
        );
        assert_eq!(
            parse("2-4pm"),
            Some(Span {
                start: t(14, 0),
                end: Some(t(16, 0))
            })
        );
        assert_eq!(
            parse("10am to 12.30pm").and_then(|s| s.end),
            Some(t(12, 30))
        );
    }
}
