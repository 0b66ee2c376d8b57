//! Markdown to HTML: numbered paragraphs with stable anchors, unique heading ids,
//! footnotes, tables that scroll on a phone, and code highlighted with CSS classes.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::sync::OnceLock;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxDefinition, SyntaxReference, SyntaxSet, SyntaxSetBuilder};
use syntect::util::LinesWithEndings;

use crate::base::text::{slugify, unique_id};

mod document;
pub use document::Document;
use document::{At, Hole, Mark, Marked};
pub(crate) use document::{Facts, TextFacts};

/// Ids a page template uses itself, which Markdown must never take.
pub(crate) const RESERVED_IDS: &[&str] = &[
    "main",
    "top",
    "site-header",
    "site-nav",
    "search",
    "breadcrumbs",
    "paper-details",
    "recommendations",
    "attachments",
    "decisions",
    "outcome",
    "series",
    "paper-nav",
    "agenda",
    "attendance",
    "minutes",
    "meeting-details",
    "meeting-nav",
    "content",
    "footnotes",
    "other-decisions",
    "later-update",
];

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders a paper's or meeting's Markdown to HTML. `taken` are ids the page uses
/// besides [`RESERVED_IDS`], which headings and paragraphs must avoid. A build parses
/// each text once, as a [`Document`]; this is for a text shown once.
pub fn render<S: AsRef<str>>(markdown: &str, taken: &[S]) -> String {
    Document::parse(markdown, taken, false).html(&Scope::default(), &|_| None)
}

/// Where a paper's HTML is placed on a page other than its own, such as a meeting pack
/// that holds many papers: ids must stay unique there and links must still resolve.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    /// Put before every id the text gives (`b2-` makes `p3` into `b2-p3`), and before
    /// the fragment of every in-paper link, which then still finds its target.
    pub id_prefix: String,
    /// The id of the element that holds the whole text on that page, where a bare `#`
    /// (a link to "this document", common in papers converted from Word) leads.
    pub section: String,
    /// Put before every relative link or image address, so that an address written
    /// relative to the paper's own page still leads to the same place.
    pub base: String,
    /// Levels to move headings down by, when the paper's title is not the page's `h1`.
    pub demote: usize,
}

impl Scope {
    fn url<'a>(&self, url: CowStr<'a>) -> CowStr<'a> {
        if let Some(fragment) = url.strip_prefix('#') {
            if self.id_prefix.is_empty() {
                return url;
            }
            if fragment.is_empty() && !self.section.is_empty() {
                return format!("#{}", self.section).into();
            }
            return format!("#{}{fragment}", self.id_prefix).into();
        }
        let absolute = url.starts_with('/') || url.contains(':') || url.starts_with('?');
        if absolute || self.base.is_empty() {
            url
        } else {
            format!("{}{url}", self.base).into()
        }
    }
}

/// The readable text of Markdown: no markup, no raw HTML, blocks on their own lines.
/// The search index reads it for its snippets and words.
pub(crate) fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    // The options pages are rendered with, so the text is what readers see (smart quotes too).
    for event in Parser::new_ext(markdown, options()) {
        push_plain(&event, &mut out);
    }
    out.trim().to_string()
}

/// What one parser event adds to the plain text: a document's own pass and
/// [`plain_text`] share it, so a parsed text and a reparsed one read the same.
pub(crate) fn push_plain(event: &Event, out: &mut String) {
    match event {
        Event::Text(t) | Event::Code(t) => out.push_str(t),
        Event::SoftBreak | Event::HardBreak => out.push(' '),
        Event::Start(Tag::TableCell) => out.push(' '),
        Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableRow) => {
            out.push('\n')
        }
        _ => {}
    }
}

/// Renders one short piece of Markdown (a recommendation, a decision) without the
/// paragraph around it: emphasis, links and code, as a clerk would write in a sentence.
/// Raw HTML in it is cleaned as in [`render`], unless `raw_html`.
pub fn inline(text: &str, raw_html: bool) -> String {
    let mut has_raw = false;
    let events = Guard::new(
        Parser::new_ext(text, INLINE_OPTIONS),
        raw_html,
        &mut has_raw,
    )
    .filter(|e| {
        !matches!(
            e,
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
        )
    });
    let mut html = String::with_capacity(text.len() + 16);
    pulldown_cmark::html::push_html(&mut html, events);
    if has_raw && !raw_html {
        html = crate::base::html::sanitize(&html);
    }
    html.trim_end().to_string()
}

