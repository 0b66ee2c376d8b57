//! Model: meetings, papers and decisions linked to one another. All validation of how
//! files relate (unknown meetings, taken item numbers, broken `follows`) happens here.

mod aliases;
mod build;
pub(crate) mod facets;
pub(crate) mod names;
pub(crate) mod people;
mod record;

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::base::vocab::{PaperKind, Status};
use crate::config::Config;
use crate::load::Text;

pub(crate) use aliases::RedirectTo;
pub use build::build;
pub(crate) use build::build_with_warnings;
pub(crate) use people::{
    DecisionRecord, Declaration, MeetingAttendance, Membership, Person, RollEntry, Vote,
};

pub(crate) type MeetingIdx = usize;
pub(crate) type PaperIdx = usize;
pub(crate) type DecisionIdx = usize;

#[derive(Debug)]
/// The whole archive, linked and checked: meetings, papers, decisions and their indexes.
pub struct Site {
    /// The site's settings, with this build's publication options.
    pub config: Config,
    /// Sorted by date, then body, then id.
    pub meetings: Vec<Meeting>,
    /// Sorted by id (their path under `content/`).
    pub papers: Vec<Paper>,
    /// Public decisions only: those recorded in exempt papers are dropped here.
    pub decisions: Vec<Decision>,
    /// The default body first, then by name.
    pub bodies: Vec<Committee>,
    /// Sorted by name.
    pub topics: Vec<Topic>,
    /// Papers left out of this build, by id, so that links to them can be told apart
    /// from links to nothing.
    pub withheld: std::collections::BTreeMap<String, Withheld>,
    /// Draft meetings left out of this build (their papers are in `withheld`).
    pub draft_meetings: usize,
    /// Everyone in `people/`, sorted by id; empty without that folder.
    pub people: Vec<Person>,
    /// Every membership of every person, by person then start date.
    pub memberships: Vec<Membership>,
    /// Whether the site has a `people/` folder: without one, names in the record stay
    /// plain text and nothing about people is published.
    pub has_people: bool,
}

/// Why a paper is not in this build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Withheld {
    /// A draft, or on a draft meeting.
    Draft,
    /// Embargoed: its item is on the agenda of `meeting` at `anchor`, "to follow".
    ToFollow { meeting: MeetingIdx, anchor: String },
}

/// A committee or panel: meetings are grouped by it.
#[derive(Debug)]
pub struct Committee {
    pub name: String,
    pub slug: String,
    /// By date.
    pub meetings: Vec<MeetingIdx>,
}

#[derive(Debug)]
pub struct Meeting {
    pub id: String,
    /// Path of its page under the site root, e.g. `meetings/2024-02-06`.
    pub path: String,
    pub date: NaiveDate,
    pub title: Option<String>,
    pub body: usize,
    pub time: Option<String>,
    pub venue: Option<String>,
    pub status: Option<Status>,
    pub attendance: MeetingAttendance,
    /// The members expected on its date, with how each stood; empty unless the meeting
    /// was held and its attendance recorded.
    pub roll: Vec<RollEntry>,
    /// From its own file and its public minutes; none from exempt papers.
    pub declarations: Vec<Declaration>,
    /// Old ids, each given a redirect page at its old address.
    pub aliases: Vec<String>,
    /// In agenda order.
    pub agenda: Vec<AgendaEntry>,
    pub intro: Text,
    /// `None` for a meeting that exists only because papers name its date.
    pub file: Option<PathBuf>,
    /// Only ever true in a build with drafts.
    pub draft: bool,
    /// Papers whose `minutes_of` names this meeting.
    pub minutes: Vec<PaperIdx>,
    /// Decisions recorded for this meeting under an item not on its agenda.
    pub other_decisions: Vec<DecisionIdx>,
    pub previous: Option<MeetingIdx>,
    pub next: Option<MeetingIdx>,
}

#[derive(Debug)]
pub struct AgendaEntry {
    /// Its fragment id on the meeting page, unique there: `item-b1`.
    pub anchor: String,
    pub item: Option<String>,
    pub title: String,
    pub section: Option<String>,
    pub paper: Option<PaperIdx>,
    /// The id of the item's paper when it is embargoed (`publish_from` is later than the
    /// build's moment): only its item number and title are known to the agenda.
    pub to_follow: Option<String>,
    /// Decisions recorded for this item, in minutes or in a paper such as a record of
    /// decision.
    pub decisions: Vec<DecisionIdx>,
}

