//! The one sequence of stages, load → model → markdown and render (meeting by meeting) →
//! check → outputs → write, that `build`, `check` and `serve`'s session all run.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::base::error::{Diagnostic, Errors};
use crate::base::moment::Moment;
use crate::check::{agenda as checks, links};
use crate::config::Config;
use crate::load::Loaded;
use crate::load::theme::Theme;
use crate::markdown::TextFacts;
use crate::model::{self, Site};
use crate::render::templates::Templates;
use crate::render::{self, OutputFile};
use crate::{load, write};

/// What a build or check produced, for the summary line.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Meetings published.
    pub meetings: usize,
    /// Papers published (exempt ones by title only).
    pub papers: usize,
    /// Decisions recorded.
    pub decisions: usize,
    /// Files written (or, for `check`, that would be).
    pub files: usize,
    /// How long it took.
    pub elapsed: Duration,
    /// Problems that do not stop a build, sorted by file and line.
    pub warnings: Vec<Diagnostic>,
    /// What this build left out: draft meetings, draft papers (including those of draft
    /// meetings) and embargoed papers. All zero in a build with drafts and a late `now`.
    pub left_out: LeftOut,
    /// Whether drafts were included: the output is a preview, not for publishing.
    pub preview: bool,
}

/// Counts of what a build did not publish, for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// Meetings marked `draft: true`.
    pub draft_meetings: usize,
    /// Papers marked `draft: true`, or of a draft meeting.
    pub draft_papers: usize,
    /// Papers whose `publish_from` is still to come.
    pub embargoed_papers: usize,
}

impl Summary {
    fn of(site: &Site, files: usize, started: Instant) -> Self {
        let draft_papers = site
            .withheld
            .values()
            .filter(|w| matches!(w, model::Withheld::Draft))
            .count();
        Summary {
            meetings: site.meetings.len(),
            papers: site.papers.len(),
            decisions: site.decisions.len(),
            files,
            elapsed: started.elapsed(),
            warnings: Vec::new(),
            left_out: LeftOut {
                draft_meetings: site.draft_meetings,
                draft_papers,
                embargoed_papers: site.withheld.len() - draft_papers,
            },
            preview: site.config.publication.drafts,
        }
    }
}

/// The stages of a build, as progress reports name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading `content/` and the theme, and checking them.
    Load,
    /// Rendering pages: the bulk of a large build, counted page by page.
    Render,
    /// Feeds, calendars, open data, the search index and attachments.
    Outputs,
}

impl Stage {
    /// What the stage does, for a progress line.
    pub fn describe(self) -> &'static str {
        match self {
            Stage::Load => "Reading and checking the content",
            Stage::Render => "Rendering pages",
            Stage::Outputs => "Writing feeds, data and the search index",
        }
    }
}

/// Told how a build is getting on, to show it: the CLI draws a progress bar or plain
/// lines. Called from several threads at once.
pub trait Progress: Send + Sync {
    /// A stage begins; `total` counts its steps, where known.
    fn start(&self, stage: Stage, total: Option<usize>);
    /// One more step of the current stage is done.
    fn step(&self);
    /// The build is over, whether it succeeded or not.
    fn finish(&self);
}

/// Where a build reports its progress; by default, nowhere.
#[derive(Clone, Default)]
pub struct Reporter(Option<Arc<dyn Progress>>);

impl Reporter {
    /// Reports to `progress`.
    pub fn new(progress: impl Progress + 'static) -> Self {
        Reporter(Some(Arc::new(progress)))
    }

    /// Passes on that `stage` begins.
    pub fn start(&self, stage: Stage, total: Option<usize>) {
        if let Some(p) = &self.0 {
            p.start(stage, total);
        }
    }

    /// Passes on that one more step is done.
    pub fn step(&self) {
        if let Some(p) = &self.0 {
            p.step();
        }
    }

    /// Passes on that the build is over.
    pub fn finish(&self) {
        if let Some(p) = &self.0 {
            p.finish();
        }
    }
}

impl std::fmt::Debug for Reporter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Reporter(..)"
        } else {
            "Reporter(none)"
        })
    }
}

