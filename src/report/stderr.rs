//! Lines for the learner on stderr: status ("Building the course
//! library..."), notes and warnings. stdout stays the report alone, so a
//! `verify --format json > report.json` holds nothing else.

use std::io::Write;

/// Writes `line` (and a newline) on stderr. A failed write is ignored: a
/// status line is never worth stopping a command for.
pub fn announce(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}
