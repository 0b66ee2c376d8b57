//! iCalendar (RFC 5545): a calendar per body with all its meetings, and an "add to
//! calendar" file per meeting. Times are local to the site's zone, described by a
//! VTIMEZONE built from the tz database for the years the meetings span.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::time::{self, Span};
use super::{site_key, zone};
use crate::base::output::OutputFile;
use crate::base::vocab::Status;
use crate::model::{MeetingIdx, Site};
use crate::urls::{self, Urls};

/// Papers rarely say when a meeting ends; calendars need an end, so assume this.
const DEFAULT_LENGTH: Duration = Duration::hours(2);

pub(super) fn calendars(site: &Site) -> Vec<OutputFile> {
    let mut files: Vec<OutputFile> = site
        .bodies
        .iter()
        .map(|b| {
            let name = format!("{}: meetings", b.name);
            let path = urls::body_calendar(&b.slug);
            calendar(site, &path, &name, &b.meetings)
        })
        .collect();
    files.extend(site.meetings.iter().enumerate().map(|(m, meeting)| {
        let path = urls::meeting_calendar(&meeting.path);
        calendar(site, &path, &meeting.display_title(site), &[m])
    }));
    files
}

fn calendar(site: &Site, path: &str, name: &str, meetings: &[MeetingIdx]) -> OutputFile {
    let tz = zone(site);
    let mut out = Lines::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line(&format!(
        "PRODID:-//panelpress//panelpress {}//EN",
        env!("CARGO_PKG_VERSION")
    ));
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.text("NAME", name);
    out.text("X-WR-CALNAME", name);
    out.text("X-WR-TIMEZONE", tz.name());
    let timed: Vec<NaiveDate> = meetings
        .iter()
        .map(|&m| &site.meetings[m])
        .filter(|m| m.time.as_deref().and_then(time::parse).is_some())
        .map(|m| m.date)
        .collect();
    if let (Some(first), Some(last)) = (timed.iter().min(), timed.iter().max()) {
        vtimezone(&mut out, tz, first.year(), last.year());
    }
    for &m in meetings {
        event(site, &mut out, m);
    }
    out.line("END:VCALENDAR");
    OutputFile {
        path: path.to_string(),
        bytes: out.0.into_bytes(),
    }
}

