//! Everything the runner prints: verdicts, the verify and pack reports, the
//! progress bar.

pub mod document;
pub mod junit;
pub mod pack;
mod progress;
mod stderr;
pub mod verdict;
pub mod verify;
pub mod words;

pub use document::SCHEMA_VERSION;
pub use progress::Progress;
pub use stderr::announce;
pub use verdict::write_verdict;
