//! The formal record in open data: who attended a meeting and how each member stood,
//! declarations of interest, votes and what a decision record states. Names are kept as
//! written, with the id in `persons.json` of the person they were matched to.

use chrono::NaiveDate;
use serde::Serialize;

use crate::base::dates::iso;
use crate::model::people::{
    Attendee, CallInState, Declaration, InterestKind, NameRef, Presence, Tally, VoteResult,
};
use crate::model::{Decision, Meeting, Site};

/// A name as written, and whom it was matched to.
#[derive(Serialize)]
pub(super) struct Name {
    name: String,
    /// The id in `persons.json`, or null when unmatched (or the site has no people).
    person: Option<String>,
}

impl Name {
    pub(super) fn new(site: &Site, name: &NameRef) -> Self {
        Name {
            name: name.written.clone(),
            person: name.person.map(|p| site.people[p].id.clone()),
        }
    }
}

#[derive(Serialize)]
pub(super) struct AttendeeData {
    #[serde(flatten)]
    name: Name,
    /// The role at this meeting, e.g. `Chair`.
    role: Option<String>,
    substitute_for: Option<Name>,
    #[serde(rename = "virtual")]
    remote: bool,
    note: Option<String>,
}

impl AttendeeData {
    fn new(site: &Site, a: &Attendee) -> Self {
        AttendeeData {
            name: Name::new(site, &a.name),
            role: a.role.clone(),
            substitute_for: a.substitute_for.as_ref().map(|n| Name::new(site, n)),
            remote: a.remote,
            note: a.note.clone(),
        }
    }
}

#[derive(Serialize)]
pub(super) struct Attendance {
    present: Vec<AttendeeData>,
    apologies: Vec<AttendeeData>,
    in_attendance: Vec<AttendeeData>,
}

impl Attendance {
    pub(super) fn new(site: &Site, meeting: &Meeting) -> Self {
        let list = |l: &[Attendee]| l.iter().map(|a| AttendeeData::new(site, a)).collect();
        Attendance {
            present: list(&meeting.attendance.present),
            apologies: list(&meeting.attendance.apologies),
            in_attendance: list(&meeting.attendance.in_attendance),
        }
    }
}

/// How a member stood at a meeting, as the roll and the person pages say it.
#[derive(Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub(super) enum Status {
    Attended,
    AsSubstitute,
    Apologies,
    Substituted,
    Absent,
}

impl Status {
    pub(super) fn of(presence: Presence) -> Self {
        match presence {
            Presence::Attended => Status::Attended,
            Presence::AsSubstitute { .. } => Status::AsSubstitute,
            Presence::Apologies => Status::Apologies,
            Presence::Substituted { .. } => Status::Substituted,
            Presence::Absent => Status::Absent,
        }
    }
}

/// A member expected at the meeting (a membership covers its date) and how they stood.
#[derive(Serialize)]
pub(super) struct RollData {
    person: String,
    /// The id in `memberships.json`.
    membership: String,
    role: String,
    status: Status,
    /// For `substituted`: who was present for them, as written.
    substituted_by: Option<Name>,
}

pub(super) fn roll(site: &Site, meeting: &Meeting) -> Vec<RollData> {
    meeting
        .roll
        .iter()
        .map(|entry| {
            let membership = &site.memberships[entry.membership];
            let substituted_by = match entry.presence {
                Presence::Substituted { by } => meeting
                    .attendance
                    .present
                    .get(by)
                    .map(|a| Name::new(site, &a.name)),
                _ => None,
            };
            RollData {
                person: site.people[membership.person].id.clone(),
                membership: super::people::membership_id(site, entry.membership),
                role: membership.role.clone(),
                status: Status::of(entry.presence),
                substituted_by,
            }
        })
        .collect()
}

#[derive(Serialize)]
pub(super) struct DeclarationData {
    #[serde(flatten)]
    name: Name,
    /// The agenda item, as numbered; null for the whole meeting.
    item: Option<String>,
    interest: String,
    kind: InterestKind,
    withdrew: bool,
    /// The id in `papers.json` of the minutes that record it; null for the meeting's file.
    recorded_in: Option<String>,
}

pub(super) fn declarations(site: &Site, meeting: &Meeting) -> Vec<DeclarationData> {
    meeting
        .declarations
        .iter()
        .map(|d: &Declaration| DeclarationData {
            name: Name::new(site, &d.name),
            item: d.item.clone(),
            interest: d.interest.clone(),
            kind: d.kind,
            withdrew: d.withdrew,
            recorded_in: d.recorded_in.map(|p| site.papers[p].id.clone()),
        })
        .collect()
}

#[derive(Serialize)]
pub(super) struct TallyData {
    count: usize,
    /// Empty when the record gives a number only.
    names: Vec<Name>,
}

impl TallyData {
    fn new(site: &Site, t: &Tally) -> Self {
        TallyData {
            count: t.count,
            names: t.names.iter().map(|n| Name::new(site, n)).collect(),
        }
    }
}

#[derive(Serialize)]
pub(super) struct VoteData {
    #[serde(rename = "for")]
    for_: TallyData,
    against: TallyData,
    abstain: TallyData,
    result: Option<VoteResult>,
}

pub(super) fn vote(site: &Site, d: &Decision) -> Option<VoteData> {
    d.vote.as_ref().map(|v| VoteData {
        for_: TallyData::new(site, &v.for_),
        against: TallyData::new(site, &v.against),
        abstain: TallyData::new(site, &v.abstain),
        result: v.result,
    })
}

#[derive(Serialize)]
pub(super) struct CallInData {
    until: Option<String>,
    called_in: bool,
    outcome: Option<String>,
}

/// Where the decision stood on the day of the build.
#[derive(Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub(super) enum StateData {
    /// Subject to call-in until `until`.
    Open {
        until: String,
    },
    CalledIn {
        outcome: Option<String>,
    },
    Effective {
        from: String,
    },
}

/// What the record states beyond the decision, and its state on `today`.
#[derive(Serialize)]
pub(super) struct RecordData {
    reasons: Vec<String>,
    alternatives: Vec<String>,
    conflicts: Vec<String>,
    key_decision: bool,
    call_in: Option<CallInData>,
    effective: Option<String>,
    state: Option<StateData>,
}

pub(super) fn record(d: &Decision, today: NaiveDate) -> RecordData {
    let r = &d.record;
    let state = r.state_on(today).map(|s| match s {
        CallInState::Open { until } => StateData::Open { until: iso(until) },
        CallInState::CalledIn { outcome } => StateData::CalledIn { outcome },
        CallInState::Effective { from } => StateData::Effective { from: iso(from) },
    });
    RecordData {
        reasons: r.reasons.clone(),
        alternatives: r.alternatives.clone(),
        conflicts: r.conflicts.clone(),
        key_decision: r.key_decision,
        call_in: r.call_in.as_ref().map(|c| CallInData {
            until: c.until.map(iso),
            called_in: c.called_in,
            outcome: c.outcome.clone(),
        }),
        effective: r.effective.map(iso),
        state,
    }
}

/// The build's day in the site's zone: call-in is judged then, as embargoes are.
pub(super) fn today(site: &Site) -> NaiveDate {
    site.config
        .publication
        .now
        .with_timezone(&site.config.tz)
        .date_naive()
}
