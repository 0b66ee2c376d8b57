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
    let staging = Staging::new(output)?;
    files.par_iter().try_for_each(|f| staging.write(f))?;
    staging.finish()
}

/// The fresh folder beside the output that a build writes into, file by file, while it
/// renders. `finish` swaps it in; dropped before that (a failed build), it is removed
/// and the output stays exactly as it was.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    retired: PathBuf,
    finished: bool,
}

fn io_error(path: &Path, e: io::Error) -> Diagnostic {
    Diagnostic::new(
        ErrorKind::Io,
        Location::file(path),
        format!("cannot write the site: {e}"),
    )
}

impl Staging {
    pub fn new(output: &Path) -> Result<Staging, Diagnostic> {
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
        let name = output
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let staging = Staging {
            dir: parent.join(format!(".{name}.panelpress-new-{}", std::process::id())),
            output: output.to_path_buf(),
            retired: parent.join(format!(".{name}.panelpress-old-{}", std::process::id())),
            finished: false,
        };
        let _ = fs::remove_dir_all(&staging.dir);
        fs::create_dir_all(&staging.dir)
            .and_then(|()| fs::write(staging.dir.join(MARKER), MARKER_TEXT))
            .map_err(|e| io_error(&staging.dir, e))?;
        Ok(staging)
    }

    /// Writes one file; safe to call from many threads at once. A later file with the
    /// same path replaces an earlier one.
    pub fn write(&self, file: &OutputFile) -> Result<(), Diagnostic> {
        let path = self.dir.join(&file.path);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder).map_err(|e| io_error(&self.dir, e))?;
        }
        fs::write(&path, &file.bytes).map_err(|e| io_error(&self.dir, e))
    }

    /// Swaps the written site in for the output folder.
    pub fn finish(mut self) -> Result<(), Diagnostic> {
        self.finished = true;
        swap(&self.dir, &self.output, &self.retired).map_err(|e| {
            let _ = fs::remove_dir_all(&self.dir);
            io_error(&self.output, e)
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
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
