//! What the runner prints for learners: the words for a verdict, verdicts,
//! the `verify` report, the progress bar, and what the machine-readable
//! reports share (JSON, JUnit). `verify --pack` and `challenge check` keep
//! their own reports beside their checks (`pack/report.rs`,
//! `challenge/report.rs`) and write them through `document.rs` and
//! `junit.rs`.

pub mod document;
pub mod junit;
mod progress;
mod stderr;
pub mod verdict;
pub mod verify;
pub mod words;

pub use document::SCHEMA_VERSION;
pub use progress::Progress;
pub use stderr::announce;
pub use verdict::write_verdict;
