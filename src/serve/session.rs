//! Incremental rebuilds, for `panelpress serve`. A [`Session`] keeps what it read (the
//! typed content files, the theme, the compiled templates), the last good model and the
//! last good output. After a change it re-reads only the files that changed, links the
//! model again (cheap: no Markdown is rendered there) and re-renders only the pages whose
//! inputs changed.
//!
//! A page's inputs are its template context, the site-wide `site` value and the
//! templates. Each page has a fingerprint: a hash of its context built *without* the
//! rendered paper body, plus the hash of that body's Markdown source, plus the hash of the
//! templates and of `site`. A page is re-rendered when its fingerprint differs from the
//! one it was last rendered with. This needs no list of which page shows what, so a page
//! type added to `render::pages` is covered without further work; an output not made by
//! `render::pages` must be added to `Session::render_changed` explicitly.
//!
//! The result is, by construction and by test (`tests/serve.rs`), byte-identical to a
//! full build of the same files.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;

use crate::base::error::{Diagnostic, Errors};
use crate::config::{self, Config};
use crate::load::theme::Theme;
use crate::load::{self, CONTENT_DIR, Loaded, Parsed};
use crate::model::{self, Site};
use crate::pipeline::{Options, Stage};
use crate::render::templates::Templates;
use crate::render::{self, ContextSink, OutputFile, Page};

/// The files of the site as served: path under the output root → bytes.
pub type Outputs = BTreeMap<String, Arc<Vec<u8>>>;

/// A content file as last read, keyed by the components of its path under `content/`,
/// so that the map's order is the order `load::load_content` reads files in.
type FileKey = Vec<String>;

/// What one rebuild did, for the terminal and for tests.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// How long the rebuild took.
    pub elapsed: Duration,
    /// Content files read from disk.
    pub reread: usize,
    /// Output files rendered or copied anew, sorted.
    pub rendered: Vec<String>,
    /// Output files that no longer exist, sorted.
    pub removed: Vec<String>,
    /// All output files of the site after the rebuild.
    pub total: usize,
    /// Set when the rebuild failed; the last good output stays as it was.
    pub errors: Option<Errors>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.elapsed.as_secs_f64() * 1000.0;
        match &self.errors {
            Some(e) => write!(
                f,
                "Rebuild failed in {ms:.1} ms; still serving the last good site.\n{e}"
            ),
            None => write!(
                f,
                "Rebuilt in {ms:.1} ms: {} of {} files re-rendered, {} removed, {} content file{} read",
                self.rendered.len(),
                self.total,
                self.removed.len(),
                self.reread,
                if self.reread == 1 { "" } else { "s" }
            ),
        }
    }
}

/// What a set of changed paths asks to be redone.
#[derive(Debug, Default)]
struct Changes {
    config: bool,
    theme: bool,
    content: Vec<PathBuf>,
}

/// What `serve` keeps between rebuilds: what it read, the model and the outputs.
pub struct Session {
    /// Drafts and the moment to publish at, as for `build`.
    options: Options,
    root: PathBuf,
    config: Option<Config>,
    theme: Option<Theme>,
    templates: Option<Templates>,
    templates_hash: u64,
    /// Every content file, typed; papers' Markdown bodies are kept in `bodies`.
    files: BTreeMap<FileKey, Result<Parsed, Vec<Diagnostic>>>,
    /// Set when `content/` itself cannot be listed.
    content_error: Option<Diagnostic>,
    /// Papers' Markdown by file, with its hash. While `site` holds a body, its entry here
    /// is empty: bodies move between the two so that linking the model copies none.
    bodies: HashMap<PathBuf, (u64, String)>,
    /// The last model built, holding the papers' bodies.
    site: Option<Site>,
    /// The fingerprint each page of `outputs` was rendered with.
    fingerprints: HashMap<String, u64>,
    /// The site-wide part of the fingerprints, while the last rebuild succeeded.
    global: Option<u64>,
    /// Outputs made from the whole site rather than page by page (feeds, calendars,
    /// open data, search index, attachments, sitemap): remade after every change.
    derived: BTreeSet<String>,
    /// The search index's files. It is remade by [`Session::refresh_search`], after the
    /// pages, as on a large archive it takes far longer than they do.
    search: BTreeSet<String>,
    search_stale: bool,
    outputs: Arc<Outputs>,
    /// From `site.toml` (defaults while it does not load); a change re-reads content.
    limits: load::Limits,
}

