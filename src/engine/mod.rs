//! The build engine: toolchain, library, one compiler process per check, the
//! run under limits, the `must_not_compile` snippets checked beside it, and
//! the verdict cache.

mod cache;
mod captured;
mod check;
mod command_line;
mod diagnostic;
mod dirs;
mod execute;
mod library;
mod obligations;
mod outcome;
mod toolchain;

pub use cache::Cache;
pub use captured::{CapturedOutput, OUTPUT_CAP};
pub use check::{CopyCheck, Engine, Formatting, Needs, Role, failed_tests};
pub use command_line::CompileArgs;
pub use diagnostic::{
    Attribution, CompilerMessage, CompilerOutput, Level, Location, Origin, parse_compiler_output,
};
pub use dirs::BuildDirs;
pub use execute::{
    Aftermath, Execution, Exit, Limits, SeparateExecution, describe, execute, execute_separately,
    execute_with_memory_cap,
};
pub use library::Library;
pub use obligations::{ObligationResult, ObligationStatus};
pub use outcome::{Outcome, Verdict};
pub use toolchain::{COMPILER_TIMEOUT_VAR, CompilerLimits, MSRV, Toolchain};
