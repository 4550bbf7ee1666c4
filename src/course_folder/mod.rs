//! Course folders: the copy of the course a learner works in, written from
//! the course embedded in the binary (or a source folder on disk), brought
//! up to date by `init --update`, and restored file by file by `reset`.
//!
//! Progress inside a course folder belongs to `crate::state`; finding a
//! course folder from the current directory belongs to `crate::location`.

mod course_tests;
mod error;
mod files;
mod generated;
mod info;
mod init;
mod record;
mod restore;
mod source;
mod walk;

pub use course_tests::{TestsResetReport, course_tests, restore_tests};
pub use error::CourseFolderError;
pub use info::{InfoExercise, InfoSummary};
pub use init::{
    InitReport, UpdateReport, init, is_course_folder, made_from, update, update_available,
};
pub use restore::{ResetReport, reset_exercise, unlock_solutions, write_solution, write_solutions};
pub use source::{CourseSource, SourceFile};
