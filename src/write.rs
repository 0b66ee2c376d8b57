//! Write: puts the rendered site in a fresh folder beside the output, then swaps it in,
//! so a failed build never leaves a half-written site and the previous one stays whole.
//!
//! A build replaces the whole output folder, so [`resolve_output`] first decides whether
//! that is safe: never the site's own sources, and never a folder holding a file that
//! the last build did not write (the marker left in the output lists those).

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, PoisonError, RwLock};

use rayon::prelude::*;

use crate::base::error::{Diagnostic, ErrorKind, Location};
use crate::base::output::OutputFile;

/// Left in every output folder: the list of the files the build wrote, so that a later
/// build knows it may replace exactly those and nothing else.
pub(crate) const MARKER: &str = ".panelpress-output";
/// The marker's first line; the list of files follows the first empty line.
const MARKER_FIRST_LINE: &str = "# panelpress output, format 1";
const MARKER_HEADER: &str = "# panelpress output, format 1\n\
# Written by `panelpress build`, which replaces this whole folder on every build.\n\
# The files that build wrote follow, one a line. The next build refuses this folder\n\
# if it holds any other file, so do not copy this list into a folder of your own.\n\n";
/// The marker of a staging folder while the build writes it: the files are listed only
/// when it is swapped in, so a stopped build's folder is known by this line instead.
const STAGING_FIRST_LINE: &str = "# panelpress staging folder, format 1";
const STAGING_HEADER: &str = "# panelpress staging folder, format 1\n\
# A build is writing the site here; it is swapped in for the output when complete.\n";
/// The source folders no output may replace or sit inside.
const SOURCE_FOLDERS: [&str; 4] = ["content", "themes", "templates", "static"];
/// How many unexpected files an error names.
const NAMED: usize = 5;

/// Staging folders of this process, removed if it is stopped by a signal.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Held for reading while a staging folder is written or swapped in; a signal handler
/// takes it for writing, so it never removes a folder in the middle of a swap.
static STOPPING: RwLock<bool> = RwLock::new(false);

/// Writes `files` as the complete new contents of `output`. Returns a warning when the
/// new site is live but the previous one could not be removed.
pub fn write_site(output: &Path, files: &[OutputFile]) -> Result<Option<Diagnostic>, Diagnostic> {
    let staging = Staging::new(output)?;
    files.par_iter().try_for_each(|f| staging.write(f))?;
    staging.finish()
}

/// The fresh folder beside the output that a build writes into, file by file, while it
/// renders. `finish` swaps it in; dropped before that (a failed build), it is removed
/// and the output stays exactly as it was.
pub(crate) struct Staging {
    dir: PathBuf,
    output: PathBuf,
    retired: PathBuf,
    written: Mutex<BTreeSet<String>>,
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
    /// `output` should be the path [`resolve_output`] returned.
    pub(crate) fn new(output: &Path) -> Result<Staging, Diagnostic> {
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
        let name = output
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        sweep_stale(output);
        let id = std::process::id();
        let staging = Staging {
            dir: parent.join(format!(".{name}.panelpress-new-{id}")),
            output: output.to_path_buf(),
            retired: parent.join(format!(".{name}.panelpress-old-{id}")),
            written: Mutex::new(BTreeSet::new()),
            finished: false,
        };
        lock(&LIVE).push(staging.dir.clone());
        // Not an output's marker until `finish`: should this folder ever become an
        // output half written, the next build refuses it rather than trusting it.
        fs::create_dir(&staging.dir)
            .and_then(|()| fs::write(staging.dir.join(MARKER), STAGING_HEADER))
            .map_err(|e| io_error(&staging.dir, e))?;
        Ok(staging)
    }

