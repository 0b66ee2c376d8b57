//! The body of an imported paper as blocks, and how they are written as Markdown that
//! `markdown.rs` numbers exactly as the source did.

use std::fmt::Write;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Block {
    Heading(String),
    Para(String),
    /// A numbered paragraph: its number as printed, its paragraphs and sub-items.
    Numbered {
        n: u64,
        paras: Vec<String>,
        subs: Vec<Sub>,
    },
    Bullets(Vec<Sub>),
    Table(Table),
}

/// A sub-item, with its label kept in the text, at its depth (0 = right under its
/// paragraph).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Sub {
    pub level: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Table {
    pub rows: Vec<Vec<String>>,
    /// Whether the first row is a header: only where the source marks one, or its first
    /// row names columns of figures.
    pub header: bool,
    pub caption: Option<String>,
}

pub(super) fn to_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut previous: Option<&Block> = None;
    for block in blocks {
        match block {
            Block::Numbered { n, paras, subs } => {
                let continues =
                    matches!(previous, Some(Block::Numbered { n: p, .. }) if p + 1 == *n);
                if previous.is_some_and(|p| !matches!(p, Block::Numbered { .. })) {
                    // A list that starts at any number but 1 cannot interrupt a paragraph.
                    out.push('\n');
                } else if previous.is_some() && !continues {
                    // A list numbers its items one by one, so a jump in the source's
                    // numbers needs a new list, which only something between them starts.
                    out.push_str("\n<!-- -->\n\n");
                }
                numbered(&mut out, *n, paras, subs);
            }
            other => {
                if previous.is_some() {
                    out.push('\n');
                }
                plain(&mut out, other);
            }
        }
        previous = Some(block);
    }
    out
}

fn numbered(out: &mut String, n: u64, paras: &[String], subs: &[Sub]) {
    let width = n.to_string().len() + 2;
    let first = paras.first().map_or(String::new(), |p| escape_start(p));
    let _ = writeln!(out, "{n}. {first}");
    for p in paras.iter().skip(1) {
        let _ = writeln!(out, "\n{}{}", " ".repeat(width), escape_start(p));
    }
    sub_list(out, width, subs);
}

/// Nested bullets: each level indented to the text of the item it sits under.
fn sub_list(out: &mut String, base: usize, subs: &[Sub]) {
    let mut depth = 0;
    for s in subs {
        // A level can only open one deeper than the item above it.
        depth = s.level.min(depth + 1);
        let indent = " ".repeat(base + 2 * depth);
        let _ = writeln!(out, "{indent}- {}", escape_start(&s.text));
    }
}

fn plain(out: &mut String, block: &Block) {
    match block {
        Block::Heading(text) => {
            let _ = writeln!(out, "## {text}");
        }
        Block::Para(text) => {
            let _ = writeln!(out, "{}", escape_start(text));
        }
        Block::Bullets(items) => sub_list(out, 0, items),
        Block::Table(t) => table(out, t),
        Block::Numbered { .. } => {}
    }
}

/// A pipe table. Markdown wants a header row, so a table without one gets an empty
/// header, which `markdown.rs` renders as no header at all; a caption goes in a
/// `Table:` line before it (as in Pandoc).
fn table(out: &mut String, t: &Table) {
    let width = t.rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    if let Some(caption) = &t.caption {
        let _ = writeln!(out, "Table: {caption}\n");
    }
    let row = |out: &mut String, cells: &[String]| {
        let cells: Vec<String> = (0..width)
            .map(|c| {
                cells
                    .get(c)
                    .map_or(String::new(), |t| t.replace('|', "\\|"))
            })
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    };
    let body = if t.header {
        row(out, t.rows.first().map_or(&[][..], Vec::as_slice));
        t.rows.get(1..).unwrap_or(&[])
    } else {
        row(out, &[]);
        &t.rows[..]
    };
    let _ = writeln!(out, "|{}", "---|".repeat(width));
    for cells in body {
        row(out, cells);
    }
}

/// Text that would start a Markdown block of its own (`# `, `> `, `- `, `12. `) is
/// escaped, as in the source it was just text.
pub(super) fn escape_start(text: &str) -> String {
    let t = text.trim_start();
    let block_marker = t.starts_with('#')
        || t.starts_with('>')
        || t.starts_with('=')
        || ["- ", "+ ", "* "].iter().any(|m| t.starts_with(m))
        || t == "-"
        || t.starts_with("```")
        || t.starts_with("~~~");
    if block_marker {
        return format!("\\{t}");
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let rest = &t[digits..];
    if digits > 0
        && (rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")")
    {
        return format!("{}\\{}", &t[..digits], rest);
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(n: u64, text: &str) -> Block {
        Block::Numbered {
            n,
            paras: vec![text.into()],
            subs: vec![],
        }
    }

    #[test]
    fn a_jump_in_numbers_starts_a_new_list() {
        let md = to_markdown(&[item(1, "a"), item(2, "b"), item(5, "c")]);
        assert_eq!(md, "1. a\n2. b\n\n<!-- -->\n\n5. c\n");
    }

    #[test]
    fn escapes_what_would_be_markup() {
        assert_eq!(escape_start("2024. A year"), "2024\\. A year");
        assert_eq!(escape_start("# not a heading"), "\\# not a heading");
        assert_eq!(escape_start("Plain"), "Plain");
    }
}
