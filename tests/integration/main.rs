//! The runner's integration tests: the real binary on fixture packs copied
//! to temporary folders. One test binary, one module per feature.

mod exit_codes;
mod expected;
mod manifest;
mod pack;
mod run;
mod util;
mod verify;
