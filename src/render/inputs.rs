//! What each page reads of the model, declared beside the views that read it, so that
//! `serve` can tell which pages an edit changes without building their contexts. A
//! page's output is a function of the records it names here, the site-wide values
//! (settings, globals) and the templates: a view that starts reading another record
//! must name it here too (`tests/serve.rs` compares serve's output with a full build's).

use super::{Content, Links, Page, people, reading};
use crate::model::{DecisionIdx, MeetingIdx, PaperIdx, Site};

/// One record, or one whole-site aspect, of the model that a page reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Record {
    /// What a link to the meeting shows: id, title, date, body, time, venue, status.
    MeetingLink(MeetingIdx),
    /// The whole meeting: its link, attendance, agenda, introduction, minutes.
    Meeting(MeetingIdx),
    /// A paper's front matter and place in the model (with its meeting's link), not its text.
    Paper(PaperIdx),
    /// A paper's Markdown.
    Text(PaperIdx),
    Decision(DecisionIdx),
    Body(usize),
    Topic(usize),
    /// Where every paper and meeting lives, and which are withheld: what a text's links
    /// resolve to.
    Addresses,
    /// The path of a series' page (slugs are made unique across series, so a title can
    /// move another series).
    Series(usize),
    /// The path of every series page.
    SeriesPaths,
    /// Which committee and year each decision falls in: the register's views and counts.
    RegisterShape,
    /// Every meeting's link, every meeting, paper, decision, body, topic.
    AllMeetingLinks,
    AllMeetings,
    AllPapers,
    AllDecisions,
    AllBodies,
    AllTopics,
    /// A person's file and place in the record: name, party, image, text, memberships
    /// (with their bodies' names), attendance counts, which declarations and votes.
    Person(crate::model::people::PersonIdx),
    /// Every person.
    AllPeople,
}

impl Page {
    /// Calls `read` with every record the page's context is made from (a record may be
    /// named more than once).
    pub(crate) fn reads(&self, site: &Site, links: &Links, read: &mut impl FnMut(Record)) {
        use Record::*;
        match self.content {
            Content::Home | Content::Meetings => {
                for r in [AllBodies, AllMeetingLinks, AllDecisions] {
                    read(r);
                }
            }
            Content::Meeting(m) => meeting(site, m, read),
            Content::Paper(p) => paper(site, links, p, read),
            Content::Items => {
                for r in [AllMeetings, AllPapers, AllMeetingLinks] {
                    read(r);
                }
            }
            Content::Decisions(filter) => {
                for r in [RegisterShape, AllBodies] {
                    read(r);
                }
                for &d in links.register.of(filter) {
                    read(Decision(d));
                }
            }
            Content::Topics => read(AllTopics),
            Content::Topic(t) => {
                read(Topic(t));
                site.topics[t].papers.iter().for_each(|&p| read(Paper(p)));
            }
            Content::NotFound => {}
            Content::Search => {
                for r in [AllPapers, AllMeetingLinks, AllBodies] {
                    read(r);
                }
            }
            Content::Reading(ref r) => reading_page(site, links, r, read),
            Content::People(p) => people_page(site, p, read),
            Content::Redirect(crate::model::RedirectTo::Paper(p)) => read(Paper(p)),
            Content::Redirect(crate::model::RedirectTo::Meeting(m)) => read(MeetingLink(m)),
        }
    }
}

fn meeting(site: &Site, m: MeetingIdx, read: &mut impl FnMut(Record)) {
    let meeting = &site.meetings[m];
    read(Record::Meeting(m));
    read(Record::Body(meeting.body));
    for n in meeting.previous.iter().chain(&meeting.next) {
        read(Record::MeetingLink(*n));
    }
    if crate::check::links::may_link(&meeting.intro.markdown) {
        read(Record::Addresses);
    }
    for entry in &meeting.agenda {
        entry.paper.iter().for_each(|&p| read(Record::Paper(p)));
        entry
            .decisions
            .iter()
            .for_each(|&d| read(Record::Decision(d)));
    }
    meeting.minutes.iter().for_each(|&p| read(Record::Paper(p)));
    meeting
        .other_decisions
        .iter()
        .for_each(|&d| read(Record::Decision(d)));
}

