//! Word documents (`.docx`) as the plain text the converter reads: heading styles as `#`
//! lines, Word's own list numbering as the numbers it prints ("24." at the top level,
//! indented sub-levels), tables as pipe tables, bold, italic and links as Markdown.
//!
//! The container is read part by part under one size cap, so a zip bomb is refused
//! rather than unpacked; the XML is parsed with DTDs refused, so no entity expands.

mod numbering;
mod styles;

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use roxmltree::{Document, Node};

use crate::base::error::{Diagnostic, ErrorKind, Location};
use numbering::{Counters, Numbering};
use styles::Styles;

/// The most a document may unpack to, all parts read together. The text of a 500-page
/// report is a few MB; more is a damaged file or a zip bomb.
pub(super) const MAX_UNPACKED: u64 = 50 * 1024 * 1024;

const MAIN_PART: &str = "word/document.xml";

/// Deeper than any real document nests (tables in tables, text boxes in both), and
/// shallow enough that reading it recursively cannot exhaust the stack.
const MAX_DEPTH: usize = 256;

/// Fields nest (a hyperlink inside a table of contents); more open at once than this
/// is a damaged file, and the rest are read as plain text.
const MAX_FIELDS: usize = 32;

/// The text of the Word document at `path`.
pub(super) fn read(path: &Path) -> Result<String, Diagnostic> {
    let file = std::fs::File::open(path).map_err(|e| {
        Diagnostic::new(
            ErrorKind::Io,
            Location::file(path),
            format!("cannot read: {e}"),
        )
    })?;
    let mut package = Package::open(path, std::io::BufReader::new(file))?;
    let main = package.main_part()?;
    let rels = package.relationships(&main)?;
    let document = package
        .part(&main)?
        .ok_or_else(|| package.damaged(format!("it has no main document part (`{main}`)")))?;
    let styles = package.related(&main, &rels, "/styles", "word/styles.xml")?;
    let numbering = package.related(&main, &rels, "/numbering", "word/numbering.xml")?;
    let styles = match styles {
        Some(text) => Styles::parse(&package.xml("styles", &text)?),
        None => Styles::default(),
    };
    let numbering = match numbering {
        Some(text) => Numbering::parse(&package.xml("numbering", &text)?),
        None => Numbering::default(),
    };
    let notes = read_notes(&mut package, &main, &rels, &styles, &numbering)?;
    let doc = package.xml(&main, &document)?;
    let mut writer = Writer::new(&styles, &numbering, &rels, &notes);
    let body = doc
        .root_element()
        .children()
        .find(|n| is(n, "body"))
        .ok_or_else(|| package.damaged("its main part has no body"))?;
    writer.blocks(body);
    Ok(writer.finish())
}

/// The text of every footnote and endnote, by `f<id>` and `e<id>`, each read with
/// the relationships of its own part (a link in a note has its own ids).
fn read_notes<R: Read + std::io::Seek>(
    package: &mut Package<R>,
    main: &str,
    rels: &Rels,
    styles: &Styles,
    numbering: &Numbering,
) -> Result<HashMap<String, String>, Diagnostic> {
    let mut notes = HashMap::new();
    for (kind, usual) in [
        ("footnote", "word/footnotes.xml"),
        ("endnote", "word/endnotes.xml"),
    ] {
        let name = package.related_name(main, rels, &format!("/{kind}s"), usual);
        let Some(text) = package.part(&name)? else {
            continue;
        };
        let links = package.relationships(&name)?;
        let doc = package.xml(&name, &text)?;
        let none = HashMap::new();
        notes.extend(Writer::new(styles, numbering, &links, &none).notes(&doc, kind));
    }
    Ok(notes)
}

/// The zip container, read with one budget for all parts.
struct Package<'p, R: Read + std::io::Seek> {
    path: &'p Path,
    zip: zip::ZipArchive<R>,
    left: u64,
}

impl<'p, R: Read + std::io::Seek> Package<'p, R> {
    fn open(path: &'p Path, reader: R) -> Result<Self, Diagnostic> {
        let zip = zip::ZipArchive::new(reader).map_err(|e| {
            Diagnostic::new(
                ErrorKind::Encoding,
                Location::file(path),
                format!("not a Word document (.docx): {e}"),
            )
            .help("open it in Word or LibreOffice and save it as a Word document (.docx), not .doc")
        })?;
        Ok(Package {
            path,
            zip,
            left: MAX_UNPACKED,
        })
    }