#[derive(Debug)]
pub struct Paper {
    pub id: String,
    /// Path of its page under the site root, e.g. `papers/2024/2024-02-06/b1-report`.
    pub path: String,
    pub file: PathBuf,
    pub title: String,
    pub date: NaiveDate,
    pub meeting: MeetingIdx,
    pub item: Option<String>,
    pub section: Option<String>,
    pub kind: PaperKind,
    pub to: Option<String>,
    pub from: Option<String>,
    pub classification: Option<String>,
    /// The reason it is withheld. An exempt paper's text, recommendations and
    /// decisions must never reach the output.
    pub exempt: Option<String>,
    /// Only ever true in a build with drafts.
    pub draft: bool,
    /// Issued after the agenda: marked as a supplement on the meeting's page.
    pub supplement: bool,
    pub minutes_of: Option<MeetingIdx>,
    pub recommendations: Vec<String>,
    /// Decisions recorded in this paper.
    pub decisions: Vec<DecisionIdx>,
    /// Decisions that the minutes of its meeting record for its item.
    pub outcome: Vec<DecisionIdx>,
    pub follows: Option<PaperIdx>,
    pub followed_by: Vec<PaperIdx>,
    /// The whole thread of `follows` this paper belongs to, by date; empty if none.
    pub series: Vec<PaperIdx>,
    /// Indexes into `Site::topics`, in the paper's own order; none for an exempt paper.
    pub topics: Vec<usize>,
    /// Files published beside the paper's page; none for an exempt paper.
    pub attachments: Vec<Attachment>,
    pub text: Text,
    pub previous: Option<PaperIdx>,
    pub next: Option<PaperIdx>,
    /// Old ids, each given a redirect page at its old address.
    pub aliases: Vec<String>,
}

#[derive(Debug)]
pub struct Attachment {
    /// Its file name beside the paper's page.
    pub name: String,
    pub title: String,
    pub bytes: std::sync::Arc<Vec<u8>>,
}

#[derive(Debug)]
pub struct Decision {
    pub reference: Option<String>,
    /// Its fragment id on the page of the paper that records it.
    pub anchor: String,
    pub text: String,
    pub item: Option<String>,
    pub date: NaiveDate,
    pub by: String,
    pub recorded_in: PaperIdx,
    /// The meeting whose business it decides.
    pub meeting: MeetingIdx,
    /// The paper at that meeting with that item, if there is one.
    pub decides: Option<PaperIdx>,
    /// The anchor of that item on the meeting's page, if it is on the agenda.
    pub item_anchor: Option<String>,
    pub vote: Option<Vote>,
    /// Reasons, alternatives, conflicts, call-in.
    pub record: DecisionRecord,
}

#[derive(Debug)]
pub struct Topic {
    pub name: String,
    pub slug: String,
    /// Published papers, newest first.
    pub papers: Vec<PaperIdx>,
}

/// The page path of the paper with this id: each folder of the id made a slug.
pub(crate) fn paper_path(id: &str) -> String {
    let path = id
        .split('/')
        .map(|seg| build::slug_or(seg, "paper"))
        .collect::<Vec<_>>()
        .join("/");
    format!("papers/{path}")
}

/// The page path of the meeting with this id.
pub(crate) fn meeting_path(id: &str) -> String {
    format!("meetings/{}", build::slug_or(id, "meeting"))
}

impl Paper {
    /// Minutes say so by their kind, or by naming the meeting they record.
    pub fn is_minutes(&self) -> bool {
        self.kind == PaperKind::Minutes || self.minutes_of.is_some()
    }
}

impl Meeting {
    /// What to call a meeting in a list or heading. It always carries the date, as
    /// titles repeat ("Ordinary meeting") and the date tells meetings apart.
    pub fn display_title(&self, site: &Site) -> String {
        let name = self
            .title
            .as_deref()
            .unwrap_or(&site.bodies[self.body].name);
        format!("{name}, {}", crate::base::dates::long(self.date))
    }
}
