//! Everything the runner prints: verdicts, the verify and pack reports, the
//! progress bar.

pub mod document;
pub mod pack;
mod progress;
pub mod verdict;
pub mod verify;

pub use document::SCHEMA_VERSION;
pub use progress::Progress;
pub use verdict::{describe_exit, write_verdict};
