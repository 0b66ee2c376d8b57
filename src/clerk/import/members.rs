//! People files from a pack's membership list: one `people/<id>.md` for each member the
//! site does not know yet. A member the site has (a file with that id, or a person whose
//! name or alias is theirs) is left alone and reported, never written over.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use super::{Job, Note, NoteKind};
use crate::model::names;

/// A member as the list gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Listed {
    pub line: usize,
    /// As listed, titles kept: `Councillor Asha Kerrigan`.
    pub name: String,
    /// `Chair`, `Vice-Chair`, `Co-opted member` or `Independent member`, when said.
    pub role: Option<String>,
    /// The nominating council, from a column or brackets.
    pub on_behalf_of: Option<String>,
    /// Cells that are neither, reported.
    pub unread: Vec<String>,
}

/// One row of the list: the name first, then what it says of the seat.
pub(super) fn listed(line: usize, cells: &[String]) -> Option<Listed> {
    let (first, rest) = cells.split_first()?;
    let mut parts: Vec<String> = Vec::new();
    // One cell: `Cllr A Kerrigan - Northby Borough Council` or `..., Northby BC`.
    let first = match (rest.is_empty(), split_off(first)) {
        (true, Some((name, seat))) => {
            parts.push(seat.to_string());
            name.to_string()
        }
        _ => first.clone(),
    };
    let entry = names::entry(&first);
    let mut out = Listed {
        line,
        name: entry.name.trim().to_string(),
        role: entry.role.clone(),
        on_behalf_of: None,
        unread: Vec::new(),
    };
    names::key(&out.name)?;
    parts.extend(entry.note.iter().cloned());
    parts.extend(rest.iter().cloned());
    for part in &parts {
        for piece in part
            .split([',', ';', '–', '—'])
            .flat_map(|p| p.split(" - "))
        {
            out.read(piece.trim());
        }
    }
    Some(out)
}

/// A name and what follows it in one cell, at a dash or the last comma.
fn split_off(cell: &str) -> Option<(&str, &str)> {
    for sep in [" – ", " — ", " - "] {
        if let Some(split) = cell.split_once(sep) {
            return Some(split);
        }
    }
    let (name, seat) = cell.rsplit_once(',')?;
    (role_of(seat).is_some() || is_organisation(seat)).then_some((name, seat))
}

impl Listed {
    fn read(&mut self, piece: &str) {
        if piece.is_empty() {
            return;
        }
        match role_of(piece) {
            // An office (Chair) wins over the kind of seat (co-opted).
            Some(role)
                if self
                    .role
                    .as_deref()
                    .is_none_or(|r| !is_office(r) || is_office(role)) =>
            {
                self.role = Some(role.to_string());
            }
            Some(_) => {}
            None if is_organisation(piece) && self.on_behalf_of.is_none() => {
                self.on_behalf_of = Some(piece.to_string());
            }
            None => self.unread.push(piece.to_string()),
        }
    }
}

fn role_of(text: &str) -> Option<&'static str> {
    let t = text.trim().to_lowercase();
    if t.contains("vice-chair") || t.contains("vice chair") {
        Some("Vice-Chair")
    } else if t.starts_with("chair") {
        Some("Chair")
    } else if t.contains("co-opted") || t.contains("coopted") || t.contains("co opted") {
        Some("Co-opted member")
    } else if t.contains("independent member") || t == "independent co-opted member" {
        Some("Independent member")
    } else {
        None
    }
}

fn is_office(role: &str) -> bool {
    matches!(role, "Chair" | "Vice-Chair")
}

/// A council or other nominating body: `Northby Borough Council`, `Eastmere DC`.
fn is_organisation(text: &str) -> bool {
    let t = text.trim();
    // A political group nominates a co-opted member as a council does.
    let words = [
        "council",
        "authority",
        "borough",
        "district",
        "county",
        "city",
        "group",
        "association",
        "board",
        "trust",
    ];
    let lower = t.to_lowercase();
    let initials = t
        .split_whitespace()
        .last()
        .is_some_and(|w| matches!(w, "BC" | "DC" | "CC" | "MBC" | "UA"));
    t.chars().next().is_some_and(char::is_uppercase)
        && (initials
            || words
                .iter()
                .any(|w| lower.split_whitespace().any(|x| x == *w)))
}

