//! One parse of a text: everything a build wants of a paper's or meeting's Markdown, made
//! in one pass over the parser's events, so no stage parses the text again.
//!
//! The HTML is kept with holes where it differs between the places the text is shown:
//! the prefix of every id and in-text fragment, each heading's level, and each link's or
//! image's address. [`Document::html`] fills them for a page: once for the paper's own
//! page, once (scoped) for its meeting's pack. The HTML is written once, by
//! pulldown-cmark; a hole is found in it by the output's length when the writer pulled
//! the event that holds it, as the writer pulls each event only when it writes it.

use std::cell::Cell;
use std::fmt::Write;

use pulldown_cmark::{CowStr, Event, Parser, Tag};

use super::{Guard, Ids, Scope, note_removed, options, rewrite, tables};

/// A text parsed once: its HTML with holes, and what other stages want of it.
pub struct Document {
    facts: Facts,
    /// The HTML with every hole left out; `holes` are byte offsets into it, ascending.
    html: String,
    holes: Vec<(usize, Hole)>,
    /// The text has raw HTML to clean: done after the holes are filled, as the cleaner
    /// must see the final addresses.
    clean: bool,
}

/// What later stages keep of a text once its pages are written: the check's ids and
/// links, the search index's plain text, and what the HTML policy removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The ids of headings and numbered paragraphs, in document order (headings first).
    pub ids: Vec<String>,
    /// Each link's destination as written, with the byte offset where the link starts.
    pub links: Vec<(String, usize)>,
    /// The readable text: no markup, no raw HTML, blocks on their own lines.
    pub plain_text: String,
    /// What the HTML policy takes out, with the byte offset where it is.
    pub removed: Vec<(usize, String)>,
}

/// What goes in one hole of a document's HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Hole {
    /// The scope's id prefix, before an id or an in-text fragment.
    Prefix,
    /// A heading's level on the paper's own page (may exceed 6, which it is capped to).
    Level(usize),
    /// A link's destination as written: resolved to another page, or placed by the scope.
    Href(String),
    /// An image's address as written.
    Src(String),
}

/// Where a hole sits in the HTML written for one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum At {
    /// This many bytes into HTML we wrote ourselves.
    Offset(usize),
    /// The digit of `<hN id="…">`.
    HeadingLevel,
    /// The start of the heading's id.
    HeadingId,
    /// The digit of `</hN>`.
    HeadingEndLevel,
    /// After `<a href="` (or `<a href="mailto:`).
    Href,
    /// After `<img src="`.
    Src,
}

/// A hole in the HTML of the event at index `event` of the rewritten events.
pub(super) struct Mark {
    event: usize,
    at: At,
    hole: Hole,
}

impl Mark {
    pub(super) fn new(event: usize, at: At, hole: Hole) -> Self {
        Mark { event, at, hole }
    }
}

/// HTML we write ourselves, with the offsets where the scope's prefix goes.
#[derive(Default)]
pub(super) struct Marked {
    pub(super) html: String,
    pub(super) prefixes: Vec<usize>,
}

impl Marked {
    pub(super) fn push(&mut self, s: &str) {
        self.html.push_str(s);
    }

    pub(super) fn prefix(&mut self) {
        self.prefixes.push(self.html.len());
    }
}

impl Document {
    /// Parses `markdown` once. `taken` are ids the page uses besides
    /// [`super::RESERVED_IDS`]; `raw_html` is the site's opt-in to raw HTML.
    pub fn parse<S: AsRef<str>>(markdown: &str, taken: &[S], raw_html: bool) -> Document {
        let mut facts = Facts::default();
        let mut has_raw = false;
        // The parser gives no size hint; about one event per 16 bytes of a paper saves the
        // vector's repeated doubling and copying.
        let mut events: Vec<Event> = Vec::with_capacity(markdown.len() / 16);
        {
            let observed =
                Parser::new_ext(markdown, options())
                    .into_offset_iter()
                    .map(|(event, range)| {
                        facts.observe(&event, range.start, raw_html);
                        event
                    });
            events.extend(Guard::new(observed, raw_html, &mut has_raw));
        }
        facts.finish_plain_text();
        let ids = Ids::plan(&events, taken);
        facts.ids = ids.headings.clone();
        facts
            .ids
            .extend(ids.paragraphs.iter().map(|(_, id)| id.clone()));
        let (events, marks) = rewrite(tables(events), &ids);
        let (html, holes) = write(events, marks, markdown.len());
        Document {
            facts,
            html,
            holes,
            clean: has_raw && !raw_html,
        }
    }

    /// What the text holds besides its HTML: ids, links, plain text, removed HTML.
    pub fn facts(&self) -> &Facts {
        &self.facts
    }

    /// What later stages want, the HTML dropped.
    pub fn into_facts(self) -> Facts {
        self.facts
    }

