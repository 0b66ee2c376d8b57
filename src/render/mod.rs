//! Render: turns the model into pages, each a template and a context, rendered in
//! parallel. Exempt papers are reduced here to what may be published: title and reason.

mod globals;
pub(crate) mod inputs;
mod people;
mod reading;
mod register;
pub(crate) mod templates;
mod texts;

pub(crate) use reading::series;
pub(crate) use texts::Texts;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::base::dates;
use crate::base::error::Diagnostic;
pub(crate) use crate::base::output::OutputFile;
use crate::base::vocab::{PaperKind, Status};
use crate::markdown;
use crate::model::{Attachment, Decision, DecisionIdx, Meeting, MeetingIdx, Paper, PaperIdx, Site};
use crate::render::templates::Templates;

/// Renders every page of the site.
pub fn render_site(
    site: &Site,
    templates: &mut Templates,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let (links, pages) = plan(site, templates);
    render_pages(site, &links, templates, &pages)
}

/// What every page is rendered with, made once per build: the links (whose site-wide
/// values this puts in the templates' globals) and every page of the site.
pub(crate) fn plan(site: &Site, templates: &mut Templates) -> (Links, Vec<Page>) {
    let links = Links::of(site);
    set_site_global(site, &links, templates);
    let pages = pages(site, &links);
    (links, pages)
}

/// Puts what every page shows of the site (title, navigation, where its feeds and
/// calendars are) in the templates' global context.
pub(crate) fn set_site_global(site: &Site, links: &Links, templates: &mut Templates) {
    site_global(site, links, templates.global());
}

/// The global values every template sees.
pub(crate) fn site_global(site: &Site, links: &Links, c: &mut impl ContextSink) {
    c.insert("site", &SiteView::new(site, links));
    globals::insert(site, c);
}

/// Renders the given pages of the site: all of [`pages`] for a build, the changed ones
/// for an incremental rebuild. [`set_site_global`] must have been called for `site`.
pub(crate) fn render_pages(
    site: &Site,
    links: &Links,
    templates: &Templates,
    pages: &[Page],
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    render_pages_each(site, links, templates, pages, Ok)
}

/// As [`render_pages`], handing each page to `each` as soon as it is rendered, so that
/// a build writes pages without holding them all in memory.
pub(crate) fn render_pages_each<T: Send, P: std::borrow::Borrow<Page> + Sync>(
    site: &Site,
    links: &Links,
    templates: &Templates,
    pages: &[P],
    each: impl Fn(OutputFile) -> Result<T, Diagnostic> + Sync,
) -> Result<Vec<T>, Vec<Diagnostic>> {
    render_pages_keeping_facts(site, links, templates, pages, false, each).0
}

/// As [`render_pages_each`], also giving the facts of every text the pages show. Pages
/// render meeting by meeting: a meeting's texts are parsed once for its page, its
/// papers' pages and its pack, then their HTML is dropped. The facts come whether or
/// not the pages rendered, as the checks that read them speak first. Without
/// `plain_text` (no search index to make) the texts' plain text is not kept.
pub(crate) fn render_pages_keeping_facts<T: Send, P: std::borrow::Borrow<Page> + Sync>(
    site: &Site,
    links: &Links,
    templates: &Templates,
    pages: &[P],
    plain_text: bool,
    each: impl Fn(OutputFile) -> Result<T, Diagnostic> + Sync,
) -> (Result<Vec<T>, Vec<Diagnostic>>, markdown::TextFacts) {
    links.make_decision_values(site);
    let render = |page: &Page, texts: &Texts| {
        let mut context = Context::new();
        page.fill_context_with(site, links, texts, &mut context);
        let html = templates.render(page.template, &context)?;
        each(OutputFile {
            path: page.output_path(),
            bytes: html.into_bytes(),
        })
    };
    let jobs = jobs(site, pages);
    let done: Vec<JobDone<T>> = jobs
        .par_iter()
        .map(|job| {
            let texts = Texts::for_pages(site, job.iter().map(|&i| pages[i].borrow()));
            let results = job
                .iter()
                .map(|&i| (i, render(pages[i].borrow(), &texts)))
                .collect();
            let mut facts = Vec::new();
            texts.keep_facts(plain_text, &mut facts);
            (results, facts)
        })
        .collect();
    let mut results = Vec::with_capacity(pages.len());
    let mut facts = Vec::new();
    for (r, f) in done {
        results.extend(r);
        facts.extend(f);
    }
    results.sort_by_key(|(i, _)| *i);
    let facts = texts::collect_facts(site, facts);
    let mut files = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for (_, r) in results {
        match r {
            Ok(f) => files.push(f),
            Err(e) if !errors.contains(&e) => errors.push(e),
            Err(_) => {}
        }
    }
    if errors.is_empty() {
        (Ok(files), facts)
    } else {
        (Err(errors), facts)
    }
}

