//! `challenge check --all` on the shipped challenges, side by side in one
//! run on the same machine (the README, "Commands"): `-j 2` against `-j 1`
//! (target: at most 0.65x), and, to show what confinement costs, `-j 1`
//! with `--no-confine` against `-j 1` confined. Run with `cargo bench
//! --bench challenge_parallel` (`-- rounds=N` for N rounds, default 3).
//! Prints every run, the load average around it, and the ratios of the
//! medians; asserts nothing (timings belong in reports, not in tests).
//!
//! One warm-up run at `-j 2` first builds the library in both build slots,
//! so every timed run rebuilds only the challenges (each check builds its
//! copy from scratch, as in CI). Each round runs the three variants in a
//! rotating order, so a change in the machine's load falls on all of them.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNNER: &str = env!("CARGO_BIN_EXE_typed-ai-rustlings");

/// What one timed run passes after `challenge check --all`.
const VARIANTS: [(&str, &[&str]); 3] = [
    ("-j 1", &["-j", "1"]),
    ("-j 2", &["-j", "2"]),
    ("-j 1 --no-confine", &["-j", "1", "--no-confine"]),
];

fn main() {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("challenge-bench-target");
    let rounds: usize = std::env::args()
        .filter_map(|arg| arg.strip_prefix("rounds=")?.parse().ok())
        .next()
        .unwrap_or(3);
    let challenges = fs::read_dir(repository.join("challenges/paper-to-rust"))
        .map(|entries| {
            entries
                .flatten()
                .filter(|entry| entry.path().join("challenge.toml").is_file())
                .count()
        })
        .unwrap_or(0);
    println!(
        "challenge_parallel: {challenges} challenges, {rounds} rounds, runner {RUNNER}, load average {}",
        load()
    );
    let warm = check_all(repository, &target, &["-j", "2"]);
    println!(
        "warm-up -j 2 (builds the library in both slots): {:.1} s",
        warm.as_secs_f64()
    );

    let mut samples: Vec<Vec<Duration>> = vec![Vec::new(); VARIANTS.len()];
    for round in 0..rounds {
        for step in 0..VARIANTS.len() {
            let variant = (round + step) % VARIANTS.len();
            let (name, args) = VARIANTS[variant];
            let before = load();
            let took = check_all(repository, &target, args);
            println!(
                "round {}: {name:<18} {:6.1} s   (load before {before}, after {})",
                round + 1,
                took.as_secs_f64(),
                load()
            );
            samples[variant].push(took);
        }
    }
    let medians: Vec<Duration> = samples.into_iter().map(median).collect();
    for ((name, _), took) in VARIANTS.iter().zip(&medians) {
        println!("median {name:<18} {:6.1} s", took.as_secs_f64());
    }
    println!(
        "-j 2 / -j 1: {:.2}x (target <= 0.65x)",
        medians[1].as_secs_f64() / medians[0].as_secs_f64()
    );
    println!(
        "confined / --no-confine (-j 1): {:.2}x",
        medians[0].as_secs_f64() / medians[2].as_secs_f64()
    );
    println!("load average at the end: {}", load());
}

/// `challenge check --all ARGS` in the repository, building under
/// `target`; its wall time. Every challenge must pass.
fn check_all(repository: &Path, target: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let status = Command::new(RUNNER)
        .args(["challenge", "check", "--all"])
        .args(args)
        .current_dir(repository)
        .env("CARGO_TARGET_DIR", target)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("the runner starts");
    let took = started.elapsed();
    assert!(
        status.success(),
        "challenge check --all {} failed ({status}); run it by hand to see why",
        args.join(" ")
    );
    took
}

/// The 1, 5 and 15 minute load averages (Linux), else "unknown".
fn load() -> String {
    fs::read_to_string("/proc/loadavg").map_or_else(
        |_| "unknown".to_owned(),
        |text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        },
    )
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}
