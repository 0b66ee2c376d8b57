//! panelpress: a static site generator for the papers of public committees.
//!
//! The pipeline runs one way, one module per stage: `load` reads `content/`, `model`
//! links and validates, `markdown` parses each text once, `check` finds broken links and
//! inconsistent agendas, `render` turns the model into pages, `outputs` makes feeds,
//! calendars, open data and the search index, and `write` puts it all on disk atomically.
//! `pipeline` runs the stages for [`build`], [`check`] and [`serve`]'s sessions; the
//! clerks' tools that write content are in [`clerk`].
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let site = dir.path().join("panel");
//! panelpress::clerk::init::init(&site, false).unwrap();
//! let summary = panelpress::build(&site, None).unwrap();
//! assert_eq!((summary.meetings, summary.papers), (1, 1));
//! assert!(site.join("public/meetings/2025-01-14/index.html").is_file());
//! ```

// The public surface is the re-exports below, `clerk` and `serve`, all documented;
// every other item is pub(crate).
#![warn(missing_docs, unreachable_pub)]

mod base;
mod check;
mod config;
mod load;
mod markdown;
mod model;
mod outputs;
mod pipeline;
mod render;
mod urls;
mod write;

pub mod clerk;
#[doc(hidden)]
pub mod internals;
pub mod serve;

pub use base::dates::iso_of_uk_date;
pub use base::error::{Code, Diagnostic, Errors, Location, Severity};
pub use base::json::json_line;
pub use base::moment::{MOMENT_FORMS, Moment};
pub use config::root::find as find_site;
pub use pipeline::{
    LeftOut, Options, Progress, Reporter, Stage, Summary, build, build_with, check, check_with,
    default_output,
};
pub use write::remove_staging_on_signals;