/// A paper's text, and what its links lead to if it has any.
fn text(site: &Site, p: PaperIdx, read: &mut impl FnMut(Record)) {
    read(Record::Text(p));
    if crate::check::links::may_link(&site.papers[p].text.markdown) {
        read(Record::Addresses);
    }
}

fn paper(site: &Site, links: &Links, p: PaperIdx, read: &mut impl FnMut(Record)) {
    use Record::*;
    let paper = &site.papers[p];
    read(Paper(p));
    read(Body(site.meetings[paper.meeting].body));
    text(site, p, read);
    for &d in paper.decisions.iter().chain(&paper.outcome) {
        read(Decision(d));
    }
    paper.minutes_of.iter().for_each(|&m| read(MeetingLink(m)));
    let related = paper.follows.iter().chain(&paper.followed_by);
    let neighbours = paper.previous.iter().chain(&paper.next);
    for &q in related.chain(&paper.series).chain(neighbours) {
        read(Paper(q));
    }
    for &f in &paper.followed_by {
        site.papers[f]
            .outcome
            .iter()
            .for_each(|&d| read(Decision(d)));
    }
    if let Some(i) = links.reading.series_of(site, p) {
        read(Series(i));
    }
}

fn reading_page(site: &Site, links: &Links, r: &reading::Content, read: &mut impl FnMut(Record)) {
    use Record::*;
    match *r {
        reading::Content::Pack(m) => {
            meeting(site, m, read);
            for p in site.meetings[m].agenda.iter().filter_map(|e| e.paper) {
                text(site, p, read);
                site.papers[p]
                    .decisions
                    .iter()
                    .for_each(|&d| read(Decision(d)));
            }
        }
        reading::Content::Body(b) => {
            read(Body(b));
            site.bodies[b]
                .meetings
                .iter()
                .for_each(|&m| read(MeetingLink(m)));
        }
        reading::Content::Year(b, year) => {
            read(Body(b));
            // Every meeting's date, for the years before and after; this year's agendas.
            for &m in &site.bodies[b].meetings {
                read(MeetingLink(m));
                if chrono::Datelike::year(&site.meetings[m].date) == year {
                    read(Meeting(m));
                    let papers = site.meetings[m].agenda.iter().filter_map(|e| e.paper);
                    papers.for_each(|p| read(Paper(p)));
                }
            }
        }
        reading::Content::Series(i) => {
            read(Series(i));
            for &p in links.reading.series_papers(site, i) {
                read(Paper(p));
                let paper = &site.papers[p];
                for &d in paper.outcome.iter().chain(&paper.decisions) {
                    read(Decision(d));
                }
            }
        }
        reading::Content::SeriesIndex => {
            read(SeriesPaths);
            for i in 0..links.reading.series_count() {
                let thread = links.reading.series_papers(site, i);
                thread
                    .first()
                    .iter()
                    .chain(&thread.last())
                    .for_each(|&&p| read(Paper(p)));
            }
        }
        reading::Content::Accessibility => {}
    }
}

fn people_page(site: &Site, p: people::Content, read: &mut impl FnMut(Record)) {
    use Record::*;
    match p {
        people::Content::All => {
            read(AllPeople);
            read(AllBodies);
        }
        people::Content::Body(b) => {
            read(AllPeople);
            read(Body(b));
        }
        people::Content::Person(p) => {
            let person = &site.people[p];
            read(Person(p));
            // The meetings of their record and declarations, whose attendance names
            // who substituted for whom; the decisions they voted on.
            for r in &person.record {
                read(Body(r.body));
                r.meetings.iter().for_each(|&(m, _)| read(Meeting(m)));
            }
            person
                .declarations
                .iter()
                .for_each(|d| read(Meeting(d.meeting)));
            person.votes.iter().for_each(|v| read(Decision(v.decision)));
        }
    }
}