    fn damaged(&self, what: impl std::fmt::Display) -> Diagnostic {
        Diagnostic::new(
            ErrorKind::Encoding,
            Location::file(self.path),
            format!("the Word document is damaged: {what}"),
        )
        .help("open it in Word or LibreOffice, save it again as .docx, and import that copy")
    }

    /// A part's text, or `None` when the package has no such part.
    fn part(&mut self, name: &str) -> Result<Option<String>, Diagnostic> {
        let mut bytes = Vec::new();
        let read = match self.zip.by_name(name) {
            Ok(entry) => entry
                .take(self.left + 1)
                .read_to_end(&mut bytes)
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => Err(e.to_string()),
        };
        // One byte over the budget is enough to know it is exceeded.
        read.map_err(|e| self.damaged(format!("`{name}`: {e}")))?;
        if bytes.len() as u64 > self.left {
            return Err(Diagnostic::new(
                ErrorKind::Encoding,
                Location::file(self.path),
                format!(
                    "the Word document unpacks to more than {} MB, more than any paper's text",
                    MAX_UNPACKED / (1024 * 1024)
                ),
            )
            .help("save the paper without embedded media, or split it, then import it again"));
        }
        self.left -= bytes.len() as u64;
        let text = String::from_utf8(bytes)
            .map_err(|_| self.damaged(format!("`{name}` is not UTF-8 XML")))?;
        Ok(Some(text))
    }

    fn xml<'t>(&self, name: &str, text: &'t str) -> Result<Document<'t>, Diagnostic> {
        let doc = Document::parse(text).map_err(|e| self.damaged(format!("`{name}`: {e}")))?;
        if depth(&doc) > MAX_DEPTH {
            return Err(self.damaged(format!(
                "`{name}` nests elements more than {MAX_DEPTH} deep"
            )));
        }
        Ok(doc)
    }

    /// The main document part, as the package's relationships name it.
    fn main_part(&mut self) -> Result<String, Diagnostic> {
        let Some(text) = self.part("_rels/.rels")? else {
            return Ok(MAIN_PART.to_string());
        };
        let doc = self.xml("_rels/.rels", &text)?;
        let main = doc
            .root_element()
            .children()
            .filter(|n| n.is_element())
            .find(|n| attr(n, "Type").is_some_and(|t| t.ends_with("/officeDocument")))
            .and_then(|n| attr(&n, "Target"))
            .map(|t| t.trim_start_matches('/').to_string());
        Ok(main.unwrap_or_else(|| MAIN_PART.to_string()))
    }

    /// The main part's relationships: id → type and target.
    fn relationships(&mut self, main: &str) -> Result<Rels, Diagnostic> {
        let (dir, file) = main.rsplit_once('/').unwrap_or(("", main));
        let name = format!("{dir}/_rels/{file}.rels");
        let Some(text) = self.part(name.trim_start_matches('/'))? else {
            return Ok(Rels::default());
        };
        let doc = self.xml(&name, &text)?;
        let all = doc
            .root_element()
            .children()
            .filter(|n| n.is_element())
            .filter_map(|n| {
                Some(Rel {
                    id: attr(&n, "Id")?.to_string(),
                    kind: attr(&n, "Type").unwrap_or("").to_string(),
                    target: attr(&n, "Target")?.to_string(),
                    external: attr(&n, "TargetMode") == Some("External"),
                })
            })
            .collect();
        Ok(Rels(all))
    }

    /// The text of the part a relationship of `kind` points to, else of the usual name.
    fn related(
        &mut self,
        main: &str,
        rels: &Rels,
        kind: &str,
        usual: &str,
    ) -> Result<Option<String>, Diagnostic> {
        let name = self.related_name(main, rels, kind, usual);
        self.part(&name)
    }

    fn related_name(&self, main: &str, rels: &Rels, kind: &str, usual: &str) -> String {
        let dir = main.rsplit_once('/').map_or("", |(d, _)| d);
        rels.0
            .iter()
            .find(|r| r.kind.ends_with(kind) && !r.external)
            .map(|r| match r.target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None if dir.is_empty() => r.target.clone(),
                None => format!("{dir}/{}", r.target),
            })
            .unwrap_or_else(|| usual.to_string())
    }
}

