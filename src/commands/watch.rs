//! `watch [--manual]` (and no subcommand at all): refuse without a
//! terminal before creating anything, open the learner's course, and hand
//! it to watch mode (`crate::watch`).

use crate::error::Error;
use crate::location::Cwd;
use crate::open;
use crate::report::announce;
use crate::watch::{self, WatchOptions};

/// Runs watch mode on the learner's course around `cwd`.
pub fn run(cwd: &Cwd, manual: bool, color: bool) -> Result<u8, Error> {
    watch::require_terminal()?;
    let opened = open::learner(cwd)?;
    // Printed before the screen opens too, so they stay in the scrollback
    // after watch ends.
    for note in &opened.notes {
        announce(note);
    }
    watch::watch(
        opened,
        WatchOptions {
            manual,
            color,
            cwd: cwd.clone(),
        },
    )
}