/// What one job gives: each page's result by its index, and the facts of its texts.
type JobDone<T> = (
    Vec<(usize, Result<T, Diagnostic>)>,
    Vec<(texts::TextOf, markdown::Facts)>,
);

/// The pages in groups that render together: the pages that show one meeting's texts
/// (its page, its papers' pages, its pack) make one group; every other page is alone.
fn jobs<P: std::borrow::Borrow<Page>>(site: &Site, pages: &[P]) -> Vec<Vec<usize>> {
    let mut by_meeting: std::collections::BTreeMap<MeetingIdx, Vec<usize>> = Default::default();
    let mut jobs = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        match page.borrow().meeting_texts(site) {
            Some(m) => by_meeting.entry(m).or_default().push(i),
            None => jobs.push(vec![i]),
        }
    }
    // The groups first: they are the larger jobs, and should not be left to the end.
    let mut groups: Vec<Vec<usize>> = by_meeting.into_values().collect();
    groups.append(&mut jobs);
    groups
}

/// Where a page's context goes: into a Tera context to render the page, or into a
/// fingerprint of it (as `serve` makes, to tell which pages changed).
pub(crate) trait ContextSink {
    fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T);
    /// A value already made for the templates (shared, so cheap to clone); the default
    /// treats it as any other serializable value.
    fn insert_value(&mut self, key: &'static str, value: tera::Value) {
        self.insert(key, &value);
    }
}

impl ContextSink for Context {
    fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        Context::insert(self, key, value);
    }

    fn insert_value(&mut self, key: &'static str, value: tera::Value) {
        Context::insert_value(self, key, value);
    }
}

/// What a page shows, before it has a context.
enum Content {
    Home,
    Meetings,
    Meeting(MeetingIdx),
    Paper(PaperIdx),
    Items,
    Decisions(register::Filter),
    Topics,
    Topic(usize),
    NotFound,
    Reading(reading::Content),
    Search,
    People(people::Content),
    /// The old address of a paper or meeting that moved (`aliases:`).
    Redirect(crate::model::RedirectTo),
}

pub(crate) struct Page {
    /// Path under the output root, without `index.html`: "" for the home page.
    path: String,
    template: &'static str,
    content: Content,
}

/// Every page of the site, in a stable order.
pub(crate) fn pages(site: &Site, links: &Links) -> Vec<Page> {
    let page = |path: &str, template, content| Page {
        path: path.to_string(),
        template,
        content,
    };
    let mut out = vec![
        page("", "index.html", Content::Home),
        page("meetings", "meetings.html", Content::Meetings),
        page("items", "items.html", Content::Items),
        page("topics", "topics.html", Content::Topics),
        page("404.html", "404.html", Content::NotFound),
        page("search", "search.html", Content::Search),
    ];
    out.extend(register::pages(site, links));
    out.extend(
        site.meetings
            .iter()
            .enumerate()
            .map(|(i, m)| page(&m.path, "meeting.html", Content::Meeting(i))),
    );
    out.extend(
        site.papers
            .iter()
            .enumerate()
            .map(|(i, p)| page(&p.path, "paper.html", Content::Paper(i))),
    );
    out.extend(site.topics.iter().enumerate().map(|(i, t)| {
        page(
            &format!("topics/{}", t.slug),
            "topic.html",
            Content::Topic(i),
        )
    }));
    out.extend(reading::pages(site, links));
    out.extend(people::pages(site));
    out.extend(
        site.redirects()
            .into_iter()
            .map(|r| page(&r.path, REDIRECT_TEMPLATE, Content::Redirect(r.to))),
    );
    out
}

use crate::load::theme::REDIRECT_TEMPLATE;

