//! Files published with a paper (appendices, spreadsheets), read while loading so that a
//! missing one stops the build before anything is written.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Component, Path};
use std::sync::Arc;

use super::{Limits, PaperSource};
use crate::base::error::{Diagnostic, ErrorKind, Location};
use crate::base::text::slugify;

/// Where a paper's attachments are looked for.
pub(super) struct Place<'a> {
    /// The paper's folder on disk.
    pub dir: &'a Path,
    /// The site's `content/` folder on disk: no attachment is read from outside it.
    pub content_dir: &'a Path,
    /// The paper's file as messages name it.
    pub shown: &'a Path,
}

/// Reads every attachment the paper names, relative to the paper's folder.
pub(super) fn read(
    paper: &mut PaperSource,
    place: &Place,
    limits: Limits,
) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut names: Vec<String> = Vec::new();
    // Canonical once per paper, so that a `content/` reached through a link still holds
    // the files under it.
    let content = fs::canonicalize(place.content_dir);
    for a in &mut paper.attachments {
        let at = |message: String| {
            Diagnostic::new(
                ErrorKind::Field,
                Location::at(place.shown, a.file.line),
                message,
            )
        };
        let written = a.file.value.replace('\\', "/");
        if let Err(why) = inside_content(&written, &paper.folder) {
            errors.push(at(format!("attachment `{written}` {why}")).help(
                "put the file beside the paper (or in a folder under content/) and name it relative to the paper",
            ));
            continue;
        }
        let name = output_name(&written);
        if name.ends_with(".md") || name == "index.html" {
            errors.push(
                at(format!("attachment `{written}` cannot be published under the name `{name}`"))
                    .help("Markdown files are papers, and index.html is the paper's own page: rename the file"),
            );
            continue;
        }
        if names.contains(&name) {
            errors.push(
                at(format!(
                    "two attachments would both be published as `{name}`"
                ))
                .help("rename one of the files"),
            );
            continue;
        }
        let content = content
            .as_deref()
            .map_err(|e| Refusal::unreadable(e.kind()));
        match content.and_then(|c| read_file(&place.dir.join(&written), c, limits)) {
            Ok(bytes) => {
                a.bytes = Arc::new(bytes);
                a.name = name.clone();
                names.push(name);
            }
            Err(r) => errors.push(at(format!("attachment `{written}` {}", r.why)).help(r.help)),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Reads a file named in front matter (`written`, relative to `dir`, a folder `depth`
/// levels under `root`) as an attachment is read: only a regular file inside `root`
/// (canonical), no larger than the limit. `Err` says why not, and what to do.
pub(super) fn read_inside(
    written: &str,
    dir: &Path,
    folder: &str,
    root: &Path,
    limits: Limits,
) -> Result<(String, Vec<u8>), (String, String)> {
    let written = written.replace('\\', "/");
    inside_content(&written, folder).map_err(|why| {
        (
            why.to_string(),
            "put the file beside the one that names it".to_string(),
        )
    })?;
    let name = output_name(&written);
    let root = fs::canonicalize(root).map_err(|e| Refusal::unreadable(e.kind()).pair())?;
    let bytes = read_file(&dir.join(&written), &root, limits).map_err(Refusal::pair)?;
    Ok((name, bytes))
}

/// Why an attachment is not published, and what to do.
#[derive(Debug)]
struct Refusal {
    why: String,
    help: String,
}

impl Refusal {
    fn new(why: impl Into<String>, help: impl Into<String>) -> Refusal {
        Refusal {
            why: why.into(),
            help: help.into(),
        }
    }

    fn pair(self) -> (String, String) {
        (self.why, self.help)
    }

    fn unreadable(kind: io::ErrorKind) -> Refusal {
        if kind == io::ErrorKind::NotFound {
            return Refusal::new(
                "cannot be read: no such file",
                "put the file beside the paper, or correct its name (names are relative to the paper's file)",
            );
        }
        Refusal::new(
            format!("cannot be read: {}", io::Error::from(kind)),
            "check that the file exists and can be read",
        )
    }
}

/// The file's bytes, if it is a regular file inside `content` (canonical) once every
/// symlink is followed, and no larger than the limit. Nothing is opened before its type
/// is known, and the handle is checked again, so that a named pipe or a device can
/// never block the build or fill its memory.
fn read_file(path: &Path, content: &Path, limits: Limits) -> Result<Vec<u8>, Refusal> {
    let real = match fs::canonicalize(path) {
        Ok(real) => real,
        Err(_) if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) => {
            return Err(Refusal::new(
                "is a symbolic link to a file that does not exist",
                "copy the file itself beside the paper",
            ));
        }
        Err(e) => return Err(Refusal::unreadable(e.kind())),
    };
    if !real.starts_with(content) {
        return Err(Refusal::new(
            "is a symbolic link (or is in a linked folder) that leads outside content/",
            "copy the file itself beside the paper: only files inside content/ are published",
        ));
    }
    let inside = real.strip_prefix(content).unwrap_or(&real);
    if inside
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
    {
        return Err(Refusal::new(
            "is a hidden file, or in a hidden folder (a name starting with `.`), which is never published",
            "rename the file or folder without the leading `.`",
        ));
    }
    if super::is_markdown(&real) {
        return Err(Refusal::new(
            "leads to a Markdown file, which is a paper, and papers are never published as attachments",
            "attach the paper's PDF instead, or link to the paper",
        ));
    }
    let meta = fs::metadata(&real).map_err(|e| Refusal::unreadable(e.kind()))?;
    check_kind(&meta)?;
    check_size(meta.len(), limits)?;
    let file = open(&real, content).map_err(|e| Refusal::unreadable(e.kind()))?;
    let meta = file.metadata().map_err(|e| Refusal::unreadable(e.kind()))?;
    check_kind(&meta)?;
    check_size(meta.len(), limits)?;
    let mut bytes = Vec::new();
    // The file may grow after the check: read no more than one byte past the limit.
    file.take(limits.max_attachment_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Refusal::unreadable(e.kind()))?;
    check_size(bytes.len() as u64, limits)?;
    Ok(bytes)
}

fn check_kind(meta: &fs::Metadata) -> Result<(), Refusal> {
    if meta.is_file() {
        return Ok(());
    }
    Err(Refusal::new(
        format!("is {}, not a regular file", kind_of(meta)),
        "attachments must be ordinary files, such as a PDF or a spreadsheet",
    ))
}

fn check_size(len: u64, limits: Limits) -> Result<(), Refusal> {
    let max = limits.max_attachment_bytes;
    if len <= max {
        return Ok(());
    }
    Err(Refusal::new(
        format!(
            "is {}, more than the site's limit of {} MB",
            megabytes(len),
            max / 1_000_000
        ),
        "make the file smaller (a PDF can often be compressed), or raise `max_attachment_mb` in site.toml",
    ))
}

fn megabytes(len: u64) -> String {
    format!("{:.1} MB", len as f64 / 1_000_000.0)
}

#[cfg(unix)]
fn kind_of(meta: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn kind_of(meta: &fs::Metadata) -> &'static str {
    if meta.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// Opens `real` (canonical, inside `content`) without blocking, as a FIFO swapped in
/// after the checks would otherwise wait for a writer. On Linux no link is followed on
/// the way down from `content` either, so a link swapped in makes the open fail rather
/// than lead elsewhere.
#[cfg(target_os = "linux")]
fn open(real: &Path, content: &Path) -> io::Result<File> {
    use rustix::fs::{Mode, OFlags, ResolveFlags, openat2};
    use rustix::io::Errno;
    let Ok(inside) = real.strip_prefix(content) else {
        return Err(io::ErrorKind::PermissionDenied.into());
    };
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let resolve = ResolveFlags::BENEATH | ResolveFlags::NO_SYMLINKS;
    match openat2(File::open(content)?, inside, flags, Mode::empty(), resolve) {
        Ok(fd) => Ok(File::from(fd)),
        // Kernels before 5.6, or a sandbox that forbids the call.
        Err(Errno::NOSYS | Errno::PERM) => open_nonblocking(real),
        Err(e) => Err(e.into()),
    }
}

#[cfg(all(unix, not(target_os = "linux")))]
fn open(real: &Path, _content: &Path) -> io::Result<File> {
    open_nonblocking(real)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use rustix::fs::OFlags;
    use std::os::unix::fs::OpenOptionsExt;
    let flags = OFlags::NONBLOCK | OFlags::NOFOLLOW;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(path)
}

#[cfg(not(unix))]
fn open(real: &Path, _content: &Path) -> io::Result<File> {
    File::open(real)
}

/// Refuses absolute paths and paths that climb out of `content/`: a build must never
/// publish a file from elsewhere on the machine.
fn inside_content(written: &str, folder: &str) -> Result<(), &'static str> {
    let path = Path::new(written);
    if path.is_absolute() || written.starts_with('/') || written.contains(':') {
        return Err("must be a path relative to the paper, not an absolute one");
    }
    let mut depth = folder.split('/').filter(|s| !s.is_empty()).count();
    for c in path.components() {
        match c {
            Component::ParentDir if depth == 0 => return Err("is outside content/"),
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            _ => {}
        }
    }
    Ok(())
}

/// The file's name in the output: its stem as a slug and its extension in lower case,
/// so that the link is a plain URL. "Appendix A (tables).PDF" is `appendix-a-tables.pdf`.
fn output_name(written: &str) -> String {
    let file = written.rsplit('/').next().unwrap_or(written);
    let (stem, ext) = match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, Some(ext)),
        _ => (file, None),
    };
    let stem = match slugify(stem) {
        s if s.is_empty() => "attachment".to_string(),
        s => s,
    };
    match ext.map(slugify).filter(|e| !e.is_empty()) {
        Some(ext) => format!("{stem}.{ext}"),
        None => stem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_plain_urls() {
        assert_eq!(
            output_name("Appendix A (tables).PDF"),
            "appendix-a-tables.pdf"
        );
        assert_eq!(output_name("data/Q2 figures.csv"), "q2-figures.csv");
        assert_eq!(output_name(".hidden"), "hidden");
        assert_eq!(output_name("()"), "attachment");
    }

    #[test]
    fn only_files_inside_content_are_published() {
        assert!(inside_content("appendix.pdf", "2024/m").is_ok());
        assert!(inside_content("../shared/plan.pdf", "2024/m").is_ok());
        assert!(inside_content("../../../etc/passwd", "2024/m").is_err());
        assert!(inside_content("../x.pdf", "").is_err());
        assert!(inside_content("/etc/passwd", "2024").is_err());
        assert!(inside_content("C:/secret.pdf", "2024").is_err());
    }
}
