//! Turns parsed front matter into typed meeting and paper sources, checking each field
//! and collecting every problem rather than stopping at the first.

use std::path::Path;

use chrono::NaiveDate;
use serde_yaml::{Mapping, Value};

use super::frontmatter::{FrontMatter, Node};
use super::{
    AgendaSource, AttachmentSource, AttendanceSource, AttendeeSource, DecisionSource,
    DeclarationSource, MeetingSource, MembershipSource, PaperSource, PersonSource, Spanned,
    TallySource, VoteSource,
};
use crate::base::dates::parse_date;
use crate::base::error::{Diagnostic, ErrorKind, Location};
use crate::base::moment::{MOMENT_FORMS, Moment};
use crate::base::vocab::{CallIn, InterestKind, PaperKind, Status, VoteResult};

const MEETING_FIELDS: &[&str] = &[
    "date",
    "id",
    "title",
    "body",
    "time",
    "venue",
    "status",
    "attendance",
    "declarations",
    "agenda",
    "draft",
    "aliases",
];
const PAPER_FIELDS: &[&str] = &[
    "title",
    "date",
    "meeting",
    "item",
    "section",
    "kind",
    "to",
    "from",
    "classification",
    "exempt",
    "minutes_of",
    "recommendations",
    "decisions",
    "declarations",
    "follows",
    "topics",
    "draft",
    "publish_from",
    "supplement",
    "attachments",
    "aliases",
];
const ATTACHMENT_FIELDS: &[&str] = &["file", "title"];
const AGENDA_FIELDS: &[&str] = &["item", "title", "section"];
const DECISION_FIELDS: &[&str] = &[
    "ref",
    "text",
    "item",
    "date",
    "by",
    "vote",
    "reasons",
    "alternatives",
    "conflicts",
    "key_decision",
    "call_in",
    "effective",
];
const ATTENDANCE_FIELDS: &[&str] = &["present", "apologies", "in_attendance"];
const ATTENDEE_FIELDS: &[&str] = &["name", "substitute_for", "virtual", "note"];
const DECLARATION_FIELDS: &[&str] = &["name", "item", "interest", "kind", "withdrew"];
const VOTE_FIELDS: &[&str] = &["for", "against", "abstain", "result"];
const CALL_IN_FIELDS: &[&str] = &["until", "called_in", "outcome"];
const PERSON_FIELDS: &[&str] = &["name", "aliases", "party", "image", "memberships"];
const MEMBERSHIP_FIELDS: &[&str] = &["body", "role", "on_behalf_of", "from", "to", "voting"];

pub(super) fn meeting(
    path: &Path,
    fm: &FrontMatter,
    folder: String,
) -> Result<MeetingSource, Vec<Diagnostic>> {
    let mut r = Reader::new(path, fm);
    let top = Scope::Top;
    r.check_keys(&fm.map, &top, MEETING_FIELDS, "a meeting");
    let date = r.date(&fm.map, &top, "date", true);
    // A meeting file straight under content/ has no folder name to go by.
    let id = match (r.text(&fm.map, &top, "id"), &date) {
        (Some(id), _) => id,
        (None, Some(d)) if folder.is_empty() => Spanned {
            value: d.value.to_string(),
            line: d.line,
        },
        (None, _) => Spanned {
            value: super::default_meeting_id(&folder),
            line: 1,
        },
    };
    // Free text: clerks write "10:00", "10.00 am" or "2pm", and all read fine.
    let time = r.text(&fm.map, &top, "time").map(|t| t.value);
    let status = r.text(&fm.map, &top, "status").and_then(|s| {
        let status = match s.value.to_lowercase().as_str() {
            "scheduled" => Some(Status::Scheduled),
            "held" => Some(Status::Held),
            "cancelled" | "canceled" => Some(Status::Cancelled),
            _ => None,
        };
        if status.is_none() {
            r.error(
                &top,
                "status",
                format!(
                    "`status` must be scheduled, held or cancelled, not `{}`",
                    s.value
                ),
            );
        }
        status
    });
    let attendance = r.attendance(&fm.map);
    let declarations = r.declarations(&fm.map);
    let agenda = r.agenda(&fm.map);
    let source = MeetingSource {
        file: path.to_path_buf(),
        folder,
        id,
        date: date.unwrap_or(Spanned {
            value: NaiveDate::MIN,
            line: 1,
        }),
        title: r.text(&fm.map, &top, "title").map(|s| s.value),
        body_name: r.text(&fm.map, &top, "body").map(|s| s.value),
        time,
        venue: r.text(&fm.map, &top, "venue").map(|s| s.value),
        status,
        attendance,
        declarations,
        agenda,
        draft: r.flag(&fm.map, &top, "draft", true),
        aliases: r.spanned_list(&fm.map, &top, "aliases"),
        text: fm.text.clone(),
    };
    r.finish(source)
}