impl Page {
    /// The template it is rendered with.
    pub(crate) fn template(&self) -> &'static str {
        self.template
    }

    /// Its file under the output folder, e.g. `meetings/2024-02-06/index.html`.
    pub(crate) fn output_path(&self) -> String {
        crate::urls::file_of(&self.path)
    }

    /// Everything the page's template sees besides the global `site`, with the texts it
    /// shows parsed already in `texts` (any it lacks are parsed for the call).
    pub(crate) fn fill_context_with(
        &self,
        site: &Site,
        links: &Links,
        texts: &Texts,
        c: &mut impl ContextSink,
    ) {
        self.context(site, links, texts, c);
        c.insert("root", &links.root(&self.path));
        c.insert("page_path", &links.href(&self.path));
        c.insert("current", self.nav_label());
    }

    /// The label of the site navigation entry this page sits under.
    fn nav_label(&self) -> &'static str {
        match self.content {
            Content::Home => "Home",
            Content::Meetings | Content::Meeting(_) | Content::Paper(_) => "Meetings",
            Content::Items => "Agenda items",
            Content::Decisions(_) => "Decisions",
            Content::Topics | Content::Topic(_) => "Topics",
            Content::NotFound | Content::Search | Content::Redirect(_) => "",
            Content::Reading(ref r) => r.nav_label(),
            Content::People(_) => "People",
        }
    }

    /// The meeting whose texts this page shows, if it shows any.
    fn meeting_texts(&self, site: &Site) -> Option<MeetingIdx> {
        match self.content {
            Content::Meeting(m) | Content::Reading(reading::Content::Pack(m)) => Some(m),
            Content::Paper(p) => Some(site.papers[p].meeting),
            _ => None,
        }
    }

    fn context(&self, site: &Site, links: &Links, texts: &Texts, c: &mut impl ContextSink) {
        match self.content {
            Content::Home => home(site, links, c),
            Content::Meetings => c.insert("bodies", &bodies_by_year(site, links)),
            Content::Meeting(m) => {
                c.insert("meeting", &MeetingPage::new(site, links, m, texts));
                reading::meeting_extras(site, links, m, c);
            }
            Content::Paper(p) => {
                c.insert("paper", &PaperPage::new(site, links, p, texts));
                reading::paper_extras(site, links, p, c);
            }
            Content::Items => c.insert("items", &agenda_index(site, links)),
            Content::Decisions(filter) => register::context(site, links, filter, c),
            Content::Topics => {
                let topics: Vec<TopicLink> = site
                    .topics
                    .iter()
                    .map(|t| TopicLink {
                        name: t.name.clone(),
                        url: links.href(&format!("topics/{}", t.slug)),
                        count: t.papers.len(),
                    })
                    .collect();
                c.insert("topics", &topics);
            }
            Content::Topic(t) => {
                let topic = &site.topics[t];
                c.insert("topic", &topic.name);
                c.insert(
                    "papers",
                    &topic
                        .papers
                        .iter()
                        .map(|&p| PaperLink::new(site, links, p))
                        .collect::<Vec<_>>(),
                );
            }
            Content::NotFound => {}
            Content::Reading(ref r) => r.context(site, links, texts, c),
            Content::Search => c.insert("search", &crate::model::facets::Facets::new(site)),
            Content::People(ref p) => p.context(site, links, c),
            Content::Redirect(to) => {
                c.insert("redirect", &RedirectView::new(site, links, self, to))
            }
        }
    }
}

/// Builds links: relative (`../../meetings/x/index.html`) when the site has no
/// `base_url`, so that it works from disk and any sub-path; pretty with one.
pub(crate) struct Links {
    base: Option<String>,
    content: crate::check::links::Resolver,
    /// Where the pages for reading across meetings live.
    reading: reading::Paths,
    /// The decisions of each view of the register.
    register: register::Views,
    /// Every decision as the templates see it, made on first use: the register's views
    /// list each decision four times, and a decision looks the same on every page.
    decision_values: std::sync::OnceLock<Vec<tera::Value>>,
}

impl Links {
    /// Built once per build (or rebuild) and shared by every page.
    pub(crate) fn of(site: &Site) -> Self {
        Links {
            base: site.config.base_url.clone(),
            content: crate::check::links::Resolver::new(site),
            reading: reading::Paths::new(site),
            register: register::Views::new(site),
            decision_values: std::sync::OnceLock::new(),
        }
    }

    /// Makes every decision's template value, in parallel: called before the pages are
    /// rendered, from outside the thread pool, so no page waits on the cell while this
    /// thread could pick that page up.
    fn make_decision_values(&self, site: &Site) {
        self.decision_values.get_or_init(|| {
            (0..site.decisions.len())
                .into_par_iter()
                .map(|d| decision_value(site, self, d))
                .collect()
        });
    }

    /// The template value of the decisions `which`, in order: shared values, made once
    /// per build, so a long register costs little more than one list of references.
    fn decision_values(
        &self,
        site: &Site,
        which: impl IntoIterator<Item = DecisionIdx>,
    ) -> tera::Value {
        // Made here, on one thread, only if the pages did not ask for them first.
        let all = self.decision_values.get_or_init(|| {
            (0..site.decisions.len())
                .map(|d| decision_value(site, self, d))
                .collect()
        });
        tera::Value::from(
            which
                .into_iter()
                .map(|d| all[d].clone())
                .collect::<Vec<_>>(),
        )
    }

    /// The path of every series page: a title edit can move them all, as their slugs
    /// are made unique across series.
    pub(crate) fn series_paths(&self) -> &[String] {
        self.reading.series_paths()
    }

    /// The href of a page from the site root, to be put after `root`.
    fn href(&self, path: &str) -> String {
        self.urls().page(path)
    }