const INLINE_OPTIONS: Options =
    Options::ENABLE_STRIKETHROUGH.union(Options::ENABLE_SMART_PUNCTUATION);

/// Makes parser events safe to write: links and images whose address has a scheme
/// [`crate::base::html::url_allowed`] refuses lose their tag (their text stays), and heading
/// attributes (`{onclick=...}`) other than the harmless ones are dropped. Notes whether
/// the text has raw HTML, which the caller then cleans. With `raw_html` (a site's
/// opt-in) only the addresses are checked: an opt-in is for HTML, not for script links.
struct Guard<'a, 'f, I> {
    events: I,
    raw_html: bool,
    has_raw: &'f mut bool,
    /// For each open link or image: whether its tag was dropped.
    open: Vec<bool>,
    _text: std::marker::PhantomData<&'a str>,
}

impl<'a, 'f, I: Iterator<Item = Event<'a>>> Guard<'a, 'f, I> {
    fn new(events: I, raw_html: bool, has_raw: &'f mut bool) -> Self {
        Guard {
            events,
            raw_html,
            has_raw,
            open: Vec::new(),
            _text: std::marker::PhantomData,
        }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Guard<'a, '_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            let event = self.events.next()?;
            match event {
                Event::Html(_) | Event::InlineHtml(_) => *self.has_raw = true,
                Event::Start(Tag::Link { ref dest_url, .. })
                | Event::Start(Tag::Image { ref dest_url, .. }) => {
                    let drop = !crate::base::html::url_allowed(dest_url);
                    self.open.push(drop);
                    if drop {
                        continue;
                    }
                }
                Event::End(TagEnd::Link) | Event::End(TagEnd::Image)
                    if self.open.pop().unwrap_or(false) =>
                {
                    continue;
                }
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) if !self.raw_html => {
                    let attrs = attrs
                        .into_iter()
                        .filter(|(k, _)| heading_attr_allowed(k))
                        .collect();
                    return Some(Event::Start(Tag::Heading {
                        level,
                        id,
                        classes,
                        attrs,
                    }));
                }
                _ => {}
            }
            return Some(event);
        }
    }
}

/// Attributes a heading may be given with `{key=value}`: none that runs script.
fn heading_attr_allowed(key: &str) -> bool {
    matches!(key, "lang" | "dir" | "title")
}

/// What the HTML policy takes out of `markdown`, each with the byte offset where it
/// is: for `check` to warn about (code `html-removed`). `inline` reads it as
/// [`inline`] does, else as [`render`] does.
pub fn html_removed(markdown: &str, inline: bool, raw_html: bool) -> Vec<(usize, String)> {
    let options = if inline { INLINE_OPTIONS } else { options() };
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        note_removed(&event, range.start, raw_html, &mut out);
    }
    out
}

/// Adds to `out` what the HTML policy takes out of `event`, which starts at byte `at`.
fn note_removed(event: &Event, at: usize, raw_html: bool, out: &mut Vec<(usize, String)>) {
    let address = |dest: &str, of: &str| {
        format!("the address `{}` of {of}", crate::base::html::shorten(dest))
    };
    match event {
        Event::Html(raw) | Event::InlineHtml(raw) if !raw_html => out.extend(
            crate::base::html::removed(raw)
                .into_iter()
                .map(|what| (at, what)),
        ),
        Event::Start(Tag::Link { dest_url, .. }) if !crate::base::html::url_allowed(dest_url) => {
            out.push((at, address(dest_url, "a link")))
        }
        Event::Start(Tag::Image { dest_url, .. }) if !crate::base::html::url_allowed(dest_url) => {
            out.push((at, address(dest_url, "an image")))
        }
        Event::Start(Tag::Heading { attrs, .. }) if !raw_html => {
            for (key, _) in attrs.iter().filter(|(k, _)| !heading_attr_allowed(k)) {
                out.push((at, format!("the `{key}` attribute of a heading")));
            }
        }
        _ => {}
    }
}

