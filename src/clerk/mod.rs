//! The clerks' tools at the edge: `init` (a new site), `new` (a meeting or paper from a
//! template) and `import` (agenda packs, Word and PDF documents). They write content;
//! the build never calls them.

pub mod import;
pub mod init;
pub mod locate;
pub mod new;