    fn urls(&self) -> crate::urls::Urls<'_> {
        crate::urls::Urls::with_base(self.base.as_deref())
    }

    /// The HTML of a parsed text on the page at `page_path`, placed by `scope`, the text
    /// being in the content folder `from`: links to other content files lead to their
    /// pages.
    fn text_html(
        &self,
        site: &Site,
        (page_path, from): (&str, &str),
        document: &markdown::Document,
        scope: &markdown::Scope,
    ) -> String {
        use crate::check::links::Resolved;
        let root = self.root(page_path);
        document.html(scope, &|dest| match self.content.resolve(from, dest) {
            Resolved::Found { target, anchor } => {
                let href = self.href(target.path(site));
                Some(match anchor {
                    Some(a) => format!("{root}{href}#{a}"),
                    None => format!("{root}{href}"),
                })
            }
            // Until it is published, a paper's link leads to its "to follow" item.
            Resolved::ToFollow { meeting, anchor } => {
                let href = self.href(&site.meetings[meeting].path);
                Some(format!("{root}{href}#{anchor}"))
            }
            _ => None,
        })
    }

    /// The prefix that leads from a page back to the site root.
    fn root(&self, path: &str) -> String {
        self.urls().root_of_page(path)
    }
}

/// Where a redirect page sends its reader: relative from the old address without a
/// `base_url` (so the archive works from disk), absolute with one.
#[derive(Serialize)]
struct RedirectView {
    title: String,
    url: String,
    /// The new address as a script's string literal, for the one line that carries a
    /// cited fragment (`#p3`) across, which a refresh drops. Only for a site that allows
    /// script in its pages (`[markdown] unsafe_html`); `None` otherwise.
    fragment_script: Option<String>,
}

impl RedirectView {
    fn new(site: &Site, links: &Links, page: &Page, to: crate::model::RedirectTo) -> Self {
        use crate::model::RedirectTo;
        let (title, path) = match to {
            RedirectTo::Paper(p) => (site.papers[p].title.clone(), &site.papers[p].path),
            RedirectTo::Meeting(m) => {
                let meeting = &site.meetings[m];
                (meeting.display_title(site), &meeting.path)
            }
        };
        let url = links.urls().to_page(&page.output_path(), path);
        // JSON is a JavaScript literal; `</` is escaped so it cannot close the script.
        let literal = || serde_json::Value::from(url.as_str()).to_string();
        RedirectView {
            title,
            fragment_script: site
                .config
                .unsafe_html
                .then(|| literal().replace("</", "<\\/")),
            url,
        }
    }
}

#[derive(Serialize)]
struct SiteView {
    title: String,
    default_body: String,
    language: String,
    base_url: Option<String>,
    nav: Vec<NavLink>,
    accessibility_url: String,
    search_url: String,
    series_url: String,
    /// Everyone in the record, by body; none without a `people/` folder.
    people_url: Option<String>,
    /// Absent when the site sets none of `[participation]`.
    participation: Option<ParticipationView>,
}

/// `[participation]` as the home page shows it, with links for the email and phone.
#[derive(Serialize)]
struct ParticipationView {
    attend: Option<String>,
    questions: Option<String>,
    clerk: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    /// A `tel:` link: the number's digits and a leading `+`, as dialled.
    phone_href: Option<String>,
}

impl ParticipationView {
    fn new(p: &crate::config::Participation) -> Option<Self> {
        if p.is_empty() {
            return None;
        }
        let phone_href = p.phone.as_ref().and_then(|n| {
            let dial: String = n
                .chars()
                .enumerate()
                .filter(|&(i, c)| c.is_ascii_digit() || (i == 0 && c == '+'))
                .map(|(_, c)| c)
                .collect();
            (dial.len() >= 3).then(|| format!("tel:{dial}"))
        });
        Some(ParticipationView {
            attend: p.attend.clone(),
            questions: p.questions.clone(),
            clerk: p.clerk.clone(),
            email: p.email.clone(),
            phone: p.phone.clone(),
            phone_href,
        })
    }
}

#[derive(Serialize)]
struct NavLink {
    label: &'static str,
    url: String,
}

impl SiteView {
    fn new(site: &Site, links: &Links) -> Self {
        let nav = [
            ("Home", ""),
            ("Meetings", "meetings"),
            ("Agenda items", "items"),
            ("Decisions", register::REGISTER),
            ("Topics", "topics"),
            ("People", crate::urls::PEOPLE_PAGE),
        ]
        .into_iter()
        // Only a site with a `people/` folder has people pages.
        .filter(|&(label, _)| label != "People" || site.has_people)
        .map(|(label, path)| NavLink {
            label,
            url: links.href(path),
        })
        .collect();
        SiteView {
            title: site.config.title.clone(),
            default_body: site.config.default_body.clone(),
            language: site.config.language.clone(),
            base_url: site.config.base_url.clone(),
            nav,
            accessibility_url: links.href(reading::ACCESSIBILITY),
            search_url: links.href("search"),
            series_url: links.href(reading::SERIES_INDEX),
            people_url: site
                .has_people
                .then(|| links.href(crate::urls::PEOPLE_PAGE)),
            participation: ParticipationView::new(&site.config.participation),
        }
    }
}

#[derive(Serialize, Clone)]
struct DateView {
    iso: String,
    long: String,
    medium: String,
    year: i32,
}

