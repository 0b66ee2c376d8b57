//! The leaves every stage may use: errors and their codes, dates and moments, agenda item
//! numbers, slugs, the vocabulary of papers and meetings, the HTML policy, and the file
//! type every output is made of. Nothing here knows about any stage.

pub(crate) mod dates;
pub(crate) mod error;
pub(crate) mod html;
pub(crate) mod item;
pub(crate) mod json;
pub(crate) mod moment;
pub(crate) mod output;
pub(crate) mod text;
pub(crate) mod vocab;
