//! The process exit codes, one per class of result. README documents them.

/// Everything asked for succeeded (for `run` and `verify`: every exercise passed).
pub const SUCCESS: u8 = 0;

/// The learner's work is not done yet: an exercise failed to compile, a test
/// failed, `main` returned an error or panicked, or it timed out.
pub const LEARNER_FAILURE: u8 = 1;

/// The command line or the course is wrong: a usage error, an unknown
/// exercise, an invalid info.toml, a library that does not build, or a pack
/// that fails its own `verify --pack`.
pub const USAGE_OR_COURSE: u8 = 2;

/// The environment is missing something: no or too old a compiler, a missing
/// rustup component, a file that cannot be read or written.
pub const ENVIRONMENT: u8 = 3;

/// The command was interrupted before it finished (Ctrl-C, SIGTERM or
/// SIGHUP, see `interrupt.rs`), as shells report a process ended by SIGINT.
pub const INTERRUPTED: u8 = 130;

/// The runner itself failed: one of its threads panicked. A bug in
/// typed-ai-rustlings, to be reported; 101 is also what a panicking Rust
/// program exits with.
pub const RUNNER_BUG: u8 = 101;