impl DateView {
    fn new(date: chrono::NaiveDate) -> Self {
        use chrono::Datelike;
        DateView {
            iso: dates::iso(date),
            long: dates::long(date),
            medium: dates::medium(date),
            year: date.year(),
        }
    }
}

#[derive(Serialize)]
struct MeetingLink {
    id: String,
    title: String,
    /// The meeting's own title, if it has one (`title` always has the date).
    name: Option<String>,
    url: String,
    date: DateView,
    body: String,
    time: Option<String>,
    venue: Option<String>,
    status: Option<Status>,
}

impl MeetingLink {
    fn new(site: &Site, links: &Links, m: MeetingIdx) -> Self {
        let meeting = &site.meetings[m];
        MeetingLink {
            id: meeting.id.clone(),
            title: meeting.display_title(site),
            name: meeting.title.clone(),
            url: links.href(&meeting.path),
            date: DateView::new(meeting.date),
            body: site.bodies[meeting.body].name.clone(),
            time: meeting.time.clone(),
            venue: meeting.venue.clone(),
            status: meeting.status,
        }
    }
}

#[derive(Serialize)]
struct PaperLink {
    title: String,
    url: String,
    item: Option<String>,
    date: DateView,
    kind: PaperKind,
    kind_label: &'static str,
    exempt: Option<String>,
    draft: bool,
    supplement: bool,
    meeting_title: String,
    meeting_url: String,
    meeting_date: DateView,
    body: String,
}

impl PaperLink {
    fn new(site: &Site, links: &Links, p: PaperIdx) -> Self {
        let paper = &site.papers[p];
        let meeting = &site.meetings[paper.meeting];
        PaperLink {
            title: paper.title.clone(),
            url: links.href(&paper.path),
            item: paper.item.clone(),
            date: DateView::new(paper.date),
            kind: paper.kind,
            kind_label: paper.kind.label(),
            exempt: paper.exempt.clone(),
            draft: paper.draft,
            supplement: paper.supplement,
            meeting_title: meeting.display_title(site),
            meeting_url: links.href(&meeting.path),
            meeting_date: DateView::new(meeting.date),
            body: site.bodies[meeting.body].name.clone(),
        }
    }
}

#[derive(Serialize)]
struct DecisionView {
    reference: Option<String>,
    anchor: String,
    /// HTML, from the decision's inline Markdown.
    text: String,
    item: Option<String>,
    date: DateView,
    by: String,
    /// Link to the decision on the page of the paper that records it.
    url: String,
    /// Link to the item decided on its meeting's page.
    item_url: String,
    recorded_in: PaperLink,
    decides: Option<PaperLink>,
    meeting: MeetingLink,
    vote: Option<people::VoteView>,
    /// Reasons, alternatives, conflicts, key decision; none when the record states none.
    record: Option<people::RecordView>,
    /// Where it stands on the build's day: call-in open, called in, effective.
    call_in: Option<people::CallInView>,
}

impl DecisionView {
    fn new(site: &Site, links: &Links, d: &Decision) -> Self {
        let recorded_in = PaperLink::new(site, links, d.recorded_in);
        DecisionView {
            reference: d.reference.clone(),
            anchor: d.anchor.clone(),
            text: markdown::inline(&d.text, site.config.unsafe_html),
            item: d.item.clone(),
            date: DateView::new(d.date),
            by: d.by.clone(),
            url: format!("{}#{}", recorded_in.url, d.anchor),
            item_url: match &d.item_anchor {
                Some(anchor) => format!("{}#{anchor}", links.href(&site.meetings[d.meeting].path)),
                None => links.href(&site.meetings[d.meeting].path),
            },
            recorded_in,
            decides: d.decides.map(|p| PaperLink::new(site, links, p)),
            meeting: MeetingLink::new(site, links, d.meeting),
            vote: d
                .vote
                .as_ref()
                .map(|v| people::VoteView::new(site, links, v)),
            record: people::RecordView::new(&d.record, site.config.unsafe_html),
            call_in: people::CallInView::new(&d.record, people::today(site)),
        }
    }
}

fn decision_value(site: &Site, links: &Links, d: DecisionIdx) -> tera::Value {
    tera::Value::from_serializable(&DecisionView::new(site, links, &site.decisions[d]))
}

/// Newest date first; decisions of one paper on one date stay in the paper's order.
fn newest_first(site: &Site) -> Vec<DecisionIdx> {
    let mut order: Vec<DecisionIdx> = (0..site.decisions.len()).collect();
    order.sort_by_key(|&i| {
        let d = &site.decisions[i];
        (std::cmp::Reverse(d.date), &site.papers[d.recorded_in].id, i)
    });
    order
}

fn decisions(
    site: &Site,
    links: &Links,
    which: impl IntoIterator<Item = DecisionIdx>,
) -> Vec<DecisionView> {
    which
        .into_iter()
        .map(|d| DecisionView::new(site, links, &site.decisions[d]))
        .collect()
}

