//! The three `challenge` subcommands as `main` calls them: find the
//! folders, prepare the toolchain, run, print, and return the exit code.
//!
//! Exit codes are `verify`'s: 0 every challenge passed; 1 some check
//! failed (with `--all`, a challenge whose challenge.toml is invalid is
//! one of them); 2 a usage error, or the one challenge named has a
//! challenge.toml or paper reference that is invalid (found before any
//! build); 3 the environment (no cargo, no clippy, no confinement without
//! `--no-confine`).
//!
//! `-j N` checks N challenges at once, each in a build slot of its own: a
//! cargo target folder with a lock file, held for the whole command, so
//! two checks (in this process or another) never build in the same folder
//! at once and never run each other's binaries; a second command waits
//! for the slots it needs. Each slot builds the library once.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use fs4::{FileExt, TryLockError};

use super::check::{Checker, Options};
use super::list::{challenge_folders, write_list};
use super::locate::{self, CHALLENGES_DIR};
use super::outcome::ChallengeReport;
use super::record::{RecordStore, Records};
use super::report::{write_human, write_json, write_junit};
use super::scaffold;
use crate::cli::{ChallengeCheckArgs, Format};
use crate::confine::{self, Launcher, Places, base_policy};
use crate::engine::{BuildDirs, CompilerLimits, Toolchain};
use crate::error::Error;
use crate::exit_code;
use crate::location::Cwd;
use crate::parallel::map_in_order;
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
    let launcher = if args.no_confine {
        announce(
            "Not confined (--no-confine): the submissions' builds and tests run with your rights.",
        );
        Launcher::direct()
    } else {
        confined_launcher(&toolchain, &library)?
    };
    let builds = dirs.base().join(CHALLENGE_BUILDS);
    BuildDirs::create(&builds)?;
    let jobs = args
        .jobs
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, folders.len().max(1));
    let slots = Slots::lock(&builds, jobs)?;
    let checker = Checker {
        cargo: toolchain.cargo().to_path_buf(),
        rustc: toolchain.rustc().to_path_buf(),
        library,
        cwd: cwd.clone(),
        launcher,
        timeout: args.timeout.map(Duration::from_secs),
    };
    let options = Options {
        only_mutant: args.mutant.clone(),
        only_typed: args.typed,
    };
    let store = records(&dirs);
    let order = longest_first(&folders, &store.read());
    let scheduled: Vec<(usize, &PathBuf)> = order.iter().map(|&i| (i, &folders[i])).collect();
    let results = map_in_order(
        &scheduled,
        jobs,
        |(index, dir)| {
            announce(&format!(
                "Checking {} ({}/{})...",
                cwd.show(dir).display(),
                index + 1,
                folders.len()
            ));
            let target = slots.take()?;
            let report = checker.check(dir, &options, &target);
            slots.give_back(target);
            report
        },
        |_| {},
    );
    // Back in the folders' order.
    let mut in_order: Vec<Option<ChallengeReport>> = folders.iter().map(|_| None).collect();
    for (&index, result) in order.iter().zip(results) {
        in_order[index] = Some(result?);
    }
    let reports: Vec<ChallengeReport> = in_order.into_iter().flatten().collect();
    if options.is_full() {
        let checked: Vec<(&Path, bool, Duration)> = folders
            .iter()
            .zip(&reports)
            .map(|(dir, report)| (dir.as_path(), report.passed(), report.duration))
            .collect();
        // Losing the records only makes `list` say "not checked".
        let _ = store.save(&checked);
    }
    let written = match args.format {
        Format::Human => write_human(out, &reports),
        Format::Json => write_json(out, &reports),
        Format::Junit => write_junit(out, &reports),
    };
    written
        .and_then(|()| out.flush())
        .map_err(|source| Error::Output { source })?;
    Ok(exit_code_of(&reports, args.all))
}

/// The positions of `folders` in the order to start them: the longest
/// last check first, and those never checked before them all (longest
/// processing time first: the last check to finish is then a short one,
/// so `-j N` ends with N checks running, not one). Ties keep the folders'
/// order.
fn longest_first(folders: &[PathBuf], records: &Records) -> Vec<usize> {
    let mut order: Vec<usize> = (0..folders.len()).collect();
    order.sort_by_key(|&index| {
        std::cmp::Reverse(
            records
                .last_duration(&folders[index])
                .unwrap_or(Duration::MAX),
        )
    });
    order
}

/// 0 when every challenge passed; 2 when the one challenge named has an
/// invalid challenge.toml or paper reference (the command's input is
/// wrong, as with an invalid info.toml); else 1, also in `--all`, where
/// an invalid manifest is one failing challenge among others.
fn exit_code_of(reports: &[ChallengeReport], all: bool) -> u8 {
    if reports.iter().all(ChallengeReport::passed) {
        exit_code::SUCCESS
    } else if !all && reports.iter().any(ChallengeReport::manifest_failed) {
        exit_code::USAGE_OR_COURSE
    } else {
        exit_code::LEARNER_FAILURE
    }
}

