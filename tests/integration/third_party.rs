//! A third-party course pack through the binary: `tests/fixtures/tiny_stats_pack`,
//! whose library is its own crate `tiny-stats` (used as `tiny_stats`) in a
//! folder named `numbers/`, with a `[workspace]` table of its own. The pack
//! goes through its author's and a learner's whole cycle: `verify --pack`,
//! `init --source`, `run`, `verify`, `reset`, `init --update` (and its
//! refusal of a broken pack), plus learner commands started inside the
//! pack's source and an absolute `library` path.

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use crate::util::{Fixture, code, copy_dir, runner_in, stderr, stdout};

const PACK: &str = "tiny_stats_pack";

/// The pack's three exercise files, relative to `exercises/`.
const BUILD: &str = "01_samples/build_a_sample.rs";
const VARIANCE: &str = "01_samples/population_variance.rs";
const EMPTY: &str = "01_samples/no_empty_sample.rs";

/// The packages of the cargo workspace at `root` and their dependencies'
/// names, from `cargo metadata --no-deps --offline` (what rust-analyzer
/// runs first); panics with cargo's message when it fails.
fn workspace_packages(root: &Path) -> Vec<(String, Vec<String>)> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = StdCommand::new(cargo)
        .current_dir(root)
        .args([
            "metadata",
            "--no-deps",
            "--offline",
            "--format-version",
            "1",
        ])
        .output()
        .expect("cargo starts");
    assert!(
        output.status.success(),
        "cargo metadata failed in {}: {}",
        root.display(),
        stderr(&output)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let mut packages: Vec<(String, Vec<String>)> = metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|package| {
            let dependencies = package["dependencies"]
                .as_array()
                .expect("dependencies")
                .iter()
                .map(|dependency| dependency["name"].as_str().expect("name").to_owned())
                .collect();
            (
                package["name"].as_str().expect("name").to_owned(),
                dependencies,
            )
        })
        .collect();
    packages.sort();
    packages
}

/// `init --source <pack> course` next to the pack; the course folder.
fn init_course(pack: &Fixture) -> PathBuf {
    let parent = pack.root().parent().expect("the pack's temporary folder");
    let output = runner_in(parent)
        .args(["init", "course", "--source", PACK])
        .output()
        .expect("the runner starts");
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    assert!(
        stdout(&output).contains("Created your course at course with 3 exercises."),
        "{}",
        stdout(&output)
    );
    parent.join("course")
}

fn run_in(dir: &Path, args: &[&str]) -> std::process::Output {
    runner_in(dir)
        .args(args)
        .output()
        .expect("the runner starts")
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref())
        .unwrap_or_else(|error| panic!("read {}: {error}", path.as_ref().display()))
}