#[derive(Serialize)]
struct BodySummary {
    name: String,
    slug: String,
    /// The body's own page, with all its meetings.
    url: String,
    latest: Option<MeetingLink>,
    next: Option<MeetingLink>,
    meeting_count: usize,
}

/// The next meeting is the first scheduled one after the last meeting held; the latest
/// is the last one before it that was held or has no status (a meeting known only by its
/// date). Status, not the clock, decides, so the same content always builds the same site.
fn latest_and_next(
    site: &Site,
    meetings: &[MeetingIdx],
) -> (Option<MeetingIdx>, Option<MeetingIdx>) {
    let status = |m: MeetingIdx| site.meetings[m].status;
    let date = |m: MeetingIdx| site.meetings[m].date;
    let last_held = meetings
        .iter()
        .rev()
        .find(|&&m| status(m) == Some(Status::Held))
        .map(|&m| date(m));
    let next = meetings
        .iter()
        .find(|&&m| status(m) == Some(Status::Scheduled) && last_held.is_none_or(|d| date(m) > d))
        .copied();
    let latest = meetings
        .iter()
        .rev()
        .filter(|&&m| next.is_none_or(|n| date(m) < date(n)))
        .find(|&&m| matches!(status(m), Some(Status::Held) | None))
        .copied();
    (latest, next)
}

/// The home page: each body's latest and next meetings, recent decisions, the indexes.
fn home(site: &Site, links: &Links, c: &mut impl ContextSink) {
    let bodies: Vec<BodySummary> = site
        .bodies
        .iter()
        .map(|b| {
            let (latest, next) = latest_and_next(site, &b.meetings);
            BodySummary {
                name: b.name.clone(),
                slug: b.slug.clone(),
                url: links.href(&crate::urls::body_path(&b.slug)),
                latest: latest.map(|m| MeetingLink::new(site, links, m)),
                next: next.map(|m| MeetingLink::new(site, links, m)),
                meeting_count: b.meetings.len(),
            }
        })
        .collect();
    c.insert("bodies", &bodies);
    let recent = newest_first(site).into_iter().take(5);
    c.insert_value("recent_decisions", links.decision_values(site, recent));
    c.insert(
        "counts",
        &[site.meetings.len(), site.papers.len(), site.decisions.len()],
    );
}

#[derive(Serialize)]
struct YearGroup {
    year: i32,
    /// The body's page for the year.
    url: String,
    meetings: Vec<MeetingLink>,
}

#[derive(Serialize)]
struct BodyYears {
    name: String,
    slug: String,
    url: String,
    years: Vec<YearGroup>,
}

/// Newest first: years, and the meetings within each year.
fn bodies_by_year(site: &Site, links: &Links) -> Vec<BodyYears> {
    use chrono::Datelike;
    site.bodies
        .iter()
        .map(|b| {
            let mut years: Vec<YearGroup> = Vec::new();
            for &m in b.meetings.iter().rev() {
                let year = site.meetings[m].date.year();
                if years.last().is_none_or(|g| g.year != year) {
                    years.push(YearGroup {
                        year,
                        url: links.href(&crate::urls::year_path(
                            &site.bodies[site.meetings[m].body].slug,
                            year,
                        )),
                        meetings: Vec::new(),
                    });
                }
                if let Some(g) = years.last_mut() {
                    g.meetings.push(MeetingLink::new(site, links, m));
                }
            }
            BodyYears {
                name: b.name.clone(),
                slug: b.slug.clone(),
                url: links.href(&crate::urls::body_path(&b.slug)),
                years,
            }
        })
        .collect()
}

#[derive(Serialize)]
struct ItemRow {
    item: Option<String>,
    title: String,
    url: String,
    exempt: Option<String>,
    meeting: MeetingLink,
}

/// Every agenda item, newest meeting first, each meeting's items in agenda order.
fn agenda_index(site: &Site, links: &Links) -> Vec<ItemRow> {
    let mut rows = Vec::new();
    for m in (0..site.meetings.len()).rev() {
        let meeting = &site.meetings[m];
        for entry in &meeting.agenda {
            let url = match entry.paper {
                Some(p) => links.href(&site.papers[p].path),
                None => format!("{}#{}", links.href(&meeting.path), entry.anchor),
            };
            rows.push(ItemRow {
                item: entry.item.clone(),
                title: entry.title.clone(),
                url,
                exempt: entry.paper.and_then(|p| site.papers[p].exempt.clone()),
                meeting: MeetingLink::new(site, links, m),
            });
        }
    }
    rows
}

