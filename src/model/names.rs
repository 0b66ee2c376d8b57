//! Names as the record writes them, and how they are matched to people: pure functions
//! over text, with the people indexed by surname so that matching a name costs the
//! handful of people who share its surname.

use std::collections::HashMap;

use super::people::PersonIdx;

/// Titles dropped from the front of a name, in lower case without their full stop.
const TITLES: &[&str] = &[
    "cllr",
    "cllrs",
    "councillor",
    "councilor",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "revd",
    "reverend",
    "prof",
    "professor",
    "the",
    "rt",
    "hon",
    "right",
    "honourable",
    "alderman",
];

/// Whether `word` (any case, with or without its full stop) is a title that begins a
/// name: `Cllr`, `Mrs`, `Dr.`. The importer reads names by the same list.
pub(crate) fn is_title(word: &str) -> bool {
    let word = word.trim_end_matches('.').to_lowercase();
    TITLES.contains(&word.as_str())
}

/// Words that may stand before `Councillor`: `County Councillor J Smith`.
const COUNCILS: &[&str] = &["county", "borough", "district", "city", "parish", "town"];

/// Honours and offices written after a name: dropped at the end of a name even without
/// the comma that usually comes before them.
const POST_NOMINALS: &[&str] = &[
    "obe", "mbe", "cbe", "kbe", "dbe", "bem", "jp", "dl", "qpm", "kpm", "qfsm", "kc", "qc", "mp",
    "mep", "msp", "ms", "am", "ma", "phd",
];

/// An attendance entry taken apart: the name, and what its trailing parentheses say.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// As written, without the trailing parentheses.
    pub name: String,
    /// `Chair` or `Vice-Chair`, from `(Chair)`, `(Chairman)`, `(Vice-Chairman)`…
    pub role: Option<String>,
    /// From `(Substitute for NAME)`, `(substituting for NAME)`, `(sub for NAME)`.
    pub substitute_for: Option<String>,
    /// From `(virtual)`, `(remote)`, `(attended remotely)`, `(online)`.
    pub remote: bool,
    /// Everything else in the parentheses, parts joined with `, `.
    pub note: Option<String>,
}

/// Takes trailing parenthesised notes off an entry: `Cllr P Feacey (Chair)`, `Mr J Smith
/// (Substitute for Cllr A Brown)`, `Cllr T Prater (Chair, Eastbridge BC)`.
pub(crate) fn entry(written: &str) -> Entry {
    let mut name = written.trim();
    let mut groups = Vec::new();
    while let Some(inner) = name.strip_suffix(')') {
        let Some(open) = matching_open(inner) else {
            break;
        };
        let head = inner[..open].trim_end();
        if head.is_empty() {
            break;
        }
        groups.push(inner[open + 1..].trim());
        name = head;
    }
    let mut out = Entry {
        name: name.to_string(),
        ..Entry::default()
    };
    let mut notes = Vec::new();
    for group in groups.into_iter().rev() {
        for part in group
            .split([',', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            read_note(part, &mut out, &mut notes);
        }
    }
    if !notes.is_empty() {
        out.note = Some(notes.join(", "));
    }
    out
}

/// Splits a line of several names, as minutes write them (`Cllr A Brown, Mr J Meade and
/// Mrs E Bolton`), at each comma or `and` that a title follows, outside parentheses. A
/// comma before honours or a council (`Mr P M Hill, OBE`) is not a split.
pub(crate) fn split_names(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b',' if depth == 0 && starts_with_title(&line[i + 1..]) => {
                out.push(line[start..i].trim().to_string());
                start = i + 1;
            }
            b' ' if depth == 0
                && bytes
                    .get(i..i + 5)
                    .is_some_and(|b| b.eq_ignore_ascii_case(b" and "))
                && starts_with_title(&line[i + 5..]) =>
            {
                out.push(line[start..i].trim().to_string());
                start = i + 5;
                i += 4;
            }
            _ => {}
        }
        i += 1;
    }
    out.push(line[start..].trim().to_string());
    let mut names: Vec<String> = out
        .into_iter()
        .map(|n| n.strip_prefix("and ").map_or(n.clone(), str::to_string))
        .filter(|n| !n.is_empty())
        .collect();
    if names.is_empty() {
        names.push(line.trim().to_string());
    }
    names
}