    /// The HTML as placed by `scope`; a link that `link` resolves (to another paper,
    /// say) takes the address it gives, which is final.
    pub fn html(&self, scope: &Scope, link: &dyn Fn(&str) -> Option<String>) -> String {
        let mut out = String::with_capacity(self.html.len() + self.holes.len() * 8);
        let mut last = 0;
        for (at, hole) in &self.holes {
            out.push_str(&self.html[last..*at]);
            last = *at;
            match hole {
                Hole::Prefix => out.push_str(&scope.id_prefix),
                Hole::Level(level) => {
                    let _ = write!(out, "{}", (level + scope.demote).clamp(1, 6));
                }
                Hole::Href(dest) => {
                    let url = match link(dest) {
                        Some(resolved) => CowStr::from(resolved),
                        None => scope.url(CowStr::Borrowed(dest)),
                    };
                    let _ = pulldown_cmark_escape::escape_href(&mut out, &url);
                }
                Hole::Src(dest) => {
                    let url = scope.url(CowStr::Borrowed(dest));
                    let _ = pulldown_cmark_escape::escape_href(&mut out, &url);
                }
            }
        }
        out.push_str(&self.html[last..]);
        // Only a text with raw HTML is cleaned: the HTML made from Markdown alone is safe
        // by construction, and stays byte for byte as pulldown-cmark writes it.
        if self.clean {
            out = crate::base::html::sanitize(&out);
        }
        out
    }
}

impl Facts {
    /// Notes what one parser event, starting at byte `at`, gives the facts. Sees every
    /// event before the HTML policy does, as the check and the warnings read the text as
    /// written.
    fn observe(&mut self, event: &Event, at: usize, raw_html: bool) {
        note_removed(event, at, raw_html, &mut self.removed);
        if let Event::Start(Tag::Link { dest_url, .. }) = event {
            self.links.push((dest_url.to_string(), at));
        }
        super::push_plain(event, &mut self.plain_text);
    }

    fn finish_plain_text(&mut self) {
        let trimmed = self.plain_text.trim();
        if trimmed.len() != self.plain_text.len() {
            self.plain_text = trimmed.to_string();
        } else {
            self.plain_text.shrink_to_fit();
        }
    }
}

/// A `fmt::Write` that keeps its length where the event iterator can read it.
struct Counting<'c> {
    html: String,
    len: &'c Cell<usize>,
}

impl Write for Counting<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.html.push_str(s);
        self.len.set(self.html.len());
        Ok(())
    }
}

/// Writes the events, then takes the holes out of the HTML: the HTML without them and
/// each hole's offset in it.
fn write(events: Vec<Event>, marks: Vec<Mark>, hint: usize) -> (String, Vec<(usize, Hole)>) {
    let len = Cell::new(0);
    let mut starts: Vec<usize> = Vec::with_capacity(events.len() + 1);
    let mut out = Counting {
        html: String::with_capacity(hint * 3 / 2),
        len: &len,
    };
    let pulled = events.into_iter().inspect(|_| starts.push(len.get()));
    let _ = pulldown_cmark::html::write_html_fmt(&mut out, pulled);
    let raw = out.html;
    starts.push(raw.len());
    // (offset in `raw`, bytes of `raw` the hole replaces, hole)
    let mut found: Vec<(usize, usize, Hole)> = marks
        .into_iter()
        .filter_map(|m| {
            let start = *starts.get(m.event)?;
            let end = starts.get(m.event + 1).copied().unwrap_or(raw.len());
            let span = &raw[start..end];
            let (at, skip) = locate(span, m.at)?;
            Some((start + at, skip, m.hole))
        })
        .collect();
    found.sort_by_key(|&(at, _, _)| at);
    let mut html = String::with_capacity(raw.len());
    let mut holes = Vec::with_capacity(found.len());
    let mut last = 0;
    for (at, skip, hole) in found {
        if at < last {
            continue;
        }
        html.push_str(&raw[last..at]);
        holes.push((html.len(), hole));
        last = at + skip;
    }
    html.push_str(&raw[last..]);
    (html, holes)
}

/// Where in the HTML written for one event (`span`) its hole is, and how many bytes the
/// hole replaces. None when the writer wrote the event otherwise (a link inside an
/// image's alt text is written as text only, so has no address).
fn locate(span: &str, at: At) -> Option<(usize, usize)> {
    let lead = usize::from(span.starts_with('\n'));
    let digit = |pos: usize| {
        span.as_bytes()
            .get(pos)
            .is_some_and(u8::is_ascii_digit)
            .then_some((pos, 1))
    };
    match at {
        At::Offset(o) => (o <= span.len()).then_some((o, 0)),
        At::HeadingLevel if span[lead..].starts_with("<h") => digit(lead + 2),
        At::HeadingId
            if span[lead..].starts_with("<h")
                && span
                    .get(lead + 3..)
                    .is_some_and(|s| s.starts_with(" id=\"")) =>
        {
            Some((lead + 8, 0))
        }
        At::HeadingEndLevel if span.starts_with("</h") => digit(3),
        At::Href if span.starts_with("<a href=\"mailto:") => Some((16, 0)),
        At::Href if span.starts_with("<a href=\"") => Some((9, 0)),
        At::Src if span.starts_with("<img src=\"") => Some((10, 0)),
        _ => None,
    }
}

/// The facts of every text of a site, by paper and by meeting index; None where a text
/// was not parsed (an exempt paper's, which is never shown).
#[derive(Debug, Clone, Default)]
pub(crate) struct TextFacts {
    pub papers: Vec<Option<Facts>>,
    pub meetings: Vec<Option<Facts>>,
}
