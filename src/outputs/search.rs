//! Full-text search index, written as script-wrapped shards under `search/` so that the
//! search page can load them with `<script src>` — which, unlike `fetch`, also works when
//! the archive is opened straight from disk.
//!
//! Layout (see docs/search.md):
//! - `search/manifest.js`: shard keys, document shard boundaries and the filter values.
//! - `search/t/N.js`: postings of every term whose longest shard key is key N. Keys are
//!   term prefixes, lengthened where a shard would grow too large, so a query loads only
//!   the shards of its own terms.
//! - `search/p/N.js`: word positions of the same terms, under the same keys, which only
//!   quoted phrases load.
//! - `search/d/N.js`: display data (title, link, metadata, plain text for snippets) of a
//!   run of documents, loaded only for the results shown.
//!
//! Exempt papers enter by title only: the title is public on their page anyway, and
//! nothing else of theirs (text, recommendations, decisions, reason) is read here.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use rayon::prelude::*;
use serde::Serialize;

use crate::base::output::OutputFile;
use crate::markdown::{Facts, TextFacts};
use crate::model::facets::{DECISION, Facets, MEETING};
use crate::model::{Decision, Meeting, Paper, Site};

/// Serialized postings above this many bytes are split into longer prefixes.
const TERM_SHARD_BYTES: usize = 24 * 1024;
/// Document shards are cut once they pass this many bytes.
const DOC_SHARD_BYTES: usize = 8 * 1024;
/// A title occurrence counts as this many body occurrences.
const TITLE_WEIGHT: u32 = 3;
/// A meeting's score is scaled by this (in percent): its text is the titles of its
/// agenda, so it holds the words of every paper on it and would otherwise outrank them.
const MEETING_SCORE_PERCENT: u32 = 50;
const BM25_K1: f64 = 1.2;
const BM25_B: f64 = 0.75;

/// Longest word the index stores, in bytes; longer runs (a table's digits run
/// together, a pasted hash) are cut to their first `MAX_TERM_BYTES` bytes, on a
/// character boundary. `search.js` cuts query words the same way, so they still match.
pub const MAX_TERM_BYTES: usize = 64;

/// Words of `text` as the index stores them: runs of letters and digits, lowercased,
/// at most [`MAX_TERM_BYTES`] long. `search.js` splits with
/// `/[^\p{Alphabetic}\p{N}]+/u` and `toLowerCase()`, the same Unicode classes, so both
/// sides agree on what a word is.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            // Cut before lowercasing as well, so a long run costs no more than a short one.
            let mut word = cut(w, MAX_TERM_BYTES * 4).to_lowercase();
            word.truncate(cut(&word, MAX_TERM_BYTES).len());
            word
        })
}

