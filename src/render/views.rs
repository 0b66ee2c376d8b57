//! Links to meetings and papers, and decisions, turned into template values once per
//! build. A paper's link shows on its meeting's page, its neighbours' pages, every page
//! of its series, the agenda index and the decisions register: building and serializing
//! it anew for each was most of the cost of filling templates. A Tera `Value` shares its
//! maps and long strings, so a page takes a copy for the price of a few reference counts.

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use super::{DecisionViewData, Links, MeetingLinkData, PaperLinkData};
use crate::model::{DecisionIdx, MeetingIdx, PaperIdx, Site};

/// Every meeting link, paper link and decision, by index.
#[derive(Default)]
pub(super) struct Views {
    meetings: Vec<Value>,
    papers: Vec<Value>,
    decisions: Vec<Value>,
}

impl Views {
    /// Builds every view into `links`; decisions last, as they hold paper links.
    pub(super) fn fill(site: &Site, links: &mut Links) {
        let shared = &*links;
        let meetings = (0..site.meetings.len())
            .into_par_iter()
            .map(|m| value(&MeetingLinkData::new(site, shared, m)))
            .collect();
        let papers = (0..site.papers.len())
            .into_par_iter()
            .map(|p| value(&PaperLinkData::new(site, shared, p)))
            .collect();
        links.views.meetings = meetings;
        links.views.papers = papers;
        let shared = &*links;
        let decisions = site
            .decisions
            .par_iter()
            .map(|d| value(&DecisionViewData::new(site, shared, d)))
            .collect();
        links.views.decisions = decisions;
    }
}

/// Plain structs of strings, numbers and lists always serialize.
fn value<T: Serialize>(data: &T) -> Value {
    Value::from_serializable(data)
}

/// A meeting's link, dated title and details.
#[derive(Serialize, Clone)]
#[serde(transparent)]
pub(super) struct MeetingLink(Value);

impl MeetingLink {
    pub(super) fn new(_site: &Site, links: &Links, m: MeetingIdx) -> Self {
        MeetingLink(links.views.meetings[m].clone())
    }
}

/// A paper's link, title, item, dates and meeting.
#[derive(Serialize, Clone)]
#[serde(transparent)]
pub(super) struct PaperLink(Value);

impl PaperLink {
    pub(super) fn new(_site: &Site, links: &Links, p: PaperIdx) -> Self {
        PaperLink(links.views.papers[p].clone())
    }
}

/// A decision with the links to where it was recorded and what it decides.
#[derive(Serialize, Clone)]
#[serde(transparent)]
pub(super) struct DecisionView(Value);

impl DecisionView {
    pub(super) fn new(_site: &Site, links: &Links, d: DecisionIdx) -> Self {
        DecisionView(links.views.decisions[d].clone())
    }
}