/// What one text offers other pages and asks of them: the ids [`render`] gives its
/// headings and numbered paragraphs, and each link's destination with the byte offset
/// where the link starts.
pub struct Scan {
    pub ids: Vec<String>,
    pub links: Vec<(String, usize)>,
}

/// Reads `markdown` as [`render`] would with the same `taken`, without making HTML.
pub fn scan<S: AsRef<str>>(markdown: &str, taken: &[S]) -> Scan {
    let mut events = Vec::new();
    let mut links = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        if let Event::Start(Tag::Link { dest_url, .. }) = &event {
            links.push((dest_url.to_string(), range.start));
        }
        events.push(event);
    }
    let plan = Ids::plan(&events, taken);
    let mut ids = plan.headings;
    ids.extend(plan.paragraphs.into_iter().map(|(_, id)| id));
    Scan { ids, links }
}

/// The ids chosen for headings and numbered paragraphs, in document order.
struct Ids {
    headings: Vec<String>,
    paragraphs: Vec<(u64, String)>,
    /// Headings move down a level when the text uses `#`, as the page title is the `h1`.
    shift: usize,
}

impl Ids {
    fn plan<S: AsRef<str>>(events: &[Event], taken: &[S]) -> Ids {
        let mut used: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
        used.extend(taken.iter().map(|s| s.as_ref().to_string()));
        let outline = Outline::read(events);
        let runs = runs(&outline.paragraphs);
        // Plain `p<N>` ids are promised to readers, so they are taken before any heading
        // ("## P2") can claim them.
        for (&(n, _), &run) in outline.paragraphs.iter().zip(&runs) {
            if run == 0 {
                used.insert(format!("p{n}"));
            }
        }
        let headings: Vec<String> = outline
            .headings
            .iter()
            .map(|base| unique_id(&mut used, base))
            .collect();
        let mut run_heading: Vec<Option<usize>> = Vec::new();
        for (&(_, heading), &run) in outline.paragraphs.iter().zip(&runs) {
            if run == run_heading.len() {
                run_heading.push(heading);
            }
        }
        let paragraphs = outline
            .paragraphs
            .iter()
            .zip(&runs)
            .map(|(&(n, _), &run)| {
                if run == 0 {
                    return (n, format!("p{n}"));
                }
                let base = match run_heading[run] {
                    Some(h) => format!("{}-p{n}", headings[h]),
                    None => format!("p{n}"),
                };
                (n, unique_id(&mut used, &base))
            })
            .collect();
        Ids {
            headings,
            paragraphs,
            shift: usize::from(outline.min_level == 1),
        }
    }
}

/// Headings (their id before de-duplication) and numbered paragraphs (number, index of
/// the heading they sit under) in document order.
struct Outline {
    headings: Vec<String>,
    paragraphs: Vec<(u64, Option<usize>)>,
    min_level: usize,
}

impl Outline {
    fn read(events: &[Event]) -> Outline {
        let mut outline = Outline {
            headings: Vec::new(),
            paragraphs: Vec::new(),
            min_level: 6,
        };
        let mut lists: Vec<Option<u64>> = Vec::new();
        let mut heading: Option<(String, Option<String>)> = None;
        for event in events {
            match event {
                Event::Start(Tag::Heading { level, id, .. }) => {
                    outline.min_level = outline.min_level.min(*level as usize);
                    heading = Some((String::new(), id.as_ref().map(|s| s.to_string())));
                }
                Event::Text(t) | Event::Code(t) => {
                    if let Some((text, _)) = heading.as_mut() {
                        text.push_str(t);
                    }
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((text, explicit)) = heading.take() {
                        let base = explicit.unwrap_or_else(|| slugify(&text));
                        outline.headings.push(if base.is_empty() {
                            "section".to_string()
                        } else {
                            base
                        });
                    }
                }
                Event::Start(Tag::List(start)) => lists.push(*start),
                Event::End(TagEnd::List(_)) => {
                    lists.pop();
                }
                Event::Start(Tag::Item) if lists.len() == 1 => {
                    if let Some(Some(n)) = lists.last_mut() {
                        outline
                            .paragraphs
                            .push((*n, outline.headings.len().checked_sub(1)));
                        *n += 1;
                    }
                }
                _ => {}
            }
        }
        outline
    }
}

