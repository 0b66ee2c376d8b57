//! panelpress: a static site generator for the papers of public committees.
//!
//! The pipeline runs one way: [`load`] reads `content/`, [`model`] links and validates,
//! [`render`] turns the model into pages, [`write`] puts them on disk atomically.

pub mod config;
pub mod dates;
pub mod error;
pub mod load;
pub mod markdown;
pub mod model;
pub mod text;
