//! The leaves every stage may use: errors and their codes, dates and moments, agenda item
//! numbers, slugs, the vocabulary of papers and meetings, the HTML policy, and the file
//! type every output is made of. Nothing here knows about any stage.

pub mod dates;
pub mod error;
pub mod html;
pub mod item;
pub mod json;
pub mod moment;
pub mod output;
pub mod text;
pub mod vocab;