/// `text` cut to at most `bytes` bytes, on a character boundary.
fn cut(text: &str, bytes: usize) -> &str {
    if text.len() <= bytes {
        return text;
    }
    let mut end = bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// One searchable thing: a paper, a meeting or a decision, as the results list shows it.
#[derive(Serialize)]
struct Doc {
    /// Title.
    t: String,
    /// Link from the site root.
    u: String,
    /// Kind label: a paper kind, "Meeting" or "Decision".
    k: String,
    /// Body (committee) name.
    b: String,
    /// Meeting date, ISO and medium.
    d: String,
    dm: String,
    /// Agenda item, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    i: Option<String>,
    /// Plain text, for snippets and checking quoted phrases.
    x: String,
    /// Who made a decision, shown with it but not searched: it is most often the
    /// committee's own name, which would match every decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    w: Option<String>,
    #[serde(skip)]
    year: i32,
}

fn facets(docs: &[Doc]) -> Facets {
    Facets::of(docs.iter().map(|d| (d.b.as_str(), d.year, d.k.as_str())))
}

/// Every file of the index, paths under the output root. `href` gives a page's link from
/// the site root, as the rest of the site links it.
pub fn index(site: &Site, href: impl Fn(&str) -> String + Sync) -> Vec<OutputFile> {
    index_with(site, href, None)
}

/// As [`index`], taking each text's plain text from `texts` (a build's parsed texts)
/// where it has it, rather than parsing the text again.
pub fn index_with(
    site: &Site,
    href: impl Fn(&str) -> String + Sync,
    texts: Option<TextFacts>,
) -> Vec<OutputFile> {
    let docs = documents_with(site, &href, texts);
    let facets = facets(&docs);
    let (combos, facet_of) = combos(&docs, &facets);
    let postings = postings(&docs);
    let mut files = Vec::new();
    let keys = term_shards(&postings, &facet_of, &mut files);
    let starts = doc_shards(&docs, &mut files);
    files.push(manifest(docs.len(), &keys, &starts, facets, combos));
    files
}

/// The distinct `(body, year, kind)` combinations (as indexes into `facets`), and each
/// document's combination number: postings carry that number so filters need no lookup.
fn combos(docs: &[Doc], facets: &Facets) -> (Vec<(usize, i32, usize)>, Vec<u32>) {
    let pos = |list: &[String], v: &str| list.iter().position(|x| x == v).unwrap_or(0);
    let of: Vec<(usize, i32, usize)> = docs
        .iter()
        .map(|d| (pos(&facets.bodies, &d.b), d.year, pos(&facets.kinds, &d.k)))
        .collect();
    let combos: Vec<(usize, i32, usize)> = of
        .iter()
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let numbers = of
        .iter()
        .map(|c| combos.binary_search(c).unwrap_or(0) as u32)
        .collect();
    (combos, numbers)
}

fn documents_with(
    site: &Site,
    href: &(dyn Fn(&str) -> String + Sync),
    texts: Option<TextFacts>,
) -> Vec<Doc> {
    // The plain texts are moved out, not copied: they are most of what the facts hold.
    let plain = |list: Vec<Option<Facts>>, n: usize| -> Vec<Option<String>> {
        let mut out: Vec<Option<String>> =
            list.into_iter().map(|f| f.map(|f| f.plain_text)).collect();
        out.resize(n, None);
        out
    };
    let (papers, meetings) = match texts {
        Some(t) => (
            plain(t.papers, site.papers.len()),
            plain(t.meetings, site.meetings.len()),
        ),
        None => (
            vec![None; site.papers.len()],
            vec![None; site.meetings.len()],
        ),
    };
    let mut docs: Vec<Doc> = papers
        .into_par_iter()
        .enumerate()
        .map(|(p, x)| paper_doc(site, &site.papers[p], href, x))
        .collect();
    docs.extend(
        site.meetings
            .iter()
            .zip(meetings)
            .map(|(meeting, x)| meeting_doc(site, meeting, href, x)),
    );
    docs.extend(site.decisions.iter().map(|d| decision_doc(site, d, href)));
    docs
}

fn paper_doc(
    site: &Site,
    paper: &Paper,
    href: &(dyn Fn(&str) -> String + Sync),
    parsed: Option<String>,
) -> Doc {
    let meeting = &site.meetings[paper.meeting];
    let mut x = String::new();
    if paper.exempt.is_none() {
        x = parsed.unwrap_or_else(|| plain_text(&paper.text.markdown));
        for r in &paper.recommendations {
            x.push('\n');
            x.push_str(&plain_text(r));
        }
    }
    Doc {
        t: paper.title.clone(),
        u: href(&paper.path),
        k: paper.kind.label().to_string(),
        b: site.bodies[meeting.body].name.clone(),
        d: crate::base::dates::iso(meeting.date),
        dm: crate::base::dates::medium(meeting.date),
        i: paper.item.clone(),
        x,
        w: None,
        year: chrono::Datelike::year(&meeting.date),
    }
}

fn meeting_doc(
    site: &Site,
    meeting: &Meeting,
    href: &(dyn Fn(&str) -> String + Sync),
    parsed: Option<String>,
) -> Doc {
    let mut x = meeting.venue.clone().unwrap_or_default();
    // The agenda as one line of titles with separators, so a snippet reads as a list.
    let agenda: Vec<String> = meeting
        .agenda
        .iter()
        .map(|e| match &e.item {
            Some(item) => format!("{item}: {}", e.title),
            None => e.title.clone(),
        })
        .collect();
    if !agenda.is_empty() {
        x.push_str(if x.is_empty() {
            "Agenda: "
        } else {
            "\nAgenda: "
        });
        x.push_str(&agenda.join(" · "));
    }
    x.push('\n');
    x.push_str(&parsed.unwrap_or_else(|| plain_text(&meeting.intro.markdown)));
    Doc {
        t: meeting_title(meeting),
        u: href(&meeting.path),
        k: MEETING.to_string(),
        b: site.bodies[meeting.body].name.clone(),
        d: crate::base::dates::iso(meeting.date),
        dm: crate::base::dates::medium(meeting.date),
        i: None,
        x: x.trim().to_string(),
        w: None,
        year: chrono::Datelike::year(&meeting.date),
    }
}

/// A meeting's result title: its own name, if it has one, and its date. Not the
/// committee's name, which the result shows beside it and the committee filter narrows
/// by: in the title it would match, and be marked, in every meeting of the committee.
fn meeting_title(meeting: &Meeting) -> String {
    let date = crate::base::dates::long(meeting.date);
    match &meeting.title {
        Some(name) => format!("{name}, {date}"),
        None => date,
    }
}

fn decision_doc(site: &Site, d: &Decision, href: &(dyn Fn(&str) -> String + Sync)) -> Doc {
    let meeting = &site.meetings[d.meeting];
    let subject = match (d.decides, &d.item_anchor) {
        (Some(p), _) => site.papers[p].title.clone(),
        (None, Some(anchor)) => meeting
            .agenda
            .iter()
            .find(|e| &e.anchor == anchor)
            .map_or_else(|| meeting.display_title(site), |e| e.title.clone()),
        (None, None) => meeting.display_title(site),
    };
    let title = match &d.reference {
        Some(r) => format!("Decision {r}: {subject}"),
        // A record of decision's title often says so already.
        None if subject.to_lowercase().starts_with("decision") => subject,
        None => format!("Decision: {subject}"),
    };
    Doc {
        t: title,
        u: format!("{}#{}", href(&site.papers[d.recorded_in].path), d.anchor),
        k: DECISION.to_string(),
        b: site.bodies[meeting.body].name.clone(),
        d: crate::base::dates::iso(d.date),
        dm: crate::base::dates::medium(d.date),
        i: d.item.clone(),
        x: plain_text(&d.text),
        w: Some(d.by.clone()),
        year: chrono::Datelike::year(&d.date),
    }
}

/// The readable text of Markdown: no markup, no raw HTML, blocks on their own lines.
/// A build's documents make the same text ([`crate::markdown::Facts::plain_text`]).
fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    // The options pages are rendered with, so the text is what readers see (smart quotes too).
    for event in Parser::new_ext(markdown, crate::markdown::options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::Start(Tag::TableCell) => out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableRow,
            ) => out.push('\n'),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// One document's entry for a term: its precomputed score, whether the title has it, and
/// where its positions lie in the term's `positions`. Kept small, as a large archive has
/// millions of them.
struct Posting {
    doc: u32,
    score: u32,
    in_title: bool,
    /// Occurrences, a title one counting `TITLE_WEIGHT`.
    weight: u32,
    /// Start of this document's word positions in [`Term::positions`].
    at: u32,
    count: u32,
}

/// A term's postings by document number, and the word positions they point into.
#[derive(Default)]
struct Term {
    postings: Vec<Posting>,
    positions: Vec<u32>,
}

/// A document's terms, each with whether the title has it, its weight and positions.
struct DocTerms {
    terms: Vec<(String, bool, u32, Vec<u32>)>,
    weighted: u32,
}

/// Word positions of a document: the title's words from 0, then — one position left
/// empty, so that no phrase runs from the title into the text — the text's words.
fn positions(doc: &Doc) -> DocTerms {
    let mut terms: HashMap<String, (bool, u32, Vec<u32>)> = HashMap::new();
    let mut weighted = 0;
    let title = words(&doc.t).map(|w| (w, true));
    let text = words(&doc.x).map(|w| (w, false));
    let mut at = 0;
    let mut in_title = true;
    for (w, title_word) in title.chain(text) {
        if in_title && !title_word {
            in_title = false;
            at += 1;
        }
        let weight = if title_word { TITLE_WEIGHT } else { 1 };
        weighted += weight;
        let entry = terms.entry(w).or_default();
        entry.0 |= title_word;
        entry.1 += weight;
        entry.2.push(at);
        at += 1;
    }
    let terms = terms
        .into_iter()
        .map(|(term, (title, weight, at))| (term, title, weight, at))
        .collect();
    DocTerms { terms, weighted }
}

/// Documents are read this many at a time, so that only one batch's word lists are held
/// besides the index being built.
const BATCH: usize = 256;

/// Term → postings by document number, sorted by term, with BM25 scores computed now so
/// that the browser needs no document lengths. A title word counts `TITLE_WEIGHT` times.
fn postings(docs: &[Doc]) -> Vec<(String, Term)> {
    let mut index: HashMap<String, Term> = HashMap::new();
    let mut lengths: Vec<u32> = Vec::with_capacity(docs.len());
    for (b, batch) in docs.chunks(BATCH).enumerate() {
        let read: Vec<DocTerms> = batch.par_iter().map(positions).collect();
        for (i, doc) in read.into_iter().enumerate() {
            let number = (b * BATCH + i) as u32;
            lengths.push(doc.weighted);
            for (word, in_title, weight, at) in doc.terms {
                let term = index.entry(word).or_default();
                term.postings.push(Posting {
                    doc: number,
                    score: 0,
                    in_title,
                    weight,
                    at: term.positions.len() as u32,
                    count: at.len() as u32,
                });
                term.positions.extend(at);
            }
        }
    }
    let meeting: Vec<bool> = docs.iter().map(|d| d.k == MEETING).collect();
    let n = docs.len().max(1) as f64;
    let avg = (lengths.iter().map(|&l| f64::from(l)).sum::<f64>() / n).max(1.0);
    let mut index: Vec<(String, Term)> = index.into_iter().collect();
    index.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    index.par_iter_mut().for_each(|(_, term)| {
        let df = term.postings.len() as f64;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        for p in term.postings.iter_mut() {
            let tf = f64::from(p.weight);
            let length = f64::from(lengths[p.doc as usize]);
            let norm = BM25_K1 * (1.0 - BM25_B + BM25_B * length / avg);
            let bm25 = idf * tf * (BM25_K1 + 1.0) / (tf + norm);
            let percent = if meeting[p.doc as usize] {
                MEETING_SCORE_PERCENT
            } else {
                100
            };
            p.score = ((bm25 * f64::from(percent)).round() as u32).max(1);
        }
    });
    index
}

/// A term's postings as JSON: `[docDelta, score, facet*2 + inTitle, ...]`, flat and
/// delta-coded to keep shards small.
fn encode(term: &Term, facet_of: &[u32]) -> String {
    let mut out = String::from("[");
    let mut last = 0;
    for (i, p) in term.postings.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let flags = facet_of[p.doc as usize] * 2 + u32::from(p.in_title);
        let _ = write!(out, "{},{},{}", p.doc - last, p.score, flags);
        last = p.doc;
    }
    out.push(']');
    out
}