impl Session {
    /// Reads and builds the whole site at `root`. The session exists even if the site
    /// has errors (the report says which), so that serving can start and wait for a fix.
    pub fn new(root: &Path) -> (Session, Report) {
        Session::with_options(root, Options::default())
    }

    /// As [`Session::new`], publishing as `options` say (drafts, the moment).
    pub fn with_options(root: &Path, options: Options) -> (Session, Report) {
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let mut session = Session {
            root,
            options,
            config: None,
            theme: None,
            templates: None,
            templates_hash: 0,
            files: BTreeMap::new(),
            content_error: None,
            bodies: HashMap::new(),
            site: None,
            fingerprints: HashMap::new(),
            global: None,
            derived: Default::default(),
            search: Default::default(),
            search_stale: false,
            outputs: Arc::new(Outputs::new()),
            limits: load::Limits::default(),
        };
        session.refresh_limits();
        let started = Instant::now();
        session.options.progress.start(Stage::Load, None);
        let reread = session.reload_all_content();
        let mut report = session.rebuild(true, true, started);
        report.reread = reread;
        if let Some(search) = session.refresh_search() {
            report.rendered.extend(search.rendered);
            report.rendered.sort();
            report.total = session.outputs.len();
            report.elapsed = started.elapsed();
        }
        // Only the first build is long enough to be worth showing.
        std::mem::take(&mut session.options.progress).finish();
        (session, report)
    }

    /// The site's folder, canonical: changed paths are compared against it.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The last good output, complete.
    pub fn outputs(&self) -> Arc<Outputs> {
        Arc::clone(&self.outputs)
    }

    /// Takes account of changed files (absolute paths, as a file watcher reports them)
    /// and rebuilds what depends on them. Paths outside the site's sources are ignored;
    /// `None` means that none of them mattered.
    pub fn update(&mut self, changed: &[PathBuf]) -> Option<Report> {
        let started = Instant::now();
        let mut changes = self.classify(changed);
        changes.content.sort();
        changes.content.dedup();
        if !changes.config && !changes.theme && changes.content.is_empty() {
            return None;
        }
        if !changes.config
            && !changes.theme
            && let Some(report) = self.bodies_only(&changes.content, started)
        {
            return Some(report);
        }
        let reread = if changes.config && self.refresh_limits() {
            self.reload_all_content()
        } else {
            self.reload_content(&changes.content)
        };
        let mut report = self.rebuild(changes.config, changes.theme, started);
        report.reread = reread;
        Some(report)
    }

