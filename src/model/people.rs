//! People and the formal record: members and their memberships, who attended each
//! meeting, declarations of interest, named votes and what a decision record must state.
//!
//! Names in the record are kept as written and matched to people where they can be
//! (`NameRef::person`). Nothing recorded in an exempt paper (its declarations, its
//! decisions and their votes) is kept here.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::{Attachment, DecisionIdx, MeetingIdx, PaperIdx};
pub(crate) use crate::base::vocab::{CallIn, InterestKind, VoteResult};
use crate::load::Text;

pub(crate) type PersonIdx = usize;
pub(crate) type MembershipIdx = usize;

/// A member, officer or guest with a file in `people/`.
#[derive(Debug)]
pub struct Person {
    /// The file name without `.md`.
    pub id: String,
    /// Path of their page under the site root: `people/<id>`.
    pub path: String,
    pub file: PathBuf,
    /// As shown: `Councillor Peter Feacey`.
    pub name: String,
    /// Other spellings used in minutes.
    pub aliases: Vec<String>,
    pub party: Option<String>,
    /// Published beside their page.
    pub image: Option<Attachment>,
    /// Indexes into `Site::memberships`, earliest first.
    pub memberships: Vec<MembershipIdx>,
    pub text: Text,
    /// One per body they were ever expected at or attended, in `Site::bodies` order.
    pub record: Vec<BodyRecord>,
    /// Their declarations of interest, by meeting date.
    pub declarations: Vec<DeclarationRef>,
    /// Their named votes, by decision date.
    pub votes: Vec<VoteCast>,
}

/// A seat on a body for a period.
#[derive(Debug)]
pub struct Membership {
    pub person: PersonIdx,
    /// Index into `Site::bodies`.
    pub body: usize,
    /// `Member` unless the file says otherwise: `Chair`, `Co-opted member`, …
    pub role: String,
    /// The nominating council or organisation, if any.
    pub on_behalf_of: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub voting: bool,
}

impl Membership {
    /// Whether the seat was held on `date` (both ends inclusive, open ends unbounded).
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }
}

/// A name as the record writes it, and the person it was matched to, if any.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct NameRef {
    /// As written, without a trailing note in parentheses.
    pub written: String,
    pub person: Option<PersonIdx>,
}

/// One entry of a meeting's attendance.
#[derive(Debug, Clone, Hash)]
pub struct Attendee {
    pub name: NameRef,
    /// The role at this meeting, from `(Chair)` or `(Vice-Chair)`.
    pub role: Option<String>,
    /// Whom they stood in for, from `substitute_for:` or `(Substitute for NAME)`.
    pub substitute_for: Option<NameRef>,
    /// Attended remotely (`virtual: true`).
    pub remote: bool,
    /// Any other note, from `note:` or a trailing parenthesis.
    pub note: Option<String>,
}

/// Who attended a meeting, as recorded, with names matched.
#[derive(Debug, Clone, Default, Hash)]
pub struct MeetingAttendance {
    pub present: Vec<Attendee>,
    pub apologies: Vec<Attendee>,
    /// Officers and guests.
    pub in_attendance: Vec<Attendee>,
}

impl MeetingAttendance {
    pub fn is_empty(&self) -> bool {
        self.present.is_empty() && self.apologies.is_empty() && self.in_attendance.is_empty()
    }
}

/// How a person stood at one meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Presence {
    /// Expected, and present.
    Attended,
    /// Present for someone else (`present[entry]` of the meeting's attendance).
    AsSubstitute {
        /// Their entry in `present`.
        entry: usize,
    },
    /// Expected, and sent apologies.
    Apologies,
    /// Expected, and someone was present for them (`present[by]`).
    Substituted {
        /// The substitute's entry in `present`.
        by: usize,
    },
    /// Expected, and neither present nor in apologies nor substituted.
    Absent,
}

/// A member expected at a meeting, and how they stood. Only held meetings with
/// attendance recorded have a roll.
#[derive(Debug, Clone, Hash)]
pub struct RollEntry {
    pub membership: MembershipIdx,
    pub presence: Presence,
}

/// A person's attendance at the meetings of one body.
#[derive(Debug, Clone, Default)]
pub struct BodyRecord {
    /// Index into `Site::bodies`.
    pub body: usize,
    /// Every held meeting with attendance recorded that they were expected at or
    /// attended as a substitute, by date.
    pub meetings: Vec<(MeetingIdx, Presence)>,
    pub counts: Counts,
}

/// How a person stood at one body's counted meetings, as pages, data and fingerprints
/// all give it.
#[derive(Debug, Clone, Copy, Default, Hash, serde::Serialize)]
pub struct Counts {
    /// Every meeting they held a seat at: all but those attended as a substitute.
    pub expected: usize,
    pub attended: usize,
    pub as_substitute: usize,
    pub apologies: usize,
    pub substituted: usize,
    pub absent: usize,
}

