//! The Rust toolchain the runner drives: which `rustc`, `clippy-driver`,
//! `rustfmt` and `cargo`, and whether they are recent enough.
//!
//! Owns finding the binaries (`$RUSTC`, `$CARGO`, `$RUSTFMT`, else next to
//! rustc, else `PATH`), probing their versions once, and caching the probe
//! keyed by each binary's path, size and modification time (plus rustup's
//! settings and toolchain folder, and any `rust-toolchain` file above the
//! course, since a rustup proxy does not change when the toolchain behind it
//! does). A fresh `run` therefore spawns no `rustc -vV`. It also owns the
//! compiler's time limits ([`CompilerLimits`]): a probe or a compile that
//! hangs is stopped and reported as the environment's problem. It does not
//! compile anything.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::dirs::BuildDirs;
use super::execute::{Exit, Limits, execute_separately};
use crate::atomic_file;
use crate::error::Error;
use crate::hash::KeyHasher;

/// The environment variable that sets the compiler's time limit, in seconds
/// (a decimal number): how long one exercise's compile, and one version
/// probe, may take before the compiler is stopped (exit 3).
pub const COMPILER_TIMEOUT_VAR: &str = "TYPED_AI_RUSTLINGS_COMPILER_TIMEOUT";

/// How long one compile may take by default. Generous: an exercise compiles
/// in well under a second, so only a machine far too busy or a hung
/// compiler reaches it.
const DEFAULT_COMPILE_TIMEOUT: Duration = Duration::from_secs(300);

/// How long `rustc -vV` (and the clippy and rustfmt probes) may take by
/// default: a rustup proxy answers in milliseconds, a hung one never.
const DEFAULT_PROBE_TIMEOUT: Duration = Duration::from_secs(60);

/// How much a version probe may print: a version is one line or a few.
const PROBE_OUTPUT_CAP: usize = 64 * 1024;

/// The compiler's time limits, from [`COMPILER_TIMEOUT_VAR`] or the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompilerLimits {
    /// One exercise's compile.
    pub compile: Duration,
    /// One version probe.
    pub probe: Duration,
}

impl CompilerLimits {
    /// The limits the environment asks for: [`COMPILER_TIMEOUT_VAR`] sets
    /// both; unset or empty, the defaults. A value that is not a positive
    /// number of seconds is a usage error (exit 2).
    pub fn from_env() -> Result<Self, Error> {
        Self::parse(std::env::var_os(COMPILER_TIMEOUT_VAR).as_deref())
    }

    fn parse(value: Option<&std::ffi::OsStr>) -> Result<Self, Error> {
        let Some(value) = value.filter(|value| !value.is_empty()) else {
            return Ok(Self {
                compile: DEFAULT_COMPILE_TIMEOUT,
                probe: DEFAULT_PROBE_TIMEOUT,
            });
        };
        let text = value.to_string_lossy();
        let limit = text
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|seconds| seconds.is_finite() && *seconds > 0.0)
            .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok())
            .ok_or_else(|| Error::Usage {
                message: format!(
                    "{COMPILER_TIMEOUT_VAR}={text:?} is not a number of seconds greater than 0 \
                     (unset it for the default, {} per compile)",
                    seconds(DEFAULT_COMPILE_TIMEOUT)
                ),
            })?;
        Ok(Self {
            compile: limit,
            probe: limit,
        })
    }
}

/// `300 s`, `0.5 s`: a limit as the messages show it.
pub(crate) fn seconds(duration: Duration) -> String {
    format!("{} s", duration.as_secs_f64())
}

/// The oldest rustc the course supports (the workspace's `rust-version`).
pub const MSRV: (u64, u64) = (1, 88);

/// How to get a toolchain, for error messages.
const INSTALL_RUST: &str =
    "Install Rust with rustup (see the README), then run `rustup default stable`.";

/// The probed toolchain.
#[derive(Debug, Clone)]
pub struct Toolchain {
    rustc: PathBuf,
    cargo: PathBuf,
    clippy_driver: PathBuf,
    rustfmt: PathBuf,
    probe: Probe,
}

