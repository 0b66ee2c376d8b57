//! People and the formal record as pages show them: the people index of the site and
//! of each body, a page per person with their attendance record, declarations and
//! votes, and the parts other pages borrow (a meeting's roll and declarations, a
//! decision's vote, record and call-in state). Only with a `people/` folder are names
//! linked and people pages made; without one names show as written.

use chrono::NaiveDate;
use serde::Serialize;

use super::{ContextSink, DateView, Links, MeetingLink, Page};
use crate::base::dates;
use crate::model::people::{
    Attendee, BodyRecord, CallInState, Counts, DecisionRecord, Declaration, Membership, NameRef,
    PersonIdx, Presence, Tally, Vote, VoteResult, VoteSide,
};
use crate::model::{Meeting, MeetingIdx, Site};
use crate::urls;

/// What a people page shows.
#[derive(Clone, Copy)]
pub(super) enum Content {
    /// Everyone, by body.
    All,
    /// The current and former members of one body.
    Body(usize),
    Person(PersonIdx),
}

/// The people pages: none without a `people/` folder.
pub(super) fn pages(site: &Site) -> Vec<Page> {
    if !site.has_people {
        return Vec::new();
    }
    let page = |path: String, template, content| Page {
        path,
        template,
        content: super::Content::People(content),
    };
    let mut out = vec![page(
        urls::PEOPLE_PAGE.to_string(),
        "people.html",
        Content::All,
    )];
    out.extend((0..site.bodies.len()).map(|b| {
        page(
            urls::body_people_path(&site.bodies[b].slug),
            "body-people.html",
            Content::Body(b),
        )
    }));
    out.extend((0..site.people.len()).map(|p| {
        page(
            site.people[p].path.clone(),
            "person.html",
            Content::Person(p),
        )
    }));
    out
}

impl Content {
    pub(super) fn context(&self, site: &Site, links: &Links, c: &mut impl ContextSink) {
        match *self {
            Content::All => c.insert("people", &PeopleIndex::new(site, links)),
            Content::Body(b) => c.insert("body", &BodyPeople::new(site, links, b)),
            Content::Person(p) => c.insert("person", &PersonPage::new(site, links, p)),
        }
    }
}

/// The build's day in the site's timezone: who is a member "now", whether call-in has
/// closed. It comes from the build's moment (`--now`, `SOURCE_DATE_EPOCH` or the
/// clock, read once in the config), as embargoes do, so output stays deterministic.
pub(super) fn today(site: &Site) -> NaiveDate {
    let config = &site.config;
    config
        .publication
        .now
        .with_timezone(&config.tz)
        .date_naive()
}

/// A name in the record: the person's own name and page when it was matched, else as
/// written.
#[derive(Serialize, Clone)]
pub(super) struct NameView {
    name: String,
    /// Their page, from the site root; none for an unmatched name.
    url: Option<String>,
}

impl NameView {
    pub(super) fn new(site: &Site, links: &Links, n: &NameRef) -> Self {
        match n.person.filter(|_| site.has_people) {
            Some(p) => Self::person(site, links, p),
            None => NameView {
                name: n.written.clone(),
                url: None,
            },
        }
    }

    fn person(site: &Site, links: &Links, p: PersonIdx) -> Self {
        let person = &site.people[p];
        NameView {
            name: person.name.clone(),
            url: Some(links.href(&person.path)),
        }
    }
}

/// An entry of a meeting's attendance as written: name, role at the meeting, notes.
#[derive(Serialize)]
struct AttendeeView {
    name: NameView,
    role: Option<String>,
    substitute_for: Option<NameView>,
    remote: bool,
    note: Option<String>,
}

impl AttendeeView {
    fn new(site: &Site, links: &Links, a: &Attendee) -> Self {
        AttendeeView {
            name: NameView::new(site, links, &a.name),
            role: a.role.clone(),
            substitute_for: a
                .substitute_for
                .as_ref()
                .map(|n| NameView::new(site, links, n)),
            remote: a.remote,
            note: a.note.clone(),
        }
    }
}

