//! Confinement: what the untrusted code of a challenge check may touch, and
//! how its processes are held to it.
//!
//! | file | what it owns |
//! |---|---|
//! | `policy.rs` | the [`Policy`]: the files and folders a confined process may read, and those it may write |
//! | `kernel.rs` | the kernel's side: whether this system can confine, and restricting a process (Landlock on Linux) |
//! | `launcher.rs` | the [`Launcher`]: a check's processes started directly, or through the runner's hidden `__confined` command |
//! | `denial.rs` | finding what the confinement refused in a process's output, for the report |
//!
//! A check's processes (cargo, build scripts, proc macros, rustc, the
//! tests, the example, the mutants) start as `typed-ai-rustlings
//! __confined --read … --write … -- PROGRAM ARGS`: that small process
//! restricts itself, then becomes PROGRAM, so everything PROGRAM starts
//! inherits the restriction. No `unsafe` is needed anywhere. The learner's
//! own exercise runs are not confined (see the guide for why).

mod denial;
mod kernel;
mod launcher;
mod policy;

pub use denial::{Denials, denied_lines};
pub use kernel::{restrict, support};
pub use launcher::{Launcher, SUBCOMMAND};
pub use policy::{Places, Policy, base_policy, readable_roots};
