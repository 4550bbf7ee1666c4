//! Issue 13, points 2 to 10: every process the runner starts ends with the
//! check, every wait is bounded, nothing false reaches the learner, nothing
//! is left behind. Each test reproduces one case with the real binary on a
//! fixture pack, and checks at its end that no process it started survives
//! (each carries the test's own marker in its environment, see
//! `util::Marker`). Deadlines here guard against a hang; none is a speed
//! claim.

#![cfg(unix)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as StdCommand, Output, Stdio};
use std::time::{Duration, Instant};

use rustix::process::Signal;

use crate::marker::{MARKER_VAR, Marker, kill, running};
use crate::pty::Pty;
use crate::util::{
    Course, Fixture, code, copy_dir, folded, pack, repository, runner_in, shared_target, stderr,
    stdout,
};

/// A guard against a hang: the first check may build the library.
const DEADLINE: Duration = Duration::from_secs(300);

/// Waits until `pid` is gone; whether it went before the guard.
fn ends(pid: u32) -> bool {
    let start = Instant::now();
    while running(pid) {
        if start.elapsed() > Duration::from_secs(30) {
            return false;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    true
}

/// Waits for the file at `path` to hold a pid (written by an exercise when
/// it starts), and returns it.
fn pid_in(path: &Path) -> u32 {
    let start = Instant::now();
    loop {
        if let Some(pid) = fs::read_to_string(path)
            .ok()
            .and_then(|text| text.trim().parse().ok())
        {
            return pid;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "{} never got a pid",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Sets `timeout_secs` of the exercise called `name` in the fixture's
/// info.toml.
fn set_timeout(fixture: &Fixture, name: &str, seconds: u64) {
    let info = fixture.read("info.toml");
    let start = info
        .find(&format!("name = \"{name}\"\n"))
        .unwrap_or_else(|| panic!("no exercise {name}"));
    let mode = start + info[start..].find("mode = ").expect("a mode line");
    let end = mode + info[mode..].find('\n').expect("end of the mode line") + 1;
    let rest = &info[end..];
    // The exercise may have a limit already: the new one replaces it.
    let rest = match rest.strip_prefix("timeout_secs = ") {
        Some(after) => &after[after.find('\n').expect("end of line") + 1..],
        None => rest,
    };
    fixture.write(
        "info.toml",
        &format!("{}timeout_secs = {seconds}\n{rest}", &info[..end]),
    );
}

/// A run-mode exercise that writes its pid to `pid_file`, then sleeps in
/// a loop forever.
fn looping_program(pid_file: &Path) -> String {
    format!(
        "fn main() {{\n    \
             std::fs::write({pid_file:?}, std::process::id().to_string()).unwrap();\n    \
             loop {{\n        std::thread::sleep(std::time::Duration::from_millis(20));\n    }}\n\
         }}\n",
        pid_file = pid_file.display().to_string()
    )
}

/// A test-mode exercise whose one test runs `body`.
fn test_file(body: &str) -> String {
    format!(
        "fn main() {{}}\n\n#[cfg(test)]\nmod tests {{\n    #[test]\n    fn it_runs() {{\n{body}\n    }}\n}}\n"
    )
}

/// The runner with `args` in the fixture, the marker set, started in the
/// background.
fn spawn_runner(fixture: &Fixture, marker: &Marker, args: &[&str]) -> Child {
    StdCommand::new(env!("CARGO_BIN_EXE_typed-ai-rustlings"))
        .args(args)
        .current_dir(fixture.root())
        .env("CARGO_TARGET_DIR", shared_target())
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "0")
        .env(MARKER_VAR, marker.value())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the runner starts")
}

/// Waits for a runner started by [`spawn_runner`]; panics (after killing
/// it) if it is still running at the guard.
fn finish(child: Child) -> Output {
    let pid = child.id();
    let waiter = std::thread::Builder::new()
        .name("runner-wait".to_owned())
        .spawn(move || child.wait_with_output())
        .expect("a thread to wait on the runner");
    let start = Instant::now();
    while !waiter.is_finished() {
        if start.elapsed() > DEADLINE {
            kill(pid, Signal::KILL);
            panic!("the runner hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    waiter
        .join()
        .expect("the waiting thread")
        .expect("the runner's output")
}

fn runner_path() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_typed-ai-rustlings"))
}

/// The runner in a pseudo-terminal in the fixture, with the marker set.
fn runner_in_pty(fixture: &Fixture, marker: &Marker, args: &[&str]) -> Pty {
    let target = shared_target();
    Pty::spawn(
        runner_path(),
        args,
        fixture.root(),
        &[
            ("CARGO_TARGET_DIR", target.to_str().expect("a UTF-8 path")),
            ("NO_COLOR", "1"),
            (MARKER_VAR, marker.value()),
        ],
        (100, 30),
    )
}

/// The pid of the watch running on the course at `root`, as it names
/// itself in its lock's holder note.
fn watch_pid(root: &Path) -> u32 {
    let note = root.join(".typed-ai-rustlings/watch.lock.holder");
    let start = Instant::now();
    loop {
        if let Some(pid) = fs::read_to_string(&note).ok().and_then(|text| {
            text.lines()
                .find_map(|line| line.strip_prefix("pid = "))
                .and_then(|pid| pid.trim().parse().ok())
        }) {
            return pid;
        }
        assert!(start.elapsed() < DEADLINE, "watch never said its pid");
        std::thread::sleep(Duration::from_millis(10));
    }
}

// Point 2 ------------------------------------------------------------------

/// `run` on an exercise that loops, then Ctrl-C at the terminal: the
/// runner used to die of the SIGINT and leave the program looping with
/// parent 1 (it has a process group of its own, which the terminal's
/// Ctrl-C does not reach). Now the program's group is killed and the
/// runner says the check was stopped, with exit code 130.
#[test]
fn ctrl_c_during_run_stops_the_exercise_with_it() {
    let marker = Marker::new("ctrl_c_during_run");
    let fixture = Fixture::new("outcomes");
    set_timeout(&fixture, "loops_forever", 600);
    let pid_file = fixture.root().join("loop.pid");
    fixture.write_exercise("01_outcomes/loops_forever.rs", &looping_program(&pid_file));
    let mut pty = runner_in_pty(&fixture, &marker, &["run", "loops_forever"]);
    let program = pid_in(&pid_file);
    pty.send("\u{3}");
    assert_eq!(pty.wait_exit(DEADLINE), 130, "{}", pty.screen());
    assert!(ends(program), "the exercise {program} kept running");
    pty.wait_for("the check was stopped before it finished", DEADLINE);
    marker.assert_none_survive();
}

/// `verify -j 2` with two looping exercises, then Ctrl-C: both are stopped.
#[test]
fn ctrl_c_during_verify_stops_every_running_check() {
    let marker = Marker::new("ctrl_c_during_verify");
    let fixture = Fixture::new("outcomes");
    // The first two exercises in course order, checked two at a time.
    set_timeout(&fixture, "passes", 600);
    set_timeout(&fixture, "type_mismatch", 600);
    let first = fixture.root().join("first.pid");
    let second = fixture.root().join("second.pid");
    fixture.write_exercise(
        "01_outcomes/passes.rs",
        &test_file(&format!(
            "        std::fs::write({:?}, std::process::id().to_string()).unwrap();\n        \
             loop {{ std::thread::sleep(std::time::Duration::from_millis(20)); }}",
            first.display().to_string()
        )),
    );
    fixture.write_exercise("01_outcomes/type_mismatch.rs", &looping_program(&second));
    let mut pty = runner_in_pty(&fixture, &marker, &["verify", "-j", "2"]);
    let pids = [pid_in(&first), pid_in(&second)];
    pty.send("\u{3}");
    assert_eq!(pty.wait_exit(DEADLINE), 130, "{}", pty.screen());
    for pid in pids {
        assert!(ends(pid), "the exercise {pid} kept running");
    }
    marker.assert_none_survive();
}

/// SIGTERM or SIGHUP to watch while a check loops: the check's group is
/// killed, and the terminal given back (the alternate screen left, the
/// cursor shown), where the alternate screen used to stay on with the
/// cursor hidden.
#[test]
fn sigterm_and_sighup_to_watch_stop_the_check_and_give_the_terminal_back() {
    for (signal, name) in [(Signal::TERM, "sigterm"), (Signal::HUP, "sighup")] {
        let marker = Marker::new(&format!("{name}_to_watch"));
        let fixture = Fixture::new("outcomes");
        set_timeout(&fixture, "passes", 600);
        let pid_file = fixture.root().join("loop.pid");
        fixture.write_exercise(
            "01_outcomes/passes.rs",
            &test_file(&format!(
                "        std::fs::write({:?}, std::process::id().to_string()).unwrap();\n        \
                 loop {{ std::thread::sleep(std::time::Duration::from_millis(20)); }}",
                pid_file.display().to_string()
            )),
        );
        let mut pty = runner_in_pty(&fixture, &marker, &[]);
        pty.wait_for("Enter start", DEADLINE);
        pty.send("\r");
        let program = pid_in(&pid_file);
        let before = pty.raw().len();
        kill(watch_pid(fixture.root()), signal);
        assert_eq!(pty.wait_exit(DEADLINE), 130, "{name}: {}", pty.screen());
        assert!(ends(program), "{name}: the exercise {program} kept running");
        if signal == Signal::TERM {
            // After SIGHUP the terminal is gone: there is nothing to restore.
            // What watch wrote last may reach us just after it exits.
            let start = Instant::now();
            let restored =
                |after: &str| after.contains("\u{1b}[?1049l") && after.contains("\u{1b}[?25h");
            let mut after = String::new();
            while start.elapsed() < DEADLINE {
                after = String::from_utf8_lossy(&pty.raw()[before..]).into_owned();
                if restored(&after) {
                    break;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            assert!(
                after.contains("\u{1b}[?1049l"),
                "{name}: the alternate screen was left on: {after:?}"
            );
            assert!(
                after.contains("\u{1b}[?25h"),
                "{name}: the cursor stayed hidden: {after:?}"
            );
        }
        marker.assert_none_survive();
    }
}

// Point 3 ------------------------------------------------------------------

/// A test that starts `setsid sleep 1001 &` (out of the check's process
/// group, holding its output open) and then loops: `run` used to wait the
/// whole 1001 s, and quitting watch hung at "Stopping the running check".
/// The time limit now holds, and the verdict says the output may be cut.
#[test]
fn an_escaped_child_does_not_hold_the_runner_past_the_time_limit() {
    let marker = Marker::new("escaped_child");
    let fixture = Fixture::new("outcomes");
    set_timeout(&fixture, "passes", 2);
    let escaped = fixture.root().join("escaped.pid");
    fixture.write_exercise(
        "01_outcomes/passes.rs",
        &test_file(&format!(
            "        std::process::Command::new(\"sh\")\n            \
                 .arg(\"-c\")\n            \
                 .arg(format!(\"setsid sleep 1001 & echo $! > '{{}}'\", {:?}))\n            \
                 .status()\n            \
                 .unwrap();\n        \
             loop {{ std::thread::sleep(std::time::Duration::from_millis(20)); }}",
            escaped.display().to_string()
        )),
    );
    let run = finish(spawn_runner(&fixture, &marker, &["run", "passes"]));
    let sleeper = pid_in(&escaped);
    let escaped_alive = running(sleeper);
    kill(sleeper, Signal::KILL);
    let shown = stdout(&run);
    assert_eq!(code(&run), 1, "{shown}{}", stderr(&run));
    assert!(
        shown.contains("was stopped after 2 s without finishing"),
        "{shown}"
    );
    assert!(
        shown.contains("what came after is not shown"),
        "the output does not say it may be cut:\n{shown}"
    );
    assert!(
        escaped_alive,
        "the escaped sleep was meant to outlive the check"
    );

    // Quitting watch during such a check does not hang either.
    fs::remove_file(&escaped).expect("remove the pid file");
    set_timeout(&fixture, "passes", 600);
    let mut pty = runner_in_pty(&fixture, &marker, &[]);
    pty.wait_for("Enter start", DEADLINE);
    pty.send("\r");
    let sleeper = pid_in(&escaped);
    pty.wait_for("Checking passes", DEADLINE);
    pty.send("q");
    let quit = pty.wait_exit(DEADLINE);
    kill(sleeper, Signal::KILL);
    assert_eq!(quit, 0, "{}", pty.screen());
    marker.assert_none_survive();
}

// Point 4 ------------------------------------------------------------------

/// A passing test that leaves `sleep 30` running (holding the output):
/// it was judged "stopped after 10 s without finishing". The verdict now
/// follows the test process's own exit, and the leftover is killed and
/// noted.
#[test]
fn a_passing_test_with_a_background_child_passes_and_the_child_is_stopped() {
    let marker = Marker::new("background_child");
    let fixture = Fixture::new("outcomes");
    let child_pid = fixture.root().join("child.pid");
    fixture.write_exercise(
        "01_outcomes/passes.rs",
        &test_file(&format!(
            "        let child = std::process::Command::new(\"sleep\").arg(\"30\").spawn().unwrap();\n        \
             std::fs::write({:?}, child.id().to_string()).unwrap();\n        \
             assert_eq!(1 + 1, 2);",
            child_pid.display().to_string()
        )),
    );
    let run = finish(spawn_runner(&fixture, &marker, &["run", "passes"]));
    let shown = stdout(&run);
    assert_eq!(code(&run), 0, "{shown}{}", stderr(&run));
    assert!(shown.contains("✓ `passes` passes."), "{shown}");
    assert!(
        shown.contains("it left processes running when it ended; the runner stopped them"),
        "{shown}"
    );
    assert!(
        ends(pid_in(&child_pid)),
        "the background sleep kept running"
    );
    marker.assert_none_survive();
}

// Point 5 ------------------------------------------------------------------

/// A compiler that forwards to the real rustc except when it compiles
/// `passes.rs` (or, with `probe`, when asked `-vV`), where it runs
/// `misbehave` instead.
fn fake_rustc(dir: &Path, name: &str, probe: bool, misbehave: &str) -> PathBuf {
    let real = std::env::split_paths(&std::env::var_os("PATH").expect("PATH"))
        .map(|dir| dir.join("rustc"))
        .find(|candidate| candidate.is_file())
        .expect("rustc on PATH");
    let condition = if probe {
        "[ \"$1\" = \"-vV\" ]"
    } else {
        "case \"$*\" in *passes.rs*) true ;; *) false ;; esac"
    };
    let script = format!(
        "#!/bin/sh\nif {condition}; then\n  {misbehave}\nfi\nexec '{}' \"$@\"\n",
        real.display()
    );
    let path = dir.join(name);
    fs::write(&path, script).expect("write the fake compiler");
    let mut permissions = fs::metadata(&path).expect("its metadata").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    fs::set_permissions(&path, permissions).expect("make it executable");
    path
}

/// A compiler killed by a signal was "does not compile yet (0 errors)",
/// exit 1, and cached; a hung one hung `run` forever (in the version probe
/// or the compile). Each is now the environment's problem (exit 3), named,
/// never cached, and bounded by a configurable limit.
#[test]
fn a_compiler_that_dies_hangs_or_says_nothing_is_exit_3_and_never_cached() {
    let marker = Marker::new("broken_compiler");
    let fixture = Fixture::new("outcomes");
    let cases = [
        ("killed", false, "kill -9 $$", "it was killed by signal 9"),
        (
            "hangs",
            false,
            "exec sleep 1000",
            "it was still running after 2 s and was stopped",
        ),
        (
            "silent-success",
            false,
            "exit 0",
            "it exited with code 0 but wrote no program",
        ),
        (
            "silent-failure",
            false,
            "echo 'rustc: something broke' >&2; exit 1",
            "it exited with code 1 without reporting an error",
        ),
        (
            "probe-hangs",
            true,
            "exec sleep 1000",
            "it did not answer within 2 s and was stopped",
        ),
    ];
    for (name, probe, misbehave, says) in cases {
        let rustc = fake_rustc(fixture.root(), name, probe, misbehave);
        // Twice: a verdict cached by the first would answer the second.
        for attempt in 1..=2 {
            let output = fixture
                .runner()
                .env("RUSTC", &rustc)
                .env("TYPED_AI_RUSTLINGS_COMPILER_TIMEOUT", "2")
                .env(MARKER_VAR, marker.value())
                .args(["run", "passes"])
                .output()
                .expect("the runner starts");
            let text = format!("{}{}", stdout(&output), stderr(&output));
            assert_eq!(code(&output), 3, "{name}, attempt {attempt}:\n{text}");
            assert!(text.contains(says), "{name}, attempt {attempt}:\n{text}");
            assert!(
                !text.contains("does not compile yet"),
                "{name}: blamed on the learner:\n{text}"
            );
        }
    }
    // The real compiler again: the exercise is checked, not answered from
    // a cache filled by a broken one.
    let output = fixture.run(&["run", "passes"]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    marker.assert_none_survive();
}

// Point 6 ------------------------------------------------------------------

/// A program's output, and a compile error's message, reached the terminal
/// raw in `run` and `verify` with colour on: a program could set the
/// clipboard (OSC 52), the window title, or clear the screen. Only colour
/// gets through now.
#[test]
fn only_colour_of_a_programs_output_reaches_the_terminal() {
    let fixture = Fixture::new("outcomes");
    fixture.write_exercise(
        "01_outcomes/panics.rs",
        "fn main() {\n    \
             println!(\"\\u{1b}[31mred loss\\u{1b}[0m\");\n    \
             println!(\"\\u{1b}]52;c;c2VjcmV0\\u{7}clipboard\");\n    \
             println!(\"\\u{1b}]0;owned\\u{7}title\");\n    \
             println!(\"\\u{1b}[2J\\u{1b}[Hcleared\");\n    \
             // What the exercise's pass contract asks for.\n    \
             println!(\"a vector of 1 value\");\n\
         }\n",
    );
    fixture.write_exercise(
        "01_outcomes/returns_err.rs",
        "compile_error!(\"\\u{1b}]52;c;c2VjcmV0\\u{7}\\u{1b}[2Jgone\");\nfn main() {}\n",
    );
    let hostile = ["\u{1b}]52", "\u{1b}]0;", "\u{1b}[2J", "\u{1b}[H", "\u{7}"];
    let run = fixture.run(&["--color", "always", "run", "panics"]);
    let shown = stdout(&run);
    assert_eq!(code(&run), 0, "{shown}{}", stderr(&run));
    assert!(shown.contains("\u{1b}[31mred loss\u{1b}[0m"), "{shown:?}");
    for text in ["clipboard", "title", "cleared"] {
        assert!(shown.contains(text), "{text} is missing: {shown:?}");
    }
    for (what, output) in [
        ("run", run),
        (
            "run returns_err",
            fixture.run(&["--color", "always", "run", "returns_err"]),
        ),
        ("verify", fixture.run(&["--color", "always", "verify"])),
    ] {
        let all = format!("{}{}", stdout(&output), stderr(&output));
        for sequence in hostile {
            assert!(
                !all.contains(sequence),
                "{what} let {sequence:?} through:\n{all:?}"
            );
        }
    }
}

// Point 7 ------------------------------------------------------------------

/// Deleting `.typed-ai-rustlings/` while watch runs: every pass said
/// "Progress not saved" and a second watch could start. Watch now makes the
/// folder and its lock again, and says so; a progress file damaged while
/// watch runs is reported on screen at once, not after quitting.
#[test]
fn watch_makes_a_deleted_progress_folder_again_and_says_when_progress_is_damaged() {
    let marker = Marker::new("progress_folder");
    let fixture = Fixture::new("watch");
    let mut pty = runner_in_pty(&fixture, &marker, &[]);
    pty.wait_for("Enter start", DEADLINE);
    pty.send("\r");
    pty.wait_for("does not compile yet", DEADLINE);
    let folder = fixture.root().join(".typed-ai-rustlings");
    // Watch may be writing the verdict's progress right now: delete until
    // the folder is gone, as `rm -rf` run again would.
    let start = Instant::now();
    while let Err(error) = fs::remove_dir_all(&folder) {
        assert!(
            start.elapsed() < DEADLINE,
            "cannot delete the folder: {error}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    pty.wait_until(DEADLINE, "the note on the deleted folder", |screen| {
        folded(screen).contains("was deleted while watch ran")
    });
    assert!(
        folder.join("watch.lock").is_file(),
        "the watch lock is back"
    );

    // A second watch is refused, as before the folder went.
    let mut second = runner_in_pty(&fixture, &marker, &[]);
    assert_eq!(second.wait_exit(DEADLINE), 2, "{}", second.screen());
    // What it printed may reach the screen just after it exits.
    second.wait_until(DEADLINE, "the refusal", |screen| {
        folded(screen).contains("watch is already running")
    });

    // A pass is saved in the new folder.
    fixture.solve("01_first/count_tokens.rs");
    pty.wait_for("count_tokens passes! On to the next exercise.", DEADLINE);
    let start = Instant::now();
    while !fs::read_to_string(folder.join("state.toml"))
        .is_ok_and(|state| state.contains("count_tokens"))
    {
        assert!(start.elapsed() < DEADLINE, "the pass was never saved");
        std::thread::sleep(Duration::from_millis(20));
    }

    // A damaged progress file is said on screen.
    fs::write(folder.join("state.toml"), "format_version = 1\ndone = [\n").expect("damage it");
    pty.wait_until(DEADLINE, "the damaged progress said on screen", |screen| {
        folded(screen).contains("is damaged")
    });
    pty.send("q");
    assert_eq!(pty.wait_exit(DEADLINE), 0);
    marker.assert_none_survive();
}

// Point 8 ------------------------------------------------------------------

/// kill -9 during a write left `state.lock.holder.<pid>` files forever and
/// `.tmp` files behind; those of processes that are gone are now removed
/// (by the next command for the progress folder, by the next write in an
/// exercise folder), those of running ones kept.
#[test]
fn what_killed_runners_left_half_written_is_cleaned_and_nothing_of_the_living() {
    let course = Course::init("basic");
    let folder = course.root.join(".typed-ai-rustlings");
    let dead = {
        let mut child = StdCommand::new("true").spawn().expect("true starts");
        let pid = child.id();
        child.wait().expect("true ends");
        pid
    };
    let alive = std::process::id();
    let chapter = course.root.join("exercises/01_basics");
    let leftovers = [
        folder.join(format!("state.lock.holder.{dead}")),
        folder.join(format!(".typed-ai-rustlings-{dead}-Qx7Ab2.tmp")),
        chapter.join(format!(".typed-ai-rustlings-{dead}-Zz9Yy8.tmp")),
    ];
    let kept = [
        folder.join(format!("state.lock.holder.{alive}")),
        folder.join(format!(".typed-ai-rustlings-{alive}-Qx7Ab2.tmp")),
    ];
    for file in leftovers.iter().chain(&kept) {
        fs::write(file, "half written").expect("a leftover");
    }
    let list = course.run().arg("list").output().expect("list runs");
    assert!(list.status.success(), "{}", stderr(&list));
    course.write("exercises/01_basics/intro.rs", "// edited\n");
    let reset = course
        .run()
        .args(["reset", "intro"])
        .output()
        .expect("reset runs");
    assert!(reset.status.success(), "{}", stderr(&reset));
    for file in &leftovers {
        assert!(!file.exists(), "{} is still there", file.display());
    }
    for file in &kept {
        assert!(
            file.exists(),
            "{} of a running process went",
            file.display()
        );
    }
}

// Point 9 ------------------------------------------------------------------

/// A `solutions/<chapter>` symlinked out of the course made the runner
/// write the reference solution there; it now refuses, and says why.
#[test]
fn no_reference_solution_is_written_through_a_link_out_of_the_course() {
    let course = Course::init("basic");
    let outside = tempfile::tempdir().expect("a temporary folder");
    fs::create_dir_all(course.root.join("solutions")).expect("solutions/");
    std::os::unix::fs::symlink(outside.path(), course.root.join("solutions/01_basics"))
        .expect("link the chapter out");
    fs::copy(
        pack("basic").join("solutions/01_basics/intro.rs"),
        course.root.join("exercises/01_basics/intro.rs"),
    )
    .expect("solve intro");
    let run = course
        .run()
        .args(["run", "intro"])
        .output()
        .expect("run runs");
    assert_eq!(code(&run), 0, "{}{}", stdout(&run), stderr(&run));
    assert!(
        stderr(&run).contains("leads outside the course folder"),
        "{}",
        stderr(&run)
    );
    assert_eq!(
        fs::read_dir(outside.path())
            .expect("the outside folder")
            .count(),
        0,
        "something was written outside the course"
    );
}

/// A mutant that is a symbolic link to a file outside the challenge (say
/// `/etc/passwd`) was read into a compile error; it is now a missing part.
#[test]
fn a_mutant_linked_out_of_the_challenge_is_refused_unread() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let copy = dir.path().join("centring");
    copy_dir(
        &repository().join("tests/fixtures/challenges/passing"),
        &copy,
    );
    let secret = dir.path().join("passwd");
    fs::write(&secret, "root:x:0:0:SECRET-LINE:/root:/bin/sh\n").expect("a secret");
    let mutant = copy.join("mutants/divides_by_n_minus_one.rs");
    fs::remove_file(&mutant).expect("remove the mutant");
    std::os::unix::fs::symlink(&secret, &mutant).expect("link it out");
    let library = repository().join("crates/typed-ai");
    let output = runner_in(dir.path())
        .args(["challenge", "check", "centring", "--library"])
        .arg(&library)
        .output()
        .expect("check runs");
    let all = format!("{}{}", stdout(&output), stderr(&output));
    assert_eq!(code(&output), 1, "{all}");
    assert!(all.contains("outside the challenge"), "{all}");
    assert!(
        !all.contains("SECRET-LINE"),
        "the linked file was read:\n{all}"
    );
}

/// `init --update` overwrote an edited info.toml and library without a
/// backup; it now keeps the edited versions beside them, as `reset` does.
#[test]
fn init_update_keeps_a_backup_of_an_edited_info_toml_and_library() {
    let course = Course::init("basic");
    let info = course.read("info.toml");
    let edited_info = format!("# my note\n{info}");
    course.write("info.toml", &edited_info);
    let lib = course.read("typed-ai/src/lib.rs");
    let edited_lib = format!("{lib}\n// my experiment\n");
    course.write("typed-ai/src/lib.rs", &edited_lib);
    let update = course
        .run()
        .args(["init", "--update", ".", "--source"])
        .arg(pack("newer"))
        .output()
        .expect("update runs");
    assert!(update.status.success(), "{}", stderr(&update));
    assert_eq!(course.read("info.toml.bak-1"), edited_info);
    assert_eq!(course.read("typed-ai/src/lib.rs.bak-1"), edited_lib);
    assert!(course.read("typed-ai/src/lib.rs").contains("newer library"));
    assert!(
        !course.root.join("typed-ai/Cargo.toml.bak-1").exists(),
        "the manifest was not edited"
    );
    let said = stdout(&update);
    assert!(
        said.contains("backed up") && said.contains("info.toml.bak-1"),
        "{said}"
    );

    // Files the learner did not touch get no backup on the next update.
    let again = course
        .run()
        .args(["init", "--update", ".", "--source"])
        .arg(pack("basic"))
        .output()
        .expect("update runs");
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(!course.root.join("info.toml.bak-2").exists());
    assert!(!course.root.join("typed-ai/src/lib.rs.bak-2").exists());
}

/// `reset` reused a deleted `bak-2`, so `bak-2` ended up newer than
/// `bak-3`; backups are now numbered after the highest.
#[test]
fn reset_numbers_a_backup_after_the_highest_one() {
    let course = Course::init("basic");
    let file = "exercises/01_basics/shapes.rs";
    for attempt in 1..=3 {
        course.write(file, &format!("// attempt {attempt}\n"));
        let reset = course
            .run()
            .args(["reset", "shapes"])
            .output()
            .expect("reset runs");
        assert!(reset.status.success(), "{}", stderr(&reset));
    }
    fs::remove_file(course.root.join(format!("{file}.bak-2"))).expect("delete bak-2");
    course.write(file, "// attempt 4\n");
    let reset = course
        .run()
        .args(["reset", "shapes"])
        .output()
        .expect("reset runs");
    assert!(
        stdout(&reset).contains("shapes.rs.bak-4"),
        "{}",
        stdout(&reset)
    );
    assert_eq!(course.read(&format!("{file}.bak-4")), "// attempt 4\n");
    assert!(!course.root.join(format!("{file}.bak-2")).exists());
}

/// The "Next: cd ..." line broke in a shell for a folder with a space.
#[test]
fn the_next_step_after_init_is_quoted_for_the_shell() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let output = runner_in(dir.path())
        .args(["init", "my course", "--source"])
        .arg(pack("basic"))
        .output()
        .expect("init runs");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("Next: cd 'my course' && typed-ai-rustlings"),
        "{}",
        stdout(&output)
    );
}

// Point 10 -----------------------------------------------------------------

/// The peak memory (VmHWM) of `pid` while it runs, in bytes, polled until
/// it ends. A safety valve: past `valve` bytes the process is killed (the
/// cap under test did not hold), so a failing test cannot exhaust the
/// machine.
#[cfg(target_os = "linux")]
fn peak_memory(pid: u32, valve: u64) -> u64 {
    let mut peak = 0;
    while let Ok(status) = fs::read_to_string(format!("/proc/{pid}/status")) {
        let Some(kib) = status
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
        else {
            break;
        };
        peak = peak.max(kib * 1024);
        if peak > valve {
            kill(pid, Signal::KILL);
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    peak
}

/// A test printing without end grew to gigabytes (libtest keeps what a
/// test prints until the test ends, 1.4 GiB by the 10 s limit) and nothing
/// was shown when its time ran out. Its memory is now capped (Linux): it is
/// stopped at the cap, long before its time limit, and the verdict shows
/// what the harness printed and why it ended.
#[cfg(target_os = "linux")]
#[test]
fn a_test_printing_without_end_is_stopped_at_the_memory_cap_and_says_why() {
    let marker = Marker::new("printing_test");
    let fixture = Fixture::new("outcomes");
    // Only the cap may end it: the time limit is far away.
    set_timeout(&fixture, "passes", 600);
    let pid_file = fixture.root().join("flood.pid");
    fixture.write_exercise(
        "01_outcomes/passes.rs",
        &test_file(&format!(
            "        std::fs::write({:?}, std::process::id().to_string()).unwrap();\n        \
             let line = \"x\".repeat(4096);\n        \
             let mut step = 0_u64;\n        \
             loop {{ step += 1; println!(\"step {{step}} {{line}}\"); }}",
            pid_file.display().to_string()
        )),
    );
    let runner = spawn_runner(&fixture, &marker, &["run", "passes"]);
    let peak = peak_memory(pid_in(&pid_file), 2 * 1024 * 1024 * 1024);
    let run = finish(runner);
    let shown = stdout(&run);
    assert_eq!(code(&run), 1, "{shown}{}", stderr(&run));
    assert!(
        shown.contains("it asked for more memory than a program may use here (512 MiB)"),
        "{shown}"
    );
    assert!(
        shown.contains("memory allocation of"),
        "what the harness printed is shown:\n{shown}"
    );
    assert!(!shown.contains("without finishing"), "{shown}");
    // Hand count: the cap is 512 MiB of data; the binary's code and
    // libraries add a few MiB to what is resident.
    assert!(
        peak < 600 * 1024 * 1024,
        "the test process grew to {} MiB",
        peak / (1024 * 1024)
    );
    marker.assert_none_survive();
}
