//! The `typed-ai-rustlings` runner: parse the command line, find the course,
//! dispatch to the command, print an error chain once, and exit with a
//! documented code (`exit_code.rs`; a broken pipe counts as success).

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use typed_ai_rustlings::Error;
use typed_ai_rustlings::challenge;
use typed_ai_rustlings::cli::{ChallengeCommand, Cli, Command};
use typed_ai_rustlings::commands;
use typed_ai_rustlings::commands::learner::{
    learner_course, learner_course_with_notes, source_course,
};
use typed_ai_rustlings::exit_code;
use typed_ai_rustlings::watch::{self, WatchOptions};

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
    let cwd = std::env::current_dir().map_err(|source| Error::Io {
        action: "read the current folder",
        path: PathBuf::from("."),
        source,
    })?;
    let mut out = io::stdout().lock();
    match cli.command {
        None => watch(&cwd, false, color),
        Some(Command::Watch(args)) => watch(&cwd, args.manual, color),
        Some(Command::Run { name }) => {
            commands::run::run(&learner_course(&cwd)?, name.as_deref(), color)
        }
        Some(Command::Verify(args)) if args.pack => {
            commands::verify_pack::verify_pack(&source_course(&cwd)?, &args)
        }
        Some(Command::Verify(args)) => commands::verify::verify(&learner_course(&cwd)?, &args),
        Some(Command::Hint { name, all }) => {
            commands::hint::run(&learner_course(&cwd)?, &cwd, name.as_deref(), all, &mut out)
        }
        Some(Command::List) => commands::list::run(&learner_course(&cwd)?, &cwd, &mut out),
        Some(Command::Reset { name }) => {
            commands::reset::run(&learner_course(&cwd)?, &cwd, &name, &mut out)
        }
        Some(Command::Init(args)) => commands::init::run(
            &cwd,
            &args.dir,
            args.update,
            args.source.as_deref(),
            &mut out,
        ),
        Some(Command::Completions { shell }) => commands::completions::run(shell, &mut out),
        Some(Command::Challenge(command)) => match command {
            ChallengeCommand::List => challenge::command::list(&cwd, &mut out),
            ChallengeCommand::New { slug } => challenge::command::new(&cwd, &slug, &mut out),
            ChallengeCommand::Check(args) => challenge::command::check(&cwd, &args, &mut out),
        },
    }
}

/// Watch mode on the learner's course; it refuses without a terminal
/// before creating anything.
fn watch(cwd: &std::path::Path, manual: bool, color: bool) -> Result<u8, Error> {
    watch::require_terminal()?;
    let (course, notes) = learner_course_with_notes(cwd)?;
    for note in &notes {
        commands::announce(note);
    }
    watch::watch(
        &course,
        WatchOptions {
            manual,
            color,
            cwd: cwd.to_path_buf(),
            notes,
        },
    )
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
