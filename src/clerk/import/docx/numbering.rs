//! Word's list numbering (numbering.xml): the number each list paragraph shows, as
//! Word counts it: per list, continuing across headings and other paragraphs, a level
//! restarting after a higher level, and a list restarted by a `startOverride`.

use std::collections::HashMap;

use roxmltree::{Document, Node};

use super::{attr, child, is, toggle, val};

const LEVELS: usize = 9;

#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    nums: HashMap<String, Num>,
}

#[derive(Debug, Clone)]
struct Level {
    start: i64,
    format: String,
    text: String,
    /// The one-based level after which this one starts again; 0 for never.
    restart: Option<usize>,
    legal: bool,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            format: "decimal".into(),
            text: String::new(),
            restart: None,
            legal: false,
        }
    }
}

#[derive(Debug)]
struct Num {
    abstract_id: String,
    levels: HashMap<usize, Level>,
    starts: HashMap<usize, i64>,
}

fn level_of(node: &Node) -> Option<usize> {
    attr(node, "ilvl")
        .and_then(|v| v.parse().ok())
        .filter(|&l| l < LEVELS)
}

fn parse_level(node: &Node) -> Level {
    Level {
        start: val(node, "start").and_then(|v| v.parse().ok()).unwrap_or(1),
        format: val(node, "numFmt").unwrap_or("decimal").to_string(),
        text: val(node, "lvlText").unwrap_or("").to_string(),
        restart: val(node, "lvlRestart").and_then(|v| v.parse().ok()),
        legal: toggle(node, "isLgl") == Some(true),
    }
}

impl Numbering {
    pub(super) fn parse(doc: &Document) -> Numbering {
        let mut numbering = Numbering::default();
        let root = doc.root_element();
        for a in root.children().filter(|n| is(n, "abstractNum")) {
            let Some(id) = attr(&a, "abstractNumId") else {
                continue;
            };
            let mut levels = vec![Level::default(); LEVELS];
            for l in a.children().filter(|n| is(n, "lvl")) {
                if let Some(i) = level_of(&l) {
                    levels[i] = parse_level(&l);
                }
            }
            numbering.abstracts.insert(id.to_string(), levels);
        }
        for n in root.children().filter(|n| is(n, "num")) {
            let (Some(id), Some(abstract_id)) = (attr(&n, "numId"), val(&n, "abstractNumId"))
            else {
                continue;
            };
            let mut num = Num {
                abstract_id: abstract_id.to_string(),
                levels: HashMap::new(),
                starts: HashMap::new(),
            };
            for o in n.children().filter(|c| is(c, "lvlOverride")) {
                let Some(i) = level_of(&o) else {
                    continue;
                };
                if let Some(start) = val(&o, "startOverride").and_then(|v| v.parse().ok()) {
                    num.starts.insert(i, start);
                }
                if let Some(l) = child(&o, "lvl") {
                    num.levels.insert(i, parse_level(&l));
                }
            }
            numbering.nums.insert(id.to_string(), num);
        }
        numbering
    }

    /// The levels of list `num`, with its overrides applied.
    fn levels(&self, num: &Num) -> Option<Vec<Level>> {
        let mut levels = self.abstracts.get(&num.abstract_id)?.clone();
        for (i, l) in &num.levels {
            levels[*i] = l.clone();
        }
        for (i, start) in &num.starts {
            levels[*i].start = *start;
        }
        Some(levels)
    }
}

/// How far each list has counted.
#[derive(Debug, Default)]
pub(super) struct Counters {
    lists: HashMap<String, [Option<i64>; LEVELS]>,
}

impl Counters {
    /// Counts a paragraph of list `num_id` at `level`: its label as Word prints it
    /// (`"24."`, `"(b)"`, `"-"` for a bullet) and how deep to indent it.
    pub(super) fn next(
        &mut self,
        numbering: &Numbering,
        num_id: &str,
        level: usize,
    ) -> Option<(String, usize)> {
        let num = numbering.nums.get(num_id)?;
        let levels = numbering.levels(num)?;
        let level = level.min(LEVELS - 1);
        // Lists of one definition continue one another, as in Word, unless one was
        // restarted, which makes it a list of its own.
        let key = if num.starts.is_empty() && num.levels.is_empty() {
            format!("a{}", num.abstract_id)
        } else {
            format!("n{num_id}")
        };
        let counts = self.lists.entry(key).or_insert([None; LEVELS]);
        counts[level] = Some(match counts[level] {
            Some(v) => v.saturating_add(1),
            None => levels[level].start,
        });
        for (k, l) in levels.iter().enumerate().skip(level + 1) {
            if level < l.restart.unwrap_or(k) {
                counts[k] = None;
            }
        }
        Some(label(&levels, counts, level))
    }
}

fn label(levels: &[Level], counts: &[Option<i64>; LEVELS], level: usize) -> (String, usize) {
    let this = &levels[level];
    match this.format.as_str() {
        "bullet" => return ("-".into(), level),
        "none" => return (String::new(), level),
        _ => {}
    }
    let mut out = String::new();
    let mut refs = 0;
    let mut chars = this.text.chars().peekable();
    while let Some(c) = chars.next() {
        let Some(n) = (c == '%')
            .then(|| chars.peek().and_then(|d| d.to_digit(10)))
            .flatten()
        else {
            out.push(c);
            continue;
        };
        chars.next();
        refs += 1;
        let i = (n as usize).saturating_sub(1).min(LEVELS - 1);
        let value = counts[i].unwrap_or(levels[i].start);
        let format = if this.legal {
            "decimal"
        } else {
            &levels[i].format
        };
        out.push_str(&format_number(value, format));
    }
    // A top-level decimal number is written as the text path reads paragraph numbers.
    let plain = this.text.replace("%1", "");
    if level == 0
        && refs == 1
        && this.format == "decimal"
        && plain.chars().all(|c| "().: ".contains(c))
    {
        let value = counts[0].unwrap_or(this.start);
        return (format!("{value}."), 0);
    }
    // "1.2" shows its place itself, so it is not indented as a sub-item.
    let depth = if refs > 1 { 0 } else { level };
    (out.trim().to_string(), depth)
}

fn format_number(n: i64, format: &str) -> String {
    match format {
        "lowerLetter" => letters(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" if (0..10).contains(&n) => format!("0{n}"),
        "ordinal" => ordinal(n),
        _ => n.to_string(),
    }
}

/// A, B, … Z, AA, BB, …: Word repeats the letter.
fn letters(n: i64) -> String {
    if !(1..=780).contains(&n) {
        return n.to_string();
    }
    let i = (n - 1) as usize;
    let letter = (b'A' + (i % 26) as u8) as char;
    letter.to_string().repeat(i / 26 + 1)
}

fn roman(n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    const NUMERALS: &[(i64, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= *value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

fn ordinal(n: i64) -> String {
    let suffix = match (n % 100, n % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_numbers_as_word_does() {
        assert_eq!(roman(14), "XIV");
        assert_eq!(letters(1), "A");
        assert_eq!(letters(28), "BB");
        assert_eq!(format_number(4, "lowerRoman"), "iv");
        assert_eq!(format_number(3, "decimalZero"), "03");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(22), "22nd");
    }
}
