//! Fingerprints of pages from their inputs: each model record is hashed once per rebuild,
//! and a page's fingerprint combines the hashes of the records it reads
//! ([`Page::reads`]) with the site-wide values and the templates. No page context is
//! built for it.
//!
//! Records are hashed by content, naming the records they point to by id rather than
//! by index, so that adding a paper (which shifts the indexes of the papers after it)
//! changes only the records that really changed. Each record's fields are taken apart
//! exhaustively: a field added to the model does not compile until it is hashed here.

use std::hash::{DefaultHasher, Hash, Hasher};

use rayon::prelude::*;

use crate::model::people::{BodyRecord, NameRef};
use crate::model::{
    AgendaEntry, Attachment, Committee, Decision, Meeting, MeetingIdx, Membership, Paper, PaperIdx,
    Person, Site, Topic,
};
use crate::render::inputs::Record;
use crate::render::{Links, Page};

/// The hash of every record of one model.
pub(super) struct Hashes {
    meeting_link: Vec<u64>,
    meeting: Vec<u64>,
    paper: Vec<u64>,
    text: Vec<u64>,
    decision: Vec<u64>,
    body: Vec<u64>,
    topic: Vec<u64>,
    series: Vec<u64>,
    addresses: u64,
    series_paths: u64,
    register_shape: u64,
    person: Vec<u64>,
    all: [u64; 7],
}

impl Hashes {
    /// Hashes every record of `site`; `text` gives the hash of a paper's Markdown (kept
    /// from when it was read, as hashing every text again would cost more than the rest).
    pub(super) fn new(
        site: &Site,
        links: &Links,
        text: impl Fn(&Paper) -> u64 + Sync + Send,
    ) -> Self {
        let meeting_link: Vec<u64> = (0..site.meetings.len())
            .into_par_iter()
            .map(|m| meeting_link(site, m))
            .collect();
        let paper: Vec<u64> = (0..site.papers.len())
            .into_par_iter()
            .map(|p| paper(site, &meeting_link, p))
            .collect();
        let decision: Vec<u64> = site
            .decisions
            .par_iter()
            .map(|d| decision(site, &meeting_link, &paper, d))
            .collect();
        let meeting: Vec<u64> = (0..site.meetings.len())
            .into_par_iter()
            .map(|m| meeting(site, meeting_link[m], m))
            .collect();
        let body: Vec<u64> = site.bodies.iter().map(|b| body(site, b)).collect();
        let topic: Vec<u64> = site.topics.iter().map(|t| topic(site, t)).collect();
        let person: Vec<u64> = (0..site.people.len()).map(|p| person(site, p)).collect();
        let all = [
            of_all(&meeting_link),
            of_all(&meeting),
            of_all(&paper),
            of_all(&decision),
            of_all(&body),
            of_all(&topic),
            of_all(&person),
        ];
        Hashes {
            text: site.papers.par_iter().map(&text).collect(),
            addresses: addresses(site),
            series: links.series_paths().iter().map(hash).collect(),
            series_paths: hash(&links.series_paths()),
            register_shape: register_shape(site),
            meeting_link,
            meeting,
            paper,
            decision,
            body,
            topic,
            person,
            all,
        }
    }

    /// Takes account of a new text of paper `p`.
    pub(super) fn set_text(&mut self, p: PaperIdx, hash: u64) {
        self.text[p] = hash;
    }

    fn of(&self, record: Record) -> u64 {
        match record {
            Record::MeetingLink(m) => self.meeting_link[m],
            Record::Meeting(m) => self.meeting[m],
            Record::Paper(p) => self.paper[p],
            Record::Text(p) => self.text[p],
            Record::Decision(d) => self.decision[d],
            Record::Body(b) => self.body[b],
            Record::Topic(t) => self.topic[t],
            Record::Addresses => self.addresses,
            Record::Series(i) => self.series[i],
            Record::SeriesPaths => self.series_paths,
            Record::RegisterShape => self.register_shape,
            Record::AllMeetingLinks => self.all[0],
            Record::AllMeetings => self.all[1],
            Record::AllPapers => self.all[2],
            Record::AllDecisions => self.all[3],
            Record::AllBodies => self.all[4],
            Record::AllTopics => self.all[5],
            Record::Person(p) => self.person[p],
            Record::AllPeople => self.all[6],
        }
    }

    /// What every output made from the whole site (feeds, calendars, data, attachments,
    /// the sitemap) is made from, besides the site-wide values.
    pub(super) fn whole_site(&self) -> u64 {
        hash(&(self.all, self.addresses))
    }
}

/// A page's fingerprint: its path and template, `global` (the templates and site-wide
/// values), and the records it reads, in the order it reads them.
pub(super) fn page(site: &Site, links: &Links, hashes: &Hashes, global: u64, page: &Page) -> u64 {
    let mut h = DefaultHasher::new();
    (global, page.output_path(), page.template()).hash(&mut h);
    page.reads(site, links, &mut |r| {
        r.hash(&mut h);
        hashes.of(r).hash(&mut h);
    });
    h.finish()
}

