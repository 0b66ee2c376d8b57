//! panelpress: a static site generator for the papers of public committees.
//!
//! The pipeline runs one way: [`load`] reads `content/`, [`model`] links and validates,
//! [`render`] turns the model into pages, [`write`] puts them on disk atomically.

pub mod config;
pub mod dates;
pub mod error;
pub mod init;
pub mod load;
pub mod markdown;
pub mod model;
pub mod render;
pub mod site;
pub mod templates;
pub mod text;
pub mod theme;
pub mod write;

pub use error::{Diagnostic, Errors};
pub use site::{Summary, build, check};
