//! Regression tests, each named after the bug it pins.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::pty::Pty;
use crate::util::{Fixture, code, copy_dir, repository, shared_target, stderr, stdout};

/// Every `libtyped_ai.rlib` under the runner's folder of the shared target,
/// with its bytes.
fn library_builds() -> Vec<(PathBuf, Vec<u8>)> {
    fn walk(dir: &Path, found: &mut Vec<(PathBuf, Vec<u8>)>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, found);
            } else if path
                .file_name()
                .is_some_and(|name| name == "libtyped_ai.rlib")
            {
                let bytes = fs::read(&path).expect("read an rlib");
                found.push((path, bytes));
            }
        }
    }
    let mut found = Vec::new();
    walk(&shared_target().join("typed-ai-rustlings"), &mut found);
    found
}

/// Two courses whose libraries live in different folders (the repository's
/// `crates/typed-ai` and a course folder's own `typed-ai/` copy) share one
/// `CARGO_TARGET_DIR`. cargo uplifts every build of the crate to the same
/// `debug/libtyped_ai.rlib`, so with one shared library target the second
/// course's build rewrote the first course's rlib; a check of the first course
/// running at that moment read one rlib when compiling and another when
/// linking, and failed with undefined `typed_ai` symbols. Each library now has
/// a build folder of its own: building one never rewrites another's rlib.
#[test]
fn two_libraries_under_one_target_dir_do_not_overwrite_each_other() {
    let shared = Fixture::new("clean");
    let own = Fixture::new("clean");
    // The second course gets a library folder of its own, as `init` makes.
    let library = own.root().join("typed-ai");
    fs::create_dir_all(&library).expect("a library folder");
    copy_dir(
        &repository().join("crates/typed-ai/src"),
        &library.join("src"),
    );
    // An empty [workspace] keeps cargo from looking for one above the temp folder.
    let manifest =
        fs::read_to_string(repository().join("crates/typed-ai/Cargo.toml")).expect("the manifest");
    fs::write(
        library.join("Cargo.toml"),
        format!("{manifest}\n[workspace]\n"),
    )
    .expect("write the manifest");
    let info = own.read("info.toml");
    let absolute = format!(
        "{:?}",
        repository().join("crates/typed-ai").display().to_string()
    );
    own.write(
        "info.toml",
        &info.replacen(
            &format!("library = {absolute}"),
            "library = \"typed-ai\"",
            1,
        ),
    );
    shared.solve_all();
    own.solve_all();

    let passes = |course: &Fixture, what: &str| {
        let output = course.run(&["verify"]);
        assert_eq!(
            code(&output),
            0,
            "{what}: every solved exercise must pass\n{}\n{}",
            stdout(&output),
            stderr(&output)
        );
    };
    passes(&shared, "the course using crates/typed-ai");
    let before = library_builds();
    assert!(!before.is_empty(), "the first course built its library");
    passes(&own, "the course with its own typed-ai/ copy");
    for (path, bytes) in &before {
        let now = fs::read(path).expect("the first course's rlib is still there");
        assert!(
            now == *bytes,
            "building the second course's library rewrote {}",
            path.display()
        );
    }
    // And the first course still checks (after an edit, so not from the cache).
    let exercise = "exercises/01_tokens/token_from_index.rs";
    let text = shared.read(exercise);
    shared.write(exercise, &format!("{text}// edited\n"));
    passes(&shared, "the first course again");
}

