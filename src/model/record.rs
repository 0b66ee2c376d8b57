//! People and the formal record, once meetings, papers and decisions are linked: each
//! person and membership, every name in the record matched, each meeting's roll and
//! declarations, each decision's vote and record, and each person's statistics.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::names::{self, Found, Index};
use super::people::{
    Attendee, BodyRecord, DecisionRecord, Declaration, DeclarationRef, MeetingAttendance,
    Membership, NameRef, Person, PersonIdx, Presence, RollEntry, Tally, Vote, VoteCast, VoteSide,
};
use super::{Attachment, DecisionIdx, MeetingIdx, Site};
use crate::base::error::{Code, Diagnostic, ErrorKind, Location};
use crate::base::item;
use crate::base::vocab::{Status, VoteResult};
use crate::load::{
    AttendanceSource, AttendeeSource, DecisionSource, DeclarationSource, PaperSource, PersonSource,
    Spanned, TallySource, VoteSource,
};

/// What a meeting's own file records, kept from loading for this stage.
pub(super) struct MeetingRecord {
    pub file: PathBuf,
    pub attendance: AttendanceSource,
    pub declarations: Vec<DeclarationSource>,
}

/// The record as loaded: the people, each meeting's own record (by meeting), and for
/// each decision the paper and entry it came from.
pub(super) struct Input<'a> {
    /// No warnings about names: some people's files failed to load.
    pub quiet: bool,
    pub people: Option<Vec<PersonSource>>,
    pub meetings: Vec<Option<MeetingRecord>>,
    pub papers: &'a [PaperSource],
    pub origins: Vec<(usize, usize)>,
}

/// Fills the site's people, memberships and record; errors for what cannot stand
/// (a membership of an unknown body), warnings for names that match no one or many.
pub(super) fn attach(site: &mut Site, input: Input, problems: &mut Vec<Diagnostic>) {
    let Input {
        quiet,
        people,
        meetings,
        papers,
        origins,
    } = input;
    site.has_people = people.is_some();
    if let Some(people) = people {
        add_people(site, people, problems);
    }
    let mut m = Matcher::new(site, quiet);
    let mut attendance = Vec::with_capacity(meetings.len());
    for (idx, record) in meetings.iter().enumerate() {
        let Some(record) = record else {
            attendance.push(MeetingAttendance::default());
            continue;
        };
        attendance.push(m.attendance(idx, &record.file, &record.attendance));
    }
    let declarations: Vec<Vec<Declaration>> = (0..site.meetings.len())
        .map(|idx| m.declarations(idx, meetings[idx].as_ref(), papers))
        .collect();
    let votes: Vec<(Option<Vote>, DecisionRecord)> = origins
        .iter()
        .enumerate()
        .map(|(d, &(p, n))| m.decision(d, &papers[p].file, &papers[p].decisions[n]))
        .collect();
    problems.append(&mut m.problems);
    for (meeting, (a, d)) in site
        .meetings
        .iter_mut()
        .zip(attendance.into_iter().zip(declarations))
    {
        meeting.attendance = a;
        meeting.declarations = d;
    }
    for (decision, (vote, record)) in site.decisions.iter_mut().zip(votes) {
        decision.vote = vote;
        decision.record = record;
    }
    if site.has_people {
        rolls(site);
        person_records(site);
    }
}

/// The body a membership names: as the site knows it, ignoring case and spacing.
fn body_of(site: &Site, written: &str) -> Option<usize> {
    let plain = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let wanted = plain(written);
    site.bodies.iter().position(|b| plain(&b.name) == wanted)
}

