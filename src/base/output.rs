//! The unit every output stage makes and the write stage puts on disk.

/// A file of the output, its path relative to the output folder.
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}
