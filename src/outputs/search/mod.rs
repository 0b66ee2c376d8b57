//! Full-text search index, written as script-wrapped shards under `search/` so that the
//! search page can load them with `<script src>` — which, unlike `fetch`, also works when
//! the archive is opened straight from disk.
//!
//! Layout (see docs/search.md; every payload but the manifest is zlib-compressed and
//! carried as base64, which `search.js` inflates with `DecompressionStream`):
//! - `search/manifest.js`: shard keys, document shard boundaries and the filter values.
//! - `search/stats.js`: each document's length and facet, for ranking and filters.
//! - `search/t/N.js`: postings of every term whose longest shard key is key N. Keys are
//!   term prefixes, lengthened where a shard would grow too large, so a query loads only
//!   the shards of its own terms.
//! - `search/p/N.js`: word positions of the same terms, under the same keys, which only
//!   quoted phrases load.
//! - `search/d/N.js`: display data (title, link, metadata, plain text for snippets) of a
//!   paper, or of a run of meetings or decisions, loaded only for the results shown.
//!
//! The index streams: document shards are written as their documents are read, and
//! term shards once every document is in, so no more than one batch of texts is held.
//! [`Index`] keeps the terms between rebuilds for `serve`, which re-encodes only the
//! shards an edit changes.
//!
//! Exempt papers enter by title only: the title is public on their page anyway, and
//! nothing else of theirs (text, recommendations, decisions, reason) is read here.

mod index;
mod pack;

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use serde::Serialize;

use crate::base::output::OutputFile;
use crate::markdown::{Facts, TextFacts};
use crate::model::facets::{DECISION, MEETING};
use crate::model::{Decision, Meeting, Site};

pub(crate) use index::{Index, Update};

/// A title occurrence counts as this many body occurrences.
const TITLE_WEIGHT: u32 = 3;
/// A meeting's score is scaled by this (in percent): its text is the titles of its
/// agenda, so it holds the words of every paper on it and would otherwise outrank them.
const MEETING_SCORE_PERCENT: u32 = 50;
const BM25_K1: f64 = 1.2;
const BM25_B: f64 = 0.75;

/// Every file of the index, paths under the output root. `href` gives a page's link from
/// the site root, as the rest of the site links it.
pub fn index(site: &Site, href: impl Fn(&str) -> String + Sync) -> Vec<OutputFile> {
    index_with(site, href, None)
}

/// As [`index`], taking each text's plain text from `texts` (what a build parsed for
/// the pages) where it has it, rather than parsing the text again.
pub(crate) fn index_with(
    site: &Site,
    href: impl Fn(&str) -> String + Sync,
    texts: Option<TextFacts>,
) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let _ = index_each(site, href, texts, |f| {
        files.push(f);
        Ok::<(), ()>(())
    });
    files
}

/// As [`index`], handing each file to `each` as soon as it is made rather than holding
/// them all; stops at the first error `each` returns.
pub(crate) fn index_each<E>(
    site: &Site,
    href: impl Fn(&str) -> String + Sync,
    texts: Option<TextFacts>,
    each: impl FnMut(OutputFile) -> Result<(), E>,
) -> Result<(), E> {
    let texts = texts.map(PlainTexts::of);
    Index::build(site, &href, texts.as_ref(), false, each).map(drop)
}

/// The plain text of each paper's and meeting's text, as the build's documents give it
/// (the same as [`crate::markdown::plain_text`] makes from the Markdown).
pub(crate) struct PlainTexts {
    papers: Vec<Option<String>>,
    meetings: Vec<Option<String>>,
}

impl PlainTexts {
    /// Moves the plain texts out of the facts: they are most of what the facts hold.
    fn of(facts: TextFacts) -> Self {
        let plain =
            |list: Vec<Option<Facts>>| list.into_iter().map(|f| f.map(|f| f.plain_text)).collect();
        PlainTexts {
            papers: plain(facts.papers),
            meetings: plain(facts.meetings),
        }
    }

    /// The plain text of paper `p`'s text, or else of `markdown`.
    fn paper(texts: Option<&Self>, p: usize, markdown: &str) -> String {
        match texts.and_then(|t| t.papers.get(p)).and_then(Option::as_ref) {
            Some(text) => text.clone(),
            None => crate::markdown::plain_text(markdown),
        }
    }

    /// The plain text of meeting `m`'s introduction, or else of `markdown`.
    fn meeting(texts: Option<&Self>, m: usize, markdown: &str) -> String {
        match texts
            .and_then(|t| t.meetings.get(m))
            .and_then(Option::as_ref)
        {
            Some(text) => text.clone(),
            None => crate::markdown::plain_text(markdown),
        }
    }
}

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
#[derive(Serialize, Hash)]
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

/// A document of the index, by what it is made from. Documents are numbered in this
/// order: papers, meetings, decisions.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Source {
    Paper(usize),
    Meeting(usize),
    Decision(usize),
}

type Href<'a> = &'a (dyn Fn(&str) -> String + Sync);

fn sources(site: &Site) -> Vec<Source> {
    let papers = (0..site.papers.len()).map(Source::Paper);
    let meetings = (0..site.meetings.len()).map(Source::Meeting);
    let decisions = (0..site.decisions.len()).map(Source::Decision);
    papers.chain(meetings).chain(decisions).collect()
}

