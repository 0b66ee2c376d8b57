//! `_meeting.md` files an import writes: the pack's own meeting, from its front sheet,
//! and the meeting its minutes record, from their attendance and minute headings. A
//! meeting that already has one is never rewritten: what the import found is listed
//! for the clerk instead.

use chrono::NaiveDate;
use serde::Serialize;

use super::blocks::{self, Block, Table};
use super::lines;
use super::pack::{AgendaItem, FrontSheet};
use super::{Minuted, Note, NoteKind};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub(super) struct AgendaOut {
    pub item: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub(super) struct AttendanceOut {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub present: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub apologies: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub in_attendance: Vec<String>,
}

impl AttendanceOut {
    fn is_empty(&self) -> bool {
        self.present.is_empty() && self.apologies.is_empty() && self.in_attendance.is_empty()
    }
}

/// The front matter of a `_meeting.md`, in the order clerks read it.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub(super) struct MeetingFront {
    pub date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
    #[serde(skip_serializing_if = "AttendanceOut::is_empty")]
    pub attendance: AttendanceOut,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub agenda: Vec<AgendaOut>,
}

/// A meeting file to write, or to report as a to-do list where one exists.
#[derive(Debug, Clone)]
pub(super) struct MeetingFile {
    pub front: MeetingFront,
    pub body: String,
}

impl MeetingFile {
    pub(super) fn text(&self) -> String {
        let yaml = serde_yaml::to_string(&self.front).expect("front matter serialises");
        format!("---\n{yaml}---\n{}", self.body)
    }

    /// What the clerk should copy into the meeting's existing file by hand.
    pub(super) fn to_do(&self, file: &str) -> Vec<Note> {
        let mut notes = Vec::new();
        let mut add = |text: String| {
            notes.push(Note {
                line: None,
                kind: NoteKind::Missing,
                text,
            })
        };
        let f = &self.front;
        if let Some(t) = &f.time {
            add(format!("{file} exists: check its `time:` is {t}"));
        }
        if let Some(v) = &f.venue {
            add(format!("{file} exists: check its `venue:` is {v}"));
        }
        for (label, names) in [
            ("present", &f.attendance.present),
            ("apologies", &f.attendance.apologies),
            ("in_attendance", &f.attendance.in_attendance),
        ] {
            if !names.is_empty() {
                add(format!(
                    "{file} exists: add to `attendance:` `{label}: [{}]`",
                    names.join(", ")
                ));
            }
        }
        for a in &f.agenda {
            let section = a
                .section
                .as_deref()
                .map_or(String::new(), |s| format!(", section: {s}"));
            add(format!(
                "{file} exists: add to `agenda:` item {}: {}{section}",
                a.item, a.title
            ));
        }
        notes
    }
}

/// The pack's meeting: when and where from the notice, the items no paper of the pack
/// holds, and the notice and membership as its text.
pub(super) fn from_front(
    front: &FrontSheet,
    date: NaiveDate,
    unpapered: &[&AgendaItem],
) -> MeetingFile {
    let agenda = unpapered
        .iter()
        .map(|a| AgendaOut {
            item: a.item.clone(),
            title: a.title.clone(),
            section: a.section.clone(),
        })
        .collect();
    let mut parts: Vec<Block> = front
        .notice
        .iter()
        .map(|p| Block::Para(p.replace('<', "&lt;")))
        .collect();
    if !front.members.is_empty() {
        parts.push(Block::Heading("Membership".into()));
        let rows = front
            .members
            .iter()
            .map(|(_, r)| r.iter().map(|c| c.replace('<', "&lt;")).collect())
            .collect();
        parts.push(Block::Table(Table {
            rows,
            header: false,
            caption: None,
        }));
    }
    MeetingFile {
        front: MeetingFront {
            date: crate::base::dates::iso(date),
            time: front.time.clone(),
            venue: front.venue.clone(),
            status: Some("scheduled"),
            agenda,
            ..MeetingFront::default()
        },
        body: blocks::to_markdown(&parts),
    }
}

/// The meeting minutes record: held, who came, and its items as the minutes head them.
pub(super) fn from_minutes(minuted: &Minuted, date: NaiveDate) -> MeetingFile {
    let mut attendance = AttendanceOut::default();
    for (label, names) in &minuted.attendance {
        let list = match lines::attendance_label(label) {
            Some("present") => &mut attendance.present,
            Some("apologies") => &mut attendance.apologies,
            _ => &mut attendance.in_attendance,
        };
        list.extend(lines::names(names));
    }
    let mut agenda: Vec<AgendaOut> = Vec::new();
    for (item, title) in &minuted.items {
        if !agenda
            .iter()
            .any(|a| crate::base::item::same(&a.item, item))
        {
            agenda.push(AgendaOut {
                item: item.clone(),
                title: title.clone(),
                section: None,
            });
        }
    }
    MeetingFile {
        front: MeetingFront {
            date: crate::base::dates::iso(date),
            status: Some("held"),
            attendance,
            agenda,
            ..MeetingFront::default()
        },
        body: String::new(),
    }
}
