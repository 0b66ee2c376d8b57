//! Writes the corpus as a panelpress site: `site.toml` and `content/<body>/<date>/`.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use super::corpus::{BODIES, Corpus, Decision, Meeting, Paper};

pub fn write(corpus: &Corpus, out: &Path) -> io::Result<()> {
    fs::create_dir_all(out)?;
    fs::write(
        out.join("site.toml"),
        format!(
            "title = \"Westmarch committee papers\"\ndefault_body = \"{}\"\n",
            BODIES[0].name
        ),
    )?;
    for (m, meeting) in corpus.meetings.iter().enumerate() {
        let dir = out
            .join("content")
            .join(corpus.body_of(m).slug)
            .join(&meeting.id);
        fs::create_dir_all(&dir)?;
        fs::write(dir.join("_meeting.md"), meeting_file(corpus, m, meeting))?;
        for &p in &meeting.papers {
            let paper = &corpus.papers[p];
            fs::write(
                dir.join(format!("{}.md", paper.stem)),
                paper_file(corpus, paper),
            )?;
        }
    }
    Ok(())
}

/// YAML's double-quoted form, which takes any text once `\` and `"` are escaped.
/// Writes `key:` and a YAML list of the quoted items.
pub fn list<T: AsRef<str>>(s: &mut String, key: &str, items: &[T]) {
    let _ = writeln!(s, "{key}:");
    for item in items {
        let _ = writeln!(s, "  - {}", quote(item.as_ref()));
    }
}

pub fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn meeting_file(corpus: &Corpus, m: usize, meeting: &Meeting) -> String {
    let mut s = String::from("---\n");
    let _ = writeln!(s, "date: {}", meeting.date);
    if let Some(title) = &meeting.title {
        let _ = writeln!(s, "title: {}", quote(title));
    }
    if meeting.body != 0 {
        let _ = writeln!(s, "body: {}", quote(corpus.body_of(m).name));
    }
    s.push_str("time: \"10:00\"\nvenue: \"Council Chamber, County Hall, Westmarch\"\n");
    let status = if meeting.held { "held" } else { "scheduled" };
    let _ = writeln!(s, "status: {status}\nattendance:\n  present:");
    for name in &meeting.present {
        let _ = writeln!(s, "    - {}", quote(name));
    }
    if !meeting.apologies.is_empty() {
        s.push_str("  apologies:\n");
        for name in &meeting.apologies {
            let _ = writeln!(s, "    - {}", quote(name));
        }
    }
    s.push_str("agenda:\n");
    for entry in &meeting.agenda {
        let _ = writeln!(
            s,
            "  - item: {}\n    title: {}\n    section: {}",
            quote(&entry.item),
            quote(&entry.title),
            quote(entry.section)
        );
    }
    s.push_str("---\n\n");
    s.push_str(&meeting.intro);
    s
}

fn paper_file(corpus: &Corpus, paper: &Paper) -> String {
    let mut s = String::from("---\n");
    let _ = writeln!(s, "title: {}", quote(&paper.title));
    let _ = writeln!(s, "date: {}", paper.date);
    let _ = writeln!(s, "item: {}", quote(&paper.item));
    let _ = writeln!(s, "section: {}", quote(&paper.section));
    let _ = writeln!(s, "kind: {}", paper.kind);
    let _ = writeln!(s, "from: {}", quote(paper.from));
    if let Some(reason) = paper.exempt {
        let _ = writeln!(s, "exempt: {}", quote(reason));
    }
    if let Some(of) = paper.minutes_of {
        let _ = writeln!(s, "minutes_of: {}", quote(&corpus.meetings[of].id));
    }
    if let Some(f) = paper.follows {
        let _ = writeln!(s, "follows: {}", corpus.paper_id(f));
    }
    list(&mut s, "topics", &paper.topics);
    list(&mut s, "recommendations", &paper.recommendations);
    if !paper.decisions.is_empty() {
        s.push_str("decisions:\n");
        for d in &paper.decisions {
            decision(&mut s, d);
        }
    }
    s.push_str("---\n\n");
    s.push_str(&paper.body);
    s
}

fn decision(s: &mut String, d: &Decision) {
    let _ = writeln!(s, "  - ref: {}", quote(&d.reference));
    if let Some(item) = &d.item {
        let _ = writeln!(s, "    item: {}", quote(item));
    }
    let _ = writeln!(s, "    date: {}\n    text: {}", d.date, quote(&d.text));
}
