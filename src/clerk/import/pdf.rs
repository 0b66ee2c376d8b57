//! PDFs through poppler's `pdftotext -layout`, then the page furniture taken off so
//! the converter reads the paper's own text: running headers and footers, page
//! numbers, the page's left margin, and the gaps between a label and its text. Lines
//! the page wrapped are put back into one line per paragraph, words hyphenated at a
//! line's end rejoined, and a paragraph that a page break cut in two made whole.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;

use regex::Regex;

use crate::base::error::{Diagnostic, ErrorKind, Location};

const PROGRAM: &str = "pdftotext";

/// How many lines at the top and at the bottom of a page may be running heads or feet.
const EDGE: usize = 3;

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$")
        .expect("valid pattern")
});
/// A gap of three spaces or more: a column boundary in `-layout` output.
static GAP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r" {3,}").expect("valid pattern"));
/// What may hang in front of a paragraph's text: `24.`, `(b)`, `iii)`, a bullet, `To:`.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\d{1,4}(?:\.\d{1,3})*\.?|\(?[a-zA-Z]{1,5}[.)]|\(\d{1,3}\)|[-•*–·▪●o]|[^\s:]{1,30}:)$",
    )
    .expect("valid pattern")
});

/// What starts a paragraph or sub-item of its own at a line's start: `24.`, `1.2.`,
/// `(b)`, `iii)`, `(4)`, a bullet. Narrower than [`LABEL`]: a wrapped line may start
/// with a year or "Mr.".
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]|\(?(?:[ivxlc]{1,6}|[IVXLC]{1,6}|[a-zA-Z])[.)]|\(\d{1,3}\)|[-•*–·▪●o])$")
        .expect("valid pattern")
});

/// `Subject: …`, `Agenda Item: …`: a label that starts a line of the title block.
static FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z][A-Za-z ]{0,30}:\s").expect("valid pattern"));

/// The most text a PDF may give: a thousand-page pack is a few MB. A PDF whose
/// compressed streams unpack to more is refused rather than read into memory.
pub(super) const MAX_TEXT: u64 = 50 * 1024 * 1024;

/// The text of the PDF at `path`, cleaned of its layout.
pub(super) fn read(path: &Path) -> Result<String, Diagnostic> {
    let (status, stdout, said) = run(path)?;
    if stdout.len() as u64 > MAX_TEXT {
        return Err(Diagnostic::new(
            ErrorKind::Encoding,
            Location::file(path),
            format!(
                "the PDF gives more than {} MB of text, more than any paper's",
                MAX_TEXT / (1024 * 1024)
            ),
        )
        .help("split the PDF into its papers, then import each"));
    }
    if !status.success() {
        let said = said
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no reason given");
        return Err(Diagnostic::new(
            ErrorKind::Encoding,
            Location::file(path),
            format!("`{PROGRAM}` could not read the PDF: {}", said.trim()),
        )
        .help("check the file opens in a PDF reader; a password-protected PDF must be saved without its password first"));
    }
    let text = String::from_utf8_lossy(&stdout);
    if text.trim().is_empty() {
        return Err(Diagnostic::new(
            ErrorKind::Encoding,
            Location::file(path),
            "the PDF has no text to read: it may be scanned pages (images)",
        )
        .help("run it through OCR, or import the Word document it was made from"));
    }
    Ok(clean(&text))
}

/// Runs pdftotext: its exit status, at most [`MAX_TEXT`] and a byte of its output,
/// and the start of what it said on stderr (read on a thread of its own, so that a
/// PDF it complains about at length cannot stall it).
fn run(path: &Path) -> Result<(std::process::ExitStatus, Vec<u8>, String), Diagnostic> {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(PROGRAM)
        .args(["-layout", "-enc", "UTF-8", "-eol", "unix"])
        .arg(not_an_option(path))
        .arg("-")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => missing(path),
            _ => failed(path, &e),
        })?;
    let stderr = child.stderr.take().map(|mut err| {
        std::thread::spawn(move || {
            let mut said = Vec::new();
            let _ = (&mut err).take(4096).read_to_end(&mut said);
            let _ = std::io::copy(&mut err, &mut std::io::sink());
            said
        })
    });
    let mut stdout = Vec::new();
    if let Some(out) = child.stdout.take() {
        out.take(MAX_TEXT + 1)
            .read_to_end(&mut stdout)
            .map_err(|e| failed(path, &e))?;
    }
    if stdout.len() as u64 > MAX_TEXT {
        // The rest is never read: stop it rather than wait for it.
        let _ = child.kill();
    }
    let status = child.wait().map_err(|e| failed(path, &e))?;
    let said = stderr
        .and_then(|t| t.join().ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    Ok((status, stdout, said))
}

