//! What a paragraph's style says: whether it is a heading (Heading 1–9, Title, or a
//! style based on one), the list numbering it carries, and its bold and italic.

use std::collections::HashMap;

use roxmltree::{Document, Node};

use super::{attr, child, is, toggle, val};

/// Deep enough for any real chain of `basedOn`; a loop stops here too.
const MAX_CHAIN: usize = 16;

#[derive(Debug, Default)]
pub(super) struct Styles {
    by_id: HashMap<String, Style>,
    /// The paragraph style of a paragraph that names none.
    default_paragraph: Option<String>,
}

#[derive(Debug, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<usize>,
    num_id: Option<String>,
    num_level: Option<usize>,
    bold: Option<bool>,
    italic: Option<bool>,
}

impl Styles {
    pub(super) fn parse(doc: &Document) -> Styles {
        let mut styles = Styles::default();
        for s in doc.root_element().children().filter(|n| is(n, "style")) {
            let Some(id) = attr(&s, "styleId") else {
                continue;
            };
            let ppr = child(&s, "pPr");
            let rpr = child(&s, "rPr");
            let num = ppr.and_then(|p| child(&p, "numPr"));
            let style = Style {
                name: val(&s, "name").unwrap_or(id).to_lowercase(),
                based_on: val(&s, "basedOn").map(str::to_string),
                outline: ppr
                    .and_then(|p| val(&p, "outlineLvl"))
                    .and_then(|v| v.parse().ok()),
                num_id: num.and_then(|n| val(&n, "numId")).map(str::to_string),
                num_level: num
                    .and_then(|n| val(&n, "ilvl"))
                    .and_then(|v| v.parse().ok()),
                bold: rpr.and_then(|r| toggle(&r, "b")),
                italic: rpr.and_then(|r| toggle(&r, "i")),
            };
            let paragraph = attr(&s, "type").is_none_or(|t| t == "paragraph");
            if paragraph && matches!(attr(&s, "default"), Some("1" | "true" | "on")) {
                styles.default_paragraph = Some(id.to_string());
            }
            styles.by_id.insert(id.to_string(), style);
        }
        styles
    }

    /// The style and those it is based on, nearest first.
    fn chain<'s>(&'s self, id: Option<&str>) -> Vec<&'s Style> {
        let mut out = Vec::new();
        let mut next = id.or(self.default_paragraph.as_deref()).map(str::to_string);
        while let Some(id) = next {
            let Some(style) = self.by_id.get(&id) else {
                break;
            };
            if out.len() == MAX_CHAIN {
                break;
            }
            out.push(style);
            next = style.based_on.clone();
        }
        out
    }

    /// 0 for a title, 1–9 for Heading 1–9; `None` for body text.
    pub(super) fn heading_level(&self, id: Option<&str>, props: Option<Node>) -> Option<usize> {
        if let Some(level) = props
            .and_then(|p| val(&p, "outlineLvl"))
            .and_then(|v| v.parse::<usize>().ok())
        {
            return (level < 9).then_some(level + 1);
        }
        for style in self.chain(id) {
            if style.name == "title" {
                return Some(0);
            }
            if let Some(n) = style.name.strip_prefix("heading ")
                && let Ok(n) = n.trim().parse::<usize>()
            {
                return (1..=9).contains(&n).then_some(n);
            }
            if let Some(level) = style.outline {
                return (level < 9).then_some(level + 1);
            }
        }
        None
    }

    /// The list a style numbers its paragraphs with, and at which level.
    pub(super) fn numbering(&self, id: Option<&str>) -> (Option<String>, Option<usize>) {
        let chain = self.chain(id);
        let num = chain.iter().find_map(|s| s.num_id.clone());
        let level = chain.iter().find_map(|s| s.num_level);
        (num, level)
    }

    /// The level Word's numbered list styles stand for: "List Bullet 2" and "List
    /// Number 3" are lists of their own, one and two steps in, not levels of a list.
    pub(super) fn list_depth(&self, id: Option<&str>) -> Option<usize> {
        self.chain(id).iter().find_map(|s| {
            let rest = ["list bullet ", "list number ", "list continue ", "list "]
                .iter()
                .find_map(|p| s.name.strip_prefix(p))?;
            let n: usize = rest.trim().parse().ok()?;
            (2..=9).contains(&n).then(|| n - 1)
        })
    }

    /// A table of contents line: the site makes its own navigation.
    pub(super) fn is_contents(&self, id: Option<&str>) -> bool {
        self.chain(id).first().is_some_and(|s| {
            s.name == "toc heading"
                || s.name
                    .strip_prefix("toc ")
                    .is_some_and(|n| n.trim().parse::<u8>().is_ok())
        })
    }

    /// Bold and italic as a paragraph's style sets them for its runs.
    pub(super) fn run_format(&self, paragraph: Option<&str>) -> (bool, bool) {
        self.format_of(paragraph, (false, false))
    }

    /// A run's bold and italic: its character style, then its own settings, over the
    /// paragraph's.
    pub(super) fn run_format_over(&self, base: (bool, bool), props: Option<Node>) -> (bool, bool) {
        let Some(props) = props else {
            return base;
        };
        let styled = match val(&props, "rStyle") {
            Some(id) => self.format_of(Some(id), base),
            None => base,
        };
        (
            toggle(&props, "b").unwrap_or(styled.0),
            toggle(&props, "i").unwrap_or(styled.1),
        )
    }

    fn format_of(&self, id: Option<&str>, base: (bool, bool)) -> (bool, bool) {
        let Some(id) = id else {
            return base;
        };
        let chain = self.chain(Some(id));
        let bold = chain.iter().find_map(|s| s.bold).unwrap_or(base.0);
        let italic = chain.iter().find_map(|s| s.italic).unwrap_or(base.1);
        (bold, italic)
    }
}