/// How a build decides what is published, beyond the content itself.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Include `draft: true` meetings and papers.
    pub drafts: bool,
    /// The moment to publish at, instead of the clock (or `SOURCE_DATE_EPOCH`).
    pub now: Option<Moment>,
    /// Where to report how the build is getting on.
    pub progress: Reporter,
}

/// Builds the site at `root` into `output` (default `<root>/public`). On any error the
/// output folder is left exactly as it was.
pub fn build(root: &Path, output: Option<&Path>) -> Result<Summary, Errors> {
    build_with(root, output, &Options::default())
}

/// [`build`] with publication options.
pub fn build_with(
    root: &Path,
    output: Option<&Path>,
    options: &Options,
) -> Result<Summary, Errors> {
    let result = build_reporting(root, output, options);
    options.progress.finish();
    result
}

fn build_reporting(
    root: &Path,
    output: Option<&Path>,
    options: &Options,
) -> Result<Summary, Errors> {
    let started = Instant::now();
    let output = output.map_or_else(|| root.join("public"), Path::to_path_buf);
    let output = write::resolve_output(root, &output).map_err(|d| errors(root, vec![d]))?;
    let progress = &options.progress;
    progress.start(Stage::Load, None);
    let (site, mut templates, theme, pending) = prepare(root, options)?;
    // Pages go to disk as they render, so the whole site is never held in memory; a
    // failure drops the staging folder and leaves the output as it was.
    let staging = write::Staging::new(&output).map_err(|d| errors(root, vec![d]))?;
    let write = |file: OutputFile| staging.write(&file).map(|()| file.path);
    let write_page = |file: OutputFile| {
        progress.step();
        write(file)
    };
    let mut paths: BTreeSet<String> = BTreeSet::new();
    for (path, f) in theme.statics {
        let file = OutputFile {
            path,
            bytes: f.bytes,
        };
        paths.insert(write(file).map_err(|d| errors(root, vec![d]))?);
    }
    let (links, pages) = render::plan(&site, &mut templates);
    progress.start(Stage::Render, Some(pages.len()));
    // A page replaces a theme file of the same path: it is written after.
    let (written, texts) =
        render::render_pages_keeping_facts(&site, &links, &templates, &pages, true, write_page);
    let mut warnings = pending.finish(root, &site, &texts)?;
    paths.extend(written.map_err(|e| errors(root, e))?);
    progress.start(Stage::Outputs, None);
    for file in outputs_but_search(&site, &templates).map_err(|e| errors(root, e))? {
        paths.insert(write(file).map_err(|d| errors(root, vec![d]))?);
    }
    // The index's shards go to disk as they are made, so they are never all held.
    let urls = crate::urls::Urls::new(&site);
    crate::outputs::search::index_each(
        &site,
        |p| urls.page(p),
        Some(texts),
        |file| {
            paths.insert(write(file)?);
            Ok(())
        },
    )
    .map_err(|d| errors(root, vec![d]))?;
    for file in crate::outputs::sitemap(&site, paths.iter().map(String::as_str)) {
        paths.insert(write(file).map_err(|d| errors(root, vec![d]))?);
    }
    warnings.extend(staging.finish().map_err(|d| errors(root, vec![d]))?);
    Ok(Summary {
        warnings: errors(root, warnings).0,
        ..Summary::of(&site, paths.len(), started)
    })
}

/// Runs every check `build` runs, rendering in memory and writing nothing.
pub fn check(root: &Path) -> Result<Summary, Errors> {
    check_with(root, &Options::default())
}

/// [`check`] with publication options.
pub fn check_with(root: &Path, options: &Options) -> Result<Summary, Errors> {
    let result = check_reporting(root, options);
    options.progress.finish();
    result
}