    /// Writes one file; safe to call from many threads at once. A later file with the
    /// same path replaces an earlier one.
    pub(crate) fn write(&self, file: &OutputFile) -> Result<(), Diagnostic> {
        let stopping = STOPPING.read().unwrap_or_else(PoisonError::into_inner);
        if *stopping {
            return Err(io_error(&self.dir, io::ErrorKind::Interrupted.into()));
        }
        let path = self.dir.join(&file.path);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder).map_err(|e| io_error(&self.dir, e))?;
        }
        fs::write(&path, &file.bytes).map_err(|e| io_error(&self.dir, e))?;
        lock(&self.written).insert(file.path.clone());
        Ok(())
    }

    /// Swaps the written site in for the output folder. Once the new site is live, a
    /// problem removing the previous one is a warning, not an error.
    pub(crate) fn finish(mut self) -> Result<Option<Diagnostic>, Diagnostic> {
        let stopping = STOPPING.read().unwrap_or_else(PoisonError::into_inner);
        if *stopping {
            return Err(io_error(&self.dir, io::ErrorKind::Interrupted.into()));
        }
        let list = marker_text(&lock(&self.written));
        fs::write(self.dir.join(MARKER), list).map_err(|e| io_error(&self.dir, e))?;
        // Files may have been added to the output while the site rendered.
        if let Err((message, help)) = check_contents(&self.output) {
            return Err(
                Diagnostic::new(ErrorKind::Config, Location::file(&self.output), message)
                    .help(help),
            );
        }
        let swapped = swap(&self.dir, &self.output, &self.retired);
        self.finished = true;
        lock(&LIVE).retain(|d| d != &self.dir);
        drop(stopping);
        match swapped {
            Err(e) => {
                let _ = fs::remove_dir_all(&self.dir);
                Err(io_error(&self.output, e)
                    .help("nothing was replaced: the previous site (if any) is still in place"))
            }
            Ok(None) => Ok(None),
            Ok(Some(old)) => Ok(remove_previous(&old, &self.output, |p| {
                fs::remove_dir_all(p)
            })),
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.dir);
            lock(&LIVE).retain(|d| d != &self.dir);
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn marker_text(files: &BTreeSet<String>) -> String {
    let mut text = String::from(MARKER_HEADER);
    for f in files {
        text.push_str(f);
        text.push('\n');
    }
    text
}

/// Removes the staging folders of this process when it is stopped by Ctrl-C, SIGTERM or
/// SIGHUP, then lets the signal end it as it would have. For the CLI: a library caller
/// keeps its own signal handling.
#[cfg(unix)]
pub fn remove_staging_on_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            // Waits for files being written and a swap under way, and stops any more.
            let mut stopping = STOPPING.write().unwrap_or_else(PoisonError::into_inner);
            *stopping = true;
            for dir in lock(&LIVE).iter() {
                let _ = fs::remove_dir_all(dir);
            }
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// Elsewhere a stopped build leaves its staging folder, which the next build removes.
#[cfg(not(unix))]
pub fn remove_staging_on_signals() -> io::Result<()> {
    Ok(())
}

/// Puts `staging` in place of `output`. Returns where the previous output now is, to be
/// removed, or `None` when there was none. On error nothing has changed.
fn swap(staging: &Path, output: &Path, retired: &Path) -> io::Result<Option<PathBuf>> {
    if fs::symlink_metadata(output).is_err() {
        return fs::rename(staging, output).map(|()| None);
    }
    match exchange(staging, output) {
        Ok(()) => Ok(Some(staging.to_path_buf())),
        Err(e) if exchange_unsupported(&e) => two_renames(staging, output, retired).map(Some),
        Err(e) => Err(e),
    }
}

/// Swaps two folders in one step, so that the output folder always exists.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Kernels before 3.15 and some file systems (NFS, some FUSE) cannot exchange.
fn exchange_unsupported(e: &io::Error) -> bool {
    const EINVAL: i32 = 22;
    const ENOSYS: i32 = 38;
    const EOPNOTSUPP: i32 = 95;
    e.kind() == io::ErrorKind::Unsupported
        || (cfg!(target_os = "linux")
            && matches!(e.raw_os_error(), Some(EINVAL | ENOSYS | EOPNOTSUPP)))
}

/// The fallback swap: the output is moved aside, then the new site moved in. A build
/// killed between the two leaves the previous site in `retired`, and the next build
/// puts it back before anything else ([`sweep_stale`]).
fn two_renames(staging: &Path, output: &Path, retired: &Path) -> io::Result<PathBuf> {
    fs::rename(output, retired)?;
    if let Err(e) = fs::rename(staging, output) {
        fs::rename(retired, output)?;
        return Err(e);
    }
    Ok(retired.to_path_buf())
}

/// Removes the previous site once the new one is live; a failure is only a warning.
fn remove_previous(
    old: &Path,
    output: &Path,
    remove: impl Fn(&Path) -> io::Result<()>,
) -> Option<Diagnostic> {
    let e = remove(old).err()?;
    Some(
        Diagnostic::new(
            ErrorKind::Io,
            Location::file(output),
            format!(
                "the new site is live, but the previous one could not be removed from {}: {e}",
                old.display()
            ),
        )
        .help("delete that folder by hand; the next build also removes it")
        .code(crate::base::error::Code::PreviousOutputKept)
        .warning(),
    )
}

/// Removes the staging folders of builds that are no longer running (killed, or the
/// machine stopped), and puts back a previous output that a build killed in the middle
/// of the fallback swap left aside.
fn sweep_stale(output: &Path) {
    let (Some(parent), Some(name)) = (output.parent(), output.file_name()) else {
        return;
    };
    let name = name.to_string_lossy();
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.panelpress-");
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some((kind, pid)) = file
            .to_str()
            .and_then(|f| f.strip_prefix(&prefix))
            .and_then(|rest| rest.split_once('-'))
        else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        let path = entry.path();
        let ours = pid == std::process::id();
        if !matches!(kind, "new" | "old") || (!ours && running(pid)) || !written_by_us(&path) {
            continue;
        }
        if kind == "old" && fs::symlink_metadata(output).is_err() {
            let _ = fs::rename(&path, output);
        } else {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

/// Whether a process `pid` exists. Where that cannot be told, it is taken to be running.
#[cfg(unix)]
fn running(pid: u32) -> bool {
    use rustix::process::{Pid, test_kill_process};
    let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) else {
        return true;
    };
    !matches!(test_kill_process(pid), Err(rustix::io::Errno::SRCH))
}

#[cfg(not(unix))]
fn running(_: u32) -> bool {
    true
}

/// A real folder (not a link) that a build was writing (its staging marker), or a
/// previous output holding only what its marker lists, or empty (a build stopped
/// before it wrote a marker).
fn written_by_us(dir: &Path) -> bool {
    if !fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        return false;
    }
    let first = fs::read_to_string(dir.join(MARKER))
        .ok()
        .and_then(|t| t.lines().next().map(str::to_string));
    match first.as_deref() {
        Some(STAGING_FIRST_LINE) => true,
        Some(MARKER_FIRST_LINE) => check_contents(dir).is_ok(),
        _ => fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none()),
    }
}

