//! Progress through the binary: hint levels, a damaged state file, a held
//! lock, and two processes changing progress at once.

use std::fs::OpenOptions;
use std::thread;

use fs4::FileExt;

use crate::util::{Course, stderr, stdout};

#[test]
fn hint_levels_advance_one_step_at_a_time_and_persist() {
    let course = Course::init("basic");
    let first = stdout(&course.run().arg("hint").output().unwrap());
    assert!(
        first.starts_with("intro (exercises/01_basics/intro.rs), hint 1 of 3:"),
        "{first}"
    );
    assert!(
        first.contains("1. Look at the literal.") && !first.contains("2. "),
        "{first}"
    );

    let second = stdout(&course.run().arg("hint").output().unwrap());
    assert!(
        second.contains("hint 2 of 3") && second.contains("1. Look at the literal."),
        "{second}"
    );
    assert!(second.contains("2. The function wants a u32."), "{second}");

    // Another exercise has its own level; --all reveals the rest at once.
    let all = stdout(
        &course
            .run()
            .args(["hint", "shapes", "--all"])
            .output()
            .unwrap(),
    );
    assert!(
        all.contains("all 3 hints") && all.contains("3. Return (2, 3)."),
        "{all}"
    );

    let state = std::fs::read_to_string(course.state_file()).unwrap();
    assert!(
        state.contains("[exercises.intro]\nhint_level = 2"),
        "{state}"
    );
    assert!(
        state.contains("[exercises.shapes]\nhint_level = 3"),
        "{state}"
    );
}

#[test]
fn a_damaged_progress_file_gives_a_warning_and_a_backup() {
    let course = Course::init("basic");
    let damaged = "format_version = 1\ndone = [\"intro\", \"sha";
    std::fs::write(course.state_file(), damaged).unwrap();

    let output = course.run().arg("list").output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let warning = stderr(&output);
    assert!(warning.contains("warning: your progress file"), "{warning}");
    assert!(
        warning.contains("state.toml:2:"),
        "names the line: {warning}"
    );
    assert!(
        warning.contains("typed-ai-rustlings verify"),
        "says how to rebuild: {warning}"
    );
    assert!(
        stdout(&output).starts_with("Progress: 0 of 3 done"),
        "{}",
        stdout(&output)
    );

    let backups: Vec<_> = std::fs::read_dir(course.root.join(".typed-ai-rustlings"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("state.toml.corrupt-")
        })
        .collect();
    assert_eq!(backups.len(), 1, "one backup");
    assert_eq!(std::fs::read_to_string(&backups[0]).unwrap(), damaged);

    let quiet = course.run().arg("list").output().unwrap();
    assert_eq!(stderr(&quiet), "", "warned once, not on every command");
}

#[test]
fn a_held_lock_is_reported_with_its_holder() {
    let course = Course::init("basic");
    let folder = course.root.join(".typed-ai-rustlings");
    std::fs::create_dir_all(&folder).unwrap();
    let lock = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(folder.join("state.lock"))
        .unwrap();
    FileExt::try_lock(&lock).expect("the lock is free");
    std::fs::write(
        folder.join("state.lock.holder"),
        "pid = 1234\ncommand = \"typed-ai-rustlings watch\"\n",
    )
    .unwrap();

    let output = course.run().arg("hint").output().unwrap();
    assert_eq!(output.status.code(), Some(3), "an environment error");
    assert!(
        stderr(&output).contains("held by typed-ai-rustlings watch, pid 1234"),
        "{}",
        stderr(&output)
    );
    drop(lock);

    let after = course.run().arg("hint").output().unwrap();
    assert!(after.status.success(), "{}", stderr(&after));
}

#[test]
fn two_processes_changing_progress_at_once_lose_nothing() {
    let course = Course::init("basic");
    thread::scope(|scope| {
        for (name, times) in [("intro", 3), ("shapes", 3), ("softmax_sums_to_one", 2)] {
            let course = &course;
            scope.spawn(move || {
                for _ in 0..times {
                    let output = course.run().args(["hint", name]).output().unwrap();
                    assert!(output.status.success(), "{}", stderr(&output));
                }
            });
        }
    });
    let state = std::fs::read_to_string(course.state_file()).unwrap();
    for (name, level) in [("intro", 3), ("shapes", 3), ("softmax_sums_to_one", 2)] {
        assert!(
            state.contains(&format!("[exercises.{name}]\nhint_level = {level}")),
            "{name}: {state}"
        );
    }
}
