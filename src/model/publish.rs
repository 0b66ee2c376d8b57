//! Publication control: the moment a build publishes at, whether drafts are shown, and
//! the moments clerks write in `publish_from:` and `--now`.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::base::moment::Moment;

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
