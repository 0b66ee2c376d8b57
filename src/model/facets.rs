//! What the archive can be narrowed by (committee, year, kind), as the search page
//! offers it and the search index records it.

use std::collections::BTreeSet;

use serde::Serialize;

use super::Site;

/// Filter values the search page offers, in the order it offers them.
#[derive(Serialize)]
pub(crate) struct Facets {
    pub bodies: Vec<String>,
    /// Newest first.
    pub years: Vec<i32>,
    pub kinds: Vec<String>,
}

impl Facets {
    /// The values the index holds, without building the index.
    pub(crate) fn new(site: &Site) -> Self {
        let body = |m: usize| site.bodies[site.meetings[m].body].name.as_str();
        let year = |d: &chrono::NaiveDate| chrono::Datelike::year(d);
        let papers = site.papers.iter().map(|p| {
            let m = &site.meetings[p.meeting];
            (body(p.meeting), year(&m.date), p.kind.label())
        });
        let meetings =
            (0..site.meetings.len()).map(|m| (body(m), year(&site.meetings[m].date), MEETING));
        let decisions = site
            .decisions
            .iter()
            .map(|d| (body(d.meeting), year(&d.date), DECISION));
        Self::of(papers.chain(meetings).chain(decisions))
    }

    pub(crate) fn of<'a>(docs: impl Iterator<Item = (&'a str, i32, &'a str)>) -> Self {
        let mut bodies = BTreeSet::new();
        let mut years = BTreeSet::new();
        let mut kinds = BTreeSet::new();
        for (b, y, k) in docs {
            bodies.insert(b);
            years.insert(y);
            kinds.insert(k);
        }
        Facets {
            bodies: bodies.into_iter().map(str::to_string).collect(),
            years: years.into_iter().rev().collect(),
            kinds: kinds.into_iter().map(str::to_string).collect(),
        }
    }
}

pub(crate) const MEETING: &str = "Meeting";
pub(crate) const DECISION: &str = "Decision";
