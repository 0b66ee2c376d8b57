//! Pages for reading across meetings and on paper: a printable pack per meeting, a page
//! per body and per body and year, a page per series of papers, and the accessibility
//! statement. Exempt papers appear in all of them as title and reason only.

use std::collections::HashSet;

use chrono::Datelike;
use serde::Serialize;

use super::{
    ContextSink, DecisionView, Links, MeetingLink, MeetingPage, Page, PaperLink, Texts, decisions,
    markdown, recommendations,
};
use crate::base::text::{slugify, unique_id};
use crate::model::{MeetingIdx, PaperIdx, Site};
use crate::urls;

/// The path of the accessibility statement.
pub(super) const ACCESSIBILITY: &str = "accessibility";

/// The path of the list of every series.
pub(super) const SERIES_INDEX: &str = "series";

/// Ids the pack template uses itself, which no paper's prefix may take.
const PACK_IDS: &[&str] = &["main", "site-header", "site-nav", "contents", "agenda"];

/// What a reading page shows.
pub(super) enum Content {
    Pack(MeetingIdx),
    Body(usize),
    Year(usize, i32),
    Series(usize),
    SeriesIndex,
    Accessibility,
}

/// Page paths worked out once per build, as many pages link to them.
pub(super) struct Paths {
    /// Path of each series page, by the index of its first paper in `series_starts`.
    series: Vec<String>,
    /// The first paper of each series, in paper order.
    series_starts: Vec<PaperIdx>,
}

impl Paths {
    pub(super) fn new(site: &Site) -> Self {
        let mut used = HashSet::new();
        let series_starts: Vec<PaperIdx> = (0..site.papers.len())
            .filter(|&p| site.papers[p].series.first() == Some(&p))
            .collect();
        let series = series_starts
            .iter()
            .map(|&p| {
                let slug = match slugify(&series_title(site, p)) {
                    s if s.is_empty() => "series".to_string(),
                    s => s,
                };
                format!("series/{}", unique_id(&mut used, &slug))
            })
            .collect();
        Paths {
            series,
            series_starts,
        }
    }

    /// How many series the site has.
    pub(super) fn series_count(&self) -> usize {
        self.series.len()
    }

    /// The papers of series `i`, oldest first.
    pub(super) fn series_papers<'s>(&self, site: &'s Site, i: usize) -> &'s [PaperIdx] {
        &site.papers[self.series_starts[i]].series
    }

    /// The path of every series page, by series.
    pub(super) fn series_paths(&self) -> &[String] {
        &self.series
    }

    pub(super) fn series_of(&self, site: &Site, p: PaperIdx) -> Option<usize> {
        let first = *site.papers[p].series.first()?;
        self.series_starts.binary_search(&first).ok()
    }
}

/// Every series: the slug of its page (`series/<slug>`) and its papers, oldest first.
pub(crate) fn series(site: &Site) -> Vec<(String, &[PaperIdx])> {
    let paths = Paths::new(site);
    let slugs = paths
        .series
        .iter()
        .map(|path| series_slug(path).to_string());
    slugs
        .zip(
            paths
                .series_starts
                .iter()
                .map(|&p| site.papers[p].series.as_slice()),
        )
        .collect()
}

fn series_slug(path: &str) -> &str {
    path.strip_prefix("series/").unwrap_or(path)
}

/// A series is named after its first paper; an exempt one gives no more than its title.
fn series_title(site: &Site, first: PaperIdx) -> String {
    site.papers[first].title.clone()
}

fn body_path(site: &Site, b: usize) -> String {
    urls::body_path(&site.bodies[b].slug)
}

fn year_path(site: &Site, b: usize, year: i32) -> String {
    urls::year_path(&site.bodies[b].slug, year)
}

/// The years a body met in, oldest first.
fn years(site: &Site, b: usize) -> Vec<i32> {
    let mut years: Vec<i32> = site.bodies[b]
        .meetings
        .iter()
        .map(|&m| site.meetings[m].date.year())
        .collect();
    years.dedup();
    years
}

