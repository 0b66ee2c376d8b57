//! Open data: `data/meetings.json`, `data/papers.json` and `data/decisions.json` (and,
//! with a `people/` folder, `data/persons.json` and `data/memberships.json`), each
//! with a JSON Schema (draft 2020-12) under `data/schema/`. Field names follow Open Civic
//! Data events and OParl meetings, agenda items and papers where they have one. An
//! exempt paper is only a placeholder: id, title, exempt and the reason.

use serde::Serialize;
use tera::Context;

use super::{people, record, time};
use crate::base::error::Diagnostic;
use crate::base::output::OutputFile;
use crate::model::people::CallInState;
use crate::model::{Decision, MeetingIdx, PaperIdx, Site};
use crate::render::templates::Templates;
use crate::urls::{self, Urls};

/// Published as they are, and linked from every data file's `$schema`.
pub(super) const SCHEMAS: [(&str, &str); 5] = [
    (
        "data/schema/meetings.schema.json",
        include_str!("schema/meetings.schema.json"),
    ),
    (
        "data/schema/papers.schema.json",
        include_str!("schema/papers.schema.json"),
    ),
    (
        "data/schema/decisions.schema.json",
        include_str!("schema/decisions.schema.json"),
    ),
    (
        "data/schema/persons.schema.json",
        include_str!("schema/persons.schema.json"),
    ),
    (
        "data/schema/memberships.schema.json",
        include_str!("schema/memberships.schema.json"),
    ),
];

/// The data files about people, left out (with their schemas) without a `people/` folder.
const PEOPLE_FILES: [&str; 2] = ["persons", "memberships"];

/// The schemas this site publishes: those of the files it writes.
fn schemas(site: &Site) -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    SCHEMAS.iter().filter(|(path, _)| {
        site.has_people
            || !PEOPLE_FILES
                .iter()
                .any(|n| path.ends_with(&format!("/{n}.schema.json")))
    })
}

#[derive(Serialize)]
struct Document<T: Serialize> {
    #[serde(rename = "$schema")]
    schema: String,
    site: String,
    timezone: String,
    #[serde(flatten)]
    items: T,
}

#[derive(Serialize)]
struct Meetings {
    meetings: Vec<MeetingData>,
}

#[derive(Serialize)]
struct MeetingData {
    id: String,
    name: String,
    body: String,
    start_date: String,
    /// Local time in the site's zone, as ISO 8601 with its offset, when `time` reads as one.
    start_time: Option<String>,
    /// As the clerk wrote it.
    time_text: Option<String>,
    location: Option<Location>,
    status: Option<crate::base::vocab::Status>,
    url: String,
    calendar: String,
    agenda: Vec<AgendaItemData>,
    minutes: Vec<PaperRef>,
    /// As recorded: names as written, with the person matched.
    attendance: record::Attendance,
    /// The members expected (held meetings with attendance recorded only).
    roll: Vec<record::RollData>,
    declarations: Vec<record::DeclarationData>,
}

#[derive(Serialize)]
struct Location {
    name: String,
}

#[derive(Serialize)]
struct AgendaItemData {
    order: usize,
    item: Option<String>,
    name: String,
    section: Option<String>,
    paper: Option<PaperRef>,
    decisions: Vec<DecisionRef>,
}

#[derive(Serialize)]
struct PaperRef {
    id: String,
    name: String,
    url: String,
    exempt: bool,
}

#[derive(Serialize)]
struct DecisionRef {
    id: String,
    reference: Option<String>,
}

