//! Splits a file into YAML front matter and Markdown, and parses the YAML.
//! This and `fields` are the only places that know serde_yaml.

use std::collections::HashMap;
use std::path::Path;

use serde_yaml::{Mapping, Value};

use super::Text;
use crate::base::error::{Diagnostic, ErrorKind, Location};

/// A file's front matter, parsed, with what is needed to point at its lines.
pub(super) struct FrontMatter {
    pub map: Mapping,
    pub lines: KeyLines,
    pub text: Text,
}

const FENCE: &str = "---";

pub(super) fn split(path: &Path, text: &str) -> Result<FrontMatter, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    if lines.first().is_none_or(|l| l.trim_end() != FENCE) {
        return Err(Diagnostic::new(
            ErrorKind::FrontMatter,
            Location::at(path, 1),
            "the file does not start with front matter",
        )
        .help("begin the file with a line `---`, then fields such as `title:` and `date:`, then another `---`"));
    }
    let close = lines
        .iter()
        .skip(1)
        .position(|l| matches!(l.trim_end(), FENCE | "..."))
        .map(|i| i + 1)
        .ok_or_else(|| {
            Diagnostic::new(
                ErrorKind::FrontMatter,
                Location::at(path, 1),
                "the front matter opened on line 1 is never closed",
            )
            .help("add a line `---` after the last field, before the text of the paper")
        })?;
    let yaml_lines = &lines[1..close];
    check_indentation(path, yaml_lines)?;
    super::limits::enforce(path, yaml_lines)?;
    let yaml: String = yaml_lines.concat();
    let map = parse_yaml(path, &yaml)?;
    let text = Text {
        markdown: lines[close + 1..].concat().into(),
        first_line: close + 2,
    };
    Ok(FrontMatter {
        map,
        lines: KeyLines::new(yaml_lines),
        text,
    })
}

/// YAML forbids tabs in indentation, and its own error for them is cryptic.
fn check_indentation(path: &Path, yaml_lines: &[&str]) -> Result<(), Diagnostic> {
    for (i, line) in yaml_lines.iter().enumerate() {
        let indent: String = line
            .chars()
            .take_while(|c| c.is_whitespace() && *c != '\n')
            .collect();
        if let Some(col) = indent.chars().position(|c| c == '\t') {
            return Err(Diagnostic::new(
                ErrorKind::FrontMatter,
                Location::at(path, i + 2).with_column(col + 1),
                "the front matter is indented with a tab",
            )
            .help("YAML needs spaces for indentation: replace the tab with spaces"));
        }
    }
    Ok(())
}

fn parse_yaml(path: &Path, yaml: &str) -> Result<Mapping, Diagnostic> {
    if yaml.trim().is_empty() {
        return Ok(Mapping::new());
    }
    let value: Value = serde_yaml::from_str(yaml).map_err(|e| {
        let location = match e.location() {
            Some(loc) => Location::at(path, loc.line() + 1).with_column(loc.column()),
            None => Location::at(path, 2),
        };
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        Diagnostic::new(
            ErrorKind::FrontMatter,
            location,
            format!("the front matter is not valid YAML: {message}"),
        )
        .help("check the quoting and indentation; text containing `: ` or starting with a symbol needs quotes")
    })?;
    match value {
        Value::Mapping(map) => Ok(map),
        Value::Null => Ok(Mapping::new()),
        _ => Err(Diagnostic::new(
            ErrorKind::FrontMatter,
            Location::at(path, 2),
            "the front matter must be a list of `field: value` lines",
        )),
    }
}

/// Finds the file line of a field, which serde_yaml does not report. Top-level fields
/// and list entries are indexed once, so that finding a line costs the same in a front
/// matter of 20,000 decisions as in one of three.
pub(super) struct KeyLines {
    entries: Vec<KeyLine>,
    /// Entry index of each top-level field's first line, and the end of its block.
    tops: HashMap<String, (usize, usize)>,
    /// For each top-level field: the entry index where each of its list entries starts,
    /// and the end of its block.
    lists: HashMap<String, (Vec<usize>, usize)>,
}

/// A field or list entry found in the front matter: its line and the lines under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Node {
    /// 1-based file line of the field or entry.
    pub line: usize,
    /// Entry indexes of what it holds, `first..end`.
    first: usize,
    end: usize,
    /// For a list entry, the column of its fields (the first on its `- ` line).
    keys_at: Option<usize>,
}

impl Node {
    /// A line with nothing found under it, for a value whose layout hides its lines.
    pub(super) fn at(line: usize) -> Node {
        Node {
            line,
            first: 0,
            end: 0,
            keys_at: None,
        }
    }
}

