//! `completions SHELL`: print a completion script for the shell, generated
//! from the command line's own definition so it never drifts from it.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;
use crate::error::Error;
use crate::exit_code;

/// Prints the completion script for `shell` to `out`.
pub fn run(shell: Shell, out: &mut dyn Write) -> Result<u8, Error> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "typed-ai-rustlings", &mut script);
    out.write_all(&script)
        .map_err(|source| Error::Output { source })?;
    Ok(exit_code::SUCCESS)
}
