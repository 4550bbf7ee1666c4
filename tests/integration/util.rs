//! Helpers for the integration tests: the runner binary with one shared
//! `CARGO_TARGET_DIR` (so the library is built once for every test) and a
//! stable environment, and the two kinds of course a test starts from:
//!
//! - [`Fixture`]: a pack from `tests/fixtures/` copied into a fresh temporary
//!   folder with its `library` pointing at this repository's
//!   `crates/typed-ai`, checked in place as a course source is, and, given a
//!   progress folder ([`Fixture::new`]), worked in by learner commands as a
//!   course folder made by hand;
//! - [`Course`]: a learner's course folder made by the real `init --source`
//!   from a pack under `tests/fixtures/init/`.
//!
//! A test whose exercises start processes marks them (`marker.rs`) and
//! checks at its end that none survives.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The repository root.
pub fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The target folder every test's runner shares.
pub fn shared_target() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-target")
}

/// The runner binary: the shared target folder, colour off whatever the
/// caller's environment says, and no backtraces (they would make panic
/// output depend on the caller's environment).
pub fn runner() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_typed-ai-rustlings"));
    command
        .env("CARGO_TARGET_DIR", shared_target())
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "0");
    command
}

/// The [`runner`], started in `dir`.
pub fn runner_in(dir: &Path) -> Command {
    let mut command = runner();
    command.current_dir(dir);
    command
}

/// A copy of `tests/fixtures/<pack>` in a temporary folder.
pub struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Fixture {
    /// [`Fixture::source`] with a progress folder, which makes it a
    /// learner's course folder: learner commands work on it in place (a
    /// folder with an `info.toml` and no progress folder is a course pack,
    /// and learner commands would make `learn/` inside it instead).
    pub fn new(pack: &str) -> Self {
        let fixture = Self::source(pack);
        fs::create_dir_all(fixture.root.join(".typed-ai-rustlings")).expect("a progress folder");
        fixture
    }

    /// Copies the pack and rewrites a `library = "crates/typed-ai"` to the
    /// absolute path of this repository's `crates/typed-ai` (absolute library
    /// paths are accepted for exactly this); a pack with its own library
    /// keeps it. The copy is a course source.
    pub fn source(pack: &str) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().join(pack);
        copy_dir(&repository().join("tests/fixtures").join(pack), &root);
        let info = root.join("info.toml");
        let text = fs::read_to_string(&info).expect("the pack has an info.toml");
        let library = repository().join("crates/typed-ai");
        let text = text.replacen(
            "library = \"crates/typed-ai\"",
            &format!("library = {:?}", library.display().to_string()),
            1,
        );
        fs::write(&info, text).expect("rewrite info.toml");
        Self { _dir: dir, root }
    }

    /// The course root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The [`runner`], started in the course root.
    pub fn runner(&self) -> Command {
        runner_in(&self.root)
    }

    /// Runs the runner with `args` and returns its output.
    pub fn run(&self, args: &[&str]) -> Output {
        self.runner()
            .args(args)
            .output()
            .expect("the runner starts")
    }

    /// The file at `relative` (to the course root).
    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.root.join(relative))
            .unwrap_or_else(|error| panic!("read {relative}: {error}"))
    }

    /// Overwrites the file at `relative`.
    pub fn write(&self, relative: &str, contents: &str) {
        fs::write(self.root.join(relative), contents)
            .unwrap_or_else(|error| panic!("write {relative}: {error}"));
    }

    /// Writes an exercise as the course's own version: the file at
    /// `relative` (inside `exercises/`) and its solution, which is where the
    /// course's tests are read from in a pack copied without a record. A
    /// test-mode file's `mod tests` then judges it, as the course's tests do.
    pub fn write_exercise(&self, relative: &str, contents: &str) {
        self.write(&format!("exercises/{relative}"), contents);
        self.write(&format!("solutions/{relative}"), contents);
    }

    /// Replaces the first `from` with `to` in the file at `relative`.
    pub fn edit(&self, relative: &str, from: &str, to: &str) {
        let text = self.read(relative);
        assert!(text.contains(from), "{relative} contains {from:?}");
        self.write(relative, &text.replacen(from, to, 1));
    }

    /// Copies the solution at `relative` (inside `solutions/`) over its
    /// exercise.
    pub fn solve(&self, relative: &str) {
        fs::copy(
            self.root.join("solutions").join(relative),
            self.root.join("exercises").join(relative),
        )
        .unwrap_or_else(|error| panic!("solve {relative}: {error}"));
    }

    /// Copies every solution over its exercise: a solved course.
    pub fn solve_all(&self) {
        let mut files = Vec::new();
        list_files(&self.root.join("solutions"), &mut files);
        for solution in files {
            let relative = solution
                .strip_prefix(self.root.join("solutions"))
                .expect("inside solutions");
            fs::copy(&solution, self.root.join("exercises").join(relative))
                .expect("copy the solution");
        }
    }
}

/// A pack under `tests/fixtures/init/`, for `init --source`.
pub fn pack(name: &str) -> PathBuf {
    repository().join("tests/fixtures/init").join(name)
}

/// A copy of the pack [`pack`] names, in a fresh temporary folder: for
/// `init --update`, which builds the pack's library to check its solutions
/// first, and cargo writes a `Cargo.lock` beside a library it builds.
pub fn pack_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join(name);
    copy_dir(&pack(name), &root);
    (dir, root)
}

/// A temporary folder holding `course/`, made by `init --source <pack>`.
pub struct Course {
    _dir: tempfile::TempDir,
    /// The course folder.
    pub root: PathBuf,
}

impl Course {
    /// `init`s the fixture pack `name` into a fresh temporary folder.
    pub fn init(name: &str) -> Course {
        let dir = tempfile::tempdir().expect("a temporary folder");
        runner_in(dir.path())
            .args(["init", "course", "--source"])
            .arg(pack(name))
            .assert()
            .success();
        let root = dir.path().join("course");
        Course { _dir: dir, root }
    }

    /// The [`runner`], started in the course folder.
    pub fn run(&self) -> Command {
        runner_in(&self.root)
    }

    /// A file of the course folder, as text.
    pub fn read(&self, file: &str) -> String {
        fs::read_to_string(self.root.join(file)).unwrap_or_else(|err| panic!("{file}: {err}"))
    }

    /// Replaces a file of the course folder.
    pub fn write(&self, file: &str, text: &str) {
        fs::write(self.root.join(file), text).unwrap_or_else(|err| panic!("{file}: {err}"));
    }

    /// The progress file.
    pub fn state_file(&self) -> PathBuf {
        self.root.join(".typed-ai-rustlings/state.toml")
    }
}

/// The exit code.
pub fn code(output: &Output) -> i32 {
    output.status.code().expect("the runner exited normally")
}

/// stdout as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// stderr as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Whitespace folded to single spaces, for comparing with wrapped output.
pub fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Copies the folder `from` to `to`, leaving out the build folder
/// `from/target` that running cargo or the runner there by hand leaves.
pub fn copy_dir(from: &Path, to: &Path) {
    copy_tree(from, to, true);
}

fn copy_tree(from: &Path, to: &Path, top: bool) {
    fs::create_dir_all(to).expect("create the copy");
    for entry in fs::read_dir(from).expect("read the fixture") {
        let entry = entry.expect("a fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            if !(top && entry.file_name() == "target") {
                copy_tree(&entry.path(), &target, false);
            }
        } else {
            fs::copy(entry.path(), &target).expect("copy a fixture file");
        }
    }
}

fn list_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("read a folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            list_files(&path, files);
        } else {
            files.push(path);
        }
    }
}