#[derive(Serialize)]
struct TopicLink {
    name: String,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct AgendaSection {
    heading: Option<String>,
    #[serde(skip)]
    section: Option<String>,
    entries: Vec<AgendaRow>,
}

#[derive(Serialize)]
struct AgendaRow {
    item: Option<String>,
    title: String,
    anchor: String,
    paper: Option<PaperLink>,
    to_follow: bool,
    decisions: Vec<DecisionView>,
    /// Declarations of interest made on this item.
    declarations: Vec<people::DeclarationView>,
}

#[derive(Serialize)]
struct MeetingPage {
    #[serde(flatten)]
    link: MeetingLink,
    status_label: Option<&'static str>,
    implicit: bool,
    draft: bool,
    attendance: people::AttendanceView,
    /// Declarations for the whole meeting, or on items not on its agenda.
    declarations: Vec<people::DeclarationView>,
    intro_html: String,
    agenda: Vec<AgendaSection>,
    minutes: Vec<PaperLink>,
    other_decisions: Vec<DecisionView>,
    previous: Option<MeetingLink>,
    next: Option<MeetingLink>,
}

impl MeetingPage {
    fn new(site: &Site, links: &Links, m: MeetingIdx, texts: &Texts) -> Self {
        let meeting: &Meeting = &site.meetings[m];
        let (agenda, declarations) = agenda_sections(site, links, m);
        MeetingPage {
            link: MeetingLink::new(site, links, m),
            status_label: meeting.status.map(|s| match s {
                Status::Scheduled => "Scheduled",
                Status::Held => "Held",
                Status::Cancelled => "Cancelled",
            }),
            implicit: meeting.file.is_none(),
            draft: meeting.draft,
            attendance: people::AttendanceView::new(site, links, meeting),
            declarations,
            intro_html: texts.with_intro(site, m, |d| {
                let at = (meeting.path.as_str(), meeting_folder(meeting));
                links.text_html(site, (at.0, &at.1), d, &Default::default())
            }),
            agenda,
            minutes: meeting
                .minutes
                .iter()
                .map(|&p| PaperLink::new(site, links, p))
                .collect(),
            other_decisions: decisions(site, links, meeting.other_decisions.iter().copied()),
            previous: meeting.previous.map(|p| MeetingLink::new(site, links, p)),
            next: meeting.next.map(|p| MeetingLink::new(site, links, p)),
        }
    }
}

fn meeting_folder(meeting: &Meeting) -> String {
    let file = meeting.file.as_deref().unwrap_or(std::path::Path::new(""));
    crate::check::links::folder_of_file(file)
}

/// Consecutive entries under the same section heading form one section. Each item
/// carries the declarations made on it; the rest (whole-meeting ones, and those on items
/// not on the agenda) come back apart.
fn agenda_sections(
    site: &Site,
    links: &Links,
    m: MeetingIdx,
) -> (Vec<AgendaSection>, Vec<people::DeclarationView>) {
    let meeting = &site.meetings[m];
    let mut general = Vec::new();
    // Each item's declarations, with their place in the record.
    let mut by_item: std::collections::HashMap<&str, Vec<(usize, people::DeclarationView)>> =
        Default::default();
    for (i, d) in meeting.declarations.iter().enumerate() {
        let view = people::DeclarationView::new(site, links, m, d);
        match &d.item_anchor {
            Some(anchor) => by_item.entry(anchor).or_default().push((i, view)),
            None => general.push(view),
        }
    }
    let mut sections: Vec<AgendaSection> = Vec::new();
    for entry in &meeting.agenda {
        let row = AgendaRow {
            declarations: by_item
                .remove(entry.anchor.as_str())
                .into_iter()
                .flatten()
                .map(|(_, d)| d)
                .collect(),
            item: entry.item.clone(),
            title: entry.title.clone(),
            anchor: entry.anchor.clone(),
            paper: entry.paper.map(|p| PaperLink::new(site, links, p)),
            to_follow: entry.to_follow.is_some(),
            decisions: decisions(site, links, entry.decisions.iter().copied()),
        };
        match sections.last_mut() {
            Some(s) if s.section == entry.section => s.entries.push(row),
            _ => sections.push(AgendaSection {
                // Items with no section that follow a section must not read as part of it.
                heading: match (&entry.section, sections.is_empty()) {
                    (Some(name), _) => Some(name.clone()),
                    (None, true) => None,
                    (None, false) => Some("Other items".to_string()),
                },
                section: entry.section.clone(),
                entries: vec![row],
            }),
        }
    }
    // An anchor no item has (the model gives none, but nothing may be lost): in general,
    // in the order they were recorded.
    let mut left: Vec<_> = by_item.into_values().flatten().collect();
    left.sort_by_key(|(i, _)| *i);
    general.extend(left.into_iter().map(|(_, d)| d));
    (sections, general)
}

#[derive(Serialize)]
struct PaperPage {
    #[serde(flatten)]
    link: PaperLink,
    section: Option<String>,
    to: Option<String>,
    from: Option<String>,
    classification: Option<String>,
    topics: Vec<TopicLink>,
    attachments: Vec<AttachmentView>,
    /// Empty for an exempt paper, as are recommendations and decisions.
    body_html: String,
    /// HTML, from each recommendation's inline Markdown.
    recommendations: Vec<String>,
    decisions: Vec<DecisionView>,
    outcome: Vec<DecisionView>,
    minutes_of: Option<MeetingLink>,
    follows: Option<PaperLink>,
    followed_by: Vec<PaperLink>,
    series: Vec<SeriesEntry>,
    previous: Option<PaperLink>,
    next: Option<PaperLink>,
}

#[derive(Serialize)]
struct AttachmentView {
    title: String,
    /// From the site root.
    url: String,
    /// "PDF, 120 KB", as GOV.UK lists documents, so readers know what they will get.
    format: String,
}

impl AttachmentView {
    fn new(paper: &Paper, a: &Attachment) -> Self {
        AttachmentView {
            title: a.title.clone(),
            url: format!("{}/{}", paper.path, a.name),
            format: format!("{}, {}", file_kind(&a.name), file_size(a.bytes.len())),
        }
    }
}

fn file_kind(name: &str) -> String {
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    let known = match ext {
        "pdf" => "PDF",
        "doc" | "docx" => "Word document",
        "odt" => "OpenDocument text",
        "xls" | "xlsx" => "Excel spreadsheet",
        "ods" => "OpenDocument spreadsheet",
        "csv" => "CSV",
        "ppt" | "pptx" => "PowerPoint presentation",
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" => "Image",
        "txt" => "Plain text",
        "html" | "htm" => "HTML",
        "zip" => "ZIP archive",
        _ => "",
    };
    match (known, ext) {
        ("", "") => "File".to_string(),
        ("", ext) => format!("{} file", ext.to_uppercase()),
        (known, _) => known.to_string(),
    }
}

fn file_size(bytes: usize) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} bytes")
    } else if b < KB * KB {
        format!("{:.0} KB", (b / KB).max(1.0))
    } else {
        format!("{:.1} MB", b / (KB * KB))
    }
}

