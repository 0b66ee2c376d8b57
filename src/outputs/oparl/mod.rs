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

/// The export's entry point, under the output folder.
pub(super) const SYSTEM_FILE: &str = "oparl/system.json";

/// Whether this site has the export: only with an absolute `base_url`.
pub(super) fn exported(site: &Site) -> bool {
    absolute_base(site).is_some()
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
    /// Writes the object at `oparl/<path>.json`, and gives its JSON for the lists.
    pub(super) fn object(&mut self, path: &str, value: &impl Serialize) -> Vec<u8> {
        let bytes = json(value);
        self.files.push(object_file(path, &bytes));
        bytes
    }

    /// Writes files made elsewhere (in parallel).
    pub(super) fn extend(&mut self, files: Vec<OutputFile>) {
        self.files.extend(files);
    }

    /// Writes the list `name`, paged: `oparl/list/<name>/<n>.json`. `items` are the
    /// objects' JSON, joined as they are rather than parsed again.
    pub(super) fn list(&mut self, at: &At, name: &str, items: &[impl AsRef<[u8]>]) {
        let pages = items.len().div_ceil(PAGE).max(1);
        for n in 1..=pages {
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
            let pagination = Pagination {
                total_elements: items.len(),
                elements_per_page: PAGE,
                current_page: n,
                total_pages: pages,
            };
            let data = items.iter().skip((n - 1) * PAGE).take(PAGE);
            let mut bytes = b"{\"data\":[".to_vec();
            for (i, item) in data.enumerate() {
                if i > 0 {
                    bytes.push(b',');
                }
                bytes.extend_from_slice(item.as_ref());
            }
            bytes.extend_from_slice(b"],\"pagination\":");
            bytes.extend(json(&pagination));
            bytes.extend_from_slice(b",\"links\":");
            bytes.extend(json(&links));
            bytes.extend_from_slice(b"}\n");
            self.files.push(OutputFile {
                path: At::file(&list_path(name, n)),
                bytes,
            });
        }
    }
}

/// An object as compact JSON. Compact, unlike the data files: this is for machines, and
/// every list repeats its objects whole, so indentation would be a fifth of the bytes.
pub(super) fn json(value: &impl Serialize) -> Vec<u8> {
    // Plain structs of strings, numbers and maps: serialising cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

/// The file of the object at `oparl/<path>.json`, given its JSON.
pub(super) fn object_file(path: &str, json: &[u8]) -> OutputFile {
    let mut bytes = json.to_vec();
    bytes.push(b'\n');
    OutputFile {
        path: At::file(path),
        bytes,
    }
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