    /// The common edit, fast: when only papers' Markdown bodies changed (their front
    /// matter is equal, line numbers included), the model is the same but for those
    /// bodies, and a body shows only on its own paper's page (`PaperPage::body_html`; an
    /// output that shows bodies elsewhere must be added here). So only those pages are
    /// rendered, without linking the model or fingerprinting the others. `None` when the
    /// change is of another kind, or the last rebuild failed.
    fn bodies_only(&mut self, changed: &[PathBuf], started: Instant) -> Option<Report> {
        self.global?;
        let content = self.content_dir();
        let mut edits = Vec::new();
        for path in changed {
            let rel = path.strip_prefix(&content).ok()?;
            let key: FileKey = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let Some(Ok(Parsed::Paper(old))) = self.files.get(&key) else {
                return None;
            };
            if !std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
                return None;
            }
            let Ok(Parsed::Paper(mut new)) = load::load_file(path, &key.join("/"), self.limits)
            else {
                return None;
            };
            let markdown = std::mem::take(&mut new.text.markdown);
            if &new != old {
                return None;
            }
            edits.push((new.file, markdown));
        }
        let reread = edits.len();
        let site = self.site.as_mut()?;
        let mut papers = Vec::new();
        for (file, markdown) in edits {
            let p = site.papers.iter().position(|p| p.file == file)?;
            let entry = self.bodies.get_mut(&file)?;
            let hash = hash_str(&markdown);
            if entry.0 != hash {
                entry.0 = hash;
                site.papers[p].text.markdown = markdown;
                papers.push(p);
            }
        }
        let site = self.site.take()?;
        let result = self.render_texts(&site, &papers, reread);
        self.site = Some(site);
        let mut report = result;
        report.elapsed = started.elapsed();
        Some(report)
    }

    /// Renders again the pages that show the text of `papers`, after checking the links
    /// the new text makes or breaks.
    fn render_texts(&mut self, site: &Site, papers: &[usize], reread: usize) -> Report {
        let mut report = Report {
            reread,
            ..Report::default()
        };
        let Some(global) = self.global else {
            return report;
        };
        let links = render::Links::of(site);
        let broken: Vec<Diagnostic> = crate::check::links::check(site)
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        let pages: Vec<Page> = render::pages(site, &links)
            .into_iter()
            .filter(|page| papers.iter().any(|&p| page.shows_text_of(site, p)))
            .collect();
        let Some(templates) = self.templates.as_ref() else {
            return report;
        };
        let rendered = if broken.is_empty() {
            render::render_pages(site, &links, templates, &pages)
        } else {
            Err(broken)
        };
        // Of the whole-site outputs only the search index shows papers' texts (feeds,
        // calendars and data show front matter), and it is remade by refresh_search.
        let mut outputs = (*self.outputs).clone();
        match rendered {
            Ok(files) => {
                for page in &pages {
                    let fingerprint = fingerprint(site, &links, page, global, &self.bodies);
                    self.fingerprints.insert(page.output_path(), fingerprint);
                }
                for file in files {
                    report.rendered.push(file.path.clone());
                    outputs.insert(file.path, Arc::new(file.bytes));
                }
                report.rendered.sort();
                report.rendered.dedup();
                self.search_stale |= !papers.is_empty();
                self.outputs = Arc::new(outputs);
            }
            Err(list) => {
                self.global = None;
                report.rendered.clear();
                report.removed.clear();
                report.errors = Some(self.errors(list));
            }
        }
        report.total = self.outputs.len();
        report
    }

    /// Remakes the outputs drawn from the whole site into `outputs`, noting in `report`
    /// what changed and what is gone.
    fn refresh_derived(
        &mut self,
        site: &Site,
        outputs: &mut Outputs,
        report: &mut Report,
    ) -> Result<(), Vec<Diagnostic>> {
        let Some(templates) = self.templates.as_ref() else {
            return Err(Vec::new());
        };
        let mut files = crate::pipeline::outputs_but_search(site, templates)?;
        let pages = outputs.keys().filter(|p| !self.derived.contains(*p));
        let paths = pages
            .map(String::as_str)
            .chain(files.iter().map(|f| f.path.as_str()));
        files.extend(crate::outputs::sitemap(site, paths));
        self.derived = replace_group(&self.derived, files, &self.outputs, outputs, report);
        Ok(())
    }

    /// Remakes the search index if pages changed since it was last made; `None` if
    /// nothing was to do. Until then the last index is served.
    pub fn refresh_search(&mut self) -> Option<Report> {
        if !self.search_stale || self.global.is_none() {
            return None;
        }
        let started = Instant::now();
        let site = self.site.as_ref()?;
        let urls = crate::urls::Urls::new(site);
        let files = crate::outputs::search::index(site, |p| urls.page(p));
        let mut report = Report::default();
        let mut outputs = (*self.outputs).clone();
        self.search = replace_group(
            &self.search,
            files,
            &self.outputs,
            &mut outputs,
            &mut report,
        );
        self.search_stale = false;
        report.total = outputs.len();
        self.outputs = Arc::new(outputs);
        report.elapsed = started.elapsed();
        Some(report)
    }

    fn errors(&self, list: Vec<Diagnostic>) -> Errors {
        Errors(
            list.into_iter()
                .map(|d| d.relative_to(&self.root))
                .collect(),
        )
        .sorted()
    }

    fn classify(&self, changed: &[PathBuf]) -> Changes {
        let mut changes = Changes::default();
        for path in changed {
            let Ok(rel) = path.strip_prefix(&self.root) else {
                continue;
            };
            let first = rel.components().next().map(|c| c.as_os_str());
            match first.and_then(|c| c.to_str()) {
                Some(CONTENT_DIR) if self.may_matter(path) => changes.content.push(path.clone()),
                Some(config::FILE_NAME) => changes.config = true,
                Some("themes" | "templates" | "static") => changes.theme = true,
                _ => {}
            }
        }
        changes
    }

    /// Whether a changed path under `content/` can change what is read: a Markdown file,
    /// a folder, or something that held files read before (not an editor's temporary
    /// file, which would otherwise cost a rebuild and reload open pages for nothing).
    fn may_matter(&self, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(self.content_dir()) else {
            return false;
        };
        let key: FileKey = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let known = self
            .files
            .range(key.clone()..)
            .next()
            .is_some_and(|(k, _)| k.starts_with(&key));
        known || is_markdown(path) || path.is_dir()
    }

    /// Reads the limits on loading from `site.toml`; true if they changed, as attachments
    /// read under the old ones must then be read again.
    fn refresh_limits(&mut self) -> bool {
        let limits = crate::pipeline::config(&self.root, &self.options)
            .map_or_else(|_| load::Limits::default(), |c| load::Limits::of(&c));
        std::mem::replace(&mut self.limits, limits) != limits
    }

    fn content_dir(&self) -> PathBuf {
        self.root.join(CONTENT_DIR)
    }

    /// Reads every content file afresh. Returns how many were read.
    fn reload_all_content(&mut self) -> usize {
        self.reclaim_bodies();
        self.files.clear();
        self.bodies.clear();
        self.content_error = None;
        match load::markdown_files(&self.content_dir()) {
            Ok(list) => self.read_files(list),
            Err(d) => {
                self.content_error = Some(d);
                0
            }
        }
    }

    /// Re-reads whatever is now at each changed path, file or folder, and forgets what
    /// was there before. Returns how many files were read.
    fn reload_content(&mut self, changed: &[PathBuf]) -> usize {
        let content = self.content_dir();
        let mut list = Vec::new();
        for path in changed {
            let Ok(rel) = path.strip_prefix(&content) else {
                continue;
            };
            let key: FileKey = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if key.is_empty() || self.content_error.is_some() {
                return self.reload_all_content();
            }
            // `load_content` skips hidden files and folders (editors' swap files).
            if key.iter().any(|c| c.starts_with('.')) {
                continue;
            }
            self.forget(&key);
            // As `load_content`, symlinks are not followed.
            let kind = std::fs::symlink_metadata(path).map(|m| m.file_type());
            if kind.as_ref().is_ok_and(|k| k.is_dir()) {
                match load::markdown_files(path) {
                    Ok(found) => list.extend(found.into_iter().map(|(abs, sub)| {
                        let rel = format!("{}/{sub}", key.join("/"));
                        (abs, rel)
                    })),
                    Err(_) => return self.reload_all_content(),
                }
            } else if kind.is_ok_and(|k| k.is_file()) && is_markdown(path) {
                list.push((path.clone(), key.join("/")));
            }
        }
        list.sort();
        list.dedup();
        self.read_files(list)
    }

    /// Drops every file at or under `key`.
    fn forget(&mut self, key: &FileKey) {
        self.reclaim_bodies();
        let gone: Vec<FileKey> = self
            .files
            .range(key.clone()..)
            .take_while(|(k, _)| k.starts_with(key))
            .map(|(k, _)| k.clone())
            .collect();
        for k in gone {
            if let Some(Ok(Parsed::Paper(p))) = self.files.remove(&k) {
                self.bodies.remove(&p.file);
            }
        }
    }

    fn read_files(&mut self, list: Vec<(PathBuf, String)>) -> usize {
        let count = list.len();
        let read: Vec<(String, Result<Parsed, Vec<Diagnostic>>)> = list
            .par_iter()
            .map(|(abs, rel)| (rel.clone(), load::load_file(abs, rel, self.limits)))
            .collect();
        for (rel, mut result) in read {
            if let Ok(Parsed::Paper(p)) = &mut result {
                let markdown = std::mem::take(&mut p.text.markdown);
                self.bodies
                    .insert(p.file.clone(), (hash_str(&markdown), markdown));
            }
            let key = rel.split('/').map(str::to_string).collect();
            self.files.insert(key, result);
        }
        count
    }

    /// Moves the papers' bodies from the last model back to `bodies`.
    fn reclaim_bodies(&mut self) {
        let Some(site) = &mut self.site else {
            return;
        };
        for paper in &mut site.papers {
            if let Some((_, body)) = self.bodies.get_mut(&paper.file) {
                std::mem::swap(body, &mut paper.text.markdown);
            }
        }
        self.site = None;
    }

    fn lend_bodies(&mut self, site: &mut Site) {
        for paper in &mut site.papers {
            if let Some((_, body)) = self.bodies.get_mut(&paper.file) {
                std::mem::swap(body, &mut paper.text.markdown);
            }
        }
    }

    fn rebuild(&mut self, config_changed: bool, theme_changed: bool, started: Instant) -> Report {
        let result = self.try_rebuild(config_changed, theme_changed);
        let mut report = match result {
            Ok(report) => report,
            Err(list) => {
                self.global = None;
                Report {
                    total: self.outputs.len(),
                    errors: Some(self.errors(list)),
                    ..Report::default()
                }
            }
        };
        report.elapsed = started.elapsed();
        report
    }

    fn try_rebuild(
        &mut self,
        config_changed: bool,
        theme_changed: bool,
    ) -> Result<Report, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let config = match &self.config {
            Some(config) if !config_changed => config.clone(),
            _ => {
                self.config = None;
                let config = crate::pipeline::config(&self.root, &self.options).map_err(|e| e.0)?;
                self.config = Some(config.clone());
                config
            }
        };
        if config_changed || theme_changed || self.templates.is_none() {
            self.load_theme(&config.theme, &mut problems);
        }
        self.reclaim_bodies();
        let loaded = self.loaded();
        let lines = crate::check::agenda::SourceLines::of(&loaded);
        let site = model::build(config, loaded)
            .map_err(|e| problems.extend(e))
            .ok();
        let (Some(mut site), Some(templates)) = (site, self.templates.as_mut()) else {
            return Err(problems);
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let links = render::Links::of(&site);
        render::set_site_global(&site, &links, templates);
        self.lend_bodies(&mut site);
        let (errors, _warnings) = crate::pipeline::model_checks(&site, &lines);
        let result = if errors.is_empty() {
            self.render_changed(&site, &links)
        } else {
            Err(errors)
        };
        self.site = Some(site);
        result
    }

    fn load_theme(&mut self, name: &str, problems: &mut Vec<Diagnostic>) {
        self.theme = None;
        self.templates = None;
        let theme = match Theme::load(&self.root, name) {
            Ok(theme) => theme,
            Err(d) => return problems.push(d),
        };
        let mut hasher = DefaultHasher::new();
        for (name, file) in &theme.templates {
            (name, &file.bytes).hash(&mut hasher);
        }
        self.templates_hash = hasher.finish();
        match Templates::new(&theme) {
            Ok(t) => self.templates = Some(t),
            Err(e) => problems.extend(e),
        }
        self.theme = Some(theme);
    }

    /// The content files as `model::build` takes them, without the papers' bodies.
    fn loaded(&self) -> Loaded {
        let mut loaded = Loaded::default();
        if let Some(d) = &self.content_error {
            loaded.errors.push(d.clone());
        }
        let files = self
            .files
            .iter()
            .map(|(key, parsed)| (key.join("/"), parsed.clone()))
            .collect();
        load::add_files(&mut loaded, files);
        loaded
    }

    /// Renders the pages whose fingerprint changed and swaps the result in.
    fn render_changed(
        &mut self,
        site: &Site,
        links: &render::Links,
    ) -> Result<Report, Vec<Diagnostic>> {
        let (Some(templates), Some(theme)) = (&mut self.templates, &self.theme) else {
            return Err(Vec::new());
        };
        let mut global = HashSink(DefaultHasher::new());
        self.templates_hash.hash(&mut global.0);
        render::site_global(site, links, &mut global);
        let global = global.0.finish();
        let bodies = &self.bodies;
        let fingerprinted: Vec<(Page, String, u64)> = render::pages(site, links)
            .into_par_iter()
            .map(|page| {
                let path = page.output_path();
                let fingerprint = fingerprint(site, links, &page, global, bodies);
                (page, path, fingerprint)
            })
            .collect();
        let mut fingerprints = HashMap::with_capacity(fingerprinted.len());
        let mut stale = Vec::new();
        for (page, path, fingerprint) in fingerprinted {
            if self.fingerprints.get(&path) != Some(&fingerprint) {
                stale.push(page);
            }
            fingerprints.insert(path, fingerprint);
        }
        let progress = &self.options.progress;
        progress.start(Stage::Render, Some(stale.len()));
        let rendered = render::render_pages_each(site, links, templates, &stale, |f| {
            progress.step();
            Ok(f)
        })?;
        let mut outputs: Outputs = theme
            .statics
            .iter()
            .filter(|(path, _)| !fingerprints.contains_key(*path))
            .map(|(path, f)| (path.clone(), Arc::new(f.bytes.clone())))
            .collect();
        let mut report = Report::default();
        for (path, bytes) in &outputs {
            if self.outputs.get(path) != Some(bytes) {
                report.rendered.push(path.clone());
            }
        }
        for (path, bytes) in self.outputs.iter() {
            if self.derived.contains(path) {
                continue;
            }
            // Remade later, by refresh_search; served as it was until then.
            if self.search.contains(path) {
                outputs.insert(path.clone(), Arc::clone(bytes));
                continue;
            }
            if fingerprints.contains_key(path) {
                outputs.insert(path.clone(), Arc::clone(bytes));
            } else if !outputs.contains_key(path) {
                report.removed.push(path.clone());
            }
        }
        for file in rendered {
            report.rendered.push(file.path.clone());
            outputs.insert(file.path, Arc::new(file.bytes));
        }
        self.refresh_derived(site, &mut outputs, &mut report)?;
        report.rendered.sort();
        report.rendered.dedup();
        report.removed.sort();
        report.total = outputs.len();
        self.search_stale |= !report.rendered.is_empty() || !report.removed.is_empty();
        self.fingerprints = fingerprints;
        self.outputs = Arc::new(outputs);
        self.global = Some(global);
        Ok(report)
    }
}

