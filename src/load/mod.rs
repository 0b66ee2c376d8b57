//! Load: walk `content/`, read every Markdown file and turn its front matter into typed
//! sources. Nothing here knows how meetings and papers relate; that is the model's job.

mod attachments;
mod fields;
mod frontmatter;
pub(crate) mod limits;
mod people;
pub(crate) mod theme;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::base::error::{Diagnostic, ErrorKind, Location};
use crate::base::moment::Moment;
use crate::base::vocab::{CallIn, InterestKind, PaperKind, Status, VoteResult};

pub(crate) use people::{PEOPLE_DIR, People, load_people};

pub(crate) const MEETING_FILE: &str = "_meeting.md";
pub(crate) const CONTENT_DIR: &str = "content";

/// A value from front matter with the file line it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub line: usize,
}

/// An agenda entry declared in a meeting's front matter (an item with no paper).
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaSource {
    pub item: Spanned<String>,
    pub title: String,
    pub section: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DecisionSource {
    pub reference: Option<Spanned<String>>,
    pub text: String,
    pub item: Option<Spanned<String>>,
    pub date: Option<NaiveDate>,
    pub by: Option<String>,
    pub line: usize,
    pub vote: Option<VoteSource>,
    pub reasons: Vec<String>,
    /// Options considered and rejected.
    pub alternatives: Vec<String>,
    pub conflicts: Vec<String>,
    pub key_decision: bool,
    pub call_in: Option<CallIn>,
    pub effective: Option<NaiveDate>,
}

/// A recorded vote, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct VoteSource {
    pub for_: TallySource,
    pub against: TallySource,
    pub abstain: TallySource,
    pub result: Option<Spanned<VoteResult>>,
    /// The line of `vote:`.
    pub line: usize,
}

/// One side of a vote: a number, or the names (their count is the number).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TallySource {
    pub count: usize,
    pub names: Vec<Spanned<String>>,
}

/// One entry of `present:`, `apologies:` or `in_attendance:`: a name (perhaps with a
/// note in parentheses), or a map of `name:` and the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct AttendeeSource {
    /// As written, with any trailing parenthesis: the model reads the notes in it.
    pub name: Spanned<String>,
    pub substitute_for: Option<Spanned<String>>,
    /// `virtual: true`: attended remotely.
    pub remote: bool,
    pub note: Option<String>,
}

/// A meeting's `attendance:`, as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AttendanceSource {
    pub present: Vec<AttendeeSource>,
    pub apologies: Vec<AttendeeSource>,
    pub in_attendance: Vec<AttendeeSource>,
}

/// An entry of `declarations:`, in a meeting's file or its minutes.
#[derive(Debug, Clone, PartialEq)]
pub struct DeclarationSource {
    pub name: Spanned<String>,
    pub item: Option<Spanned<String>>,
    /// What the interest is; empty when only its kind is recorded.
    pub interest: String,
    pub kind: InterestKind,
    pub withdrew: bool,
    /// The line of the entry.
    pub line: usize,
}

/// A file in `people/`: one person.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonSource {
    /// As messages name it: `people/peter-feacey.md`.
    pub file: PathBuf,
    /// The file name without `.md`.
    pub id: String,
    pub name: String,
    pub aliases: Vec<Spanned<String>>,
    pub party: Option<String>,
    pub image: Option<ImageSource>,
    pub memberships: Vec<MembershipSource>,
    pub text: Text,
}

/// A person's picture, read while loading as attachments are.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageSource {
    /// Its file name beside the person's page.
    pub name: String,
    pub bytes: std::sync::Arc<Vec<u8>>,
}

/// An entry of a person's `memberships:`.
#[derive(Debug, Clone, PartialEq)]
pub struct MembershipSource {
    /// A body's name, as meetings write it.
    pub body: Spanned<String>,
    pub role: String,
    pub on_behalf_of: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub voting: bool,
}