/// Refuses an output folder whose replacement would destroy anything but an earlier
/// build: the site's own folders, or a folder of other files (a deploy checkout, say).
/// Returns the output as the build must use it: absolute, with `.` and `..` resolved,
/// so that what was checked is what is replaced. Before the folder's contents are
/// checked, what stopped builds left beside it is cleared up ([`sweep_stale`]).
pub(crate) fn resolve_output(root: &Path, output: &Path) -> Result<PathBuf, Diagnostic> {
    let refuse = |message: &str, help: &str| {
        Diagnostic::new(ErrorKind::Config, Location::file(output), message).help(help)
    };
    let out = absolute(output).map_err(|e| io_error(output, e))?;
    let root = absolute(root).map_err(|e| io_error(root, e))?;
    // The path as written and the path on disk, through any symlinks, are both checked.
    let roots = [root.clone(), physical(&root)];
    let outs = [out.clone(), physical(&out)];
    if roots.iter().any(|r| outs.iter().any(|o| r.starts_with(o))) {
        return Err(refuse(
            "the output folder would replace the site's own files: it is the site's folder, or a folder above it",
            "choose an output folder of its own inside the site, such as public/",
        ));
    }
    let sources = source_folders(&roots);
    if let Some((source, _)) = sources
        .iter()
        .find(|(_, folder)| outs.iter().any(|o| o.starts_with(folder)))
    {
        return Err(refuse(
            &format!("the output folder is the site's {source}/ folder, or inside it"),
            "choose an output folder outside content/, themes/, templates/ and static/, such as public/",
        ));
    }
    sweep_stale(&out);
    match fs::symlink_metadata(&out) {
        Err(_) => Ok(out),
        Ok(m) if m.file_type().is_symlink() => Err(refuse(
            "the output path is a symbolic link: a build would replace the link, not the folder it points to",
            "name the real folder as --output",
        )),
        Ok(m) if !m.is_dir() => Err(refuse(
            "the output path is a file, not a folder",
            "choose a folder for the site",
        )),
        Ok(_) => check_contents(&out)
            .map(|()| out)
            .map_err(|(message, help)| refuse(&message, help)),
    }
}