/// Numbering runs on until it restarts (minutes often number each minute's paragraphs
/// from 1): the run each paragraph belongs to, counting from 0. The first run keeps plain
/// `p<N>`; every paragraph of a later run is qualified by the heading the run starts
/// under (`56-complaints-p2`), so all paragraphs of one minute read alike.
fn runs(paragraphs: &[(u64, Option<usize>)]) -> Vec<usize> {
    let mut run = 0;
    let mut last = None;
    paragraphs
        .iter()
        .map(|&(n, _)| {
            if last.is_some_and(|l| n <= l) {
                run += 1;
            }
            last = Some(n);
            run
        })
        .collect()
}

/// Two things pipe tables cannot say: a caption, written as a `Table: ...` paragraph
/// right before the table (as Pandoc reads it), and no header row, written as an empty
/// one (a membership list has no column names; an empty `<th>` row would announce some).
fn tables(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut caption: Option<Vec<Event>> = None;
    let mut headless = false;
    let mut k = 0;
    while k < events.len() {
        if let Some((inner, next)) = caption_at(&events, k) {
            caption = Some(inner);
            k = next;
            continue;
        }
        match &events[k] {
            Event::Start(Tag::Table(_)) => {
                out.push(events[k].clone());
                if let Some(inner) = caption.take() {
                    out.push(Event::Html("<caption>".into()));
                    out.extend(inner);
                    out.push(Event::Html("</caption>".into()));
                }
                headless = empty_head(&events[k + 1..]);
            }
            Event::Start(Tag::TableHead) if headless => {
                let end = events[k..]
                    .iter()
                    .position(|e| matches!(e, Event::End(TagEnd::TableHead)))
                    .map_or(events.len(), |p| k + p);
                out.push(Event::Html("<tbody>\n".into()));
                k = end + 1;
                continue;
            }
            Event::Start(Tag::TableCell) if headless => out.push(Event::Html("<td>".into())),
            Event::End(TagEnd::TableCell) if headless => out.push(Event::Html("</td>".into())),
            Event::End(TagEnd::Table) => {
                headless = false;
                out.push(events[k].clone());
            }
            e => out.push(e.clone()),
        }
        k += 1;
    }
    out
}

/// A paragraph `Table: text` followed by a table: its text, and where the table starts.
fn caption_at<'a>(events: &[Event<'a>], k: usize) -> Option<(Vec<Event<'a>>, usize)> {
    if !matches!(events.get(k), Some(Event::Start(Tag::Paragraph))) {
        return None;
    }
    let Some(Event::Text(first)) = events.get(k + 1) else {
        return None;
    };
    let rest = first.strip_prefix("Table: ")?;
    let end = k + events[k..]
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Paragraph)))?;
    if !matches!(events.get(end + 1), Some(Event::Start(Tag::Table(_)))) {
        return None;
    }
    let mut inner = vec![Event::Text(rest.to_string().into())];
    inner.extend(events[k + 2..end].iter().cloned());
    Some((inner, end + 1))
}