/// A file published with a paper, such as an appendix, as the front matter names it.
#[derive(Debug, Clone, PartialEq)]
pub struct AttachmentSource {
    /// As written: a path relative to the paper's file.
    pub file: Spanned<String>,
    pub title: Option<String>,
    /// The file's name in the output, beside the paper's page: `appendix-a.pdf`.
    pub name: String,
    /// Read while loading, so that a missing file is an error before anything is written.
    pub bytes: std::sync::Arc<Vec<u8>>,
}

/// The Markdown part of a file, and the file line where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// Shared: `serve` keeps what it read and hands the same text to each model it builds.
    pub markdown: std::sync::Arc<str>,
    pub first_line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MeetingSource {
    pub file: PathBuf,
    /// The folder holding `_meeting.md`, relative to `content/`, with `/` separators.
    pub folder: String,
    pub id: Spanned<String>,
    pub date: Spanned<NaiveDate>,
    pub title: Option<String>,
    pub body_name: Option<String>,
    pub time: Option<String>,
    pub venue: Option<String>,
    pub status: Option<Status>,
    pub attendance: AttendanceSource,
    pub declarations: Vec<DeclarationSource>,
    pub agenda: Vec<AgendaSource>,
    pub draft: bool,
    /// Old ids (`aliases:`), as written, each with its line.
    pub aliases: Vec<Spanned<String>>,
    pub text: Text,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PaperSource {
    pub file: PathBuf,
    /// Path under `content/` without `.md`, with `/` separators.
    pub id: String,
    pub folder: String,
    pub title: String,
    pub date: Spanned<NaiveDate>,
    pub meeting: Option<Spanned<String>>,
    pub item: Option<Spanned<String>>,
    pub section: Option<String>,
    pub kind: PaperKind,
    pub to: Option<String>,
    pub from: Option<String>,
    pub classification: Option<String>,
    pub exempt: Option<String>,
    pub minutes_of: Option<Spanned<String>>,
    pub recommendations: Vec<Spanned<String>>,
    pub decisions: Vec<DecisionSource>,
    /// Declarations of interest at the meeting minutes record.
    pub declarations: Vec<DeclarationSource>,
    pub follows: Option<Spanned<String>>,
    pub topics: Vec<String>,
    pub draft: bool,
    /// Nothing of the paper is published before this moment.
    pub publish_from: Option<Spanned<Moment>>,
    /// Issued after the agenda was published.
    pub supplement: bool,
    pub attachments: Vec<AttachmentSource>,
    /// Old ids (`aliases:`), as written, each with its line.
    pub aliases: Vec<Spanned<String>>,
    pub text: Text,
}

/// Everything read from `content/`: what parsed, and what did not.
#[derive(Debug, Default)]
pub struct Loaded {
    pub meetings: Vec<MeetingSource>,
    pub papers: Vec<PaperSource>,
    /// Meetings whose `_meeting.md` failed to load, so that references to them are not
    /// reported a second time.
    pub broken_meetings: Vec<BrokenMeeting>,
    /// Ids of papers that failed to load, for the same reason.
    pub broken_papers: Vec<String>,
    /// Everyone in `people/`, as read; `None` when the site has no such folder.
    pub people: Option<Vec<PersonSource>>,
    pub errors: Vec<Diagnostic>,
    /// Problems that do not stop a build, such as a symlinked paper left out.
    pub warnings: Vec<Diagnostic>,
}

/// A meeting file that failed to load: where it was, and the id it probably had.
#[derive(Debug, Clone)]
pub struct BrokenMeeting {
    pub folder: String,
    pub id: String,
}

/// One content file, read and typed.
#[derive(Debug, Clone)]
pub(crate) enum Parsed {
    Meeting(MeetingSource),
    Paper(PaperSource),
}

/// Bounds on what loading reads, from the site's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest attachment read (`max_attachment_mb`).
    pub max_attachment_bytes: u64,
}