/// A person's id from their name: its words without titles, as a slug.
pub(super) fn id_of(name: &str) -> Option<String> {
    let id = crate::base::text::slugify(&names::key(name)?.full());
    (!id.is_empty()).then_some(id)
}

#[derive(Serialize)]
struct PersonOut<'a> {
    name: &'a str,
    memberships: [MembershipOut<'a>; 1],
}

#[derive(Serialize)]
struct MembershipOut<'a> {
    body: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    on_behalf_of: Option<&'a str>,
    from: String,
}

/// The people already in the site's `people/`: each person's file and forms of name.
pub(super) struct Known {
    people: Vec<(PathBuf, Vec<names::Key>)>,
}

impl Known {
    pub(super) fn read(root: &Path) -> Known {
        let found = crate::load::load_people(root, crate::load::Limits::default());
        let people = found
            .people
            .unwrap_or_default()
            .into_iter()
            .map(|p| {
                let forms = std::iter::once(p.name.as_str())
                    .chain(p.aliases.iter().map(|a| a.value.as_str()))
                    .filter_map(names::key)
                    .collect();
                (p.file, forms)
            })
            .collect();
        Known { people }
    }

    /// The file of a person who may be the one listed: the same whole name, or the same
    /// surname with given names or initials that agree either way (`A Kerrigan` and
    /// `Asha Kerrigan`). Careful rather than exact: a false match only leaves a file
    /// unwritten, and says so.
    fn matching(&self, name: &str) -> Option<&Path> {
        let key = names::key(name)?;
        self.people
            .iter()
            .find(|(_, forms)| {
                forms.iter().any(|f| {
                    f.surname == key.surname
                        && (names::given_agree(&key.given, &f.given)
                            || names::given_agree(&f.given, &key.given))
                })
            })
            .map(|(file, _)| file.as_path())
    }
}

impl Job<'_> {
    /// Plans a people file for each listed member the site does not have, seated on
    /// `body` from `date` (the pack's: the list says who sat then, not since when).
    pub(super) fn members(&mut self, rows: &[(usize, Vec<String>)], body: &str, date: NaiveDate) {
        let known = Known::read(self.root);
        let dir = self.root.join(crate::load::PEOPLE_DIR);
        // The first people of a site change how every name in its record is shown.
        let mut first = !dir.exists() && !self.planned.iter().any(|p| p.starts_with(&dir));
        for (line, cells) in rows {
            let Some(member) = listed(*line, cells) else {
                continue;
            };
            let Some(id) = id_of(&member.name) else {
                continue;
            };
            let path = dir.join(format!("{id}.md"));
            let existing = known
                .matching(&member.name)
                .map(Path::to_path_buf)
                .or_else(|| path.exists().then(|| path.clone()));
            if let Some(file) = existing {
                self.member_known(&member, &file, body);
            } else if self.planned.contains(&path) {
                self.member_twice(&member, &path);
            } else {
                let text = person_text(&member, body, date);
                let mut notes = member_notes(&member, body, date);
                if std::mem::take(&mut first) {
                    notes.push(Note {
                        line: None,
                        kind: NoteKind::Missing,
                        text: "the site had no people/ folder: from now on names in minutes are matched to people, and `check` warns of those it cannot match; add the other members and officers (or delete people/ to go back)".into(),
                    });
                }
                self.plan(self.source.clone(), path, text, notes);
            }
        }
    }

    fn member_known(&mut self, member: &Listed, file: &Path, body: &str) {
        let shown = file.strip_prefix(self.root).unwrap_or(file).display();
        let seat = seat(member, body);
        let note = Note {
            line: Some(member.line),
            kind: NoteKind::Missing,
            text: format!(
                "{} is already in {shown}: left as it is; check it lists {seat}",
                member.name
            ),
        };
        self.notes.push(super::Imported {
            source: self.source.clone(),
            written: file.to_path_buf(),
            notes: vec![note],
            unchanged: true,
        });
    }

    fn member_twice(&mut self, member: &Listed, path: &Path) {
        let note = Note {
            line: Some(member.line),
            kind: NoteKind::Missing,
            text: format!(
                "{} has the same id as a member listed before: not written; add them to {} by hand if they are someone else",
                member.name,
                path.file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into())
            ),
        };
        if let Some((report, _)) = self.files.iter_mut().find(|(r, _)| r.written == path) {
            report.notes.push(note);
        }
    }
}

