//! Paper-to-Rust challenges: one claim from one paper, compiled into a
//! typed boundary, an invariant, a regression test and an example, with
//! mutants the regression test must kill.
//!
//! | file | what it owns |
//! |---|---|
//! | `raw.rs` | the `challenge.toml` schema as serde structs with spans |
//! | `manifest.rs` | loading and validating `challenge.toml` into a `Manifest` |
//! | `paper.rs` | whether an arXiv id, a URL and a year are well formed |
//! | `parts.rs` | the files a submission needs, before any compiler runs |
//! | `sandbox.rs` | the throwaway copy everything builds in; swapping mutants in |
//! | `cargo.rs` | cargo builds read from JSON, test binaries run under limits |
//! | `check.rs` | the named checks in order, each in the sandbox |
//! | `typed.rs` | the `typed` check: each `compile_fail/` file must be rejected as claimed |
//! | `outcome.rs` | what a check found: `CheckResult`, `ChallengeReport` |
//! | `report.rs` | the check report: human, JSON, JUnit |
//! | `record.rs` | each challenge's last result, for `list` |
//! | `list.rs` | `challenge list` |
//! | `scaffold.rs` | `challenge new`: every part, with TODOs |
//! | `locate.rs` | where the challenges and the library are |
//! | `command.rs` | the subcommands as `main` calls them, with exit codes |
//!
//! It reuses the engine's process execution (time limits, output caps,
//! process-group kill), starts every process through `confine`'s launcher
//! (confined unless `--no-confine`), and reads with the course's TOML
//! reader and problem locations; it does not touch a learner's progress.

mod cargo;
mod check;
pub mod command;
mod list;
mod locate;
mod manifest;
mod outcome;
mod paper;
mod parts;
mod raw;
mod record;
mod report;
mod sandbox;
mod scaffold;
mod typed;