/// The site's source folders, by name: as written, through symlinks, and the real
/// folders of links directly inside them (a theme linked in from a shared checkout).
fn source_folders(roots: &[PathBuf]) -> Vec<(&'static str, PathBuf)> {
    let mut found = Vec::new();
    for root in roots {
        for name in SOURCE_FOLDERS {
            let folder = root.join(name);
            found.push((name, physical(&folder)));
            let links = fs::read_dir(&folder).into_iter().flatten().flatten();
            for entry in links.filter(|e| e.file_type().is_ok_and(|t| t.is_symlink())) {
                found.push((name, physical(&entry.path())));
            }
            found.push((name, folder));
        }
    }
    found
}

/// Refuses a folder holding anything its marker does not list.
fn check_contents(out: &Path) -> Result<(), (String, &'static str)> {
    let empty = fs::read_dir(out).is_ok_and(|mut d| d.next().is_none());
    if empty || fs::symlink_metadata(out).is_err() {
        return Ok(());
    }
    let listed = match fs::read_to_string(out.join(MARKER)) {
        Ok(text) if text.lines().next() == Some(MARKER_FIRST_LINE) => listed_files(&text),
        Ok(_) => {
            return Err((
                "the output folder's .panelpress-output file lists no files (an older panelpress wrote it), so the folder cannot be checked".into(),
                "delete the output folder (it holds only a build) and build again",
            ));
        }
        Err(_) => BTreeSet::new(),
    };
    let strays = strays(out, &listed).map_err(|e| {
        (
            format!("cannot read the output folder: {e}"),
            "check the folder's permissions",
        )
    })?;
    if strays.is_empty() {
        return Ok(());
    }
    let named: Vec<String> = strays
        .iter()
        .take(NAMED)
        .map(|s| format!("`{s}`"))
        .collect();
    let more = match strays.len().saturating_sub(NAMED) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    Err((
        format!(
            "the output folder holds files that panelpress did not write: {}{more}",
            named.join(", ")
        ),
        "a build replaces the whole output folder: build into a folder of its own (such as public/) and copy that to a deploy checkout, or move these files out",
    ))
}

/// The paths a marker lists, and every folder above them.
fn listed_files(text: &str) -> BTreeSet<String> {
    let mut listed = BTreeSet::new();
    for line in text.split_once("\n\n").map_or("", |(_, list)| list).lines() {
        let mut path = line;
        listed.insert(path.to_string());
        while let Some((folder, _)) = path.rsplit_once('/') {
            listed.insert(format!("{folder}/"));
            path = folder;
        }
    }
    listed
}

/// The entries under `out` that the list does not hold, outermost first (a folder is
/// named once, not for each file in it), in a stable order.
fn strays(out: &Path, listed: &BTreeSet<String>) -> io::Result<Vec<String>> {
    let mut found = Vec::new();
    let mut walk = walkdir::WalkDir::new(out)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(io::Error::other)?;
        let parts = entry.path().strip_prefix(out).unwrap_or(entry.path());
        // A name that is not UTF-8 was never written by a build, whose paths are text.
        let exact = parts.to_str().is_some();
        let parts: Vec<String> = parts
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let mut rel = parts.join("/");
        if entry.file_type().is_dir() {
            rel.push('/');
        }
        if exact && (rel == MARKER || listed.contains(&rel)) {
            continue;
        }
        if entry.file_type().is_dir() {
            walk.skip_current_dir();
        }
        found.push(rel);
    }
    Ok(found)
}

/// `path` made absolute against the current folder, with `.` and `..` resolved by
/// reading the path alone, before anything on disk is looked at or created.
pub(crate) fn absolute(path: &Path) -> io::Result<PathBuf> {
    let joined = std::path::absolute(path)?;
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Ok(out)
}

