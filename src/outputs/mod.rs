//! Outputs for machines and other apps, beside the pages: Atom feeds, iCalendar files,
//! open data in JSON with its schemas, and (with an absolute `base_url`) the OParl 1.1
//! export, a sitemap and robots.txt. Exempt papers appear in them only as title and reason, as on the pages.

mod atom;
mod data;
mod ical;
mod oparl;
mod people;
mod record;
pub(crate) mod search;
mod sitemap;
mod time;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use chrono_tz::Tz;

use crate::base::error::Diagnostic;
use crate::base::output::OutputFile;
use crate::model::Site;
use crate::render::templates::Templates;

pub(crate) use sitemap::sitemap;

/// Every feed, calendar and data file, and the page that lists them.
pub(crate) fn render(site: &Site, templates: &Templates) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut files = atom::feeds(site);
    files.extend(ical::calendars(site));
    files.extend(data::files(site));
    files.extend(oparl::export(site));
    if templates.has(DATA_TEMPLATE) {
        files.push(data::page(site, templates)?);
    }
    Ok(files)
}

/// Optional in a theme: a theme without it simply has no open data page.
const DATA_TEMPLATE: &str = "data.html";

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