/// Puts `files`, the new make of one group of outputs (`group`, as last made), into
/// `outputs`, dropping the group's files that are gone; notes in `report` those whose
/// bytes differ from `before` and those gone. Returns the group's paths now.
fn replace_group(
    group: &BTreeSet<String>,
    files: Vec<OutputFile>,
    before: &Outputs,
    outputs: &mut Outputs,
    report: &mut Report,
) -> BTreeSet<String> {
    let fresh: BTreeSet<String> = files.iter().map(|f| f.path.clone()).collect();
    for gone in group.difference(&fresh) {
        outputs.remove(gone);
        report.removed.push(gone.clone());
    }
    for file in files {
        if before.get(&file.path).map(|b| b.as_slice()) != Some(file.bytes.as_slice()) {
            report.rendered.push(file.path.clone());
        }
        outputs.insert(file.path, Arc::new(file.bytes));
    }
    report.removed.sort();
    fresh
}

/// What a page's output depends on, as one number: see the module's documentation.
fn fingerprint(
    site: &Site,
    links: &render::Links,
    page: &Page,
    global: u64,
    bodies: &HashMap<PathBuf, (u64, String)>,
) -> u64 {
    let mut sink = HashSink(DefaultHasher::new());
    global.hash(&mut sink.0);
    page.fill_context(site, links, false, &mut sink);
    if let Some(p) = page.paper() {
        let paper = &site.papers[p];
        match bodies.get(&paper.file) {
            Some((hash, _)) => hash.hash(&mut sink.0),
            None => hash_str(&paper.text.markdown).hash(&mut sink.0),
        }
    }
    sink.0.finish()
}

/// Hashes a page's context as it is built, without building it: each value is
/// serialized straight into the hasher.
struct HashSink(DefaultHasher);

impl ContextSink for HashSink {
    fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        key.hash(&mut self.0);
        // Writing into a hasher cannot fail, and every context value serializes.
        let _ = serde_json::to_writer(HashWriter(&mut self.0), value);
    }

    /// A template value's maps iterate in no fixed order, so it is hashed through a
    /// JSON value, whose maps are sorted by key.
    fn insert_value(&mut self, key: &'static str, value: tera::Value) {
        match serde_json::to_value(&value) {
            Ok(sorted) => self.insert(key, &sorted),
            Err(_) => self.insert(key, &value),
        }
    }
}

fn hash_str(s: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    s.hash(&mut hasher);
    hasher.finish()
}

/// Feeds serialized bytes straight into a hasher.
struct HashWriter<'a>(&'a mut DefaultHasher);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("md"))
}