/// What a filter sees of a document: (committee, year, kind).
fn facet_of(site: &Site, source: Source) -> (&str, i32, &str) {
    let body = |m: usize| site.bodies[site.meetings[m].body].name.as_str();
    let year = |d: &chrono::NaiveDate| chrono::Datelike::year(d);
    match source {
        Source::Paper(p) => {
            let p = &site.papers[p];
            (
                body(p.meeting),
                year(&site.meetings[p.meeting].date),
                p.kind.label(),
            )
        }
        Source::Meeting(m) => (body(m), year(&site.meetings[m].date), MEETING),
        Source::Decision(d) => {
            let d = &site.decisions[d];
            (body(d.meeting), year(&d.date), DECISION)
        }
    }
}

fn document(site: &Site, source: Source, href: Href, texts: Option<&PlainTexts>) -> Doc {
    match source {
        Source::Paper(p) => paper_doc(site, p, href, Some(texts)),
        Source::Meeting(m) => meeting_doc(site, m, href, texts),
        Source::Decision(d) => decision_doc(site, &site.decisions[d], href),
    }
}

/// A hash of everything a document is made from, to tell which documents an edit
/// changed without reading their texts again: a paper's is its fields and the Markdown
/// of its text; a meeting's or decision's (short texts) is the document itself.
fn fingerprint(site: &Site, source: Source, href: Href) -> u64 {
    let mut h = DefaultHasher::new();
    match source {
        Source::Paper(p) => {
            let paper = &site.papers[p];
            paper_doc(site, p, href, None).hash(&mut h);
            if paper.exempt.is_none() {
                paper.text.markdown.hash(&mut h);
                paper.recommendations.hash(&mut h);
            }
        }
        _ => document(site, source, href, None).hash(&mut h),
    }
    h.finish()
}

/// A paper's document; `text` false leaves its text out (for [`fingerprint`]).
/// `text` is `None` when the document is made without its text (for a fingerprint).
fn paper_doc(site: &Site, p: usize, href: Href, text: Option<Option<&PlainTexts>>) -> Doc {
    let paper = &site.papers[p];
    let meeting = &site.meetings[paper.meeting];
    let mut x = String::new();
    if let Some(texts) = text
        && paper.exempt.is_none()
    {
        x = PlainTexts::paper(texts, p, &paper.text.markdown);
        for r in &paper.recommendations {
            x.push('\n');
            x.push_str(&crate::markdown::plain_text(r));
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

fn meeting_doc(site: &Site, m: usize, href: Href, texts: Option<&PlainTexts>) -> Doc {
    let meeting = &site.meetings[m];
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
    x.push_str(&PlainTexts::meeting(texts, m, &meeting.intro.markdown));
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

fn decision_doc(site: &Site, d: &Decision, href: Href) -> Doc {
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
        x: crate::markdown::plain_text(&d.text),
        w: Some(d.by.clone()),
        year: chrono::Datelike::year(&d.date),
    }
}

/// A document's terms, each with whether the title has it, its weight (a title
/// occurrence counting [`TITLE_WEIGHT`]) and its word positions; and the sum of the
/// weights, the document's length for ranking.
struct DocTerms {
    terms: Vec<(String, bool, u32, Vec<u32>)>,
    weighted: u32,
}

/// Title words are numbered from here, the text's from 0: a phrase cannot run from one
/// into the other, and a new title moves no position of the text (so an edited title
/// changes only the entries of its own words).
const TITLE_POSITION: u32 = 1 << 26;

/// Word positions of a document: the text's words from 0, the title's from
/// [`TITLE_POSITION`]. A text of more words than that has the rest at its last position.
fn positions(doc: &Doc) -> DocTerms {
    let mut terms: HashMap<String, (bool, u32, Vec<u32>)> = HashMap::new();
    let mut weighted: u32 = 0;
    let text =
        words(&doc.x).zip((0..TITLE_POSITION - 1).chain(std::iter::repeat(TITLE_POSITION - 1)));
    let title = words(&doc.t).zip(TITLE_POSITION..);
    for ((w, at), title_word) in text.map(|t| (t, false)).chain(title.map(|t| (t, true))) {
        let weight = if title_word { TITLE_WEIGHT } else { 1 };
        weighted = weighted.saturating_add(weight);
        let entry = terms.entry(w).or_default();
        entry.0 |= title_word;
        entry.1 = entry.1.saturating_add(weight);
        entry.2.push(at);
    }
    let terms = terms
        .into_iter()
        .map(|(term, (title, weight, at))| (term, title, weight, at))
        .collect();
    DocTerms { terms, weighted }
}

/// Brings `serve`'s search index up to date with `site`, making it if there is none
/// yet: the files that changed, and those gone.
pub(crate) fn update(
    index: &mut Option<Index>,
    site: &Site,
    href: impl Fn(&str) -> String + Sync,
) -> Update {
    match index {
        Some(index) => index.update(site, &href),
        None => {
            let (made, all) = Index::new(site, &href);
            *index = Some(made);
            all
        }
    }
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
}
