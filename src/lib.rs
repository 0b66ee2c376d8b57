//! panelpress: a static site generator for the papers of public committees.
//!
//! The pipeline runs one way: [`load`] reads `content/`, [`model`] links and validates,
//! [`render`] turns the model into pages, [`write`] puts them on disk atomically.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let site = dir.path().join("panel");
//! panelpress::clerk::init::init(&site, false).unwrap();
//! let summary = panelpress::build(&site, None).unwrap();
//! assert_eq!((summary.meetings, summary.papers), (1, 1));
//! assert!(site.join("public/meetings/2025-01-14/index.html").is_file());
//! ```

pub mod base;
pub mod check;
pub mod clerk;
pub mod config;
pub mod load;
pub mod markdown;
pub mod model;
pub mod outputs;
pub mod pipeline;
pub mod render;
pub mod serve;
pub mod urls;
pub mod write;

pub use base::error::{Diagnostic, Errors};
pub use pipeline::{Summary, build, check};