fn event(site: &Site, out: &mut Lines, m: MeetingIdx) {
    let meeting = &site.meetings[m];
    let body = &site.bodies[meeting.body];
    let cancelled = meeting.status == Some(Status::Cancelled);
    out.line("BEGIN:VEVENT");
    // The meeting's path is unique in the site and, unlike a URL, needs no base_url.
    let id = meeting
        .path
        .trim_start_matches("meetings/")
        .replace('/', "-");
    out.line(&format!("UID:meeting-{id}@{}", site_key(site)));
    // A stamp from content, not the clock: the meeting's own date.
    out.line(&format!(
        "DTSTAMP:{}T000000Z",
        meeting.date.format("%Y%m%d")
    ));
    // A cancellation must win over a copy imported while it was still on.
    out.line(&format!("SEQUENCE:{}", u8::from(cancelled)));
    let tzid = zone(site).name();
    match meeting.time.as_deref().and_then(time::parse) {
        Some(span) => {
            let (start, end) = times(meeting.date, span);
            out.line(&format!(
                "DTSTART;TZID={tzid}:{}",
                start.format("%Y%m%dT%H%M%S")
            ));
            out.line(&format!(
                "DTEND;TZID={tzid}:{}",
                end.format("%Y%m%dT%H%M%S")
            ));
        }
        None => {
            out.line(&format!(
                "DTSTART;VALUE=DATE:{}",
                meeting.date.format("%Y%m%d")
            ));
            let next = meeting.date.succ_opt().unwrap_or(meeting.date);
            out.line(&format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
        }
    }
    let title = meeting.title.as_deref().unwrap_or(&body.name);
    let summary = if cancelled {
        format!("Cancelled: {title}")
    } else {
        title.to_string()
    };
    out.text("SUMMARY", &summary);
    if let Some(venue) = &meeting.venue {
        out.text("LOCATION", venue);
    }
    out.line(match meeting.status {
        Some(Status::Cancelled) => "STATUS:CANCELLED",
        Some(Status::Held | Status::Scheduled) => "STATUS:CONFIRMED",
        // Known only because papers name its date.
        None => "STATUS:TENTATIVE",
    });
    out.text("DESCRIPTION", &description(site, m));
    if let Some(url) = Urls::new(site).absolute(&meeting.path) {
        out.line(&format!("URL:{url}"));
    }
    out.line("END:VEVENT");
}

/// Start and end, local to the site's zone. An end before the start means the text was
/// not a range we understood, so the default length applies.
fn times(date: NaiveDate, span: Span) -> (NaiveDateTime, NaiveDateTime) {
    let start = date.and_time(span.start);
    let end = match span.end {
        Some(end) if end > span.start => date.and_time(end),
        _ => start + DEFAULT_LENGTH,
    };
    (start, end)
}

/// The agenda, as plain text, and where the papers are.
fn description(site: &Site, m: MeetingIdx) -> String {
    let meeting = &site.meetings[m];
    let mut text = format!("{}.", meeting.display_title(site));
    if let Some(t) = &meeting.time {
        text.push_str(&format!(" Time: {t}."));
    }
    if !meeting.agenda.is_empty() {
        text.push_str("\n\nAgenda:");
        for entry in &meeting.agenda {
            let item = entry
                .item
                .as_deref()
                .map(|i| format!("{i}. "))
                .unwrap_or_default();
            let exempt = entry.paper.is_some_and(|p| site.papers[p].exempt.is_some());
            let note = if exempt { " (exempt)" } else { "" };
            text.push_str(&format!("\n{item}{}{note}", entry.title));
        }
    }
    // A relative link means nothing inside a calendar app: only a full address is given.
    if let Some(page) = Urls::new(site).absolute(&meeting.path) {
        text.push_str(&format!("\n\nPapers: {page}"));
    }
    text
}

/// One STANDARD or DAYLIGHT component per change of offset, from the last change before
/// `first` (so the earliest meeting is covered) to the end of `last`.
fn vtimezone(out: &mut Lines, tz: Tz, first: i32, last: i32) {
    out.line("BEGIN:VTIMEZONE");
    out.line(&format!("TZID:{}", tz.name()));
    let from = utc_new_year(first - 1);
    let to = utc_new_year(last + 1);
    let changes = transitions(tz, from, to);
    // Begin with the change before `first`, so the earliest meeting is covered; a zone
    // with none in that time needs one observance that has always held.
    match changes.iter().rposition(|c| c.at < utc_new_year(first)) {
        Some(i) => changes[i..].iter().for_each(|c| observance(out, c)),
        None => {
            observance(out, &Observance::fixed(&tz.offset_from_utc_datetime(&from)));
            changes.iter().for_each(|c| observance(out, c));
        }
    }
    out.line("END:VTIMEZONE");
}

struct Observance {
    /// UTC.
    at: NaiveDateTime,
    from: i32,
    to: i32,
    daylight: bool,
    name: Option<String>,
}

impl Observance {
    fn fixed(offset: &chrono_tz::TzOffset) -> Self {
        let secs = offset.fix().local_minus_utc();
        Observance {
            at: NaiveDate::from_ymd_opt(1970, 1, 1)
                .unwrap_or_default()
                .and_time(chrono::NaiveTime::MIN),
            from: secs,
            to: secs,
            daylight: false,
            name: offset.abbreviation().map(str::to_string),
        }
    }
}

fn observance(out: &mut Lines, o: &Observance) {
    let kind = if o.daylight { "DAYLIGHT" } else { "STANDARD" };
    out.line(&format!("BEGIN:{kind}"));
    // DTSTART is the local time, in the offset in force before the change.
    let local = o.at + Duration::seconds(i64::from(o.from));
    out.line(&format!("DTSTART:{}", local.format("%Y%m%dT%H%M%S")));
    out.line(&format!("TZOFFSETFROM:{}", utc_offset(o.from)));
    out.line(&format!("TZOFFSETTO:{}", utc_offset(o.to)));
    if let Some(name) = &o.name {
        out.text("TZNAME", name);
    }
    out.line(&format!("END:{kind}"));
}

fn utc_new_year(year: i32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .unwrap_or_default()
        .and_time(chrono::NaiveTime::MIN)
}

/// Every change of UTC offset in `[from, to)`, found day by day and then to the second.
fn transitions(tz: Tz, from: NaiveDateTime, to: NaiveDateTime) -> Vec<Observance> {
    let offset_at = |t: NaiveDateTime| tz.offset_from_utc_datetime(&t).fix().local_minus_utc();
    let mut changes = Vec::new();
    let mut day = from;
    while day < to {
        let next = day + Duration::days(1);
        if offset_at(day) != offset_at(next) {
            // Offsets differ across (lo, hi]: narrow to the first second of the new one.
            let (mut lo, mut hi) = (day, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if offset_at(mid) == offset_at(lo) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let after = tz.offset_from_utc_datetime(&hi);
            changes.push(Observance {
                at: hi,
                from: offset_at(lo),
                to: offset_at(hi),
                daylight: !after.dst_offset().is_zero(),
                name: after.abbreviation().map(str::to_string),
            });
        }
        day = next;
    }
    changes
}

/// "+0100", "-0430"; seconds only when the zone has them.
fn utc_offset(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let s = secs.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// Content lines: CRLF-terminated, folded at 75 octets without splitting a character.
#[derive(Default)]
struct Lines(String);

impl Lines {
    fn line(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > 75 {
                self.0.push_str("\r\n ");
                width = 1;
            }
            self.0.push(c);
            width += c.len_utf8();
        }
        self.0.push_str("\r\n");
    }

    /// A property whose value is TEXT, escaped as RFC 5545 3.3.11 asks.
    fn text(&mut self, name: &str, value: &str) {
        let mut escaped = String::with_capacity(value.len());
        for c in value.chars() {
            match c {
                '\\' => escaped.push_str("\\\\"),
                ';' => escaped.push_str("\\;"),
                ',' => escaped.push_str("\\,"),
                '\n' => escaped.push_str("\\n"),
                '\r' => {}
                c => escaped.push(c),
            }
        }
        self.line(&format!("{name}:{escaped}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_long_lines_at_75_octets_on_character_boundaries() {
        let mut out = Lines::default();
        out.text("DESCRIPTION", &"é, ".repeat(60));
        for line in out.0.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = out.0.replace("\r\n ", "");
        assert_eq!(
            unfolded.strip_suffix("\r\n").unwrap(),
            format!("DESCRIPTION:{}", "é\\, ".repeat(60))
        );
    }

    #[test]
    fn offsets_print_as_rfc_5545_utc_offsets() {
        assert_eq!(utc_offset(3600), "+0100");
        assert_eq!(utc_offset(-16200), "-0430");
        assert_eq!(utc_offset(0), "+0000");
    }
}