/// `path` through any symlinks: its longest existing part canonicalized, the rest (which
/// does not exist, so holds no links) added as written.
fn physical(path: &Path) -> PathBuf {
    let mut rest = Vec::new();
    let mut existing = path;
    loop {
        if let Ok(real) = fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |p, n| p.join(n));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                existing = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_dot_is_resolved_before_the_disk_is_read() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(
            absolute(Path::new("nothere/../content")).unwrap(),
            cwd.join("content")
        );
        assert_eq!(
            absolute(Path::new("/a/b/../../../c/./d")).unwrap(),
            Path::new("/c/d")
        );
    }

    #[test]
    fn marker_lists_files_and_their_folders() {
        let files: BTreeSet<String> = ["index.html", "papers/m/b1/index.html"]
            .map(String::from)
            .into();
        let listed = listed_files(&marker_text(&files));
        let expected: BTreeSet<String> = [
            "index.html",
            "papers/",
            "papers/m/",
            "papers/m/b1/",
            "papers/m/b1/index.html",
        ]
        .map(String::from)
        .into();
        assert_eq!(listed, expected);
    }

    /// A staging folder holding `new.html` beside an output holding `old.html`: the temp
    /// folder, then the staging, output and retired paths.
    fn built_over_an_old_site() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let (staging, output, retired) = (
            dir.path().join(".public.panelpress-new-1"),
            dir.path().join("public"),
            dir.path().join(".public.panelpress-old-1"),
        );
        fs::create_dir(&staging).unwrap();
        fs::write(staging.join("new.html"), "new").unwrap();
        fs::create_dir(&output).unwrap();
        fs::write(output.join("old.html"), "old").unwrap();
        (dir, staging, output, retired)
    }

    #[test]
    fn fallback_swap_then_failed_removal_leaves_the_new_site_live_with_a_warning() {
        let (_dir, staging, output, retired) = built_over_an_old_site();
        let old = two_renames(&staging, &output, &retired).unwrap();
        assert_eq!(fs::read_to_string(output.join("new.html")).unwrap(), "new");
        assert!(!staging.exists());
        let warning = remove_previous(&old, &output, |_| {
            Err(io::ErrorKind::PermissionDenied.into())
        })
        .expect("a warning");
        assert!(!warning.is_error());
        assert!(
            warning.message.starts_with("the new site is live"),
            "{warning}"
        );
        assert_eq!(fs::read_to_string(retired.join("old.html")).unwrap(), "old");
        assert_eq!(
            remove_previous(&old, &output, |p| fs::remove_dir_all(p)),
            None
        );
        assert!(!retired.exists());
    }

    #[test]
    fn a_previous_site_left_aside_by_a_killed_build_is_put_back() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let dead = dead_pid();
        let aside = dir.path().join(format!(".public.panelpress-old-{dead}"));
        fs::create_dir(&aside).unwrap();
        fs::write(
            aside.join(MARKER),
            marker_text(&["index.html".to_string()].into()),
        )
        .unwrap();
        fs::write(aside.join("index.html"), "previous").unwrap();
        let half = dir.path().join(format!(".public.panelpress-new-{dead}"));
        fs::create_dir(&half).unwrap();
        fs::write(half.join(MARKER), STAGING_HEADER).unwrap();
        fs::write(half.join("index.html"), "half written").unwrap();
        // Not panelpress's: no marker, so never touched.
        let other = dir
            .path()
            .join(format!(".public.panelpress-new-{}", dead + 1));
        fs::create_dir(&other).unwrap();
        fs::write(other.join("notes.txt"), "mine").unwrap();
        sweep_stale(&output);
        assert_eq!(
            fs::read_to_string(output.join("index.html")).unwrap(),
            "previous"
        );
        assert!(!aside.exists() && !half.exists());
        assert!(other.join("notes.txt").exists());
    }

    /// On Linux the swap is one exchange: the previous site ends up where the staging
    /// folder was, and nothing is ever moved to the `-old-` name.
    #[cfg(target_os = "linux")]
    #[test]
    fn on_linux_the_swap_is_one_exchange() {
        let (_dir, staging, output, retired) = built_over_an_old_site();
        let old = swap(&staging, &output, &retired).unwrap();
        assert_eq!(old.as_deref(), Some(staging.as_path()));
        assert_eq!(fs::read_to_string(output.join("new.html")).unwrap(), "new");
        assert_eq!(fs::read_to_string(staging.join("old.html")).unwrap(), "old");
        assert!(!retired.exists());
    }

    #[test]
    fn a_file_added_to_the_output_while_the_site_renders_stops_the_swap() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let file = |path: &str| OutputFile {
            path: path.to_string(),
            bytes: b"page".to_vec(),
        };
        write_site(&output, &[file("index.html")]).unwrap();
        let staging = Staging::new(&output).unwrap();
        staging.write(&file("index.html")).unwrap();
        fs::write(output.join("CNAME"), "papers.example.org").unwrap();
        let err = staging.finish().expect_err("refused");
        assert!(err.message.contains("`CNAME`"), "{err}");
        assert_eq!(
            fs::read_to_string(output.join("CNAME")).unwrap(),
            "papers.example.org"
        );
        let beside: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(beside, ["public"]);
    }

    /// The id of a process that has ended.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }
}
