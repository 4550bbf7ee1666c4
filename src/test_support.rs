//! Values the unit tests share: the small fixture course and verdicts built
//! by hand. Compiled for tests only.
//!
//! Integration tests (which run the real binary on fixture packs) have their
//! own helpers in `tests/integration/util.rs`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::course::Course;
use crate::engine::{
    CapturedOutput, CompilerMessage, CompilerOutput, Exit, Level, Location, Origin, Outcome,
    TestRun, TestStatus, Verdict,
};

/// The folder of the three-exercise fixture course (`intro`, `shapes`,
/// `softmax_sums_to_one`) that `init` tests copy.
pub fn fixture_course_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/init/basic")
}

/// The fixture course, loaded in place (nothing is written).
pub fn fixture_course() -> Course {
    Course::load(&fixture_course_dir()).expect("the fixture course loads")
}

/// A verdict on `exercises/01_basics/intro.rs` with this outcome and these
/// compiler messages.
pub fn verdict(outcome: Outcome, messages: Vec<CompilerMessage>) -> Verdict {
    Verdict {
        file: PathBuf::from("exercises/01_basics/intro.rs"),
        outcome,
        compiler: CompilerOutput {
            messages,
            text: Vec::new(),
        },
        duration: Duration::ZERO,
        source_hash: String::new(),
        tests: Vec::new(),
        tests_differ: None,
        program_output: None,
        obligations: Vec::new(),
        cached: false,
    }
}

/// A test-mode verdict where the shipped tests `passed` pass and `failing` fail.
pub fn tests_failed(passed: &[&str], failing: &[&str]) -> Verdict {
    let run = |names: &[&str], status| {
        names
            .iter()
            .map(move |name| TestRun {
                name: (*name).to_owned(),
                status,
                shipped: true,
            })
            .collect::<Vec<_>>()
    };
    let mut failed = verdict(
        Outcome::TestsFailed {
            failed: failing.iter().map(|name| (*name).to_owned()).collect(),
            exit: Exit::Code { code: 101 },
            output: output(""),
        },
        Vec::new(),
    );
    failed.tests = run(passed, TestStatus::Passed);
    failed.tests.extend(run(failing, TestStatus::Failed));
    failed
}

/// A passing verdict that printed nothing.
pub fn passing() -> Verdict {
    verdict(
        Outcome::Passed {
            output: CapturedOutput::default(),
        },
        Vec::new(),
    )
}

/// A compile error `code` ("mismatched types") in the learner's file, with
/// `rendered` as rustc's rendered text.
pub fn error(code: &str, rendered: &str) -> CompilerMessage {
    CompilerMessage {
        level: Level::Error,
        code: Some(code.to_owned()),
        message: "mismatched types".to_owned(),
        rendered: rendered.to_owned(),
        location: Some(Location {
            file: "exercises/01_basics/intro.rs".to_owned(),
            line: 3,
            column: 5,
        }),
        origin: Origin::File,
    }
}

/// A verdict with one compile error `code` ("mismatched types").
pub fn compile_error(code: &str) -> Verdict {
    verdict(
        Outcome::CompileError,
        vec![error(code, &format!("error[{code}]: mismatched types\n"))],
    )
}

/// Captured output holding `text`, nothing cut.
pub fn output(text: &str) -> CapturedOutput {
    CapturedOutput {
        text: text.to_owned(),
        omitted_bytes: 0,
    }
}
