//! Write: puts the rendered site in a fresh folder beside the output, then swaps it in,
//! so a failed build never leaves a half-written site and the previous one stays whole.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Diagnostic, ErrorKind, Location};
use crate::render::OutputFile;

/// Left in every output folder, so that a later build knows it may replace the folder.
pub const MARKER: &str = ".panelpress-output";
const MARKER_TEXT: &str =
    "This folder is written by `panelpress build`, which replaces all of it on every build.\n";

/// Writes `files` as the complete new contents of `output`.
pub fn write_site(output: &Path, files: &[OutputFile]) -> Result<(), Diagnostic> {
    let io_error = |path: &Path, e: io::Error| {
        Diagnostic::new(
            ErrorKind::Io,
            Location::file(path),
            format!("cannot write the site: {e}"),
        )
    };
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{name}.panelpress-new-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.panelpress-old-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    let written = write_all(&staging, files);
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(io_error(&staging, e));
    }
    swap(&staging, output, &retired).map_err(|e| {
        let _ = fs::remove_dir_all(&staging);
        io_error(output, e)
    })
}

fn write_all(dir: &Path, files: &[OutputFile]) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    fs::write(dir.join(MARKER), MARKER_TEXT)?;
    let mut folders: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent().map(|p| dir.join(p)))
        .collect();
    folders.sort();
    folders.dedup();
    for folder in &folders {
        fs::create_dir_all(folder)?;
    }
    files
        .par_iter()
        .try_for_each(|f| fs::write(dir.join(&f.path), &f.bytes))
}

fn swap(staging: &Path, output: &Path, retired: &Path) -> io::Result<()> {
    if !output.exists() {
        return fs::rename(staging, output);
    }
    let _ = fs::remove_dir_all(retired);
    fs::rename(output, retired)?;
    if let Err(e) = fs::rename(staging, output) {
        fs::rename(retired, output)?;
        return Err(e);
    }
    fs::remove_dir_all(retired)
}

/// Refuses an output folder whose replacement would destroy anything but an earlier
/// build: the site's own sources, or a folder of other files (a deploy checkout, say).
pub fn check_output(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let refuse = |message: &str, help: &str| {
        Err(Diagnostic::new(ErrorKind::Config, Location::file(output), message).help(help))
    };
    let abs = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, out) = (abs(root), abs(output));
    let precious = [
        "content",
        "themes",
        "templates",
        "static",
        crate::config::FILE_NAME,
    ];
    if out == root || precious.iter().any(|p| root.join(p).starts_with(&out)) {
        return refuse(
            "the output folder would replace the site's own files",
            "choose an output folder of its own, such as public/",
        );
    }
    if out.exists() && !out.is_dir() {
        return refuse(
            "the output path is a file, not a folder",
            "choose a folder for the site",
        );
    }
    let holds_files = fs::read_dir(&out).is_ok_and(|mut d| d.next().is_some());
    if holds_files && !out.join(MARKER).is_file() {
        return refuse(
            "the output folder holds files that panelpress did not write, and a build replaces the whole folder",
            "build into a new or empty folder, or empty this one first",
        );
    }
    Ok(())
}
