//! `init`, `init --update`, `reset` and `completions` through the binary.

use std::path::Path;
use std::process::Command as StdCommand;

use crate::util::{Course, pack, pack_copy, runner, stderr, stdout};

#[test]
fn init_then_list_shows_every_exercise_pending() {
    let course = Course::init("basic");
    let output = course.run().arg("list").output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("Progress: 0 of 3 done"), "{text}");
    for row in [
        " > 1  intro                 1  01_basics  pending",
        "   2  shapes                1  01_basics  pending",
        "   3  softmax_sums_to_one   2  02_more    pending",
    ] {
        assert!(text.contains(row), "missing {row:?} in\n{text}");
    }
    assert!(text.contains("exercises/01_basics/intro.rs"), "{text}");
}

#[test]
fn init_says_where_to_start_and_refuses_a_folder_with_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let output = runner()
        .current_dir(dir.path())
        .args(["init", "mine", "--source"])
        .arg(pack("basic"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("Created your course at mine with 3 exercises."));
    assert!(stdout(&output).contains("Start with mine/exercises/01_basics/intro.rs."));

    std::fs::create_dir(dir.path().join("busy")).unwrap();
    std::fs::write(dir.path().join("busy/notes.md"), "mine").unwrap();
    let refused = runner()
        .current_dir(dir.path())
        .args(["init", "busy", "--source"])
        .arg(pack("basic"))
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2), "a usage error");
    assert!(
        stderr(&refused).contains("is not empty and is not a course folder"),
        "{}",
        stderr(&refused)
    );

    let again = runner()
        .current_dir(dir.path())
        .args(["init", "mine", "--source"])
        .arg(pack("basic"))
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("init --update"),
        "{}",
        stderr(&again)
    );
}

/// `cargo metadata --no-deps --offline` in a course folder: the course
/// package's (bin name, path relative to the course) pairs, sorted, and the
/// library package's declared dependencies.
fn course_metadata(root: &Path) -> (Vec<(String, String)>, Vec<String>) {
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
        .unwrap();
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        stderr(&output)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let packages = metadata["packages"].as_array().unwrap();
    let package = |name: &str| {
        packages
            .iter()
            .find(|package| package["name"] == name)
            .unwrap_or_else(|| panic!("no package {name} in the course workspace"))
    };
    let root = root.canonicalize().unwrap();
    let mut bins: Vec<(String, String)> = package("typed-ai-course")["targets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|target| target["kind"][0] == "bin")
        .map(|target| {
            let src = Path::new(target["src_path"].as_str().unwrap());
            let relative = src.strip_prefix(&root).unwrap_or(src);
            (
                target["name"].as_str().unwrap().to_owned(),
                relative.display().to_string(),
            )
        })
        .collect();
    bins.sort();
    let library_dependencies = package("typed-ai")["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|dependency| dependency["name"].as_str().unwrap().to_owned())
        .collect();
    (bins, library_dependencies)
}

#[test]
fn cargo_metadata_sees_every_exercise_as_a_binary_of_the_course() {
    let course = Course::init("basic");
    let (bins, library_dependencies) = course_metadata(&course.root);
    assert_eq!(
        bins,
        [
            (
                "intro".to_owned(),
                "exercises/01_basics/intro.rs".to_owned()
            ),
            (
                "shapes".to_owned(),
                "exercises/01_basics/shapes.rs".to_owned()
            ),
            (
                "softmax_sums_to_one".to_owned(),
                "exercises/02_more/softmax_sums_to_one.rs".to_owned()
            ),
        ]
    );
    assert!(
        library_dependencies.is_empty(),
        "the fixture's proptest dev-dependency is gone: {library_dependencies:?}"
    );
}

#[test]
fn init_update_adds_new_exercises_and_keeps_an_edited_one() {
    let course = Course::init("basic");
    let edited = "// my own take\nfn main() { typed_ai::check(42); }\n";
    course.write("exercises/01_basics/intro.rs", edited);

    let (_newer_dir, newer) = pack_copy("newer");
    let output = course
        .run()
        .args(["init", "--update", ".", "--source"])
        .arg(&newer)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("added      ./exercises/03_attention/attention_rows.rs"),
        "{text}"
    );
    assert!(
        text.contains("kept       ./exercises/01_basics/intro.rs  (your edits;"),
        "{text}"
    );
    assert!(
        text.contains("retired    ./exercises/02_more/softmax_sums_to_one.rs"),
        "{text}"
    );
    assert_eq!(
        course.read("exercises/01_basics/intro.rs"),
        edited,
        "never overwritten"
    );
    assert!(
        course
            .root
            .join("exercises/03_attention/attention_rows.rs")
            .is_file()
    );

    let list = stdout(&course.run().arg("list").output().unwrap());
    assert!(
        list.lines().any(|line| line.split_whitespace().eq([
            "3",
            "attention_rows",
            "3",
            "03_attention",
            "pending"
        ])),
        "{list}"
    );

    let again = course
        .run()
        .args(["init", "--update", "."])
        .output()
        .unwrap();
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stdout(&again).contains("kept       ./exercises/01_basics/intro.rs"),
        "{}",
        stdout(&again)
    );
    assert_eq!(course.read("exercises/01_basics/intro.rs"), edited);
}