pub(super) fn paper(
    path: &Path,
    fm: &FrontMatter,
    id: String,
    folder: String,
) -> Result<PaperSource, Vec<Diagnostic>> {
    let mut r = Reader::new(path, fm);
    let top = Scope::Top;
    let map = &fm.map;
    r.check_keys(map, &top, PAPER_FIELDS, "a paper");
    let title = r.required_text(map, &top, "title");
    let date = r.date(map, &top, "date", true);
    // Minutes are the one kind a clerk may forget to name: `minutes_of` says it.
    let default_kind = if map.contains_key("minutes_of") {
        PaperKind::Minutes
    } else {
        PaperKind::Report
    };
    let kind = r.text(map, &top, "kind").map_or(default_kind, |k| {
        let wanted = k.value.to_lowercase().replace([' ', '_'], "-");
        let found = PaperKind::ALL.iter().find(|(name, _)| *name == wanted);
        match found {
            Some((_, kind)) => *kind,
            None => {
                let names: Vec<&str> = PaperKind::ALL.iter().map(|(n, _)| *n).collect();
                r.error(
                    &top,
                    "kind",
                    format!(
                        "unknown kind `{}`; use one of: {}",
                        k.value,
                        names.join(", ")
                    ),
                );
                PaperKind::Report
            }
        }
    });
    let decisions = r.decisions(map);
    let source = PaperSource {
        file: path.to_path_buf(),
        id,
        folder,
        title: title.map(|t| t.value).unwrap_or_default(),
        date: date.unwrap_or(Spanned {
            value: NaiveDate::MIN,
            line: 1,
        }),
        meeting: r.text(map, &top, "meeting"),
        item: r.text(map, &top, "item"),
        section: r.text(map, &top, "section").map(|s| s.value),
        kind,
        to: r.text(map, &top, "to").map(|s| s.value),
        from: r.text(map, &top, "from").map(|s| s.value),
        classification: r.text(map, &top, "classification").map(|s| s.value),
        exempt: r.exempt(map),
        minutes_of: r.text(map, &top, "minutes_of"),
        recommendations: r.spanned_list(map, &top, "recommendations"),
        decisions,
        declarations: r.declarations(map),
        follows: r.text(map, &top, "follows"),
        topics: r.list(map, &top, "topics"),
        draft: r.flag(map, &top, "draft", true),
        publish_from: r.moment(map, &top, "publish_from"),
        supplement: r.flag(map, &top, "supplement", false),
        attachments: r.attachments(map),
        aliases: r.spanned_list(map, &top, "aliases"),
        text: fm.text.clone(),
    };
    r.finish(source)
}

/// A person's file, and the `image:` it names (read by the caller, who knows where the
/// file is).
pub(super) fn person(
    path: &Path,
    fm: &FrontMatter,
    id: String,
) -> Result<(PersonSource, Option<Spanned<String>>), Vec<Diagnostic>> {
    let mut r = Reader::new(path, fm);
    let top = Scope::Top;
    let map = &fm.map;
    r.check_keys(map, &top, PERSON_FIELDS, "a person");
    let name = r.required_text(map, &top, "name");
    let image = r.text(map, &top, "image");
    let person = PersonSource {
        file: path.to_path_buf(),
        id,
        name: name.map(|n| n.value).unwrap_or_default(),
        aliases: r.spanned_list(map, &top, "aliases"),
        party: r.text(map, &top, "party").map(|p| p.value),
        image: None,
        memberships: r.memberships(map),
        text: fm.text.clone(),
    };
    r.finish((person, image))
}

/// Where a mapping sits, to find the line of its fields.
enum Scope {
    Top,
    Entry {
        list: &'static str,
        index: usize,
    },
    /// A map under a top-level field, such as `attendance:`.
    Under(&'static str),
    /// A map found deeper, such as an entry of `attendance.present` or a decision's
    /// `vote:`; `label` names it in a help line ("entry 3 of `attendance.present`").
    Node {
        node: Node,
        label: String,
    },
}

struct Reader<'a> {
    path: &'a Path,
    fm: &'a FrontMatter,
    errors: Vec<Diagnostic>,
    /// Lines with an error, so that a second error for one field is not added: a set,
    /// as a front matter may hold thousands of entries.
    error_lines: std::collections::HashSet<usize>,
}

