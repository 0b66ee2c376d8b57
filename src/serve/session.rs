//! Incremental rebuilds, for `panelpress serve`. A [`Session`] keeps what it read (the
//! typed content files, the theme, the compiled templates), the last good model with
//! what was rendered from it (its links and shared template values, the hash of every
//! record, each page's fingerprint) and the last good output. After a change it reads
//! again only the files that changed and runs the pipeline's own stages
//! (`pipeline::checked_model`, `render::plan`, `render::render_pages_each`,
//! `pipeline::outputs_but_search`, the sitemap) on what it holds, rendering only the
//! pages whose fingerprint changed.
//!
//! Papers' texts are shared (`Arc<str>`) between the files read and each model built
//! from them, so a model holds no second copy and nothing is moved in and out of it.
//!
//! A page's fingerprint is made from its inputs, not its output: the hashes of the model
//! records it reads (`render::inputs`), the site-wide values and the templates (see
//! [`fingerprint`](super::fingerprint)). An edit to papers' texts alone (their front
//! matter equal, line numbers included) keeps the model and its shared values, runs the
//! checks a text can change and renders the pages that read those texts.
//!
//! The result is, by test (`tests/serve.rs`), byte-identical to a full build of the same
//! files.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;

use super::fingerprint::{self, Hashes};
use crate::base::error::{Diagnostic, Errors};
use crate::config::{self, Config};
use crate::load::theme::Theme;
use crate::load::{self, CONTENT_DIR, Loaded, Parsed};
use crate::model::Site;
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
    /// Something under `people/` changed: the folder is read again whole (it is small).
    people: bool,
}

/// The last good model and what was rendered from it.
struct Built {
    site: Site,
    /// Its links and shared template values (every decision's value), made once.
    links: render::Links,
    pages: Vec<Page>,
    hashes: Hashes,
    /// The templates and site-wide values, as one number.
    global: u64,
}

/// What `serve` keeps between rebuilds: what it read, the model and the outputs.
pub struct Session {
    /// Drafts and the moment to publish at, as for `build`.
    options: Options,
    root: PathBuf,
    config: Option<Config>,
    theme: Option<Theme>,
    templates: Option<Templates>,
    /// The theme's templates, as one number.
    theme_hash: u64,
    /// Every content file, typed. Texts are shared with the model built from them.
    files: BTreeMap<FileKey, Result<Parsed, Vec<Diagnostic>>>,
    /// The hash of each paper's text, by file, made when it was read.
    text_hashes: HashMap<PathBuf, u64>,
    /// Set when `content/` itself cannot be listed.
    content_error: Option<Diagnostic>,
    /// `people/`, as last read.
    people: load::People,
    /// While the last rebuild succeeded.
    built: Option<Built>,
    /// The fingerprint each page of `outputs` was rendered with.
    fingerprints: HashMap<String, u64>,
    /// Outputs made from the whole site rather than page by page (feeds, calendars,
    /// open data, attachments, sitemap), and what they were last made from.
    derived: BTreeSet<String>,
    derived_from: Option<u64>,
    /// Set when `derived` is to be made again, after the pages.
    derived_stale: bool,
    /// The search index's files. It is remade by [`Session::refresh_whole_site`], after the
    /// pages, as on a large archive it takes far longer than they do.
    search: BTreeSet<String>,
    /// What the search index keeps between rebuilds, to update only what an edit changes.
    search_index: Option<crate::outputs::search::Index>,
    /// Set when pages changed since the index was last brought up to date; the index
    /// itself tells which documents changed, by their fingerprints.
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
            theme_hash: 0,
            files: BTreeMap::new(),
            text_hashes: HashMap::new(),
            content_error: None,
            people: load::People::default(),
            built: None,
            fingerprints: HashMap::new(),
            derived: BTreeSet::new(),
            derived_from: None,
            derived_stale: false,
            search: BTreeSet::new(),
            search_index: None,
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
        if let Some(search) = session.refresh_whole_site() {
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
        if !changes.config && !changes.theme && !changes.people && changes.content.is_empty() {
            return None;
        }
        if !changes.config
            && !changes.theme
            && !changes.people
            && let Some(report) = self.texts_only(&changes.content, started)
        {
            return Some(report);
        }
        let reread = if changes.config && self.refresh_limits() {
            self.reload_all_content()
        } else {
            let people = if changes.people {
                self.reload_people()
            } else {
                0
            };
            people + self.reload_content(&changes.content)
        };
        let mut report = self.rebuild(changes.config, changes.theme, started);
        report.reread = reread;
        Some(report)
    }

