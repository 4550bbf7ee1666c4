//! The real course, not a fixture: `verify --pack` proves every exercise
//! fails as declared and every solution passes, and a learner who solves the
//! course in order sees their progress advance chapter by chapter up to the
//! final message, ending with the capstone, whose loss curve must fall.

use std::fs;

use serde::Deserialize;

use crate::util::{code, folded, repository, runner_in, stdout};

/// The few fields of info.toml this test needs (the runner's own parser is
/// what is under test elsewhere; this one only reads the order).
#[derive(Deserialize)]
struct Info {
    final_message: String,
    chapters: Vec<Chapter>,
    exercises: Vec<Exercise>,
}

#[derive(Deserialize)]
struct Chapter {
    id: String,
}

#[derive(Deserialize)]
struct Exercise {
    name: String,
    path: String,
    chapter: String,
}

fn info() -> Info {
    let text = fs::read_to_string(repository().join("info.toml")).expect("info.toml is readable");
    toml::from_str::<toml::Table>(&text)
        .expect("info.toml is TOML")
        .try_into()
        .expect("info.toml has chapters and exercises")
}

#[test]
fn every_exercise_fails_as_declared_and_every_solution_passes() {
    let output = runner_in(repository())
        .args(["verify", "--pack"])
        .output()
        .expect("the runner starts");
    let report = stdout(&output);
    assert_eq!(
        code(&output),
        0,
        "`verify --pack` on the course found problems (each names the exercise and \
         what changed):\n{report}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let info = info();
    assert!(
        info.exercises.len() >= 78,
        "the course has {} exercises",
        info.exercises.len()
    );
    assert_eq!(info.chapters.len(), 15, "chapter 0 plus the 14 chapters");
    assert!(report.contains(&format!("{} exercises", info.exercises.len())));
}

#[test]
fn a_learner_solving_in_order_advances_chapter_by_chapter_to_the_final_message() {
    let info = info();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let course = dir.path().join("course");
    let init = runner_in(dir.path())
        .arg("init")
        .arg(&course)
        .output()
        .expect("init starts");
    assert_eq!(
        code(&init),
        0,
        "init: {}",
        String::from_utf8_lossy(&init.stderr)
    );

    let mut solved = 0;
    for (index, chapter) in info.chapters.iter().enumerate() {
        for exercise in info.exercises.iter().filter(|e| e.chapter == chapter.id) {
            fs::copy(
                repository().join("solutions").join(&exercise.path),
                course.join("exercises").join(&exercise.path),
            )
            .unwrap_or_else(|error| panic!("copy the solution of {}: {error}", exercise.name));
            solved += 1;
        }

        let output = runner_in(&course)
            .arg("verify")
            .output()
            .expect("verify starts");
        let report = folded(&stdout(&output));
        assert!(
            report.contains(&format!(
                "{solved} of {} exercises pass.",
                info.exercises.len()
            )),
            "after chapter {}: {report}",
            chapter.id
        );
        let next_chapter = info.chapters.get(index + 1);
        match next_chapter {
            Some(next) => {
                assert_eq!(code(&output), 1, "after chapter {}", chapter.id);
                let first = info
                    .exercises
                    .iter()
                    .find(|e| e.chapter == next.id)
                    .expect("every chapter has an exercise");
                assert!(
                    report.contains(&format!("Next: `{}`", first.name)),
                    "after chapter {} the current exercise should be {}: {report}",
                    chapter.id,
                    first.name
                );
            }
            None => {
                assert_eq!(code(&output), 0, "the whole course passes: {report}");
                assert!(
                    report.contains(&folded(&info.final_message)),
                    "the final message closes the course: {report}"
                );
            }
        }
    }

    let list = runner_in(&course)
        .arg("list")
        .output()
        .expect("list starts");
    let listing = folded(&stdout(&list));
    let total = info.exercises.len();
    assert!(
        listing.contains(&format!("{total} of {total} done")),
        "list shows the finished course: {listing}"
    );
    // Solutions are unlocked as exercises pass.
    let last = info.exercises.last().expect("exercises");
    assert!(course.join("solutions").join(&last.path).is_file());

    // The capstone trains the transformer and prints its loss before and
    // after training, under the curve it draws.
    assert_eq!(last.name, CAPSTONE, "the course ends with the capstone");
    let run = runner_in(&course)
        .args(["run", CAPSTONE])
        .output()
        .expect("run starts");
    let shown = stdout(&run);
    assert_eq!(code(&run), 0, "the solved capstone passes: {shown}");
    assert!(
        shown.contains("ln 2 / 3, the best any model can do"),
        "the capstone draws its loss curve with the floor marked: {shown}"
    );
    let first = printed_number(&shown, "first loss ");
    let last_loss = printed_number(&shown, "last loss ");
    // Untrained, the model guesses among the 6 characters of "cat. car.
    // bat. bar." (ln 6 = 1.79); trained, it reaches the floor set by the
    // coin flip between t and r, ln 2 / 3 = 0.231.
    assert!(
        last_loss < first / 4.0,
        "the capstone's loss fell only from {first} to {last_loss}"
    );
    assert!(
        (last_loss - 2f32.ln() / 3.0).abs() < 0.01,
        "the capstone ends at loss {last_loss}, not at the floor ln 2 / 3"
    );
}

/// The exercise that trains the transformer and draws its loss curve.
const CAPSTONE: &str = "train_the_tiny_transformer";

/// The number printed right after `label` in `text`, such as the `1.8109`
/// of "first loss 1.8109 (chance: ...)".
fn printed_number(text: &str, label: &str) -> f32 {
    let start = text
        .find(label)
        .unwrap_or_else(|| panic!("the capstone prints {label:?}: {text}"))
        + label.len();
    let number: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    number
        .parse()
        .unwrap_or_else(|_| panic!("{label:?} is followed by a number, not {number:?}"))
}
