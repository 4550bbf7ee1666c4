//! The `typed-ai-rustlings` runner: parse the command line, find where the
//! learner is, dispatch to the command, print an error chain once, and exit
//! with a documented code (`exit_code.rs`; a broken pipe counts as success).
//! Ctrl-C, SIGTERM and SIGHUP are handled from the start (`interrupt.rs`).

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use typed_ai_rustlings::Error;
use typed_ai_rustlings::cli::{ChallengeCommand, Cli, Command};
use typed_ai_rustlings::location::Cwd;
use typed_ai_rustlings::{challenge, commands, confine, exit_code, interrupt};

fn main() -> ExitCode {
    // `challenge check`'s confined re-exec of this program: an internal
    // command line, read before (and without) clap, so it appears in no
    // help and no completion.
    let args: Vec<OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|arg| arg == confine::SUBCOMMAND) {
        let error = match commands::confined::run(&args[2..]) {
            Ok(code) => return ExitCode::from(code),
            Err(error) => error,
        };
        print_error(&error);
        return ExitCode::from(error.exit_code());
    }
    // Before anything starts a process: a Ctrl-C from now on stops the
    // running check with its process group (without the handler, the
    // signal's default action still ends the runner, so a failure to install
    // it is not worth refusing to run for).
    let _ = interrupt::install();
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
    match dispatch(cli, color) {
        Ok(code) => ExitCode::from(code),
        Err(error) if error.is_broken_pipe() => ExitCode::SUCCESS,
        Err(error) => {
            print_error(&error);
            ExitCode::from(error.exit_code())
        }
    }
}

fn dispatch(cli: Cli, color: bool) -> Result<u8, Error> {
    let cwd = Cwd::current().map_err(|source| Error::Io {
        action: "read the current folder",
        path: PathBuf::from("."),
        source,
    })?;
    // Each report goes to stdout; watch draws on the terminal itself.
    let out = || io::stdout().lock();
    match cli.command {
        None => commands::watch::run(&cwd, false, color),
        Some(Command::Watch(args)) => commands::watch::run(&cwd, args.manual, color),
        Some(Command::Run { name }) => commands::run::run(&cwd, name.as_deref(), color, &mut out()),
        Some(Command::Verify(args)) if args.pack => {
            commands::verify_pack::run(&cwd, &args, &mut out())
        }
        Some(Command::Verify(args)) => commands::verify::run(&cwd, &args, &mut out()),
        Some(Command::Hint { name, all }) => {
            commands::hint::run(&cwd, name.as_deref(), all, &mut out())
        }
        Some(Command::List) => commands::list::run(&cwd, &mut out()),
        Some(Command::Reset { name, tests }) => {
            commands::reset::run(&cwd, &name, tests, &mut out())
        }
        Some(Command::Init(args)) => commands::init::run(
            &cwd,
            &args.dir,
            args.update,
            args.source.as_deref(),
            &mut out(),
        ),
        Some(Command::Completions { shell }) => commands::completions::run(shell, &mut out()),
        Some(Command::Challenge(command)) => match command {
            ChallengeCommand::List => challenge::command::list(&cwd, &mut out()),
            ChallengeCommand::New { slug } => challenge::command::new(&cwd, &slug, &mut out()),
            ChallengeCommand::Check(args) => challenge::command::check(&cwd, &args, &mut out()),
        },
    }
}

/// Prints the error and its causes, each once: a cause whose text the
/// message already includes is not repeated.
fn print_error(error: &Error) {
    let mut stderr = io::stderr().lock();
    let mut causes = typed_ai_rustlings::error::causes(error).into_iter();
    if let Some(first) = causes.next() {
        let _ = writeln!(stderr, "error: {first}");
    }
    for cause in causes {
        let _ = writeln!(stderr, "  caused by: {cause}");
    }
}
