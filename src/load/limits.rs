//! Limits on front matter, checked before the YAML parser sees it: libyaml takes time
//! quadratic in the nesting of `[` and `{` (100,000 of them ran past 20 s), and a
//! front matter of many megabytes is a mistake, not a paper.
//!
//! The scan is one pass over the text and needs no YAML parser: it follows quoted
//! scalars, comments and block scalars (`|`, `>`) well enough to count only the brackets
//! and indentation that YAML would read as structure.

use std::path::Path;

use crate::base::error::{Diagnostic, ErrorKind, Location};

/// Largest front matter, in bytes: room for 20,000 decisions, far beyond any paper.
pub const MAX_FRONT_MATTER_BYTES: usize = 4 * 1024 * 1024;

/// Deepest nesting of lists and maps, block and flow together. A paper's fields nest
/// three or four deep (`decisions:`, an entry, its fields).
pub const MAX_FRONT_MATTER_DEPTH: usize = 32;

/// Checks the size and nesting of the front matter lines (file line 2 onwards).
pub(crate) fn enforce(path: &Path, yaml_lines: &[&str]) -> Result<(), Diagnostic> {
    let mut bytes = 0;
    let mut scan = Scan::default();
    for (i, line) in yaml_lines.iter().enumerate() {
        let number = i + 2;
        bytes += line.len();
        if bytes > MAX_FRONT_MATTER_BYTES {
            return Err(Diagnostic::new(
                ErrorKind::FrontMatter,
                Location::at(path, number),
                format!(
                    "the front matter is larger than the limit of {} MB",
                    MAX_FRONT_MATTER_BYTES / (1024 * 1024)
                ),
            )
            .help(
                "put long text in the paper's body, below the closing `---`, or split the paper",
            ));
        }
        if let Some(column) = scan.line(line) {
            return Err(Diagnostic::new(
                ErrorKind::FrontMatter,
                Location::at(path, number).with_column(column),
                format!(
                    "the front matter nests lists and maps more than {MAX_FRONT_MATTER_DEPTH} deep"
                ),
            )
            .help("fields nest a few levels at most (`decisions:`, `- ref:`, `text:`); check for stray `[` or `{`, or quote text that starts with one"));
        }
    }
    Ok(())
}

#[derive(Default)]
struct Scan {
    /// Indentation of each open block level.
    blocks: Vec<usize>,
    /// Open `[` and `{`.
    flow: usize,
    /// Inside a quoted scalar that runs on past its line: the quote character.
    quote: Option<char>,
    /// Inside a block scalar: lines indented more than this are its text.
    literal_above: Option<usize>,
}

impl Scan {
    /// Reads one line; returns the 1-based column where the nesting passes the limit.
    fn line(&mut self, raw: &str) -> Option<usize> {
        let text = raw.trim_end_matches(['\n', '\r']);
        let indent = text.len() - text.trim_start_matches(' ').len();
        let rest = &text[indent..];
        if let Some(above) = self.literal_above {
            if rest.is_empty() || indent > above {
                return None;
            }
            self.literal_above = None;
        }
        let structural = self.flow == 0 && self.quote.is_none();
        if structural {
            if rest.is_empty() || rest.starts_with('#') {
                return None;
            }
            while self.blocks.last().is_some_and(|&open| open >= indent) {
                self.blocks.pop();
            }
            self.blocks.push(indent);
        }
        let base = self.blocks.len();
        self.chars(text, indent, base)
    }