/// How deep a document's elements nest, found without recursion: nodes come in
/// document order, so each one's parent is measured before it.
fn depth(doc: &Document) -> usize {
    let mut depths: Vec<usize> = Vec::new();
    let mut max = 0;
    for node in doc.descendants() {
        let id = node.id().get_usize();
        let parent = node
            .parent()
            .map_or(0, |p| depths.get(p.id().get_usize()).copied().unwrap_or(0));
        if depths.len() <= id {
            depths.resize(id + 1, 0);
        }
        depths[id] = parent + 1;
        max = max.max(depths[id]);
    }
    max
}

#[derive(Debug, Default)]
struct Rels(Vec<Rel>);

#[derive(Debug)]
struct Rel {
    id: String,
    kind: String,
    target: String,
    external: bool,
}

impl Rels {
    fn hyperlink(&self, id: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|r| r.id == id && r.kind.ends_with("/hyperlink"))
            .map(|r| r.target.as_str())
    }
}

const W_NS: &[&str] = &[
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// An element of WordprocessingML named `name` (transitional or strict).
fn is(node: &Node, name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node
            .tag_name()
            .namespace()
            .is_some_and(|ns| W_NS.contains(&ns))
}

/// An attribute by its local name, whatever its prefix (`w:val`, `r:id`).
fn attr<'a>(node: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}

fn child<'a, 'i>(node: &Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| is(n, name))
}

/// `w:val` of the child `name`, as in `<w:pStyle w:val="Heading1"/>`.
fn val<'a>(node: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    child(node, name).and_then(|c| attr(&c, "val"))
}

/// A toggle property (`<w:b/>`, `<w:b w:val="0"/>`): `None` when not set.
fn toggle(props: &Node, name: &str) -> Option<bool> {
    let c = child(props, name)?;
    Some(!matches!(
        attr(&c, "val"),
        Some("0" | "false" | "off" | "none")
    ))
}

/// Addresses a published page may link to; anything else (`javascript:`, `data:`,
/// `file:`, a path inside the author's computer) keeps its text and loses the link.
fn safe_url(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let allowed = ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s));
    if !allowed || url.chars().any(char::is_control) {
        return None;
    }
    // Characters that would end a Markdown link's address early.
    Some(
        url.replace(' ', "%20")
            .replace('(', "%28")
            .replace(')', "%29")
            .replace('<', "%3C")
            .replace('>', "%3E"),
    )
}

/// A piece of a paragraph's text with one formatting.
#[derive(Debug, Clone, PartialEq)]
struct Span {
    text: String,
    bold: bool,
    italic: bool,
    link: Option<String>,
}

/// A field being read (`HYPERLINK "…"`, `PAGE`): its instruction, and whether its shown
/// result has begun. Fields may span paragraphs.
struct Field {
    instruction: String,
    result: bool,
}

struct Writer<'d> {
    styles: &'d Styles,
    numbering: &'d Numbering,
    links: &'d Rels,
    /// The text of each footnote and endnote, by `f<id>` and `e<id>`.
    notes: &'d HashMap<String, String>,
    counters: Counters,
    fields: Vec<Field>,
    /// The notes referred to so far, in order: the `n`th is `[^n]`.
    cited: Vec<String>,
    out: Vec<String>,
}

/// What a paragraph says and the text boxes anchored in it.
struct Inline<'a, 'i> {
    spans: Vec<Span>,
    boxes: Vec<Node<'a, 'i>>,
}

impl<'d> Writer<'d> {
    fn new(
        styles: &'d Styles,
        numbering: &'d Numbering,
        links: &'d Rels,
        notes: &'d HashMap<String, String>,
    ) -> Self {
        Writer {
            styles,
            numbering,
            links,
            notes,
            counters: Counters::default(),
            fields: Vec::new(),
            cited: Vec::new(),
            out: Vec::new(),
        }
    }