impl<'a> Reader<'a> {
    fn new(path: &'a Path, fm: &'a FrontMatter) -> Self {
        Reader {
            path,
            fm,
            errors: Vec::new(),
            error_lines: Default::default(),
        }
    }

    fn push(&mut self, d: Diagnostic) {
        if let Some(line) = d.location.line {
            self.error_lines.insert(line);
        }
        self.errors.push(d);
    }

    fn finish<T>(self, value: T) -> Result<T, Vec<Diagnostic>> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(self.errors)
        }
    }

    fn line(&self, scope: &Scope, key: &str) -> usize {
        match scope {
            Scope::Top => self.fm.lines.top(key),
            Scope::Entry { list, index } => self.fm.lines.item_key(list, *index, key),
            Scope::Under(parent) => self.fm.lines.under(parent, key),
            Scope::Node { node, .. } => self.fm.lines.child(node, key).unwrap_or(*node).line,
        }
    }

    /// The field `key` of the map at `scope`, to look for lines under it; the nearest
    /// line found when the layout hides it (a `[flow, list]`).
    fn node(&self, scope: &Scope, key: &str) -> Node {
        let lines = &self.fm.lines;
        let found = match scope {
            Scope::Top => lines.top_node(key),
            Scope::Entry { list, index } => lines
                .item_node(list, *index)
                .and_then(|n| lines.child(&n, key)),
            Scope::Under(parent) => lines.top_node(parent).and_then(|n| lines.child(&n, key)),
            Scope::Node { node, .. } => lines.child(node, key),
        };
        found.unwrap_or_else(|| Node::at(self.line(scope, key)))
    }

    fn error(&mut self, scope: &Scope, key: &str, message: String) {
        let line = self.line(scope, key);
        self.push(Diagnostic::new(
            ErrorKind::Field,
            Location::at(self.path, line),
            message,
        ));
    }

    fn error_help(&mut self, scope: &Scope, key: &str, message: String, help: String) {
        let line = self.line(scope, key);
        self.push(
            Diagnostic::new(ErrorKind::Field, Location::at(self.path, line), message).help(help),
        );
    }

    fn check_keys(&mut self, map: &Mapping, scope: &Scope, known: &[&str], what: &str) {
        for key in map.keys() {
            let Some(key) = key.as_str() else {
                self.push(Diagnostic::new(
                    ErrorKind::Field,
                    Location::at(self.path, self.line(scope, "")),
                    format!(
                        "field names must be words, not `{}`",
                        scalar_text(key).unwrap_or_default()
                    ),
                ));
                continue;
            };
            if !known.contains(&key) {
                let help = match closest(key, known) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the fields of {what} are: {}", known.join(", ")),
                };
                self.error_help(scope, key, format!("unknown field `{key}` in {what}"), help);
            }
        }
    }

    fn text(&mut self, map: &Mapping, scope: &Scope, key: &str) -> Option<Spanned<String>> {
        let value = map.get(key)?;
        let line = self.line(scope, key);
        if value.is_number()
            && let Some(written) = self.fm.lines.written_number(line)
        {
            return Some(Spanned {
                value: written.to_string(),
                line,
            });
        }
        match scalar_text(value) {
            Some(text) if !text.trim().is_empty() => Some(Spanned {
                value: text.trim().to_string(),
                line,
            }),
            Some(_) => None,
            None if value.is_null() => None,
            None => {
                self.error(
                    scope,
                    key,
                    format!("`{key}` must be a single piece of text"),
                );
                None
            }
        }
    }

    fn required_text(
        &mut self,
        map: &Mapping,
        scope: &Scope,
        key: &str,
    ) -> Option<Spanned<String>> {
        let found = self.text(map, scope, key);
        if found.is_none() && !self.has_error_at(scope, key) {
            self.missing(scope, key);
        }
        found
    }

    fn has_error_at(&self, scope: &Scope, key: &str) -> bool {
        let line = self.line(scope, key);
        self.error_lines.contains(&line)
    }

    fn missing(&mut self, scope: &Scope, key: &str) {
        let (line, help) = match scope {
            Scope::Top => (
                1,
                format!("add a line `{key}: ...` between the `---` lines"),
            ),
            Scope::Entry { list, index } => (
                self.fm.lines.item(list, *index),
                format!("give entry {} of `{list}` a `{key}:`", index + 1),
            ),
            Scope::Under(parent) => (
                self.fm.lines.top(parent),
                format!("add `{key}:` under `{parent}:`"),
            ),
            Scope::Node { node, label } => (node.line, format!("give {label} a `{key}:`")),
        };
        self.push(
            Diagnostic::new(
                ErrorKind::Field,
                Location::at(self.path, line),
                format!("missing required field `{key}`"),
            )
            .help(help),
        );
    }

    fn date(
        &mut self,
        map: &Mapping,
        scope: &Scope,
        key: &str,
        required: bool,
    ) -> Option<Spanned<NaiveDate>> {
        let text = if required {
            self.required_text(map, scope, key)
        } else {
            self.text(map, scope, key)
        }?;
        match parse_date(&text.value) {
            Some(date) => Some(Spanned {
                value: date,
                line: text.line,
            }),
            None => {
                self.error_help(
                    scope,
                    key,
                    format!("`{key}` is not a valid date: `{}`", text.value),
                    crate::base::dates::date_help(&text.value, "2024-02-06"),
                );
                None
            }
        }
    }

    /// A yes-or-no field. Only `true` and `false` are accepted, and an empty value is an
    /// error: a misread `draft:` would publish the wrong thing. `misread` is the value
    /// taken when the field is wrong, so that a draft stays out even if the error were
    /// ignored (errors stop a build).
    fn flag(&mut self, map: &Mapping, scope: &Scope, key: &str, misread: bool) -> bool {
        let written = match map.get(key) {
            None => return false,
            Some(Value::Bool(b)) => return *b,
            Some(Value::Null) => None,
            Some(other) => Some(scalar_text(other).unwrap_or_else(|| "a list or map".into())),
        };
        let message = match written.as_deref().map(str::trim) {
            None | Some("") => format!("`{key}` is empty"),
            Some(w) => format!("`{key}` must be true or false, not `{w}`"),
        };
        self.error_help(
            scope,
            key,
            message,
            format!("write `{key}: true` or `{key}: false`, or remove the line"),
        );
        misread
    }

    /// A moment such as `publish_from:`. An empty value is an error rather than no
    /// embargo: a clerk who wrote the field meant to hold the paper back. A wrong value
    /// embargoes for ever (errors stop a build, but nothing may lift an embargo early).
    fn moment(&mut self, map: &Mapping, scope: &Scope, key: &str) -> Option<Spanned<Moment>> {
        let value = map.get(key)?;
        let line = self.line(scope, key);
        let never = Spanned {
            value: Moment::Fixed(chrono::DateTime::<chrono::Utc>::MAX_UTC.fixed_offset()),
            line,
        };
        if value.is_null() || scalar_text(value).is_some_and(|t| t.trim().is_empty()) {
            self.error_help(
                scope,
                key,
                format!("`{key}` is empty"),
                format!("write the moment it may be published, as {MOMENT_FORMS}, or remove the line to publish at once"),
            );
            return Some(never);
        }
        let Some(text) = scalar_text(value) else {
            self.error_help(
                scope,
                key,
                format!("`{key}` must be one date and time, not a list or map"),
                format!("write it as {MOMENT_FORMS}"),
            );
            return Some(never);
        };
        let text = Spanned {
            value: self
                .fm
                .lines
                .written_number(line)
                .unwrap_or(&text)
                .trim()
                .to_string(),
            line,
        };
        match Moment::parse(&text.value) {
            Some(value) => Some(Spanned {
                value,
                line: text.line,
            }),
            None => {
                self.error_help(
                    scope,
                    key,
                    format!("`{key}` is not a valid date and time: `{}`", text.value),
                    format!("write it as {MOMENT_FORMS}"),
                );
                Some(never)
            }
        }
    }

    /// A list of text, also accepting a single value for a one-entry list.
    fn list(&mut self, map: &Mapping, scope: &Scope, key: &str) -> Vec<String> {
        self.spanned_list(map, scope, key)
            .into_iter()
            .map(|s| s.value)
            .collect()
    }

    /// As [`Reader::list`], with each entry's line (of a top-level list; the field's
    /// line otherwise).
    fn spanned_list(&mut self, map: &Mapping, scope: &Scope, key: &str) -> Vec<Spanned<String>> {
        let Some(value) = map.get(key) else {
            return Vec::new();
        };
        let items: Vec<&Value> = match value {
            Value::Null => return Vec::new(),
            Value::Sequence(seq) => seq.iter().collect(),
            other => vec![other],
        };
        let listed = matches!(value, Value::Sequence(_)) && matches!(scope, Scope::Top);
        let mut out = Vec::new();
        for (index, item) in items.into_iter().enumerate() {
            match scalar_text(item) {
                Some(text) if !text.trim().is_empty() => out.push(Spanned {
                    value: text.trim().to_string(),
                    line: if listed {
                        self.fm.lines.item(key, index)
                    } else {
                        self.line(scope, key)
                    },
                }),
                Some(_) => {}
                None => self.error(scope, key, format!("every entry of `{key}` must be text")),
            }
        }
        out
    }

    fn entries(&mut self, map: &Mapping, key: &'static str) -> Vec<(Scope, Mapping)> {
        let Some(value) = map.get(key) else {
            return Vec::new();
        };
        let seq = match value {
            Value::Null => return Vec::new(),
            Value::Sequence(seq) => seq,
            _ => {
                self.error(
                    &Scope::Top,
                    key,
                    format!("`{key}` must be a list of entries, each starting with `- `"),
                );
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for (index, entry) in seq.iter().enumerate() {
            let scope = Scope::Entry { list: key, index };
            match entry {
                Value::Mapping(m) => out.push((scope, m.clone())),
                _ => {
                    let line = self.fm.lines.item(key, index);
                    self.push(Diagnostic::new(
                        ErrorKind::Field,
                        Location::at(self.path, line),
                        format!(
                            "entry {} of `{key}` must be fields such as `item:` and `title:`",
                            index + 1
                        ),
                    ));
                }
            }
        }
        out
    }

    fn agenda(&mut self, map: &Mapping) -> Vec<AgendaSource> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (scope, entry) in self.entries(map, "agenda") {
            self.check_keys(&entry, &scope, AGENDA_FIELDS, "an agenda entry");
            let item = self.required_text(&entry, &scope, "item");
            let title = self.required_text(&entry, &scope, "title");
            let section = self.text(&entry, &scope, "section").map(|s| s.value);
            if let Some(it) = &item
                && !seen.insert(crate::base::item::normalise(&it.value))
            {
                let message = format!("item `{}` appears twice in the agenda", it.value);
                self.error_help(
                    &scope,
                    "item",
                    message,
                    "give each agenda entry its own item number".into(),
                );
            }
            if let (Some(item), Some(title)) = (item, title) {
                out.push(AgendaSource {
                    item,
                    title: title.value,
                    section,
                });
            }
        }
        out
    }

    /// Each entry is a file name, or `file:` with an optional `title:`. The files are
    /// read later, once the paper's folder is known.
    fn attachments(&mut self, map: &Mapping) -> Vec<AttachmentSource> {
        let key = "attachments";
        let Some(Value::Sequence(seq)) = map.get(key) else {
            if map.get(key).is_some_and(|v| !v.is_null()) {
                self.error(&Scope::Top, key, format!("`{key}` must be a list of files"));
            }
            return Vec::new();
        };
        let mut out = Vec::new();
        for (index, entry) in seq.iter().enumerate() {
            let scope = Scope::Entry { list: key, index };
            let (file, title) = match entry {
                Value::Mapping(m) => {
                    self.check_keys(m, &scope, ATTACHMENT_FIELDS, "an attachment");
                    let file = self.required_text(m, &scope, "file");
                    (file, self.text(m, &scope, "title").map(|t| t.value))
                }
                other => {
                    let line = self.fm.lines.item(key, index);
                    let file = scalar_text(other).map(|value| Spanned {
                        value: value.trim().to_string(),
                        line,
                    });
                    (file, None)
                }
            };
            if let Some(file) = file.filter(|f| !f.value.is_empty()) {
                out.push(AttachmentSource {
                    file,
                    title,
                    name: String::new(),
                    bytes: Default::default(),
                });
            }
        }
        out
    }

    fn decisions(&mut self, map: &Mapping) -> Vec<DecisionSource> {
        let mut out = Vec::new();
        for (scope, entry) in self.entries(map, "decisions") {
            self.check_keys(&entry, &scope, DECISION_FIELDS, "a decision");
            let line = match &scope {
                Scope::Entry { index, .. } => self.fm.lines.item("decisions", *index),
                _ => 1,
            };
            let text = self.required_text(&entry, &scope, "text");
            let decision = DecisionSource {
                reference: self.text(&entry, &scope, "ref"),
                text: text.map(|t| t.value).unwrap_or_default(),
                item: self.text(&entry, &scope, "item"),
                date: self.date(&entry, &scope, "date", false).map(|d| d.value),
                by: self.text(&entry, &scope, "by").map(|s| s.value),
                line,
                vote: self.vote(&entry, &scope),
                reasons: self.list(&entry, &scope, "reasons"),
                alternatives: self.list(&entry, &scope, "alternatives"),
                conflicts: self.list(&entry, &scope, "conflicts"),
                key_decision: self.flag(&entry, &scope, "key_decision", false),
                call_in: self.call_in(&entry, &scope),
                effective: self
                    .date(&entry, &scope, "effective", false)
                    .map(|d| d.value),
            };
            out.push(decision);
        }
        out
    }

    fn attendance(&mut self, map: &Mapping) -> AttendanceSource {
        let Some(value) = map.get("attendance") else {
            return AttendanceSource::default();
        };
        let Value::Mapping(m) = value else {
            if !value.is_null() {
                self.error_help(
                    &Scope::Top,
                    "attendance",
                    "`attendance` must have `present:`, `apologies:` and `in_attendance:` lists"
                        .into(),
                    "write `attendance:`, then on the lines below it, indented, `present:` and a list of names".into(),
                );
            }
            return AttendanceSource::default();
        };
        let scope = Scope::Under("attendance");
        self.check_keys(m, &scope, ATTENDANCE_FIELDS, "attendance");
        AttendanceSource {
            present: self.attendees(m, &scope, "present"),
            apologies: self.attendees(m, &scope, "apologies"),
            in_attendance: self.attendees(m, &scope, "in_attendance"),
        }
    }

    /// The entries of one attendance list: each a name, or a map of `name:` and the
    /// rest; every entry keeps its own line.
    fn attendees(&mut self, map: &Mapping, scope: &Scope, key: &str) -> Vec<AttendeeSource> {
        let items: Vec<&Value> = match map.get(key) {
            None | Some(Value::Null) => return Vec::new(),
            Some(Value::Sequence(seq)) => seq.iter().collect(),
            Some(other) => vec![other],
        };
        let list = self.node(scope, key);
        let nodes = self.fm.lines.items(&list);
        let mut out = Vec::new();
        for (index, item) in items.into_iter().enumerate() {
            let node = nodes.get(index).copied().unwrap_or(list);
            let label = format!("entry {} of `attendance.{key}`", index + 1);
            let entry = Scope::Node { node, label };
            if let Some(a) = self.attendee(item, &entry) {
                out.push(a);
            }
        }
        out
    }

    fn attendee(&mut self, item: &Value, scope: &Scope) -> Option<AttendeeSource> {
        let Scope::Node { node, .. } = scope else {
            return None;
        };
        let Value::Mapping(m) = item else {
            return match scalar_text(item) {
                Some(name) if !name.trim().is_empty() => Some(AttendeeSource {
                    name: Spanned {
                        value: name.trim().to_string(),
                        line: node.line,
                    },
                    substitute_for: None,
                    remote: false,
                    note: None,
                }),
                Some(_) => None,
                None => {
                    self.error_help(
                        scope,
                        "",
                        "an attendance entry must be a name, or fields such as `name:` and `substitute_for:`".into(),
                        "write the name as it stands in the minutes, e.g. `- Cllr P Feacey (Chair)`".into(),
                    );
                    None
                }
            };
        };
        self.check_keys(m, scope, ATTENDEE_FIELDS, "an attendance entry");
        let name = self.required_text(m, scope, "name")?;
        Some(AttendeeSource {
            name,
            substitute_for: self.text(m, scope, "substitute_for"),
            remote: self.flag(m, scope, "virtual", false),
            note: self.text(m, scope, "note").map(|n| n.value),
        })
    }

    fn declarations(&mut self, map: &Mapping) -> Vec<DeclarationSource> {
        let mut out = Vec::new();
        for (scope, entry) in self.entries(map, "declarations") {
            self.check_keys(&entry, &scope, DECLARATION_FIELDS, "a declaration");
            let line = match &scope {
                Scope::Entry { index, .. } => self.fm.lines.item("declarations", *index),
                _ => 1,
            };
            let name = self.required_text(&entry, &scope, "name");
            let kind = self
                .text(&entry, &scope, "kind")
                .map_or(InterestKind::Other, |k| {
                    let wanted = k.value.to_lowercase().replace([' ', '_'], "-");
                    match InterestKind::ALL.iter().find(|(n, _)| *n == wanted) {
                        Some((_, kind)) => *kind,
                        None => {
                            let names: Vec<&str> =
                                InterestKind::ALL.iter().map(|(n, _)| *n).collect();
                            self.error_help(
                                &scope,
                                "kind",
                                format!("unknown kind of interest `{}`", k.value),
                                format!("use one of: {}", names.join(", ")),
                            );
                            InterestKind::Other
                        }
                    }
                });
            let declaration = DeclarationSource {
                item: self.text(&entry, &scope, "item"),
                interest: self
                    .text(&entry, &scope, "interest")
                    .map(|i| i.value)
                    .unwrap_or_default(),
                kind,
                withdrew: self.flag(&entry, &scope, "withdrew", false),
                line,
                name: name.unwrap_or(Spanned {
                    value: String::new(),
                    line,
                }),
            };
            out.push(declaration);
        }
        out
    }

    fn memberships(&mut self, map: &Mapping) -> Vec<MembershipSource> {
        let mut out = Vec::new();
        for (scope, entry) in self.entries(map, "memberships") {
            self.check_keys(&entry, &scope, MEMBERSHIP_FIELDS, "a membership");
            let body = self.required_text(&entry, &scope, "body");
            let from = self.date(&entry, &scope, "from", false);
            let to = self.date(&entry, &scope, "to", false);
            if let (Some(f), Some(t)) = (&from, &to)
                && f.value > t.value
            {
                self.error_help(
                    &scope,
                    "to",
                    format!(
                        "the membership ends (`to: {}`) before it starts (`from: {}`)",
                        t.value, f.value
                    ),
                    "check the dates: `from` is the first day of the seat, `to` the last".into(),
                );
            }
            let voting = !entry.contains_key("voting") || self.flag(&entry, &scope, "voting", true);
            let Some(body) = body else { continue };
            out.push(MembershipSource {
                body,
                role: self
                    .text(&entry, &scope, "role")
                    .map_or_else(|| "Member".to_string(), |r| r.value),
                on_behalf_of: self.text(&entry, &scope, "on_behalf_of").map(|o| o.value),
                from: from.map(|f| f.value),
                to: to.map(|t| t.value),
                voting,
            });
        }
        out
    }

    /// A decision's `vote:`: `for`, `against` and `abstain`, each a number or a list of
    /// names, and an optional `result`.
    fn vote(&mut self, map: &Mapping, scope: &Scope) -> Option<VoteSource> {
        let value = map.get("vote")?;
        let node = self.node(scope, "vote");
        let Value::Mapping(m) = value else {
            if !value.is_null() {
                self.error_help(
                    scope,
                    "vote",
                    "`vote` must have `for:`, `against:` and `abstain:`".into(),
                    "write `vote:`, then on the lines below it, indented, `for: 7` and `against: 2` (numbers, or lists of names)".into(),
                );
            }
            return None;
        };
        let label = "the `vote:`".to_string();
        let inner = Scope::Node { node, label };
        self.check_keys(m, &inner, VOTE_FIELDS, "a vote");
        let result = self.text(m, &inner, "result").and_then(|r| {
            let wanted = r.value.to_lowercase();
            match VoteResult::ALL.iter().find(|(n, _)| *n == wanted) {
                Some((_, result)) => Some(Spanned {
                    value: *result,
                    line: r.line,
                }),
                None => {
                    self.error_help(
                        &inner,
                        "result",
                        format!("unknown result `{}`", r.value),
                        "use one of: carried, lost, tied".into(),
                    );
                    None
                }
            }
        });
        Some(VoteSource {
            for_: self.tally(m, &inner, "for"),
            against: self.tally(m, &inner, "against"),
            abstain: self.tally(m, &inner, "abstain"),
            result,
            line: node.line,
        })
    }

    /// One side of a vote: a whole number, or a list of names (one name alone is a
    /// list of one).
    fn tally(&mut self, map: &Mapping, scope: &Scope, key: &str) -> TallySource {
        let Some(value) = map.get(key) else {
            return TallySource::default();
        };
        if let Some(count) = value.as_u64() {
            return TallySource {
                count: usize::try_from(count).unwrap_or(usize::MAX),
                names: Vec::new(),
            };
        }
        let bad = |r: &mut Self, written: String| {
            r.error_help(
                scope,
                key,
                format!("`{key}` must be a number of votes or a list of names, not `{written}`"),
                format!("write `{key}: 5`, or `{key}:` then the names, one `- ` line each"),
            );
            TallySource::default()
        };
        let items: Vec<&Value> = match value {
            Value::Null => return TallySource::default(),
            Value::Number(n) => return bad(self, n.to_string()),
            Value::Sequence(seq) => seq.iter().collect(),
            Value::String(s) if s.trim().parse::<u64>().is_ok() => {
                let count = s.trim().parse::<u64>().unwrap_or_default();
                return TallySource {
                    count: usize::try_from(count).unwrap_or(usize::MAX),
                    names: Vec::new(),
                };
            }
            other => vec![other],
        };
        let list = self.node(scope, key);
        let nodes = self.fm.lines.items(&list);
        let mut names = Vec::new();
        for (index, item) in items.into_iter().enumerate() {
            let line = nodes.get(index).map_or(list.line, |n| n.line);
            match scalar_text(item) {
                Some(name) if !name.trim().is_empty() => names.push(Spanned {
                    value: name.trim().to_string(),
                    line,
                }),
                Some(_) => {}
                None => {
                    return bad(self, "a list of maps".into());
                }
            }
        }
        TallySource {
            count: names.len(),
            names,
        }
    }

    fn call_in(&mut self, map: &Mapping, scope: &Scope) -> Option<CallIn> {
        let value = map.get("call_in")?;
        let Value::Mapping(m) = value else {
            if !value.is_null() {
                self.error_help(
                    scope,
                    "call_in",
                    "`call_in` must have `until:`, and `called_in:` and `outcome:` if it was"
                        .into(),
                    "write `call_in:`, then on the line below it, indented, `until: 2024-07-12`"
                        .into(),
                );
            }
            return None;
        };
        let node = self.node(scope, "call_in");
        let inner = Scope::Node {
            node,
            label: "the `call_in:`".into(),
        };
        self.check_keys(m, &inner, CALL_IN_FIELDS, "a call-in");
        Some(CallIn {
            until: self.date(m, &inner, "until", false).map(|d| d.value),
            called_in: self.flag(m, &inner, "called_in", false),
            outcome: self.text(m, &inner, "outcome").map(|o| o.value),
        })
    }

    /// Any value but `false` withholds the paper, an empty `exempt:` too: a clerk who
    /// wrote `exempt:` at all meant to withhold it, and publishing by mistake cannot be
    /// undone. A word that reads as "no" (`exempt: no`, `"false"`) is an error rather than
    /// a guess either way; the paper stays withheld.
    fn exempt(&mut self, map: &Mapping) -> Option<String> {
        const DEFAULT: &str = "Exempt information";
        let value = map.get("exempt")?;
        if value.as_bool() == Some(false) {
            return None;
        }
        let written = scalar_text(value).filter(|_| value.as_bool().is_none());
        let reason = written.as_deref().map(str::trim).unwrap_or("");
        match reason.to_lowercase().as_str() {
            "" | "yes" | "y" | "true" | "on" => Some(DEFAULT.to_string()),
            "no" | "n" | "false" | "off" | "0" | "none" | "null" => {
                self.error_help(
                    &Scope::Top,
                    "exempt",
                    format!("`exempt` is `{reason}`, which does not say whether the paper is withheld"),
                    "write `exempt: false` to publish the paper, or give the reason it is withheld, e.g. `exempt: \"Paragraph 3 of Schedule 12A\"`".to_string(),
                );
                Some(DEFAULT.to_string())
            }
            _ => Some(reason.to_string()),
        }
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => scalar_text(&t.value),
        _ => None,
    }
}

/// The known name nearest to a misspelt one, if any is close.
fn closest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (strsim::osa_distance(word, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_field_names() {
        assert_eq!(closest("exmpt", PAPER_FIELDS), Some("exempt"));
        assert_eq!(
            closest("recomendations", PAPER_FIELDS),
            Some("recommendations")
        );
        assert_eq!(closest("zzzz", PAPER_FIELDS), None);
        assert_eq!(closest("titel", AGENDA_FIELDS), Some("title"));
    }
}