#[test]
fn a_pack_with_its_own_library_goes_through_the_whole_cycle() {
    let pack = Fixture::source(PACK);

    // The author's check.
    let checked = pack.run(&["verify", "--pack"]);
    assert_eq!(
        code(&checked),
        0,
        "{}{}",
        stdout(&checked),
        stderr(&checked)
    );
    assert!(
        stdout(&checked).contains("The course passes its checks: 3 exercises."),
        "{}",
        stdout(&checked)
    );

    // A learner's course folder: the library in a folder named after its
    // package, one cargo workspace root, rust-analyzer's view intact.
    let course = init_course(&pack);
    assert!(course.join("tiny-stats/src/lib.rs").is_file());
    assert!(!course.join("numbers").exists() && !course.join("typed-ai").exists());
    assert!(
        read(course.join("info.toml")).contains("\nlibrary = \"tiny-stats\"\n"),
        "{}",
        read(course.join("info.toml"))
    );
    assert!(
        !read(course.join("tiny-stats/Cargo.toml")).contains("[workspace]"),
        "the library's own workspace table would make a second root"
    );
    assert_eq!(
        workspace_packages(&course),
        [
            ("tiny-stats".to_owned(), Vec::new()),
            (
                "tiny-stats-course".to_owned(),
                vec!["tiny-stats".to_owned()]
            ),
        ]
    );

    // `run`: rustc's error with the built-in hint in the generic voice.
    let first = run_in(&course, &["run"]);
    assert_eq!(code(&first), 1, "{}{}", stdout(&first), stderr(&first));
    let shown = stdout(&first);
    assert!(
        shown.contains("expected `Sample`, found `Vec<{float}>`"),
        "{shown}"
    );
    assert!(
        shown.contains("hint: The types do not line up."),
        "the built-in E0308 hint: {shown}"
    );
    for course_word in ["Logits", "TokenId", "Distribution", "Morphism"] {
        assert!(
            !shown.contains(course_word),
            "`{course_word}` is not in this pack: {shown}"
        );
    }

    // Solve the first exercise: it passes, its solution is unlocked.
    std::fs::copy(
        pack.root().join("solutions").join(BUILD),
        course.join("exercises").join(BUILD),
    )
    .expect("solve");
    let passed = run_in(&course, &["run"]);
    assert_eq!(code(&passed), 0, "{}{}", stdout(&passed), stderr(&passed));
    assert!(stdout(&passed).contains("mean = 2"), "{}", stdout(&passed));
    assert!(course.join("solutions").join(BUILD).is_file());

    // `verify`: one done, the test and the run failures reported.
    let verified = run_in(&course, &["verify"]);
    assert_eq!(code(&verified), 1, "{}", stderr(&verified));
    let report = stdout(&verified);
    assert!(report.contains("1 of 3 exercises pass."), "{report}");
    assert!(
        report.contains("variance_of_two_and_four_is_one"),
        "{report}"
    );
    assert!(
        report.contains("no_empty_sample      `main` returned an error"),
        "{report}"
    );
    let state = read(course.join(".typed-ai-rustlings/state.toml"));
    assert!(state.contains("build_a_sample"), "{state}");

    // `reset`: the pristine file back, the learner's kept beside it.
    let variance = course.join("exercises").join(VARIANCE);
    std::fs::write(&variance, "// half way\n").expect("edit");
    let reset = run_in(&course, &["reset", "population_variance"]);
    assert_eq!(code(&reset), 0, "{}", stderr(&reset));
    assert_eq!(
        read(&variance),
        read(pack.root().join("exercises").join(VARIANCE))
    );
    assert_eq!(
        read(course.join("exercises/01_samples/population_variance.rs.bak-1")),
        "// half way\n"
    );

    // The author improves an exercise and its hints: learner commands say
    // so, and `init --update` brings it (the pack is checked first).
    let improved = read(pack.root().join("exercises").join(EMPTY))
        .replace("// TODO: record", "// TODO: a sample needs a value; record");
    pack.write(&format!("exercises/{EMPTY}"), &improved);
    pack.edit(
        "info.toml",
        "Run it and read the error",
        "Run it and read the `Err`",
    );
    let noted = run_in(&course, &["list"]);
    assert!(
        stderr(&noted).contains("has changed since this folder was made from it"),
        "{}",
        stderr(&noted)
    );
    let updated = run_in(&course, &["init", "--update", "."]);
    assert_eq!(
        code(&updated),
        0,
        "{}{}",
        stdout(&updated),
        stderr(&updated)
    );
    assert!(
        stderr(&updated).contains("Checking the course pack at"),
        "{}",
        stderr(&updated)
    );
    assert!(
        stdout(&updated).contains(&format!("updated    ./exercises/{EMPTY}")),
        "{}",
        stdout(&updated)
    );
    assert_eq!(read(course.join("exercises").join(EMPTY)), improved);

    // A pack whose solution no longer passes is refused, and nothing changes.
    pack.edit(
        &format!("solutions/{VARIANCE}"),
        "squares / sample.len() as f64",
        "squares / (sample.len() as f64 + 1.0)",
    );
    pack.edit(&format!("exercises/{EMPTY}"), "0.5 and 1.5", "two readings");
    let before = read(course.join("exercises").join(EMPTY));
    let refused = run_in(&course, &["init", "--update", "."]);
    assert_eq!(
        code(&refused),
        2,
        "{}{}",
        stdout(&refused),
        stderr(&refused)
    );
    let why = stderr(&refused);
    assert!(
        why.contains("init --update refused: the course pack at"),
        "{why}"
    );
    assert!(
        why.contains(&format!("solutions/{VARIANCE}: the solution does not pass")),
        "{why}"
    );
    assert!(why.contains("Nothing was changed."), "{why}");
    assert_eq!(read(course.join("exercises").join(EMPTY)), before);
}