fn add_people(site: &mut Site, mut people: Vec<PersonSource>, problems: &mut Vec<Diagnostic>) {
    people.sort_by(|a, b| a.id.cmp(&b.id));
    let mut memberships = Vec::new();
    for (idx, src) in people.iter().enumerate() {
        for m in &src.memberships {
            let Some(body) = body_of(site, &m.body.value) else {
                problems.push(unknown_body(site, &src.file, &m.body));
                continue;
            };
            memberships.push(Membership {
                person: idx,
                body,
                role: m.role.clone(),
                on_behalf_of: m.on_behalf_of.clone(),
                from: m.from,
                to: m.to,
                voting: m.voting,
            });
        }
    }
    memberships.sort_by_key(|m: &Membership| (m.person, m.from, m.to));
    let mut of_person: Vec<Vec<usize>> = vec![Vec::new(); people.len()];
    for (k, m) in memberships.iter().enumerate() {
        of_person[m.person].push(k);
    }
    site.people = people
        .into_iter()
        .zip(of_person)
        .map(|(src, memberships)| Person {
            // The page address; `urls::PEOPLE_PAGE` names the same folder.
            path: format!("people/{}", src.id),
            id: src.id,
            file: src.file,
            image: src.image.map(|i| Attachment {
                name: i.name,
                title: src.name.clone(),
                bytes: i.bytes,
            }),
            name: src.name,
            aliases: src.aliases.into_iter().map(|a| a.value).collect(),
            party: src.party,
            memberships,
            text: src.text,
            record: Vec::new(),
            declarations: Vec::new(),
            votes: Vec::new(),
        })
        .collect();
    site.memberships = memberships;
}

fn unknown_body(site: &Site, file: &Path, body: &Spanned<String>) -> Diagnostic {
    let names: Vec<&str> = site.bodies.iter().map(|b| b.name.as_str()).collect();
    let near = names
        .iter()
        .min_by_key(|n| strsim::osa_distance(&n.to_lowercase(), &body.value.to_lowercase()));
    let help = match near {
        Some(near) => format!(
            "did you mean `{near}`? The bodies are named as meetings name them (`body:` in _meeting.md, or the site's default_body): {}",
            names.join(", ")
        ),
        None => "name a body as meetings name it".to_string(),
    };
    Diagnostic::new(
        ErrorKind::Reference,
        Location::at(file, body.line),
        format!("membership of an unknown body `{}`", body.value),
    )
    .help(help)
}

/// Matches names against the people, with the warnings for those it cannot.
struct Matcher<'s> {
    site: &'s Site,
    index: Index,
    problems: Vec<Diagnostic>,
    /// Names are matched but never warned about.
    quiet: bool,
}

impl<'s> Matcher<'s> {
    fn new(site: &'s Site, quiet: bool) -> Self {
        let index = Index::new(site.people.iter().enumerate().map(|(i, p)| {
            let mut forms = vec![p.name.as_str()];
            forms.extend(p.aliases.iter().map(String::as_str));
            (i, forms)
        }));
        Matcher {
            site,
            index,
            problems: Vec::new(),
            quiet,
        }
    }

    /// Whether `person` held a seat on the meeting's body on its date.
    fn member(&self, person: PersonIdx, meeting: MeetingIdx) -> bool {
        let m = &self.site.meetings[meeting];
        self.site.people[person].memberships.iter().any(|&k| {
            let ms = &self.site.memberships[k];
            ms.body == m.body && ms.covers(m.date)
        })
    }

    /// A name matched for the record of `meeting`; warned about unless `quiet`.
    fn name(
        &mut self,
        written: &str,
        meeting: MeetingIdx,
        at: (&Path, usize),
        quiet: bool,
    ) -> NameRef {
        let mut name = NameRef {
            written: written.to_string(),
            person: None,
        };
        if !self.site.has_people {
            return name;
        }
        let quiet = quiet || self.quiet;
        match self.index.find(written, |p| self.member(p, meeting)) {
            Found::One(p) => name.person = Some(p),
            Found::Several(_) if quiet => {}
            Found::None if quiet => {}
            Found::Several(who) => self.problems.push(ambiguous(self.site, written, &who, at)),
            Found::None => {
                let near = self.index.nearest(written);
                self.problems.push(unknown(self.site, written, &near, at));
            }
        }
        name
    }

    fn attendance(
        &mut self,
        m: MeetingIdx,
        file: &Path,
        src: &AttendanceSource,
    ) -> MeetingAttendance {
        // A line copied whole from the minutes holds several names: one entry each.
        let mut list = |entries: &[AttendeeSource], quiet: bool| -> Vec<Attendee> {
            let mut out = Vec::new();
            for e in entries {
                // The fields of a map entry belong to one person.
                if e.substitute_for.is_some() || e.note.is_some() || e.remote {
                    out.push(self.attendee(m, file, e, quiet));
                    continue;
                }
                for name in names::split_names(&e.name.value) {
                    let one = AttendeeSource {
                        name: Spanned {
                            value: name,
                            line: e.name.line,
                        },
                        ..e.clone()
                    };
                    out.push(self.attendee(m, file, &one, quiet));
                }
            }
            out
        };
        MeetingAttendance {
            present: list(&src.present, false),
            apologies: list(&src.apologies, false),
            in_attendance: list(&src.in_attendance, true),
        }
    }

