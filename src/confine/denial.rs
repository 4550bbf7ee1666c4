//! What the confinement refused, as the confined process saw it.
//!
//! Landlock answers a refused open, write or connection with `EACCES`
//! (sometimes `EPERM`) and tells nobody else, so the evidence is in the
//! process's own output: the error it printed, usually with the path or
//! address it was after ("could not write /tmp/x: Permission denied (os
//! error 13)"). [`Denials`] collects those lines from every confined
//! process of one check, for the check that fails to show first.
//! Deciding what a failure means is `challenge/check.rs`'s.

use std::sync::{Arc, Mutex, PoisonError};

/// How many denial lines one check shows.
const SHOWN: usize = 5;

/// The longest line shown, in characters.
const LINE_CAP: usize = 300;

/// The lines of `output` that report an access refused by the kernel
/// (`EACCES`, `EPERM` in Rust's, libc's and cargo's words), trimmed,
/// each once, at most five.
pub fn denied_lines(output: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in crate::text::strip_ansi(output).lines() {
        let line = line.trim();
        if !is_denial(line) {
            continue;
        }
        let line: String = if line.chars().count() > LINE_CAP {
            line.chars().take(LINE_CAP).chain("…".chars()).collect()
        } else {
            line.to_owned()
        };
        if !lines.contains(&line) {
            lines.push(line);
        }
        if lines.len() == SHOWN {
            break;
        }
    }
    lines
}

fn is_denial(line: &str) -> bool {
    [
        "Permission denied",
        "Operation not permitted",
        "os error 13)",
        "os error 1)",
        "PermissionDenied",
        "EACCES",
        "EPERM",
    ]
    .iter()
    .any(|marker| line.contains(marker))
}

/// The denial lines seen so far in one check's processes, shared by the
/// threads that run them.
#[derive(Debug, Clone, Default)]
pub struct Denials(Arc<Mutex<Vec<String>>>);

impl Denials {
    /// Keeps the denial lines of `output`.
    pub fn record(&self, output: &str) {
        let found = denied_lines(output);
        if found.is_empty() {
            return;
        }
        let mut seen = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        for line in found {
            if !seen.contains(&line) && seen.len() < SHOWN {
                seen.push(line);
            }
        }
    }

    /// The lines kept since the last call, leaving none.
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_accesses_are_found_in_the_words_of_rust_and_cargo() {
        let output = "   Compiling escape v0.1.0\n\
            error: failed to run custom build command for `escape v0.1.0`\n\
            thread 'main' panicked at build.rs:9:10:\n\
            could not write /tmp/outside/escaped.txt: Permission denied (os error 13)\n\
            called `Result::unwrap()` on an `Err` value: Os { code: 13, kind: PermissionDenied, message: \"Permission denied\" }\n\
            could not write /tmp/outside/escaped.txt: Permission denied (os error 13)\n\
            test result: FAILED. 0 passed; 1 failed\n";
        assert_eq!(
            denied_lines(output),
            [
                "could not write /tmp/outside/escaped.txt: Permission denied (os error 13)",
                "called `Result::unwrap()` on an `Err` value: Os { code: 13, kind: PermissionDenied, message: \"Permission denied\" }"
            ]
        );
        assert!(denied_lines("test result: ok. 3 passed; 0 failed").is_empty());
        assert!(denied_lines("error[E0308]: mismatched types").is_empty());
    }

    #[test]
    fn denials_are_shared_between_clones_and_taken_once() {
        let denials = Denials::default();
        let clone = denials.clone();
        clone.record("connect to 127.0.0.1:4000: Permission denied (os error 13)");
        clone.record("nothing refused here");
        assert_eq!(
            denials.take(),
            ["connect to 127.0.0.1:4000: Permission denied (os error 13)"]
        );
        assert!(denials.take().is_empty(), "taken once");
    }
}