pub(super) fn pages(site: &Site, links: &Links) -> Vec<Page> {
    let page = |path: String, template, content| Page {
        path,
        template,
        content: super::Content::Reading(content),
    };
    let mut out = vec![
        page(
            ACCESSIBILITY.to_string(),
            "accessibility.html",
            Content::Accessibility,
        ),
        page(
            SERIES_INDEX.to_string(),
            "series-index.html",
            Content::SeriesIndex,
        ),
    ];
    out.extend(
        (0..site.meetings.len())
            .filter(|&m| !site.meetings[m].agenda.is_empty())
            .map(|m| page(urls::pack_path(site, m), "pack.html", Content::Pack(m))),
    );
    for b in 0..site.bodies.len() {
        out.push(page(body_path(site, b), "body.html", Content::Body(b)));
        out.extend(
            years(site, b)
                .into_iter()
                .map(|y| page(year_path(site, b, y), "year.html", Content::Year(b, y))),
        );
    }
    out.extend(
        links
            .reading
            .series
            .iter()
            .enumerate()
            .map(|(i, path)| page(path.clone(), "series.html", Content::Series(i))),
    );
    out
}

impl Content {
    pub(super) fn nav_label(&self) -> &'static str {
        match self {
            Content::Accessibility => "",
            _ => "Meetings",
        }
    }

    pub(super) fn context(
        &self,
        site: &Site,
        links: &Links,
        texts: &Texts,
        c: &mut impl ContextSink,
    ) {
        match *self {
            Content::Pack(m) => pack(site, links, texts, m, c),
            Content::Body(b) => c.insert("body", &BodyPage::new(site, links, b)),
            Content::Year(b, y) => c.insert("year", &YearPage::new(site, links, b, y)),
            Content::Series(i) => c.insert("series", &SeriesPage::new(site, links, i)),
            Content::SeriesIndex => c.insert("all_series", &series_index(site, links)),
            Content::Accessibility => {
                c.insert("contact", &Contact::new(&site.config.accessibility_contact))
            }
        }
    }
}

/// Where a meeting sits: its body's page and year page, for breadcrumbs.
#[derive(Serialize)]
struct Crumbs {
    body: String,
    body_url: String,
    year: i32,
    year_url: String,
}

impl Crumbs {
    fn new(site: &Site, links: &Links, m: MeetingIdx) -> Self {
        let meeting = &site.meetings[m];
        Crumbs {
            body: site.bodies[meeting.body].name.clone(),
            body_url: links.href(&body_path(site, meeting.body)),
            year: meeting.date.year(),
            year_url: links.href(&year_path(site, meeting.body, meeting.date.year())),
        }
    }
}

/// Adds the meeting page's breadcrumbs and the link to its pack.
pub(super) fn meeting_extras(site: &Site, links: &Links, m: MeetingIdx, c: &mut impl ContextSink) {
    c.insert("crumbs", &Crumbs::new(site, links, m));
    if !site.meetings[m].agenda.is_empty() {
        c.insert("pack_url", &links.href(&urls::pack_path(site, m)));
    }
}

/// Adds the paper page's breadcrumbs, its series page and the papers that update it.
pub(super) fn paper_extras(site: &Site, links: &Links, p: PaperIdx, c: &mut impl ContextSink) {
    let paper = &site.papers[p];
    c.insert("crumbs", &Crumbs::new(site, links, paper.meeting));
    if let Some(i) = links.reading.series_of(site, p) {
        c.insert("series_url", &links.href(&links.reading.series[i]));
    }
    let updates: Vec<Update> = paper
        .followed_by
        .iter()
        .map(|&f| Update::new(site, links, f))
        .collect();
    c.insert("later_updates", &updates);
}

/// A later paper that updates this one, with what its meeting decided on it.
#[derive(Serialize)]
struct Update {
    #[serde(flatten)]
    link: PaperLink,
    outcome: Vec<DecisionView>,
}

impl Update {
    fn new(site: &Site, links: &Links, p: PaperIdx) -> Self {
        Update {
            link: PaperLink::new(site, links, p),
            outcome: decisions(site, links, site.papers[p].outcome.iter().copied()),
        }
    }
}

/// One paper of a pack: its public parts, with ids prefixed to keep them unique.
#[derive(Serialize)]
struct PackPaper {
    #[serde(flatten)]
    link: PaperLink,
    /// The id of the paper's section; every id inside starts with it and `-`.
    anchor: String,
    from: Option<String>,
    to: Option<String>,
    recommendations: Vec<String>,
    body_html: String,
    decisions: Vec<DecisionView>,
}