/// Whether `text` begins (after spaces, perhaps after `and`) with a title such as `Cllr`.
fn starts_with_title(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let mut first = words.next().unwrap_or("");
    if first.eq_ignore_ascii_case("and") {
        first = words.next().unwrap_or("");
    }
    let word = first.trim_end_matches('.').to_lowercase();
    !matches!(word.as_str(), "the" | "right" | "rt" | "hon" | "honourable")
        && (TITLES.contains(&word.as_str()) || COUNCILS.contains(&word.as_str()))
        && words.next().is_some()
}

/// The byte index of the `(` that the string's final (removed) `)` closes.
fn matching_open(inner: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in inner.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return Some(i),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

fn read_note(part: &str, out: &mut Entry, notes: &mut Vec<String>) {
    let plain: String = part
        .to_lowercase()
        .replace(['.', ':'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let role = match plain.as_str() {
        "chair" | "chairman" | "chairwoman" | "chairperson" | "in the chair" | "presiding" => {
            Some("Chair")
        }
        "vice-chair" | "vice chair" | "vice-chairman" | "vice chairman" | "vice-chairwoman"
        | "vice chairwoman" | "vice-chairperson" | "vice chairperson" | "deputy chair" => {
            Some("Vice-Chair")
        }
        _ => None,
    };
    if let Some(role) = role {
        out.role.get_or_insert_with(|| role.to_string());
        return;
    }
    if matches!(
        plain.as_str(),
        "virtual"
            | "virtually"
            | "remote"
            | "remotely"
            | "online"
            | "attended remotely"
            | "attended virtually"
            | "via teams"
            | "via zoom"
            | "by video"
    ) {
        out.remote = true;
        return;
    }
    const FOR: &[&str] = &[
        "substitute for ",
        "substituting for ",
        "sub for ",
        "substitute member for ",
        "as substitute for ",
        "deputising for ",
        "deputy for ",
        "in place of ",
    ];
    let lower = part.to_lowercase();
    for lead in FOR {
        if lower.starts_with(lead) && out.substitute_for.is_none() {
            // Lower-casing may change a text's length, so the cut is checked.
            let rest = part.get(lead.len()..).unwrap_or("");
            let rest = rest.trim().trim_start_matches(':').trim();
            if !rest.is_empty() {
                out.substitute_for = Some(rest.to_string());
                return;
            }
        }
    }
    notes.push(part.to_string());
}

/// A name reduced to the words that identify a person: in lower case, titles, honours
/// and punctuation gone (but not hyphens or apostrophes), initials apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Key {
    /// Given names and initials, in order.
    pub given: Vec<String>,
    pub surname: String,
}

impl Key {
    /// The words as one string, to compare whole names.
    pub(crate) fn full(&self) -> String {
        let mut words = self.given.clone();
        words.push(self.surname.clone());
        words.join(" ")
    }

    /// Initials and surname, to measure how near two spellings are: `t osborne`.
    fn initials(&self) -> String {
        let mut out: String = self
            .given
            .iter()
            .filter_map(|g| g.chars().next())
            .flat_map(|c| [c, ' '])
            .collect();
        out.push_str(&self.surname);
        out
    }
}

/// The key of a name, or `None` when nothing of a name is left.
pub(crate) fn key(written: &str) -> Option<Key> {
    // Accents fold, as text converted from PDF often loses them: `Chloë` is `Chloe`.
    let text = deunicode::deunicode(&written.replace(['\u{2019}', '\u{2018}', '`'], "'"));
    // After a comma come honours (`, OBE JP`) or an office or council, never the name.
    let text = text.split(',').next().unwrap_or("");
    let mut words: Vec<(String, bool)> = Vec::new();
    for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'')) {
        let raw = raw.trim_matches(|c| c == '-' || c == '\'');
        if raw.is_empty() {
            continue;
        }
        let caps = raw.chars().all(|c| !c.is_lowercase());
        words.push((raw.to_lowercase(), caps));
    }
    strip_titles(&mut words);
    while words.len() > 1
        && words
            .last()
            .is_some_and(|(w, caps)| *caps && POST_NOMINALS.contains(&w.as_str()))
    {
        words.pop();
    }
    let (surname, _) = words.pop()?;
    let mut given = Vec::new();
    for (word, caps) in words {
        // `PM Hill`: initials run together, as capitals.
        let letters = word.chars().count();
        if caps && (2..=3).contains(&letters) && word.chars().all(char::is_alphabetic) {
            given.extend(word.chars().map(String::from));
        } else {
            given.push(word);
        }
    }
    Some(Key { given, surname })
}

