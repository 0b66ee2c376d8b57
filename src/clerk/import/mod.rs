//! `panelpress import`: plain-text papers in the common UK committee layout (a
//! To/Subject/Date header or a "Report of" title block, numbered paragraphs, minutes with
//! "(Item X)" and "RESOLVED", records of decision) turned into papers in our format.
//!
//! Conversion ([`convert`]) is pure: text in, front matter, Markdown and notes out. What
//! it cannot place is noted, never silently lost, so the clerk can finish by hand.

mod blocks;
mod convert;
mod declared;
mod docx;
mod lines;
mod meeting;
mod members;
mod pack;
mod packs;
mod pdf;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::base::error::{Diagnostic, ErrorKind, Errors, Location};
use crate::clerk::locate::{self, write_new};
use lines::Src;

/// What a conversion needs to know about the site.
#[derive(Debug, Clone)]
pub struct Context {
    /// The id of the meeting the paper goes to.
    pub meeting: String,
    /// Stands in for a paper with no date of its own.
    pub meeting_date: NaiveDate,
    /// Every meeting of the site, by date: minutes name the meeting they record by it.
    pub meetings: Vec<(NaiveDate, String)>,
    /// Stands in for a paper with no title: the source's file name.
    pub source_name: String,
}

/// The front matter of an imported paper, in the order clerks read it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Front {
    /// The paper's title.
    pub title: String,
    /// The date, `YYYY-MM-DD`.
    pub date: String,
    /// The id of the meeting it is for.
    pub meeting: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The agenda item number, where known.
    pub item: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The agenda section it sits under.
    pub section: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The paper kind, when the document says.
    pub kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Whom it is addressed to.
    pub to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Who wrote it.
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Its classification as printed (`Public`, `Exempt`).
    pub classification: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Why it is withheld, when it is.
    pub exempt: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The meeting whose minutes it is.
    pub minutes_of: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    /// Its recommendations, one per entry.
    pub recommendations: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    /// For minutes: the declarations of interest they record.
    pub declarations: Vec<DeclarationOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    /// The decisions it records.
    pub decisions: Vec<DecisionOut>,
    /// Always true: an imported paper is read by the clerk before it is published.
    pub draft: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
/// A decision found in a document, as written into front matter.
pub struct DecisionOut {
    #[serde(rename = "ref", skip_serializing_if = "Option::is_none")]
    /// The decision's reference, if the document gives one.
    pub reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The agenda item number, where known.
    pub item: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The date, `YYYY-MM-DD`, where known.
    pub date: Option<String>,
    /// The decision-maker, where the document names one other than the meeting's body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The text.
    pub text: String,
}

/// A `declarations:` entry, as written into the minutes' front matter.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DeclarationOut {
    /// As the minutes write it.
    pub name: String,
    /// The item it concerns, as the recorded meeting numbers it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// What the interest is.
    pub interest: String,
    /// `disclosable-pecuniary`, `other-registrable` or `non-registrable`, when the
    /// minutes say; left out otherwise (the format's default, `other`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    /// The member left the room for the item.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub withdrew: bool,
}

/// What minutes say about the meeting they record, for its `_meeting.md`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Minuted {
    /// The date, where known.
    pub date: Option<NaiveDate>,
    /// Labels (`PRESENT`, `IN ATTENDANCE`, `Apologies`) with the names as written.
    pub attendance: Vec<(String, String)>,
    /// Each minute's item and title, in order.
    pub items: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// What a note to the clerk is about.
pub enum NoteKind {
    /// Text that fits no field and no part of the body.
    NotMapped,
    /// Text left out on purpose: blank-page notices, addresses, signature lines.
    Dropped,
    /// Something the paper needs that the source does not say.
    Missing,
    /// A choice the importer made that the source does not settle: check it.
    Guess,
}

/// One thing the clerk should look at, with the source line where there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The line of the source it is about, if any.
    pub line: Option<usize>,
    /// What sort of note it is.
    pub kind: NoteKind,
    /// The text.
    pub text: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            NoteKind::NotMapped => "not mapped",
            NoteKind::Dropped => "dropped",
            NoteKind::Missing => "to do",
            NoteKind::Guess => "guess",
        };
        match self.line {
            Some(line) => write!(f, "{line}: {what}: {}", self.text),
            None => write!(f, "{what}: {}", self.text),
        }
    }
}

