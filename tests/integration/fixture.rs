//! Helpers for the course-folder and progress tests: a fresh course folder
//! made by the real `init` from a fixture pack, and the binary to run in it.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A fixture pack under `tests/fixtures/init/`.
pub fn pack(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/init")
        .join(name)
}

/// The binary, with colour off and no inherited colour settings.
pub fn runner() -> Command {
    let mut command = Command::cargo_bin("typed-ai-rustlings")
        .expect("the binary is built for integration tests");
    command.env_remove("CLICOLOR_FORCE").env("NO_COLOR", "1");
    command
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
        runner()
            .current_dir(dir.path())
            .args(["init", "course", "--source"])
            .arg(pack(name))
            .assert()
            .success();
        let root = dir.path().join("course");
        Course { _dir: dir, root }
    }

    /// The binary, started in the course folder.
    pub fn run(&self) -> Command {
        let mut command = runner();
        command.current_dir(&self.root);
        command
    }

    /// A file of the course folder, as text.
    pub fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.root.join(file)).unwrap_or_else(|err| panic!("{file}: {err}"))
    }

    /// Replaces a file of the course folder.
    pub fn write(&self, file: &str, text: &str) {
        std::fs::write(self.root.join(file), text).unwrap_or_else(|err| panic!("{file}: {err}"));
    }

    /// The progress file.
    pub fn state_file(&self) -> PathBuf {
        self.root.join(".typed-ai-rustlings/state.toml")
    }
}

/// stdout of a finished command, as text.
pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// stderr of a finished command, as text.
pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
