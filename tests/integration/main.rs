//! The runner's integration tests: the real binary on fixture packs copied
//! to temporary folders. One test binary, one module per feature.

mod challenge;
mod confine;
mod course;
mod course_folder;
mod exit_codes;
mod expected;
mod finish;
mod install;
mod manifest;
mod marker;
mod obligations;
mod pack;
mod pass;
mod processes;
mod progress;
mod pty;
mod regression;
mod run;
mod third_party;
mod util;
mod verify;
mod watch;
