//! The three `challenge` subcommands as `main` calls them: find the
//! folders, prepare the toolchain, run, print, and return the exit code.
//!
//! Exit codes are `verify`'s: 0 every challenge passed; 1 some check failed;
//! 2 a usage error or a challenge.toml that cannot be read or is invalid;
//! 3 the environment (no cargo, no clippy). Checks share one cargo target
//! folder and hold a lock on it while they build and run, so two `check`s
//! at once (two terminals, parallel tests) never run each other's binaries.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use fs4::{FileExt, TryLockError};

use super::cargo::Cargo;
use super::check::{Checker, Options};
use super::list::{challenge_folders, write_list};
use super::locate::{self, CHALLENGES_DIR};
use super::outcome::ChallengeReport;
use super::record::RecordStore;
use super::report::{write_human, write_json, write_junit};
use super::scaffold;
use crate::cli::{ChallengeCheckArgs, Format};
use crate::engine::{BuildDirs, CompilerLimits, Toolchain};
use crate::error::Error;
use crate::exit_code;
use crate::location::Cwd;
use crate::report::announce;

/// The runner's folder for challenge builds, under its base folder.
const CHALLENGE_BUILDS: &str = "challenges";

/// `challenge list`.
pub fn list(cwd: &Cwd, out: &mut dyn Write) -> Result<u8, Error> {
    let Some(challenges) = locate::challenges_dir(cwd.path()) else {
        return Err(Error::Usage {
            message: format!(
                "no {CHALLENGES_DIR}/ folder in {} or above it; `typed-ai-rustlings challenge new NAME` starts one",
                cwd.path().display()
            ),
        });
    };
    let dirs = BuildDirs::for_course(&locate::base_dir(cwd.path()))?;
    let store = records(&dirs);
    write_list(out, &challenges, &cwd.show(&challenges), &store)
        .and_then(|()| out.flush())
        .map_err(|source| Error::Output { source })?;
    Ok(exit_code::SUCCESS)
}

/// `challenge new SLUG`.
pub fn new(cwd: &Cwd, slug: &str, out: &mut dyn Write) -> Result<u8, Error> {
    let challenges = locate::new_challenges_dir(cwd.path());
    // The library is only needed for the Cargo.toml path; without a course
    // the scaffold uses the repository's layout.
    let library = locate::library(cwd.path(), None).ok();
    let dir = scaffold::write(&challenges, slug, library.as_deref())?;
    let path = cwd.show(&dir);
    writeln!(
        out,
        "Wrote a new challenge in {path}/:\n\
         \n  challenge.toml    the paper, the claim, the boundary, the ledger, the mutants\
         \n  README.md         the claim, why this boundary, what it leaves out, a share card\
         \n  src/claim.rs      the paper's idea, implemented on typed_ai's nouns\
         \n  tests/claim.rs    the regression test, with the paper's worked numbers\
         \n  examples/worked_example.rs   prints every ledger signal\
         \n  mutants/plausible_mistake.rs a copy of src/claim.rs with one plausible mistake\
         \n  compile_fail/misuse.rs       a misuse the boundary must reject at compile time\
         \n\nEvery TODO is yours to fill in. Then run\
         \n\n  typed-ai-rustlings challenge check {path}\
         \n\nand it will say, one step at a time, what is left.",
        path = path.display()
    )
    .and_then(|()| out.flush())
    .map_err(|source| Error::Output { source })?;
    Ok(exit_code::SUCCESS)
}

