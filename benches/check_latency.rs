//! Whole-command latency of the runner, measured side by side with the floor
//! it cannot beat, in one run on the same machine (the README, "How a check
//! works, and how fast it is"). Run with `cargo bench --bench
//! check_latency`. Prints ratios; asserts nothing (timings belong in
//! reports, not in tests).
//!
//! 1. `run NAME` after an edit vs bare `rustc` on the same file with the same
//!    flags, for a passing test-mode exercise and a run-mode one.
//! 2. `verify` of a solved course after editing every file vs the floor: one
//!    rustc per exercise plus running what it built, two at a time.
//! 3. `verify` with nothing changed, on a course of 72 exercises.
//! 4. The runner's own peak memory (VmHWM from /proc; Linux only).
//! 5. `run NAME` on a passing design exercise with three `must_not_compile`
//!    obligations vs the same check without them (the `obligations`
//!    fixture's `token_ids`), and the same pair on a file that does not
//!    compile yet. `cargo bench --bench check_latency -- obligations` runs
//!    this part alone.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use typed_ai_rustlings::engine::{BuildDirs, CompileArgs};

/// Copies of the clean fixture's six exercises: 12 x 6 = 72, about a full course.
const COPIES: usize = 12;

const RUNNER: &str = env!("CARGO_BIN_EXE_typed-ai-rustlings");

struct Exercise {
    name: String,
    /// Relative to exercises/.
    path: String,
    test_mode: bool,
}

struct Course {
    _dir: tempfile::TempDir,
    root: PathBuf,
    target: PathBuf,
    exercises: Vec<Exercise>,
}

fn main() {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-target");
    // cargo passes `--bench`; a bare word names the one part to run.
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    if only.iter().any(|part| part == "obligations") {
        print_load("check_latency (obligations only)");
        obligations(repository, &target);
        return;
    }
    let course = solved_course(repository, &target);
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "check_latency: {} exercises, runner {RUNNER}, load average {}",
        course.exercises.len(),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );

    // Warm up: the toolchain probe, the library build, the page cache.
    let first = time_runner(&course, &["verify"]);
    println!(
        "first verify (builds the library, checks every file): {:.2} s",
        first.as_secs_f64()
    );
    let (rlib, deps) = library_paths(
        &course.target,
        &course.root,
        &repository.join("crates/typed-ai"),
    );

    // 1. One check after an edit: a passing test-mode exercise (the
    // runner compiles the learner's code with the course's tests spliced in
    // and a test that runs `main`, and runs them all), then a run-mode one.
    for exercise in [&course.exercises[2], &course.exercises[0]] {
        let file = course.root.join("exercises").join(&exercise.path);
        let passes = runner(&course, &["run", &exercise.name])
            .status()
            .expect("the runner runs")
            .success();
        // A failing check would stop early and flatter the runner.
        assert!(passes, "{} must pass to be measured", exercise.name);
        let (mut runner, mut bare) = (Vec::new(), Vec::new());
        for round in 0..7 {
            touch(&file, round);
            runner.push(time_runner(&course, &["run", &exercise.name]));
            touch(&file, round + 100);
            bare.push(time_rustc(
                &course.root,
                exercise,
                &file,
                &rlib,
                &deps,
                &course.target.join("bare"),
            ));
        }
        let (runner, bare) = (median(runner), median(bare));
        println!(
            "run {} ({} mode) after an edit: runner {:.0} ms, bare rustc {:.0} ms, ratio {:.2}x (target <= 1.15x)",
            exercise.name,
            if exercise.test_mode { "test" } else { "run" },
            ms(runner),
            ms(bare),
            runner.as_secs_f64() / bare.as_secs_f64()
        );
    }

    // 2. verify after editing every file vs the floor.
    // Alternating which side goes first, so a busy neighbour on the machine
    // does not always land on the same side.
    let (mut runner, mut floor) = (Vec::new(), Vec::new());
    let edit_all = |round: usize| {
        for exercise in &course.exercises {
            touch(&course.root.join("exercises").join(&exercise.path), round);
        }
    };
    for round in 0..3 {
        if round % 2 == 0 {
            edit_all(1000 + round);
            runner.push(time_runner(&course, &["verify"]));
            edit_all(2000 + round);
            floor.push(time_floor(&course, &rlib, &deps));
        } else {
            edit_all(2000 + round);
            floor.push(time_floor(&course, &rlib, &deps));
            edit_all(1000 + round);
            runner.push(time_runner(&course, &["verify"]));
        }
    }
    let (runner, floor) = (median(runner), median(floor));
    println!(
        "verify after editing all {}: runner {:.2} s, floor (rustc + run, 2 at a time) {:.2} s, ratio {:.2}x (target <= 1.3x)",
        course.exercises.len(),
        runner.as_secs_f64(),
        floor.as_secs_f64(),
        runner.as_secs_f64() / floor.as_secs_f64()
    );

    // 3. verify with nothing changed.
    let _ = time_runner(&course, &["verify"]);
    let unchanged = median((0..7).map(|_| time_runner(&course, &["verify"])).collect());
    println!(
        "verify with nothing changed ({} exercises): {:.0} ms (target < 300 ms for 70)",
        course.exercises.len(),
        ms(unchanged)
    );

    // 4. Peak memory of the runner process itself (rustc is a separate process).
    let file = course
        .root
        .join("exercises")
        .join(&course.exercises[2].path);
    touch(&file, 5000);
    let check = peak_memory(&course, &["run", &course.exercises[2].name]);
    let verify_cached = peak_memory(&course, &["verify"]);
    for exercise in &course.exercises {
        touch(&course.root.join("exercises").join(&exercise.path), 6000);
    }
    let verify_all = peak_memory(&course, &["verify"]);
    match (check, verify_cached, verify_all) {
        (Some(check), Some(cached), Some(all)) => println!(
            "runner peak memory (VmHWM): run after an edit {:.1} MiB, verify unchanged {:.1} MiB, verify after editing all {:.1} MiB (target <= 30 MiB)",
            mib(check),
            mib(cached),
            mib(all)
        ),
        _ => println!("runner peak memory: not measured (needs /proc)"),
    }

    obligations(repository, &target);
}