#[test]
fn reset_restores_the_exercise_and_keeps_a_backup() {
    let course = Course::init("basic");
    let pristine = course.read("exercises/01_basics/shapes.rs");
    course.write("exercises/01_basics/shapes.rs", "// half done\n");

    let output = course.run().args(["reset", "shapes"]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "Restored exercises/01_basics/shapes.rs as the course ships it.\n\
         Your version is kept in exercises/01_basics/shapes.rs.bak-1.\n"
    );
    assert_eq!(course.read("exercises/01_basics/shapes.rs"), pristine);
    assert_eq!(
        course.read("exercises/01_basics/shapes.rs.bak-1"),
        "// half done\n"
    );
}

#[test]
fn reset_of_an_unknown_exercise_is_a_usage_error_with_a_suggestion() {
    let course = Course::init("basic");
    let output = course.run().args(["reset", "shape"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("did you mean `shapes`?"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn commands_outside_any_course_say_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let output = runner()
        .current_dir(dir.path())
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("init DIR"), "{}", stderr(&output));
}

#[test]
fn completions_cover_the_subcommands() {
    let output = runner().args(["completions", "bash"]).output().unwrap();
    assert!(output.status.success());
    let script = stdout(&output);
    for word in ["hint", "list", "reset", "init", "completions", "verify"] {
        assert!(
            script.contains(word),
            "{word} missing from the bash completions"
        );
    }
}

#[test]
fn init_from_the_built_in_course() {
    let dir = tempfile::tempdir().unwrap();
    let output = runner()
        .current_dir(dir.path())
        .args(["init", "course"])
        .output()
        .unwrap();
    let repository_info = Path::new(env!("CARGO_MANIFEST_DIR")).join("info.toml");
    if !repository_info.is_file() {
        // Built from a repository without a course yet: say so, write nothing.
        assert_eq!(output.status.code(), Some(2));
        assert!(
            stderr(&output).contains("has no course built in"),
            "{}",
            stderr(&output)
        );
        assert!(!dir.path().join("course").exists());
        return;
    }
    assert!(output.status.success(), "{}", stderr(&output));
    let root = dir.path().join("course");
    let info: toml::Table = std::fs::read_to_string(root.join("info.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(info["library"].as_str(), Some("typed-ai"));
    let mut expected: Vec<(String, String)> = info["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|exercise| {
            (
                exercise["name"].as_str().unwrap().to_owned(),
                format!("exercises/{}", exercise["path"].as_str().unwrap()),
            )
        })
        .collect();
    expected.sort();
    assert!(!expected.is_empty());

    let (bins, library_dependencies) = course_metadata(&root);
    assert_eq!(
        bins, expected,
        "every exercise is a bin target, at its own file"
    );
    assert!(
        library_dependencies.is_empty(),
        "builds offline: {library_dependencies:?}"
    );
    assert!(
        !root.join("solutions").exists(),
        "solutions are unlocked one by one"
    );
}