/// `challenge check PATH | --all`.
pub fn check(cwd: &Cwd, args: &ChallengeCheckArgs, out: &mut dyn Write) -> Result<u8, Error> {
    let folders = folders_to_check(cwd, args)?;
    let library = locate::library(cwd.path(), args.library.as_deref())?;
    let base = locate::base_dir(cwd.path());
    let dirs = BuildDirs::for_course(&base)?;
    let toolchain = Toolchain::detect(&dirs, &base, &CompilerLimits::from_env()?)?;
    // `cargo clippy` needs clippy; say so before any build starts.
    toolchain.clippy_driver()?;
    let builds = dirs.base().join(CHALLENGE_BUILDS);
    BuildDirs::create(&builds)?;
    let _lock = lock(&builds.join("check.lock"))?;
    let checker = Checker {
        cargo: Cargo::new(toolchain.cargo(), toolchain.rustc(), &builds.join("target")),
        rustc: toolchain.rustc().to_path_buf(),
        library,
        cwd: cwd.clone(),
    };
    let options = Options {
        only_mutant: args.mutant.clone(),
        only_typed: args.typed,
    };
    let store = records(&dirs);
    let mut reports: Vec<ChallengeReport> = Vec::new();
    for (index, dir) in folders.iter().enumerate() {
        announce(&format!(
            "Checking {} ({}/{})...",
            cwd.show(dir).display(),
            index + 1,
            folders.len()
        ));
        let report = checker.check(dir, &options)?;
        if options.is_full() {
            // Losing a status only makes `list` say "not checked".
            let _ = store.save(dir, report.passed());
        }
        reports.push(report);
    }
    let written = match args.format {
        Format::Human => write_human(out, &reports),
        Format::Json => write_json(out, &reports),
        Format::Junit => write_junit(out, &reports),
    };
    written
        .and_then(|()| out.flush())
        .map_err(|source| Error::Output { source })?;
    Ok(if reports.iter().any(ChallengeReport::manifest_failed) {
        exit_code::USAGE_OR_COURSE
    } else if reports.iter().all(ChallengeReport::passed) {
        exit_code::SUCCESS
    } else {
        exit_code::LEARNER_FAILURE
    })
}

/// The challenge folders `args` names, absolute.
fn folders_to_check(cwd: &Cwd, args: &ChallengeCheckArgs) -> Result<Vec<PathBuf>, Error> {
    if args.all {
        let Some(challenges) = locate::challenges_dir(cwd.path()) else {
            return Err(Error::Usage {
                message: format!(
                    "--all: no {CHALLENGES_DIR}/ folder in {} or above it",
                    cwd.path().display()
                ),
            });
        };
        let folders = challenge_folders(&challenges);
        if folders.is_empty() {
            return Err(Error::Usage {
                message: format!(
                    "--all: no challenge in {} (a challenge is a folder with a challenge.toml)",
                    cwd.show(&challenges).display()
                ),
            });
        }
        return Ok(folders);
    }
    let Some(path) = &args.path else {
        return Err(Error::Usage {
            message: "name a challenge folder, or pass --all".to_owned(),
        });
    };
    let mut dir = cwd.path().join(path);
    if dir.file_name().is_some_and(|name| name == "challenge.toml") && dir.is_file() {
        dir.pop();
    }
    if !dir.is_dir() {
        return Err(Error::Usage {
            message: format!(
                "{} is not a folder: name a challenge's folder",
                dir.display()
            ),
        });
    }
    let dir = dir.canonicalize().map_err(|source| Error::Io {
        action: "open the challenge folder",
        path: dir.clone(),
        source,
    })?;
    Ok(vec![dir])
}

fn records(dirs: &BuildDirs) -> RecordStore {
    RecordStore::at(dirs.base().join(CHALLENGE_BUILDS).join("last-checks.json"))
}

/// An exclusive lock on `path`, waited for; released when dropped.
fn lock(path: &Path) -> Result<File, Error> {
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|source| Error::Io {
            action: "open the challenge build lock",
            path: path.to_path_buf(),
            source,
        })?;
    let lock_error = |source| Error::Io {
        action: "lock",
        path: path.to_path_buf(),
        source,
    };
    // Called through the trait: `File::try_lock` and `File::lock` are std's
    // only from Rust 1.89, newer than this crate's MSRV.
    match FileExt::try_lock(&file) {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            announce(
                "Waiting for another `challenge check` to finish (they share one build folder)...",
            );
            FileExt::lock(&file).map_err(lock_error)?;
        }
        Err(TryLockError::Error(source)) => return Err(lock_error(source)),
    }
    Ok(file)
}
