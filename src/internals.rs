//! Not an API: the parts of the pipeline that the tests, the benchmarks and the examples
//! reach into, to fuzz one stage or time it alone. Anything here may change at any time;
//! a program using panelpress calls the functions at the crate root.

pub use crate::base::output::OutputFile;
pub use crate::base::vocab::{InterestKind, VoteResult};
pub use crate::config::Config;
pub use crate::load::limits::{MAX_FRONT_MATTER_BYTES, MAX_FRONT_MATTER_DEPTH};
pub use crate::load::theme::Theme;
pub use crate::load::{Limits, load_content};
pub use crate::markdown::{Document, Scope, html_removed, inline, render as render_markdown, scan};
pub use crate::model::people::{Presence, VoteSide};
pub use crate::model::{Site, build as build_model};
pub use crate::outputs::search::{MAX_TERM_BYTES, index as search_index, words as search_words};
pub use crate::pipeline::render_all;
pub use crate::render::render_site;
pub use crate::render::templates::Templates;
pub use crate::write::write_site;