/// The load average, with a heading: the machine may be shared.
fn print_load(heading: &str) {
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "{heading}: load average {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
}

/// 5. Three obligations on a passing file, and on a file that does not compile.
fn obligations(repository: &Path, target: &Path) {
    let with = obligations_course(repository, target, true);
    let without = obligations_course(repository, target, false);
    for course in [&with, &without] {
        // Both must pass, or the comparison times an early exit.
        let status = runner(course, &["run", "token_ids"])
            .status()
            .expect("the runner runs");
        assert!(status.success(), "the solved token_ids must pass");
    }
    let file = |course: &Course| {
        course
            .root
            .join("exercises")
            .join(&course.exercises[0].path)
    };
    for broken in [false, true] {
        let (mut obliged, mut plain) = (Vec::new(), Vec::new());
        let edit = |course: &Course, round: usize| {
            if broken {
                break_file(&file(course), round);
            } else {
                touch(&file(course), round);
            }
        };
        for round in 0..9 {
            // Alternating which side goes first (see 2.).
            if round % 2 == 0 {
                edit(&with, 7000 + round);
                obliged.push(time_runner(&with, &["run", "token_ids"]));
                edit(&without, 7000 + round);
                plain.push(time_runner(&without, &["run", "token_ids"]));
            } else {
                edit(&without, 7000 + round);
                plain.push(time_runner(&without, &["run", "token_ids"]));
                edit(&with, 7000 + round);
                obliged.push(time_runner(&with, &["run", "token_ids"]));
            }
        }
        let (obliged, plain) = (median(obliged), median(plain));
        println!(
            "run token_ids ({}) with 3 must_not_compile obligations: {:.0} ms, without: {:.0} ms, ratio {:.2}x (target {})",
            if broken {
                "does not compile yet"
            } else {
                "passes"
            },
            ms(obliged),
            ms(plain),
            obliged.as_secs_f64() / plain.as_secs_f64(),
            if broken {
                "1.0x: nothing extra"
            } else {
                "<= 1.5x"
            }
        );
    }
}