    /// Footnotes and endnotes go at the end as Markdown footnotes, under a heading of
    /// their own, so that no section before them (Recommendations) takes them in.
    fn finish(mut self) -> String {
        if !self.cited.is_empty() {
            self.out.push("## Notes".to_string());
            for (i, note) in self.cited.iter().enumerate() {
                self.out.push(format!("[^{}]: {note}", i + 1));
            }
        }
        let mut text = self.out.join("\n\n");
        text.push('\n');
        text
    }

    /// The text of each note of a footnotes or endnotes part, on one line; Word's
    /// separator "notes" are layout.
    fn notes(&mut self, doc: &Document, kind: &str) -> HashMap<String, String> {
        let mut texts = HashMap::new();
        for note in doc.root_element().children().filter(|n| is(n, kind)) {
            let (Some(id), None) = (
                attr(&note, "id"),
                attr(&note, "type").filter(|t| *t != "normal"),
            ) else {
                continue;
            };
            self.out.clear();
            self.blocks(note);
            let text = self
                .out
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if !text.is_empty() {
                texts.insert(format!("{}{id}", &kind[..1]), text);
            }
        }
        texts
    }

    /// The block content of the body, a table cell or a text box.
    fn blocks(&mut self, parent: Node) {
        for node in parent.children().filter(Node::is_element) {
            if is(&node, "p") {
                self.paragraph(node);
            } else if is(&node, "tbl") {
                self.table(node);
            } else if is(&node, "sdt") {
                if let Some(content) = child(&node, "sdtContent") {
                    self.blocks(content);
                }
            } else if is(&node, "customXml") || is(&node, "ins") {
                self.blocks(node);
            }
        }
    }

    fn paragraph(&mut self, p: Node) {
        let props = child(&p, "pPr");
        let style = props.and_then(|pr| val(&pr, "pStyle"));
        let mut inline = self.inline(p, style);
        let heading = self.styles.heading_level(style, props);
        if heading.is_some() {
            // A heading's weight is its style's; the text path reads it plain.
            for s in &mut inline.spans {
                (s.bold, s.italic) = (false, false);
            }
        }
        let text = markdown(&inline.spans);
        let numbered = self.numbering_of(style, props);
        if !self.styles.is_contents(style) {
            self.emit(&text, heading, numbered);
        }
        for b in inline.boxes {
            self.blocks(b);
        }
    }

    /// Word's number for a paragraph, if its list gives it one: the label and its level.
    fn numbering_of(
        &mut self,
        style: Option<&str>,
        props: Option<Node>,
    ) -> Option<(String, usize)> {
        let own = props.and_then(|pr| child(&pr, "numPr"));
        let (style_num, style_level) = self.styles.numbering(style);
        let num = own.and_then(|n| val(&n, "numId")).or(style_num.as_deref());
        let level = own
            .and_then(|n| val(&n, "ilvl"))
            .and_then(|l| l.parse().ok())
            .or(style_level)
            .unwrap_or(0);
        let (label, depth) = self.counters.next(self.numbering, num?, level)?;
        let depth = depth.max(self.styles.list_depth(style).unwrap_or(0));
        Some((label, depth))
    }

