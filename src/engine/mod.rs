//! The build engine: toolchain, library, the text compiled for a check (the
//! learner's bytes with the course's tests spliced in), one compiler process
//! per check, the run under limits, reading the test harness, the
//! `must_not_compile` snippets checked beside it, and the verdict cache.

mod cache;
mod captured;
mod check;
mod command_line;
mod diagnostic;
mod dirs;
mod execute;
mod harness;
mod library;
mod obligations;
mod outcome;
mod source;
mod toolchain;

pub use cache::Cache;
pub use captured::{CapturedOutput, OUTPUT_CAP};
pub use check::{CopyCheck, Engine, Formatting, Needs, Role};
pub use command_line::{CompileArgs, Remap};
pub use diagnostic::{
    Attribution, CompilerMessage, CompilerOutput, Level, Location, Origin, parse_compiler_output,
};
pub use dirs::BuildDirs;
pub use execute::{
    Aftermath, Execution, Exit, Limits, SeparateExecution, describe, execute, execute_separately,
    execute_with_memory_cap,
};
pub use harness::{HarnessOutput, TestRun, TestStatus, failed_tests, read_harness};
pub use library::Library;
pub use obligations::{
    Claim, Finding, ObligationResult, ObligationStatus, Region, SnippetSource, describe_error,
    judge, snippet_source,
};
pub use outcome::{Outcome, Summary, Verdict};
pub use source::{DerivedSource, InsertedPart, PROGRAM_TEST, PartKind, TestsDiffer, content_hash};
pub use toolchain::{COMPILER_TIMEOUT_VAR, CompilerLimits, MSRV, Toolchain};
