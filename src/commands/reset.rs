//! `reset NAME`: put an exercise back as the course ships it, keeping the
//! learner's version as a backup, and mark it pending again. `reset --tests
//! NAME` puts back only its tests block, keeping the rest of the learner's
//! file (with the same backup); progress is untouched, since the course's
//! tests judged every check anyway.
//!
//! The file work (where the pristine copy comes from, the backup name) is
//! `course_folder`'s; this file ties it to the progress and says where
//! everything went.

use std::io::Write;

use crate::course_folder;
use crate::error::Error;
use crate::exit_code;
use crate::location::Cwd;
use crate::open::{self, find_exercise};

/// Runs `reset NAME` (only the tests block when `tests`) on the learner's
/// course, showing paths relative to `cwd`.
pub fn run(cwd: &Cwd, name: &str, tests: bool, out: &mut dyn Write) -> Result<u8, Error> {
    let mut opened = open::learner(cwd)?;
    opened.announce_notes();
    let exercise = find_exercise(&opened.course, name)?;
    let text = if tests {
        let report = course_folder::restore_tests(opened.course.root(), exercise)?;
        let shown = cwd.show(&report.path);
        match &report.backup {
            Some(backup) => format!(
                "Restored the course's tests in {}; the rest of your file is as you left it.\n\
                 Your version is kept in {}.\n",
                shown.display(),
                cwd.show(backup).display()
            ),
            None => format!(
                "The tests in {} are already the course's; nothing changed.\n",
                shown.display()
            ),
        }
    } else {
        let report = course_folder::reset_exercise(opened.course.root(), exercise)?;
        let was_done = opened
            .store
            .update(|state| state.mark_pending(&exercise.name))?;
        let mut text = format!(
            "Restored {} as the course ships it.\n",
            cwd.show(&report.path).display()
        );
        match &report.backup {
            Some(backup) => text.push_str(&format!(
                "Your version is kept in {}.\n",
                cwd.show(backup).display()
            )),
            None => {
                text.push_str("It had no changes of yours, so there was nothing to keep.\n");
            }
        }
        if was_done {
            text.push_str(&format!("`{}` is pending again.\n", exercise.name));
        }
        text
    };
    out.write_all(text.as_bytes())
        .map_err(|source| Error::Output { source })?;
    Ok(exit_code::SUCCESS)
}