/// The `obligations` fixture with `token_ids` solved, its three
/// `[[exercises.must_not_compile]]` tables kept or (`obliged` false) every
/// such table removed from info.toml.
fn obligations_course(repository: &Path, target: &Path, obliged: bool) -> Course {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("obligations");
    let source = repository.join("tests/fixtures/obligations");
    for folder in ["exercises", "solutions"] {
        let to = root.join(folder).join("01_design");
        fs::create_dir_all(&to).expect("folder");
        for entry in fs::read_dir(source.join(folder).join("01_design")).expect("fixture") {
            let entry = entry.expect("entry");
            fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        }
    }
    fs::copy(
        source.join("solutions/01_design/token_ids.rs"),
        root.join("exercises/01_design/token_ids.rs"),
    )
    .expect("solve token_ids");
    let library = repository.join("crates/typed-ai");
    let mut info = fs::read_to_string(source.join("info.toml"))
        .expect("obligations/info.toml")
        .replacen(
            "library = \"crates/typed-ai\"",
            &format!("library = {:?}", library.display().to_string()),
            1,
        );
    if !obliged {
        // A table starts a line (the file's comments mention them too).
        const TABLE: &str = "\n[[exercises.must_not_compile]]";
        while let Some(start) = info.find(TABLE) {
            let end = info[start + TABLE.len()..]
                .find("\n[[")
                .map_or(info.len(), |at| start + TABLE.len() + at);
            info.replace_range(start..end, "");
        }
    }
    fs::write(root.join("info.toml"), info).expect("info.toml");
    // A learner's course folder, not a pack: `run` checks these very files
    // (in a pack it would work on a `learn/` copy made from them).
    fs::create_dir_all(root.join(".typed-ai-rustlings")).expect("progress folder");
    Course {
        _dir: dir,
        root,
        target: target.to_path_buf(),
        exercises: vec![Exercise {
            name: "token_ids".to_owned(),
            path: "01_design/token_ids.rs".to_owned(),
            test_mode: true,
        }],
    }
}

/// A course of COPIES x the clean fixture's exercises, every file solved.
fn solved_course(repository: &Path, target: &Path) -> Course {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("course");
    let source = repository.join("tests/fixtures/clean");
    let info = fs::read_to_string(source.join("info.toml")).expect("clean/info.toml");
    let library = repository.join("crates/typed-ai");
    let mut manifest = format!(
        "format_version = 1\nlibrary = {:?}\nwelcome_message = \"Bench.\"\nfinal_message = \"Done.\"\n",
        library.display().to_string()
    );
    let base: Vec<(String, String, bool)> = info
        .split("[[exercises]]")
        .skip(1)
        .map(|entry| {
            let field = |key: &str| {
                entry
                    .lines()
                    .find_map(|line| line.strip_prefix(&format!("{key} = \"")))
                    .and_then(|rest| rest.strip_suffix('"'))
                    .expect("field")
                    .to_owned()
            };
            (field("name"), field("path"), field("mode") == "test")
        })
        .collect();
    let mut exercises = Vec::new();
    for copy in 0..COPIES {
        let chapter = format!("{:02}_copy", copy + 1);
        manifest.push_str(&format!(
            "\n[[chapters]]\nid = \"{chapter}\"\ntitle = \"Copy\"\nintro = \"A copy.\"\n"
        ));
        for (name, path, test_mode) in &base {
            let new_name = format!("{name}_{copy:02}");
            let new_path = format!("{chapter}/{new_name}.rs");
            for folder in ["exercises", "solutions"] {
                let to = root.join(folder).join(&new_path);
                fs::create_dir_all(to.parent().expect("parent")).expect("folder");
                fs::copy(source.join("solutions").join(path), &to).expect("copy");
            }
            manifest.push_str(&format!(
                "\n[[exercises]]\nname = \"{new_name}\"\npath = \"{new_path}\"\nchapter = \"{chapter}\"\nconcept = \"Bench.\"\nmode = \"{}\"\nhints = [\"a\", \"b\"]\n[exercises.expect]\nkind = \"compile\"\ncode = \"E0308\"\n",
                if *test_mode { "test" } else { "run" }
            ));
            exercises.push(Exercise {
                name: new_name,
                path: new_path,
                test_mode: *test_mode,
            });
        }
    }
    fs::write(root.join("info.toml"), manifest).expect("info.toml");
    // A progress folder makes it a learner's course, checked in place.
    fs::create_dir_all(root.join(".typed-ai-rustlings")).expect("progress folder");
    Course {
        _dir: dir,
        root,
        target: target.to_path_buf(),
        exercises,
    }
}

/// Makes the file's content new (a comment with `round`), so no cache answers.
fn touch(file: &Path, round: usize) {
    let text = fs::read_to_string(file).expect("read");
    let body = text
        .split("\n// bench edit")
        .next()
        .unwrap_or(&text)
        .to_owned();
    fs::write(file, format!("{body}\n// bench edit {round}\n")).expect("write");
}

/// Makes the file new and not compiling (a type error in a function of its
/// own), so no cache answers and the check stops at the compiler.
fn break_file(file: &Path, round: usize) {
    touch(file, round);
    let text = fs::read_to_string(file).expect("read");
    fs::write(
        file,
        format!("{text}fn bench_broken() -> u8 {{\n    \"not a number\"\n}}\n"),
    )
    .expect("write");
}