    /// Follows quotes and brackets along the line, from byte `from`.
    fn chars(&mut self, text: &str, from: usize, base: usize) -> Option<usize> {
        // Whether a node may start here: at the start, or after `- `, `: `, `? `, `[`,
        // `{` or `,` (and any anchor or tag), where YAML reads `[`, `{`, `"`, `'`, `|`, `>`.
        let mut node_start = true;
        let mut dashes = 0;
        let mut prev = ' ';
        let mut chars = text[from..].char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let column = from + at + 1;
            if let Some(q) = self.quote {
                if c == '\\' && q == '"' {
                    chars.next();
                } else if c == q {
                    if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                        chars.next();
                    } else {
                        self.quote = None;
                        node_start = false;
                    }
                }
                prev = c;
                continue;
            }
            let spaced = prev == ' ' || prev == '\t';
            match c {
                '#' if spaced => return None,
                '"' | '\'' if node_start => self.quote = Some(c),
                '[' | '{' if node_start || self.flow > 0 => {
                    self.flow += 1;
                    node_start = true;
                    if base + dashes + self.flow > MAX_FRONT_MATTER_DEPTH {
                        return Some(column);
                    }
                }
                ']' | '}' if self.flow > 0 => {
                    self.flow -= 1;
                    node_start = false;
                }
                ',' if self.flow > 0 => node_start = true,
                '|' | '>' if node_start && self.flow == 0 => {
                    self.literal_above = Some(from);
                    return None;
                }
                '-' | '?' | ':' if node_start || c == ':' => {
                    let next_blank = chars.peek().is_none_or(|&(_, n)| n == ' ' || n == '\t');
                    if next_blank {
                        node_start = true;
                        if c == '-' && self.flow == 0 {
                            dashes += 1;
                            if base + dashes > MAX_FRONT_MATTER_DEPTH {
                                return Some(column);
                            }
                        }
                    } else {
                        node_start = false;
                    }
                }
                ' ' | '\t' => {}
                // An anchor or tag before a node: the node may still start after it.
                '&' | '!' if node_start => {
                    while chars.peek().is_some_and(|&(_, n)| n != ' ' && n != '\t') {
                        chars.next();
                    }
                }
                _ => node_start = false,
            }
            prev = c;
        }
        if self.flow == 0 && self.quote.is_none() && base + dashes > MAX_FRONT_MATTER_DEPTH {
            return Some(from + 1);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_error(yaml: &str) -> Option<usize> {
        let lines: Vec<&str> = yaml.split_inclusive('\n').collect();
        enforce(Path::new("x.md"), &lines)
            .err()
            .and_then(|d| d.location.line)
    }

    #[test]
    fn ordinary_front_matter_passes() {
        let yaml = "title: Report [draft] {v2}\nitem: B1\ntopics: [Budget, \"[x\", '{y']\ndecisions:\n  - ref: A\n    text: |\n      [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n          {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\n  - ref: B # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n";
        assert_eq!(depth_error(yaml), None);
    }

    #[test]
    fn deep_flow_nesting_is_refused_at_its_line() {
        assert_eq!(
            depth_error(&format!("title: x\ntopics: {}\n", "[".repeat(100))),
            Some(3)
        );
        assert_eq!(
            depth_error(&format!("a: &x !!seq {}\n", "[".repeat(40))),
            Some(2)
        );
        let multi = format!("a:\n{}", "  {b: \n".repeat(40));
        assert_eq!(depth_error(&multi), Some(2 + MAX_FRONT_MATTER_DEPTH - 1));
    }

    #[test]
    fn deep_block_nesting_is_refused() {
        let mut yaml = String::new();
        for i in 0..40 {
            yaml += &format!("{}k{i}:\n", " ".repeat(i));
        }
        assert_eq!(depth_error(&yaml), Some(2 + MAX_FRONT_MATTER_DEPTH));
        assert_eq!(depth_error(&format!("{}x\n", "- ".repeat(40))), Some(2));
    }

    #[test]
    fn size_is_limited() {
        let line = format!("title: {}\n", "x".repeat(1000));
        let lines: Vec<&str> = std::iter::repeat_n(line.as_str(), 5000).collect();
        let err = enforce(Path::new("x.md"), &lines).unwrap_err();
        assert!(err.message.contains("limit of 4 MB"), "{}", err.message);
    }
}