struct KeyLine {
    /// Column of the content, after any `- `.
    indent: usize,
    /// Column of the `-` when the line starts a list entry.
    dash: Option<usize>,
    key: Option<String>,
    /// What follows `key:` on the line, as written.
    value: String,
    /// 1-based line in the file.
    line: usize,
    blank: bool,
}

impl KeyLines {
    fn new(yaml_lines: &[&str]) -> Self {
        let entries: Vec<KeyLine> = yaml_lines
            .iter()
            .enumerate()
            .map(|(i, raw)| KeyLine::parse(raw, i + 2))
            .collect();
        let mut tops = HashMap::new();
        let mut lists = HashMap::new();
        let is_top = |e: &KeyLine| !e.blank && e.indent == 0 && e.dash.is_none();
        let mut head = 0;
        while head < entries.len() {
            let end = entries[head + 1..]
                .iter()
                .position(is_top)
                .map_or(entries.len(), |p| head + 1 + p);
            if let (true, Some(key)) = (is_top(&entries[head]), &entries[head].key)
                && !tops.contains_key(key)
            {
                tops.insert(key.clone(), (head, end));
                let block = &entries[head + 1..end];
                if let Some(dash_col) = block.iter().find_map(|e| e.dash) {
                    let starts = (head + 1..end)
                        .filter(|&i| entries[i].dash == Some(dash_col))
                        .collect();
                    lists.insert(key.clone(), (starts, end));
                }
            }
            head = end;
        }
        KeyLines {
            entries,
            tops,
            lists,
        }
    }

    /// The line of a top-level field, or the first front matter line if absent.
    pub(super) fn top(&self, key: &str) -> usize {
        self.top_index(key).map_or(2, |i| self.entries[i].line)
    }

    fn top_index(&self, key: &str) -> Option<usize> {
        self.tops.get(key).map(|&(head, _)| head)
    }

    /// The block of a top-level field, to find lines nested in it.
    pub(super) fn top_node(&self, key: &str) -> Option<Node> {
        let &(head, end) = self.tops.get(key)?;
        Some(self.key_node(head, end))
    }

    /// Entry `index` of the top-level list `list`, as a node.
    pub(super) fn item_node(&self, list: &str, index: usize) -> Option<Node> {
        let (start, end) = self.item_range(list, index)?;
        Some(self.entry_node(start, end))
    }

    /// The field `key` of the map at `node`, as a node of its own.
    pub(super) fn child(&self, node: &Node, key: &str) -> Option<Node> {
        let indent = node.keys_at.or_else(|| {
            self.entries[node.first..node.end]
                .iter()
                .find(|e| !e.blank)
                .map(|e| e.indent)
        })?;
        let at = (node.first..node.end).find(|&i| {
            let e = &self.entries[i];
            !e.blank
                && e.indent == indent
                && (e.dash.is_none() || (i == node.first && node.keys_at.is_some()))
                && e.key.as_deref() == Some(key)
        })?;
        let content = self.entries[at].indent;
        let end = (at + 1..node.end)
            .find(|&i| !self.entries[i].blank && self.entries[i].indent <= content)
            .unwrap_or(node.end);
        Some(self.key_node(at, end))
    }

    /// The entries of the list at `node`, in one pass: a list of thousands costs no more
    /// than one scan.
    pub(super) fn items(&self, node: &Node) -> Vec<Node> {
        let range = node.first..node.end;
        let Some(dash) = range.clone().find_map(|i| self.entries[i].dash) else {
            return Vec::new();
        };
        let starts: Vec<usize> = range
            .filter(|&i| self.entries[i].dash == Some(dash))
            .collect();
        starts
            .iter()
            .enumerate()
            .map(|(k, &s)| self.entry_node(s, starts.get(k + 1).copied().unwrap_or(node.end)))
            .collect()
    }

    /// A field's line and the block after it (its map or list, if any).
    fn key_node(&self, head: usize, end: usize) -> Node {
        Node {
            line: self.entries[head].line,
            first: head + 1,
            end,
            keys_at: None,
        }
    }

    /// A list entry from its `- ` line, whose fields start on that line.
    fn entry_node(&self, start: usize, end: usize) -> Node {
        Node {
            line: self.entries[start].line,
            first: start,
            end,
            keys_at: Some(self.entries[start].indent),
        }
    }

