//! The unit every output stage makes and the write stage puts on disk.

/// A file of the output, its path relative to the output folder.
pub struct OutputFile {
    /// With `/` separators: `meetings/2025-01-14/index.html`.
    pub path: String,
    /// Its contents.
    pub bytes: Vec<u8>,
}