impl Limits {
    /// The limits a site's settings set.
    pub fn of(config: &crate::config::Config) -> Limits {
        Limits {
            max_attachment_bytes: config.max_attachment_bytes,
        }
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_attachment_bytes: crate::config::DEFAULT_MAX_ATTACHMENT_MB * 1_000_000,
        }
    }
}

/// Reads every `.md` file under `<root>/content`, in parallel, in a stable order. Files
/// are named relative to `root` (`content/2024/b1.md`), as clerks know them.
pub fn load_content(root: &Path, limits: Limits) -> Loaded {
    let mut loaded = Loaded::default();
    let people = load_people(root, limits);
    loaded.people = people.people;
    loaded.errors = people.errors;
    loaded.warnings = people.warnings;
    let files = match list_content(&root.join(CONTENT_DIR)) {
        Ok(listing) => {
            loaded.warnings.extend(listing.not_followed);
            listing.files
        }
        Err(d) => {
            loaded.errors.push(d);
            return loaded;
        }
    };
    let results: Vec<(String, Result<Parsed, Vec<Diagnostic>>)> = files
        .par_iter()
        .map(|(path, rel)| (rel.clone(), load_file(path, rel, limits)))
        .collect();
    add_files(&mut loaded, results);
    loaded
}

/// Adds files read by [`load_file`], keyed by their path under `content/` and in the
/// order [`markdown_files`] lists them, as `load_content` does.
pub(crate) fn add_files(
    loaded: &mut Loaded,
    results: Vec<(String, Result<Parsed, Vec<Diagnostic>>)>,
) {
    for (rel, result) in results {
        match result {
            Ok(Parsed::Meeting(m)) => loaded.meetings.push(m),
            Ok(Parsed::Paper(p)) => loaded.papers.push(p),
            Err(errors) => {
                let (folder, name) = rel.rsplit_once('/').unwrap_or(("", &rel));
                if is_meeting_file(name) {
                    let id = default_meeting_id(folder);
                    let folder = folder.to_string();
                    loaded.broken_meetings.push(BrokenMeeting { folder, id });
                } else {
                    loaded.broken_papers.push(paper_id(&rel));
                }
                loaded.errors.extend(errors);
            }
        }
    }
}

/// `(absolute path, path under content/ with '/' separators)`, sorted.
pub(crate) fn markdown_files(content_dir: &Path) -> Result<Vec<(PathBuf, String)>, Diagnostic> {
    list_content(content_dir).map(|listing| listing.files)
}

/// The Markdown files under a folder, and a warning for each symlink left out.
pub(crate) struct Listing {
    /// As [`markdown_files`] returns them.
    pub files: Vec<(PathBuf, String)>,
    /// Symlinked `.md` files and folders: never followed, as a link could lead outside
    /// the site (or loop), but named so that a clerk knows the papers are left out.
    pub not_followed: Vec<Diagnostic>,
}

/// Lists `content_dir` as [`markdown_files`] does, with the symlinks it did not follow.
pub(crate) fn list_content(content_dir: &Path) -> Result<Listing, Diagnostic> {
    list_markdown(content_dir, CONTENT_DIR, "paper")
}

/// The Markdown files under `dir`, which messages name `shown` (`content`, `people`);
/// `what` is what each file holds, to say what a symlink leaves out.
fn list_markdown(dir: &Path, shown: &str, what: &str) -> Result<Listing, Diagnostic> {
    let content_dir = dir;
    if !content_dir.is_dir() {
        return Err(Diagnostic::new(
            ErrorKind::Io,
            Location::file(content_dir),
            "the content folder does not exist",
        )
        .help("create it and put the meetings' papers in it as Markdown files"));
    }
    let mut files = Vec::new();
    let mut not_followed = Vec::new();
    let walker = WalkDir::new(content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(content_dir).to_path_buf();
            Diagnostic::new(
                ErrorKind::Io,
                Location::file(path),
                format!("cannot read: {e}"),
            )
        })?;
        let path = entry.path();
        let symlink = entry.file_type().is_symlink();
        if !(symlink || (entry.file_type().is_file() && is_markdown(path))) {
            continue;
        }
        let rel = path
            .strip_prefix(content_dir)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if symlink {
            not_followed.extend(not_followed_link(path, &Path::new(shown).join(&rel), what));
        } else {
            files.push((path.to_path_buf(), rel));
        }
    }
    Ok(Listing {
        files,
        not_followed,
    })
}

