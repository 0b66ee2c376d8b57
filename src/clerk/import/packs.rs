//! Importing a whole agenda pack: its meeting from the front sheet, each paper on its
//! agenda item, and the meeting its minutes record.

use std::ops::Range;
use std::path::Path;

use chrono::NaiveDate;

use super::Src;
use super::pack::{self, Cut, Pack, PaperKey};
use super::{Converted, Job, Note, NoteKind, convert, lines, meeting};
use crate::base::error::{Diagnostic, ErrorKind, Errors, Location};

/// One paper cut from the pack, converted.
struct Cutting {
    first_line: usize,
    converted: Converted,
    /// Minutes of another body (a board's, filed for information): not the record of a
    /// meeting of this site.
    foreign: bool,
    /// Notes of several meetings taken as one paper: the agenda's title names them all.
    merged: bool,
}

impl Job<'_> {
    pub(super) fn pack(
        &mut self,
        source: &Path,
        src: &[Src],
        pack: &Pack,
        meeting: Option<&str>,
    ) -> Result<(), Errors> {
        let front = pack.front.clone().unwrap_or_default();
        let id = match (meeting, front.date) {
            (Some(id), _) => id.to_string(),
            (None, Some(d)) => crate::base::dates::iso(d),
            (None, None) => return Err(Errors::one(undated(source))),
        };
        let m = self.locate(&id)?;
        let committee = front.committee.as_deref();
        let recorded: Vec<(NaiveDate, String)> = pack
            .papers
            .iter()
            .filter_map(|(r, _)| minutes_of(&src[r.clone()], committee).ok().flatten())
            .map(|d| (d, crate::base::dates::iso(d)))
            .collect();
        let ctx = self.context(m, source, &recorded);
        let mut cuttings: Vec<Cutting> = notes_together(src, pack, committee)
            .into_iter()
            .map(|(range, foreign, merged)| {
                let lines = &src[range];
                let mut converted = convert::convert_lines(lines, &ctx);
                if foreign {
                    demote(&mut converted, lines.first().map_or(1, |l| l.0));
                }
                Cutting {
                    first_line: lines.first().map_or(1, |l| l.0),
                    converted,
                    foreign,
                    merged,
                }
            })
            .collect();
        let matched = place(&mut cuttings, &front.agenda);
        for c in &cuttings {
            if let (Some(minuted), false) = (&c.converted.minuted, c.foreign)
                && let Some(d) = minuted.date
                && d != self.meetings[m].date
            {
                let r = self.locate(&crate::base::dates::iso(d))?;
                self.declare(r, &meeting::from_minutes(minuted, d));
            }
        }
        for c in cuttings {
            self.paper(source, m, c.converted);
        }
        let taken = &self.meetings[m].items;
        let unpapered: Vec<&pack::AgendaItem> = front
            .agenda
            .iter()
            .enumerate()
            .filter(|(a, item)| {
                !matched.contains(a)
                    && !taken
                        .iter()
                        .any(|(t, _, _)| crate::base::item::same(t, &item.item))
            })
            .map(|(_, item)| item)
            .collect();
        let date = self.meetings[m].date;
        let file = meeting::from_front(&front, date, &unpapered);
        self.declare(m, &file);
        let body = self.meetings[m].body.clone();
        self.members(&front.members, &body, date);
        Ok(())
    }
}

/// The papers' ranges, with a body's notes or minutes of several meetings in a row
/// taken as one paper (they sit under one agenda item), each marked if it is minutes
/// of a body other than the pack's committee, and if it was so merged.
fn notes_together(
    src: &[Src],
    pack: &Pack,
    committee: Option<&str>,
) -> Vec<(Range<usize>, bool, bool)> {
    // (range, foreign, notes, merged)
    let mut out: Vec<(Range<usize>, bool, bool, bool)> = Vec::new();
    for (range, cut) in &pack.papers {
        let foreign = *cut == Cut::Minutes && minutes_of(&src[range.clone()], committee).is_err();
        let notes = foreign || *cut == Cut::Notes;
        match out.last_mut() {
            Some((last, _, true, merged)) if notes && last.end == range.start => {
                last.end = range.end;
                *merged = true;
            }
            _ => out.push((range.clone(), foreign, notes, false)),
        }
    }
    out.into_iter()
        .map(|(r, foreign, _, merged)| (r, foreign, merged))
        .collect()
}

