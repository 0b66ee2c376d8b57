//! Check: the problems found once the model is built, as diagnostics with file and line:
//! links and anchors between texts, and agenda and minutes consistency.

pub(crate) mod agenda;
pub(crate) mod links;
