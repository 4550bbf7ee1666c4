//! `reset NAME`: put an exercise back as the course ships it, keeping the
//! learner's version as a backup, and mark it pending again.
//!
//! The file work (where the pristine copy comes from, the backup name) is
//! `course_folder::reset_exercise`'s; this file ties it to the progress and
//! says where everything went.

use std::io::Write;
use std::path::Path;

use crate::commands::learner::LearnerSession;
use crate::course_folder;
use crate::error::Error;
use crate::exit_code;

/// Runs `reset NAME` from `cwd`.
pub fn run(
    cwd: &Path,
    name: &str,
    out: &mut dyn Write,
    notes: &mut dyn Write,
) -> Result<u8, Error> {
    let session = LearnerSession::open(cwd, notes)?;
    let exercise = session.exercise(name)?;
    let report = course_folder::reset_exercise(session.course.root(), exercise)?;
    let was_done = session
        .store
        .update(|state| state.mark_pending(&exercise.name))?;

    let mut text = format!(
        "Restored {} as the course ships it.\n",
        session.shown(&report.path).display()
    );
    match &report.backup {
        Some(backup) => text.push_str(&format!(
            "Your version is kept in {}.\n",
            session.shown(backup).display()
        )),
        None => text.push_str("It had no changes of yours, so there was nothing to keep.\n"),
    }
    if was_done {
        text.push_str(&format!("`{}` is pending again.\n", exercise.name));
    }
    out.write_all(text.as_bytes())
        .map_err(|source| Error::Output { source })?;
    Ok(exit_code::SUCCESS)
}