fn seat(member: &Listed, body: &str) -> String {
    let mut seat = format!("a membership of {body}");
    if let Some(role) = &member.role {
        seat.push_str(&format!(" as {role}"));
    }
    if let Some(council) = &member.on_behalf_of {
        seat.push_str(&format!(" for {council}"));
    }
    seat
}

fn person_text(member: &Listed, body: &str, date: NaiveDate) -> String {
    let person = PersonOut {
        name: &member.name,
        memberships: [MembershipOut {
            body,
            role: member.role.as_deref(),
            on_behalf_of: member.on_behalf_of.as_deref(),
            from: crate::base::dates::iso(date),
        }],
    };
    let yaml = serde_yaml::to_string(&person).expect("front matter serialises");
    format!("---\n{yaml}---\n")
}

fn member_notes(member: &Listed, body: &str, date: NaiveDate) -> Vec<Note> {
    let mut notes = vec![Note {
        line: Some(member.line),
        kind: NoteKind::Guess,
        text: format!(
            "member from the membership list: {}, from {} (the pack's date): set `from:` to when the seat began",
            seat(member, body),
            crate::base::dates::iso(date)
        ),
    }];
    for unread in &member.unread {
        notes.push(Note {
            line: Some(member.line),
            kind: NoteKind::NotMapped,
            text: format!("in the membership list: {unread}"),
        });
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Listed {
        let cells: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
        listed(7, &cells).expect("a member")
    }

    #[test]
    fn a_row_gives_the_name_role_and_council() {
        let m = row(&[
            "Councillor Asha Kerrigan (Chair)",
            "Northby Borough Council",
        ]);
        assert_eq!(m.name, "Councillor Asha Kerrigan");
        assert_eq!(m.role.as_deref(), Some("Chair"));
        assert_eq!(m.on_behalf_of.as_deref(), Some("Northby Borough Council"));
        let m = row(&[
            "Councillor Ruth Mabey",
            "Co-opted member – Westvale District Council",
        ]);
        assert_eq!(m.role.as_deref(), Some("Co-opted member"));
        assert_eq!(m.on_behalf_of.as_deref(), Some("Westvale District Council"));
        let m = row(&["Mr Piers Dunmore", "Independent Member (Vice-Chair)"]);
        assert_eq!(m.role.as_deref(), Some("Vice-Chair"));
        assert_eq!(m.on_behalf_of, None);
        let m = row(&["Cllr Tom Iley (Eastmere District Council)"]);
        assert_eq!(
            (m.name.as_str(), m.on_behalf_of.as_deref()),
            ("Cllr Tom Iley", Some("Eastmere District Council"))
        );
        let m = row(&["Cllr Nell Ashby, Westvale DC"]);
        assert_eq!(m.on_behalf_of.as_deref(), Some("Westvale DC"));
        let m = row(&["Mr Ian Lowe", "Co-opted member – Green Group"]);
        assert_eq!(m.on_behalf_of.as_deref(), Some("Green Group"));
        let m = row(&["Mrs Jo Ware", "Labour"]);
        assert_eq!(m.unread, ["Labour"]);
    }

    #[test]
    fn ids_are_the_name_without_titles() {
        assert_eq!(
            id_of("Councillor Asha Kerrigan").as_deref(),
            Some("asha-kerrigan")
        );
        assert_eq!(
            id_of("Dr Mary O'Neill, OBE").as_deref(),
            Some("mary-oneill")
        );
        assert_eq!(id_of("***"), None);
    }
}
