//! The OParl objects, one builder per type, and the order they are written in.

use std::collections::{BTreeMap, HashSet};

use chrono::{NaiveDate, TimeZone};
use serde::Serialize;
use serde_json::Value;

use rayon::prelude::*;

use super::{At, Export, json, kind, object_file};
use crate::base::dates::iso;
use crate::base::output::OutputFile;
use crate::base::text::{slugify, unique_id};
use crate::base::vocab::Status;
use crate::model::{MeetingIdx, PaperIdx, Site};
use crate::urls;

/// Paths of the objects, by type.
/// `oparl/system.json`, [`super::SYSTEM_FILE`].
const SYSTEM: &str = "system";
const BODY: &str = "body/1";

fn organization_path(slug: &str) -> String {
    format!("organization/{slug}")
}

fn person_path(id: &str) -> String {
    format!("person/{id}")
}

fn membership_path(site: &Site, m: usize) -> String {
    format!(
        "membership/{}",
        crate::outputs::people::membership_id(site, m)
    )
}

fn meeting_path(id: &str) -> String {
    format!("meeting/{id}")
}

fn agenda_item_path(meeting: &str, order: usize) -> String {
    format!("agendaitem/{meeting}/{order}")
}

fn location_path(meeting: &str) -> String {
    format!("location/{meeting}")
}

fn paper_path(id: &str) -> String {
    format!("paper/{id}")
}

/// A paper's page as a File (`page`), or its attachment `n` (from 1).
fn file_path(paper: &str, which: &str) -> String {
    format!("file/{paper}/{which}")
}

/// Timestamps from a date: its midnight in the site's zone.
#[derive(Serialize, Clone)]
struct Stamps {
    created: String,
    modified: String,
}

impl Stamps {
    fn new(site: &Site, from: NaiveDate, to: NaiveDate) -> Self {
        let at = |d| crate::outputs::start_of(site, d).to_rfc3339();
        Stamps {
            created: at(from),
            modified: at(to.max(from)),
        }
    }

    fn on(site: &Site, date: NaiveDate) -> Self {
        Self::new(site, date, date)
    }
}

/// The organisations of the export: the site's bodies, then the councils and
/// organisations members sit for, each with its slug under `organization/`.
struct Organizations {
    /// Slug of each of `Site::bodies`.
    bodies: Vec<String>,
    /// Slug of each `on_behalf_of` name, by name.
    nominators: BTreeMap<String, String>,
}

impl Organizations {
    fn new(site: &Site) -> Self {
        let mut used = HashSet::new();
        let bodies = site
            .bodies
            .iter()
            .map(|b| unique_id(&mut used, &b.slug))
            .collect();
        let mut names: Vec<&String> = site
            .memberships
            .iter()
            .filter_map(|m| m.on_behalf_of.as_ref())
            .collect();
        names.sort();
        names.dedup();
        let nominators = names
            .into_iter()
            .map(|n| {
                let slug = match slugify(n) {
                    s if s.is_empty() => "organisation".to_string(),
                    s => s,
                };
                (n.clone(), unique_id(&mut used, &slug))
            })
            .collect();
        Organizations { bodies, nominators }
    }
}

