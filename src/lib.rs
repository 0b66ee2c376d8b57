//! panelpress: a static site generator for the papers of public committees.
//!
//! The pipeline runs one way: [`load`] reads `content/`, [`model`] links and validates,
//! [`render`] turns the model into pages, [`write`] puts them on disk atomically.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let site = dir.path().join("panel");
//! panelpress::init::init(&site, false).unwrap();
//! let summary = panelpress::build(&site, None).unwrap();
//! assert_eq!((summary.meetings, summary.papers), (1, 1));
//! assert!(site.join("public/meetings/2025-01-14/index.html").is_file());
//! ```

pub mod checks;
pub mod config;
pub mod dates;
pub mod error;
pub mod html;
pub mod import;
pub mod incremental;
pub mod init;
pub mod item;
pub mod links;
pub mod load;
pub mod markdown;
pub mod model;
pub mod outputs;
pub mod publish;
pub mod render;
pub mod report;
pub mod root;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod templates;
pub mod text;
pub mod theme;
pub mod write;

pub use error::{Diagnostic, Errors};
pub use site::{Summary, build, check};
