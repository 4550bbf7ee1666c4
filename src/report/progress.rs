//! A one-line progress bar on stderr, drawn only when stderr is a terminal,
//! so CI logs and pipes stay clean.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;

/// Counts finished checks and redraws the bar.
#[derive(Debug)]
pub struct Progress {
    state: Option<Mutex<(usize, usize)>>,
}

impl Progress {
    /// A bar for `total` checks; silent unless stderr is a terminal.
    pub fn new(total: usize) -> Self {
        let state = std::io::stderr()
            .is_terminal()
            .then(|| Mutex::new((0, total)));
        Self { state }
    }

    /// One more check finished: `label` names it.
    pub fn tick(&self, label: &str) {
        let Some(state) = &self.state else { return };
        let mut state = state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        state.0 += 1;
        let (done, total) = *state;
        const WIDTH: usize = 30;
        let filled = WIDTH * done / total.max(1);
        let label: String = label.chars().take(36).collect();
        let mut stderr = std::io::stderr().lock();
        // \r and "erase line": redraw in place.
        let _ = write!(
            stderr,
            "\r\u{1b}[2K[{}{}] {done}/{total} {label}",
            "#".repeat(filled),
            "-".repeat(WIDTH - filled)
        );
        let _ = stderr.flush();
    }

    /// Erases the bar.
    pub fn finish(&self) {
        if self.state.is_some() {
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\r\u{1b}[2K");
            let _ = stderr.flush();
        }
    }
}