/// Writes every object and list.
pub(super) fn write_all(at: &At, out: &mut Export) {
    let site = at.site;
    let orgs = Organizations::new(site);
    let (first, last) = span(site);
    let stamps = Stamps::new(site, first, last);

    out.object(SYSTEM, &system(at, &stamps));
    let body = out.object(BODY, &body(at, &stamps));
    out.list(at, "body", &[body]);

    // Meetings and papers are most of the export: each is made, with the objects
    // inside it, on its own thread.
    let meetings: Vec<MeetingFiles> = (0..site.meetings.len())
        .into_par_iter()
        .map(|m| MeetingFiles::new(at, &orgs, m))
        .collect();
    let papers: Vec<PaperFiles> = (0..site.papers.len())
        .into_par_iter()
        .map(|p| PaperFiles::new(at, p))
        .collect();

    let mut organizations = Vec::new();
    for (b, slug) in orgs.bodies.iter().enumerate() {
        organizations.push(out.object(&organization_path(slug), &committee(at, b, slug)));
        let of_body: Vec<&[u8]> = site.bodies[b]
            .meetings
            .iter()
            .map(|&m| meetings[m].json.as_slice())
            .collect();
        out.list(at, &format!("organization-meeting/{slug}"), &of_body);
    }
    for (name, slug) in &orgs.nominators {
        let nominator = nominator(at, name, slug, &stamps);
        organizations.push(out.object(&organization_path(slug), &nominator));
    }
    out.list(at, "organization", &organizations);

    let mut memberships = Vec::new();
    let mut persons = Vec::new();
    let mut files = Vec::new();
    for p in 0..site.people.len() {
        let person = person(at, &orgs, p);
        for m in &person.membership {
            memberships.push(out.object(&membership_path(site, m.index), m));
        }
        if let Some(image) = &person.image {
            files.push(out.object(&image.path, image));
        }
        persons.push(out.object(&person_path(&site.people[p].id), &person));
    }
    out.list(at, "person", &persons);
    out.list(at, "membership", &memberships);

    let (mut list, mut items, mut locations) = (Vec::new(), Vec::new(), Vec::new());
    for m in meetings {
        out.extend(m.files);
        list.push(m.json);
        items.extend(m.items);
        locations.extend(m.location);
    }
    out.list(at, "meeting", &list);
    out.list(at, "agendaItem", &items);
    out.list(at, "location", &locations);

    let mut list = Vec::new();
    for p in papers {
        out.extend(p.files);
        list.push(p.json);
        files.extend(p.file_json);
    }
    out.list(at, "paper", &list);
    out.list(at, "file", &files);
    // The archive knows no legislative terms; OParl still asks for the list.
    out.list(at, "legislativeTerm", &[] as &[Vec<u8>]);
}

/// A meeting's files (its own, its agenda items' and its venue's) and their JSON.
struct MeetingFiles {
    files: Vec<OutputFile>,
    json: Vec<u8>,
    items: Vec<Vec<u8>>,
    location: Option<Vec<u8>>,
}

impl MeetingFiles {
    fn new(at: &At, orgs: &Organizations, m: MeetingIdx) -> Self {
        let meeting = meeting(at, orgs, m);
        let mut files = Vec::new();
        let items = meeting
            .agenda_item
            .iter()
            .map(|item| put(&mut files, &item.path, item))
            .collect();
        let location = meeting
            .location
            .as_ref()
            .map(|l| put(&mut files, &l.path, l));
        let json = put(&mut files, &meeting_path(&at.site.meetings[m].id), &meeting);
        MeetingFiles {
            files,
            json,
            items,
            location,
        }
    }
}

/// Adds the object at `oparl/<path>.json` to `files`, and gives its JSON for the lists.
fn put(files: &mut Vec<OutputFile>, path: &str, value: &impl Serialize) -> Vec<u8> {
    let bytes = json(value);
    files.push(object_file(path, &bytes));
    bytes
}

/// A paper's files (its own and its File objects') and their JSON.
struct PaperFiles {
    files: Vec<OutputFile>,
    json: Vec<u8>,
    file_json: Vec<Vec<u8>>,
}

impl PaperFiles {
    fn new(at: &At, p: PaperIdx) -> Self {
        let paper = paper(at, p);
        let mut files = Vec::new();
        let file_json = paper
            .main_file
            .iter()
            .chain(&paper.auxiliary_file)
            .map(|f| put(&mut files, &f.path, f))
            .collect();
        let bytes = put(&mut files, &paper_path(&at.site.papers[p].id), &paper);
        PaperFiles {
            files,
            json: bytes,
            file_json,
        }
    }
}