fn strip_titles(words: &mut Vec<(String, bool)>) {
    let mut cut = 0;
    while words.len() - cut > 1 {
        let w = words[cut].0.as_str();
        let council_title = COUNCILS.contains(&w)
            && words
                .get(cut + 1)
                .is_some_and(|(n, _)| matches!(n.as_str(), "cllr" | "councillor"))
            && words.len() - cut > 2;
        if council_title {
            cut += 2;
        } else if TITLES.contains(&w) {
            cut += 1;
        } else {
            break;
        }
    }
    words.drain(..cut);
}

/// Whether a name's given names and initials agree with a person's, in order: each a
/// full name equal to one of theirs, or an initial that starts it.
pub(crate) fn given_agree(written: &[String], theirs: &[String]) -> bool {
    let mut next = theirs.iter();
    written.iter().all(|w| {
        next.by_ref().any(|t| {
            if w.chars().count() == 1 {
                t.starts_with(w.as_str())
            } else {
                t == w
            }
        })
    })
}

/// Everyone's names and aliases, by whole name and by surname.
#[derive(Debug, Default)]
pub(crate) struct Index {
    whole: HashMap<String, Vec<PersonIdx>>,
    by_surname: HashMap<String, Vec<(PersonIdx, Vec<String>)>>,
    /// Every form, for the suggestions made for a name that matches no one.
    forms: Vec<(PersonIdx, String)>,
}

/// What a name came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    One(PersonIdx),
    /// Several people, each in the running: by index, each once.
    Several(Vec<PersonIdx>),
    None,
}

impl Index {
    /// Indexes each person's `forms` (their name, then their aliases).
    pub(crate) fn new<'a>(people: impl Iterator<Item = (PersonIdx, Vec<&'a str>)>) -> Index {
        let mut index = Index::default();
        for (person, forms) in people {
            for form in forms {
                // A name in a file may carry a note too: `Mrs E Bolton (Independent member)`.
                let Some(key) = key(&entry(form).name) else {
                    continue;
                };
                let whole = index.whole.entry(key.full()).or_default();
                if !whole.contains(&person) {
                    whole.push(person);
                }
                index.forms.push((person, key.initials()));
                index
                    .by_surname
                    .entry(key.surname.clone())
                    .or_default()
                    .push((person, key.given));
            }
        }
        index
    }

    /// The person a name means, by the rules in order: the same whole name or alias;
    /// else the same surname with given names agreeing with its initials; a surname
    /// alone, when one member (else one person) has it. Among several, members of the
    /// meeting's body at its date (`member`) win.
    pub(crate) fn find(&self, written: &str, member: impl Fn(PersonIdx) -> bool) -> Found {
        let Some(key) = key(written) else {
            return Found::None;
        };
        let mut found: Vec<PersonIdx> = self.whole.get(&key.full()).cloned().unwrap_or_default();
        if found.is_empty() {
            let same_surname = self
                .by_surname
                .get(&key.surname)
                .map_or(&[][..], Vec::as_slice);
            for (person, given) in same_surname {
                if given_agree(&key.given, given) && !found.contains(person) {
                    found.push(*person);
                }
            }
            if key.given.is_empty() {
                return decide_surname(found, member);
            }
        }
        decide(found, member)
    }

    /// The people whose names are nearest `written` by spelling (initials and surname),
    /// nearest first; none if no one is near.
    pub(crate) fn nearest(&self, written: &str) -> Vec<PersonIdx> {
        let Some(key) = key(written) else {
            return Vec::new();
        };
        let wanted = key.initials();
        let limit = 2.max(wanted.chars().count() / 4);
        let mut scored: Vec<(usize, PersonIdx)> = self
            .forms
            .iter()
            .map(|(p, form)| (strsim::osa_distance(&wanted, form), *p))
            .filter(|(d, _)| *d <= limit)
            .collect();
        scored.sort();
        let Some(&(best, _)) = scored.first() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (d, p) in scored {
            if d == best && !out.contains(&p) {
                out.push(p);
            }
        }
        out
    }
}