/// A term's positions as JSON: `[docDelta, count, firstPosition, positionDelta..., ...]`.
fn encode_positions(term: &Term) -> String {
    let mut out = String::from("[");
    let mut last = 0;
    for (i, p) in term.postings.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{},{}", p.doc - last, p.count);
        let mut prev = 0;
        let at = p.at as usize;
        for &position in &term.positions[at..at + p.count as usize] {
            let _ = write!(out, ",{}", position - prev);
            prev = position;
        }
        last = p.doc;
    }
    out.push(']');
    out
}

/// Writes term shards (`t/N.js`) and, under the same keys, position shards (`p/N.js`),
/// which only quoted phrases load. Returns the keys in file order.
fn term_shards(
    index: &[(String, Term)],
    facet_of: &[u32],
    files: &mut Vec<OutputFile>,
) -> Vec<String> {
    let entries: Vec<(&str, String, String)> = index
        .par_iter()
        .map(|(term, list)| {
            let name = json(term);
            let postings = format!("{name}:{}", encode(list, facet_of));
            let positions = format!("{name}:{}", encode_positions(list));
            (term.as_str(), postings, positions)
        })
        .collect();
    let mut shards = Vec::new();
    split(&entries, &mut shards);
    shards.sort_by(|a, b| a.0.cmp(&b.0));
    let mut keys = Vec::with_capacity(shards.len());
    for (n, (key, members)) in shards.into_iter().enumerate() {
        let join = |positions: bool| {
            members
                .iter()
                .map(|&i| {
                    if positions {
                        &entries[i].2
                    } else {
                        &entries[i].1
                    }
                })
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(",")
        };
        for (dir, call, body) in [("t", "shard", join(false)), ("p", "positions", join(true))] {
            let text = format!("window.__ppSearch.{call}({},{{{body}}});\n", json(&key));
            files.push(OutputFile {
                path: format!("search/{dir}/{n}.js"),
                bytes: text.into_bytes(),
            });
        }
        keys.push(key);
    }
    keys
}

