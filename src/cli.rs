//! The command line: clap's derive structs (the "low" layer) and the small
//! pure resolutions made from them before any work starts (colour,
//! partition). `-j`'s default, the number of cores, is resolved where the
//! checks run (`commands::verify`).
//!
//! It does not run anything; `main.rs` dispatches to the command modules.

use std::ffi::OsStr;
use std::fmt;
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::str::FromStr;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Learn machine learning through Rust types: fix the compiler error, pass the
/// tests, move on.
#[derive(Debug, Parser)]
#[command(name = "typed-ai-rustlings", version, about, long_about = None)]
pub struct Cli {
    /// When to colour the output; `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Work through the course interactively (the default with no subcommand):
    /// every save of the current exercise is checked, and a pass moves on.
    ///
    /// Keys: h hint, n next, l list, r re-run, c check all, x reset, q quit;
    /// t restores the course's tests when yours differ.
    /// Needs an interactive terminal; `run` and `verify` work without one.
    Watch(WatchArgs),
    /// Check the current exercise (or NAME): compiler errors with hints, or the
    /// test and program output, then the verdict.
    Run {
        /// The exercise to check instead of the current one.
        name: Option<String>,
    },
    /// Check every exercise in course order and report them all.
    ///
    /// Records each verdict in your progress and makes the first exercise not
    /// done the current one. With `--pack`, checks the course itself instead
    /// (for course authors and CI) and never touches anyone's progress.
    Verify(VerifyArgs),
    /// Show the next hint for the current exercise (or NAME), with the hints
    /// before it.
    ///
    /// Each call reveals one more of the exercise's hints, gentle first,
    /// nearly the answer last; the level is saved with your progress.
    Hint {
        /// The exercise, instead of the current one.
        name: Option<String>,
        /// Reveal every hint of the exercise at once.
        #[arg(long)]
        all: bool,
    },
    /// List every exercise with its chapter and status, the current one marked,
    /// and your progress.
    List,
    /// Restore an exercise as the course ships it; your version is kept as a
    /// backup beside it (NAME.rs.bak-1, -2, ...).
    ///
    /// With `--tests`, restore only its `#[cfg(test)] mod tests` block (the
    /// course's tests judge every check anyway) and keep the rest of your file.
    Reset {
        /// The exercise to restore.
        name: String,
        /// Restore only the tests block, keeping the rest of your file.
        #[arg(long)]
        tests: bool,
    },
    /// Write a course folder to work in (or bring one up to date).
    ///
    /// The course is built into this program, so this works offline. A course
    /// folder holds info.toml, exercises/, the typed-ai library, a Cargo.toml
    /// that lets rust-analyzer see every exercise, and your progress in
    /// .typed-ai-rustlings/. Solutions appear in solutions/ as you pass.
    Init(InitArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    ///
    /// For example:
    /// `typed-ai-rustlings completions bash > ~/.local/share/bash-completion/completions/typed-ai-rustlings`
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Paper-to-Rust challenges: one claim from one paper, compiled into a
    /// typed boundary with a regression test that mutants must break.
    #[command(subcommand)]
    Challenge(ChallengeCommand),
}

/// The `challenge` subcommands.
#[derive(Debug, Subcommand)]
pub enum ChallengeCommand {
    /// List the challenges with their paper and the result of their last check.
    List,
    /// Start a challenge: a folder with every part, and TODOs to fill in.
    New {
        /// The challenge's name: lowercase words joined by hyphens (its
        /// folder and package name), such as `label-smoothing`.
        slug: String,
    },
    /// Check challenges: the manifest, the paper reference, the parts, lints,
    /// tests, the example's signals, and that every mutant makes the
    /// regression test fail.
    Check(ChallengeCheckArgs),
}

/// Options of `challenge check`.
#[derive(Debug, Args)]
pub struct ChallengeCheckArgs {
    /// The challenge folder to check.
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub path: Option<PathBuf>,

    /// Check every challenge in the nearest challenges/paper-to-rust/.
    #[arg(long)]
    pub all: bool,