#[derive(Debug, Clone)]
/// A document turned into a paper: its front matter, text and notes.
pub struct Converted {
    /// The front matter to write.
    pub front: Front,
    /// The Markdown text.
    pub body: String,
    /// What the clerk should check.
    pub notes: Vec<Note>,
    /// For minutes: the recorded meeting's attendance and agenda.
    pub minuted: Option<Minuted>,
}

impl Converted {
    /// The whole paper file: front matter between `---` lines, then the Markdown.
    pub fn file_text(&self) -> String {
        let yaml = serde_yaml::to_string(&self.front).expect("front matter serialises");
        format!("---\n{yaml}---\n{}", self.body)
    }

    /// `b2-victim-services.md`: the item, if known, then the title.
    pub fn file_name(&self) -> String {
        let mut slug = crate::base::text::slugify(&self.front.title);
        if slug.len() > 60 {
            let cut = slug[..60].rfind('-').unwrap_or(60);
            slug.truncate(cut);
        }
        let slug = match &self.front.item {
            Some(item) => format!("{}-{slug}", crate::base::text::slugify(item)),
            None => slug,
        };
        format!("{}.md", if slug.is_empty() { "imported" } else { &slug })
    }
}

/// Converts the text of one plain-text paper.
pub fn convert(text: &str, ctx: &Context) -> Converted {
    convert::convert(text, ctx)
}

/// One imported file: where it came from, where it went, and what to look at.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The document imported.
    pub source: PathBuf,
    /// The paper written from it.
    pub written: PathBuf,
    /// What the clerk should check.
    pub notes: Vec<Note>,
    /// True for a file that exists and was left as it is (`written` is that file): the
    /// notes say what to add to it by hand.
    pub unchanged: bool,
}

/// Imports `files` as papers of meeting `meeting` of the site at `root`, into `out`
/// (default: the meeting's folder). See [`import_files`].
pub fn import(
    root: &Path,
    files: &[PathBuf],
    meeting: &str,
    out: Option<&Path>,
) -> Result<Vec<Imported>, Errors> {
    import_files(root, files, Some(meeting), out)
}

/// Imports `files`: each a paper of `meeting`, or an agenda pack, split into its
/// meeting and papers (its meeting read from the pack when `meeting` is `None`). A
/// meeting named by a date the site does not have is created. Nothing is written
/// unless every file converts, and nothing that exists is ever replaced.
pub fn import_files(
    root: &Path,
    files: &[PathBuf],
    meeting: Option<&str>,
    out: Option<&Path>,
) -> Result<Vec<Imported>, Errors> {
    let mut job = Job::new(root, out);
    let mut problems = Vec::new();
    for source in files {
        if let Err(e) = job.file(source, meeting) {
            problems.extend(e.0);
        }
    }
    if !problems.is_empty() {
        return Err(Errors(problems));
    }
    job.write()
}

/// The text of a file to import: plain text as it is; Word documents and PDFs read into
/// the same plain-text layout, so one conversion serves every format.
pub fn read_source(source: &Path) -> Result<String, Diagnostic> {
    let extension = source
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase());
    match extension.as_deref() {
        Some("docx") => docx::read(source),
        Some("pdf") => pdf::read(source),
        Some(old @ ("doc" | "rtf" | "odt")) => Err(Diagnostic::new(
            ErrorKind::Encoding,
            Location::file(source),
            format!("a .{old} file cannot be imported"),
        )
        .help("open it in Word or LibreOffice and save it as a Word document (.docx), then import that")),
        _ => read_text(source),
    }
}

fn read_text(source: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(source).map_err(|e| io(source, &e))?;
    String::from_utf8(bytes).map_err(|_| {
        Diagnostic::new(
            ErrorKind::Encoding,
            Location::file(source),
            "the file is not UTF-8 text",
        )
        .help("save it as plain text in UTF-8, then import it again")
    })
}

/// Everything an import will write, planned before anything is.
struct Job<'a> {
    root: &'a Path,
    out: Option<&'a Path>,
    /// Meetings used so far, with the items papers of this import took.
    meetings: Vec<locate::Located>,
    files: Vec<(Imported, String)>,
    /// The paths of `files`, and the next suffix to try for each file name.
    planned: HashSet<PathBuf>,
    next_suffix: HashMap<PathBuf, usize>,
    /// Reports on files left as they are.
    notes: Vec<Imported>,
    /// The file being imported, which meeting files are reported as coming from.
    source: PathBuf,
}

