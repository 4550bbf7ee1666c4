//! The runner's integration tests: the real binary on fixture packs copied
//! to temporary folders. One test binary, one module per feature.

mod challenge;
mod confine;
mod course;
mod course_folder;
mod exit_codes;
mod expected;
mod finish;
mod manifest;
mod obligations;
mod pack;
mod progress;
mod pty;
mod regression;
mod run;
mod util;
mod verify;
mod watch;
