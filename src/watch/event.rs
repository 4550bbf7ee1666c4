//! Everything watch mode reacts to, as one enum sent on one channel: keys,
//! terminal resizes, debounced file saves, and the results of checks.
//!
//! The producers are the input thread (keys, resizes), the file watcher
//! (saves, a watcher failure), the check worker (verdicts, progress) and the
//! signal thread (a request to stop, `crate::interrupt`). The
//! main loop is the only consumer. This file also turns crossterm's key
//! events into the few [`Key`]s watch knows, so the rest never sees crossterm.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::engine::Verdict;

/// Something happened; the main loop decides what it means.
#[derive(Debug)]
pub enum Event {
    /// A key was pressed.
    Key(Key),
    /// The terminal changed size: draw everything again.
    Resize,
    /// An exercise file was saved (debounced: one event per save).
    Saved {
        /// The exercise's position in the course.
        exercise: usize,
    },
    /// Another runner process (`hint`, `run`) changed the progress file.
    ProgressChanged,
    /// The file watcher stopped working; watch falls back to `r`.
    WatcherFailed {
        /// What the watcher reported.
        reason: String,
    },
    /// A check finished.
    Checked(Box<Checked>),
    /// One more exercise of "check all" finished.
    CheckAllProgress {
        /// How many are finished.
        finished: usize,
        /// How many there are.
        total: usize,
    },
    /// "Check all" finished: every exercise with its result, in course order.
    CheckedAll(Vec<Checked>),
    /// The check worker died (a panic): watch cannot go on.
    WorkerStopped,
    /// The runner was asked to stop (SIGTERM, SIGHUP, or SIGINT from
    /// outside: in raw mode Ctrl-C is a key): quit as `q` does, exit 130.
    Interrupted,
}

/// The result of checking one exercise.
#[derive(Debug)]
pub struct Checked {
    /// The exercise's position in the course.
    pub exercise: usize,
    /// The hash of the content that was checked (the verdict's own, so it
    /// is exactly what was compiled), when there is a verdict.
    pub hash: Option<String>,
    /// What changed since the check shown before (`words::what_changed`).
    pub change: Option<String>,
    /// The verdict, or why there is none (e.g. the file is missing).
    pub result: Result<Verdict, String>,
}

/// The keys watch knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A printable key (letters are lowercased).
    Char(char),
    /// Enter.
    Enter,
    /// Escape.
    Escape,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Page up.
    PageUp,
    /// Page down (or space).
    PageDown,
    /// Home.
    Home,
    /// End.
    End,
    /// Ctrl-C: quit, whatever is on screen.
    Interrupt,
}

/// The [`Key`] for a crossterm key event, if watch cares about it. Releases
/// (reported on Windows) are ignored so that a key acts once.
pub fn key_from(event: KeyEvent) -> Option<Key> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    if event.modifiers.contains(KeyModifiers::CONTROL) {
        return matches!(event.code, KeyCode::Char('c' | 'C')).then_some(Key::Interrupt);
    }
    Some(match event.code {
        KeyCode::Char(' ') => Key::PageDown,
        KeyCode::Char(c) => Key::Char(c.to_ascii_lowercase()),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Escape,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn keys_map_to_what_watch_knows() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            key_from(press(KeyCode::Char('h'), none)),
            Some(Key::Char('h'))
        );
        assert_eq!(
            key_from(press(KeyCode::Char('Q'), KeyModifiers::SHIFT)),
            Some(Key::Char('q'))
        );
        assert_eq!(
            key_from(press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Key::Interrupt)
        );
        assert_eq!(
            key_from(press(KeyCode::Char('x'), KeyModifiers::CONTROL)),
            None
        );
        assert_eq!(key_from(press(KeyCode::Enter, none)), Some(Key::Enter));
        assert_eq!(key_from(press(KeyCode::F(5), none)), None);
    }

    #[test]
    fn a_release_does_not_act_twice() {
        let mut release = press(KeyCode::Char('n'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(key_from(release), None);
    }
}
