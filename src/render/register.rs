//! The decisions register, whole and narrowed to a committee, a year or both: each a
//! static page, so that filtering needs no script and every view has its own address.

use std::collections::BTreeMap;

use chrono::Datelike;
use serde::Serialize;

use super::{ContextSink, Links, Page, newest_first};
use crate::model::{DecisionIdx, Site};

/// Where the whole register lives.
pub(super) const REGISTER: &str = "decisions";

/// A view of the register: every decision, or those of one committee, one year or both.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(super) struct Filter {
    body: Option<usize>,
    year: Option<i32>,
}

impl Filter {
    pub(super) const ALL: Filter = Filter {
        body: None,
        year: None,
    };
}

/// Each view's decisions, newest first, worked out once per build in one pass over the
/// decisions: a decision is in four views (all, its committee, its year, both).
pub(super) struct Views {
    views: BTreeMap<Filter, Vec<DecisionIdx>>,
    /// Every year with a decision, newest first.
    years: Vec<i32>,
}

impl Views {
    pub(super) fn new(site: &Site) -> Self {
        let mut views: BTreeMap<Filter, Vec<DecisionIdx>> = BTreeMap::new();
        views.insert(Filter::ALL, Vec::new());
        for d in newest_first(site) {
            let decision = &site.decisions[d];
            let body = Some(site.meetings[decision.meeting].body);
            let year = Some(decision.date.year());
            for filter in [
                Filter::ALL,
                Filter { body, year: None },
                Filter { body: None, year },
                Filter { body, year },
            ] {
                views.entry(filter).or_default().push(d);
            }
        }
        let mut years: Vec<i32> = views.keys().filter_map(|f| f.year).collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        Views { views, years }
    }

    /// The decisions of a view, newest first.
    pub(super) fn of(&self, filter: Filter) -> &[DecisionIdx] {
        self.views.get(&filter).map_or(&[][..], Vec::as_slice)
    }

    fn count(&self, filter: Filter) -> Option<usize> {
        self.views.get(&filter).map(Vec::len)
    }
}

/// The page path of a view.
pub(super) fn path(site: &Site, filter: Filter) -> String {
    match (filter.body, filter.year) {
        (None, None) => REGISTER.to_string(),
        (None, Some(y)) => format!("{REGISTER}/years/{y}"),
        (Some(b), None) => format!("{REGISTER}/committees/{}", site.bodies[b].slug),
        (Some(b), Some(y)) => format!("{REGISTER}/committees/{}/{y}", site.bodies[b].slug),
    }
}

/// A page for every view that has a decision, and for the whole register always.
pub(super) fn pages(site: &Site, links: &Links) -> Vec<Page> {
    links
        .register
        .views
        .keys()
        .map(|&filter| Page {
            path: path(site, filter),
            template: "decisions.html",
            content: super::Content::Decisions(filter),
        })
        .collect()
}

/// One choice of a filter: its label, how many decisions it shows, and its page.
#[derive(Serialize)]
struct Choice {
    label: String,
    count: usize,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct Register {
    /// What this view shows, e.g. "Northshire Police and Crime Panel, 2024"; none for all.
    scope: Option<String>,
    count: usize,
    /// The whole register, for a way back from a narrowed view.
    all_url: String,
    committees: Vec<Choice>,
    years: Vec<Choice>,
}

/// The context of a register page: its decisions and the filters that lead elsewhere.
/// A choice of one filter keeps the other; only choices with decisions are offered.
pub(super) fn context(site: &Site, links: &Links, filter: Filter, c: &mut impl ContextSink) {
    let views = &links.register;
    let which = views.views.get(&filter).map_or(&[][..], Vec::as_slice);
    let choice = |label: String, to: Filter| {
        views.count(to).map(|count| Choice {
            label,
            count,
            url: links.href(&path(site, to)),
            current: to == filter,
        })
    };
    let mut committees: Vec<Choice> = choice(
        "All committees".to_string(),
        Filter {
            body: None,
            ..filter
        },
    )
    .into_iter()
    .collect();
    committees.extend((0..site.bodies.len()).filter_map(|b| {
        choice(
            site.bodies[b].name.clone(),
            Filter {
                body: Some(b),
                ..filter
            },
        )
    }));
    let mut year_choices: Vec<Choice> = choice(
        "All years".to_string(),
        Filter {
            year: None,
            ..filter
        },
    )
    .into_iter()
    .collect();
    year_choices.extend(views.years.iter().filter_map(|&y| {
        choice(
            y.to_string(),
            Filter {
                year: Some(y),
                ..filter
            },
        )
    }));
    let scope = match (filter.body, filter.year) {
        (None, None) => None,
        (Some(b), None) => Some(site.bodies[b].name.clone()),
        (None, Some(y)) => Some(y.to_string()),
        (Some(b), Some(y)) => Some(format!("{}, {y}", site.bodies[b].name)),
    };
    c.insert(
        "register",
        &Register {
            scope,
            count: which.len(),
            all_url: links.href(REGISTER),
            committees,
            years: year_choices,
        },
    );
    c.insert_value(
        "decisions",
        links.decision_values(site, which.iter().copied()),
    );
}