fn failed(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::new(
        ErrorKind::Io,
        Location::file(path),
        format!("cannot run `{PROGRAM}`: {e}"),
    )
}

fn missing(path: &Path) -> Diagnostic {
    Diagnostic::new(
        ErrorKind::Io,
        Location::file(path),
        format!("cannot read PDFs: `{PROGRAM}` is not installed"),
    )
    .help("install poppler's pdftotext (Debian or Ubuntu: `apt-get install poppler-utils`; macOS: `brew install poppler`), or save the PDF as text and import that")
}

/// A relative path starting `-` would be read as an option: `./` in front cannot be.
fn not_an_option(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        Path::new(".").join(path)
    }
}

/// `pdftotext -layout` output as the converter's plain text.
pub(super) fn clean(text: &str) -> String {
    let mut pages: Vec<Vec<String>> = text
        .split('\u{c}')
        .map(|p| p.lines().map(|l| l.trim_end().to_string()).collect())
        .collect();
    if pages.last().is_some_and(|p| p.iter().all(|l| l.is_empty())) {
        pages.pop();
    }
    drop_furniture(&mut pages);
    let margin = pages
        .iter()
        .flatten()
        .filter(|l| !l.trim().is_empty())
        .map(|l| indent(l))
        .min()
        .unwrap_or(0);
    let mut out: Vec<String> = Vec::new();
    for page in pages {
        let lines: Vec<String> = page
            .iter()
            .map(|l| columns(&l[margin.min(indent(l))..]))
            .collect();
        let lines = trim_blank(lines);
        if lines.is_empty() {
            continue;
        }
        if let (Some(last), Some(first)) = (out.last(), lines.first())
            && !continues(last, first)
        {
            out.push(String::new());
        }
        out.extend(lines);
    }
    let out = unwrap(out);
    let mut text = String::new();
    let mut blank = 0;
    for line in out {
        blank = if line.trim().is_empty() { blank + 1 } else { 0 };
        if blank < 2 {
            text.push_str(&line);
            text.push('\n');
        }
    }
    text
}

/// Leading spaces: `-layout` indents with spaces only.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn trim_blank(mut lines: Vec<String>) -> Vec<String> {
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let start = lines
        .iter()
        .position(|l| !l.trim().is_empty())
        .unwrap_or(lines.len());
    lines.split_off(start)
}

