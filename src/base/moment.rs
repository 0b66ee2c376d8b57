//! Publication control: the moment a build publishes at, whether drafts are shown, and
//! the moments clerks write in `publish_from:` and `--now`.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// What a build may publish: everything not a draft (unless `drafts`) and not embargoed
/// past `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Publication {
    pub now: DateTime<Utc>,
    pub drafts: bool,
}

impl Publication {
    /// Now by the clock, unless `SOURCE_DATE_EPOCH` fixes it, as reproducible builds
    /// expect; drafts left out.
    pub fn from_env() -> Self {
        let fixed = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(|secs| DateTime::from_timestamp(secs, 0));
        Publication {
            now: fixed.unwrap_or_else(Utc::now),
            drafts: false,
        }
    }

    /// Whether a paper with this `publish_from` may appear in the output yet.
    pub fn is_released(&self, from: Option<&Moment>, tz: Tz) -> bool {
        from.is_none_or(|m| m.instant(tz) <= self.now)
    }
}

/// A moment as a clerk writes it: a date (midnight), a local date and time in the
/// site's timezone, or a time with an explicit offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// A date and time on the site's clock (`timezone` in site.toml).
    Local(NaiveDateTime),
    /// A time with its offset from UTC.
    Fixed(DateTime<FixedOffset>),
}

/// The forms `Moment::parse` accepts, for help texts.
pub const MOMENT_FORMS: &str =
    "YYYY-MM-DD, YYYY-MM-DD HH:MM (the site's timezone) or 2025-03-04T09:00:00+00:00";

impl Moment {
    /// Reads one of [`MOMENT_FORMS`]; `None` if `text` is none of them.
    pub fn parse(text: &str) -> Option<Moment> {
        let t = text.trim();
        if let Ok(fixed) = DateTime::parse_from_rfc3339(t) {
            return Some(Moment::Fixed(fixed));
        }
        let local = [
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M",
        ]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok());
        let local = local.or_else(|| {
            super::dates::parse_date(t)
                .map(|d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap_or_default())
        })?;
        Some(Moment::Local(local))
    }

    /// The instant it names. A local time that falls in a clock change is read as the
    /// later of its two instants, or the first instant after the gap: an embargo must
    /// never lift early.
    pub fn instant(&self, tz: Tz) -> DateTime<Utc> {
        match self {
            Moment::Fixed(t) => t.with_timezone(&Utc),
            Moment::Local(local) => {
                let mut probe = *local;
                loop {
                    match tz.from_local_datetime(&probe) {
                        chrono::LocalResult::Single(t) => return t.with_timezone(&Utc),
                        chrono::LocalResult::Ambiguous(_, later) => {
                            return later.with_timezone(&Utc);
                        }
                        chrono::LocalResult::None => probe += chrono::Duration::minutes(1),
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        Moment::parse(text)
            .unwrap()
            .instant(chrono_tz::Europe::London)
    }

    #[test]
    fn local_times_follow_the_site_timezone() {
        // Summer time: 09:00 in London is 08:00 UTC; in winter they agree.
        assert_eq!(at("2025-07-01 09:00"), at("2025-07-01T08:00:00Z"));
        assert_eq!(at("2025-01-14 09:00"), at("2025-01-14T09:00:00+00:00"));
        assert_eq!(at("2025-01-14"), at("2025-01-14T00:00:00Z"));
    }

    #[test]
    fn clock_changes_never_lift_an_embargo_early() {
        // 01:30 on 2025-03-30 does not exist in London; 01:30 on 2025-10-26 happens twice.
        assert_eq!(at("2025-03-30 01:30"), at("2025-03-30T01:00:00Z"));
        assert_eq!(at("2025-10-26 01:30"), at("2025-10-26T01:30:00Z"));
    }

    #[test]
    fn rejects_what_is_not_a_moment() {
        for bad in ["soon", "2025-13-01", "4/3/2025", "2025-03-04 25:00", ""] {
            assert_eq!(Moment::parse(bad), None, "{bad}");
        }
    }
}