fn decide(found: Vec<PersonIdx>, member: impl Fn(PersonIdx) -> bool) -> Found {
    match found[..] {
        [] => Found::None,
        [one] => Found::One(one),
        _ => {
            let members: Vec<PersonIdx> = found.iter().copied().filter(|&p| member(p)).collect();
            match members[..] {
                [one] => Found::One(one),
                [] => Found::Several(found),
                _ => Found::Several(members),
            }
        }
    }
}

/// A surname alone names the one member of the body who has it; failing any member,
/// the one person who has it.
fn decide_surname(found: Vec<PersonIdx>, member: impl Fn(PersonIdx) -> bool) -> Found {
    let members: Vec<PersonIdx> = found.iter().copied().filter(|&p| member(p)).collect();
    match (&members[..], &found[..]) {
        ([one], _) => Found::One(*one),
        ([], []) => Found::None,
        ([], [one]) => Found::One(*one),
        ([], _) => Found::Several(found),
        _ => Found::Several(members),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> String {
        key(s).map(|k| k.full()).unwrap_or_default()
    }

    #[test]
    fn titles_honours_and_punctuation_go() {
        assert_eq!(k("Cllr. P. Feacey"), "p feacey");
        assert_eq!(k("Councillor Peter Feacey"), "peter feacey");
        assert_eq!(k("Mrs J Hollingsbee"), "j hollingsbee");
        assert_eq!(k("Sir Robert Jones, OBE, JP"), "robert jones");
        assert_eq!(k("Mr Alan Hunt MBE"), "alan hunt");
        assert_eq!(k("County Councillor  Ann Lee"), "ann lee");
        assert_eq!(k("The Rev Dr Mary O’Neill"), "mary o'neill");
        assert_eq!(k("Cllr Smith-Jones"), "smith-jones");
        assert_eq!(k("Cllr Chloë Brontë"), k("Cllr Chloe Bronte"));
        assert_eq!(k("Mr PM Hill"), "p m hill");
        assert_eq!(k("Lady"), "lady");
        assert_eq!(k("Cllr T Prater, Eastbridge BC"), "t prater");
        assert_eq!(key("  ,  "), None);
    }

    #[test]
    fn notes_in_parentheses() {
        let e = entry("Cllr P Feacey (Chair)");
        assert_eq!(
            (e.name.as_str(), e.role.as_deref()),
            ("Cllr P Feacey", Some("Chair"))
        );
        let e = entry("Mr J Smith (Substitute for Cllr A Brown)");
        assert_eq!(e.substitute_for.as_deref(), Some("Cllr A Brown"));
        assert_eq!(e.name, "Mr J Smith");
        let e = entry("Cllr T Prater (Vice-Chairman, Eastbridge BC) (virtual)");
        assert_eq!(e.role.as_deref(), Some("Vice-Chair"));
        assert_eq!(e.note.as_deref(), Some("Eastbridge BC"));
        assert!(e.remote);
        let e = entry("Ms K Lee (Independent Member (co-opted))");
        assert_eq!(e.note.as_deref(), Some("Independent Member (co-opted)"));
        assert_eq!(entry("(Chair)").name, "(Chair)");
    }

    #[test]
    fn a_line_of_names_splits_before_titles() {
        assert_eq!(
            split_names(
                "Mr P M Hill, OBE (Chairman), Cllr M Blake, Cllr D Roe (Substitute for Cllr L Eden, and Cllr T Ash) and Mr J Meade"
            ),
            [
                "Mr P M Hill, OBE (Chairman)",
                "Cllr M Blake",
                "Cllr D Roe (Substitute for Cllr L Eden, and Cllr T Ash)",
                "Mr J Meade"
            ]
        );
        assert_eq!(
            split_names("Cllr T Prater, Eastbridge BC"),
            ["Cllr T Prater, Eastbridge BC"]
        );
        assert_eq!(
            split_names("Cllr A Brown and Mrs B Brown"),
            ["Cllr A Brown", "Mrs B Brown"]
        );
        assert_eq!(split_names("Ann Lee, Sam Roe"), ["Ann Lee, Sam Roe"]);
        assert_eq!(split_names(", Cllr"), [", Cllr"]);
    }

    #[test]
    fn initials_agree_in_order() {
        let given = |s: &str| key(s).unwrap().given;
        assert!(given_agree(&given("P Feacey"), &given("Peter Feacey")));
        assert!(given_agree(
            &given("P M Hill"),
            &given("Peter Michael Hill")
        ));
        assert!(given_agree(
            &given("Peter Hill"),
            &given("Peter Michael Hill")
        ));
        assert!(!given_agree(
            &given("M P Hill"),
            &given("Peter Michael Hill")
        ));
        assert!(!given_agree(&given("Pete Hill"), &given("Peter Hill")));
        assert!(!given_agree(&given("J Hill"), &given("Peter Hill")));
    }

    fn index(people: &[&[&str]]) -> Index {
        Index::new(people.iter().enumerate().map(|(i, f)| (i, f.to_vec())))
    }

    #[test]
    fn matching_rules() {
        let ix = index(&[
            &["Councillor Peter Feacey"],
            &["Peter Michael Hill", "Mr P M Hill"],
            &["Mrs Jenny Hollingsbee"],
            &["Paul Feacey"],
            &["Tristan Osborne"],
            &["Ann Meade"],
            &["Mrs E Bolton (Independent member)"],
        ]);
        let anyone = |_| false;
        assert_eq!(ix.find("Cllr Peter Feacey", anyone), Found::One(0));
        assert_eq!(ix.find("Mr P M Hill", anyone), Found::One(1));
        assert_eq!(ix.find("Cllr P Hill", anyone), Found::One(1));
        assert_eq!(ix.find("J Hollingsbee", anyone), Found::One(2));
        assert_eq!(ix.find("Cllr P Feacey", anyone), Found::Several(vec![0, 3]));
        assert_eq!(ix.find("Cllr P Feacey", |p| p == 3), Found::One(3));
        assert_eq!(ix.find("Mr Meade", anyone), Found::One(5));
        assert_eq!(ix.find("Cllr Feacey", |p| p == 0), Found::One(0));
        assert_eq!(ix.find("Cllr Feacey", anyone), Found::Several(vec![0, 3]));
        assert_eq!(ix.find("Cllr T Osbourne", anyone), Found::None);
        assert_eq!(ix.nearest("Cllr T Osbourne"), vec![4]);
        assert_eq!(ix.nearest("Mr Q Zzyzx"), Vec::<usize>::new());
        assert_eq!(ix.find("Mrs E Bolton", anyone), Found::One(6));
    }
}