/// What probing found; cached as JSON.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Probe {
    fingerprint: String,
    /// `rustc -vV`, verbatim: part of every verdict's cache key.
    rustc_verbose: String,
    /// `clippy-driver -V`, or why it failed.
    clippy: Result<String, String>,
    /// `rustfmt --version`, or why it failed.
    rustfmt: Result<String, String>,
}

impl Toolchain {
    /// Finds the toolchain and checks that rustc is at least [`MSRV`], probing
    /// only when the binaries changed since the cached probe, each probe
    /// within `limits.probe`.
    pub fn detect(
        dirs: &BuildDirs,
        course_root: &Path,
        limits: &CompilerLimits,
    ) -> Result<Self, Error> {
        let rustc = from_env("RUSTC")
            .or_else(|| find_on_path("rustc"))
            .ok_or_else(|| Error::Toolchain {
                problem: "rustc was not found on PATH (nor in $RUSTC)".to_owned(),
                install: INSTALL_RUST.to_owned(),
            })?;
        let beside_rustc = |name: &str| {
            let candidate = rustc.with_file_name(format!("{name}{}", std::env::consts::EXE_SUFFIX));
            candidate.is_file().then_some(candidate)
        };
        let cargo = from_env("CARGO")
            .or_else(|| beside_rustc("cargo"))
            .or_else(|| find_on_path("cargo"))
            .unwrap_or_else(|| PathBuf::from("cargo"));
        let clippy_driver = beside_rustc("clippy-driver")
            .or_else(|| find_on_path("clippy-driver"))
            .unwrap_or_else(|| PathBuf::from("clippy-driver"));
        let rustfmt = from_env("RUSTFMT")
            .or_else(|| beside_rustc("rustfmt"))
            .or_else(|| find_on_path("rustfmt"))
            .unwrap_or_else(|| PathBuf::from("rustfmt"));

        let fingerprint = fingerprint(&[&rustc, &clippy_driver, &rustfmt], course_root);
        let cache = dirs.toolchain_cache(&fingerprint);
        let cached = fs::read(&cache)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Probe>(&bytes).ok())
            .filter(|probe| probe.fingerprint == fingerprint);
        let probe = match cached {
            Some(probe) => probe,
            None => {
                let probe = probe(&rustc, &clippy_driver, &rustfmt, fingerprint, limits.probe)?;
                let json = serde_json::to_vec(&probe).unwrap_or_default();
                // A cache that cannot be written only costs the next run a probe.
                let _ = atomic_file::write_rebuildable(&cache, &json);
                probe
            }
        };
        check_version(&probe.rustc_verbose)?;
        Ok(Self {
            rustc,
            cargo,
            clippy_driver,
            rustfmt,
            probe,
        })
    }

    /// The rustc binary.
    pub fn rustc(&self) -> &Path {
        &self.rustc
    }

    /// The cargo binary (it builds the course library and the paper-to-rust
    /// challenges; exercises are compiled by rustc directly).
    pub fn cargo(&self) -> &Path {
        &self.cargo
    }

    /// `rustc -vV`, the compiler's identity in cache keys.
    pub fn compiler_identity(&self) -> &str {
        &self.probe.rustc_verbose
    }

    /// The clippy-driver binary, or exit 3 saying how to install it.
    pub fn clippy_driver(&self) -> Result<&Path, Error> {
        match &self.probe.clippy {
            Ok(_) => Ok(&self.clippy_driver),
            Err(why) => Err(Error::Toolchain {
                problem: format!("clippy-driver is needed but not usable: {why}"),
                install: "Install it with `rustup component add clippy`.".to_owned(),
            }),
        }
    }

    /// The rustfmt binary, or exit 3 saying how to install it.
    pub fn rustfmt(&self) -> Result<&Path, Error> {
        match &self.probe.rustfmt {
            Ok(_) => Ok(&self.rustfmt),
            Err(why) => Err(Error::Toolchain {
                problem: format!("rustfmt is needed but not usable: {why}"),
                install: "Install it with `rustup component add rustfmt`.".to_owned(),
            }),
        }
    }

    /// `rustfmt --version` (part of the formatting cache key).
    pub fn rustfmt_identity(&self) -> &str {
        self.probe.rustfmt.as_deref().unwrap_or_default()
    }

    /// `clippy-driver -V` (part of the lint cache key).
    pub fn clippy_identity(&self) -> &str {
        self.probe.clippy.as_deref().unwrap_or_default()
    }
}