    fn attendee(
        &mut self,
        m: MeetingIdx,
        file: &Path,
        e: &AttendeeSource,
        quiet: bool,
    ) -> Attendee {
        let parsed = names::entry(&e.name.value);
        let at = (file, e.name.line);
        let substitute = e
            .substitute_for
            .as_ref()
            .map(|s| (s.value.clone(), s.line))
            .or_else(|| parsed.substitute_for.clone().map(|s| (s, e.name.line)));
        let substitute_for = substitute.map(|(s, line)| {
            let s = names::entry(&s).name;
            self.name(&s, m, (file, line), quiet)
        });
        let note = match (&e.note, parsed.note) {
            (Some(a), Some(b)) => Some(format!("{b}; {a}")),
            (a, b) => a.clone().or(b),
        };
        Attendee {
            name: self.name(&parsed.name, m, at, quiet),
            role: parsed.role,
            substitute_for,
            remote: e.remote || parsed.remote,
            note,
        }
    }

    /// The meeting's declarations: its own file's, then those of its public minutes.
    fn declarations(
        &mut self,
        m: MeetingIdx,
        own: Option<&MeetingRecord>,
        papers: &[PaperSource],
    ) -> Vec<Declaration> {
        let mut sources: Vec<(&Path, Option<usize>, &[DeclarationSource])> = Vec::new();
        if let Some(own) = own {
            sources.push((&own.file, None, &own.declarations));
        }
        for &p in &self.site.meetings[m].minutes {
            // Nothing recorded in an exempt paper is published, its declarations too.
            if self.site.papers[p].exempt.is_none() {
                sources.push((&papers[p].file, Some(p), &papers[p].declarations));
            }
        }
        let mut out = Vec::new();
        for (file, recorded_in, list) in sources {
            for d in list {
                out.push(self.declaration(m, file, recorded_in, d));
            }
        }
        out
    }

    fn declaration(
        &mut self,
        m: MeetingIdx,
        file: &Path,
        recorded_in: Option<usize>,
        d: &DeclarationSource,
    ) -> Declaration {
        let meeting = &self.site.meetings[m];
        let entry = d.item.as_ref().and_then(|it| {
            meeting
                .agenda
                .iter()
                .find(|e| e.item.as_deref().is_some_and(|x| item::same(x, &it.value)))
        });
        if let (Some(it), None) = (&d.item, entry) {
            self.problems.push(
                Diagnostic::new(
                    ErrorKind::Reference,
                    Location::at(file, it.line),
                    format!("the declaration is for item `{}`, which is not on the agenda of meeting `{}`", it.value, meeting.id),
                )
                .code(Code::DeclarationItemNotOnAgenda)
                .help("correct the item number; the declaration is shown under the meeting's declarations of interest meanwhile")
                .warning(),
            );
        }
        let item_anchor = entry.map(|e| e.anchor.clone());
        let parsed = names::entry(&d.name.value);
        Declaration {
            name: self.name(&parsed.name, m, (file, d.name.line), false),
            item: d.item.as_ref().map(|i| i.value.clone()),
            item_anchor,
            interest: d.interest.clone(),
            kind: d.kind,
            withdrew: d.withdrew,
            recorded_in,
        }
    }

    fn decision(
        &mut self,
        d: DecisionIdx,
        file: &Path,
        src: &DecisionSource,
    ) -> (Option<Vote>, DecisionRecord) {
        let meeting = self.site.decisions[d].meeting;
        let record = DecisionRecord {
            reasons: src.reasons.clone(),
            alternatives: src.alternatives.clone(),
            conflicts: src.conflicts.clone(),
            key_decision: src.key_decision,
            call_in: src.call_in.clone(),
            effective: src.effective,
        };
        let vote = src.vote.as_ref().map(|v| self.vote(meeting, file, v));
        (vote, record)
    }