/// A member expected at the meeting, and how they stood.
#[derive(Serialize)]
struct RollRow {
    name: NameView,
    /// Their seat: `Member`, `Independent member`, …
    seat: String,
    on_behalf_of: Option<String>,
    /// `present`, `substitute`, `apologies`, `substituted` or `absent`, for styling; the
    /// label says it in words.
    status: &'static str,
    label: &'static str,
    /// Who stood in for them, or whom they stood in for.
    other: Option<NameView>,
    /// Chair or Vice-Chair at this meeting.
    role: Option<String>,
    remote: bool,
    note: Option<String>,
}

/// Who attended a meeting. With a roll (a held meeting of a site with people, its
/// attendance recorded): the members, then substitutes, then anyone else present, then
/// those in attendance. Without one: the lists as written.
#[derive(Serialize, Default)]
pub(super) struct AttendanceView {
    roll: Vec<RollRow>,
    substitutes: Vec<AttendeeView>,
    /// Present, but neither a member on the roll nor a substitute.
    also_present: Vec<AttendeeView>,
    /// Only without a roll.
    present: Vec<AttendeeView>,
    apologies: Vec<AttendeeView>,
    in_attendance: Vec<AttendeeView>,
    /// Whether there is anything to show.
    any: bool,
}

impl AttendanceView {
    pub(super) fn new(site: &Site, links: &Links, meeting: &Meeting) -> Self {
        let att = &meeting.attendance;
        let view = |a: &Attendee| AttendeeView::new(site, links, a);
        let mut out = AttendanceView {
            in_attendance: att.in_attendance.iter().map(view).collect(),
            any: !att.is_empty(),
            ..Default::default()
        };
        if !site.has_people || meeting.roll.is_empty() {
            out.present = att.present.iter().map(view).collect();
            out.apologies = att.apologies.iter().map(view).collect();
            return out;
        }
        // Present entries the roll accounts for: members attending and substitutes.
        let mut placed = vec![false; att.present.len()];
        let entries = Entries::of(meeting);
        for entry in &meeting.roll {
            let membership = &site.memberships[entry.membership];
            out.roll.push(roll_row(
                site,
                links,
                (meeting, &entries),
                membership,
                entry.presence,
                &mut placed,
            ));
        }
        for (i, a) in att.present.iter().enumerate() {
            if a.substitute_for.is_some() {
                out.substitutes.push(view(a));
            } else if !placed[i] {
                out.also_present.push(view(a));
            }
        }
        out
    }
}

/// Each person's own entry in a meeting's attendance, found once per meeting so that a
/// long roll costs no more than its length.
struct Entries {
    /// The first present entry of each person, one in their own right before one as a
    /// substitute.
    present: std::collections::HashMap<PersonIdx, usize>,
    /// The first apologies entry of each person.
    apologies: std::collections::HashMap<PersonIdx, usize>,
}

impl Entries {
    fn of(meeting: &Meeting) -> Self {
        let att = &meeting.attendance;
        let mut present = std::collections::HashMap::new();
        let own = att
            .present
            .iter()
            .enumerate()
            .filter(|(_, a)| a.substitute_for.is_none());
        let standing_in = att
            .present
            .iter()
            .enumerate()
            .filter(|(_, a)| a.substitute_for.is_some());
        for (i, a) in own.chain(standing_in) {
            if let Some(p) = a.name.person {
                present.entry(p).or_insert(i);
            }
        }
        let mut apologies = std::collections::HashMap::new();
        for (i, a) in att.apologies.iter().enumerate() {
            if let Some(p) = a.name.person {
                apologies.entry(p).or_insert(i);
            }
        }
        Entries { present, apologies }
    }
}