    /// Check only this mutant (after the manifest, the parts and the
    /// regression test): quicker while strengthening a test.
    #[arg(long, value_name = "NAME", conflicts_with = "all")]
    pub mutant: Option<String>,

    /// Check only the typed boundary (after the manifest and the parts):
    /// quicker while designing a type that rejects a misuse.
    #[arg(long, conflicts_with = "mutant")]
    pub typed: bool,

    /// How to print the report.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// The typed-ai library folder to build against [default: the library
    /// of the course around the current folder].
    #[arg(long, value_name = "DIR")]
    pub library: Option<PathBuf>,

    /// How many challenges are checked at once [default: the number of cores].
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub jobs: Option<NonZeroUsize>,

    /// With --all, check only the K-th of N interleaved slices of the
    /// challenges (for CI matrices), e.g. `--partition 1/3`.
    #[arg(long, value_name = "K/N", conflicts_with = "path")]
    pub partition: Option<Partition>,

    /// How long a test binary or the example may run, in
    /// seconds, for challenges whose challenge.toml has no `timeout_secs`
    /// [default: 60].
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: Option<u64>,

    /// Run the submission's builds and tests without confinement. Only for
    /// code you trust; needed where the system cannot confine them (a Linux
    /// kernel without Landlock ABI 4, macOS, Windows).
    #[arg(long)]
    pub no_confine: bool,
}

/// Options of `watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Do not watch files: check the exercise only when you press `r` (for
    /// file systems where change events do not arrive, e.g. some network or
    /// WSL mounts).
    #[arg(long)]
    pub manual: bool,
}

/// Options of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (it must be new or empty), or with --update an
    /// existing course folder.
    pub dir: PathBuf,

    /// Bring the course folder DIR up to date with this release: adds new
    /// exercises and chapters, updates info.toml, the library and unlocked
    /// solutions, and updates an exercise only if you never edited it.
    #[arg(long)]
    pub update: bool,

    /// For course authors: take the course from this course source folder
    /// (laid out like the repository) instead of the copy built into this
    /// program. The course folder remembers it for `reset` and `--update`.
    #[arg(long, value_name = "PATH")]
    pub source: Option<PathBuf>,
}

/// Options of `verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Check the course source instead of your progress: every unsolved file
    /// fails as info.toml declares, every solution passes with lints denied
    /// and is rustfmt-clean, the tests agree, no file is missing from info.toml.
    #[arg(long)]
    pub pack: bool,

    /// How to print the report.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// How many checks run at once [default: the number of cores].
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub jobs: Option<NonZeroUsize>,

    /// Check only the K-th of N interleaved slices of the exercises (for CI
    /// matrices), e.g. `--partition 1/3`.
    #[arg(long, value_name = "K/N")]
    pub partition: Option<Partition>,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour, given NO_COLOR's value and whether stdout is a terminal.
    /// NO_COLOR counts only when set to a non-empty value (no-color.org).
    pub fn enabled(self, no_color: Option<&OsStr>, stdout_is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stdout_is_terminal && no_color.is_none_or(OsStr::is_empty),
        }
    }
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: one line per exercise (or challenge check), then the details of what failed.
    Human,
    /// One JSON document with a `schema_version`.
    Json,
    /// JUnit XML for CI dashboards.
    Junit,
}

/// `--partition K/N`: the exercises whose 0-based position `i` has `i % N == K - 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Partition {
    index: usize,
    count: usize,
}

impl Partition {
    /// Whether the exercise at 0-based `position` belongs to this slice.
    pub fn contains(self, position: usize) -> bool {
        position % self.count == self.index - 1
    }
}

impl FromStr for Partition {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let usage = || format!("`{text}` is not K/N with 1 <= K <= N, e.g. 2/3");
        let (index, count) = text.split_once('/').ok_or_else(usage)?;
        let index: usize = index.trim().parse().map_err(|_| usage())?;
        let count: usize = count.trim().parse().map_err(|_| usage())?;
        if index == 0 || count == 0 || index > count {
            return Err(usage());
        }
        Ok(Self { index, count })
    }
}