impl Counts {
    pub(crate) fn add(&mut self, presence: Presence) {
        match presence {
            Presence::Attended => self.attended += 1,
            Presence::AsSubstitute { .. } => self.as_substitute += 1,
            Presence::Apologies => self.apologies += 1,
            Presence::Substituted { .. } => self.substituted += 1,
            Presence::Absent => self.absent += 1,
        }
        if !matches!(presence, Presence::AsSubstitute { .. }) {
            self.expected += 1;
        }
    }
}

/// A declaration of interest at a meeting.
#[derive(Debug, Clone, Hash)]
pub struct Declaration {
    pub name: NameRef,
    /// The item it concerns, as the agenda numbers it; `None` for the whole meeting.
    pub item: Option<String>,
    /// That item's anchor on the meeting's page, when it is on the agenda.
    pub item_anchor: Option<String>,
    pub interest: String,
    pub kind: InterestKind,
    /// Left the room for the item.
    pub withdrew: bool,
    /// The minutes that record it, or `None` for the meeting's own file.
    pub recorded_in: Option<PaperIdx>,
}

/// `Site::meetings[meeting].declarations[index]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DeclarationRef {
    pub meeting: MeetingIdx,
    pub index: usize,
}

/// One side of a vote: a count, with the names when the record lists them.
#[derive(Debug, Clone, Default, Hash)]
pub struct Tally {
    pub count: usize,
    /// Empty when the record gives a number only.
    pub names: Vec<NameRef>,
}

/// A recorded vote on a decision.
#[derive(Debug, Clone, Default, Hash)]
pub struct Vote {
    pub for_: Tally,
    pub against: Tally,
    pub abstain: Tally,
    pub result: Option<VoteResult>,
}

/// How one person voted on one decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteCast {
    pub decision: DecisionIdx,
    pub side: VoteSide,
}

/// Which way a named vote was cast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum VoteSide {
    /// In favour.
    For,
    /// Against.
    Against,
    /// Abstained.
    Abstain,
}

/// What the regulations ask a decision record to state, beyond the decision itself.
#[derive(Debug, Clone, Default, Hash)]
pub struct DecisionRecord {
    pub reasons: Vec<String>,
    /// Options considered and rejected.
    pub alternatives: Vec<String>,
    /// Conflicts declared by the decision-maker, with any dispensation.
    pub conflicts: Vec<String>,
    pub key_decision: bool,
    pub call_in: Option<CallIn>,
    pub effective: Option<NaiveDate>,
}

/// Where a decision stands on a given day, as the register shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallInState {
    /// "Subject to call-in until 12 July 2024".
    Open { until: NaiveDate },
    /// "Called in", with what came of it.
    CalledIn { outcome: Option<String> },
    /// "Effective from 13 July 2024".
    Effective { from: NaiveDate },
}

impl DecisionRecord {
    /// The decision's state on `today`, judged as embargoes are, at the build's moment.
    /// `None` when the record says nothing of call-in or taking effect.
    pub fn state_on(&self, today: NaiveDate) -> Option<CallInState> {
        let call_in = self.call_in.as_ref();
        if call_in.is_some_and(|c| c.called_in) {
            let outcome = call_in.and_then(|c| c.outcome.clone());
            return Some(CallInState::CalledIn { outcome });
        }
        let until = call_in.and_then(|c| c.until);
        match (until, self.effective) {
            (Some(until), _) if today <= until => Some(CallInState::Open { until }),
            (_, Some(from)) => Some(CallInState::Effective { from }),
            (Some(until), None) => until.succ_opt().map(|from| CallInState::Effective { from }),
            (None, None) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn call_in_is_judged_on_the_day() {
        let record = DecisionRecord {
            call_in: Some(CallIn {
                until: Some(day("2024-07-12")),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(
            record.state_on(day("2024-07-12")),
            Some(CallInState::Open {
                until: day("2024-07-12")
            })
        );
        assert_eq!(
            record.state_on(day("2024-07-13")),
            Some(CallInState::Effective {
                from: day("2024-07-13")
            })
        );
        let called = DecisionRecord {
            call_in: Some(CallIn {
                until: Some(day("2024-07-12")),
                called_in: true,
                outcome: Some("Referred back".into()),
            }),
            ..Default::default()
        };
        assert!(matches!(
            called.state_on(day("2024-07-01")),
            Some(CallInState::CalledIn { .. })
        ));
        assert_eq!(DecisionRecord::default().state_on(day("2024-07-01")), None);
    }

    #[test]
    fn a_membership_covers_its_own_ends() {
        let m = Membership {
            person: 0,
            body: 0,
            role: "Member".into(),
            on_behalf_of: None,
            from: Some(day("2024-05-20")),
            to: Some(day("2025-05-19")),
            voting: true,
        };
        assert!(m.covers(day("2024-05-20")));
        assert!(m.covers(day("2025-05-19")));
        assert!(!m.covers(day("2025-05-20")));
        assert!(!m.covers(day("2024-05-19")));
    }
}
