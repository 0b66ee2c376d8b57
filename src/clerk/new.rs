//! `panelpress new meeting` and `panelpress new paper`: correctly formed files, with
//! every field a clerk is likely to fill shown and explained, written where the content
//! format expects them. Nothing is ever overwritten, and a paper never takes an item
//! number its meeting already has.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::base::error::{Diagnostic, ErrorKind, Errors, Location};
use crate::base::item;
use crate::base::vocab::PaperKind;
use crate::clerk::locate::{Located, locate_meeting, relative};
use crate::config::Config;
use crate::load::{self, CONTENT_DIR, MEETING_FILE};

/// What `new meeting` is told.
#[derive(Debug, Clone, Default)]
pub struct NewMeeting {
    /// The day it meets, `YYYY-MM-DD`.
    pub date: String,
    /// Its id, if not the date.
    pub id: Option<String>,
    /// Its title, if it has one of its own.
    pub title: Option<String>,
    /// The committee, if not the default one.
    pub body: Option<String>,
    /// When it starts (`10:00`).
    pub time: Option<String>,
    /// Where it is held.
    pub venue: Option<String>,
}

/// Writes `content/<year>/<id>/_meeting.md` and returns its path.
pub fn new_meeting(root: &Path, m: &NewMeeting) -> Result<PathBuf, Errors> {
    let date = crate::base::dates::parse_date(&m.date).ok_or_else(|| {
        usage(
            "--date",
            format!("not a valid date: `{}`", m.date),
            &crate::base::dates::date_help(&m.date, "2025-03-04"),
        )
    })?;
    let id =
        m.id.clone()
            .unwrap_or_else(|| crate::base::dates::iso(date));
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(usage(
            "--id",
            format!("an id is letters, digits and hyphens: `{id}`"),
            "for example 2025-03-04-extraordinary",
        ));
    }
    let config = Config::load(root).map_err(|d| relative(root, vec![d]))?;
    let loaded = load::load_content(root, load::Limits::of(&config));
    if let Some(same) = loaded.meetings.iter().find(|s| s.id.value == id) {
        return Err(Errors::one(
            Diagnostic::new(
                ErrorKind::Duplicate,
                Location::file(&same.file),
                format!("a meeting with the id `{id}` already exists"),
            )
            .help(format!(
                "give the new meeting its own id with --id, e.g. --id {id}-extraordinary"
            )),
        ));
    }
    let folder = root
        .join(CONTENT_DIR)
        .join(date.year().to_string())
        .join(&id);
    let path = folder.join(MEETING_FILE);
    refuse_existing(root, &path)?;
    std::fs::create_dir_all(&folder).map_err(|e| io(&folder, &e))?;
    let text = meeting_text(m, date, &config);
    crate::clerk::locate::write_new(&path, &text).map_err(|e| relative_errors(root, e))?;
    Ok(path)
}

fn meeting_text(m: &NewMeeting, date: NaiveDate, config: &Config) -> String {
    let mut t = String::from("---\n");
    t += &format!("date: {}\n", crate::base::dates::iso(date));
    let example_id = format!("{}-extraordinary", crate::base::dates::iso(date));
    t += &optional(
        "id",
        m.id.as_deref(),
        &example_id,
        "default: the folder's name",
    );
    t += &optional(
        "title",
        m.title.as_deref(),
        "Budget and precept meeting",
        "shown before the date",
    );
    t += &optional(
        "body",
        m.body.as_deref(),
        &config.default_body,
        "the committee",
    );
    t += &optional("time", m.time.as_deref(), "10:00", "free text");
    t += &optional(
        "venue",
        m.venue.as_deref(),
        "Council Chamber, Town Hall",
        "free text",
    );
    t += "status: scheduled  # scheduled, held or cancelled: set `held` after the meeting\n";
    t += "# draft: true  # leaves the meeting and its papers out until removed\n";
    t += "# After the meeting, who came:\n";
    t += "# attendance:\n";
    t += "#   present: [Cllr A Name (Chair), Cllr B Name]\n";
    t += "#   apologies: [Cllr C Name]\n";
    t += "#   in_attendance: [A Name, Police and Crime Commissioner]\n";
    t += "# Items with no paper of their own (papers give their own `item:`):\n";
    t += "# agenda:\n";
    t += "#   - item: \"1\"\n";
    t += "#     title: Apologies and substitutes\n";
    t += "#     section: Formal business\n";
    t += "---\n";
    t
}