fn check_reporting(root: &Path, options: &Options) -> Result<Summary, Errors> {
    let started = Instant::now();
    let progress = &options.progress;
    progress.start(Stage::Load, None);
    let (site, mut templates, theme, pending) = prepare(root, options)?;
    let (links, pages) = render::plan(&site, &mut templates);
    progress.start(Stage::Render, Some(pages.len()));
    // Every page and templated output is rendered, as that is where template errors
    // show, then dropped. The search index, attachments and sitemap cannot fail once
    // the model is built, so they are not made at all.
    let mut paths: BTreeSet<String> = theme.statics.into_keys().collect();
    let (rendered, texts) =
        render::render_pages_keeping_facts(&site, &links, &templates, &pages, false, |f| {
            progress.step();
            Ok(f.path)
        });
    let warnings = pending.finish(root, &site, &texts)?;
    paths.extend(rendered.map_err(|e| errors(root, e))?);
    progress.start(Stage::Outputs, None);
    let outputs = crate::outputs::render(&site, &templates).map_err(|d| errors(root, vec![d]))?;
    paths.extend(outputs.into_iter().map(|f| f.path));
    Ok(Summary {
        warnings: errors(root, warnings).0,
        ..Summary::of(&site, paths.len(), started)
    })
}

/// Loads, links and renders the site: every file the output folder should hold.
pub fn render_all(root: &Path) -> Result<(Site, Vec<OutputFile>), Errors> {
    render_checked(root, &Options::default()).map(|(site, files, _)| (site, files))
}

/// The site's settings, with this build's publication options applied.
pub(crate) fn config(root: &Path, options: &Options) -> Result<Config, Errors> {
    let mut config = Config::load(root).map_err(|d| errors(root, vec![d]))?;
    config.publication.drafts = options.drafts;
    if let Some(now) = options.now {
        config.publication.now = now.instant(config.tz);
    }
    Ok(config)
}

/// As [`render_all`], also returning the warnings found; on failure the errors come
/// with any warnings.
pub(crate) fn render_checked(
    root: &Path,
    options: &Options,
) -> Result<(Site, Vec<OutputFile>, Vec<Diagnostic>), Errors> {
    let (site, mut templates, theme, pending) = prepare(root, options)?;
    let (links, pages) = render::plan(&site, &mut templates);
    let (pages, texts) =
        render::render_pages_keeping_facts(&site, &links, &templates, &pages, true, Ok);
    let warnings = pending.finish(root, &site, &texts)?;
    let pages = pages.map_err(|e| errors(root, e))?;
    let mut files: Vec<OutputFile> = theme
        .statics
        .into_iter()
        .filter(|(path, _)| !pages.iter().any(|p| &p.path == path))
        .map(|(path, f)| OutputFile {
            path,
            bytes: f.bytes,
        })
        .collect();
    files.extend(pages);
    files.extend(
        whole_site_outputs_with(&site, &templates, Some(texts)).map_err(|e| errors(root, e))?,
    );
    let sitemap = crate::outputs::sitemap(&site, files.iter().map(|f| f.path.as_str()));
    files.extend(sitemap);
    Ok((site, files, warnings))
}

/// Loads and links the site, runs the checks that need no parsed text and compiles its
/// templates: the site, its templates and theme, and the problems found so far; or
/// every error (with the warnings).
fn prepare(root: &Path, options: &Options) -> Result<(Site, Templates, Theme, Pending), Errors> {
    let config = config(root, options)?;
    let mut problems = Vec::new();
    let theme = Theme::load(root, &config.theme).map_err(|d| errors(root, vec![d]))?;
    let templates = Templates::new(&theme).map_err(|e| problems.extend(e)).ok();
    let mut loaded = load::load_content(root, load::Limits::of(&config));
    let skipped = std::mem::take(&mut loaded.warnings);
    let mut html_warnings = checks::html(&loaded, config.unsafe_html);
    let drafts = config.publication.drafts;
    html_warnings.extend(checks::html_left_out(&loaded, config.unsafe_html, drafts));
    let modelled = model_stage(config, loaded)
        .map_err(|e| problems.extend(e))
        .ok();
    let (Some((site, mut pending)), Some(templates)) = (modelled, templates) else {
        return Err(errors(root, problems.into_iter().chain(skipped).collect()));
    };
    pending.warnings.extend(skipped);
    pending.warnings.extend(html_warnings);
    Ok((site, templates, theme, pending))
}