impl fmt::Display for Partition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("typed-ai-rustlings").chain(args.iter().copied()))
    }

    #[test]
    fn the_parse_table() {
        // (arguments, what the parse must give, rendered with Debug for a compact table)
        let accepted: &[(&[&str], &str)] = &[
            (&[], "None"),
            (&["watch"], "Some(Watch(WatchArgs { manual: false }))"),
            (
                &["watch", "--manual"],
                "Some(Watch(WatchArgs { manual: true }))",
            ),
            (&["run"], "Some(Run { name: None })"),
            (&["run", "tokens"], "Some(Run { name: Some(\"tokens\") })"),
            (
                &["verify"],
                "Some(Verify(VerifyArgs { pack: false, format: Human, jobs: None, partition: None }))",
            ),
            (
                &[
                    "verify",
                    "--pack",
                    "--format",
                    "junit",
                    "-j",
                    "3",
                    "--partition",
                    "2/3",
                ],
                "Some(Verify(VerifyArgs { pack: true, format: Junit, jobs: Some(3), partition: Some(Partition { index: 2, count: 3 }) }))",
            ),
            (
                &["verify", "--format=json", "--jobs=1"],
                "Some(Verify(VerifyArgs { pack: false, format: Json, jobs: Some(1), partition: None }))",
            ),
        ];
        for (args, expected) in accepted {
            let cli = parse(args).unwrap_or_else(|error| panic!("{args:?} should parse: {error}"));
            assert_eq!(format!("{:?}", cli.command), *expected, "parsing {args:?}");
        }
        let rejected: &[&[&str]] = &[
            &["verify", "-j", "0"],
            &["verify", "--partition", "0/3"],
            &["verify", "--partition", "4/3"],
            &["verify", "--partition", "3"],
            &["verify", "--format", "xml"],
            &["run", "a", "b"],
            &["--color", "sometimes", "run"],
            &["frobnicate"],
        ];
        for args in rejected {
            let error = parse(args).expect_err(&format!("{args:?} should be rejected"));
            assert_eq!(error.exit_code(), 2, "{args:?} is a usage error");
        }
    }

    #[test]
    fn the_course_folder_commands_parse() {
        let accepted: &[(&[&str], &str)] = &[
            (&["hint"], "Some(Hint { name: None, all: false })"),
            (
                &["hint", "shapes", "--all"],
                "Some(Hint { name: Some(\"shapes\"), all: true })",
            ),
            (&["list"], "Some(List)"),
            (
                &["reset", "shapes"],
                "Some(Reset { name: \"shapes\", tests: false })",
            ),
            (
                &["reset", "--tests", "shapes"],
                "Some(Reset { name: \"shapes\", tests: true })",
            ),
            (
                &["init", "course"],
                "Some(Init(InitArgs { dir: \"course\", update: false, source: None }))",
            ),
            (
                &["init", "--update", "learn", "--source", "../repo"],
                "Some(Init(InitArgs { dir: \"learn\", update: true, source: Some(\"../repo\") }))",
            ),
            (&["completions", "zsh"], "Some(Completions { shell: Zsh })"),
        ];
        for (args, expected) in accepted {
            let cli = parse(args).unwrap_or_else(|error| panic!("{args:?} should parse: {error}"));
            assert_eq!(format!("{:?}", cli.command), *expected, "parsing {args:?}");
        }
        let rejected: &[&[&str]] = &[
            &["reset"],
            &["init"],
            &["list", "extra"],
            &["completions", "cmd.exe"],
            &["hint", "a", "b"],
        ];
        for args in rejected {
            let error = parse(args).expect_err(&format!("{args:?} should be rejected"));
            assert_eq!(error.exit_code(), 2, "{args:?} is a usage error");
        }
    }

    #[test]
    fn the_challenge_commands_parse() {
        let accepted: &[(&[&str], &str)] = &[
            (&["challenge", "list"], "Some(Challenge(List))"),
            (
                &["challenge", "new", "label-smoothing"],
                "Some(Challenge(New { slug: \"label-smoothing\" }))",
            ),
            (
                &["challenge", "check", "challenges/paper-to-rust/adam"],
                "Some(Challenge(Check(ChallengeCheckArgs { path: Some(\"challenges/paper-to-rust/adam\"), all: false, mutant: None, typed: false, format: Human, library: None, jobs: None, partition: None, timeout: None, no_confine: false })))",
            ),
            (
                &[
                    "challenge",
                    "check",
                    "--all",
                    "--format",
                    "junit",
                    "--library",
                    "course/typed-ai",
                ],
                "Some(Challenge(Check(ChallengeCheckArgs { path: None, all: true, mutant: None, typed: false, format: Junit, library: Some(\"course/typed-ai\"), jobs: None, partition: None, timeout: None, no_confine: false })))",
            ),
            (
                &[
                    "challenge",
                    "check",
                    "adam",
                    "--mutant",
                    "no_bias_correction",
                    "--format=json",
                ],
                "Some(Challenge(Check(ChallengeCheckArgs { path: Some(\"adam\"), all: false, mutant: Some(\"no_bias_correction\"), typed: false, format: Json, library: None, jobs: None, partition: None, timeout: None, no_confine: false })))",
            ),
            (
                &[
                    "challenge",
                    "check",
                    "--all",
                    "-j",
                    "2",
                    "--partition",
                    "2/3",
                    "--timeout",
                    "15",
                    "--no-confine",
                ],
                "Some(Challenge(Check(ChallengeCheckArgs { path: None, all: true, mutant: None, typed: false, format: Human, library: None, jobs: Some(2), partition: Some(Partition { index: 2, count: 3 }), timeout: Some(15), no_confine: true })))",
            ),
        ];
        for (args, expected) in accepted {
            let cli = parse(args).unwrap_or_else(|error| panic!("{args:?} should parse: {error}"));
            assert_eq!(format!("{:?}", cli.command), *expected, "parsing {args:?}");
        }
        let rejected: &[&[&str]] = &[
            &["challenge"],
            &["challenge", "new"],
            &["challenge", "check"],
            &["challenge", "check", "adam", "--all"],
            &[
                "challenge",
                "check",
                "--all",
                "--mutant",
                "no_bias_correction",
            ],
            &["challenge", "check", "adam", "--format", "xml"],
            &["challenge", "list", "extra"],
            &["challenge", "check", "adam", "--partition", "1/2"],
            &["challenge", "check", "--all", "-j", "0"],
            &["challenge", "check", "--all", "--timeout", "0"],
            &["challenge", "check", "--all", "--timeout", "601"],
        ];
        for args in rejected {
            let error = parse(args).expect_err(&format!("{args:?} should be rejected"));
            assert_eq!(error.exit_code(), 2, "{args:?} is a usage error");
        }
    }

    #[test]
    fn color_is_global_and_defaults_to_auto() {
        assert_eq!(
            parse(&["run"]).map(|cli| cli.color).ok(),
            Some(ColorChoice::Auto)
        );
        assert_eq!(
            parse(&["verify", "--color", "never"])
                .map(|cli| cli.color)
                .ok(),
            Some(ColorChoice::Never)
        );
        assert_eq!(
            parse(&["--color=always", "run"]).map(|cli| cli.color).ok(),
            Some(ColorChoice::Always)
        );
    }

    #[test]
    fn no_color_turns_auto_off_only_when_non_empty() {
        let set = Some(OsStr::new("1"));
        let empty = Some(OsStr::new(""));
        assert!(ColorChoice::Auto.enabled(None, true));
        assert!(ColorChoice::Auto.enabled(empty, true));
        assert!(!ColorChoice::Auto.enabled(set, true));
        assert!(!ColorChoice::Auto.enabled(None, false));
        assert!(ColorChoice::Always.enabled(set, false));
        assert!(!ColorChoice::Never.enabled(None, true));
    }

    #[test]
    fn partitions_interleave_and_cover_everything_once() {
        let slices: Vec<Partition> = ["1/3", "2/3", "3/3"]
            .iter()
            .map(|text| text.parse().expect("valid"))
            .collect();
        for position in 0..10 {
            let owners = slices
                .iter()
                .filter(|slice| slice.contains(position))
                .count();
            assert_eq!(
                owners, 1,
                "position {position} belongs to exactly one slice"
            );
        }
        assert!(slices[1].contains(1) && slices[1].contains(4));
    }
}
