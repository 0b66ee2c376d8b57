//! The whole pipeline, load → model → render → write, as the CLI and tests call it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::error::{Diagnostic, Errors};
use crate::model::{self, Site};
use crate::render::{self, OutputFile};
use crate::templates::Templates;
use crate::theme::Theme;
use crate::{load, write};

/// What a build or check produced, for the summary line.
#[derive(Debug, Clone)]
pub struct Summary {
    pub meetings: usize,
    pub papers: usize,
    pub decisions: usize,
    pub files: usize,
    pub elapsed: Duration,
}

impl Summary {
    fn of(site: &Site, files: usize, started: Instant) -> Self {
        Summary {
            meetings: site.meetings.len(),
            papers: site.papers.len(),
            decisions: site.decisions.len(),
            files,
            elapsed: started.elapsed(),
        }
    }
}

/// Builds the site at `root` into `output` (default `<root>/public`). On any error the
/// output folder is left exactly as it was.
pub fn build(root: &Path, output: Option<&Path>) -> Result<Summary, Errors> {
    let started = Instant::now();
    let output = output.map_or_else(|| root.join("public"), Path::to_path_buf);
    write::check_output(root, &output).map_err(|d| errors(root, vec![d]))?;
    let (site, mut templates, theme) = prepare(root)?;
    // Pages go to disk as they render, so the whole site is never held in memory.
    let staging = write::Staging::new(&output).map_err(|d| errors(root, vec![d]))?;
    let statics: Vec<OutputFile> = theme
        .statics
        .into_iter()
        .map(|(path, f)| OutputFile {
            path,
            bytes: f.bytes,
        })
        .collect();
    for file in &statics {
        staging.write(file).map_err(|d| errors(root, vec![d]))?;
    }
    // A page replaces a theme file of the same path: it is written after.
    let pages = render::render_pages(&site, &mut templates, |page| {
        staging.write(&page).map(|()| page.path)
    })
    .map_err(|e| errors(root, e))?;
    staging.finish().map_err(|d| errors(root, vec![d]))?;
    let files = pages.len() + statics.iter().filter(|f| !pages.contains(&f.path)).count();
    Ok(Summary::of(&site, files, started))
}

/// Runs every check `build` runs, rendering every page in memory and writing nothing.
pub fn check(root: &Path) -> Result<Summary, Errors> {
    let started = Instant::now();
    let (site, mut templates, theme) = prepare(root)?;
    let pages = render::render_pages(&site, &mut templates, |page| Ok(page.path))
        .map_err(|e| errors(root, e))?;
    let statics = theme.statics.keys().filter(|p| !pages.contains(p)).count();
    Ok(Summary::of(&site, pages.len() + statics, started))
}

/// Loads, links and renders the site: every file the output folder should hold.
pub fn render_all(root: &Path) -> Result<(Site, Vec<OutputFile>), Errors> {
    let (site, mut templates, theme) = prepare(root)?;
    let pages = render::render_site(&site, &mut templates).map_err(|e| errors(root, e))?;
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
    Ok((site, files))
}

/// Loads and links the site and compiles its templates, reporting every problem found.
fn prepare(root: &Path) -> Result<(Site, Templates, Theme), Errors> {
    let config = Config::load(root).map_err(|d| errors(root, vec![d]))?;
    let mut problems = Vec::new();
    let theme = Theme::load(root, &config.theme).map_err(|d| errors(root, vec![d]))?;
    let templates = Templates::new(&theme).map_err(|e| problems.extend(e)).ok();
    let loaded = load::load_content(root);
    let site = model::build(config, loaded)
        .map_err(|e| problems.extend(e))
        .ok();
    match (site, templates) {
        (Some(site), Some(templates)) => Ok((site, templates, theme)),
        _ => Err(errors(root, problems)),
    }
}

fn errors(root: &Path, list: Vec<Diagnostic>) -> Errors {
    Errors(list.into_iter().map(|d| d.relative_to(root)).collect()).sorted()
}

/// The folder the CLI builds into when given none.
pub fn default_output(root: &Path) -> PathBuf {
    root.join("public")
}
