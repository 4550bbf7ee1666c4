//! The thin terminal layer: raw mode and the alternate screen on entry,
//! rows printed in place, and the terminal given back on every way out.
//!
//! [`Terminal::enter`] installs a panic hook that restores the terminal
//! before the panic message is printed, and [`Terminal`]'s `Drop` restores
//! it on a normal quit, on Ctrl-C (a key in raw mode) and on an error
//! unwinding out of the loop. Restoring twice is harmless. What to print is
//! `screen.rs`'s job; this file never decides content.

use std::io::{self, Stdout, Write};
use std::sync::Once;

use crossterm::cursor::{Hide, MoveTo, Show};
use crossterm::style::Print;
use crossterm::terminal::{
    self, BeginSynchronizedUpdate, Clear, ClearType, DisableLineWrap, EnableLineWrap,
    EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{execute, queue};

use crate::text::display_width;

/// The terminal in watch mode. Dropping it gives the terminal back.
#[derive(Debug)]
pub struct Terminal {
    out: Stdout,
    shown: Vec<String>,
    size: (u16, u16),
}

impl Terminal {
    /// Switches to raw mode and the alternate screen, hides the cursor and
    /// turns off line wrapping (each row is drawn at its place).
    pub fn enter() -> io::Result<Self> {
        install_panic_hook();
        terminal::enable_raw_mode()?;
        let mut out = io::stdout();
        if let Err(error) = execute!(out, EnterAlternateScreen, Hide, DisableLineWrap) {
            restore();
            return Err(error);
        }
        Ok(Self {
            out,
            shown: Vec::new(),
            size: (0, 0),
        })
    }

    /// The terminal's size as (columns, rows), with a usable fallback when
    /// it cannot say.
    pub fn size(&self) -> (u16, u16) {
        terminal::size().unwrap_or((80, 24))
    }

    /// Prints `rows`, one per terminal row from the top, rewriting only the
    /// rows that changed since the last call (all of them when `full`, or
    /// when the size changed).
    pub fn draw(&mut self, rows: &[String], full: bool) -> io::Result<()> {
        let size = self.size();
        let full = full || size != self.size;
        self.size = size;
        queue!(self.out, BeginSynchronizedUpdate)?;
        if full {
            queue!(self.out, Clear(ClearType::All))?;
            self.shown.clear();
        }
        for (index, row) in rows.iter().enumerate() {
            if !full && self.shown.get(index) == Some(row) {
                continue;
            }
            let y = u16::try_from(index).unwrap_or(u16::MAX);
            queue!(self.out, MoveTo(0, y), Print(row))?;
            // A full-width row leaves the cursor on its last column, where
            // "clear to the end of the line" would erase that column.
            if display_width(row) < usize::from(size.0) {
                queue!(self.out, Clear(ClearType::UntilNewLine))?;
            }
        }
        if rows.len() < self.shown.len() {
            let y = u16::try_from(rows.len()).unwrap_or(u16::MAX);
            queue!(self.out, MoveTo(0, y), Clear(ClearType::FromCursorDown))?;
        }
        queue!(self.out, EndSynchronizedUpdate)?;
        self.out.flush()?;
        self.shown = rows.to_vec();
        Ok(())
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        restore();
    }
}

/// Gives the terminal back: cursor shown, line wrapping on, main screen,
/// cooked mode. Best effort: there is nowhere left to report a failure.
fn restore() {
    let mut out = io::stdout();
    let _ = execute!(out, EnableLineWrap, Show, LeaveAlternateScreen);
    let _ = terminal::disable_raw_mode();
}

/// Restores the terminal before any panic message, so the message is
/// readable and the learner's shell is usable afterwards. Installed once.
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if terminal::is_raw_mode_enabled().unwrap_or(true) {
                restore();
            }
            previous(info);
        }));
    });
}