/// A field given on the command line, or a commented example of it.
fn optional(name: &str, value: Option<&str>, example: &str, why: &str) -> String {
    match value {
        Some(v) => format!("{name}: {}  # {why}\n", quote(v)),
        None => format!("# {name}: {}  # {why}\n", quote(example)),
    }
}

/// A YAML double-quoted scalar, safe for any text.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What `new paper` is told.
#[derive(Debug, Clone, Default)]
pub struct NewPaper {
    /// The id (or date) of the meeting it is for.
    pub meeting: String,
    /// Its agenda item number.
    pub item: String,
    /// The paper's title.
    pub title: String,
    /// Its kind (`report`, `minutes`, …), by default a report.
    pub kind: Option<String>,
    /// Default: the meeting's date.
    pub date: Option<String>,
}

/// Writes a paper into its meeting's folder and returns its path.
pub fn new_paper(root: &Path, p: &NewPaper) -> Result<PathBuf, Errors> {
    let kind = parse_kind(p.kind.as_deref())?;
    if p.title.trim().is_empty() || p.item.trim().is_empty() {
        return Err(usage(
            "--title",
            "`--title` and `--item` must not be empty".into(),
            "for example --item B2 --title \"Victim services update\"",
        ));
    }
    let target = locate_meeting(root, &p.meeting)?;
    let taken = target.items.iter().find(|(i, _, _)| item::same(i, &p.item));
    if let Some((taken, holder, is_paper)) = taken {
        let by = if *is_paper {
            "this paper"
        } else {
            "the meeting's agenda"
        };
        return Err(Errors::one(
            Diagnostic::new(
                ErrorKind::Duplicate,
                Location::file(holder),
                format!(
                    "item `{}` is already taken at meeting `{}` by {by} (as `{taken}`)",
                    p.item, target.id
                ),
            )
            .help("choose a free item number, or renumber the item that holds it"),
        ));
    }
    let date = match &p.date {
        Some(d) => crate::base::dates::parse_date(d).ok_or_else(|| {
            usage(
                "--date",
                format!("not a valid date: `{d}`"),
                &crate::base::dates::date_help(d, "2025-02-20"),
            )
        })?,
        None => target.date,
    };
    let name = format!(
        "{}-{}.md",
        crate::base::text::slugify(&p.item),
        crate::base::text::slugify(&p.title)
    );
    let path = target.folder.join(name);
    refuse_existing(root, &path)?;
    std::fs::create_dir_all(&target.folder).map_err(|e| io(&target.folder, &e))?;
    let text = paper_text(p, kind, date, &target);
    crate::clerk::locate::write_new(&path, &text).map_err(|e| relative_errors(root, e))?;
    Ok(path)
}

/// Minutes usually record the meeting before: named, so the build checks it; else an
/// example to fill in.
fn minutes_of(target: &Located) -> String {
    let previous = target
        .meetings
        .iter()
        .filter(|(d, _)| *d < target.date)
        .max_by_key(|(d, _)| *d);
    match previous {
        Some((_, id)) => format!(
            "minutes_of: {}  # the meeting these minutes record\n",
            quote(id)
        ),
        None => "# minutes_of: \"2025-01-14\"  # the id of the meeting these minutes record\n"
            .to_string(),
    }
}