fn roll_row(
    site: &Site,
    links: &Links,
    (meeting, entries): (&Meeting, &Entries),
    membership: &Membership,
    presence: Presence,
    placed: &mut [bool],
) -> RollRow {
    let att = &meeting.attendance;
    let name = |a: &Attendee| NameView::new(site, links, &a.name);
    let mut row = RollRow {
        name: NameView::person(site, links, membership.person),
        seat: membership.role.clone(),
        on_behalf_of: membership.on_behalf_of.clone(),
        status: "absent",
        label: "Absent",
        other: None,
        role: None,
        remote: false,
        note: None,
    };
    // Their own entry: in `present` (marked as placed) or in `apologies`.
    let mut present_at = None;
    let entry = match presence {
        Presence::Attended => {
            (row.status, row.label) = ("present", "Present");
            present_at = entries.present.get(&membership.person).copied();
            present_at.map(|i| &att.present[i])
        }
        Presence::AsSubstitute { entry } => {
            (row.status, row.label) = ("substitute", "Present as a substitute for");
            present_at = Some(entry).filter(|&i| i < att.present.len());
            let a = present_at.map(|i| &att.present[i]);
            row.other = a
                .and_then(|a| a.substitute_for.as_ref())
                .map(|n| NameView::new(site, links, n));
            a
        }
        Presence::Apologies => {
            (row.status, row.label) = ("apologies", "Apologies");
            entries
                .apologies
                .get(&membership.person)
                .map(|&i| &att.apologies[i])
        }
        Presence::Substituted { by } => {
            (row.status, row.label) = ("substituted", "Apologies, substituted by");
            row.other = att.present.get(by).map(name);
            None
        }
        Presence::Absent => None,
    };
    if let Some(i) = present_at {
        placed[i] = true;
    }
    if let Some(a) = entry {
        row.role = a.role.clone();
        row.remote = a.remote;
        row.note = a.note.clone();
    }
    row
}

/// A declaration of interest, where it was made and what it was.
#[derive(Serialize)]
pub(super) struct DeclarationView {
    name: NameView,
    item: Option<String>,
    /// The item on the meeting's page, from the site root, when it is on the agenda.
    item_url: Option<String>,
    /// The item's anchor on the meeting's page, when it is on the agenda.
    item_anchor: Option<String>,
    kind: crate::model::people::InterestKind,
    kind_label: &'static str,
    interest: String,
    withdrew: bool,
    meeting: MeetingLink,
}

impl DeclarationView {
    pub(super) fn new(site: &Site, links: &Links, m: MeetingIdx, d: &Declaration) -> Self {
        let meeting_url = links.href(&site.meetings[m].path);
        DeclarationView {
            name: NameView::new(site, links, &d.name),
            item: d.item.clone(),
            item_url: d.item_anchor.as_ref().map(|a| format!("{meeting_url}#{a}")),
            item_anchor: d.item_anchor.clone(),
            kind: d.kind,
            kind_label: d.kind.label(),
            interest: d.interest.clone(),
            withdrew: d.withdrew,
            meeting: MeetingLink::new(site, links, m),
        }
    }
}

/// A recorded vote: "Carried: 7 for, 2 against, 1 abstention", and who voted how when
/// the record names them.
#[derive(Serialize)]
pub(super) struct VoteView {
    summary: String,
    result: Option<VoteResult>,
    for_: Vec<NameView>,
    against: Vec<NameView>,
    abstain: Vec<NameView>,
    named: bool,
}

impl VoteView {
    pub(super) fn new(site: &Site, links: &Links, v: &Vote) -> Self {
        let names = |t: &Tally| -> Vec<NameView> {
            t.names
                .iter()
                .map(|n| NameView::new(site, links, n))
                .collect()
        };
        VoteView {
            summary: vote_summary(v),
            result: v.result,
            for_: names(&v.for_),
            against: names(&v.against),
            abstain: names(&v.abstain),
            named: !(v.for_.names.is_empty()
                && v.against.names.is_empty()
                && v.abstain.names.is_empty()),
        }
    }
}

/// "Carried: 7 for, 2 against, 1 abstention"; abstentions only when there were some.
fn vote_summary(v: &Vote) -> String {
    let mut counts = format!("{} for, {} against", v.for_.count, v.against.count);
    match v.abstain.count {
        0 => {}
        1 => counts.push_str(", 1 abstention"),
        n => counts.push_str(&format!(", {n} abstentions")),
    }
    match v.result {
        Some(r) => format!("{}: {counts}", result_label(r)),
        None => counts,
    }
}

fn result_label(r: VoteResult) -> &'static str {
    match r {
        VoteResult::Carried => "Carried",
        VoteResult::Lost => "Lost",
        VoteResult::Tied => "Tied",
    }
}

/// What a decision record states beyond the decision; none when it states nothing.
#[derive(Serialize)]
pub(super) struct RecordView {
    reasons: Vec<String>,
    alternatives: Vec<String>,
    conflicts: Vec<String>,
    key_decision: bool,
}