/// A warning for a symlink to a folder, or one named like a paper; `None` for other
/// links (an attachment may be one, checked where it is read).
fn not_followed_link(path: &Path, shown: &Path, what: &str) -> Option<Diagnostic> {
    let message = if path.is_dir() {
        format!(
            "a symbolic link to a folder, which panelpress does not follow: no {what} in it is published"
        )
    } else if is_markdown(path) {
        format!("a symbolic link, which panelpress does not follow: this {what} is not published")
    } else {
        return None;
    };
    let top = shown
        .components()
        .next()
        .map_or("content".into(), |c| c.as_os_str().to_string_lossy());
    Some(
        Diagnostic::new(ErrorKind::Io, Location::file(shown), message)
            .code(crate::base::error::Code::SymlinkNotFollowed)
            .help(format!(
                "move or copy the real files into {top}/ instead of linking to them"
            ))
            .warning(),
    )
}

/// The text of the file `source`, shown in problems as `path`: read, and checked to be
/// UTF-8.
pub(crate) fn read_text(source: &Path, path: &Path) -> Result<String, Vec<Diagnostic>> {
    let bytes = std::fs::read(source).map_err(|e| {
        vec![Diagnostic::new(
            ErrorKind::Io,
            Location::file(path),
            format!("cannot read the file: {e}"),
        )]
    })?;
    decode(path, bytes).map_err(|d| vec![d])
}

/// Reads one file: `source` on disk, `rel` its path under `content/` with `/`.
pub(crate) fn load_file(
    source: &Path,
    rel: &str,
    limits: Limits,
) -> Result<Parsed, Vec<Diagnostic>> {
    let shown = Path::new(CONTENT_DIR).join(rel);
    let path = shown.as_path();
    let text = read_text(source, path)?;
    let doc = frontmatter::split(path, &text).map_err(|d| vec![d])?;
    let (folder, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    if is_meeting_file(name) {
        fields::meeting(path, &doc, folder.to_string()).map(Parsed::Meeting)
    } else {
        let mut paper = fields::paper(path, &doc, paper_id(rel), folder.to_string())?;
        let dir = source.parent().unwrap_or(Path::new("."));
        let content_dir = source
            .ancestors()
            .nth(rel.split('/').count())
            .unwrap_or(dir);
        let place = attachments::Place {
            dir,
            content_dir,
            shown: path,
        };
        attachments::read(&mut paper, &place, limits)?;
        Ok(Parsed::Paper(paper))
    }
}

fn is_meeting_file(name: &str) -> bool {
    name.eq_ignore_ascii_case(MEETING_FILE)
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("md"))
}

/// A paper's id: its path under `content/` without the `.md`.
fn paper_id(rel: &str) -> String {
    let cut = rel.len().saturating_sub(3);
    match rel.get(cut..) {
        Some(ext) if ext.eq_ignore_ascii_case(".md") => rel[..cut].to_string(),
        _ => rel.to_string(),
    }
}

/// A meeting's id when its front matter gives none: the name of its folder.
fn default_meeting_id(folder: &str) -> String {
    let folder = folder.trim_end_matches('/');
    folder.rsplit('/').next().unwrap_or(folder).to_string()
}

fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
        let (line, column) = crate::base::text::line_col(&prefix, prefix.len());
        Diagnostic::new(
            ErrorKind::Encoding,
            Location::at(path, line).with_column(column),
            "the file is not valid UTF-8 text",
        )
        .help("save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)")
    })
}