/// The launcher that confines every process of the checks, or why this
/// system cannot confine them.
fn confined_launcher(toolchain: &Toolchain, library: &Path) -> Result<Launcher, Error> {
    confine::support().map_err(|reason| Error::Unconfinable { reason })?;
    let runner = std::env::current_exe().map_err(|source| Error::Io {
        action: "find the running program (to confine the checks through it)",
        path: PathBuf::from("typed-ai-rustlings"),
        source,
    })?;
    let mut own = vec![sysroot(toolchain.rustc())];
    for tool in [toolchain.cargo(), toolchain.rustc()] {
        if tool.is_absolute() {
            own.push(tool.parent().map(Path::to_path_buf));
        }
    }
    let places = Places::from_env(own.into_iter().flatten().collect(), library.to_path_buf());
    Ok(Launcher::confined(
        runner,
        base_policy(&places, Path::new("/")),
    ))
}

/// rustc's sysroot (`rustc --print sysroot`), when it says.
fn sysroot(rustc: &Path) -> Option<PathBuf> {
    let output = std::process::Command::new(rustc)
        .args(["--print", "sysroot"])
        .stdin(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|output| output.status.success())?;
    let path = PathBuf::from(String::from_utf8(output.stdout).ok()?.trim());
    path.is_absolute().then_some(path)
}

/// The build slots of one command: target folders, each locked for the
/// command's whole run, handed to one check at a time.
struct Slots {
    free: Mutex<Vec<PathBuf>>,
    _locks: Vec<File>,
}

impl Slots {
    /// Locks slots 1 to `count` under `builds`, waiting for any that
    /// another command holds (in order, so two commands never wait on
    /// each other).
    fn lock(builds: &Path, count: usize) -> Result<Slots, Error> {
        let mut targets = Vec::with_capacity(count);
        let mut locks = Vec::with_capacity(count);
        for number in 1..=count {
            let slot = builds.join(format!("slot-{number}"));
            // Made here: cargo would make it by renaming a folder into
            // `slot`, which a confined check may not write.
            let target = slot.join("target");
            BuildDirs::create(&target)?;
            locks.push(lock(&slot.join("check.lock"))?);
            targets.push(target);
        }
        // Taken from the end: the first check gets slot 1.
        targets.reverse();
        Ok(Slots {
            free: Mutex::new(targets),
            _locks: locks,
        })
    }

    /// A free slot's target folder. There are as many slots as workers.
    fn take(&self) -> Result<PathBuf, Error> {
        self.free
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop()
            .ok_or_else(|| Error::RunnerBug {
                what: "the challenge build slots (more checks at once than slots)".to_owned(),
            })
    }

    fn give_back(&self, target: PathBuf) {
        self.free
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(target);
    }
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
        let folders: Vec<PathBuf> = challenge_folders(&challenges)
            .into_iter()
            .enumerate()
            .filter(|(position, _)| {
                args.partition
                    .is_none_or(|partition| partition.contains(*position))
            })
            .map(|(_, folder)| folder)
            .collect();
        if folders.is_empty() && args.partition.is_some() {
            return Ok(folders);
        }
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
            announce(&format!(
                "Waiting for another `challenge check` to finish (it holds the build folder {})...",
                path.parent().unwrap_or(path).display()
            ));
            FileExt::lock(&file).map_err(lock_error)?;
        }
        Err(TryLockError::Error(source)) => return Err(lock_error(source)),
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::challenge::outcome::{CheckKind, CheckResult, Status};

    #[test]
    fn the_longest_checks_start_first_and_unknown_ones_before_them() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let folders: Vec<PathBuf> = ["a", "b", "c", "d"]
            .iter()
            .map(|name| {
                let folder = dir.path().join(name);
                fs::create_dir_all(&folder).expect("a challenge folder");
                folder
            })
            .collect();
        let store = RecordStore::at(dir.path().join("last-checks.json"));
        let secs = Duration::from_secs;
        store
            .save(&[
                (&folders[0], true, secs(2)),
                (&folders[1], true, secs(9)),
                (&folders[3], true, secs(2)),
            ])
            .expect("save");
        // c was never checked; a and d tie and keep their order.
        assert_eq!(longest_first(&folders, &store.read()), [2, 1, 0, 3]);
    }

    fn report(kind: CheckKind, status: Status) -> ChallengeReport {
        ChallengeReport {
            slug: "demo".to_owned(),
            path: PathBuf::from("demo"),
            title: None,
            paper: None,
            checks: vec![CheckResult {
                kind,
                status,
                summary: String::new(),
                details: Vec::new(),
                next: None,
                duration: Duration::ZERO,
            }],
            duration: Duration::ZERO,
        }
    }

    #[test]
    fn one_code_per_kind_of_problem() {
        let passed = report(CheckKind::Manifest, Status::Passed);
        let manifest = report(CheckKind::Manifest, Status::Failed);
        let paper = report(CheckKind::Paper, Status::Failed);
        let tests = report(CheckKind::Tests, Status::Failed);
        assert_eq!(exit_code_of(std::slice::from_ref(&passed), false), 0);
        assert_eq!(exit_code_of(std::slice::from_ref(&manifest), false), 2);
        assert_eq!(exit_code_of(std::slice::from_ref(&paper), false), 2);
        assert_eq!(exit_code_of(std::slice::from_ref(&tests), false), 1);
        assert_eq!(
            exit_code_of(&[passed, manifest, paper, tests], true),
            1,
            "in --all an invalid manifest is one failing challenge"
        );
    }
}