/// Quitting watch while an exercise ran killed the program (rightly, so the
/// quit does not wait for an endless loop) and then cached that kill as the
/// exercise's verdict, a timeout: until the file changed, every later `run`,
/// `verify` or watch answered "stopped after N s" from the cache for a
/// program that had never been allowed to finish. A stopped run is now
/// reported but never cached.
#[test]
fn a_run_stopped_by_quitting_watch_is_not_cached_as_a_timeout() {
    let fixture = Fixture::new("watch");
    // A time limit long enough that the check is surely still running when
    // `q` arrives; the `run` below pays it once.
    fixture.edit(
        "info.toml",
        "mode = \"run\"\n",
        "mode = \"run\"\ntimeout_secs = 5\n",
    );
    fixture.write(
        "exercises/01_first/count_tokens.rs",
        "fn main() {\n    loop {\n        std::thread::sleep(std::time::Duration::from_millis(10));\n    }\n}\n",
    );
    let target = shared_target();
    let mut watch = Pty::spawn(
        Path::new(env!("CARGO_BIN_EXE_typed-ai-rustlings")),
        &[],
        fixture.root(),
        &[
            ("CARGO_TARGET_DIR", target.to_str().expect("a UTF-8 path")),
            ("NO_COLOR", "1"),
        ],
        (80, 24),
    );
    // A guard against a hang (the first check may build the library).
    let deadline = Duration::from_secs(300);
    watch.wait_for("Enter start", deadline);
    watch.send("\r");
    watch.wait_for("Checking count_tokens", deadline);
    watch.send("q");
    assert_eq!(watch.wait_exit(deadline), 0);

    let output = fixture.run(&["run", "count_tokens"]);
    let shown = stdout(&output);
    assert_eq!(code(&output), 1, "{shown}");
    assert!(
        shown.contains("was stopped after 5 s without finishing"),
        "{shown}"
    );
    assert!(
        !shown.contains("the file is unchanged since it was last checked"),
        "the verdict of the stopped run was cached:\n{shown}"
    );
}

