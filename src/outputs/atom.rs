//! Atom feeds (RFC 4287): recent papers site-wide, decisions, and one per body, per
//! topic and per issue history (series). Ids are `urn:uuid:`s derived from the site and the paper or decision, so they
//! survive adding a `base_url`; `updated` is the newest entry's date, never the clock.

use atom_syndication::{
    Category, Content, Entry, Feed, FixedDateTime, Generator, Link, Person, Text,
};

use super::{start_of, urn};
use crate::base::output::OutputFile;
use crate::markdown::{self, escape};
use crate::model::{Decision, DecisionIdx, PaperIdx, Site};
use crate::urls::{self, Urls};

/// Entries per feed: enough for a reader that checks monthly, small enough to fetch often.
const LENGTH: usize = 50;

pub(super) fn feeds(site: &Site) -> Vec<OutputFile> {
    let mut papers: Vec<PaperIdx> = (0..site.papers.len()).collect();
    papers.sort_by_key(|&p| (std::cmp::Reverse(site.papers[p].date), &site.papers[p].id));
    let mut files = vec![
        paper_feed(site, urls::PAPERS_FEED, "recent papers", "", &papers),
        decision_feed(site),
    ];
    for (b, body) in site.bodies.iter().enumerate() {
        let of_body: Vec<PaperIdx> = papers
            .iter()
            .copied()
            .filter(|&p| site.meetings[site.papers[p].meeting].body == b)
            .collect();
        let page = format!("meetings#{}", body.slug);
        let file = urls::body_feed(&body.slug);
        files.push(paper_feed(site, &file, &body.name, &page, &of_body));
    }
    for topic in &site.topics {
        let page = format!("topics/{}", topic.slug);
        let file = urls::topic_feed(&topic.slug);
        let title = format!("papers on {}", topic.name);
        files.push(paper_feed(site, &file, &title, &page, &topic.papers));
    }
    files.extend(series_feeds(site));
    files
}

/// One feed per issue history, at the same slug as its page: every paper of the thread,
/// newest first, however long it grows (a reader following one matter wants all of it).
fn series_feeds(site: &Site) -> Vec<OutputFile> {
    crate::render::series(site)
        .into_iter()
        .map(|(slug, thread)| {
            let mut papers = thread.to_vec();
            papers.sort_by_key(|&p| (std::cmp::Reverse(site.papers[p].date), &site.papers[p].id));
            let file = urls::series_feed(&slug);
            let first = thread.first().map(|&p| site.papers[p].title.as_str());
            let title = format!("issue history: {}", first.unwrap_or_default());
            let page = format!("series/{slug}");
            let href = Urls::new(site);
            let entries = papers
                .iter()
                .map(|&p| paper_entry(site, &href, &file, p))
                .collect();
            let title = format!("{}: {title}", site.config.title);
            feed(site, &file, &page, title, entries)
        })
        .collect()
}

/// The feed at `file`, for the page at `page` (a model path, with an optional fragment).
fn paper_feed(site: &Site, file: &str, what: &str, page: &str, papers: &[PaperIdx]) -> OutputFile {
    let href = Urls::new(site);
    let entries = papers
        .iter()
        .take(LENGTH)
        .map(|&p| paper_entry(site, &href, file, p))
        .collect();
    feed(
        site,
        file,
        page,
        format!("{}: {what}", site.config.title),
        entries,
    )
}

fn decision_feed(site: &Site) -> OutputFile {
    let href = Urls::new(site);
    let file = urls::DECISIONS_FEED;
    let mut order: Vec<DecisionIdx> = (0..site.decisions.len()).collect();
    order.sort_by_key(|&i| {
        let d = &site.decisions[i];
        (std::cmp::Reverse(d.date), &site.papers[d.recorded_in].id, i)
    });
    let entries = order
        .iter()
        .take(LENGTH)
        .map(|&d| decision_entry(site, &href, file, &site.decisions[d]))
        .collect();
    let title = format!("{}: decisions", site.config.title);
    feed(site, file, "decisions", title, entries)
}