    fn emit(&mut self, text: &str, heading: Option<usize>, numbered: Option<(String, usize)>) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        if let Some(level) = heading {
            let label = numbered.map(|(l, _)| format!("{l} ")).unwrap_or_default();
            let hashes = "#".repeat((level + 1).min(6));
            // A heading is one line: a break inside it is only layout.
            let text = text.replace('\n', " ");
            self.out.push(format!("{hashes} {label}{text}"));
            return;
        }
        let Some((label, depth)) = numbered else {
            self.out.push(escape_plain(text));
            return;
        };
        let indent = "    ".repeat(depth);
        let label = if label.is_empty() {
            String::new()
        } else {
            format!("{label} ")
        };
        let lines: Vec<String> = text
            .lines()
            .enumerate()
            .map(|(i, l)| match i {
                0 => format!("{indent}{label}{l}"),
                _ => format!("{indent}    {l}"),
            })
            .collect();
        self.out.push(lines.join("\n"));
    }

    /// A table as a pipe table; a table of `Label:` / value rows (a header block laid
    /// out in a table) as the `Label: value` lines it stands for.
    fn table(&mut self, tbl: Node) {
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut header = 0;
        for tr in tbl.children().filter(|n| is(n, "tr")) {
            let repeated =
                child(&tr, "trPr").is_some_and(|pr| toggle(&pr, "tblHeader") == Some(true));
            if repeated && header == rows.len() {
                header += 1;
            }
            rows.push(self.row(tr));
        }
        rows.retain(|r| r.iter().any(|c| !c.is_empty()));
        if rows.is_empty() {
            return;
        }
        if header == 0 && rows.iter().all(|r| is_field_row(r)) {
            for r in &rows {
                let cells: Vec<&str> = r
                    .iter()
                    .map(String::as_str)
                    .filter(|c| !c.is_empty())
                    .collect();
                self.out.push(cells.join(" "));
            }
            return;
        }
        self.out.push(pipe_table(&rows, header.min(1)));
    }

    fn row(&mut self, tr: Node) -> Vec<String> {
        let mut cells = Vec::new();
        for tc in tr.children().filter(|n| is(n, "tc")) {
            let props = child(&tc, "tcPr");
            let span: usize = props
                .and_then(|pr| val(&pr, "gridSpan"))
                .and_then(|s| s.parse().ok())
                .unwrap_or(1)
                .clamp(1, 64);
            // A cell merged with the one above shows nothing of its own.
            let merged = props
                .and_then(|pr| child(&pr, "vMerge"))
                .is_some_and(|m| attr(&m, "val") != Some("restart"));
            let text = if merged { String::new() } else { self.cell(tc) };
            cells.push(text);
            cells.extend(std::iter::repeat_n(String::new(), span - 1));
        }
        cells
    }

    /// A cell's paragraphs on one line, as a pipe table cell must be.
    fn cell(&mut self, tc: Node) -> String {
        let mut inner = Writer::new(self.styles, self.numbering, self.links, self.notes);
        inner.counters = std::mem::take(&mut self.counters);
        inner.fields = std::mem::take(&mut self.fields);
        inner.cited = std::mem::take(&mut self.cited);
        inner.blocks(tc);
        self.counters = inner.counters;
        self.fields = inner.fields;
        self.cited = inner.cited;
        let joined: Vec<String> = inner
            .out
            .iter()
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        joined.join(" ").replace('|', "\\|")
    }

    fn inline<'a, 'i>(&mut self, p: Node<'a, 'i>, style: Option<&str>) -> Inline<'a, 'i> {
        let mut inline = Inline {
            spans: Vec::new(),
            boxes: Vec::new(),
        };
        let base = self.styles.run_format(style);
        self.walk(p, None, base, &mut inline);
        inline
    }

    /// The runs inside a paragraph, through the wrappers Word puts round them.
    fn walk<'a, 'i>(
        &mut self,
        node: Node<'a, 'i>,
        link: Option<&str>,
        base: (bool, bool),
        inline: &mut Inline<'a, 'i>,
    ) {
        for c in node.children().filter(Node::is_element) {
            if is(&c, "r") {
                self.run(c, link, base, inline);
            } else if is(&c, "hyperlink") {
                let target = attr(&c, "id")
                    .and_then(|id| self.links.hyperlink(id))
                    .and_then(safe_url);
                self.walk(c, target.as_deref().or(link), base, inline);
            } else if is(&c, "sdt") {
                if let Some(content) = child(&c, "sdtContent") {
                    self.walk(content, link, base, inline);
                }
            } else if [
                "ins",
                "smartTag",
                "customXml",
                "fldSimple",
                "dir",
                "bdo",
                "moveTo",
            ]
            .iter()
            .any(|n| is(&c, n))
            {
                self.walk(c, link, base, inline);
            }
        }
    }

    fn run<'a, 'i>(
        &mut self,
        r: Node<'a, 'i>,
        link: Option<&str>,
        base: (bool, bool),
        inline: &mut Inline<'a, 'i>,
    ) {
        let props = child(&r, "rPr");
        if props.is_some_and(|pr| toggle(&pr, "vanish") == Some(true)) {
            return;
        }
        let (bold, italic) = self.styles.run_format_over(base, props);
        for c in r.children().filter(Node::is_element) {
            let Some(text) = self.run_text(c, &mut inline.boxes) else {
                continue;
            };
            // An open field's instruction is not text; its result, once begun, is.
            if self.fields.iter().any(|f| !f.result) {
                continue;
            }
            let link = link.map(str::to_string).or_else(|| self.field_link());
            let span = Span {
                text,
                bold,
                italic,
                link,
            };
            push_span(&mut inline.spans, span);
        }
    }

    /// What one element of a run shows as text, if anything; text boxes inside it are
    /// kept for after the paragraph.
    fn run_text<'a, 'i>(
        &mut self,
        c: Node<'a, 'i>,
        boxes: &mut Vec<Node<'a, 'i>>,
    ) -> Option<String> {
        let name = c.tag_name().name();
        let text = match name {
            "t" if is(&c, "t") => c.text().unwrap_or("").to_string(),
            // A tab would make the line a table row; it only spaces the text.
            "tab" | "ptab" => " ".to_string(),
            "br" if matches!(attr(&c, "type"), Some("page" | "column")) => " ".to_string(),
            "br" | "cr" => "\n".to_string(),
            "noBreakHyphen" => "-".to_string(),
            "footnoteReference" | "endnoteReference" => {
                let key = format!("{}{}", &name[..1], attr(&c, "id").unwrap_or(""));
                let note = self.notes.get(&key)?;
                self.cited.push(note.clone());
                // Markdown escaping leaves `[^n]` as it is: a footnote reference.
                format!("[^{}]", self.cited.len())
            }
            "fldChar" => {
                self.field_char(attr(&c, "fldCharType"));
                return None;
            }
            "instrText" => {
                if let Some(f) = self.fields.last_mut() {
                    f.instruction.push_str(c.text().unwrap_or(""));
                }
                return None;
            }
            _ => {
                collect_boxes(c, boxes);
                return None;
            }
        };
        Some(text)
    }

    fn field_char(&mut self, kind: Option<&str>) {
        match kind {
            Some("begin") if self.fields.len() < MAX_FIELDS => self.fields.push(Field {
                instruction: String::new(),
                result: false,
            }),
            Some("separate") => {
                if let Some(f) = self.fields.last_mut() {
                    f.result = true;
                }
            }
            Some("end") => {
                self.fields.pop();
            }
            _ => {}
        }
    }

    /// The address of the innermost `HYPERLINK` field whose result is being read.
    fn field_link(&self) -> Option<String> {
        let f = self.fields.iter().rev().find(|f| f.result)?;
        let rest = f.instruction.trim().strip_prefix("HYPERLINK")?;
        if rest.split_whitespace().next().is_some_and(|w| w == "\\l") {
            return None;
        }
        let url = rest.split('"').nth(1)?;
        safe_url(url)
    }
}