/// Whether a table's header row (the events after its start) has no text at all.
fn empty_head(events: &[Event<'_>]) -> bool {
    events
        .iter()
        .take_while(|e| !matches!(e, Event::End(TagEnd::TableHead)))
        .all(|e| {
            !matches!(
                e,
                Event::Text(_) | Event::Code(_) | Event::Html(_) | Event::InlineHtml(_)
            )
        })
}

/// The events to write, with the marks that say where a [`Hole`] goes in the HTML they
/// make: whatever differs between the places a text is shown (ids' prefix, heading
/// levels, addresses) is left out of the events and marked instead.
fn rewrite<'a>(events: Vec<Event<'a>>, ids: &Ids) -> (Vec<Event<'a>>, Vec<Mark>) {
    let mut out = Vec::with_capacity(events.len() + 16);
    let mut marks: Vec<Mark> = Vec::new();
    let mut headings = ids.headings.iter();
    let mut paragraphs = ids.paragraphs.iter();
    let mut notes = Footnotes::default();
    let mut tables = 0;
    // For each open list: whether it holds numbered paragraphs.
    let mut lists: Vec<bool> = Vec::new();
    let mut code: Option<(String, String)> = None;
    for event in events {
        if let Some((lang, text)) = code.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    out.push(Event::Html(highlight(lang, text).into()));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                let id = headings.next().map_or("", String::as_str);
                marks.push(Mark::new(
                    out.len(),
                    At::HeadingLevel,
                    Hole::Level(level as usize + ids.shift),
                ));
                marks.push(Mark::new(out.len(), At::HeadingId, Hole::Prefix));
                out.push(Event::Start(Tag::Heading {
                    level: shifted(level, ids.shift),
                    id: Some(id.to_string().into()),
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                marks.push(Mark::new(
                    out.len(),
                    At::HeadingEndLevel,
                    Hole::Level(level as usize + ids.shift),
                ));
                out.push(Event::End(TagEnd::Heading(shifted(level, ids.shift))));
            }
            Event::Start(Tag::List(start)) => {
                let paras = lists.is_empty() && start.is_some();
                lists.push(paras);
                match start {
                    Some(n) if paras => out.push(Event::Html(
                        format!("<ol class=\"paras\" start=\"{n}\">\n").into(),
                    )),
                    _ => out.push(Event::Start(Tag::List(start))),
                }
            }
            Event::End(TagEnd::List(ordered)) => {
                lists.pop();
                out.push(Event::End(TagEnd::List(ordered)));
            }
            Event::Start(Tag::Item) if lists == [true] => {
                let (n, id) = paragraphs.next().cloned().unwrap_or_default();
                let mut m = Marked::default();
                m.push("<li id=\"");
                m.prefix();
                m.push(&id);
                m.push(&format!("\" value=\"{n}\"><a class=\"pnum\" href=\"#"));
                m.prefix();
                m.push(&format!("{id}\" title=\"Link to paragraph {n}\">{n}.</a> "));
                push_marked(&mut out, &mut marks, m);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(Tag::Table(align)) => {
                tables += 1;
                let open = format!(
                    "<div class=\"table-wrap\" role=\"region\" aria-label=\"Table {tables}\" tabindex=\"0\">\n"
                );
                out.push(Event::Html(open.into()));
                out.push(Event::Start(Tag::Table(align)));
            }
            Event::End(TagEnd::Table) => {
                out.push(Event::End(TagEnd::Table));
                out.push(Event::Html("</div>\n".into()));
            }
            Event::FootnoteReference(label) => {
                let m = notes.reference(&label);
                push_marked(&mut out, &mut marks, m);
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let m = notes.definition(&label);
                push_marked(&mut out, &mut marks, m);
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let m = notes.close();
                push_marked(&mut out, &mut marks, m);
            }
            // An email address is the same on every page (the writer puts `mailto:`
            // before it), so it is no hole: rebased, it would lead nowhere.
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                ..
            }) => out.push(event),
            // The address is the hole: it depends on the page the text is shown on.
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                marks.push(Mark::new(
                    out.len(),
                    At::Href,
                    Hole::Href(dest_url.to_string()),
                ));
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: CowStr::Borrowed(""),
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                marks.push(Mark::new(
                    out.len(),
                    At::Src,
                    Hole::Src(dest_url.to_string()),
                ));
                out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: CowStr::Borrowed(""),
                    title,
                    id,
                }));
            }
            other => out.push(other),
        }
    }
    (out, marks)
}

/// Pushes our own HTML, marking where the scope's prefix goes in it.
fn push_marked<'a>(out: &mut Vec<Event<'a>>, marks: &mut Vec<Mark>, m: Marked) {
    for at in m.prefixes {
        marks.push(Mark::new(out.len(), At::Offset(at), Hole::Prefix));
    }
    out.push(Event::Html(m.html.into()));
}

fn shifted(level: HeadingLevel, shift: usize) -> HeadingLevel {
    let n = (level as usize + shift).min(6);
    HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
}

/// Numbers footnotes by first reference, with ids that cannot clash with headings. Every
/// id and fragment it writes is marked for the scope's prefix.
#[derive(Default)]
struct Footnotes {
    numbers: HashMap<String, usize>,
    refs: HashMap<String, usize>,
    open: Option<String>,
}

impl Footnotes {
    fn number(&mut self, label: &str) -> usize {
        let next = self.numbers.len() + 1;
        *self.numbers.entry(label.to_string()).or_insert(next)
    }