    /// The common edit, fast: when only papers' texts changed (their front matter is
    /// equal, line numbers included), the model is the same but for those texts. The
    /// new texts replace the old in the model, the checks a text can change run again,
    /// and the pages that read the texts are rendered, with the links and shared values
    /// of the last rebuild. `None` when the change is of another kind, or the last
    /// rebuild failed: nothing has been changed then.
    fn texts_only(&mut self, changed: &[PathBuf], started: Instant) -> Option<Report> {
        let built = self.built.as_ref()?;
        let content = self.content_dir();
        let mut edits = Vec::new();
        for path in changed {
            let key = file_key(path.strip_prefix(&content).ok()?);
            let Some(Ok(Parsed::Paper(old))) = self.files.get(&key) else {
                return None;
            };
            if !std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
                return None;
            }
            let Ok(Parsed::Paper(new)) = load::load_file(path, &key.join("/"), self.limits) else {
                return None;
            };
            let mut front = new.clone();
            front.text.markdown = Arc::clone(&old.text.markdown);
            if &front != old {
                return None;
            }
            // A draft or embargoed paper is not in the model: its text shows nowhere.
            let p = built.site.papers.iter().position(|q| q.file == new.file)?;
            edits.push((key, p, new));
        }
        let mut built = self.built.take()?;
        let reread = edits.len();
        for (key, p, new) in edits {
            let hash = fingerprint::text(&new.text.markdown);
            if self.text_hashes.insert(new.file.clone(), hash) != Some(hash) {
                self.search_stale = true;
            }
            built.hashes.set_text(p, hash);
            built.site.papers[p].text = new.text.clone();
            self.files.insert(key, Ok(Parsed::Paper(new)));
        }
        let (errors, _warnings) = crate::pipeline::text_checks(&built.site);
        let result = if errors.is_empty() {
            self.render_stale(&built)
        } else {
            Err(errors)
        };
        let mut report = self.finish(result, &mut Some(built));
        report.reread = reread;
        report.elapsed = started.elapsed();
        Some(report)
    }

    /// Keeps `built` as the last good model if `result` is a success; otherwise the
    /// report carries the errors and the next rebuild starts from the files.
    fn finish(
        &mut self,
        result: Result<Report, Vec<Diagnostic>>,
        built: &mut Option<Built>,
    ) -> Report {
        match result {
            Ok(report) => {
                self.built = built.take();
                report
            }
            Err(list) => {
                self.built = None;
                Report {
                    total: self.outputs.len(),
                    errors: Some(self.errors(list)),
                    ..Report::default()
                }
            }
        }
    }

    /// Brings the outputs made from the whole site up to date after a rebuild: the
    /// feeds, calendars, open data, attachments and sitemap if what they are made from
    /// changed, then the search index if any page did. `serve` calls it once the pages
    /// are served, as on a large archive these take far longer than the pages; until
    /// then the last ones are served. `None` if nothing was to do.
    pub fn refresh_whole_site(&mut self) -> Option<Report> {
        if !self.derived_stale && !self.search_stale {
            return None;
        }
        let started = Instant::now();
        let built = self.built.take()?;
        let mut report = Report::default();
        let mut outputs = (*self.outputs).clone();
        let result = if self.derived_stale {
            self.refresh_derived(&built.site, &mut outputs, &mut report)
        } else {
            Ok(())
        };
        if let Err(list) = result {
            // Templates that fail here fail in a full build too: report, keep serving.
            report.errors = Some(self.errors(list));
            report.total = self.outputs.len();
            // The model stays: the next edit builds on it, and these are tried again.
            self.built = Some(built);
            return Some(report);
        }
        self.derived_stale = false;
        if std::mem::take(&mut self.search_stale) {
            // The index tells which documents changed by their fingerprints, and
            // re-encodes only the shards they touch.
            let site = &built.site;
            let urls = crate::urls::Urls::new(site);
            let update =
                crate::outputs::search::update(&mut self.search_index, site, |p| urls.page(p));
            for gone in update.removed {
                outputs.remove(&gone);
                self.search.remove(&gone);
                report.removed.push(gone);
            }
            for file in update.files {
                if self.outputs.get(&file.path).map(|b| b.as_slice()) != Some(file.bytes.as_slice())
                {
                    report.rendered.push(file.path.clone());
                }
                self.search.insert(file.path.clone());
                outputs.insert(file.path, Arc::new(file.bytes));
            }
        }
        self.built = Some(built);
        report.rendered.sort();
        report.removed.sort();
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
                Some(load::PEOPLE_DIR) => changes.people = true,
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

    /// Reads `people/` afresh. Returns how many people were read.
    fn reload_people(&mut self) -> usize {
        self.people = load::load_people(&self.root, self.limits);
        self.people.people.as_ref().map_or(0, Vec::len)
    }

    /// Reads every content file, and `people/`, afresh. Returns how many were read.
    fn reload_all_content(&mut self) -> usize {
        let people = self.reload_people();
        people + self.reload_all_content_files()
    }

    fn reload_all_content_files(&mut self) -> usize {
        self.files.clear();
        self.text_hashes.clear();
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
            let key = file_key(rel);
            if key.is_empty() || self.content_error.is_some() {
                return self.reload_all_content_files();
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
                    Err(_) => return self.reload_all_content_files(),
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
        let gone: Vec<FileKey> = self
            .files
            .range(key.clone()..)
            .take_while(|(k, _)| k.starts_with(key))
            .map(|(k, _)| k.clone())
            .collect();
        for k in gone {
            if let Some(Ok(Parsed::Paper(p))) = self.files.remove(&k) {
                self.text_hashes.remove(&p.file);
            }
        }
    }

    fn read_files(&mut self, list: Vec<(PathBuf, String)>) -> usize {
        let count = list.len();
        let read: Vec<(String, Result<Parsed, Vec<Diagnostic>>)> = list
            .par_iter()
            .map(|(abs, rel)| (rel.clone(), load::load_file(abs, rel, self.limits)))
            .collect();
        for (rel, result) in read {
            if let Ok(Parsed::Paper(p)) = &result {
                let hash = fingerprint::text(&p.text.markdown);
                self.text_hashes.insert(p.file.clone(), hash);
            }
            let key = rel.split('/').map(str::to_string).collect();
            self.files.insert(key, result);
        }
        count
    }

    fn rebuild(&mut self, config_changed: bool, theme_changed: bool, started: Instant) -> Report {
        let mut built = None;
        let result = self.try_rebuild(config_changed, theme_changed, &mut built);
        let mut report = self.finish(result, &mut built);
        report.elapsed = started.elapsed();
        report
    }

    /// Runs the pipeline's stages on the files held: the model and its checks, the
    /// plan of pages, then the pages whose fingerprint changed and the whole-site outputs
    /// if what they are made from changed. The model is left in `built`.
    fn try_rebuild(
        &mut self,
        config_changed: bool,
        theme_changed: bool,
        built: &mut Option<Built>,
    ) -> Result<Report, Vec<Diagnostic>> {
        self.built = None;
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
        let checked = crate::pipeline::checked_model(config, self.loaded());
        let (checked, Some(templates)) = (checked, self.templates.as_mut()) else {
            return Err(problems);
        };
        let checked = checked.map_err(|e| problems.into_iter().chain(e).collect::<Vec<_>>())?;
        let site = checked;
        let (links, pages) = render::plan(&site, templates);
        let text_hashes = &self.text_hashes;
        let hashes = Hashes::new(&site, &links, |p| match text_hashes.get(&p.file) {
            Some(&hash) => hash,
            None => fingerprint::text(&p.text.markdown),
        });
        let global = global_hash(&site, &links, self.theme_hash);
        let made = Built {
            site,
            links,
            pages,
            hashes,
            global,
        };
        let result = self.render_stale(&made);
        if let Ok(report) = &result {
            self.search_stale |= !report.rendered.is_empty() || !report.removed.is_empty();
        }
        *built = Some(made);
        result
    }

    /// Renders the pages of `built` whose fingerprint changed, remakes the whole-site
    /// outputs if what they are made from changed, and swaps the result in.
    fn render_stale(&mut self, built: &Built) -> Result<Report, Vec<Diagnostic>> {
        let (Some(templates), Some(theme)) = (&self.templates, &self.theme) else {
            return Err(Vec::new());
        };
        let Built {
            site,
            links,
            pages,
            hashes,
            global,
        } = built;
        let fingerprinted: Vec<(String, u64)> = pages
            .par_iter()
            .map(|page| {
                let fingerprint = fingerprint::page(site, links, hashes, *global, page);
                (page.output_path(), fingerprint)
            })
            .collect();
        let stale: Vec<&Page> = pages
            .iter()
            .zip(&fingerprinted)
            .filter(|(_, (path, f))| self.fingerprints.get(path) != Some(f))
            .map(|(page, _)| page)
            .collect();
        let derived_from = {
            let mut h = DefaultHasher::new();
            (global, hashes.whole_site()).hash(&mut h);
            // The sitemap lists every file: the pages and the theme's own.
            fingerprinted.iter().for_each(|(path, _)| path.hash(&mut h));
            theme.statics.keys().for_each(|path| path.hash(&mut h));
            h.finish()
        };
        let remake_derived = self.derived_from != Some(derived_from);
        let progress = &self.options.progress;
        progress.start(Stage::Render, Some(stale.len()));
        let rendered = render::render_pages_each(site, links, templates, &stale, |f| {
            progress.step();
            Ok(f)
        })?;
        let fingerprints: HashMap<String, u64> = fingerprinted.into_iter().collect();
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
            // Served as they were until remade by refresh_whole_site.
            let kept = self.search.contains(path)
                || self.derived.contains(path)
                || fingerprints.contains_key(path);
            if kept {
                outputs.insert(path.clone(), Arc::clone(bytes));
            } else if !outputs.contains_key(path) {
                report.removed.push(path.clone());
            }
        }
        for file in rendered {
            report.rendered.push(file.path.clone());
            outputs.insert(file.path, Arc::new(file.bytes));
        }
        if remake_derived {
            // Pages link their attachments: those come with the pages, not after.
            for file in render::attachments(site) {
                if self.outputs.get(&file.path).map(|b| b.as_slice()) != Some(&file.bytes[..]) {
                    report.rendered.push(file.path.clone());
                }
                self.derived.insert(file.path.clone());
                outputs.insert(file.path, Arc::new(file.bytes));
            }
        }
        self.derived_stale |= remake_derived;
        report.rendered.sort();
        report.rendered.dedup();
        report.removed.sort();
        report.total = outputs.len();
        self.fingerprints = fingerprints;
        self.derived_from = Some(derived_from);
        self.outputs = Arc::new(outputs);
        Ok(report)
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
        self.theme_hash = hasher.finish();
        match Templates::new(&theme) {
            Ok(t) => self.templates = Some(t),
            Err(e) => problems.extend(e),
        }
        self.theme = Some(theme);
    }

    /// The content files as `model::build` takes them; texts are shared, not copied.
    fn loaded(&self) -> Loaded {
        let mut loaded = Loaded {
            people: self.people.people.clone(),
            errors: self.people.errors.clone(),
            ..Loaded::default()
        };
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

/// The templates and what every page sees of the site (settings, the global `site`
/// and `outputs` values), as one number: made once per rebuild, by serializing the
/// global values (a few hundred bytes a meeting) rather than any page's context.
fn global_hash(site: &Site, links: &render::Links, theme: u64) -> u64 {
    let mut sink = HashSink(DefaultHasher::new());
    (theme, format!("{:?}", site.config)).hash(&mut sink.0);
    render::site_global(site, links, &mut sink);
    sink.0.finish()
}

/// Hashes the global values as they are made, serializing each straight into the hasher.
struct HashSink(DefaultHasher);

impl ContextSink for HashSink {
    fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        key.hash(&mut self.0);
        // Writing into a hasher cannot fail, and every context value serializes.
        let _ = serde_json::to_writer(HashWriter(&mut self.0), value);
    }
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

/// The key of a file from its path under `content/`.
fn file_key(rel: &Path) -> FileKey {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect()
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("md"))
}