/// Page numbers at a page's top or bottom, and lines that head or foot most pages
/// alike (digits aside, so "Page 3 of 9" repeats), are the printer's, not the paper's.
fn drop_furniture(pages: &mut [Vec<String>]) {
    let edges = |page: &[String]| -> Vec<usize> {
        let text: Vec<usize> = (0..page.len())
            .filter(|&i| !page[i].trim().is_empty())
            .collect();
        let mut at: Vec<usize> = text.iter().take(EDGE).copied().collect();
        at.extend(text.iter().rev().take(EDGE).copied());
        at.sort_unstable();
        at.dedup();
        at
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for page in pages.iter() {
        let mut on_page: Vec<String> = edges(page).iter().map(|&i| shape(&page[i])).collect();
        on_page.sort();
        on_page.dedup();
        for s in on_page {
            *seen.entry(s).or_default() += 1;
        }
    }
    let repeated =
        |s: &str| pages.len() >= 2 && seen.get(s).is_some_and(|&n| n >= 2 && n * 2 >= pages.len());
    let mut drop: Vec<Vec<usize>> = Vec::new();
    for page in pages.iter() {
        drop.push(
            edges(page)
                .into_iter()
                .filter(|&i| PAGE_NUMBER.is_match(page[i].trim()) || repeated(&shape(&page[i])))
                .collect(),
        );
    }
    for (page, gone) in pages.iter_mut().zip(drop) {
        for i in gone {
            page[i].clear();
        }
    }
}

/// A line with its digits and spacing made alike, to spot the same running head.
fn shape(line: &str) -> String {
    let digits: String = line
        .trim()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect();
    digits.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A line's layout columns: a label hanging in front of its text (`24.`, `To:`) is
/// joined to it by one space; other columns become the tab-separated cells of a table
/// row, which the converter reads as such.
fn columns(line: &str) -> String {
    let lead = &line[..indent(line)];
    let cells: Vec<&str> = GAP.split(line.trim()).collect();
    let mut joined: Vec<String> = Vec::new();
    for cell in cells {
        if joined.len() == 1 && LABEL.is_match(&joined[0]) {
            joined[0].push(' ');
            joined[0].push_str(cell);
        } else {
            joined.push(cell.to_string());
        }
    }
    format!("{lead}{}", joined.join("\t"))
}

/// Whether the first line of a page goes on with the last line of the one before: a
/// sentence left open, carried on by text that starts nothing new.
fn continues(last: &str, first: &str) -> bool {
    let last = last.trim_end();
    let first = first.trim();
    let open = !last.ends_with(['.', ':', ';', '?', '!']) && !last.trim().is_empty();
    let starts_new = first
        .split_whitespace()
        .next()
        .is_some_and(|w| LABEL.is_match(w))
        || first.contains('\t')
        || !first.chars().any(char::is_lowercase);
    open && !starts_new
}

/// Lines wrapped by the page put back into one line per paragraph, as text copied out
/// of a PDF by hand reads: a line runs on from the one before when that one was full
/// (a short line ends its paragraph, as a heading or the last line of one does) and
/// it starts nothing of its own (a number, a bullet, a label, a table row). A word
/// hyphenated at a line's end (`imple-` / `mentation`) is put back together.
fn unwrap(lines: Vec<String>) -> Vec<String> {
    let mut widths: Vec<usize> = lines
        .iter()
        .filter(|l| !l.contains('\t') && !l.trim().is_empty())
        .map(|l| l.chars().count())
        .collect();
    widths.sort_unstable();
    // The width of a full line: most lines of a paper are full, a few are longer
    // (a wide table row or an address written out).
    let full = widths.get(widths.len() * 9 / 10).copied().unwrap_or(0);
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    // The last line as the page had it, before lines were joined onto it.
    let mut last = String::new();
    for line in lines {
        let plain = !last.trim().is_empty() && !last.contains('\t');
        let broken =
            plain && hyphenated(&last) && line.trim_start().starts_with(|c: char| c.is_lowercase());
        let runs_on = plain && last.chars().count() * 5 >= full * 4 && !starts_own(&line);
        match out.last_mut() {
            Some(prev) if broken => {
                prev.pop();
                prev.push_str(line.trim());
            }
            Some(prev) if runs_on => {
                prev.push(' ');
                prev.push_str(line.trim());
            }
            _ => out.push(line.clone()),
        }
        last = line;
    }
    out
}

/// A line ending in part of a word and a hyphen (`imple-`), not a dash or a number.
fn hyphenated(line: &str) -> bool {
    let Some(stem) = line.strip_suffix(['-', '\u{ad}']) else {
        return false;
    };
    let letters = stem.chars().rev().take_while(|c| c.is_alphabetic()).count();
    letters >= 2 && stem.chars().last().is_some_and(char::is_lowercase)
}

/// A line that begins a block of its own: blank, a table row, or one starting with a
/// paragraph number, a sub-item label, a bullet or a `Label:`.
fn starts_own(line: &str) -> bool {
    let t = line.trim();
    t.is_empty()
        || line.contains('\t')
        || t.split_whitespace()
            .next()
            .is_some_and(|w| MARKER.is_match(w))
        || FIELD.is_match(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_off_running_heads_page_numbers_and_the_margin() {
        let text = "    Testshire Panel      Agenda Item 4\n\n    1.   The first point runs on\n    to a second line.\n\n                 Page 1 of 2\n\u{c}    Testshire Panel      Agenda Item 4\n\n    2.   The second point.\n\n                 Page 2 of 2\n\u{c}";
        assert_eq!(
            clean(text),
            "1. The first point runs on to a second line.\n\n2. The second point.\n"
        );
    }

    #[test]
    fn rejoins_a_paragraph_cut_by_a_page_break_and_a_broken_word() {
        let text =
            "Some text about the imple-\nmentation of the plan, which\n\u{c}continues here.\n";
        assert_eq!(
            clean(text),
            "Some text about the implementation of the plan, which continues here.\n"
        );
    }

    #[test]
    fn layout_columns_become_cells_and_labels_join_their_text() {
        assert_eq!(columns("To:        Testshire Panel"), "To: Testshire Panel");
        assert_eq!(columns("  (b)    Second"), "  (b) Second");
        assert_eq!(columns("Northdale     41     29"), "Northdale\t41\t29");
    }

    #[test]
    fn full_lines_run_on_and_short_ones_end_their_paragraph() {
        let lines: Vec<String> = [
            "Background",
            "1. The force owns forty-one buildings, many of them",
            "   built before 1970. Most are costly to heat and to",
            "   keep in repair, as they were in the year of",
            "   1970. Mr. Smith said so.",
            "   a. stations that the public use;",
            "Next steps",
        ]
        .iter()
        .map(|l| l.to_string())
        .collect();
        assert_eq!(
            unwrap(lines),
            [
                "Background",
                "1. The force owns forty-one buildings, many of them built before 1970. Most are costly to heat and to keep in repair, as they were in the year of 1970. Mr. Smith said so.",
                "   a. stations that the public use;",
                "Next steps",
            ]
        );
    }

    #[test]
    fn a_path_is_never_an_option() {
        assert_eq!(not_an_option(Path::new("-x.pdf")), Path::new("./-x.pdf"));
    }
}
