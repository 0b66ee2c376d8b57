//! `panelpress init`: a small working site to start from.

use std::path::Path;

use crate::error::{Diagnostic, ErrorKind, Errors, Location};

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

/// Creates `dir` with settings, a meeting, a paper and a copy of the default theme.
pub fn init(dir: &Path) -> Result<(), Errors> {
    let fail = |e: std::io::Error| {
        Errors::one(Diagnostic::new(
            ErrorKind::Io,
            Location::file(dir),
            format!("cannot create the site: {e}"),
        ))
    };
    let not_empty = dir
        .read_dir()
        .map(|mut d| d.next().is_some())
        .unwrap_or(false);
    if not_empty {
        return Err(Errors::one(
            Diagnostic::new(
                ErrorKind::Io,
                Location::file(dir),
                "the folder is not empty",
            )
            .help("choose a new folder, so that nothing is overwritten"),
        ));
    }
    let meeting_dir = dir.join("content").join("2025-01-14");
    std::fs::create_dir_all(&meeting_dir).map_err(fail)?;
    std::fs::write(dir.join(crate::config::FILE_NAME), SITE_TOML).map_err(fail)?;
    std::fs::write(meeting_dir.join(crate::load::MEETING_FILE), MEETING).map_err(fail)?;
    std::fs::write(meeting_dir.join("b1-example-report.md"), PAPER).map_err(fail)?;
    std::fs::write(dir.join(".gitignore"), GITIGNORE).map_err(fail)?;
    crate::theme::write_default_theme(&dir.join("themes").join("default")).map_err(fail)
}