impl RecordView {
    pub(super) fn new(r: &DecisionRecord, raw_html: bool) -> Option<Self> {
        let html = |list: &[String]| -> Vec<String> {
            list.iter()
                .map(|t| crate::markdown::inline(t, raw_html))
                .collect()
        };
        let view = RecordView {
            reasons: html(&r.reasons),
            alternatives: html(&r.alternatives),
            conflicts: html(&r.conflicts),
            key_decision: r.key_decision,
        };
        let empty = view.reasons.is_empty()
            && view.alternatives.is_empty()
            && view.conflicts.is_empty()
            && !view.key_decision;
        (!empty).then_some(view)
    }
}

/// Where a decision stands at the build's moment, in words.
#[derive(Serialize)]
pub(super) struct CallInView {
    /// `open`, `called-in` or `effective`, for styling.
    state: &'static str,
    text: String,
    outcome: Option<String>,
}

impl CallInView {
    pub(super) fn new(r: &DecisionRecord, today: NaiveDate) -> Option<Self> {
        Some(match r.state_on(today)? {
            CallInState::Open { until } => CallInView {
                state: "open",
                text: format!("Subject to call-in until {}", dates::medium(until)),
                outcome: None,
            },
            CallInState::CalledIn { outcome } => CallInView {
                state: "called-in",
                text: "Called in".to_string(),
                outcome,
            },
            CallInState::Effective { from } => CallInView {
                state: "effective",
                text: format!("Effective from {}", dates::medium(from)),
                outcome: None,
            },
        })
    }
}

/// "since 20 May 2024", "20 May 2024 to 19 May 2025", "until 19 May 2025"; none for a
/// seat with no dates.
fn period(m: &Membership) -> Option<String> {
    match (m.from, m.to) {
        (Some(f), Some(t)) => Some(format!("{} to {}", dates::medium(f), dates::medium(t))),
        (Some(f), None) => Some(format!("since {}", dates::medium(f))),
        (None, Some(t)) => Some(format!("until {}", dates::medium(t))),
        (None, None) => None,
    }
}

/// A seat as the people pages list it.
#[derive(Serialize)]
struct MemberRow {
    name: NameView,
    role: String,
    on_behalf_of: Option<String>,
    party: Option<String>,
    period: Option<String>,
    voting: bool,
    body: String,
    body_url: String,
}

impl MemberRow {
    fn new(site: &Site, links: &Links, m: &Membership) -> Self {
        let body = &site.bodies[m.body];
        MemberRow {
            name: NameView::person(site, links, m.person),
            role: m.role.clone(),
            on_behalf_of: m.on_behalf_of.clone(),
            party: site.people[m.person].party.clone(),
            period: period(m),
            voting: m.voting,
            body: body.name.clone(),
            body_url: links.href(&urls::body_people_path(&body.slug)),
        }
    }
}

/// When a seat is held, judged on the build's day.
#[derive(PartialEq, Clone, Copy)]
enum When {
    Current,
    Former,
    Future,
}

fn when(m: &Membership, today: NaiveDate) -> When {
    if m.covers(today) {
        When::Current
    } else if m.to.is_some_and(|t| t < today) {
        When::Former
    } else {
        When::Future
    }
}

/// One body's members: current (in role order, Chair first), former and appointed.
#[derive(Serialize)]
struct BodyPeople {
    name: String,
    url: String,
    /// The body's page of meetings.
    body_url: String,
    /// On the build's day.
    today: DateView,
    current: Vec<MemberRow>,
    former: Vec<MemberRow>,
    future: Vec<MemberRow>,
}

/// Chairs first, then vice-chairs, then everyone else; then by name.
fn role_rank(role: &str) -> u8 {
    let role = role.to_lowercase();
    if role.starts_with("vice") || role.starts_with("deputy") {
        1
    } else if role.starts_with("chair") {
        0
    } else {
        2
    }
}

