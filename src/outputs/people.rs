//! `data/persons.json` and `data/memberships.json`: everyone in `people/`, their seats
//! and their attendance record per body. Written only when the site has a `people/`
//! folder; without one nothing about people is published.

use serde::Serialize;

use crate::model::Site;
use crate::model::people::{BodyRecord, Counts, MembershipIdx};
use crate::urls::Urls;

/// Links are relative to the `data/` folder, as in the other data files.
const FROM: &str = "data/persons.json";

/// A membership's id: its person's id and its place among their memberships, from 1
/// (`peter-feacey-2`). Stable while the person's file lists its seats in the same order.
pub(super) fn membership_id(site: &Site, m: MembershipIdx) -> String {
    let membership = &site.memberships[m];
    let person = &site.people[membership.person];
    let place = person.memberships.iter().position(|&x| x == m).unwrap_or(0);
    format!("{}-{}", person.id, place + 1)
}

#[derive(Serialize)]
pub(super) struct BodyName {
    name: String,
    slug: String,
}

impl BodyName {
    pub(super) fn new(site: &Site, b: usize) -> Self {
        BodyName {
            name: site.bodies[b].name.clone(),
            slug: site.bodies[b].slug.clone(),
        }
    }
}

#[derive(Serialize)]
pub(super) struct Persons {
    persons: Vec<PersonData>,
}

#[derive(Serialize)]
struct PersonData {
    id: String,
    name: String,
    aliases: Vec<String>,
    party: Option<String>,
    url: String,
    image: Option<String>,
    /// Ids in `memberships.json`, earliest first.
    memberships: Vec<String>,
    attendance: Vec<RecordData>,
}

/// A person's attendance at one body's held meetings with attendance recorded.
#[derive(Serialize)]
struct RecordData {
    body: BodyName,
    #[serde(flatten)]
    counts: Counts,
}

impl RecordData {
    fn new(site: &Site, r: &BodyRecord) -> Self {
        RecordData {
            body: BodyName::new(site, r.body),
            counts: r.counts,
        }
    }
}

pub(super) fn persons(site: &Site) -> Persons {
    let href = Urls::new(site);
    let persons = site
        .people
        .iter()
        .map(|p| PersonData {
            id: p.id.clone(),
            name: p.name.clone(),
            aliases: p.aliases.clone(),
            party: p.party.clone(),
            url: href.to_page(FROM, &p.path),
            image: p
                .image
                .as_ref()
                .map(|i| href.to_file(FROM, &format!("{}/{}", p.path, i.name))),
            memberships: p
                .memberships
                .iter()
                .map(|&m| membership_id(site, m))
                .collect(),
            attendance: p.record.iter().map(|r| RecordData::new(site, r)).collect(),
        })
        .collect();
    Persons { persons }
}

#[derive(Serialize)]
pub(super) struct Memberships {
    memberships: Vec<MembershipData>,
}

#[derive(Serialize)]
struct MembershipData {
    id: String,
    /// The id in `persons.json`.
    person: String,
    body: BodyName,
    role: String,
    on_behalf_of: Option<String>,
    from: Option<String>,
    to: Option<String>,
    voting: bool,
}

pub(super) fn memberships(site: &Site) -> Memberships {
    let memberships = site
        .memberships
        .iter()
        .enumerate()
        .map(|(i, m)| MembershipData {
            id: membership_id(site, i),
            person: site.people[m.person].id.clone(),
            body: BodyName::new(site, m.body),
            role: m.role.clone(),
            on_behalf_of: m.on_behalf_of.clone(),
            from: m.from.map(crate::base::dates::iso),
            to: m.to.map(crate::base::dates::iso),
            voting: m.voting,
        })
        .collect();
    Memberships { memberships }
}
