//! Every address of the archive, and the one rule for linking between them.
//!
//! Pages are named by their path from the site root as the model keeps it (`""` for the
//! home page, `meetings/2025-01-14`); each is written as `index.html` in its folder. With
//! `base_url` links are absolute (or rooted, if the base is) and pretty (`meetings/x/`);
//! without, they are relative to the file that holds them (`../../meetings/x/index.html`)
//! so that the archive works from disk (`file://`) and from any folder of any host.

use crate::model::{MeetingIdx, Site};

pub(crate) const PAPERS_FEED: &str = "feeds/papers.xml";
pub(crate) const DECISIONS_FEED: &str = "feeds/decisions.xml";
pub(crate) const DATA_PAGE: &str = "data";

/// Everyone in `people/`, by body.
pub(crate) const PEOPLE_PAGE: &str = "people";
/// The OParl 1.1 export's folder (only with an absolute `base_url`).
pub(crate) const OPARL_DIR: &str = "oparl";

/// A committee's members, current and former.
pub(crate) fn body_people_path(slug: &str) -> String {
    format!("{}/people", body_path(slug))
}

/// The feed of one issue's history (a thread of `follows`).
pub(crate) fn series_feed(slug: &str) -> String {
    format!("feeds/series/{slug}.xml")
}

pub(crate) fn body_feed(slug: &str) -> String {
    format!("feeds/bodies/{slug}.xml")
}

pub(crate) fn topic_feed(slug: &str) -> String {
    format!("feeds/topics/{slug}.xml")
}

pub(crate) fn body_calendar(slug: &str) -> String {
    format!("calendars/{slug}.ics")
}

/// Beside the meeting's page, so the page links it as `meeting.ics`.
pub(crate) fn meeting_calendar(meeting_path: &str) -> String {
    format!("{meeting_path}/meeting.ics")
}

/// A meeting's pack: its agenda and every published paper, on one page.
pub(crate) fn pack_path(site: &Site, m: MeetingIdx) -> String {
    format!("{}/pack", site.meetings[m].path)
}

/// A committee's page, listing its meetings by year.
pub(crate) fn body_path(slug: &str) -> String {
    format!("bodies/{slug}")
}

/// A committee's meetings in one year.
pub(crate) fn year_path(slug: &str, year: i32) -> String {
    format!("{}/{year}", body_path(slug))
}

/// The file of the page at `path` under the output folder.
pub(crate) fn file_of(path: &str) -> String {
    match path {
        "" => "index.html".to_string(),
        p if p.ends_with(".html") => p.to_string(),
        p => format!("{p}/index.html"),
    }
}

/// Links from one output file to a page or file of the site.
#[derive(Debug, Clone)]
pub(crate) struct Urls<'a> {
    base: Option<&'a str>,
}

impl<'a> Urls<'a> {
    pub(crate) fn new(site: &'a Site) -> Self {
        Self::with_base(site.config.base_url.as_deref())
    }

    pub(crate) fn with_base(base: Option<&'a str>) -> Self {
        Urls { base }
    }

    /// The href of page `path` from the site root, as templates write it after `root`.
    pub(crate) fn page(&self, path: &str) -> String {
        match (path, self.base.is_some()) {
            ("", true) => String::new(),
            ("", false) => "index.html".to_string(),
            (p, _) if p.ends_with(".html") => p.to_string(),
            (p, true) => format!("{p}/"),
            (p, false) => format!("{p}/index.html"),
        }
    }

    /// How the output file `from` reaches the site root.
    pub(crate) fn root(&self, from: &str) -> String {
        match self.base {
            Some(base) => base.to_string(),
            None => "../".repeat(from.matches('/').count()),
        }
    }

    /// How the page at `path` reaches the site root.
    pub(crate) fn root_of_page(&self, path: &str) -> String {
        self.root(&file_of(path))
    }

    /// Link from the output file `from` to page `path`.
    pub(crate) fn to_page(&self, from: &str, path: &str) -> String {
        format!("{}{}", self.root(from), self.page(path))
    }

    /// Link from the output file `from` to another output file.
    pub(crate) fn to_file(&self, from: &str, file: &str) -> String {
        format!("{}{file}", self.root(from))
    }

    /// A full web address, which only an absolute `base_url` gives.
    pub(crate) fn absolute(&self, path: &str) -> Option<String> {
        self.base
            .filter(|b| b.starts_with("http://") || b.starts_with("https://"))
            .map(|b| format!("{b}{}", self.page(path)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_climb_to_the_root_and_name_the_file() {
        let urls = Urls { base: None };
        assert_eq!(
            urls.to_page("meetings/x/index.html", "papers/y"),
            "../../papers/y/index.html"
        );
        assert_eq!(urls.to_page("index.html", ""), "index.html");
        assert_eq!(urls.root_of_page("meetings/x"), "../../");
        assert_eq!(urls.absolute("meetings/x"), None);
    }

    #[test]
    fn a_base_url_gives_pretty_absolute_links() {
        let urls = Urls {
            base: Some("https://example.org/panel/"),
        };
        assert_eq!(
            urls.to_page("meetings/x/index.html", "papers/y"),
            "https://example.org/panel/papers/y/"
        );
        assert_eq!(urls.page(""), "");
        assert_eq!(
            urls.absolute("papers/y").as_deref(),
            Some("https://example.org/panel/papers/y/")
        );
        let rooted = Urls {
            base: Some("/panel/"),
        };
        assert_eq!(rooted.absolute("papers/y"), None);
    }
}