    fn vote(&mut self, meeting: MeetingIdx, file: &Path, v: &VoteSource) -> Vote {
        let mut tally = |t: &TallySource| Tally {
            count: t.count,
            names: t
                .names
                .iter()
                .map(|n| {
                    let name = names::entry(&n.value).name;
                    self.name(&name, meeting, (file, n.line), false)
                })
                .collect(),
        };
        let vote = Vote {
            for_: tally(&v.for_),
            against: tally(&v.against),
            abstain: tally(&v.abstain),
            result: v.result.as_ref().map(|r| r.value),
        };
        if let Some(result) = &v.result
            && let Some(why) = contradiction(&vote, result.value)
        {
            self.problems.push(
                Diagnostic::new(
                    ErrorKind::Field,
                    Location::at(file, result.line),
                    format!("the vote is recorded as {why}"),
                )
                .code(Code::VoteResultContradicted)
                .help("check the counts and the result against the minutes (a tie carried on the chair's casting vote is `result: carried`)")
                .warning(),
            );
        }
        vote
    }
}

/// Why a result cannot follow from the counts, if it cannot. A tie may be carried or
/// lost on a casting vote.
fn contradiction(vote: &Vote, result: VoteResult) -> Option<String> {
    let (f, a) = (vote.for_.count, vote.against.count);
    let bad = match result {
        VoteResult::Carried => a > f,
        VoteResult::Lost => f > a,
        VoteResult::Tied => f != a,
    };
    let word = match result {
        VoteResult::Carried => "carried",
        VoteResult::Lost => "lost",
        VoteResult::Tied => "tied",
    };
    bad.then(|| format!("{word}, but {f} voted for and {a} against"))
}

/// People as a message names them: by name, with the file's id where two share a name,
/// and at most five.
fn display(site: &Site, who: &[PersonIdx]) -> String {
    const MOST: usize = 5;
    let name = |p: PersonIdx| site.people[p].name.as_str();
    let mut names: Vec<String> = who
        .iter()
        .take(MOST)
        .map(|&p| {
            let twin = who.iter().any(|&q| q != p && name(q) == name(p));
            if twin {
                format!("{} ({})", name(p), site.people[p].file.display())
            } else {
                name(p).to_string()
            }
        })
        .collect();
    if who.len() > MOST {
        names.push(format!("{} others", who.len() - MOST));
    }
    match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

fn ambiguous(
    site: &Site,
    written: &str,
    who: &[PersonIdx],
    (file, line): (&Path, usize),
) -> Diagnostic {
    Diagnostic::new(
        ErrorKind::Reference,
        Location::at(file, line),
        format!("`{written}` could be {}", display(site, who)),
    )
    .code(Code::AmbiguousPerson)
    .help(format!(
        "write the name in full, or add `{written}` to the `aliases:` of the one it means; it is shown as written meanwhile"
    ))
    .warning()
}

fn unknown(
    site: &Site,
    written: &str,
    near: &[PersonIdx],
    (file, line): (&Path, usize),
) -> Diagnostic {
    let help = if near.is_empty() {
        format!(
            "add a file for them to people/, or add `{written}` to the `aliases:` of the person it means; it is shown as written meanwhile"
        )
    } else {
        format!(
            "did you mean {}? Correct the spelling, or add `{written}` to their `aliases:`",
            display(site, near)
        )
    };
    Diagnostic::new(
        ErrorKind::Reference,
        Location::at(file, line),
        format!("`{written}` matches no one in people/"),
    )
    .code(Code::UnknownPerson)
    .help(help)
    .warning()
}

/// Whether a meeting took place and its attendance was recorded: only such meetings
/// have a roll and count in anyone's statistics.
fn counts(meeting: &super::Meeting) -> bool {
    let recorded =
        !meeting.attendance.present.is_empty() || !meeting.attendance.apologies.is_empty();
    let held = matches!(meeting.status, None | Some(Status::Held));
    recorded && held
}

/// Each counted meeting's roll: every member of its body on its date, chair and
/// vice-chair first, then by name, with how they stood.
fn rolls(site: &mut Site) {
    let mut of_body: Vec<Vec<usize>> = vec![Vec::new(); site.bodies.len()];
    for (k, ms) in site.memberships.iter().enumerate() {
        of_body[ms.body].push(k);
    }
    for m in 0..site.meetings.len() {
        if !counts(&site.meetings[m]) {
            continue;
        }
        let roll = roll(site, m, &of_body[site.meetings[m].body]);
        site.meetings[m].roll = roll;
    }
}

/// The roll of meeting `m`, from the memberships of its body (`seats`, in order).
fn roll(site: &Site, m: MeetingIdx, seats: &[usize]) -> Vec<RollEntry> {
    let meeting = &site.meetings[m];
    // One seat a person, even where two memberships overlap: the latest appointment
    // (memberships are by person, then start).
    let mut seat_of: HashMap<PersonIdx, usize> = HashMap::new();
    for &k in seats {
        let ms = &site.memberships[k];
        if ms.covers(meeting.date) {
            seat_of.insert(ms.person, k);
        }
    }
    let mut seats: Vec<usize> = seat_of.into_values().collect();
    let rank = |role: &str| match role.to_lowercase().as_str() {
        "chair" | "chairman" | "chairwoman" | "chairperson" => 0,
        r if r.starts_with("vice") => 1,
        _ => 2,
    };
    let sort_key = |k: &usize| {
        let ms = &site.memberships[*k];
        let person = &site.people[ms.person];
        let surname = names::key(&person.name)
            .map(|k| k.surname)
            .unwrap_or_default();
        (
            rank(&ms.role),
            surname,
            person.name.clone(),
            person.id.clone(),
        )
    };
    seats.sort_by_cached_key(sort_key);
    let a = &meeting.attendance;
    let present: HashMap<PersonIdx, usize> = a
        .present
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.name.person.map(|p| (p, i)))
        .rev()
        .collect();
    let stood_in: HashMap<PersonIdx, usize> = a
        .present
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.substitute_for.as_ref()?.person.map(|p| (p, i)))
        .rev()
        .collect();
    let apologies: HashSet<PersonIdx> = a.apologies.iter().filter_map(|e| e.name.person).collect();
    seats
        .into_iter()
        .map(|k| {
            let p = site.memberships[k].person;
            let presence = if present.contains_key(&p) {
                Presence::Attended
            } else if let Some(&by) = stood_in.get(&p) {
                Presence::Substituted { by }
            } else if apologies.contains(&p) {
                Presence::Apologies
            } else {
                Presence::Absent
            };
            RollEntry {
                membership: k,
                presence,
            }
        })
        .collect()
}