/// A paper's recommendations as HTML from their inline Markdown; none for an exempt paper.
fn recommendations(paper: &Paper, raw_html: bool) -> Vec<String> {
    if paper.exempt.is_some() {
        return Vec::new();
    }
    paper
        .recommendations
        .iter()
        .map(|r| markdown::inline(r, raw_html))
        .collect()
}

/// Every public paper's attachments, as output files beside the paper's page, and
/// every person's image beside theirs.
pub(crate) fn attachments(site: &Site) -> Vec<OutputFile> {
    let mut files: Vec<OutputFile> = site
        .papers
        .iter()
        .flat_map(|p| {
            p.attachments.iter().map(|a| OutputFile {
                path: format!("{}/{}", p.path, a.name),
                bytes: a.bytes.as_ref().clone(),
            })
        })
        .collect();
    files.extend(people::images(site));
    files
}

#[derive(Serialize)]
struct SeriesEntry {
    #[serde(flatten)]
    link: PaperLink,
    current: bool,
}

impl PaperPage {
    fn new(site: &Site, links: &Links, p: PaperIdx, texts: &Texts) -> Self {
        let paper: &Paper = &site.papers[p];
        let public = paper.exempt.is_none();
        let topic_links = paper
            .topics
            .iter()
            .map(|&t| &site.topics[t])
            .map(|t| TopicLink {
                name: t.name.clone(),
                url: links.href(&format!("topics/{}", t.slug)),
                count: t.papers.len(),
            })
            .collect();
        let link = |i: PaperIdx| PaperLink::new(site, links, i);
        PaperPage {
            link: link(p),
            section: paper.section.clone(),
            // Of an exempt paper only its title and reason may be published.
            to: paper.to.clone().filter(|_| public),
            from: paper.from.clone().filter(|_| public),
            classification: paper.classification.clone().filter(|_| public),
            topics: topic_links,
            attachments: paper
                .attachments
                .iter()
                .map(|a| AttachmentView::new(paper, a))
                .collect(),
            body_html: if public {
                let from = crate::check::links::folder_of_id(&paper.id);
                texts
                    .with_paper(site, p, |d| {
                        links.text_html(site, (&paper.path, from), d, &Default::default())
                    })
                    .unwrap_or_default()
            } else {
                String::new()
            },
            recommendations: recommendations(paper, site.config.unsafe_html),
            decisions: decisions(site, links, paper.decisions.iter().copied()),
            outcome: decisions(site, links, paper.outcome.iter().copied()),
            minutes_of: paper.minutes_of.map(|m| MeetingLink::new(site, links, m)),
            follows: paper.follows.map(link),
            followed_by: paper.followed_by.iter().map(|&i| link(i)).collect(),
            series: paper
                .series
                .iter()
                .map(|&i| SeriesEntry {
                    link: link(i),
                    current: i == p,
                })
                .collect(),
            previous: paper.previous.map(link),
            next: paper.next.map(link),
        }
    }
}
