//! Finding the site a command works on: the folder given (or the current one) or the
//! nearest folder above it that holds `site.toml`, as Zola and Cargo look upward, so
//! that commands work from inside `content/` or any folder of a site.

use std::path::{Path, PathBuf};

use crate::base::error::{Diagnostic, ErrorKind, Location};
use crate::config::FILE_NAME;

/// The site's folder for a command started at `start`: `start` itself when it holds
/// `site.toml`, else the nearest folder above it that does. Otherwise an error naming
/// `start`, with a near folder that holds a site when there is one.
pub fn find(start: &Path) -> Result<PathBuf, Diagnostic> {
    if start.join(FILE_NAME).is_file() {
        return Ok(start.to_path_buf());
    }
    if !start.is_dir() {
        let what = if start.exists() {
            "is not a folder"
        } else {
            "does not exist"
        };
        return Err(not_a_site(start, &format!("the site folder {what}")));
    }
    let absolute = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    let above = absolute
        .ancestors()
        .skip(1)
        .find(|dir| dir.join(FILE_NAME).is_file());
    match above {
        Some(dir) => Ok(upward(start, &absolute, dir)),
        None => Err(not_a_site(
            start,
            &format!("no {FILE_NAME} here or in any folder above"),
        )),
    }
}

/// The site folder as the user would write it from where they are: `../..` from a
/// relative start, else the absolute path.
fn upward(start: &Path, absolute: &Path, site: &Path) -> PathBuf {
    let levels = absolute.components().count() - site.components().count();
    if start.is_relative() && start.components().all(|c| c.as_os_str() == ".") {
        std::iter::repeat_n("..", levels).collect()
    } else {
        site.to_path_buf()
    }
}

fn not_a_site(start: &Path, problem: &str) -> Diagnostic {
    let help = match near_site(start) {
        Some(near) => format!("did you mean --root {}?", near.display()),
        None => format!(
            "pass --root the folder that holds {FILE_NAME}, or run `panelpress init DIR` to start a site"
        ),
    };
    Diagnostic::new(ErrorKind::Config, Location::file(start), problem).help(help)
}

/// A folder holding a site near `start`: the sibling whose name is nearest (a typo in
/// `--root`), else the first of its own subfolders (the site `init` made in it).
fn near_site(start: &Path) -> Option<PathBuf> {
    let Some(name) = start.file_name() else {
        return sites_in(start).min().map(|dir| clean(&dir));
    };
    let name = name.to_string_lossy().to_lowercase();
    let parent = match start.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let sibling = sites_in(&parent)
        .filter(|dir| dir != start)
        .map(|dir| {
            let other = dir
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_lowercase();
            (strsim::levenshtein(&name, &other), dir)
        })
        .filter(|(distance, _)| *distance <= name.chars().count() / 3 + 1)
        .min()
        .map(|(_, dir)| dir);
    sibling
        .or_else(|| sites_in(start).min())
        .map(|dir| clean(&dir))
}

/// The folders directly in `dir` that hold a site.
fn sites_in(dir: &Path) -> impl Iterator<Item = PathBuf> {
    dir.read_dir()
        .into_iter()
        .flat_map(|entries| entries.flatten().map(|e| e.path()))
        .filter(|d| d.join(FILE_NAME).is_file())
}

/// `./x` as `x`, as people write it.
fn clean(path: &Path) -> PathBuf {
    path.strip_prefix(".").unwrap_or(path).to_path_buf()
}