fn feed(site: &Site, file: &str, page: &str, title: String, entries: Vec<Entry>) -> OutputFile {
    let href = Urls::new(site);
    let (page, fragment) = page.split_once('#').unwrap_or((page, ""));
    let mut alternate = href.to_page(file, page);
    if !fragment.is_empty() {
        alternate = format!("{alternate}#{fragment}");
    }
    let feed = Feed {
        title: Text::plain(title),
        id: urn(site, file),
        updated: updated(site, &entries),
        authors: vec![person(&site.config.default_body)],
        generator: Some(Generator {
            value: "panelpress".to_string(),
            uri: None,
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
        links: vec![
            link("self", href.to_file(file, file), "application/atom+xml"),
            link("alternate", alternate, "text/html"),
        ],
        lang: Some(site.config.language.clone()),
        entries,
        ..Default::default()
    };
    OutputFile {
        path: file.to_string(),
        bytes: feed.to_string().into_bytes(),
    }
}

/// The newest entry's date; a feed with none takes the site's latest date.
fn updated(site: &Site, entries: &[Entry]) -> FixedDateTime {
    let latest = entries.iter().map(|e| e.updated).max();
    latest.unwrap_or_else(|| {
        let dates = site.meetings.iter().map(|m| m.date);
        let date = dates.chain(site.papers.iter().map(|p| p.date)).max();
        start_of(site, date.unwrap_or_default())
    })
}

fn paper_entry(site: &Site, href: &Urls, file: &str, p: PaperIdx) -> Entry {
    let paper = &site.papers[p];
    let meeting = &site.meetings[paper.meeting];
    let url = href.to_page(file, &paper.path);
    let mut html = format!(
        "<p>{}{} for the <a href=\"{}\">{}</a>.</p>",
        escape(paper.kind.label()),
        paper
            .item
            .as_deref()
            .map(|i| format!(", item {}", escape(i)))
            .unwrap_or_default(),
        escape(&href.to_page(file, &meeting.path)),
        escape(&meeting.display_title(site)),
    );
    let mut categories = Vec::new();
    match &paper.exempt {
        Some(reason) => html.push_str(&format!(
            "<p><strong>Exempt: not for publication.</strong> Withheld: {}</p>",
            escape(reason)
        )),
        None => {
            html.push_str(&public_summary(site, href, file, p));
            categories.push(category(paper.kind.label()));
            categories.extend(paper.topics.iter().map(|&t| category(&site.topics[t].name)));
        }
    }
    html.push_str(&format!(
        "<p><a href=\"{}\">Read the paper</a></p>",
        escape(&url)
    ));
    let date = start_of(site, paper.date);
    Entry {
        title: Text::plain(paper.title.clone()),
        id: urn(site, &format!("papers/{}", paper.id)),
        updated: date,
        published: Some(date),
        links: vec![link("alternate", url, "text/html")],
        categories,
        content: Some(html_content(html)),
        ..Default::default()
    }
}

/// Recommendations and decisions: what a reader of a feed wants to know at a glance.
fn public_summary(site: &Site, href: &Urls, file: &str, p: PaperIdx) -> String {
    let paper = &site.papers[p];
    let mut html = String::new();
    if !paper.recommendations.is_empty() {
        html.push_str("<p>Recommendations:</p><ol>");
        for r in &paper.recommendations {
            html.push_str(&format!(
                "<li>{}</li>",
                markdown::inline(r, site.config.unsafe_html)
            ));
        }
        html.push_str("</ol>");
    }
    let decided: Vec<&Decision> = paper
        .decisions
        .iter()
        .chain(&paper.outcome)
        .map(|&d| &site.decisions[d])
        .collect();
    if !decided.is_empty() {
        html.push_str("<p>Decisions:</p><ul>");
        for d in decided {
            let url = decision_url(site, href, file, d);
            html.push_str(&format!(
                "<li>{} <a href=\"{}\">{}</a></li>",
                markdown::inline(&d.text, site.config.unsafe_html),
                escape(&url),
                escape(d.reference.as_deref().unwrap_or("Record")),
            ));
        }
        html.push_str("</ul>");
    }
    html
}

fn decision_entry(site: &Site, href: &Urls, file: &str, d: &Decision) -> Entry {
    let recorded_in = &site.papers[d.recorded_in];
    let subject = d.decides.unwrap_or(d.recorded_in);
    let title = format!(
        "{}, {}: {}",
        d.reference.as_deref().unwrap_or("Decision"),
        crate::base::dates::medium(d.date),
        site.papers[subject].title
    );
    let url = decision_url(site, href, file, d);
    let html = format!(
        "<p>{}</p><p>Decision-maker: {}. Recorded in <a href=\"{}\">{}</a>, for the <a href=\"{}\">{}</a>.</p>",
        markdown::inline(&d.text, site.config.unsafe_html),
        escape(&d.by),
        escape(&url),
        escape(&recorded_in.title),
        escape(&href.to_page(file, &site.meetings[d.meeting].path)),
        escape(&site.meetings[d.meeting].display_title(site)),
    );
    let date = start_of(site, d.date);
    Entry {
        title: Text::plain(title),
        id: urn(site, &format!("decisions/{}#{}", recorded_in.id, d.anchor)),
        updated: date,
        published: Some(date),
        authors: vec![person(&d.by)],
        links: vec![link("alternate", url, "text/html")],
        content: Some(html_content(html)),
        ..Default::default()
    }
}

fn decision_url(site: &Site, href: &Urls, file: &str, d: &Decision) -> String {
    let page = href.to_page(file, &site.papers[d.recorded_in].path);
    format!("{page}#{}", d.anchor)
}

fn link(rel: &str, href: String, mime: &str) -> Link {
    Link {
        href,
        rel: rel.to_string(),
        mime_type: Some(mime.to_string()),
        ..Default::default()
    }
}

fn person(name: &str) -> Person {
    Person {
        name: name.to_string(),
        ..Default::default()
    }
}

fn category(term: &str) -> Category {
    Category {
        term: term.to_string(),
        ..Default::default()
    }
}

fn html_content(html: String) -> Content {
    Content {
        value: Some(html),
        content_type: Some("html".to_string()),
        ..Default::default()
    }
}
