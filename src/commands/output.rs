//! Small helpers shared by the commands: messages on stderr, and looking an
//! exercise up by name with a "did you mean".

use std::io::Write;

use crate::course::{Course, Exercise};
use crate::error::Error;

/// A status line on stderr (e.g. "Building the course library..."), so that
/// stdout stays the report alone.
pub fn announce(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// A warning on stderr.
pub fn warn(message: &str) {
    let _ = writeln!(std::io::stderr(), "{message}");
}

/// The exercise called `name`, or a usage error suggesting the closest name.
pub fn find_exercise<'c>(course: &'c Course, name: &str) -> Result<&'c Exercise, Error> {
    course.exercise(name).ok_or_else(|| {
        let suggestion = course
            .exercises()
            .iter()
            .map(|exercise| (strsim::jaro_winkler(name, &exercise.name), &exercise.name))
            .filter(|(similarity, _)| *similarity > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, name)| name.clone());
        Error::UnknownExercise {
            name: name.to_owned(),
            suggestion,
        }
    })
}