    fn reference(&mut self, label: &str) -> Marked {
        let n = self.number(label);
        let slug = note_slug(label);
        let count = self.refs.entry(label.to_string()).or_insert(0);
        *count += 1;
        let id = if *count == 1 {
            format!("fnref-{slug}")
        } else {
            format!("fnref-{slug}-{count}")
        };
        let mut m = Marked::default();
        m.push("<sup class=\"footnote-ref\"><a href=\"#");
        m.prefix();
        m.push(&format!("fn-{slug}\" id=\""));
        m.prefix();
        m.push(&format!("{id}\" aria-label=\"Footnote {n}\">{n}</a></sup>"));
        m
    }

    fn definition(&mut self, label: &str) -> Marked {
        let n = self.number(label);
        let slug = note_slug(label);
        self.open = Some(label.to_string());
        let mut m = Marked::default();
        m.push("<div class=\"footnote\" id=\"");
        m.prefix();
        m.push(&format!(
            "fn-{slug}\"><span class=\"footnote-label\">{n}.</span>\n"
        ));
        m
    }

    /// Ends a definition, with a link back to where the note was referred to.
    fn close(&mut self) -> Marked {
        let mut m = Marked::default();
        let Some(label) = self.open.take() else {
            m.push("</div>\n");
            return m;
        };
        if !self.refs.contains_key(&label) {
            m.push("</div>\n");
            return m;
        }
        let n = self.number(&label);
        let slug = note_slug(&label);
        m.push("<a class=\"footnote-back\" href=\"#");
        m.prefix();
        m.push(&format!(
            "fnref-{slug}\" aria-label=\"Back to reference {n}\">↩</a></div>\n"
        ));
        m
    }
}

fn note_slug(label: &str) -> String {
    let s = slugify(label);
    if s.is_empty() { "note".to_string() } else { s }
}

/// The syntax a fence names, with the set it belongs to. Syntect's default syntaxes and
/// the CSV one stay in two sets: merging them rebuilds and recompresses every default
/// syntax, which cost more than rendering 1,000 papers.
fn syntax_for(lang: &str) -> Option<(&'static SyntaxSet, &'static SyntaxReference)> {
    static DEFAULTS: OnceLock<SyntaxSet> = OnceLock::new();
    static CSV: OnceLock<SyntaxSet> = OnceLock::new();
    if lang.is_empty() {
        return None;
    }
    let csv = CSV.get_or_init(|| {
        let mut builder = SyntaxSetBuilder::new();
        if let Ok(csv) = SyntaxDefinition::load_from_str(CSV_SYNTAX, true, None) {
            builder.add(csv);
        }
        builder.build()
    });
    if let Some(syntax) = csv.find_syntax_by_token(lang) {
        return Some((csv, syntax));
    }
    let defaults = DEFAULTS.get_or_init(SyntaxSet::load_defaults_newlines);
    defaults.find_syntax_by_token(lang).map(|s| (defaults, s))
}

/// A data extract reads better with its columns told apart; syntect has no CSV syntax.
const CSV_SYNTAX: &str = r#"%YAML 1.2
---
name: CSV
file_extensions: [csv]
scope: text.csv
contexts:
  main:
    - match: '^'
      push: row
  row:
    - match: '$'
      pop: true
    - match: '"(?:[^"]|"")*"'
      scope: string.quoted.double.csv
    - match: '(?<![\w.])-?\d+(\.\d+)?%?(?=\s*(,|$))'
      scope: constant.numeric.csv
    - match: ','
      scope: punctuation.separator.csv
"#;

fn highlight(lang: &str, code: &str) -> String {
    let mut html = String::with_capacity(code.len() * 2);
    let label = match lang.to_ascii_lowercase().as_str() {
        "" => "Code".to_string(),
        data @ ("csv" | "tsv" | "json" | "xml" | "yaml" | "yml" | "toml") => {
            format!("{} data", data.to_uppercase())
        }
        other => format!("Code ({other})"),
    };
    let _ = write!(
        html,
        "<pre class=\"code\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"",
        escape(&label)
    );
    if !lang.is_empty() {
        let _ = write!(html, " data-lang=\"{}\"", escape(lang));
    }
    html.push_str("><code>");
    match syntax_for(lang).and_then(|(set, s)| classed(set, s, code)) {
        Some(body) => html.push_str(&body),
        None => html.push_str(&escape(code)),
    }
    html.push_str("</code></pre>\n");
    html
}