/// The engine hashed the file it read, but rustc read the file again by
/// its path: with saves A -> B -> A during a check, rustc could compile B
/// (a solution), the file was A again when the check ended, and the pass
/// was recorded (and cached) for A, a file that does not compile (issue 13,
/// point 1). The engine now compiles a snapshot of the bytes it read. A
/// compiler that starts half a second late (a loaded machine) makes the
/// race certain: B is saved while it waits.
#[test]
fn saves_during_a_check_never_attach_its_verdict_to_other_content_in_run() {
    let fixture = Fixture::new("clean");
    let slow = SlowCompiler::new("token_from_index");
    let file = "exercises/01_tokens/token_from_index.rs";
    let broken = fixture.read(file);
    let solution = fixture.read("solutions/01_tokens/token_from_index.rs");

    // Warm up: the toolchain probe and this content's verdict are cached.
    let first = slow.run(&fixture, &["run", "token_from_index"]);
    assert_eq!(code(&first), 1, "{}", stdout(&first));
    // New content (a comment), so the next check compiles.
    let a = format!("{broken}// try 2\n");
    fixture.write(file, &a);
    let compiles_before = slow.compiles();
    let running = slow
        .command(&fixture, &["run", "token_from_index"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the runner starts");
    // The compiler was called, so the runner has read A. B is saved while
    // the compiler waits, so a compiler reading the learner's path reads B;
    // A is saved again once it has (before the check ends, on most machines).
    slow.wait_for_compile(compiles_before);
    fixture.write(file, &solution);
    std::thread::sleep(AFTER_THE_COMPILER_READ);
    fixture.write(file, &a);
    let output = running.wait_with_output().expect("the runner ends");
    let shown = stdout(&output);
    assert_eq!(code(&output), 1, "the verdict is about A:\n{shown}");
    assert!(
        shown.contains("`token_from_index` does not compile yet (1 error)."),
        "{shown}"
    );
    assert!(
        !fixture
            .read(".typed-ai-rustlings/state.toml")
            .contains("done = [\"token_from_index\"]"),
        "no pass recorded for a file that does not compile"
    );
    // A again: the cached verdict is A's, and says so.
    let again = slow.run(&fixture, &["run", "token_from_index"]);
    assert!(
        stdout(&again).contains(
            "does not compile yet (1 error). (the file is unchanged since it was last checked)"
        ),
        "{}",
        stdout(&again)
    );
    // The probe of the wrapper compiler ran once and was cached.
    assert_eq!(slow.probes(), 1, "{}", slow.log());
}

/// The same race in watch mode: a pass read from B moved the learner on
/// while their file (A) did not compile.
#[test]
fn saves_during_a_check_never_attach_its_verdict_to_other_content_in_watch() {
    let fixture = Fixture::new("clean");
    let slow = SlowCompiler::new("token_from_index");
    let file = "exercises/01_tokens/token_from_index.rs";
    let broken = fixture.read(file);
    let solution = fixture.read("solutions/01_tokens/token_from_index.rs");
    let target = shared_target();
    let (rustc, log) = (slow.path(), slow.log_path());
    let mut watch = Pty::spawn(
        Path::new(env!("CARGO_BIN_EXE_typed-ai-rustlings")),
        &[],
        fixture.root(),
        &[
            ("CARGO_TARGET_DIR", target.to_str().expect("a UTF-8 path")),
            ("NO_COLOR", "1"),
            ("RUSTC", rustc.as_str()),
            ("SLOW_COMPILER_LOG", log.as_str()),
        ],
        (100, 30),
    );
    let deadline = Duration::from_secs(300);
    watch.wait_for("Enter start", deadline);
    watch.send("\r");
    watch.wait_for(
        "`token_from_index` does not compile yet (1 error)",
        deadline,
    );
    // A save of new broken content (A) starts a check; B and A again are
    // saved while the compiler waits.
    let compiles_before = slow.compiles();
    let a = format!("{broken}// try 3\n");
    fixture.write(file, &a);
    slow.wait_for_compile(compiles_before);
    fixture.write(file, &solution);
    std::thread::sleep(AFTER_THE_COMPILER_READ);
    fixture.write(file, &a);
    watch.wait_until(deadline, "the check to end", |screen| {
        !screen.contains("Checking")
            && (screen.contains("does not compile yet") || screen.contains("passes"))
    });
    // Any re-check the saves queued has had time to start and end.
    std::thread::sleep(Duration::from_secs(2));
    watch.wait_until(deadline, "every check to end", |screen| {
        !screen.contains("Checking")
    });
    let screen = watch.screen();
    assert!(
        screen.contains("`token_from_index` does not compile yet (1 error)"),
        "{screen}"
    );
    assert!(!screen.contains("passes"), "{screen}");
    watch.send("q");
    assert_eq!(watch.wait_exit(deadline), 0);
    assert!(
        !fixture
            .read(".typed-ai-rustlings/state.toml")
            .contains("done = [\"token_from_index\"]"),
        "watch did not record a pass for A"
    );
}

/// How long after the slow compiler is called the learner saves A again:
/// past its half-second wait, so it has read the file by then, and (on most
/// machines) before it has finished. The tests hold whatever the timing.
const AFTER_THE_COMPILER_READ: Duration = Duration::from_millis(650);

/// A `$RUSTC` that waits half a second before compiling `crate` (and logs
/// each call), as a loaded machine's compiler would start late.
struct SlowCompiler {
    dir: tempfile::TempDir,
}

impl SlowCompiler {
    /// A wrapper that is slow for the crate `crate_name`.
    fn new(crate_name: &str) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let script = dir.path().join("slow-rustc");
        fs::write(
            &script,
            format!(
                "#!/bin/sh\n\
                 case \" $* \" in\n\
                 *\" --crate-name {crate_name} \"*) echo compile >> \"$SLOW_COMPILER_LOG\"; sleep 0.5 ;;\n\
                 *) echo \"$*\" >> \"$SLOW_COMPILER_LOG\" ;;\n\
                 esac\n\
                 exec rustc \"$@\"\n"
            ),
        )
        .expect("write the wrapper");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&script, fs::Permissions::from_mode(0o755))
                .expect("make the wrapper executable");
        }
        fs::write(dir.path().join("log"), "").expect("the log");
        Self { dir }
    }

    /// The wrapper, to be `$RUSTC`.
    fn path(&self) -> String {
        self.dir.path().join("slow-rustc").display().to_string()
    }

    /// Its log, to be `$SLOW_COMPILER_LOG`.
    fn log_path(&self) -> String {
        self.dir.path().join("log").display().to_string()
    }

    /// Every call, one line each (`compile` for the exercise's).
    fn log(&self) -> String {
        fs::read_to_string(self.dir.path().join("log")).unwrap_or_default()
    }

    /// How many times the exercise was compiled.
    fn compiles(&self) -> usize {
        self.log().lines().filter(|line| *line == "compile").count()
    }

    /// How many times the toolchain was probed (`rustc -vV`).
    fn probes(&self) -> usize {
        self.log()
            .lines()
            .filter(|line| line.contains("-vV"))
            .count()
    }

    /// Waits until the exercise has been compiled more than `before` times.
    fn wait_for_compile(&self, before: usize) {
        let started = std::time::Instant::now();
        while self.compiles() == before {
            assert!(
                started.elapsed() < Duration::from_secs(300),
                "the compiler never started:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// The runner in `fixture` with this compiler.
    fn command(&self, fixture: &Fixture, args: &[&str]) -> std::process::Command {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_typed-ai-rustlings"));
        command
            .args(args)
            .current_dir(fixture.root())
            .env("CARGO_TARGET_DIR", shared_target())
            .env("NO_COLOR", "1")
            .env("RUST_BACKTRACE", "0")
            .env("RUSTC", self.path())
            .env("SLOW_COMPILER_LOG", self.log_path());
        command
    }

    /// Runs [`SlowCompiler::command`] to the end.
    fn run(&self, fixture: &Fixture, args: &[&str]) -> std::process::Output {
        self.command(fixture, args)
            .output()
            .expect("the runner runs")
    }
}

/// A program that rewrote its own file while it ran used to be checked as
/// "changed during its check" and never cached. The verdict is about the
/// bytes that were read and compiled, whatever the file holds afterwards:
/// it is cached under those bytes, the new content is checked on its own,
/// and going back to the first content is answered from the cache with
/// its own verdict.
#[test]
fn a_file_saved_during_its_check_is_judged_and_cached_by_the_bytes_compiled() {
    let fixture = Fixture::new("clean");
    let relative = "exercises/01_tokens/token_from_index.rs";
    let saves_itself = format!(
        "use typed_ai::TokenId;\n\n\
         fn main() {{\n    \
             let token: TokenId = TokenId::new(2);\n    \
             println!(\"token index {{}}\", token.index());\n    \
             // A save while the check runs: the editor writes new content.\n    \
             std::fs::write({relative:?}, \"fn main() {{ let x: u8 = 300; }}\\n\").unwrap();\n\
         }}\n"
    );
    fixture.write(relative, &saves_itself);
    let first = fixture.run(&["run", "token_from_index"]);
    assert_eq!(code(&first), 0, "{}\n{}", stdout(&first), stderr(&first));
    let saved = fixture.read(relative);
    assert!(saved.contains("300"));

    // Back to the content that was checked: its own verdict, from the cache.
    fixture.write(relative, &saves_itself);
    let second = fixture.run(&["run", "token_from_index"]);
    assert_eq!(code(&second), 0, "{}\n{}", stdout(&second), stderr(&second));
    assert!(
        stdout(&second).contains("(the file is unchanged since it was last checked)"),
        "{}",
        stdout(&second)
    );

    // The content it saved is checked on its own: it does not compile.
    fixture.write(relative, &saved);
    let third = fixture.run(&["run", "token_from_index"]);
    assert_eq!(code(&third), 1, "{}", stdout(&third));
}