impl<'a> Job<'a> {
    fn new(root: &'a Path, out: Option<&'a Path>) -> Self {
        Job {
            root,
            out,
            meetings: Vec::new(),
            files: Vec::new(),
            planned: HashSet::new(),
            next_suffix: HashMap::new(),
            notes: Vec::new(),
            source: PathBuf::new(),
        }
    }

    fn file(&mut self, source: &Path, meeting: Option<&str>) -> Result<(), Errors> {
        self.source = source.to_path_buf();
        let text = read_source(source).map_err(Errors::one)?;
        let src = lines::source_lines(&text);
        if let Some(p) = pack::split(&src) {
            return self.pack(source, &src, &p, meeting);
        }
        let Some(id) = meeting else {
            return Err(Errors::one(
                Diagnostic::new(
                    ErrorKind::Field,
                    Location::file(source),
                    "this is one paper, not an agenda pack, so it does not say its meeting",
                )
                .help("name its meeting with --meeting ID (or its date, YYYY-MM-DD)"),
            ));
        };
        let m = self.meeting(id)?;
        let mut converted = convert::convert_lines(&src, &self.context(m, source, &[]));
        listed_item(&mut converted, &self.meetings[m]);
        self.paper(source, m, converted);
        Ok(())
    }

    /// The meeting `id` names; one a date names that does not exist yet gets a bare
    /// `_meeting.md` to declare it.
    fn meeting(&mut self, id: &str) -> Result<usize, Errors> {
        let m = self.locate(id)?;
        let target = &self.meetings[m];
        if !target.exists {
            let path = target.folder.join(crate::load::MEETING_FILE);
            let text = format!("---\ndate: {}\n---\n", target.id);
            let note = created(&target.id);
            self.declare_with(path, text, vec![note]);
        }
        Ok(m)
    }

    /// The meeting `id` names, located once per import.
    fn locate(&mut self, id: &str) -> Result<usize, Errors> {
        let date = crate::base::dates::parse_date(id);
        let known = self.meetings.iter().position(|m| {
            m.id == id || (date == Some(m.date) && m.id == crate::base::dates::iso(m.date))
        });
        if let Some(k) = known {
            return Ok(k);
        }
        let located = locate::locate_or_new(self.root, id)
            .map_err(|e| Errors(e.0.into_iter().map(|d| d.relative_to(self.root)).collect()))?;
        self.meetings.push(located);
        Ok(self.meetings.len() - 1)
    }

    /// Writes meeting `m`'s `_meeting.md` from `file`, or, where it has one, lists what
    /// the import found for the clerk to copy in.
    fn declare(&mut self, m: usize, file: &meeting::MeetingFile) {
        let path = self.meetings[m].folder.join(crate::load::MEETING_FILE);
        if self.meetings[m].declared {
            let shown = path
                .strip_prefix(self.root)
                .unwrap_or(&path)
                .display()
                .to_string();
            self.notes.push(Imported {
                source: self.source.clone(),
                written: path,
                notes: file.to_do(&shown),
                unchanged: true,
            });
        } else {
            self.declare_with(path, file.text(), Vec::new());
        }
    }

    fn declare_with(&mut self, path: PathBuf, text: String, notes: Vec<Note>) {
        if !self.planned.contains(&path) {
            self.plan(self.source.clone(), path, text, notes);
        }
    }

    /// What converting a paper of meeting `m` needs; `extra` are meetings this import
    /// creates, which minutes may record.
    fn context(&self, m: usize, source: &Path, extra: &[(NaiveDate, String)]) -> Context {
        let target = &self.meetings[m];
        let mut meetings = target.meetings.clone();
        for e in extra {
            // One meeting a date: minutes name the meeting on theirs.
            if !meetings.iter().any(|(d, _)| *d == e.0) {
                meetings.push(e.clone());
            }
        }
        Context {
            meeting: target.id.clone(),
            meeting_date: target.date,
            meetings,
            source_name: source
                .file_stem()
                .map_or_else(|| "Imported paper".into(), |s| s.to_string_lossy().into()),
        }
    }