    /// A plain scalar as written after `key:` on `line`, when YAML would read it as a
    /// number: `item: 4.10` and `time: 10.30` must keep their trailing zeros.
    pub(super) fn written_number(&self, line: usize) -> Option<&str> {
        let entry = self.entries.get(line.checked_sub(2)?)?;
        let text = entry.value.split(" #").next().unwrap_or("").trim();
        let numeric = !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | '_'));
        numeric.then_some(text)
    }

    /// The line of `key` in the map under the top-level field `parent`.
    pub(super) fn under(&self, parent: &str, key: &str) -> usize {
        let Some(head) = self.top_index(parent) else {
            return self.top(parent);
        };
        self.entries[head + 1..]
            .iter()
            .take_while(|e| e.blank || e.indent > 0 || e.dash.is_some())
            .find(|e| e.indent > 0 && e.dash.is_none() && e.key.as_deref() == Some(key))
            .map_or(self.entries[head].line, |e| e.line)
    }

    /// The line where entry `index` of the top-level list `list` starts.
    pub(super) fn item(&self, list: &str, index: usize) -> usize {
        self.item_range(list, index)
            .map_or_else(|| self.top(list), |(start, _)| self.entries[start].line)
    }

    /// The line of `key` inside entry `index` of the top-level list `list`.
    pub(super) fn item_key(&self, list: &str, index: usize, key: &str) -> usize {
        let Some((start, end)) = self.item_range(list, index) else {
            return self.top(list);
        };
        let entries = &self.entries[start..end];
        let indent = entries[0].indent;
        entries
            .iter()
            .find(|e| e.indent == indent && e.key.as_deref() == Some(key))
            .map_or(entries[0].line, |e| e.line)
    }

    fn item_range(&self, list: &str, index: usize) -> Option<(usize, usize)> {
        let (starts, block_end) = self.lists.get(list)?;
        let start = *starts.get(index)?;
        let end = starts.get(index + 1).copied().unwrap_or(*block_end);
        Some((start, end))
    }
}

impl KeyLine {
    fn parse(raw: &str, line: usize) -> Self {
        let text = raw.trim_end();
        let lead = text.len() - text.trim_start().len();
        let mut rest = text.trim_start();
        let blank = rest.is_empty() || rest.starts_with('#');
        let mut dash = None;
        let mut indent = lead;
        if rest == "-" || rest.starts_with("- ") {
            dash = Some(lead);
            let after = rest[1..].trim_start();
            indent = lead + (rest.len() - after.len());
            rest = after;
        }
        let (key, value) = match rest.split_once(':') {
            Some((k, v)) if is_plain_key(k) && (v.is_empty() || v.starts_with(' ')) => {
                (Some(k.to_string()), v.trim().to_string())
            }
            _ => (None, String::new()),
        };
        KeyLine {
            indent,
            dash,
            key,
            value,
            line,
            blank,
        }
    }
}

fn is_plain_key(k: &str) -> bool {
    !k.is_empty()
        && k.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_list_lines() {
        let yaml = "title: x\ndecisions:\n  - ref: A\n    text: one\n  - text: two\n    item: B1\ntopics: []\n";
        let lines: Vec<&str> = yaml.split_inclusive('\n').collect();
        let kl = KeyLines::new(&lines);
        assert_eq!(kl.top("title"), 2);
        assert_eq!(kl.top("topics"), 8);
        assert_eq!(kl.item("decisions", 1), 6);
        assert_eq!(kl.item_key("decisions", 1, "item"), 7);
        assert_eq!(kl.item_key("decisions", 0, "text"), 5);
    }

    #[test]
    fn finds_entries_of_lists_under_maps() {
        let yaml = "attendance:\n  present:\n    - Cllr A\n    - name: Cllr B\n      note: late\n  apologies: [Cllr C]\n  in_attendance:\n  - Officer D\ndecisions:\n  - text: x\n    vote:\n      for:\n        - A\n        - B\n      against: 2\n";
        let lines: Vec<&str> = yaml.split_inclusive('\n').collect();
        let kl = KeyLines::new(&lines);
        let attendance = kl.top_node("attendance").unwrap();
        let present = kl.child(&attendance, "present").unwrap();
        let items = kl.items(&present);
        assert_eq!(items.iter().map(|n| n.line).collect::<Vec<_>>(), [4, 5]);
        assert_eq!(kl.child(&items[1], "note").map(|n| n.line), Some(6));
        assert_eq!(kl.child(&items[1], "name").map(|n| n.line), Some(5));
        let apologies = kl.child(&attendance, "apologies").unwrap();
        assert_eq!((apologies.line, kl.items(&apologies).len()), (7, 0));
        let other = kl.child(&attendance, "in_attendance").unwrap();
        assert_eq!(
            kl.items(&other).iter().map(|n| n.line).collect::<Vec<_>>(),
            [9]
        );
        let decision = kl.item_node("decisions", 0).unwrap();
        let vote = kl.child(&decision, "vote").unwrap();
        let for_ = kl.child(&vote, "for").unwrap();
        assert_eq!(
            kl.items(&for_).iter().map(|n| n.line).collect::<Vec<_>>(),
            [14, 15]
        );
        assert_eq!(kl.child(&vote, "against").map(|n| n.line), Some(16));
        assert_eq!(kl.child(&decision, "text").map(|n| n.line), Some(11));
    }
}
