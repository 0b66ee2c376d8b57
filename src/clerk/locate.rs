//! Where the clerks' tools find things and how they write them: the meetings of a site
//! as `new paper` and `import` look them up, and files written only if they are new.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::base::error::{Diagnostic, ErrorKind, Errors, Location};
use crate::base::moment::Publication;
use crate::config::Config;
use crate::load::{self, CONTENT_DIR};
use crate::model;

/// A meeting of the site, as `new paper` and `import` need it.
#[derive(Debug, Clone)]
pub struct Located {
    /// The meeting's id.
    pub id: String,
    /// The day it meets.
    pub date: NaiveDate,
    /// The committee's name.
    pub body: String,
    /// Where its papers go: the folder of its `_meeting.md`.
    pub folder: PathBuf,
    /// False for a meeting that exists only because papers name its date: papers
    /// written for it must name it with `meeting:`.
    pub declared: bool,
    /// False for a meeting named by a date that nothing in the site names yet.
    pub exists: bool,
    /// Item numbers on its agenda, each with the file that holds it and whether that
    /// file is a paper (or else the meeting's own `agenda:`).
    pub items: Vec<(String, PathBuf, bool)>,
    /// Every meeting of the site: (date, id).
    pub meetings: Vec<(NaiveDate, String)>,
    /// Items its `_meeting.md` lists with no paper: (item, title).
    pub open_items: Vec<(String, String)>,
}

/// Finds meeting `id` (or the one meeting on a date given as YYYY-MM-DD) in the site at
/// `root`. The site must load: its errors come back as they would from `check`.
pub fn locate_meeting(root: &Path, id: &str) -> Result<Located, Errors> {
    let site = clerks_site(root)?;
    locate_in(root, &site, id).ok_or_else(|| Errors::one(unknown_meeting(&site, id)))
}

/// As [`locate_meeting`], but a date the site has no meeting on names one to be created
/// (`exists: false`), as the content format says a date names a meeting existing by then.
pub fn locate_or_new(root: &Path, id: &str) -> Result<Located, Errors> {
    let site = clerks_site(root)?;
    if let Some(found) = locate_in(root, &site, id) {
        return Ok(found);
    }
    let Some(date) = crate::base::dates::parse_date(id) else {
        return Err(Errors::one(unknown_meeting(&site, id)));
    };
    let id = crate::base::dates::iso(date);
    Ok(Located {
        folder: root
            .join(CONTENT_DIR)
            .join(date.year().to_string())
            .join(&id),
        id,
        date,
        body: site
            .bodies
            .first()
            .map_or_else(String::new, |b| b.name.clone()),
        declared: false,
        exists: false,
        items: Vec::new(),
        meetings: meetings_of(&site),
        open_items: Vec::new(),
    })
}

/// The site as a clerk sees it: a draft or embargoed paper still holds its item number,
/// and a draft meeting can take papers.
fn clerks_site(root: &Path) -> Result<model::Site, Errors> {
    let mut config = Config::load(root).map_err(|d| relative(root, vec![d]))?;
    config.publication = Publication {
        now: chrono::DateTime::<chrono::Utc>::MAX_UTC,
        drafts: true,
    };
    let loaded = load::load_content(root, load::Limits::of(&config));
    model::build(config, loaded).map_err(|e| relative(root, e))
}

fn meetings_of(site: &model::Site) -> Vec<(NaiveDate, String)> {
    site.meetings
        .iter()
        .map(|m| (m.date, m.id.clone()))
        .collect()
}

fn locate_in(root: &Path, site: &model::Site, id: &str) -> Option<Located> {
    let by_date: Vec<usize> = match crate::base::dates::parse_date(id) {
        Some(d) => (0..site.meetings.len())
            .filter(|&m| site.meetings[m].date == d)
            .collect(),
        None => Vec::new(),
    };
    let m = site
        .meetings
        .iter()
        .position(|m| m.id == id)
        .or(match by_date[..] {
            [m] => Some(m),
            _ => None,
        })?;
    let meeting = &site.meetings[m];
    let folder = match &meeting.file {
        Some(file) => root.join(file.parent().unwrap_or(Path::new(CONTENT_DIR))),
        None => root
            .join(CONTENT_DIR)
            .join(meeting.date.year().to_string())
            .join(&meeting.id),
    };
    let items = meeting
        .agenda
        .iter()
        .filter_map(|e| {
            let item = e.item.clone()?;
            match e.paper {
                Some(p) => Some((item, site.papers[p].file.clone(), true)),
                None => Some((item, meeting.file.clone()?, false)),
            }
        })
        .collect();
    Some(Located {
        id: meeting.id.clone(),
        date: meeting.date,
        body: site.bodies[meeting.body].name.clone(),
        folder,
        declared: meeting.file.is_some(),
        exists: true,
        items,
        meetings: meetings_of(site),
        open_items: meeting
            .agenda
            .iter()
            .filter(|e| e.paper.is_none() && e.to_follow.is_none())
            .filter_map(|e| Some((e.item.clone()?, e.title.clone())))
            .collect(),
    })
}

fn unknown_meeting(site: &model::Site, id: &str) -> Diagnostic {
    // A date a digit away is another meeting, not a typo: offer to create this one.
    let nearest = site
        .meetings
        .iter()
        .filter(|_| crate::base::dates::parse_date(id).is_none())
        .map(|m| (strsim::levenshtein(id, &m.id), &m.id))
        .filter(|(d, _)| *d <= 3)
        .min();
    let help = match nearest {
        Some((_, near)) => format!(
            "did you mean `{near}`? If not, create the meeting with `panelpress new meeting --date YYYY-MM-DD --id {id}`"
        ),
        None if crate::base::dates::parse_date(id).is_some() => format!(
            "no meeting is on that date yet: create it with `panelpress new meeting --date {id}`"
        ),
        None if site.meetings.is_empty() => {
            "the site has no meetings yet: create one with `panelpress new meeting --date YYYY-MM-DD`"
                .to_string()
        }
        None => format!(
            "create it with `panelpress new meeting --date YYYY-MM-DD --id {id}`, or name a meeting the site has"
        ),
    };
    Diagnostic::new(
        ErrorKind::Reference,
        Location::file("--meeting"),
        format!("no meeting has the id `{id}`"),
    )
    .help(help)
}

pub(crate) fn relative(root: &Path, list: Vec<Diagnostic>) -> Errors {
    Errors(list.into_iter().map(|d| d.relative_to(root)).collect()).sorted()
}

/// Writes a file that must not exist yet (the check and the write are one step).
pub(crate) fn write_new(path: &Path, text: &str) -> Result<(), Errors> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Errors::one(crate::clerk::import::io(path, &e)))?;
    f.write_all(text.as_bytes())
        .map_err(|e| Errors::one(crate::clerk::import::io(path, &e)))
}