/// Text boxes inside a drawing: their paragraphs are part of the document. Of an
/// `AlternateContent`, only the first choice is read, as its fallback repeats it.
fn collect_boxes<'a, 'i>(node: Node<'a, 'i>, boxes: &mut Vec<Node<'a, 'i>>) {
    if is(&node, "txbxContent") {
        boxes.push(node);
        return;
    }
    if node.tag_name().name() == "AlternateContent" {
        if let Some(first) = node.children().find(Node::is_element) {
            collect_boxes(first, boxes);
        }
        return;
    }
    for c in node.children().filter(Node::is_element) {
        collect_boxes(c, boxes);
    }
}

fn push_span(spans: &mut Vec<Span>, span: Span) {
    if let Some(last) = spans.last_mut()
        && last.bold == span.bold
        && last.italic == span.italic
        && last.link == span.link
    {
        last.text.push_str(&span.text);
        return;
    }
    spans.push(span);
}

/// Spans as Markdown: emphasis hugs the words (CommonMark ignores `** x**`), and
/// characters that are markup in Markdown are escaped, as in Word they were text.
fn markdown(spans: &[Span]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < spans.len() {
        let link = spans[i].link.clone();
        let end = (i..spans.len())
            .find(|&j| spans[j].link != link)
            .unwrap_or(spans.len());
        let inner: String = spans[i..end].iter().map(emphasised).collect();
        match link {
            Some(url) if !inner.trim().is_empty() => {
                let lead = &inner[..inner.len() - inner.trim_start().len()];
                let _ = std::fmt::Write::write_fmt(
                    &mut out,
                    format_args!("{lead}[{}]({url})", inner.trim().replace('\n', " ")),
                );
                if inner.ends_with(char::is_whitespace) {
                    out.push(' ');
                }
            }
            _ => out.push_str(&inner),
        }
        i = end;
    }
    out
}