fn pack(site: &Site, links: &Links, texts: &Texts, m: MeetingIdx, c: &mut impl ContextSink) {
    let meeting = &site.meetings[m];
    let root = links.root(&urls::pack_path(site, m));
    let mut used: HashSet<String> = PACK_IDS.iter().map(|s| s.to_string()).collect();
    let papers: Vec<PackPaper> = meeting
        .agenda
        .iter()
        .filter_map(|e| e.paper)
        .map(|p| {
            let paper = &site.papers[p];
            let base = match paper.item.as_deref().map(slugify) {
                Some(s) if !s.is_empty() => s,
                _ => "paper".to_string(),
            };
            pack_paper(site, links, texts, p, unique_id(&mut used, &base), &root)
        })
        .collect();
    c.insert("meeting", &MeetingPage::new(site, links, m, texts));
    c.insert("crumbs", &Crumbs::new(site, links, m));
    // Agenda rows link to their paper's section, found by the row's own anchor.
    let anchors: std::collections::BTreeMap<&str, &str> = meeting
        .agenda
        .iter()
        .filter(|e| e.paper.is_some())
        .map(|e| e.anchor.as_str())
        .zip(papers.iter().map(|p| p.anchor.as_str()))
        .collect();
    c.insert("anchors", &anchors);
    c.insert("papers", &papers);
}

fn pack_paper(
    site: &Site,
    links: &Links,
    texts: &Texts,
    p: PaperIdx,
    anchor: String,
    root: &str,
) -> PackPaper {
    let paper = &site.papers[p];
    let link = PaperLink::new(site, links, p);
    let mut out = PackPaper {
        anchor,
        from: None,
        to: None,
        recommendations: Vec::new(),
        body_html: String::new(),
        decisions: Vec::new(),
        link,
    };
    if paper.exempt.is_some() {
        return out;
    }
    out.from = paper.from.clone();
    out.to = paper.to.clone();
    let prefix = format!("{}-", out.anchor);
    // Relative addresses in a paper are written from its own page, so they lead on
    // from there; `link.url` ends in `/` or `/index.html`.
    let dir = out.link.url.trim_end_matches("index.html");
    let scope = markdown::Scope {
        id_prefix: prefix.clone(),
        section: out.anchor.clone(),
        base: format!("{root}{dir}"),
        // Each paper's title is an `h2` of the pack.
        demote: 1,
    };
    let page = urls::pack_path(site, paper.meeting);
    let from = crate::check::links::folder_of_id(&paper.id);
    out.body_html = texts
        .with_paper(site, p, |d| links.text_html(site, (&page, from), d, &scope))
        .unwrap_or_default();
    out.recommendations = recommendations(paper, site.config.unsafe_html);
    out.decisions = decisions(site, links, paper.decisions.iter().copied());
    for d in &mut out.decisions {
        d.anchor = format!("{prefix}{}", d.anchor);
    }
    out
}

#[derive(Serialize)]
struct YearLink {
    year: i32,
    url: String,
    meetings: Vec<MeetingLink>,
}

#[derive(Serialize)]
struct BodyPage {
    name: String,
    url: String,
    /// Its members, current and former; none without a `people/` folder.
    people_url: Option<String>,
    /// Newest first, as a reader most often wants the latest.
    years: Vec<YearLink>,
}

impl BodyPage {
    fn new(site: &Site, links: &Links, b: usize) -> Self {
        let years = years(site, b)
            .into_iter()
            .rev()
            .map(|y| YearLink {
                year: y,
                url: links.href(&year_path(site, b, y)),
                meetings: meetings_in(site, links, b, y),
            })
            .collect();
        BodyPage {
            name: site.bodies[b].name.clone(),
            url: links.href(&body_path(site, b)),
            people_url: site
                .has_people
                .then(|| links.href(&urls::body_people_path(&site.bodies[b].slug))),
            years,
        }
    }
}

fn meetings_in(site: &Site, links: &Links, b: usize, year: i32) -> Vec<MeetingLink> {
    site.bodies[b]
        .meetings
        .iter()
        .filter(|&&m| site.meetings[m].date.year() == year)
        .map(|&m| MeetingLink::new(site, links, m))
        .collect()
}

#[derive(Serialize)]
struct YearMeeting {
    #[serde(flatten)]
    link: MeetingLink,
    /// Its agenda, so the year reads as a record of business.
    items: Vec<YearItem>,
}

#[derive(Serialize)]
struct YearItem {
    item: Option<String>,
    title: String,
    paper: Option<PaperLink>,
}