#[test]
fn learner_commands_in_the_pack_work_on_learn_and_leave_the_pack_pristine() {
    let pack = Fixture::source(PACK);
    let pristine = pack.read(&format!("exercises/{BUILD}"));

    let listed = pack.run(&["list"]);
    assert_eq!(code(&listed), 0, "{}", stderr(&listed));
    assert!(
        stderr(&listed).contains("Created your course at learn/"),
        "{}",
        stderr(&listed)
    );
    assert!(
        stderr(&listed).contains("add /learn/ to the pack's .gitignore"),
        "{}",
        stderr(&listed)
    );
    assert!(
        stdout(&listed).contains("learn/exercises/01_samples/build_a_sample.rs"),
        "{}",
        stdout(&listed)
    );

    std::fs::copy(
        pack.root().join("solutions").join(BUILD),
        pack.root().join("learn/exercises").join(BUILD),
    )
    .expect("solve in learn/");
    let run = runner_in(&pack.root().join("exercises/01_samples"))
        .arg("run")
        .output()
        .expect("the runner starts");
    assert_eq!(code(&run), 0, "{}{}", stdout(&run), stderr(&run));
    assert!(
        !pack.root().join(".typed-ai-rustlings").exists(),
        "no progress in the pack"
    );
    assert!(
        pack.root()
            .join("learn/.typed-ai-rustlings/state.toml")
            .is_file()
    );
    assert_eq!(pack.read(&format!("exercises/{BUILD}")), pristine);

    // The pack still passes its own check, from its root or from learn/.
    for dir in [pack.root().to_path_buf(), pack.root().join("learn")] {
        let checked = run_in(&dir, &["verify", "--pack"]);
        assert_eq!(
            code(&checked),
            0,
            "{}{}",
            stdout(&checked),
            stderr(&checked)
        );
    }
}

#[test]
fn an_absolute_library_path_works_as_a_relative_one_does() {
    let pack = Fixture::source(PACK);
    let elsewhere = tempfile::tempdir().expect("a temporary folder");
    let library = elsewhere.path().join("shared-numbers");
    copy_dir(&pack.root().join("numbers"), &library);
    std::fs::remove_dir_all(pack.root().join("numbers")).expect("move the library out");
    pack.edit(
        "info.toml",
        "library = \"numbers\"",
        &format!("library = {:?}", library.display().to_string()),
    );

    let checked = pack.run(&["verify", "--pack"]);
    assert_eq!(
        code(&checked),
        0,
        "{}{}",
        stdout(&checked),
        stderr(&checked)
    );
    let course = init_course(&pack);
    assert!(course.join("tiny-stats/src/lib.rs").is_file());
    let run = run_in(&course, &["run"]);
    assert_eq!(code(&run), 1, "{}{}", stdout(&run), stderr(&run));
    assert!(
        stdout(&run).contains("does not compile yet"),
        "{}",
        stdout(&run)
    );

    // `..` stays refused by both, each naming `library`.
    pack.edit(
        "info.toml",
        &format!("library = {:?}", library.display().to_string()),
        "library = \"../shared-numbers\"",
    );
    let pack_check = pack.run(&["verify", "--pack"]);
    assert_eq!(code(&pack_check), 2);
    assert!(
        stderr(&pack_check).contains("library"),
        "{}",
        stderr(&pack_check)
    );
    let parent = pack.root().parent().expect("parent");
    let init = run_in(parent, &["init", "again", "--source", PACK]);
    assert_eq!(code(&init), 2);
    assert!(stderr(&init).contains("library"), "{}", stderr(&init));
    assert!(!parent.join("again").exists());
}