/// A kind as written in any case, with spaces or underscores for hyphens (`Report`,
/// `Work programme`); a misspelt one is refused with the nearest kind.
fn parse_kind(kind: Option<&str>) -> Result<&'static str, Errors> {
    let Some(kind) = kind else {
        return Ok("report");
    };
    let wanted = kind.trim().to_lowercase().replace([' ', '_'], "-");
    let names: Vec<&'static str> = PaperKind::ALL.iter().map(|(n, _)| *n).collect();
    if let Some(name) = names.iter().find(|name| **name == wanted) {
        return Ok(name);
    }
    let nearest = names
        .iter()
        .map(|n| (strsim::levenshtein(&wanted, n), *n))
        .filter(|(d, _)| *d <= 2)
        .min();
    let help = match nearest {
        Some((_, near)) => format!(
            "did you mean `--kind {near}`? The kinds are {}",
            names.join(", ")
        ),
        None => format!("use one of {}", names.join(", ")),
    };
    Err(usage(
        "--kind",
        format!("not a kind of paper: `{kind}`"),
        &help,
    ))
}

fn paper_text(p: &NewPaper, kind: &str, date: NaiveDate, target: &Located) -> String {
    let mut t = String::from("---\n");
    t += &format!("title: {}\n", quote(&p.title));
    t += &format!(
        "date: {}  # the date on the paper\n",
        crate::base::dates::iso(date)
    );
    if !target.declared {
        t += &format!("meeting: {}\n", quote(&target.id));
    }
    t += &format!("item: {}  # its agenda item number\n", quote(&p.item));
    t += "# section: \"B - Reports\"  # the agenda heading it sits under\n";
    t += &format!(
        "kind: {kind}  # report, minutes, decision, work-programme, annual-report, notes or other\n"
    );
    if kind == "minutes" {
        t += &minutes_of(target);
    }
    t += &format!("to: {}\n", quote(&target.body));
    t += "# from: \"Police and Crime Commissioner\"\n";
    t += "classification: Unrestricted\n";
    t += "# exempt: \"Paragraph 3 of Schedule 12A: financial affairs\"  # withholds everything but the title\n";
    t += "# recommendations:\n";
    t += "#   - That the Panel notes the report.\n";
    t += "# decisions:\n";
    t += "#   - ref: \"ABC/2025/01\"  # unique across the site\n";
    t += "#     text: The Panel agreed the proposal.\n";
    t += "# follows: \"2024/2024-02-06/b1-earlier-report\"  # the id of a paper this one updates\n";
    t += "# topics: [Policing]\n";
    t += "# attachments: [appendix-a.pdf]  # files beside this one, published with it\n";
    t += "# supplement: true  # issued after the agenda was published\n";
    t += "# publish_from: \"2025-03-04 09:00\"  # nothing of it is published before then\n";
    t += "draft: true  # left out of the build until you delete this line (or preview with --drafts)\n";
    t += "---\n";
    t += "## Introduction\n\n";
    t += "1. Numbered paragraphs are a numbered list; readers can link to each (#p1).\n\n";
    t += "## Background\n\n";
    t += "2. After a heading, go on from the next number to keep the numbering running.\n";
    t
}

fn refuse_existing(root: &Path, path: &Path) -> Result<(), Errors> {
    if !path.exists() {
        return Ok(());
    }
    let shown = path.strip_prefix(root).unwrap_or(path);
    Err(Errors::one(
        Diagnostic::new(
            ErrorKind::Duplicate,
            Location::file(shown),
            "the file already exists; panelpress never overwrites it",
        )
        .help("edit that file, or choose another title or id"),
    ))
}

/// A bad command-line option, named where a file would be.
fn usage(option: &str, message: String, help: &str) -> Errors {
    Errors::one(Diagnostic::new(ErrorKind::Field, Location::file(option), message).help(help))
}

fn io(path: &Path, e: &std::io::Error) -> Errors {
    Errors::one(Diagnostic::new(
        ErrorKind::Io,
        Location::file(path),
        format!("cannot write: {e}"),
    ))
}

fn relative_errors(root: &Path, e: Errors) -> Errors {
    relative(root, e.0)
}
