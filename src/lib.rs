//! # typed-ai-rustlings, the runner
//!
//! The binary (`main.rs`) is a thin shell over this library, so the watch
//! loop and the challenge checker reuse the same engine.
//!
//! | module | what it owns |
//! |---|---|
//! | [`cli`] | the command line (clap derive) and its small resolutions |
//! | [`commands`] | one module per subcommand, each `run` returning an exit code |
//! | [`links`] | whether a path, links followed, stays inside a course folder or a challenge |
//! | [`course`] | info.toml: the raw model, the resolved [`course::Course`], validation with file:line:col |
//! | [`engine`] | toolchain, library build, one compiler process per check, the run under limits, verdicts and their cache |
//! | [`error`] | [`Error`], one exit-code class per variant |
//! | [`exit_code`] | the documented exit codes |
//! | [`hash`] | content hashes for cache keys |
//! | [`hints`] | the hint under each compiler error: `hint_on` rule, built-in table, progressive hint |
//! | [`interrupt`] | Ctrl-C, SIGTERM and SIGHUP as a request to stop that every wait on a process honours |
//! | [`pack`] | `verify --pack`'s checks: expectations, solutions, tests blocks, stray files, the pedagogy lints ("solved by rustc", "spoiled") |
//! | [`parallel`] | checks on N worker threads, results in course order |
//! | [`report`] | the words for a verdict, verdicts, verify and pack reports (human, JSON, JUnit), the progress bar |
//! | [`text`] | normalising output for matching (ANSI, crate paths, whitespace); fitting it to a terminal |
//! | [`state`] | the learner's progress (`.typed-ai-rustlings/state.toml`): what a verdict does to it, atomic writes, locks, recovery |
//! | [`course_folder`] | the embedded course; `init`, `init --update`, `reset`, unlocked solutions |
//! | [`location`] | which course a command works on (walk up to info.toml; `learn/` in the repository), and where the learner is ([`location::Cwd`]) |
//! | [`open`] | opening that course: loaded, its progress store, the notes to show first |
//! | [`watch`] | watch mode: file events, the session's rules, the screen, the terminal |
//! | [`challenge`] | paper-to-rust challenges: `challenge.toml`, the named checks with mutants, `list`, `new` |
//! | [`confine`] | what a challenge check's untrusted code may touch, and holding its processes to it (Landlock) |

mod atomic_file;
pub mod challenge;
pub mod cli;
pub mod commands;
pub mod confine;
pub mod course;
pub mod course_folder;
pub mod engine;
pub mod error;
pub mod exit_code;
pub mod hash;
pub mod hints;
pub mod interrupt;
pub mod links;
pub mod location;
pub mod open;
pub mod pack;
pub mod parallel;
pub mod report;
pub mod state;
#[cfg(test)]
mod test_support;
pub mod text;
pub mod watch;

pub use error::Error;
