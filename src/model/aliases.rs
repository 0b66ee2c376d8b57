//! Stable links: the old ids a paper or meeting lists in `aliases:`. Each becomes a
//! redirect page at the old address, so that moving a file never breaks a citation.
//!
//! Aliases are read from every file, drafts and embargoed papers included, so that the
//! same content is refused or accepted whatever a build leaves out; only the aliases of
//! what is published get a redirect (a withheld paper's would give away its new address).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::{MeetingIdx, PaperIdx, Site, meeting_path, paper_path};
use crate::base::error::{Diagnostic, ErrorKind, Location};
use crate::base::text::slugify;
use crate::load::{MeetingSource, PaperSource, Spanned};

/// What a redirect page leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RedirectTo {
    Paper(PaperIdx),
    Meeting(MeetingIdx),
}

/// A redirect page: the old address (a page path, as `Paper::path` is) and its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    pub path: String,
    pub to: RedirectTo,
}

impl Site {
    /// Every redirect page of the site, in path order.
    pub fn redirects(&self) -> Vec<Redirect> {
        let papers = self.papers.iter().enumerate().flat_map(|(i, p)| {
            p.aliases.iter().map(move |a| Redirect {
                path: paper_path(a),
                to: RedirectTo::Paper(i),
            })
        });
        let meetings = self.meetings.iter().enumerate().flat_map(|(i, m)| {
            m.aliases.iter().map(move |a| Redirect {
                path: meeting_path(a),
                to: RedirectTo::Meeting(i),
            })
        });
        let mut all: Vec<Redirect> = papers.chain(meetings).collect();
        all.sort_by(|a, b| a.path.cmp(&b.path));
        all
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Paper,
    Meeting,
}

/// One alias as a file claims it.
pub(super) struct Claim {
    kind: Kind,
    /// The id of the paper or meeting that claims it.
    owner: String,
    file: PathBuf,
    line: usize,
    written: String,
    /// The old id, normalised.
    id: String,
    /// The old page's path.
    address: String,
}

/// Every alias of every file read, normalised; and an error for each that cannot be one.
pub(super) fn claims(
    meetings: &[MeetingSource],
    papers: &[PaperSource],
) -> (Vec<Claim>, Vec<Diagnostic>) {
    let of_meetings = meetings
        .iter()
        .map(|m| (Kind::Meeting, &m.id.value, &m.file, &m.aliases));
    let of_papers = papers
        .iter()
        .map(|p| (Kind::Paper, &p.id, &p.file, &p.aliases));
    let mut claims = Vec::new();
    let mut errors = Vec::new();
    for (kind, owner, file, aliases) in of_meetings.chain(of_papers) {
        for alias in aliases {
            match normalise(kind, &alias.value) {
                Ok(id) => claims.push(Claim {
                    kind,
                    owner: owner.clone(),
                    file: file.clone(),
                    line: alias.line,
                    written: alias.value.clone(),
                    address: match kind {
                        Kind::Paper => paper_path(&id),
                        Kind::Meeting => meeting_path(&id),
                    },
                    id,
                }),
                Err((message, help)) => errors.push(error(file, alias, message, help)),
            }
        }
    }
    claims.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    (claims, errors)
}

fn error(file: &Path, alias: &Spanned<String>, message: String, help: &str) -> Diagnostic {
    Diagnostic::new(ErrorKind::Field, Location::at(file, alias.line), message).help(help)
}

const FORMS: &str = "write the old id as it was, e.g. `2023/2023-06-01/b1-report` for a paper or `2023-06-01` for a meeting";

/// The old id an alias names. Accepted: the id itself, or the old page's address
/// (`papers/<id>`, `meetings/<id>`), with or without a leading `/`, a trailing `/` or
/// `/index.html`; for a paper also its old file, `content/<id>.md`. Anything that is not a
/// plain relative path is refused: an alias names a place in this site's output only.
fn normalise(kind: Kind, written: &str) -> Result<String, (String, &'static str)> {
    let refuse = |why: &str| Err((format!("alias `{written}` {why}"), FORMS));
    let text = written.trim();
    if text.contains('\\') {
        return refuse("has a backslash: an old address uses `/` between folders");
    }
    if text.contains("://") || text.starts_with("//") || text.contains(':') {
        return refuse("is a web address or drive path, not an old id of this site");
    }
    if text
        .chars()
        .any(|c| c.is_control() || matches!(c, '?' | '#' | '%'))
    {
        return refuse("has a `?`, `#`, `%` or control character, which no old id has");
    }
    let text = text.strip_prefix('/').unwrap_or(text);
    let text = match text.strip_suffix("index.html") {
        Some("") => "",
        Some(up) if up.ends_with('/') => up,
        _ => text,
    };
    let text = text.strip_suffix('/').unwrap_or(text);
    let id = match kind {
        Kind::Paper => match text.strip_prefix("content/") {
            Some(file) => file.strip_suffix(".md").unwrap_or(file),
            None => text.strip_prefix("papers/").unwrap_or(text),
        },
        Kind::Meeting => text.strip_prefix("meetings/").unwrap_or(text),
    };
    if id.is_empty() {
        return refuse("is empty");
    }
    if kind == Kind::Meeting && id.contains('/') {
        return refuse("has folders, but a meeting's page is one folder under `meetings/`");
    }
    for segment in id.split('/') {
        if segment.is_empty() || segment == "." || segment == ".." {
            return refuse("is not a plain path: it has an empty, `.` or `..` folder");
        }
        if slugify(segment).is_empty() {
            return refuse("has a folder with no letter or digit, which no address has");
        }
    }
    Ok(id.to_string())
}

/// What already lives at an address, for the alias checks.
enum Taken<'a> {
    Paper(&'a str),
    Meeting(&'a str),
    Attachment(&'a str),
    /// A draft or embargoed paper, or a draft meeting: published there later.
    Withheld(&'a str),
}

/// Checks every claim against the published pages, the withheld ones and each other,
/// then gives each published paper and meeting its aliases.
pub(super) fn settle<'a>(
    site: &mut Site,
    claims: Vec<Claim>,
    withheld_meetings: impl Iterator<Item = &'a str>,
    errors: &mut Vec<Diagnostic>,
) {
    let mut taken: BTreeMap<String, Taken> = BTreeMap::new();
    for p in &site.papers {
        taken.insert(p.path.clone(), Taken::Paper(&p.id));
        for a in &p.attachments {
            taken.insert(format!("{}/{}", p.path, a.name), Taken::Attachment(&p.id));
        }
    }
    for m in &site.meetings {
        taken.insert(m.path.clone(), Taken::Meeting(&m.id));
    }
    for id in site.withheld.keys() {
        taken
            .entry(paper_path(id))
            .or_insert(Taken::Withheld(id.as_str()));
    }
    for id in withheld_meetings {
        taken.entry(meeting_path(id)).or_insert(Taken::Withheld(id));
    }
    let mut first: HashMap<&str, &Claim> = HashMap::new();
    let mut granted: Vec<&Claim> = Vec::new();
    for claim in &claims {
        if let Some(problem) = clash(&taken, claim) {
            errors.push(problem);
        } else if let Some(earlier) = first.get(claim.address.as_str()) {
            if earlier.file != claim.file {
                errors.push(claimed_twice(claim, earlier));
            }
        } else {
            first.insert(&claim.address, claim);
            granted.push(claim);
        }
    }
    let papers: HashMap<String, PaperIdx> = ids(site.papers.iter().map(|p| &p.id));
    let meetings: HashMap<String, MeetingIdx> = ids(site.meetings.iter().map(|m| &m.id));
    for claim in granted {
        match claim.kind {
            Kind::Paper => {
                if let Some(&p) = papers.get(&claim.owner) {
                    site.papers[p].aliases.push(claim.id.clone());
                }
            }
            Kind::Meeting => {
                if let Some(&m) = meetings.get(&claim.owner) {
                    site.meetings[m].aliases.push(claim.id.clone());
                }
            }
        }
    }
}

fn ids<'a>(list: impl Iterator<Item = &'a String>) -> HashMap<String, usize> {
    list.enumerate().map(|(i, id)| (id.clone(), i)).collect()
}

/// Whether the claim's address holds something else, or lies inside a published file.
fn clash(taken: &BTreeMap<String, Taken>, claim: &Claim) -> Option<Diagnostic> {
    let exact = taken.get(&claim.address).map(|t| (t, &claim.address));
    // A redirect page is a folder: none can sit inside a published attachment file.
    let inside = claim
        .address
        .match_indices('/')
        .map(|(i, _)| &claim.address[..i])
        .find_map(|up| match taken.get(up) {
            Some(t @ Taken::Attachment(_)) => Some((t, up)),
            _ => None,
        });
    let own = match claim.kind {
        Kind::Paper => paper_path(&claim.owner),
        Kind::Meeting => meeting_path(&claim.owner),
    };
    if own == claim.address {
        let message = format!("alias `{}` is this file's own address", claim.written);
        let help = "remove it: an alias names an address the page had before it moved";
        return Some(clash_error(claim, message, help.to_string()));
    }
    let (what, _) = exact.or(inside.map(|(t, _)| (t, &claim.address)))?;
    let (message, help) = match what {
        Taken::Paper(id) => (
            format!(
                "alias `{}` is the address of the published paper `{id}`",
                claim.written
            ),
            "remove the alias, or move that paper first: a page and a redirect cannot share an address".to_string(),
        ),
        Taken::Meeting(id) => (
            format!(
                "alias `{}` is the address of the published meeting `{id}`",
                claim.written
            ),
            "remove the alias, or change that meeting's id: a page and a redirect cannot share an address".to_string(),
        ),
        Taken::Attachment(id) => (
            format!(
                "alias `{}` would be published where an attachment of `{id}` is",
                claim.written
            ),
            "remove the alias, or rename the attachment".to_string(),
        ),
        Taken::Withheld(id) => (
            format!(
                "alias `{}` is the address of `{id}`, which is not published yet",
                claim.written
            ),
            "remove the alias: that draft or embargoed page will be published at this address"
                .to_string(),
        ),
    };
    Some(clash_error(claim, message, help))
}

fn clash_error(claim: &Claim, message: String, help: String) -> Diagnostic {
    Diagnostic::new(
        ErrorKind::Duplicate,
        Location::at(&claim.file, claim.line),
        message,
    )
    .help(help)
}

fn claimed_twice(claim: &Claim, earlier: &Claim) -> Diagnostic {
    Diagnostic::new(
        ErrorKind::Duplicate,
        Location::at(&claim.file, claim.line),
        format!(
            "alias `{}` is already given at {}:{}",
            claim.written,
            earlier.file.display(),
            earlier.line
        ),
    )
    .help("an old address can lead to one page only: remove the alias from one of the files")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_ids_are_read_in_every_written_form() {
        for written in [
            "2023/b1-report",
            "/papers/2023/b1-report/",
            "papers/2023/b1-report/index.html",
            "content/2023/b1-report.md",
            " 2023/b1-report ",
        ] {
            assert_eq!(
                normalise(Kind::Paper, written).as_deref(),
                Ok("2023/b1-report"),
                "{written}"
            );
        }
        assert_eq!(
            normalise(Kind::Meeting, "/meetings/2023-06-01/").as_deref(),
            Ok("2023-06-01")
        );
    }

    #[test]
    fn anything_but_a_plain_relative_path_is_refused() {
        for written in [
            "../outside",
            "2023/../../x",
            "a//b",
            "./a",
            "a\\b",
            "https://example.org/papers/x/",
            "//example.org/x",
            "C:/papers/x",
            "x#p3",
            "x?y",
            "%2e%2e/x",
            "***",
            "",
            "/",
            "index.html",
        ] {
            assert!(normalise(Kind::Paper, written).is_err(), "{written:?}");
        }
        assert!(normalise(Kind::Meeting, "2023/pack").is_err());
    }
}