/// Groups terms (sorted) by their first `depth` characters; a group whose postings are
/// too large is split again one character deeper, its terms of exactly `depth`
/// characters staying behind. A work list rather than recursion: terms are at most
/// [`MAX_TERM_BYTES`] long, so no group is split more than that many times, and no input
/// can exhaust the stack.
fn split(entries: &[(&str, String, String)], out: &mut Vec<(String, Vec<usize>)>) {
    let mut work = vec![(0, entries.len(), 1)];
    while let Some((from, to, depth)) = work.pop() {
        let mut start = from;
        while start < to {
            let key = prefix(entries[start].0, depth);
            let end = start
                + entries[start..to]
                    .iter()
                    .take_while(|e| prefix(e.0, depth) == key)
                    .count();
            let group = &entries[start..end];
            let bytes: usize = group.iter().map(|e| e.1.len() + 1).sum();
            let short = group
                .iter()
                .take_while(|e| e.0.chars().count() <= depth)
                .count();
            if bytes > TERM_SHARD_BYTES && short < group.len() {
                if short > 0 {
                    out.push((key.to_string(), (start..start + short).collect()));
                }
                work.push((start + short, end, depth + 1));
            } else {
                out.push((key.to_string(), (start..end).collect()));
            }
            start = end;
        }
    }
}