impl BodyPeople {
    fn new(site: &Site, links: &Links, b: usize) -> Self {
        let today = today(site);
        let on_body = || site.memberships.iter().filter(|m| m.body == b);
        // Someone still on the body is not a former member: their earlier seats are on
        // their own page.
        let staying: std::collections::HashSet<PersonIdx> = on_body()
            .filter(|m| when(m, today) != When::Former)
            .map(|m| m.person)
            .collect();
        let seats = |which: When| -> Vec<MemberRow> {
            let mut seats: Vec<&Membership> = on_body()
                .filter(|m| when(m, today) == which)
                .filter(|m| which != When::Former || !staying.contains(&m.person))
                .collect();
            match which {
                When::Current => {
                    // Two seats may cover today (a membership and a later appointment as
                    // Chair): the later appointment counts, as on rolls.
                    seats.sort_by_key(|m| (m.person, std::cmp::Reverse(m.from)));
                    seats.dedup_by_key(|m| m.person);
                    seats.sort_by_cached_key(|m| (role_rank(&m.role), sort_name(site, m.person)))
                }
                // The latest to leave first.
                When::Former => seats
                    .sort_by_cached_key(|m| (std::cmp::Reverse(m.to), sort_name(site, m.person))),
                When::Future => seats.sort_by_cached_key(|m| (m.from, sort_name(site, m.person))),
            }
            seats
                .into_iter()
                .map(|m| MemberRow::new(site, links, m))
                .collect()
        };
        let body = &site.bodies[b];
        BodyPeople {
            name: body.name.clone(),
            url: links.href(&urls::body_people_path(&body.slug)),
            body_url: links.href(&urls::body_path(&body.slug)),
            today: DateView::new(today),
            current: seats(When::Current),
            former: seats(When::Former),
            future: seats(When::Future),
        }
    }
}

/// People sort by surname, as rolls and member lists do, titles aside.
fn sort_name(site: &Site, p: PersonIdx) -> (String, &str, &str) {
    let person = &site.people[p];
    let surname = crate::model::names::key(&person.name)
        .map(|k| k.surname)
        .unwrap_or_default();
    (surname, person.name.as_str(), person.id.as_str())
}

/// Everyone: each body's current members, then everyone who sits on no body today.
#[derive(Serialize)]
struct PeopleIndex {
    bodies: Vec<BodyPeople>,
    others: Vec<OtherPerson>,
    count: usize,
}

#[derive(Serialize)]
struct OtherPerson {
    name: NameView,
    party: Option<String>,
    /// Their former seats, "Member, Northshire Police and Crime Panel, 2022 to 2024".
    former: Vec<MemberRow>,
}

impl PeopleIndex {
    fn new(site: &Site, links: &Links) -> Self {
        let today = today(site);
        let bodies = (0..site.bodies.len())
            .map(|b| BodyPeople::new(site, links, b))
            .filter(|b| !(b.current.is_empty() && b.former.is_empty() && b.future.is_empty()))
            .collect();
        let mut others: Vec<(PersonIdx, OtherPerson)> = (0..site.people.len())
            .filter(|&p| {
                let seats = &site.people[p].memberships;
                !seats
                    .iter()
                    .any(|&m| when(&site.memberships[m], today) == When::Current)
            })
            .map(|p| {
                let person = &site.people[p];
                let other = OtherPerson {
                    name: NameView::person(site, links, p),
                    party: person.party.clone(),
                    former: person
                        .memberships
                        .iter()
                        .map(|&m| MemberRow::new(site, links, &site.memberships[m]))
                        .collect(),
                };
                (p, other)
            })
            .collect();
        others.sort_by_cached_key(|(p, _)| sort_name(site, *p));
        PeopleIndex {
            bodies,
            others: others.into_iter().map(|(_, o)| o).collect(),
            count: site.people.len(),
        }
    }
}

/// A person's page.
#[derive(Serialize)]
struct PersonPage {
    name: String,
    url: String,
    party: Option<String>,
    /// Beside the page, from the site root.
    image: Option<String>,
    text_html: String,
    memberships: Vec<MemberRow>,
    records: Vec<RecordOfBody>,
    declarations: Vec<DeclarationView>,
    votes: Vec<VoteRow>,
}

/// A person's attendance at one body's meetings.
#[derive(Serialize)]
struct RecordOfBody {
    body: String,
    /// The body's people page.
    body_url: String,
    slug: String,
    #[serde(flatten)]
    counts: Counts,
    /// Attended of expected, rounded, as ModernGov shows it; none if never expected.
    percent: Option<usize>,
    meetings: Vec<MeetingRow>,
}

#[derive(Serialize)]
struct MeetingRow {
    meeting: MeetingLink,
    status: &'static str,
    label: &'static str,
    /// "substituted by NAME", "for NAME".
    other: Option<NameView>,
    other_label: Option<&'static str>,
}