/// The hash of a paper's Markdown, as kept when it is read.
pub(super) fn text(markdown: &str) -> u64 {
    hash(&markdown)
}

fn hash(value: &impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

fn of_all(hashes: &[u64]) -> u64 {
    hash(&hashes)
}

fn paper_id(site: &Site, p: PaperIdx) -> &str {
    &site.papers[p].id
}

fn meeting_id(site: &Site, m: MeetingIdx) -> &str {
    &site.meetings[m].id
}

fn meeting_link(site: &Site, m: MeetingIdx) -> u64 {
    let meeting = &site.meetings[m];
    let body = &site.bodies[meeting.body];
    hash(&(
        &meeting.id,
        &meeting.path,
        meeting.date,
        &meeting.title,
        &body.name,
        &body.slug,
        &meeting.time,
        &meeting.venue,
        meeting.status.map(|s| s as u8),
        meeting.agenda.is_empty(),
    ))
}

fn meeting(site: &Site, link: u64, m: MeetingIdx) -> u64 {
    let Meeting {
        id: _,
        path: _,
        date: _,
        title: _,
        body: _,
        time: _,
        venue: _,
        status: _,
        attendance,
        roll,
        declarations,
        aliases,
        agenda,
        intro,
        file,
        draft,
        minutes,
        other_decisions,
        previous,
        next,
    } = &site.meetings[m];
    let mut h = DefaultHasher::new();
    link.hash(&mut h);
    let people = [
        &attendance.present,
        &attendance.apologies,
        &attendance.in_attendance,
    ];
    (people, &*intro.markdown, intro.first_line, file, draft).hash(&mut h);
    (roll, declarations, aliases).hash(&mut h);
    // Entries hold indexes: what pages show of the people and seats they point to.
    for entry in roll {
        membership(site, entry.membership, &mut h);
    }
    let names = people
        .iter()
        .flat_map(|list| list.iter())
        .flat_map(|a| std::iter::once(&a.name).chain(&a.substitute_for));
    for n in names.chain(declarations.iter().map(|d| &d.name)) {
        person_name(site, n, &mut h);
    }
    for entry in agenda {
        agenda_entry(site, entry, &mut h);
    }
    let papers =
        |list: &[PaperIdx]| -> Vec<&str> { list.iter().map(|&p| paper_id(site, p)).collect() };
    papers(minutes).hash(&mut h);
    let decisions: Vec<&str> = other_decisions
        .iter()
        .map(|&d| site.decisions[d].anchor.as_str())
        .collect();
    decisions.hash(&mut h);
    let neighbour = |n: &Option<MeetingIdx>| n.map(|n| meeting_id(site, n));
    (neighbour(previous), neighbour(next)).hash(&mut h);
    h.finish()
}

fn agenda_entry(site: &Site, entry: &AgendaEntry, h: &mut DefaultHasher) {
    let AgendaEntry {
        anchor,
        item,
        title,
        section,
        paper,
        to_follow,
        decisions,
    } = entry;
    let paper = paper.map(|p| paper_id(site, p));
    (anchor, item, title, section, paper, to_follow).hash(h);
    decisions.len().hash(h);
    for &d in decisions {
        let d = &site.decisions[d];
        (&d.anchor, paper_id(site, d.recorded_in)).hash(h);
    }
}

fn paper(site: &Site, meeting_link: &[u64], p: PaperIdx) -> u64 {
    let Paper {
        id,
        path,
        file,
        title,
        date,
        meeting,
        item,
        section,
        kind,
        to,
        from,
        classification,
        exempt,
        draft,
        supplement,
        minutes_of,
        recommendations,
        decisions,
        outcome,
        follows,
        followed_by,
        series,
        topics,
        attachments,
        // Hashed apart (`Record::Text`), as most pages that show a paper do not show it.
        text: _,
        previous,
        next,
        aliases,
    } = &site.papers[p];
    let mut h = DefaultHasher::new();
    (id, path, file, title, date, meeting_link[*meeting]).hash(&mut h);
    (item, section, kind, to, from, classification, exempt).hash(&mut h);
    (draft, supplement, minutes_of.map(|m| meeting_id(site, m))).hash(&mut h);
    recommendations.hash(&mut h);
    let anchors = |list: &[usize]| -> Vec<&str> {
        list.iter()
            .map(|&d| site.decisions[d].anchor.as_str())
            .collect()
    };
    (anchors(decisions), anchors(outcome)).hash(&mut h);
    let ids =
        |list: &[PaperIdx]| -> Vec<&str> { list.iter().map(|&q| paper_id(site, q)).collect() };
    let one = |q: &Option<PaperIdx>| q.map(|q| paper_id(site, q));
    (one(follows), ids(followed_by), ids(series)).hash(&mut h);
    (one(previous), one(next), aliases).hash(&mut h);
    for &t in topics {
        let topic = &site.topics[t];
        (&topic.name, &topic.slug, topic.papers.len()).hash(&mut h);
    }
    for Attachment { name, title, bytes } in attachments {
        // Pages show an attachment's size; its bytes are compared as an output file.
        (name, title, bytes.len()).hash(&mut h);
    }
    h.finish()
}

fn decision(site: &Site, meeting_link: &[u64], paper: &[u64], d: &Decision) -> u64 {
    let Decision {
        reference,
        anchor,
        text,
        item,
        date,
        by,
        recorded_in,
        meeting,
        decides,
        item_anchor,
        vote,
        record,
    } = d;
    let mut h = DefaultHasher::new();
    (reference, anchor, text, item, date, by, item_anchor).hash(&mut h);
    (vote, record).hash(&mut h);
    if let Some(v) = vote {
        for n in [&v.for_, &v.against, &v.abstain]
            .into_iter()
            .flat_map(|t| &t.names)
        {
            person_name(site, n, &mut h);
        }
    }
    (paper[*recorded_in], meeting_link[*meeting]).hash(&mut h);
    decides.map(|p| paper[p]).hash(&mut h);
    h.finish()
}

fn body(site: &Site, b: &Committee) -> u64 {
    let Committee {
        name,
        slug,
        meetings,
    } = b;
    let ids: Vec<&str> = meetings.iter().map(|&m| meeting_id(site, m)).collect();
    hash(&(name, slug, ids))
}

fn topic(site: &Site, t: &Topic) -> u64 {
    let Topic { name, slug, papers } = t;
    let ids: Vec<&str> = papers.iter().map(|&p| paper_id(site, p)).collect();
    hash(&(name, slug, ids))
}

/// Where every paper and meeting lives and what is withheld: what links resolve to.
fn addresses(site: &Site) -> u64 {
    let mut h = DefaultHasher::new();
    for p in &site.papers {
        (&p.id, &p.path, p.exempt.is_some(), &p.aliases).hash(&mut h);
    }
    for m in &site.meetings {
        (&m.id, &m.path, &m.file).hash(&mut h);
    }
    for (id, why) in &site.withheld {
        id.hash(&mut h);
        match why {
            crate::model::Withheld::Draft => 0usize.hash(&mut h),
            crate::model::Withheld::ToFollow { meeting, anchor } => {
                (meeting_id(site, *meeting), anchor).hash(&mut h)
            }
        }
    }
    h.finish()
}

/// Which committee and year each decision falls in, newest first as the register lists
/// them.
fn register_shape(site: &Site) -> u64 {
    let mut h = DefaultHasher::new();
    site.bodies.len().hash(&mut h);
    for d in &site.decisions {
        let body = site.meetings[d.meeting].body;
        (body, chrono::Datelike::year(&d.date), &d.anchor).hash(&mut h);
    }
    h.finish()
}

/// What a page shows of the person a name was matched to: their name and page.
fn person_name(site: &Site, n: &NameRef, h: &mut DefaultHasher) {
    site.has_people.hash(h);
    if let Some(p) = n.person.and_then(|p| site.people.get(p)) {
        (&p.id, &p.name, &p.path).hash(h);
    }
}

/// A seat, as a roll or a people page shows it.
fn membership(site: &Site, m: usize, h: &mut DefaultHasher) {
    let Membership {
        person,
        body,
        role,
        on_behalf_of,
        from,
        to,
        voting,
    } = &site.memberships[m];
    let p = &site.people[*person];
    let b = &site.bodies[*body];
    (&p.id, &p.name, &p.path, &p.party).hash(h);
    (&b.name, &b.slug, role, on_behalf_of, from, to, voting).hash(h);
}

fn person(site: &Site, p: usize) -> u64 {
    let Person {
        id,
        path,
        file,
        name,
        aliases,
        party,
        image,
        memberships,
        text,
        record,
        declarations,
        votes,
    } = &site.people[p];
    let mut h = DefaultHasher::new();
    (id, path, file, name, aliases, party).hash(&mut h);
    if let Some(Attachment { name, title, bytes }) = image {
        (name, title, bytes.len()).hash(&mut h);
    }
    (&*text.markdown, text.first_line).hash(&mut h);
    for &m in memberships {
        membership(site, m, &mut h);
    }
    for r in record {
        let BodyRecord {
            body,
            meetings,
            counts,
        } = r;
        (&site.bodies[*body].name, &site.bodies[*body].slug).hash(&mut h);
        counts.hash(&mut h);
        for (m, presence) in meetings {
            (meeting_id(site, *m), presence).hash(&mut h);
        }
    }
    for d in declarations {
        (meeting_id(site, d.meeting), d.index).hash(&mut h);
    }
    for v in votes {
        (&site.decisions[v.decision].anchor, v.side).hash(&mut h);
        paper_id(site, site.decisions[v.decision].recorded_in).hash(&mut h);
    }
    h.finish()
}
