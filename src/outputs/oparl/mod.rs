//! The OParl 1.1 export: the archive as static JSON files under `oparl/`, for OParl
//! clients and aggregators. Written only with an absolute `base_url`, as every OParl id
//! is the full URL that serves the object.
//!
//! One `System` with one `Body`, the authority publishing the archive (named after
//! `default_body`); its committees and panels are `Organization`s, as are the councils
//! and organisations members sit for (`on_behalf_of`). Every object is a file of its own
//! (`oparl/meeting/<id>.json`) and is also given inside its parent where OParl asks for
//! it (memberships in persons, agenda items in meetings, files in papers). The lists a
//! Body links are paged, [`PAGE`] objects to a page, and linked by `links.next`.
//!
//! Dates are the model's own (a paper's or meeting's date at midnight in the site's
//! zone), never the clock, so the same content gives the same files. Exempt papers are
//! their title and item only: no file, no decision. Drafts and embargoed papers are not
//! in the model, so not here.

mod objects;

use std::collections::BTreeMap;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde::Serialize;
use serde_json::Value;

use crate::base::output::OutputFile;
use crate::model::Site;
use crate::urls::{self, Urls};

/// Objects per page of a list.
pub(crate) const PAGE: usize = 100;

/// The OParl version this export follows.
const VERSION: &str = "https://schema.oparl.org/1.1/";

/// Characters an id may hold that a URL path segment may not.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|');

/// Every file of the export, or none without an absolute `base_url`.
pub(super) fn export(site: &Site) -> Vec<OutputFile> {
    let Some(base) = absolute_base(site) else {
        return Vec::new();
    };
    let at = At { site, base };
    let mut out = Export::default();
    objects::write_all(&at, &mut out);
    out.files
}

/// The site's base when it is a full `http(s)://` address (it ends in `/`).
fn absolute_base(site: &Site) -> Option<&str> {
    Urls::new(site).absolute("")?;
    site.config.base_url.as_deref()
}

/// Where the export lives: the site and its base address.
pub(super) struct At<'a> {
    pub(super) site: &'a Site,
    base: &'a str,
}

impl At<'_> {
    /// The file under the output folder for `oparl/<path>.json`.
    fn file(path: &str) -> String {
        format!("{}/{path}.json", urls::OPARL_DIR)
    }

    /// The URL of the object at `oparl/<path>.json`; `path`'s segments are encoded.
    pub(super) fn url(&self, path: &str) -> String {
        let encoded: Vec<String> = path
            .split('/')
            .map(|s| utf8_percent_encode(s, SEGMENT).to_string())
            .collect();
        format!("{}{}", self.base, Self::file(&encoded.join("/")))
    }

    /// A page of the archive, as its full address.
    pub(super) fn web(&self, page: &str) -> String {
        Urls::new(self.site)
            .absolute(page)
            .unwrap_or_else(|| format!("{}{page}", self.base))
    }

    /// Another output file of the archive (an attachment), as its full address.
    pub(super) fn output(&self, file: &str) -> String {
        format!("{}{file}", self.base)
    }

    /// The URL of page `n` (from 1) of the list `name`.
    pub(super) fn list(&self, name: &str, n: usize) -> String {
        self.url(&list_path(name, n))
    }
}

fn list_path(name: &str, n: usize) -> String {
    format!("list/{name}/{n}")
}

/// The files made so far, by path, each written once.
#[derive(Default)]
pub(super) struct Export {
    files: Vec<OutputFile>,
}

impl Export {
    /// Writes the object at `oparl/<path>.json`.
    pub(super) fn object(&mut self, path: &str, value: &impl Serialize) {
        self.write(At::file(path), value);
    }

    fn write(&mut self, path: String, value: &impl Serialize) {
        // Plain structs of strings, numbers and maps: serialising cannot fail.
        let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
        bytes.push(b'\n');
        self.files.push(OutputFile { path, bytes });
    }

    /// Writes the list `name`, paged: `oparl/list/<name>/<n>.json`.
    pub(super) fn list(&mut self, at: &At, name: &str, items: Vec<Value>) {
        let total = items.len();
        let pages = total.div_ceil(PAGE).max(1);
        let mut items = items.into_iter();
        for n in 1..=pages {
            let data: Vec<Value> = items.by_ref().take(PAGE).collect();
            let mut links = BTreeMap::new();
            links.insert("first", at.list(name, 1));
            links.insert("last", at.list(name, pages));
            links.insert("self", at.list(name, n));
            if n > 1 {
                links.insert("prev", at.list(name, n - 1));
            }
            if n < pages {
                links.insert("next", at.list(name, n + 1));
            }
            let page = ListPage {
                data,
                pagination: Pagination {
                    total_elements: total,
                    elements_per_page: PAGE,
                    current_page: n,
                    total_pages: pages,
                },
                links,
            };
            self.write(At::file(&list_path(name, n)), &page);
        }
    }
}

#[derive(Serialize)]
struct ListPage {
    data: Vec<Value>,
    pagination: Pagination,
    links: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Pagination {
    total_elements: usize,
    elements_per_page: usize,
    current_page: usize,
    total_pages: usize,
}

/// `https://schema.oparl.org/1.1/<name>`.
pub(super) fn kind(name: &str) -> String {
    format!("{VERSION}{name}")
}