fn classed(set: &SyntaxSet, syntax: &SyntaxReference, code: &str) -> Option<String> {
    let style = ClassStyle::SpacedPrefixed { prefix: "hl-" };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, style);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup_and_keeps_blocks_apart() {
        let text = plain_text("# Head\n\nSome **bold** and `code`.<br>\n\n- one\n- two");
        assert_eq!(text, "Head\nSome bold and code.\none\ntwo");
    }

    #[test]
    fn an_empty_header_row_is_left_out_and_a_real_one_kept() {
        let none: [&str; 0] = [];
        let html = render("|  |  |\n|---|:---:|\n| Cllr A | Northby |\n", &none);
        assert!(!html.contains("<thead>"), "{html}");
        assert!(html.contains("<td>Cllr A</td>"), "{html}");
        let html = render(
            "| Name | Council |\n|---|---|\n| Cllr A | Northby |\n",
            &none,
        );
        assert!(html.contains("<thead><tr><th>Name</th>"), "{html}");
    }

    fn ids(html: &str) -> Vec<&str> {
        html.split("id=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect()
    }

    #[test]
    fn paragraph_numbers_keep_their_anchor_before_headings() {
        let html = render("## P2\n\n1. One\n2. Two\n", &[] as &[&str]);
        assert_eq!(ids(&html), ["p2-2", "p1", "p2"]);
    }

    #[test]
    fn inline_markdown_has_no_paragraph() {
        assert_eq!(
            inline("That the Panel **notes** the report", false),
            "That the Panel <strong>notes</strong> the report"
        );
        assert_eq!(inline("Fish & chips", false), "Fish &amp; chips");
    }

    #[test]
    fn a_scope_prefixes_ids_and_in_paper_links_and_rebases_relative_ones() {
        let scope = Scope {
            id_prefix: "b2-".to_string(),
            section: "b2".to_string(),
            base: "../../papers/m/b2/".to_string(),
            demote: 1,
        };
        let text = "## Costs\n\n1. See [2](#p2).[^n]\n2. And [B1](../b1/), [web](https://example.org/), [this](#).\n\n[^n]: Note.";
        let document = Document::parse(text, &[] as &[&str], false);
        let html = document.html(&scope, &|_| None);
        assert_eq!(
            ids(&html),
            ["b2-costs", "b2-p1", "b2-fnref-n", "b2-p2", "b2-fn-n"]
        );
        assert!(html.contains("<h3 id=\"b2-costs\">"));
        assert!(html.contains("href=\"#b2-p2\""));
        assert!(html.contains("href=\"#b2-fn-n\""));
        assert!(html.contains("href=\"../../papers/m/b2/../b1/\""));
        assert!(html.contains("href=\"https://example.org/\""));
        // A bare `#` means the paper itself: its section of the pack.
        assert!(html.contains("href=\"#b2\">this</a>"), "{html}");
        // Unscoped, the same document gives the paper page's HTML.
        let page = document.html(&Scope::default(), &|_| None);
        assert_eq!(page, render(text, &[] as &[&str]));
        assert!(page.contains("<h2 id=\"costs\">") && page.contains("href=\"#\">this</a>"));
    }

    #[test]
    fn template_ids_are_never_taken() {
        let html = render("## Recommendations\n\n## Decision 1\n", &["decision-1"]);
        assert_eq!(ids(&html), ["recommendations-2", "decision-1-2"]);
    }

    #[test]
    fn a_table_line_is_a_caption_and_an_empty_header_row_is_none() {
        let html = render(
            "Table: Members *by* council\n\n|  |  |\n|---|---|\n| Cllr A | Northby |\n",
            &[] as &[&str],
        );
        assert!(
            html.contains("<table><caption>Members <em>by</em> council</caption>"),
            "{html}"
        );
        assert!(!html.contains("<th") && !html.contains("<thead"), "{html}");
        assert!(
            html.contains("<tbody>\n<tr><td>Cllr A</td><td>Northby</td></tr>"),
            "{html}"
        );
        let headed = render("| Year | Cost |\n|---|---|\n| 2024 | 3 |\n", &[] as &[&str]);
        assert!(headed.contains("<thead><tr><th>Year</th>"), "{headed}");
    }
}
