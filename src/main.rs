//! The `typed-ai-rustlings` runner: parse the command line, resolve it, run
//! the command, print an error chain once, and exit with a documented code.

use std::error::Error as _;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use typed_ai_rustlings::Error;
use typed_ai_rustlings::cli::Cli;
use typed_ai_rustlings::exit_code;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // `--help` and `--version` arrive here too, with exit code 0.
            let _ = error.print();
            return ExitCode::from(
                u8::try_from(error.exit_code()).unwrap_or(exit_code::USAGE_OR_COURSE),
            );
        }
    };
    let color = cli.color.enabled(
        std::env::var_os("NO_COLOR").as_deref(),
        io::stdout().is_terminal(),
    );
    colored::control::set_override(color);
    match dispatch(cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) if error.is_broken_pipe() => ExitCode::SUCCESS,
        Err(error) => {
            print_error(&error);
            ExitCode::from(error.exit_code())
        }
    }
}

fn dispatch(cli: Cli) -> Result<u8, Error> {
    let _ = cli;
    Ok(exit_code::SUCCESS)
}

/// Prints the error and its causes, each once.
fn print_error(error: &Error) {
    let mut stderr = io::stderr().lock();
    let _ = writeln!(stderr, "error: {error}");
    let mut source = error.source();
    while let Some(cause) = source {
        let _ = writeln!(stderr, "  caused by: {cause}");
        source = cause.source();
    }
}
