//! Watch mode's save-to-verdict latency, measured side by side with bare
//! rustc on the same file with the same flags (the README, "How a check
//! works, and how fast it is": <= bare rustc + 150 ms, the debounce
//! included). Run with
//! `cargo bench --bench watch_latency`. Prints the figures; asserts nothing.
//!
//! Each round starts watch in a pseudo-terminal on the watch fixture with
//! the exercise current and its error on screen, then writes the fixed file
//! (with a new comment, so no cache can answer) and times until the pass is
//! on the screen, as read back through a terminal emulator. Bare rustc
//! compiles the same fixed file; it is timed alone and with the run of what
//! it built (the check runs the program or tests too). The two sides take
//! turns going first.

#[path = "../tests/integration/pty.rs"]
mod pty;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pty::Pty;
use typed_ai_rustlings::engine::{BuildDirs, CompileArgs};

const RUNNER: &str = env!("CARGO_BIN_EXE_typed-ai-rustlings");
const ROUNDS: usize = 9;
/// Only a guard against a hang.
const DEADLINE: Duration = Duration::from_secs(300);

struct Exercise {
    name: &'static str,
    path: &'static str,
    test_mode: bool,
}

const EXERCISES: [Exercise; 2] = [
    Exercise {
        name: "count_tokens",
        path: "01_first/count_tokens.rs",
        test_mode: false,
    },
    Exercise {
        name: "mean_score",
        path: "01_first/mean_score.rs",
        test_mode: true,
    },
];

fn main() {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-target");
    let dir = tempfile::tempdir().expect("temp dir");
    let root = course(repository, dir.path());
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "watch_latency: {ROUNDS} rounds per exercise, load average {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    // Warm up: the toolchain probe and the library build happen here.
    let warm = Command::new(RUNNER)
        .args(["run", "count_tokens"])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", &target)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("the runner runs");
    assert!(warm.code().is_some(), "the warm-up run ended normally");
    let debug = BuildDirs::under(&target, &root)
        .library_target(&repository.join("crates/typed-ai"))
        .join("debug");
    let (rlib, deps) = (debug.join("libtyped_ai.rlib"), debug.join("deps"));
    let bare_out = dir.path().join("bare");
    fs::create_dir_all(&bare_out).expect("bare output folder");

    for exercise in &EXERCISES {
        let file = root.join("exercises").join(exercise.path);
        let pristine = fs::read_to_string(&file).expect("the exercise");
        let fixed =
            fs::read_to_string(root.join("solutions").join(exercise.path)).expect("the solution");
        let (mut watch, mut compile, mut compile_and_run) = (Vec::new(), Vec::new(), Vec::new());
        for round in 0..ROUNDS {
            let content = format!("{fixed}\n// round {round}\n");
            let mut bare = || {
                fs::write(&file, &content).expect("write for rustc");
                let (alone, with_run) = time_rustc(&root, exercise, &file, &rlib, &deps, &bare_out);
                compile.push(alone);
                compile_and_run.push(with_run);
            };
            if round % 2 == 1 {
                bare();
            }
            watch.push(time_watch(
                &root, &target, exercise, &file, &pristine, &content,
            ));
            if round % 2 == 0 {
                bare();
            }
        }
        let (watch, compile, compile_and_run) =
            (median(watch), median(compile), median(compile_and_run));
        println!(
            "{} ({} mode): save to verdict on screen {:.0} ms; bare rustc {:.0} ms \
             (+ running it {:.0} ms); watch - rustc = {:+.0} ms (target <= +150 ms), \
             watch - (rustc + run) = {:+.0} ms",
            exercise.name,
            if exercise.test_mode { "test" } else { "run" },
            ms(watch),
            ms(compile),
            ms(compile_and_run),
            ms(watch) - ms(compile),
            ms(watch) - ms(compile_and_run),
        );
    }
}

/// A copy of the watch fixture whose library is this repository's.
fn course(repository: &Path, dir: &Path) -> PathBuf {
    let root = dir.join("course");
    copy_dir(&repository.join("tests/fixtures/watch"), &root);
    let info = root.join("info.toml");
    let text = fs::read_to_string(&info).expect("info.toml");
    let library = repository.join("crates/typed-ai");
    fs::write(
        &info,
        text.replacen(
            "library = \"crates/typed-ai\"",
            &format!("library = {:?}", library.display().to_string()),
            1,
        ),
    )
    .expect("rewrite info.toml");
    // A progress folder makes it a learner's course, watched in place.
    fs::create_dir_all(root.join(".typed-ai-rustlings")).expect("progress folder");
    root.canonicalize().expect("canonical course root")
}

/// One round: watch opened on `exercise` with its error on screen, then the
/// fixed `content` saved (by rename, as editors do); the time from the
/// rename to the pass on screen.
fn time_watch(
    root: &Path,
    target: &Path,
    exercise: &Exercise,
    file: &Path,
    pristine: &str,
    content: &str,
) -> Duration {
    fs::write(file, pristine).expect("restore the broken file");
    let state = root.join(".typed-ai-rustlings");
    fs::create_dir_all(&state).expect("the progress folder");
    fs::write(
        state.join("state.toml"),
        format!("format_version = 1\ncurrent = \"{}\"\n", exercise.name),
    )
    .expect("make the exercise current");
    let target = target.to_str().expect("a UTF-8 target path");
    let mut pty = Pty::spawn(
        Path::new(RUNNER),
        &["watch"],
        root,
        &[("CARGO_TARGET_DIR", target), ("NO_COLOR", "1")],
        (100, 40),
    );
    let failing = if exercise.test_mode {
        format!("`{}`: 1 test failed", exercise.name)
    } else {
        format!("`{}` does not compile yet", exercise.name)
    };
    pty.wait_for(&failing, DEADLINE);
    let passed = format!("{} passes!", exercise.name);
    let temporary = file.with_extension("rs.tmp");
    fs::write(&temporary, content).expect("write the fixed file");
    let started = Instant::now();
    fs::rename(&temporary, file).expect("save by rename");
    pty.wait_for(&passed, DEADLINE);
    let elapsed = started.elapsed();
    pty.send("q");
    pty.wait_exit(DEADLINE);
    elapsed
}

/// Bare rustc on `file` with the runner's flags: (compile, compile + run).
fn time_rustc(
    root: &Path,
    exercise: &Exercise,
    file: &Path,
    rlib: &Path,
    deps: &Path,
    out_dir: &Path,
) -> (Duration, Duration) {
    let out = out_dir.join(exercise.name);
    let args = CompileArgs {
        crate_name: exercise.name,
        test: exercise.test_mode,
        deny_warnings: false,
        library_crate: "typed_ai",
        rlib,
        deps,
        file: file.strip_prefix(root).unwrap_or(file),
        // The runner names its scratch copy by the learner's path; a bare
        // compile reads the learner's file itself.
        remap: None,
    };
    let mut command = Command::new("rustc");
    command
        .current_dir(root)
        .args(args.to_vec())
        .arg("-o")
        .arg(&out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let compiled = command.output().expect("rustc runs");
    let compile = started.elapsed();
    assert!(
        compiled.status.success(),
        "the fixed file compiles: {}",
        String::from_utf8_lossy(&compiled.stderr)
    );
    let mut program = Command::new(&out);
    if exercise.test_mode {
        program.args(["--color", "always"]);
    }
    program
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("the program runs");
    (compile, started.elapsed())
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create the copy");
    for entry in fs::read_dir(from).expect("read the fixture") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