fn from_env(name: &str) -> Option<PathBuf> {
    let value = std::env::var_os(name).filter(|value| !value.is_empty())?;
    let path = PathBuf::from(&value);
    if path.components().count() > 1 {
        Some(path)
    } else {
        find_on_path(&value.to_string_lossy())
    }
}

/// The first `name` on PATH (with the platform's executable suffix).
fn find_on_path(name: &str) -> Option<PathBuf> {
    let file = format!("{name}{}", std::env::consts::EXE_SUFFIX);
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(&file))
        .find(|candidate| candidate.is_file())
}

/// A key that changes when any binary, or the toolchain a rustup proxy
/// chooses, may have changed.
fn fingerprint(binaries: &[&Path], course_root: &Path) -> String {
    let mut key = KeyHasher::new();
    let mut stat = |path: &Path| {
        key.str(&path.to_string_lossy()).file_stamp(path);
    };
    for binary in binaries {
        stat(binary);
    }
    let rustup_home = std::env::var_os("RUSTUP_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".rustup")));
    if let Some(home) = rustup_home {
        stat(&home.join("settings.toml"));
        stat(&home.join("toolchains"));
    }
    // Only override files that exist: courses in different folders without
    // one then share a fingerprint (and a probe).
    for dir in course_root.ancestors() {
        for name in ["rust-toolchain.toml", "rust-toolchain"] {
            let file = dir.join(name);
            if file.is_file() {
                stat(&file);
            }
        }
    }
    key.str(
        &std::env::var_os("RUSTUP_TOOLCHAIN")
            .unwrap_or_default()
            .to_string_lossy(),
    );
    key.finish()
}

/// Runs the three version probes at once.
fn probe(
    rustc: &Path,
    clippy: &Path,
    rustfmt: &Path,
    fingerprint: String,
    limit: Duration,
) -> Result<Probe, Error> {
    let (rustc_verbose, clippy, rustfmt) = std::thread::scope(|scope| {
        let clippy = scope.spawn(|| version(clippy, "-V", limit));
        let rustfmt = scope.spawn(|| version(rustfmt, "--version", limit));
        let rustc = version(rustc, "-vV", limit);
        let joined = |handle: std::thread::ScopedJoinHandle<'_, Result<Version, Error>>| {
            handle.join().unwrap_or_else(|_| {
                Err(Error::RunnerBug {
                    what: "a toolchain probe thread".to_owned(),
                })
            })
        };
        (rustc, joined(clippy), joined(rustfmt))
    });
    // A probe that was stopped, or hung, says nothing about the tool: the
    // command ends here rather than call a working tool missing.
    let (rustc_verbose, clippy, rustfmt) = (rustc_verbose?, clippy?, rustfmt?);
    let rustc_verbose = rustc_verbose.map_err(|why| Error::Toolchain {
        problem: format!("rustc at {} does not work: {why}", rustc.display()),
        install: INSTALL_RUST.to_owned(),
    })?;
    Ok(Probe {
        fingerprint,
        rustc_verbose,
        clippy,
        rustfmt,
    })
}

/// A probe's answer: the version, or a one-line reason the tool does not work.
type Version = Result<String, String>;

