//! `panelpress init`: a small working site to start from.

use std::path::Path;

use crate::base::error::{Diagnostic, ErrorKind, Errors, Location};

const SITE_TOML: &str = r#"# The site's settings. See docs/content-format.md.
title = "Example Panel papers"
default_body = "Example Panel"
timezone = "Europe/London"
# base_url = "https://papers.example.org/"   # leave unset to make every link relative
"#;

const MEETING: &str = r#"---
date: 2025-01-14
title: Example Panel meeting
time: "10:00"
venue: Council Chamber, Town Hall
status: held
attendance:
  present: [Cllr A. Example (Chair), Cllr B. Example]
  apologies: [Cllr C. Example]
agenda:
  - item: "1"
    title: Apologies and substitutes
    section: Formal business
  - item: "2"
    title: Declarations of interest
    section: Formal business
---
The meeting is open to the public.
"#;

const PAPER: &str = r#"---
title: Example report
date: 2025-01-06
item: B1
section: B - Reports
from: Chief Executive
to: Example Panel
classification: Unrestricted
recommendations:
  - That the Panel notes the report.
topics: [Example topic]
---
## Introduction

1. This is numbered paragraph 1. Link to it as `#p1`.
2. Numbering continues across headings.

## Background

3. Start the next list at 3 to continue the numbering.
"#;

/// The built site, and the folders a build writes beside its output before swapping
/// them in (left behind only by a build killed outright).
const GITIGNORE: &str = "/public\n.*.panelpress-new-*/\n.*.panelpress-old-*/\n";

/// Files and folders whose presence means a folder already holds a site (or its output).
const SITE_FILES: &[&str] = &[
    crate::config::FILE_NAME,
    crate::load::CONTENT_DIR,
    "themes",
    "templates",
    "static",
    "public",
];

/// Creates a site in `dir` (a new folder, an empty one, or one holding no site files,
/// such as a fresh git checkout): settings, a meeting and a paper. The site uses the
/// theme built into panelpress unless `eject_theme`, which copies it into
/// `themes/default/` to be changed. Nothing that exists is overwritten.
pub fn init(dir: &Path, eject_theme: bool) -> Result<(), Errors> {
    let fail = |e: std::io::Error| {
        Errors::one(Diagnostic::new(
            ErrorKind::Io,
            Location::file(dir),
            format!("cannot create the site: {e}"),
        ))
    };
    let taken: Vec<&str> = SITE_FILES
        .iter()
        .copied()
        .filter(|name| dir.join(name).symlink_metadata().is_ok())
        .collect();
    if !taken.is_empty() {
        return Err(Errors::one(
            Diagnostic::new(
                ErrorKind::Io,
                Location::file(dir),
                format!("the folder already holds {}", taken.join(", ")),
            )
            .help("choose a new or empty folder, so that nothing is overwritten"),
        ));
    }
    // Where `new meeting` puts meetings: content/<year>/<id>/.
    let meeting_dir = dir
        .join(crate::load::CONTENT_DIR)
        .join("2025")
        .join("2025-01-14");
    std::fs::create_dir_all(&meeting_dir).map_err(fail)?;
    std::fs::write(dir.join(crate::config::FILE_NAME), SITE_TOML).map_err(fail)?;
    std::fs::write(meeting_dir.join(crate::load::MEETING_FILE), MEETING).map_err(fail)?;
    std::fs::write(meeting_dir.join("b1-example-report.md"), PAPER).map_err(fail)?;
    if dir.join(".gitignore").symlink_metadata().is_err() {
        std::fs::write(dir.join(".gitignore"), GITIGNORE).map_err(fail)?;
    }
    if eject_theme {
        crate::load::theme::write_default_theme(&dir.join("themes").join("default"))
            .map_err(fail)?;
    }
    Ok(())
}