/// Each person's attendance per body, declarations and votes.
fn person_records(site: &mut Site) {
    let mut records: Vec<Vec<BodyRecord>> = vec![Vec::new(); site.people.len()];
    for (m, meeting) in site.meetings.iter().enumerate() {
        if !counts(meeting) {
            continue;
        }
        let mut add = |p: PersonIdx, presence: Presence| {
            let list = &mut records[p];
            let at = match list.iter().position(|r| r.body == meeting.body) {
                Some(at) => at,
                None => {
                    list.push(BodyRecord {
                        body: meeting.body,
                        ..Default::default()
                    });
                    list.len() - 1
                }
            };
            let r = &mut list[at];
            r.meetings.push((m, presence));
            r.counts.add(presence);
        };
        let mut expected = HashSet::new();
        for entry in &meeting.roll {
            let p = site.memberships[entry.membership].person;
            expected.insert(p);
            add(p, entry.presence);
        }
        // A substitute counts once, and only where they were not expected themselves.
        for (i, e) in meeting.attendance.present.iter().enumerate() {
            if let (Some(p), Some(_)) = (e.name.person, &e.substitute_for)
                && expected.insert(p)
            {
                add(p, Presence::AsSubstitute { entry: i });
            }
        }
    }
    for list in &mut records {
        list.sort_by_key(|r| r.body);
    }
    for (person, record) in site.people.iter_mut().zip(records) {
        person.record = record;
    }
    for (m, meeting) in site.meetings.iter().enumerate() {
        for (index, d) in meeting.declarations.iter().enumerate() {
            if let Some(p) = d.name.person {
                site.people[p]
                    .declarations
                    .push(DeclarationRef { meeting: m, index });
            }
        }
    }
    for (d, decision) in site.decisions.iter().enumerate() {
        let Some(vote) = &decision.vote else { continue };
        let sides = [
            (VoteSide::For, &vote.for_),
            (VoteSide::Against, &vote.against),
            (VoteSide::Abstain, &vote.abstain),
        ];
        for (side, tally) in sides {
            for name in &tally.names {
                if let Some(p) = name.person {
                    site.people[p].votes.push(VoteCast { decision: d, side });
                }
            }
        }
    }
}