/// Attended of expected, rounded, as ModernGov shows it; none if never expected.
fn percent_attended(c: &Counts) -> Option<usize> {
    (c.expected > 0).then(|| (c.attended * 100 + c.expected / 2) / c.expected)
}

impl RecordOfBody {
    fn new(site: &Site, links: &Links, r: &BodyRecord) -> Self {
        let body = &site.bodies[r.body];
        let meetings = r
            .meetings
            .iter()
            .map(|&(m, presence)| meeting_row(site, links, m, presence))
            .collect();
        RecordOfBody {
            body: body.name.clone(),
            body_url: links.href(&urls::body_people_path(&body.slug)),
            slug: body.slug.clone(),
            counts: r.counts,
            percent: percent_attended(&r.counts),
            meetings,
        }
    }
}

fn meeting_row(site: &Site, links: &Links, m: MeetingIdx, presence: Presence) -> MeetingRow {
    let present = &site.meetings[m].attendance.present;
    let name = |i: usize, of: fn(&Attendee) -> Option<&NameRef>| {
        present
            .get(i)
            .and_then(of)
            .map(|n| NameView::new(site, links, n))
    };
    let (status, label, other, other_label) = match presence {
        Presence::Attended => ("present", "Attended", None, None),
        Presence::AsSubstitute { entry } => (
            "substitute",
            "Attended as a substitute",
            name(entry, |a| a.substitute_for.as_ref()),
            Some("for"),
        ),
        Presence::Apologies => ("apologies", "Apologies", None, None),
        Presence::Substituted { by } => (
            "substituted",
            "Apologies",
            name(by, |a| Some(&a.name)),
            Some("substituted by"),
        ),
        Presence::Absent => ("absent", "Absent", None, None),
    };
    MeetingRow {
        meeting: MeetingLink::new(site, links, m),
        status,
        label,
        other,
        other_label,
    }
}

/// How the person voted on one decision.
#[derive(Serialize)]
struct VoteRow {
    side: VoteSide,
    label: &'static str,
    /// The decision's text without markup, to be a link's text.
    plain: String,
    decision: super::DecisionView,
}

impl PersonPage {
    fn new(site: &Site, links: &Links, p: PersonIdx) -> Self {
        let person = &site.people[p];
        let image = person
            .image
            .as_ref()
            .map(|a| format!("{}/{}", person.path, a.name));
        PersonPage {
            name: person.name.clone(),
            url: links.href(&person.path),
            party: person.party.clone(),
            image,
            text_html: text_html(site, links, p),
            memberships: person
                .memberships
                .iter()
                .map(|&m| MemberRow::new(site, links, &site.memberships[m]))
                .collect(),
            records: person
                .record
                .iter()
                .map(|r| RecordOfBody::new(site, links, r))
                .collect(),
            declarations: person
                .declarations
                .iter()
                .map(|r| {
                    let d = &site.meetings[r.meeting].declarations[r.index];
                    DeclarationView::new(site, links, r.meeting, d)
                })
                .collect(),
            votes: person
                .votes
                .iter()
                .map(|v| VoteRow {
                    side: v.side,
                    label: match v.side {
                        VoteSide::For => "For",
                        VoteSide::Against => "Against",
                        VoteSide::Abstain => "Abstained",
                    },
                    plain: crate::markdown::plain_text(&site.decisions[v.decision].text)
                        .trim()
                        .to_string(),
                    decision: super::DecisionView::new(site, links, &site.decisions[v.decision]),
                })
                .collect(),
        }
    }
}

/// The person's Markdown text as HTML, under the site's HTML policy. Links to content
/// files are resolved as from the site's content root, the folder `people/` sits beside.
fn text_html(site: &Site, links: &Links, p: PersonIdx) -> String {
    let person = &site.people[p];
    let document = crate::markdown::Document::parse(
        &person.text.markdown,
        &[] as &[&str],
        site.config.unsafe_html,
    );
    links.text_html(site, (&person.path, ""), &document, &Default::default())
}

/// The image of every person, as output files beside their page.
pub(super) fn images(site: &Site) -> Vec<super::OutputFile> {
    site.people
        .iter()
        .filter_map(|p| {
            p.image.as_ref().map(|a| super::OutputFile {
                path: format!("{}/{}", p.path, a.name),
                bytes: a.bytes.as_ref().clone(),
            })
        })
        .collect()
}