#[derive(Serialize)]
struct Papers {
    papers: Vec<PaperData>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum PaperData {
    Public(Box<PublicPaper>),
    Exempt(ExemptPaper),
}

#[derive(Serialize)]
struct PublicPaper {
    id: String,
    name: String,
    url: String,
    exempt: bool,
    date: String,
    kind: crate::base::vocab::PaperKind,
    meeting: String,
    body: String,
    item: Option<String>,
    section: Option<String>,
    to: Option<String>,
    from: Option<String>,
    classification: Option<String>,
    topics: Vec<String>,
    /// Inline Markdown, as written.
    recommendations: Vec<String>,
    decisions: Vec<DecisionRef>,
    outcome: Vec<DecisionRef>,
    minutes_of: Option<String>,
    follows: Option<String>,
    followed_by: Vec<String>,
}

#[derive(Serialize)]
struct ExemptPaper {
    id: String,
    name: String,
    exempt: bool,
    exempt_reason: String,
}

#[derive(Serialize)]
struct Decisions {
    /// The day the decisions' states were judged on (the build's), when one of them is
    /// still open to call-in: otherwise no state depends on the day, and neither do the
    /// file's bytes.
    state_on: Option<String>,
    decisions: Vec<DecisionData>,
}

#[derive(Serialize)]
struct DecisionData {
    id: String,
    reference: Option<String>,
    date: String,
    maker: String,
    /// Inline Markdown, as written.
    text: String,
    item: Option<String>,
    meeting: String,
    paper: Option<String>,
    recorded_in: String,
    url: String,
    vote: Option<record::VoteData>,
    #[serde(flatten)]
    record: record::RecordData,
}

pub(super) fn files(site: &Site) -> Vec<OutputFile> {
    let today = record::today(site);
    let mut files = vec![
        json(
            site,
            "data/meetings.json",
            Meetings {
                meetings: (0..site.meetings.len()).map(|m| meeting(site, m)).collect(),
            },
        ),
        json(
            site,
            "data/papers.json",
            Papers {
                papers: (0..site.papers.len()).map(|p| paper(site, p)).collect(),
            },
        ),
        json(
            site,
            "data/decisions.json",
            Decisions {
                state_on: site
                    .decisions
                    .iter()
                    .any(|d| matches!(d.record.state_on(today), Some(CallInState::Open { .. })))
                    .then(|| crate::base::dates::iso(today)),
                decisions: site
                    .decisions
                    .iter()
                    .map(|d| decision(site, d, today))
                    .collect(),
            },
        ),
    ];
    if site.has_people {
        files.push(json(site, "data/persons.json", people::persons(site)));
        files.push(json(
            site,
            "data/memberships.json",
            people::memberships(site),
        ));
    }
    files.extend(schemas(site).map(|(path, text)| OutputFile {
        path: path.to_string(),
        bytes: text.as_bytes().to_vec(),
    }));
    files
}

fn json<T: Serialize>(site: &Site, path: &str, items: T) -> OutputFile {
    let name = path.trim_start_matches("data/").trim_end_matches(".json");
    let doc = Document {
        schema: format!("schema/{name}.schema.json"),
        site: site.config.title.clone(),
        timezone: site.config.timezone.clone(),
        items,
    };
    // Serialising plain structs of strings and numbers cannot fail.
    let mut bytes = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    bytes.push(b'\n');
    OutputFile {
        path: path.to_string(),
        bytes,
    }
}

/// Links in the data are from the `data/` folder, or absolute with `base_url`.
const FROM: &str = "data/meetings.json";

fn meeting(site: &Site, m: MeetingIdx) -> MeetingData {
    let meeting = &site.meetings[m];
    let href = Urls::new(site);
    let start_time = meeting
        .time
        .as_deref()
        .and_then(time::parse)
        .and_then(|span| {
            use chrono::TimeZone;
            let local = meeting.date.and_time(span.start);
            super::zone(site)
                .from_local_datetime(&local)
                .earliest()
                .map(|t| t.fixed_offset().to_rfc3339())
        });
    MeetingData {
        id: meeting.id.clone(),
        name: meeting.display_title(site),
        body: site.bodies[meeting.body].name.clone(),
        start_date: crate::base::dates::iso(meeting.date),
        start_time,
        time_text: meeting.time.clone(),
        location: meeting.venue.clone().map(|name| Location { name }),
        status: meeting.status,
        url: href.to_page(FROM, &meeting.path),
        calendar: href.to_file(FROM, &urls::meeting_calendar(&meeting.path)),
        agenda: meeting
            .agenda
            .iter()
            .enumerate()
            .map(|(i, e)| AgendaItemData {
                order: i + 1,
                item: e.item.clone(),
                name: e.title.clone(),
                section: e.section.clone(),
                paper: e.paper.map(|p| paper_ref(site, p)),
                decisions: e
                    .decisions
                    .iter()
                    .map(|&d| decision_ref(site, &site.decisions[d]))
                    .collect(),
            })
            .collect(),
        minutes: meeting
            .minutes
            .iter()
            .map(|&p| paper_ref(site, p))
            .collect(),
        attendance: record::Attendance::new(site, meeting),
        roll: record::roll(site, meeting),
        declarations: record::declarations(site, meeting),
    }
}

fn paper_ref(site: &Site, p: PaperIdx) -> PaperRef {
    let paper = &site.papers[p];
    PaperRef {
        id: paper.id.clone(),
        name: paper.title.clone(),
        url: Urls::new(site).to_page(FROM, &paper.path),
        exempt: paper.exempt.is_some(),
    }
}

/// A decision is known by the paper that records it and its anchor there.
fn decision_ref(site: &Site, d: &Decision) -> DecisionRef {
    DecisionRef {
        id: format!("{}#{}", site.papers[d.recorded_in].id, d.anchor),
        reference: d.reference.clone(),
    }
}

fn paper(site: &Site, p: PaperIdx) -> PaperData {
    let paper = &site.papers[p];
    if let Some(reason) = &paper.exempt {
        return PaperData::Exempt(ExemptPaper {
            id: paper.id.clone(),
            name: paper.title.clone(),
            exempt: true,
            exempt_reason: reason.clone(),
        });
    }
    let meeting = &site.meetings[paper.meeting];
    let id = |i: PaperIdx| site.papers[i].id.clone();
    let refs = |list: &[usize]| {
        list.iter()
            .map(|&d| decision_ref(site, &site.decisions[d]))
            .collect()
    };
    PaperData::Public(Box::new(PublicPaper {
        id: paper.id.clone(),
        name: paper.title.clone(),
        url: Urls::new(site).to_page(FROM, &paper.path),
        exempt: false,
        date: crate::base::dates::iso(paper.date),
        kind: paper.kind,
        meeting: meeting.id.clone(),
        body: site.bodies[meeting.body].name.clone(),
        item: paper.item.clone(),
        section: paper.section.clone(),
        to: paper.to.clone(),
        from: paper.from.clone(),
        classification: paper.classification.clone(),
        topics: paper
            .topics
            .iter()
            .map(|&t| site.topics[t].name.clone())
            .collect(),
        recommendations: paper.recommendations.clone(),
        decisions: refs(&paper.decisions),
        outcome: refs(&paper.outcome),
        minutes_of: paper.minutes_of.map(|m| site.meetings[m].id.clone()),
        follows: paper.follows.map(id),
        followed_by: paper.followed_by.iter().map(|&i| id(i)).collect(),
    }))
}

fn decision(site: &Site, d: &Decision, today: chrono::NaiveDate) -> DecisionData {
    let recorded_in = &site.papers[d.recorded_in];
    let page = Urls::new(site).to_page(FROM, &recorded_in.path);
    DecisionData {
        id: decision_ref(site, d).id,
        reference: d.reference.clone(),
        date: crate::base::dates::iso(d.date),
        maker: d.by.clone(),
        text: d.text.clone(),
        item: d.item.clone(),
        meeting: site.meetings[d.meeting].id.clone(),
        paper: d.decides.map(|p| site.papers[p].id.clone()),
        recorded_in: recorded_in.id.clone(),
        url: format!("{page}#{}", d.anchor),
        vote: record::vote(site, d),
        record: record::record(d, today),
    }
}

#[derive(Serialize)]
struct Listing {
    name: String,
    href: String,
}

/// The "Open data, feeds and calendars" page: every machine-readable file, linked.
pub(super) fn page(site: &Site, templates: &Templates) -> Result<OutputFile, Diagnostic> {
    let href = Urls::new(site);
    let file = "data/index.html";
    let item = |name: &str, path: &str| Listing {
        name: name.to_string(),
        href: path.to_string(),
    };
    let mut feeds = vec![
        item("Recent papers", urls::PAPERS_FEED),
        item("Decisions", urls::DECISIONS_FEED),
    ];
    feeds.extend(
        site.bodies
            .iter()
            .map(|b| item(&b.name, &urls::body_feed(&b.slug))),
    );
    let topic_feeds: Vec<Listing> = site
        .topics
        .iter()
        .map(|t| item(&t.name, &urls::topic_feed(&t.slug)))
        .collect();
    let series_feeds: Vec<Listing> = crate::render::series(site)
        .into_iter()
        .map(|(slug, thread)| {
            let title = thread.first().map(|&p| site.papers[p].title.as_str());
            item(title.unwrap_or_default(), &urls::series_feed(&slug))
        })
        .collect();
    let calendars: Vec<Listing> = site
        .bodies
        .iter()
        .map(|b| item(&b.name, &urls::body_calendar(&b.slug)))
        .collect();
    let mut c = Context::new();
    c.insert("root", &href.root(file));
    c.insert("page_path", &href.page(urls::DATA_PAGE));
    c.insert("current", "");
    c.insert("feeds", &feeds);
    c.insert("topic_feeds", &topic_feeds);
    c.insert("series_feeds", &series_feeds);
    c.insert("calendars", &calendars);
    let data: Vec<Listing> = schemas(site)
        .map(|(schema, _)| {
            let name = schema.trim_start_matches("data/schema/");
            let file = format!("data/{}", name.replace(".schema.json", ".json"));
            // `name` is the data file, `href` its schema.
            item(&file, schema)
        })
        .collect();
    c.insert("data", &data);
    // Only with an absolute base_url, as the export itself.
    if super::oparl::exported(site) {
        c.insert(
            "oparl_system",
            &href.to_file(file, super::oparl::SYSTEM_FILE),
        );
    }
    c.insert("timezone", &site.config.timezone);
    let html = templates.render(super::DATA_TEMPLATE, &c)?;
    Ok(OutputFile {
        path: file.to_string(),
        bytes: html.into_bytes(),
    })
}