    /// Plans one converted paper of meeting `m`, under a name no file has.
    fn paper(&mut self, source: &Path, m: usize, mut converted: Converted) {
        free_item(&mut converted, &self.meetings[m]);
        let dir = self
            .out
            .map_or_else(|| self.meetings[m].folder.clone(), Path::to_path_buf);
        let written = self.free_name(&dir, &converted.file_name());
        if let Some(item) = &converted.front.item {
            self.meetings[m]
                .items
                .push((item.clone(), written.clone(), true));
        }
        let text = converted.file_text();
        // In source order, the notes about the whole paper last.
        converted.notes.sort_by_key(|n| (n.line.is_none(), n.line));
        self.plan(source.to_path_buf(), written, text, converted.notes);
    }

    /// `name` in `dir`, or `name-2`, `name-3`...: never a file that exists or that this
    /// import writes.
    fn free_name(&mut self, dir: &Path, name: &str) -> PathBuf {
        let stem = name.strip_suffix(".md").unwrap_or(name);
        // Where the search for this name left off: many papers of one title stay linear.
        let next = self.next_suffix.entry(dir.join(name)).or_insert(1);
        loop {
            let path = match *next {
                1 => dir.join(name),
                k => dir.join(format!("{stem}-{k}.md")),
            };
            *next += 1;
            if !path.exists() && !self.planned.contains(&path) {
                return path;
            }
        }
    }

    fn plan(&mut self, source: PathBuf, written: PathBuf, text: String, notes: Vec<Note>) {
        self.planned.insert(written.clone());
        let report = Imported {
            source,
            written,
            notes,
            unchanged: false,
        };
        self.files.push((report, text));
    }

    fn write(self) -> Result<Vec<Imported>, Errors> {
        for (report, _) in &self.files {
            if report.written.exists() {
                return Err(Errors::one(exists(&report.written, "a file already there")));
            }
        }
        for (report, text) in &self.files {
            if let Some(dir) = report.written.parent() {
                std::fs::create_dir_all(dir).map_err(|e| Errors::one(io(dir, &e)))?;
            }
            write_new(&report.written, text)?;
        }
        let mut reports: Vec<Imported> = self.files.into_iter().map(|(r, _)| r).collect();
        reports.extend(self.notes);
        Ok(reports)
    }
}

fn created(id: &str) -> Note {
    Note {
        line: None,
        kind: NoteKind::Missing,
        text: format!("meeting `{id}` is new: add its time, venue and agenda"),
    }
}

/// A paper with no item whose title the meeting's `agenda:` lists: the clerk moves
/// that entry to the paper (setting `item:` here would clash with it).
fn listed_item(converted: &mut Converted, target: &locate::Located) {
    if converted.front.item.is_some() {
        return;
    }
    let title = &converted.front.title;
    let best = target
        .open_items
        .iter()
        .map(|(item, t)| (pack::title_score(title, t), item, t))
        .filter(|(score, _, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((_, item, listed)) = best {
        converted.notes.push(Note {
            line: None,
            kind: NoteKind::Missing,
            text: format!(
                "the meeting's agenda lists this paper as item {item} (\"{listed}\"): delete that entry from its `_meeting.md` and set `item: {item}` here"
            ),
        });
    }
}

/// An item number the meeting already has is left out, so the paper still builds; the
/// clerk is told which paper holds it.
fn free_item(converted: &mut Converted, target: &locate::Located) {
    let Some(item) = converted.front.item.clone() else {
        return;
    };
    let taken = target
        .items
        .iter()
        .find(|(i, _, _)| crate::base::item::same(i, &item));
    if let Some((_, holder, _)) = taken {
        converted.front.item = None;
        converted.notes.push(Note {
            line: None,
            kind: NoteKind::Missing,
            text: format!(
                "item `{item}` is already taken at meeting `{}` by {}: `item:` is left out; set a free one",
                target.id,
                holder.display()
            ),
        });
    }
}

fn exists(path: &Path, what: &str) -> Diagnostic {
    Diagnostic::new(
        ErrorKind::Io,
        Location::file(path),
        format!("importing would replace {what}"),
    )
    .help("move or rename that file, or import into another folder with --out")
}

pub(crate) fn io(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::new(
        ErrorKind::Io,
        Location::file(path),
        format!("cannot read or write: {e}"),
    )
}
