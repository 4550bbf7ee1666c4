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
        !shown.contains("unchanged since the last check"),
        "the verdict of the stopped run was cached:\n{shown}"
    );
}

/// The engine hashes the file it reads, but rustc reads the file again. A
/// save landing between the two used to cache the verdict of the new content
/// under the old content's key, so going back to the old content could be
/// answered from the cache with a verdict it never had. The engine cannot
/// tell when in the check a save landed, so a file that changed during its
/// check is not cached at all. Here the program rewrites its own file while it
/// runs: a save during the check, made deterministic.
#[test]
fn a_file_saved_during_its_check_is_not_answered_from_the_cache() {
    let fixture = Fixture::new("clean");
    let relative = "exercises/01_tokens/token_from_index.rs";
    let saves_itself = format!(
        "use typed_ai::TokenId;\n\n\
         fn main() {{\n    \
             let token: TokenId = TokenId::new(2);\n    \
             println!(\"token {{}}\", token.index());\n    \
             // A save while the check runs: the editor writes new content.\n    \
             std::fs::write({relative:?}, \"fn main() {{}}\\n// saved again\\n\").unwrap();\n\
         }}\n"
    );
    fixture.write(relative, &saves_itself);
    let first = fixture.run(&["run", "token_from_index"]);
    assert_eq!(code(&first), 0, "{}\n{}", stdout(&first), stderr(&first));
    assert!(fixture.read(relative).contains("saved again"));

    // Back to the content that was checked: it must be checked again, not
    // answered from a cache entry written while the file was changing.
    fixture.write(relative, &saves_itself);
    let second = fixture.run(&["run", "token_from_index"]);
    assert_eq!(code(&second), 0, "{}\n{}", stdout(&second), stderr(&second));
    assert!(
        !stdout(&second).contains("unchanged since the last check"),
        "{}",
        stdout(&second)
    );
}
