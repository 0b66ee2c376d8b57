//! `panelpress import`: plain-text papers in the common UK committee layout (a
//! To/Subject/Date header or a "Report of" title block, numbered paragraphs, minutes with
//! "(Item X)" and "RESOLVED", records of decision) turned into papers in our format.
//!
//! Conversion ([`convert`]) is pure: text in, front matter, Markdown and notes out. What
//! it cannot place is noted, never silently lost, so the clerk can finish by hand.

mod blocks;
mod convert;
mod docx;
mod lines;
mod pdf;

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Diagnostic, ErrorKind, Errors, Location};
use crate::scaffold;

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
    pub title: String,
    pub date: String,
    pub meeting: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exempt: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minutes_of: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub recommendations: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<DecisionOut>,
    /// Always true: an imported paper is read by the clerk before it is published.
    pub draft: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DecisionOut {
    #[serde(rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// Text that fits no field and no part of the body.
    NotMapped,
    /// Text left out on purpose: blank-page notices, addresses, signature lines.
    Dropped,
    /// Something the paper needs that the source does not say.
    Missing,
}

/// One thing the clerk should look at, with the source line where there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub line: Option<usize>,
    pub kind: NoteKind,
    pub text: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            NoteKind::NotMapped => "not mapped",
            NoteKind::Dropped => "dropped",
            NoteKind::Missing => "to do",
        };
        match self.line {
            Some(line) => write!(f, "{line}: {what}: {}", self.text),
            None => write!(f, "{what}: {}", self.text),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Converted {
    pub front: Front,
    pub body: String,
    pub notes: Vec<Note>,
}

impl Converted {
    /// The whole paper file: front matter between `---` lines, then the Markdown.
    pub fn file_text(&self) -> String {
        let yaml = serde_yaml::to_string(&self.front).expect("front matter serialises");
        format!("---\n{yaml}---\n{}", self.body)
    }

    /// `b2-victim-services.md`: the item, if known, then the title.
    pub fn file_name(&self) -> String {
        let mut slug = crate::text::slugify(&self.front.title);
        if slug.len() > 60 {
            let cut = slug[..60].rfind('-').unwrap_or(60);
            slug.truncate(cut);
        }
        let slug = match &self.front.item {
            Some(item) => format!("{}-{slug}", crate::text::slugify(item)),
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
pub struct Report {
    pub source: PathBuf,
    pub written: PathBuf,
    pub notes: Vec<Note>,
}

/// Imports `files` as papers of meeting `meeting` of the site at `root`, into `out`
/// (default: the meeting's folder). Nothing is written unless every file converts and
/// no written file would replace one that exists.
pub fn import(
    root: &Path,
    files: &[PathBuf],
    meeting: &str,
    out: Option<&Path>,
) -> Result<Vec<Report>, Errors> {
    let mut target = scaffold::locate_meeting(root, meeting)?;
    let dir = out.map_or_else(|| target.folder.clone(), Path::to_path_buf);
    let mut planned: Vec<(Report, String)> = Vec::new();
    let mut problems = Vec::new();
    for source in files {
        match plan(source, &mut target, &dir) {
            Ok(p) if planned.iter().any(|(r, _)| r.written == p.0.written) => {
                problems.push(exists(&p.0.written, "another of the files imported"))
            }
            Ok(p) => planned.push(p),
            Err(d) => problems.push(d),
        }
    }
    if !problems.is_empty() {
        return Err(Errors(problems));
    }
    std::fs::create_dir_all(&dir).map_err(|e| Errors::one(io(&dir, &e)))?;
    for (report, text) in &planned {
        write_new(&report.written, text)?;
    }
    Ok(planned.into_iter().map(|(r, _)| r).collect())
}

fn plan(
    source: &Path,
    target: &mut scaffold::Located,
    dir: &Path,
) -> Result<(Report, String), Diagnostic> {
    let text = read_source(source)?;
    let ctx = Context {
        meeting: target.id.clone(),
        meeting_date: target.date,
        meetings: target.meetings.clone(),
        source_name: source
            .file_stem()
            .map_or_else(|| "Imported paper".into(), |s| s.to_string_lossy().into()),
    };
    let mut converted = convert(&text, &ctx);
    free_item(&mut converted, target);
    let written = dir.join(converted.file_name());
    if written.exists() {
        return Err(exists(&written, "a file already there"));
    }
    if let Some(item) = &converted.front.item {
        target.items.push((item.clone(), written.clone(), true));
    }
    let report = Report {
        source: source.to_path_buf(),
        written,
        notes: converted.notes.clone(),
    };
    Ok((report, converted.file_text()))
}

/// The text of a source, by its kind: a Word document or a PDF becomes the plain text
/// the converter reads, so both go the way a text file goes.
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

/// An item number the meeting already has is left out, so the paper still builds; the
/// clerk is told which paper holds it.
fn free_item(converted: &mut Converted, target: &scaffold::Located) {
    let Some(item) = converted.front.item.clone() else {
        return;
    };
    let taken = target
        .items
        .iter()
        .find(|(i, _, _)| crate::item::same(i, &item));
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

fn io(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::new(
        ErrorKind::Io,
        Location::file(path),
        format!("cannot read or write: {e}"),
    )
}

/// Writes a file that must not exist yet (the check and the write are one step).
pub(crate) fn write_new(path: &Path, text: &str) -> Result<(), Errors> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Errors::one(io(path, &e)))?;
    f.write_all(text.as_bytes())
        .map_err(|e| Errors::one(io(path, &e)))
}
