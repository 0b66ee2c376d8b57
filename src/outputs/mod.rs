//! Outputs for machines and other apps, beside the pages: Atom feeds, iCalendar files,
//! open data in JSON with its schemas, and (with an absolute `base_url`) a sitemap and
//! robots.txt. Exempt papers appear in them only as title and reason, as on the pages.

mod atom;
mod data;
mod ical;
pub mod search;
mod sitemap;
mod time;

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use chrono_tz::Tz;
use serde::Serialize;

use crate::base::error::Diagnostic;
use crate::model::Site;
use crate::render::OutputFile;
use crate::render::templates::Templates;

pub use sitemap::sitemap;

/// Where each feed and calendar lives, for the templates (global `outputs`). Paths are
/// from the site root, to be put after `root`.
#[derive(Serialize)]
struct Globals {
    papers_feed: String,
    decisions_feed: String,
    data_page: String,
    /// By body name.
    bodies: BTreeMap<String, BodyOutputs>,
    /// Feed of each topic, by topic name.
    topic_feeds: BTreeMap<String, String>,
    /// The "add to calendar" file of each meeting, by meeting id.
    meeting_calendars: BTreeMap<String, String>,
}

#[derive(Serialize)]
struct BodyOutputs {
    feed: String,
    calendar: String,
}

/// Puts the locations of feeds, calendars and data into the templates' global context,
/// so that any page can link them.
pub fn insert_globals(site: &Site, global: &mut impl crate::render::ContextSink) {
    let bodies = site
        .bodies
        .iter()
        .map(|b| {
            let outputs = BodyOutputs {
                feed: paths::body_feed(&b.slug),
                calendar: paths::body_calendar(&b.slug),
            };
            (b.name.clone(), outputs)
        })
        .collect();
    let globals = Globals {
        papers_feed: paths::PAPERS_FEED.to_string(),
        decisions_feed: paths::DECISIONS_FEED.to_string(),
        data_page: Href::new(site).page(paths::DATA_PAGE),
        bodies,
        topic_feeds: site
            .topics
            .iter()
            .map(|t| (t.name.clone(), paths::topic_feed(&t.slug)))
            .collect(),
        meeting_calendars: site
            .meetings
            .iter()
            .map(|m| (m.id.clone(), paths::meeting_calendar(&m.path)))
            .collect(),
    };
    global.insert("outputs", &globals);
}

/// Every feed, calendar and data file, and the page that lists them.
pub fn render(site: &Site, templates: &Templates) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut files = atom::feeds(site);
    files.extend(ical::calendars(site));
    files.extend(data::files(site));
    if templates.has(DATA_TEMPLATE) {
        files.push(data::page(site, templates)?);
    }
    Ok(files)
}

/// Optional in a theme: a theme without it simply has no open data page.
const DATA_TEMPLATE: &str = "data.html";

/// Output paths, from the site root.
mod paths {
    pub const PAPERS_FEED: &str = "feeds/papers.xml";
    pub const DECISIONS_FEED: &str = "feeds/decisions.xml";
    pub const DATA_PAGE: &str = "data";

    pub fn body_feed(slug: &str) -> String {
        format!("feeds/bodies/{slug}.xml")
    }
    pub fn topic_feed(slug: &str) -> String {
        format!("feeds/topics/{slug}.xml")
    }
    pub fn body_calendar(slug: &str) -> String {
        format!("calendars/{slug}.ics")
    }
    /// Beside the meeting's page, so the page links it as `meeting.ics`.
    pub fn meeting_calendar(meeting_path: &str) -> String {
        format!("{meeting_path}/meeting.ics")
    }
}

/// Links from a generated file to a page or file of the site. With `base_url` they are
/// absolute (or rooted, if the base is); without, relative to the file that holds them,
/// so that they resolve from disk (`file://`) and from any folder of any host.
struct Href<'a> {
    base: Option<&'a str>,
}

impl<'a> Href<'a> {
    fn new(site: &'a Site) -> Self {
        Href {
            base: site.config.base_url.as_deref(),
        }
    }

    /// The href of page `path` (as in the model: "" for home, `meetings/x`) from the
    /// site root, as the page templates write it after `root`.
    fn page(&self, path: &str) -> String {
        match (path, self.base.is_some()) {
            ("", true) => String::new(),
            ("", false) => "index.html".to_string(),
            (p, _) if p.ends_with(".html") => p.to_string(),
            (p, true) => format!("{p}/"),
            (p, false) => format!("{p}/index.html"),
        }
    }

    /// How a file at `from` (output path) reaches the site root.
    fn root(&self, from: &str) -> String {
        match self.base {
            Some(base) => base.to_string(),
            None => "../".repeat(from.matches('/').count()),
        }
    }

    /// Link from the file at `from` to page `path`.
    fn to_page(&self, from: &str, path: &str) -> String {
        format!("{}{}", self.root(from), self.page(path))
    }

    /// Link from the file at `from` to another file, `file` (output path).
    fn to_file(&self, from: &str, file: &str) -> String {
        format!("{}{file}", self.root(from))
    }

    /// A full web address, which only an absolute `base_url` gives.
    fn absolute(&self, path: &str) -> Option<String> {
        self.base
            .filter(|b| b.starts_with("http://") || b.starts_with("https://"))
            .map(|b| format!("{b}{}", self.page(path)))
    }
}

/// The site's zone; `Config` checked the name, so the fallback is never used.
fn zone(site: &Site) -> Tz {
    site.config
        .timezone
        .parse()
        .unwrap_or(chrono_tz::Europe::London)
}

/// The start of `date` in the site's zone: papers and decisions carry a date, not a time.
fn start_of(site: &Site, date: NaiveDate) -> DateTime<FixedOffset> {
    let midnight = date.and_time(chrono::NaiveTime::MIN);
    match zone(site).from_local_datetime(&midnight).earliest() {
        Some(local) => local.fixed_offset(),
        // A zone that skips midnight on this date: UTC midnight is as good a stamp.
        None => midnight.and_utc().fixed_offset(),
    }
}

/// A name for this site that does not change when `base_url` is added or changed, so
/// that feed ids and calendar UIDs stay the same: the slug of `default_body`.
fn site_key(site: &Site) -> String {
    let slug = crate::base::text::slugify(&site.config.default_body);
    if slug.is_empty() {
        "panelpress-site".to_string()
    } else {
        slug
    }
}

/// A stable `urn:uuid:` for something of this site, named by `name` (e.g. its path).
fn urn(site: &Site, name: &str) -> String {
    // A fixed namespace for panelpress, itself derived from the URL namespace.
    let namespace = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, b"https://panelpress.invalid/");
    let key = format!("{}/{name}", site_key(site));
    format!(
        "urn:uuid:{}",
        uuid::Uuid::new_v5(&namespace, key.as_bytes()).hyphenated()
    )
}
