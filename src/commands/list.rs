//! `list`: every exercise in course order with its chapter (number and
//! folder) and status, the current one marked, and the progress so far.
//!
//! Reads progress only (no lock is taken: state writes are atomic renames).
//! Moving to an exercise from the list is watch mode's job.

use std::io::Write;

use colored::Colorize;

use crate::error::Error;
use crate::exit_code;
use crate::location::Cwd;
use crate::open;
use crate::state::State;

/// Width of the progress bar, in characters.
const BAR_WIDTH: usize = 20;

/// One row of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row<'a> {
    name: &'a str,
    /// The chapter's number, as watch and the exercise headers show it.
    chapter_number: u32,
    chapter: &'a str,
    done: bool,
    current: bool,
}

/// Runs `list` on the learner's course, showing paths relative to `cwd`.
pub fn run(cwd: &Cwd, out: &mut dyn Write) -> Result<u8, Error> {
    let mut opened = open::learner(cwd)?;
    opened.announce_notes();
    let (course, state) = (&opened.course, &opened.state);
    let order = course.exercise_names();
    let current = state.resolve_current(&order);
    let rows: Vec<Row<'_>> = course
        .exercises()
        .iter()
        .map(|exercise| Row {
            name: &exercise.name,
            chapter_number: course
                .chapter(&exercise.chapter)
                .map_or(0, |chapter| chapter.number()),
            chapter: &exercise.chapter,
            done: state.is_done(&exercise.name),
            current: Some(exercise.name.as_str()) == current,
        })
        .collect();
    let current_path = current
        .and_then(|name| course.exercise(name))
        .map(|exercise| {
            cwd.show(&course.exercise_path(exercise))
                .display()
                .to_string()
        });
    let text = render(&rows, state, &order, current_path.as_deref());
    out.write_all(text.as_bytes())
        .map_err(|source| Error::Output { source })?;
    Ok(exit_code::SUCCESS)
}

fn render(rows: &[Row<'_>], state: &State, order: &[&str], current_path: Option<&str>) -> String {
    let total = rows.len();
    let done = state.done_count(order);
    let mut text = progress_line(done, total);
    text.push('\n');

    let number_width = total.to_string().len().max(1);
    let name_width = rows
        .iter()
        .map(|row| row.name.chars().count())
        .chain([8])
        .max()
        .unwrap_or(8);
    let chapter_width = rows
        .iter()
        .map(|row| row.chapter.chars().count())
        .chain([7])
        .max()
        .unwrap_or(7);
    text.push_str(&format!(
        "   {:>number_width$}  {:<name_width$}  {:>2}  {:<chapter_width$}  {}\n",
        "#", "exercise", "ch", "chapter", "status"
    ));
    for (index, row) in rows.iter().enumerate() {
        // Pad before colouring: escape codes have no width on screen.
        let marker = if row.current {
            ">".cyan().bold().to_string()
        } else {
            " ".to_owned()
        };
        let name = format!("{:<name_width$}", row.name);
        let name = if row.current {
            name.bold().to_string()
        } else {
            name
        };
        let chapter = format!("{:<chapter_width$}", row.chapter);
        let status = if row.done {
            "done".green().to_string()
        } else {
            "pending".yellow().to_string()
        };
        text.push_str(&format!(
            " {marker} {:>number_width$}  {name}  {:>2}  {chapter}  {status}\n",
            index + 1,
            row.chapter_number
        ));
    }
    text.push('\n');
    match current_path {
        Some(path) => text.push_str(&format!(
            "{} marks the current exercise, {path}; `typed-ai-rustlings run` checks it.\n",
            ">".cyan().bold()
        )),
        None if total > 0 => text.push_str("Every exercise is done.\n"),
        None => text.push_str("This course has no exercises yet.\n"),
    }
    text
}

/// `Progress: 7 of 70 done  [##------------------]  10%`.
fn progress_line(done: usize, total: usize) -> String {
    let filled = (done * BAR_WIDTH).checked_div(total).unwrap_or(0);
    let percent = (done * 100).checked_div(total).unwrap_or(0);
    format!(
        "Progress: {done} of {total} done  [{}{}]  {percent}%\n",
        "#".repeat(filled).green(),
        "-".repeat(BAR_WIDTH - filled)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::strip_ansi;

    #[test]
    fn rows_are_aligned_with_the_current_one_marked() {
        let mut state = State::default();
        state.mark_done("intro");
        let order = ["intro", "shapes", "softmax_sums_to_one"];
        let rows = [
            Row {
                name: "intro",
                chapter_number: 1,
                chapter: "01_basics",
                done: true,
                current: false,
            },
            Row {
                name: "shapes",
                chapter_number: 1,
                chapter: "01_basics",
                done: false,
                current: true,
            },
            Row {
                name: "softmax_sums_to_one",
                chapter_number: 2,
                chapter: "02_more",
                done: false,
                current: false,
            },
        ];
        let text = render(&rows, &state, &order, Some("exercises/01_basics/shapes.rs"));
        assert_eq!(
            strip_ansi(&text),
            "Progress: 1 of 3 done  [######--------------]  33%\n\
             \n   \
             #  exercise             ch  chapter    status\n   \
             1  intro                 1  01_basics  done\n \
             > 2  shapes                1  01_basics  pending\n   \
             3  softmax_sums_to_one   2  02_more    pending\n\
             \n\
             > marks the current exercise, exercises/01_basics/shapes.rs; `typed-ai-rustlings run` checks it.\n"
        );
    }

    #[test]
    fn the_bar_is_full_when_everything_is_done_and_empty_for_an_empty_course() {
        assert_eq!(
            strip_ansi(&progress_line(3, 3)),
            "Progress: 3 of 3 done  [####################]  100%\n"
        );
        assert_eq!(
            strip_ansi(&progress_line(0, 0)),
            "Progress: 0 of 0 done  [--------------------]  0%\n"
        );
    }

    #[test]
    fn names_the_course_no_longer_has_do_not_count() {
        let mut state = State::default();
        state.mark_done("retired");
        let rows = [Row {
            name: "intro",
            chapter_number: 1,
            chapter: "01",
            done: false,
            current: true,
        }];
        assert!(
            strip_ansi(&render(&rows, &state, &["intro"], Some("x.rs")))
                .starts_with("Progress: 0 of 1 done")
        );
    }
}