/// Sets each paper's `item` and `section` from the agenda; returns the agenda items
/// papers took.
fn place(cuttings: &mut [Cutting], agenda: &[pack::AgendaItem]) -> Vec<usize> {
    let keys: Vec<PaperKey> = cuttings
        .iter()
        .map(|c| PaperKey {
            title: c.converted.front.title.clone(),
            minutes_of: c.converted.minuted.as_ref().and_then(|m| m.date),
            reference: c
                .converted
                .front
                .decisions
                .iter()
                .find_map(|d| d.reference.clone()),
        })
        .collect();
    let mut taken = Vec::new();
    for (c, found) in cuttings.iter_mut().zip(pack::match_items(&keys, agenda)) {
        let Some((a, by_order)) = found else {
            continue;
        };
        let item = &agenda[a];
        let front = &mut c.converted.front;
        if by_order {
            c.converted.notes.push(Note {
                line: Some(c.first_line),
                kind: NoteKind::Guess,
                text: format!(
                    "no agenda title matches \"{}\": item {} (\"{}\") taken by its place in the pack",
                    front.title, item.item, item.title
                ),
            });
        }
        if front.item.is_some()
            && !front
                .item
                .as_deref()
                .is_some_and(|i| crate::base::item::same(i, &item.item))
        {
            c.converted.notes.push(Note {
                line: Some(c.first_line),
                kind: NoteKind::Guess,
                text: format!(
                    "the paper says item {}, the agenda lists it as {}: the agenda's is used",
                    front.item.as_deref().unwrap_or(""),
                    item.item
                ),
            });
        }
        front.item = Some(item.item.clone());
        front.section = item.section.clone();
        if c.merged {
            front.title = item.title.clone();
        }
        c.converted
            .notes
            .retain(|n| !n.text.starts_with("no agenda item number"));
        taken.push(a);
    }
    taken
}

/// The date of the meeting a minutes paper records, if `lines` are minutes; an error
/// for minutes of a body other than the pack's committee.
fn minutes_of(lines: &[Src], committee: Option<&str>) -> Result<Option<NaiveDate>, ()> {
    let Some(line) = lines
        .iter()
        .map(|(_, l)| l.replace("**", ""))
        .find(|l| lines::minutes_date(l.trim()).is_some())
    else {
        return Ok(None);
    };
    if let Some(c) = committee
        && !pack::squash(&line).contains(&pack::squash(c))
    {
        return Err(());
    }
    Ok(lines::minutes_date(line.trim()).flatten())
}

/// Minutes of another body are filed as notes: their decisions are not this site's.
fn demote(converted: &mut Converted, line: usize) {
    let front = &mut converted.front;
    front.kind = Some("notes");
    front.minutes_of = None;
    front.decisions.clear();
    front.declarations.clear();
    converted.minuted = None;
    converted.notes.retain(|n| {
        !n.text.starts_with("the minutes record a meeting")
            && !n.text.starts_with("declaration of interest by")
    });
    converted.notes.push(Note {
        line: Some(line),
        kind: NoteKind::Guess,
        text: "minutes of a body other than the pack's committee: imported as notes, their resolutions left in the text".into(),
    });
}

fn undated(source: &Path) -> Diagnostic {
    Diagnostic::new(
        ErrorKind::Field,
        Location::file(source),
        "the agenda pack does not say the date of its meeting",
    )
    .help("name the meeting with --meeting ID (or its date, YYYY-MM-DD)")
}
