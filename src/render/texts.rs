//! The parsed texts a group of pages shows. A build renders meeting by meeting: the
//! meeting's introduction and each published paper are parsed once, feed the meeting
//! page, the paper pages and the pack, and are then dropped, keeping only their
//! [`Facts`] for the checks and the search index.

use std::collections::HashMap;

use super::{Content, Page, reading};
use crate::markdown::{Document, Facts, TextFacts};
use crate::model::{MeetingIdx, PaperIdx, Site};

/// The documents of one meeting's texts, as far as its pages want them.
#[derive(Default)]
pub(crate) struct Texts {
    intros: HashMap<MeetingIdx, Document>,
    papers: HashMap<PaperIdx, Document>,
}

impl Texts {
    /// Parses, once each, the texts `pages` show.
    pub(crate) fn for_pages<'p>(site: &Site, pages: impl IntoIterator<Item = &'p Page>) -> Texts {
        let mut texts = Texts::default();
        for page in pages {
            match page.content {
                Content::Paper(p) => texts.add_paper(site, p),
                Content::Meeting(m) => texts.add_intro(site, m),
                Content::Reading(reading::Content::Pack(m)) => {
                    texts.add_intro(site, m);
                    for p in site.meetings[m].agenda.iter().filter_map(|e| e.paper) {
                        texts.add_paper(site, p);
                    }
                }
                _ => {}
            }
        }
        texts
    }

    fn add_paper(&mut self, site: &Site, p: PaperIdx) {
        if let std::collections::hash_map::Entry::Vacant(slot) = self.papers.entry(p)
            && let Some(d) = paper_document(site, p)
        {
            slot.insert(d);
        }
    }

    fn add_intro(&mut self, site: &Site, m: MeetingIdx) {
        self.intros
            .entry(m)
            .or_insert_with(|| intro_document(site, m));
    }

    /// Calls `f` with paper `p`'s document: this group's, or one parsed for the call
    /// (a page rendered on its own). None for an exempt paper, whose text is never shown.
    pub(crate) fn with_paper<R>(
        &self,
        site: &Site,
        p: PaperIdx,
        f: impl FnOnce(&Document) -> R,
    ) -> Option<R> {
        match self.papers.get(&p) {
            Some(d) => Some(f(d)),
            None => paper_document(site, p).map(|d| f(&d)),
        }
    }

    /// As [`Texts::with_paper`], for meeting `m`'s introduction.
    pub(crate) fn with_intro<R>(
        &self,
        site: &Site,
        m: MeetingIdx,
        f: impl FnOnce(&Document) -> R,
    ) -> R {
        match self.intros.get(&m) {
            Some(d) => f(d),
            None => f(&intro_document(site, m)),
        }
    }

    /// The facts of every text parsed, the HTML dropped (and the plain text, unless
    /// `plain_text`), into `out`.
    pub(crate) fn keep_facts(self, plain_text: bool, out: &mut Vec<(TextOf, Facts)>) {
        let keep = |d: Document| {
            let mut f = d.into_facts();
            if !plain_text {
                f.plain_text = String::new();
            }
            f
        };
        let papers = self
            .papers
            .into_iter()
            .map(|(p, d)| (TextOf::Paper(p), keep(d)));
        out.extend(papers);
        let intros = self
            .intros
            .into_iter()
            .map(|(m, d)| (TextOf::Meeting(m), keep(d)));
        out.extend(intros);
    }
}

/// Whose text a document is.
#[derive(Debug, Clone, Copy)]
pub(crate) enum TextOf {
    Paper(PaperIdx),
    Meeting(MeetingIdx),
}

/// Puts facts, as [`Texts::keep_facts`] gives them, in their places.
pub(super) fn collect_facts(site: &Site, all: Vec<(TextOf, Facts)>) -> TextFacts {
    let mut facts = TextFacts {
        papers: vec![None; site.papers.len()],
        meetings: vec![None; site.meetings.len()],
    };
    for (of, f) in all {
        match of {
            TextOf::Paper(p) => facts.papers[p] = Some(f),
            TextOf::Meeting(m) => facts.meetings[m] = Some(f),
        }
    }
    facts
}

/// Paper `p`'s text, parsed; None for an exempt paper.
pub(crate) fn paper_document(site: &Site, p: PaperIdx) -> Option<Document> {
    let paper = &site.papers[p];
    if paper.exempt.is_some() {
        return None;
    }
    let taken: Vec<&str> = paper
        .decisions
        .iter()
        .map(|&d| site.decisions[d].anchor.as_str())
        .collect();
    Some(Document::parse(
        &paper.text.markdown,
        &taken,
        site.config.unsafe_html,
    ))
}

/// Meeting `m`'s introduction, parsed: its agenda's anchors are taken.
pub(crate) fn intro_document(site: &Site, m: MeetingIdx) -> Document {
    let meeting = &site.meetings[m];
    let taken: Vec<&str> = meeting.agenda.iter().map(|e| e.anchor.as_str()).collect();
    Document::parse(&meeting.intro.markdown, &taken, site.config.unsafe_html)
}
