//! Files published with a paper (appendices, spreadsheets), read while loading so that a
//! missing one stops the build before anything is written.

use std::path::{Component, Path};
use std::sync::Arc;

use super::PaperSource;
use crate::error::{Diagnostic, ErrorKind, Location};
use crate::text::slugify;

/// Reads every attachment the paper names, relative to `dir` (the paper's folder on
/// disk; `shown` is the paper's file as messages name it).
pub fn read(paper: &mut PaperSource, dir: &Path, shown: &Path) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for a in &mut paper.attachments {
        let at = |message: String| {
            Diagnostic::new(ErrorKind::Field, Location::at(shown, a.file.line), message)
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
        match std::fs::read(dir.join(&written)) {
            Ok(bytes) => {
                a.bytes = Arc::new(bytes);
                a.name = name.clone();
                names.push(name);
            }
            Err(e) => errors.push(
                at(format!(
                    "cannot read attachment `{written}`: {}",
                    if e.kind() == std::io::ErrorKind::NotFound { "no such file".to_string() } else { e.to_string() }
                ))
                .help("put the file beside the paper, or correct its name (names are relative to the paper's file)"),
            ),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
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