fn runner(course: &Course, args: &[&str]) -> Command {
    let mut command = Command::new(RUNNER);
    command
        .args(args)
        .current_dir(&course.root)
        .env("CARGO_TARGET_DIR", &course.target)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

fn time_runner(course: &Course, args: &[&str]) -> Duration {
    let started = Instant::now();
    runner(course, args).status().expect("the runner runs");
    started.elapsed()
}

/// The rlib and deps folder, from the runner's library build (the folder the
/// runner gives the repository's library under `target`).
fn library_paths(target: &Path, course_root: &Path, library: &Path) -> (PathBuf, PathBuf) {
    let debug = BuildDirs::under(target, course_root)
        .library_target(library)
        .join("debug");
    (debug.join("libtyped_ai.rlib"), debug.join("deps"))
}

/// The exact compiler command the runner uses (the engine's own
/// `CompileArgs`), without the runner.
fn rustc(
    root: &Path,
    exercise: &Exercise,
    file: &Path,
    rlib: &Path,
    deps: &Path,
    out: &Path,
) -> Command {
    let args = CompileArgs {
        crate_name: &exercise.name,
        test: exercise.test_mode,
        deny_warnings: false,
        library_crate: "typed_ai",
        rlib,
        deps,
        file,
        // The runner names its scratch copy by the learner's path; a bare
        // compile reads the learner's file itself.
        remap: None,
    };
    let mut command = Command::new("rustc");
    command
        .current_dir(root)
        .args(args.to_vec())
        .arg("-o")
        .arg(out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

fn time_rustc(
    root: &Path,
    exercise: &Exercise,
    file: &Path,
    rlib: &Path,
    deps: &Path,
    out_dir: &Path,
) -> Duration {
    fs::create_dir_all(out_dir).expect("out dir");
    let started = Instant::now();
    let status = rustc(
        root,
        exercise,
        file,
        rlib,
        deps,
        &out_dir.join(&exercise.name),
    )
    .status()
    .expect("rustc runs");
    let elapsed = started.elapsed();
    // A floor that fails fast (a wrong library path) would flatter the runner.
    assert!(status.success(), "bare rustc failed on {}", exercise.name);
    elapsed
}

/// One rustc per exercise plus running what it built, two at a time, into a
/// fresh folder.
fn time_floor(course: &Course, rlib: &Path, deps: &Path) -> Duration {
    let floor = course.target.join("floor");
    fs::create_dir_all(&floor).expect("out dir");
    let fresh = tempfile::tempdir_in(&floor).expect("a fresh output folder");
    let out_dir = fresh.path().to_path_buf();
    let next = AtomicUsize::new(0);
    let started = Instant::now();
    std::thread::scope(|scope| {
        for worker in 0..2 {
            let next = &next;
            let out_dir = &out_dir;
            std::thread::Builder::new()
                .name(format!("floor-{worker}"))
                .spawn_scoped(scope, move || {
                    while let Some(exercise) =
                        course.exercises.get(next.fetch_add(1, Ordering::Relaxed))
                    {
                        let file = course.root.join("exercises").join(&exercise.path);
                        let out = out_dir.join(&exercise.name);
                        let compiled = rustc(&course.root, exercise, &file, rlib, deps, &out)
                            .status()
                            .expect("rustc runs");
                        assert!(compiled.success(), "bare rustc failed on {}", exercise.name);
                        Command::new(&out)
                            .current_dir(&course.root)
                            .stdin(Stdio::null())
                            .stdout(Stdio::null())
                            .stderr(Stdio::null())
                            .status()
                            .expect("the exercise runs");
                    }
                })
                .expect("a worker thread");
        }
    });
    started.elapsed()
}

/// The runner's peak resident memory in bytes, sampled from /proc while it runs.
fn peak_memory(course: &Course, args: &[&str]) -> Option<u64> {
    let mut child = runner(course, args).spawn().expect("the runner starts");
    let status = PathBuf::from(format!("/proc/{}/status", child.id()));
    let mut peak = None;
    loop {
        if let Ok(text) = fs::read_to_string(&status)
            && let Some(kib) = text
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|value| {
                    value
                        .trim()
                        .trim_end_matches("kB")
                        .trim()
                        .parse::<u64>()
                        .ok()
                })
        {
            peak = Some(kib * 1024);
        }
        if child.try_wait().expect("wait").is_some() {
            return peak;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}
