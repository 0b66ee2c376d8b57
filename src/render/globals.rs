//! The addresses of the feeds, calendars and open data, in the templates' globals so that
//! any page can link them.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::Site;
use crate::urls::{self, Urls};

/// Where each feed and calendar lives, for the templates (global `outputs`). Paths are
/// from the site root, to be put after `root`.
#[derive(Serialize)]
struct Globals {
    papers_feed: String,
    decisions_feed: String,
    data_page: String,
    /// By body name.
    bodies: BTreeMap<String, BodyOutputs>,
    /// Feed of each topic, by topic name.
    topic_feeds: BTreeMap<String, String>,
    /// The "add to calendar" file of each meeting, by meeting id.
    meeting_calendars: BTreeMap<String, String>,
}

#[derive(Serialize)]
struct BodyOutputs {
    feed: String,
    calendar: String,
}

/// Puts the locations of feeds, calendars and data into the templates' global context,
/// so that any page can link them.
pub(super) fn insert(site: &Site, global: &mut impl super::ContextSink) {
    let bodies = site
        .bodies
        .iter()
        .map(|b| {
            let outputs = BodyOutputs {
                feed: urls::body_feed(&b.slug),
                calendar: urls::body_calendar(&b.slug),
            };
            (b.name.clone(), outputs)
        })
        .collect();
    let globals = Globals {
        papers_feed: urls::PAPERS_FEED.to_string(),
        decisions_feed: urls::DECISIONS_FEED.to_string(),
        data_page: Urls::new(site).page(urls::DATA_PAGE),
        bodies,
        topic_feeds: site
            .topics
            .iter()
            .map(|t| (t.name.clone(), urls::topic_feed(&t.slug)))
            .collect(),
        meeting_calendars: site
            .meetings
            .iter()
            .map(|m| (m.id.clone(), urls::meeting_calendar(&m.path)))
            .collect(),
    };
    global.insert("outputs", &globals);
}