/// The first `depth` characters of `term`.
fn prefix(term: &str, depth: usize) -> &str {
    term.char_indices()
        .nth(depth)
        .map_or(term, |(at, _)| &term[..at])
}

/// Writes document shards; returns the first document number of each.
fn doc_shards(docs: &[Doc], files: &mut Vec<OutputFile>) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut bytes = 0;
    let mut flush = |current: &mut Vec<String>, starts: &mut Vec<usize>, first: usize| {
        let n = starts.len();
        starts.push(first);
        let text = format!("window.__ppSearch.docs({n},[{}]);\n", current.join(","));
        files.push(OutputFile {
            path: format!("search/d/{n}.js"),
            bytes: text.into_bytes(),
        });
        current.clear();
    };
    let mut first = 0;
    for (i, doc) in docs.iter().enumerate() {
        let j = serde_json::to_string(doc).unwrap_or_default();
        bytes += j.len() + 1;
        current.push(j);
        if bytes >= DOC_SHARD_BYTES {
            flush(&mut current, &mut starts, first);
            first = i + 1;
            bytes = 0;
        }
    }
    if !current.is_empty() {
        flush(&mut current, &mut starts, first);
    }
    starts
}

#[derive(Serialize)]
struct Manifest<'a> {
    /// Format version, for themes that read the index.
    v: u32,
    docs: usize,
    keys: &'a [String],
    starts: &'a [usize],
    /// Facet combinations `[body, year, kind]` (indexes into the lists below), which
    /// postings refer to by number.
    facets: Vec<(usize, i32, usize)>,
    bodies: Vec<String>,
    kinds: Vec<String>,
}

fn manifest(
    docs: usize,
    keys: &[String],
    starts: &[usize],
    facets: Facets,
    combos: Vec<(usize, i32, usize)>,
) -> OutputFile {
    let m = Manifest {
        v: 1,
        docs,
        keys,
        starts,
        facets: combos,
        bodies: facets.bodies,
        kinds: facets.kinds,
    };
    let text = format!("window.__ppSearch.manifest({});\n", json(&m));
    OutputFile {
        path: "search/manifest.js".to_string(),
        bytes: text.into_bytes(),
    }
}

fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercased_runs_of_letters_and_digits() {
        let found: Vec<String> = words("Commissioner’s Budget—2025/26: CAFÉ, x²").collect();
        assert_eq!(
            found,
            ["commissioner", "s", "budget", "2025", "26", "café", "x²"]
        );
    }

    #[test]
    fn plain_text_drops_markup_and_keeps_blocks_apart() {
        let text = plain_text("# Head\n\nSome **bold** and `code`.<br>\n\n- one\n- two");
        assert_eq!(text, "Head\nSome bold and code.\none\ntwo");
    }
}