/// The model stage, as `build`, `check` and `serve` all run it: links the content read
/// into a model and runs the checks that read front matter only (agenda and minutes
/// consistency). The checks of the texts come after, from their parsed documents.
fn model_stage(config: Config, loaded: Loaded) -> Result<(Site, Pending), Vec<Diagnostic>> {
    let lines = checks::SourceLines::of(&loaded);
    let (site, mut warnings) = model::build_with_warnings(config, loaded)?;
    let (errs, agenda_warnings): (Vec<_>, Vec<_>) = checks::agenda(&site, &lines)
        .into_iter()
        .partition(|d| d.is_error());
    warnings.extend(agenda_warnings);
    Ok((site, Pending { errs, warnings }))
}

/// What the checks found before the texts were parsed. The checks of the texts (links,
/// anchors, removed HTML) read the facts the pages were rendered from, so they run
/// after rendering: on any error the staging folder goes and the output stays as it was.
struct Pending {
    errs: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl Pending {
    /// Adds the checks of the texts: the warnings, or every error (with the warnings).
    fn finish(
        self,
        root: &Path,
        site: &Site,
        texts: &TextFacts,
    ) -> Result<Vec<Diagnostic>, Errors> {
        let (link_errs, link_warnings): (Vec<_>, Vec<_>) = links::check_facts(site, texts)
            .into_iter()
            .partition(|d| d.is_error());
        self.with(link_errs, link_warnings)
            .map(|mut warnings| {
                warnings.extend(checks::html_in_texts(site, texts));
                warnings
            })
            .map_err(|list| errors(root, list))
    }

    /// With the problems of the texts added: the warnings, or every problem, errors first.
    fn with(
        self,
        errs: Vec<Diagnostic>,
        warnings: Vec<Diagnostic>,
    ) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        let Pending {
            errs: mut all_errs,
            warnings: mut all_warnings,
        } = self;
        all_errs.extend(errs);
        all_warnings.extend(warnings);
        if all_errs.is_empty() {
            Ok(all_warnings)
        } else {
            Err(all_errs.into_iter().chain(all_warnings).collect())
        }
    }
}

/// The model and check stages as `serve`'s session runs them: the [`model_stage`],
/// then the checks of the texts at once, as the session renders only some pages.
/// Errors come first in the list of problems when it fails; warnings are dropped, as
/// `serve` shows errors only.
pub(crate) fn checked_model(config: Config, loaded: Loaded) -> Result<Site, Vec<Diagnostic>> {
    let (site, pending) = model_stage(config, loaded)?;
    let (errs, warnings) = text_checks(&site);
    pending.with(errs, warnings)?;
    Ok(site)
}

/// The checks an edit to papers' texts alone can change (links and anchors; agenda
/// consistency reads front matter only), as (errors, warnings), from the texts themselves.
pub(crate) fn text_checks(site: &Site) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    links::check(site).into_iter().partition(|d| d.is_error())
}

/// Every output besides the pages, the theme's static files and the sitemap: feeds,
/// calendars, open data, the search index (taking the plain text of the texts parsed
/// for the pages, where given), attachments. The templates' globals must be set.
fn whole_site_outputs_with(
    site: &Site,
    templates: &Templates,
    texts: Option<TextFacts>,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut files = outputs_but_search(site, templates)?;
    let urls = crate::urls::Urls::new(site);
    files.extend(crate::outputs::search::index_with(
        site,
        |p| urls.page(p),
        texts,
    ));
    Ok(files)
}

/// [`whole_site_outputs_with`] but the search index, which `serve` remakes after the pages.
pub(crate) fn outputs_but_search(
    site: &Site,
    templates: &Templates,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut files = crate::outputs::render(site, templates).map_err(|d| vec![d])?;
    files.extend(render::attachments(site));
    Ok(files)
}

fn errors(root: &Path, list: Vec<Diagnostic>) -> Errors {
    Errors(list.into_iter().map(|d| d.relative_to(root)).collect()).sorted()
}

/// The folder the CLI builds into when given none.
pub fn default_output(root: &Path) -> PathBuf {
    root.join("public")
}