#[derive(Serialize)]
struct YearPage {
    body: String,
    body_url: String,
    /// The body's members, current and former; none without a `people/` folder.
    people_url: Option<String>,
    year: i32,
    url: String,
    meetings: Vec<YearMeeting>,
    previous: Option<YearLink>,
    next: Option<YearLink>,
}

impl YearPage {
    fn new(site: &Site, links: &Links, b: usize, year: i32) -> Self {
        let all = years(site, b);
        let at = all.iter().position(|&y| y == year);
        let year_link = |y: i32| YearLink {
            year: y,
            url: links.href(&year_path(site, b, y)),
            meetings: Vec::new(),
        };
        let meetings = site.bodies[b]
            .meetings
            .iter()
            .filter(|&&m| site.meetings[m].date.year() == year)
            .map(|&m| YearMeeting {
                link: MeetingLink::new(site, links, m),
                items: site.meetings[m]
                    .agenda
                    .iter()
                    .map(|e| YearItem {
                        item: e.item.clone(),
                        title: e.title.clone(),
                        paper: e.paper.map(|p| PaperLink::new(site, links, p)),
                    })
                    .collect(),
            })
            .collect();
        YearPage {
            body: site.bodies[b].name.clone(),
            body_url: links.href(&body_path(site, b)),
            people_url: site
                .has_people
                .then(|| links.href(&urls::body_people_path(&site.bodies[b].slug))),
            year,
            url: links.href(&year_path(site, b, year)),
            meetings,
            previous: at.and_then(|i| i.checked_sub(1)).map(|i| year_link(all[i])),
            next: at.and_then(|i| all.get(i + 1)).map(|&y| year_link(y)),
        }
    }
}

/// One paper in a series page, with its meeting and what was decided on it.
#[derive(Serialize)]
struct SeriesStep {
    #[serde(flatten)]
    link: PaperLink,
    recommendations: Vec<String>,
    outcome: Vec<DecisionView>,
    decisions: Vec<DecisionView>,
}

#[derive(Serialize)]
struct SeriesPage {
    title: String,
    url: String,
    /// Its Atom feed, from the site root.
    feed: String,
    /// Oldest first.
    papers: Vec<SeriesStep>,
}

impl SeriesPage {
    fn new(site: &Site, links: &Links, i: usize) -> Self {
        let first = links.reading.series_starts[i];
        let papers = site.papers[first]
            .series
            .iter()
            .map(|&p| {
                let paper = &site.papers[p];
                SeriesStep {
                    link: PaperLink::new(site, links, p),
                    recommendations: recommendations(paper, site.config.unsafe_html),
                    outcome: decisions(site, links, paper.outcome.iter().copied()),
                    decisions: decisions(site, links, paper.decisions.iter().copied()),
                }
            })
            .collect();
        let path = &links.reading.series[i];
        SeriesPage {
            title: series_title(site, first),
            url: links.href(path),
            feed: urls::series_feed(series_slug(path)),
            papers,
        }
    }
}

/// One series in the list of them all.
#[derive(Serialize)]
struct SeriesSummary {
    title: String,
    url: String,
    papers: usize,
    first: PaperLink,
    last: PaperLink,
}

/// Every series, the one most recently updated first.
fn series_index(site: &Site, links: &Links) -> Vec<SeriesSummary> {
    let paths = &links.reading;
    let mut all: Vec<SeriesSummary> = paths
        .series_starts
        .iter()
        .zip(&paths.series)
        .map(|(&first, path)| {
            let thread = &site.papers[first].series;
            let last = *thread.last().unwrap_or(&first);
            SeriesSummary {
                title: series_title(site, first),
                url: links.href(path),
                papers: thread.len(),
                first: PaperLink::new(site, links, first),
                last: PaperLink::new(site, links, last),
            }
        })
        .collect();
    all.sort_by(|a, b| {
        b.last
            .date
            .iso
            .cmp(&a.last.date.iso)
            .then(a.url.cmp(&b.url))
    });
    all
}

/// How to report an accessibility problem, as the statement shows it.
#[derive(Serialize)]
struct Contact {
    text: String,
    /// A `mailto:` or web address when the setting is one.
    href: Option<String>,
}

impl Contact {
    fn new(setting: &Option<String>) -> Option<Contact> {
        let text = setting.clone()?;
        let href = if text.starts_with("https://") || text.starts_with("http://") {
            Some(text.clone())
        } else if !text.contains(char::is_whitespace) && text.contains('@') {
            Some(format!("mailto:{text}"))
        } else {
            None
        };
        Some(Contact { text, href })
    }
}