fn emphasised(span: &Span) -> String {
    let text = escape_inline(&span.text);
    let marker = match (span.bold, span.italic) {
        (true, true) => "***",
        (true, false) => "**",
        (false, true) => "*",
        (false, false) => return text,
    };
    // Emphasis per line: a break inside would leave the markers unmatched.
    text.split('\n')
        .map(|line| {
            let core = line.trim();
            if core.is_empty() {
                return line.to_string();
            }
            let lead = &line[..line.len() - line.trim_start().len()];
            let tail = &line[lead.len() + core.len()..];
            format!("{lead}{marker}{core}{marker}{tail}")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let in_word =
            prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
        prev = Some(c);
        // Only what would turn into markup: emphasis, code, a link's `](`, and a
        // backslash that would escape what follows. `_` inside a word and brackets on
        // their own are text to Markdown too, and stay as typed (titles show them).
        let markup = match c {
            '*' | '`' => true,
            '_' => !in_word,
            ']' => next == Some('('),
            '\\' => next.is_some_and(|n| n.is_ascii_punctuation()),
            _ => false,
        };
        if markup {
            out.push('\\');
        }
        // Word's soft hyphens and zero-width marks are layout; a no-break space is a space.
        match c {
            '\u{ad}' | '\u{200b}' => {}
            '\u{a0}' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A plain paragraph that starts like a heading, a quote or a table row was text in Word.
fn escape_plain(text: &str) -> String {
    if text.starts_with(['#', '>', '|']) {
        format!("\\{text}")
    } else {
        text.to_string()
    }
}

/// `To:` | `Police and Crime Panel`: a row of a header block laid out as a table.
fn is_field_row(row: &[String]) -> bool {
    let cells: Vec<&String> = row.iter().filter(|c| !c.is_empty()).collect();
    match cells[..] {
        [label, _] | [label] => {
            let label = label.replace("**", "");
            let label = label.trim();
            label.ends_with(':') && label.chars().count() <= 40
        }
        _ => false,
    }
}

/// A pipe table. Only rows Word marks as a repeated header row are a header; a table
/// without one gets an empty header row, which the site's Markdown leaves out.
fn pipe_table(rows: &[Vec<String>], header: usize) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let line = |cells: &[String]| {
        let padded: Vec<&str> = (0..width)
            .map(|c| cells.get(c).map_or("", String::as_str))
            .collect();
        format!("| {} |", padded.join(" | "))
    };
    let mut out = Vec::new();
    let body = if header == 1 {
        out.push(line(&rows[0]));
        &rows[1..]
    } else {
        out.push(line(&[]));
        rows
    };
    out.push(format!("|{}", "---|".repeat(width)));
    out.extend(body.iter().map(|r| line(r)));
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, bold: bool, italic: bool, link: Option<&str>) -> Span {
        Span {
            text: text.into(),
            bold,
            italic,
            link: link.map(str::to_string),
        }
    }

    #[test]
    fn emphasis_hugs_the_words_and_markup_is_escaped() {
        let spans = [
            span("The ", false, false, None),
            span("precept ", true, false, None),
            span("is *set*", false, true, None),
        ];
        assert_eq!(markdown(&spans), "The **precept** *is \\*set\\**");
        assert_eq!(
            escape_inline("snake_case [draft] _x_ [a](b)"),
            "snake_case [draft] \\_x\\_ [a\\](b)"
        );
    }

    #[test]
    fn only_web_and_mail_addresses_are_linked() {
        assert_eq!(
            safe_url("https://example.org/a b(1)").as_deref(),
            Some("https://example.org/a%20b%281%29")
        );
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("JavaScript:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,x"), None);
        assert_eq!(safe_url("file:///C:/secret.docx"), None);
        assert_eq!(safe_url("report.pdf"), None);
    }

    #[test]
    fn a_table_without_a_header_row_gets_an_empty_one() {
        let rows = vec![vec!["a".to_string(), "b".to_string()]];
        assert_eq!(pipe_table(&rows, 0), "|  |  |\n|---|---|\n| a | b |");
        assert_eq!(pipe_table(&rows, 1), "| a | b |\n|---|---|");
    }
}