/// The earliest and latest date the archive knows.
fn span(site: &Site) -> (NaiveDate, NaiveDate) {
    let dates = || {
        site.meetings
            .iter()
            .map(|m| m.date)
            .chain(site.papers.iter().map(|p| p.date))
    };
    (
        dates().min().unwrap_or_default(),
        dates().max().unwrap_or_default(),
    )
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct System {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    oparl_version: &'static str,
    body: String,
    name: String,
    website: String,
    web: String,
    #[serde(flatten)]
    stamps: Stamps,
}

fn system(at: &At, stamps: &Stamps) -> System {
    System {
        id: at.url(SYSTEM),
        kind: kind("System"),
        oparl_version: super::VERSION,
        body: at.list("body", 1),
        name: at.site.config.title.clone(),
        website: at.web(""),
        web: at.web(""),
        stamps: stamps.clone(),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    system: String,
    name: String,
    website: String,
    organization: String,
    person: String,
    meeting: String,
    paper: String,
    membership: String,
    agenda_item: String,
    file: String,
    location_list: String,
    legislative_term_list: String,
    legislative_term: Vec<Value>,
    web: String,
    #[serde(flatten)]
    stamps: Stamps,
}

fn body(at: &At, stamps: &Stamps) -> Body {
    Body {
        id: at.url(BODY),
        kind: kind("Body"),
        system: at.url(SYSTEM),
        name: at.site.config.default_body.clone(),
        website: at.web(""),
        organization: at.list("organization", 1),
        person: at.list("person", 1),
        meeting: at.list("meeting", 1),
        paper: at.list("paper", 1),
        membership: at.list("membership", 1),
        agenda_item: at.list("agendaItem", 1),
        file: at.list("file", 1),
        location_list: at.list("location", 1),
        legislative_term_list: at.list("legislativeTerm", 1),
        legislative_term: Vec::new(),
        web: at.web(""),
        stamps: stamps.clone(),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Organization {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    body: String,
    name: String,
    organization_type: &'static str,
    classification: &'static str,
    membership: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meeting: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    web: Option<String>,
    #[serde(flatten)]
    stamps: Stamps,
}

/// A committee or panel of the site.
fn committee(at: &At, b: usize, slug: &str) -> Organization {
    let site = at.site;
    let body = &site.bodies[b];
    let dates: Vec<NaiveDate> = body
        .meetings
        .iter()
        .map(|&m| site.meetings[m].date)
        .collect();
    let (first, last) = match (dates.first(), dates.last()) {
        (Some(&f), Some(&l)) => (f, l),
        _ => span(site),
    };
    Organization {
        id: at.url(&organization_path(slug)),
        kind: kind("Organization"),
        body: at.url(BODY),
        name: body.name.clone(),
        organization_type: "Gremium",
        classification: "Committee",
        membership: (0..site.memberships.len())
            .filter(|&m| site.memberships[m].body == b)
            .map(|m| at.url(&membership_path(site, m)))
            .collect(),
        meeting: Some(at.list(&format!("organization-meeting/{slug}"), 1)),
        start_date: dates.first().map(|&d| iso(d)),
        web: Some(at.web(&urls::body_path(&body.slug))),
        stamps: Stamps::new(site, first, last),
    }
}

/// A council or organisation that members sit for.
fn nominator(at: &At, name: &str, slug: &str, stamps: &Stamps) -> Organization {
    Organization {
        id: at.url(&organization_path(slug)),
        kind: kind("Organization"),
        body: at.url(BODY),
        name: name.to_string(),
        organization_type: "Institution",
        classification: "Nominating organisation",
        membership: Vec::new(),
        meeting: None,
        start_date: None,
        web: None,
        stamps: stamps.clone(),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Person {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    body: String,
    name: String,
    membership: Vec<Membership>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<File>,
    /// OParl has no party; a prefixed extension property, as the spec allows.
    #[serde(rename = "panelpress:party", skip_serializing_if = "Option::is_none")]
    party: Option<String>,
    web: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Membership {
    #[serde(skip)]
    index: usize,
    id: String,
    #[serde(rename = "type")]
    kind: String,
    person: String,
    organization: String,
    role: String,
    voting_right: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    on_behalf_of: Option<String>,
    web: String,
}

fn person(at: &At, orgs: &Organizations, p: usize) -> Person {
    let site = at.site;
    let person = &site.people[p];
    let web = at.web(&person.path);
    let id = at.url(&person_path(&person.id));
    let membership = person
        .memberships
        .iter()
        .map(|&m| {
            let seat = &site.memberships[m];
            Membership {
                index: m,
                id: at.url(&membership_path(site, m)),
                kind: kind("Membership"),
                person: id.clone(),
                organization: at.url(&organization_path(&orgs.bodies[seat.body])),
                role: seat.role.clone(),
                voting_right: seat.voting,
                start_date: seat.from.map(iso),
                end_date: seat.to.map(iso),
                on_behalf_of: seat
                    .on_behalf_of
                    .as_ref()
                    .and_then(|n| orgs.nominators.get(n))
                    .map(|slug| at.url(&organization_path(slug))),
                web: web.clone(),
            }
        })
        .collect();
    let image = person.image.as_ref().map(|image| {
        let file = format!("{}/{}", person.path, image.name);
        File {
            path: format!("person-image/{}", person.id),
            id: at.url(&format!("person-image/{}", person.id)),
            kind: kind("File"),
            name: format!("Picture of {}", person.name),
            file_name: image.name.clone(),
            mime_type: mime_type(&image.name),
            date: None,
            size: Some(image.bytes.len()),
            access_url: at.output(&file),
            download_url: Some(at.output(&file)),
            paper: Vec::new(),
            agenda_item: Vec::new(),
            meeting: Vec::new(),
            person: Some(id.clone()),
            stamps: None,
        }
    });
    Person {
        id,
        kind: kind("Person"),
        body: at.url(BODY),
        name: person.name.clone(),
        membership,
        image,
        party: person.party.clone(),
        web,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Meeting {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    meeting_state: Option<&'static str>,
    cancelled: bool,
    start: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location>,
    organization: Vec<String>,
    participant: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    results_protocol: Option<File>,
    agenda_item: Vec<AgendaItem>,
    web: String,
    #[serde(flatten)]
    stamps: Stamps,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip)]
    path: String,
    id: String,
    #[serde(rename = "type")]
    kind: String,
    description: String,
    /// OParl 1.1 names a Location's back references in the plural.
    meetings: Vec<String>,
    #[serde(flatten)]
    stamps: Stamps,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AgendaItem {
    #[serde(skip)]
    path: String,
    id: String,
    #[serde(rename = "type")]
    kind: String,
    meeting: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<String>,
    order: usize,
    name: String,
    public: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    resolution_text: Option<String>,
    auxiliary_file: Vec<File>,
    web: String,
    #[serde(flatten)]
    stamps: Stamps,
}

fn meeting(at: &At, orgs: &Organizations, m: MeetingIdx) -> Meeting {
    let site = at.site;
    let meeting = &site.meetings[m];
    let id = at.url(&meeting_path(&meeting.id));
    let web = at.web(&meeting.path);
    let stamps = Stamps::on(site, meeting.date);
    let span = meeting
        .time
        .as_deref()
        .and_then(crate::outputs::time::parse);
    let local = |t: chrono::NaiveTime| {
        site.config
            .tz
            .from_local_datetime(&meeting.date.and_time(t))
            .earliest()
            .map(|t| t.fixed_offset().to_rfc3339())
    };
    let start = span
        .and_then(|s| local(s.start))
        .unwrap_or_else(|| stamps.created.clone());
    let end = span.and_then(|s| s.end).and_then(local);
    let location = meeting.venue.as_ref().map(|venue| Location {
        path: location_path(&meeting.id),
        id: at.url(&location_path(&meeting.id)),
        kind: kind("Location"),
        description: venue.clone(),
        meetings: vec![id.clone()],
        stamps: stamps.clone(),
    });
    let mut seen = HashSet::new();
    let participant: Vec<String> = meeting
        .attendance
        .present
        .iter()
        .filter_map(|a| a.name.person)
        .filter(|&p| seen.insert(p))
        .map(|p| at.url(&person_path(&site.people[p].id)))
        .collect();
    let minutes = meeting
        .minutes
        .iter()
        .copied()
        .find(|&p| site.papers[p].exempt.is_none());
    let agenda_item = meeting
        .agenda
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let path = agenda_item_path(&meeting.id, i + 1);
            let item_url = at.url(&path);
            let public = e.paper.is_none_or(|p| site.papers[p].exempt.is_none());
            let texts: Vec<&str> = e
                .decisions
                .iter()
                .map(|&d| site.decisions[d].text.as_str())
                .collect();
            let auxiliary_file = match e.paper {
                Some(p) if public => paper_files(at, p),
                _ => Vec::new(),
            };
            AgendaItem {
                path,
                id: item_url,
                kind: kind("AgendaItem"),
                meeting: id.clone(),
                number: e.item.clone(),
                order: i + 1,
                name: e.title.clone(),
                public,
                resolution_text: (!texts.is_empty()).then(|| texts.join("\n\n")),
                auxiliary_file,
                web: format!("{web}#{}", e.anchor),
                stamps: stamps.clone(),
            }
        })
        .collect();
    Meeting {
        id,
        kind: kind("Meeting"),
        name: meeting.display_title(site),
        meeting_state: meeting.status.map(|s| match s {
            Status::Scheduled => "scheduled",
            Status::Held => "held",
            Status::Cancelled => "cancelled",
        }),
        cancelled: meeting.status == Some(Status::Cancelled),
        start,
        end,
        location,
        organization: vec![at.url(&organization_path(&orgs.bodies[meeting.body]))],
        participant,
        results_protocol: minutes.and_then(|p| paper_files(at, p).into_iter().next()),
        agenda_item,
        web,
        stamps,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Paper {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    body: String,
    name: String,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    paper_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_paper: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    main_file: Option<File>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    auxiliary_file: Vec<File>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keyword: Vec<String>,
    web: String,
    #[serde(flatten)]
    stamps: Stamps,
}

/// An exempt paper is its title, date and page only, as its page shows.
fn paper(at: &At, p: PaperIdx) -> Paper {
    let site = at.site;
    let paper = &site.papers[p];
    let public = paper.exempt.is_none();
    let mut files = if public {
        paper_files(at, p)
    } else {
        Vec::new()
    };
    let main_file = (!files.is_empty()).then(|| files.remove(0));
    let related: Vec<String> = paper
        .follows
        .iter()
        .chain(&paper.followed_by)
        .map(|&q| at.url(&paper_path(&site.papers[q].id)))
        .collect();
    Paper {
        id: at.url(&paper_path(&paper.id)),
        kind: kind("Paper"),
        body: at.url(BODY),
        name: paper.title.clone(),
        date: iso(paper.date),
        paper_type: public.then(|| paper.kind.label()),
        related_paper: related,
        main_file,
        auxiliary_file: files,
        keyword: paper
            .topics
            .iter()
            .map(|&t| site.topics[t].name.clone())
            .collect(),
        web: at.web(&paper.path),
        stamps: Stamps::on(site, paper.date),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct File {
    #[serde(skip)]
    path: String,
    id: String,
    #[serde(rename = "type")]
    kind: String,
    name: String,
    file_name: String,
    mime_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    size: Option<usize>,
    access_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    download_url: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    paper: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    agenda_item: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    meeting: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    person: Option<String>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    stamps: Option<Stamps>,
}

/// A public paper's page (its main file) and then its attachments. Never called for
/// an exempt paper: it has no file to give.
fn paper_files(at: &At, p: PaperIdx) -> Vec<File> {
    let site = at.site;
    let paper = &site.papers[p];
    let meeting = &site.meetings[paper.meeting];
    let agenda_item = meeting
        .agenda
        .iter()
        .position(|e| e.paper == Some(p))
        .map(|i| at.url(&agenda_item_path(&meeting.id, i + 1)));
    let paper_url = at.url(&paper_path(&paper.id));
    let stamps = Stamps::on(site, paper.date);
    let file = |path: String, name: String, file_name: String| File {
        id: at.url(&path),
        path,
        kind: kind("File"),
        name,
        mime_type: mime_type(&file_name),
        file_name,
        date: Some(iso(paper.date)),
        size: None,
        access_url: String::new(),
        download_url: None,
        paper: vec![paper_url.clone()],
        agenda_item: agenda_item.clone().into_iter().collect(),
        meeting: paper
            .minutes_of
            .map(|m| at.url(&meeting_path(&site.meetings[m].id)))
            .into_iter()
            .chain(std::iter::once(at.url(&meeting_path(&meeting.id))))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect(),
        person: None,
        stamps: Some(stamps.clone()),
    };
    let mut page = file(
        file_path(&paper.id, "page"),
        paper.title.clone(),
        "index.html".to_string(),
    );
    page.access_url = at.web(&paper.path);
    let mut files = vec![page];
    for (i, a) in paper.attachments.iter().enumerate() {
        let mut f = file(
            file_path(&paper.id, &(i + 1).to_string()),
            a.title.clone(),
            a.name.clone(),
        );
        let url = at.output(&format!("{}/{}", paper.path, a.name));
        f.access_url = url.clone();
        f.download_url = Some(url);
        f.size = Some(a.bytes.len());
        files.push(f);
    }
    files
}

/// The media type of a published file, by its extension.
fn mime_type(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html",
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "odt" => "application/vnd.oasis.opendocument.text",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "csv" => "text/csv",
        "txt" => "text/plain",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}