/// `binary flag`'s stdout, or a one-line reason it failed; `Err` when the
/// probe was stopped, or ran past `limit` (a hung compiler, exit 3).
fn version(binary: &Path, flag: &str, limit: Duration) -> Result<Version, Error> {
    let mut command = Command::new(binary);
    command.arg(flag);
    let ran = match execute_separately(
        command,
        Limits {
            timeout: limit,
            output_cap: PROBE_OUTPUT_CAP,
            stop: None,
        },
    ) {
        Ok(ran) => ran,
        Err(Error::Spawn { source, .. }) => {
            return Ok(Err(format!(
                "`{} {flag}` could not start: {source}",
                binary.display()
            )));
        }
        Err(error) => return Err(error),
    };
    match ran.exit {
        Exit::TimedOut => Err(Error::CompilerFailed {
            command: format!("{} {flag}", binary.display()),
            problem: format!(
                "it did not answer within {} and was stopped (a hung toolchain; \
                 {COMPILER_TIMEOUT_VAR} sets the limit)",
                seconds(limit)
            ),
            output: ran.stderr.text,
        }),
        exit if exit.success() => Ok(Ok(ran.stdout.text.trim().to_owned())),
        exit => Ok(Err(ran
            .stderr
            .text
            .lines()
            .map(str::trim)
            .find(|line| !line.is_empty())
            .map_or_else(|| format!("it {exit}"), str::to_owned))),
    }
}

/// Checks `release: X.Y.Z` in `rustc -vV` against [`MSRV`].
fn check_version(rustc_verbose: &str) -> Result<(), Error> {
    let release = rustc_verbose
        .lines()
        .find_map(|line| line.strip_prefix("release: "))
        .unwrap_or_default()
        .trim();
    let parsed = semver::Version::parse(release).ok();
    match parsed {
        Some(version) if (version.major, version.minor) >= MSRV => Ok(()),
        Some(version) => Err(Error::Toolchain {
            problem: format!(
                "rustc {version} is older than {}.{}, the oldest this course supports",
                MSRV.0, MSRV.1
            ),
            install: "Update it with `rustup update stable`.".to_owned(),
        }),
        None => Err(Error::Toolchain {
            problem: format!("could not read rustc's version from `rustc -vV`: {release:?}"),
            install: INSTALL_RUST.to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiler_limit_comes_from_the_environment_or_the_defaults() {
        let defaults = CompilerLimits::parse(None).expect("no variable");
        assert_eq!(defaults.compile, DEFAULT_COMPILE_TIMEOUT);
        assert_eq!(defaults.probe, DEFAULT_PROBE_TIMEOUT);
        assert_eq!(
            CompilerLimits::parse(Some(std::ffi::OsStr::new(""))).expect("empty"),
            defaults
        );
        let set = CompilerLimits::parse(Some(std::ffi::OsStr::new(" 1.5 "))).expect("a number");
        assert_eq!(set.compile, Duration::from_millis(1500));
        assert_eq!(set.probe, Duration::from_millis(1500));
        for bad in ["0", "-3", "soon", "inf", "NaN"] {
            let error = CompilerLimits::parse(Some(std::ffi::OsStr::new(bad)))
                .expect_err("not a positive number");
            assert_eq!(
                error.exit_code(),
                crate::exit_code::USAGE_OR_COURSE,
                "{bad}"
            );
            assert!(error.to_string().contains(COMPILER_TIMEOUT_VAR), "{error}");
        }
        assert_eq!(seconds(Duration::from_secs(300)), "300 s");
        assert_eq!(seconds(Duration::from_millis(500)), "0.5 s");
    }

    #[test]
    fn versions_older_than_the_msrv_are_rejected_with_what_to_run() {
        assert!(check_version("rustc 1.95.0\nrelease: 1.95.0\nLLVM version: 22").is_ok());
        assert!(check_version("release: 1.88.0").is_ok());
        assert!(check_version("release: 1.88.0-nightly").is_ok());
        let old = check_version("release: 1.80.1").expect_err("too old");
        assert_eq!(old.exit_code(), crate::exit_code::ENVIRONMENT);
        assert!(
            old.to_string().contains("rustc 1.80.1 is older than 1.88"),
            "{old}"
        );
        assert!(old.to_string().contains("rustup update stable"), "{old}");
        assert!(check_version("garbage").is_err());
    }
}
