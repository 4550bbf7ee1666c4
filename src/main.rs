//! The `typed-ai-rustlings` runner: parse the command line, resolve it, run
//! the command, print an error chain once, and exit with a documented code.

use std::error::Error as _;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use typed_ai_rustlings::Error;
use typed_ai_rustlings::cli::{Cli, Command};
use typed_ai_rustlings::commands;
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
    let cwd = std::env::current_dir().map_err(|source| Error::Io {
        action: "find the current folder",
        path: ".".into(),
        source,
    })?;
    let mut out = io::stdout().lock();
    let mut notes = io::stderr();
    match cli.command {
        Some(Command::Hint { name, all }) => {
            commands::hint::run(&cwd, name.as_deref(), all, &mut out, &mut notes)
        }
        Some(Command::List) => commands::list::run(&cwd, &mut out, &mut notes),
        Some(Command::Reset { name }) => commands::reset::run(&cwd, &name, &mut out, &mut notes),
        Some(Command::Init(args)) => commands::init::run(
            &cwd,
            &args.dir,
            args.update,
            args.source.as_deref(),
            &mut out,
        ),
        Some(Command::Completions { shell }) => commands::completions::run(shell, &mut out),
        // `run`, `verify` and watch arrive with the engine.
        Some(Command::Run { .. } | Command::Verify(_)) | None => Ok(exit_code::SUCCESS),
    }
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
