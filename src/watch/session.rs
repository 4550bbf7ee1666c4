//! What watch mode is doing, as a pure state machine: which exercise is
//! current, whether a check is running and what to do after it, what the
//! screen shows, and the rules for moving on.
//!
//! Inputs are method calls (a key, a save, a finished check) with the
//! learner's progress passed in as a [`State`]; outputs are [`Effect`]s for
//! the shell (`command.rs`) to carry out: start a check, change the
//! progress, reset a file. Nothing here touches a file, a process or the
//! terminal, so every rule is unit-tested. Drawing is `screen.rs`'s job.
//!
//! The rules:
//! - Only the current exercise's saves count, and a save whose content was
//!   already checked is skipped.
//! - Never two checks at once: a save during a check queues one re-check of
//!   the final content, run after it (a jump or `r` queues a forced one).
//! - A pass of an exercise that was not done moves on at once to the next
//!   pending exercise (course order, wrapping), keeping the pass on screen.
//!   A revisited exercise (done when it became current, e.g. through `l`)
//!   stays after its pass, and `n` moves on. A verdict on content that has
//!   changed since never moves on: the new content is checked first.
//! - `t` puts the course's tests block back into a test-mode exercise (the
//!   learner's version kept as a backup, as `x` does) and checks it again.

use std::path::PathBuf;

use crate::course::{Course, Exercise};
use crate::engine::Verdict;
use crate::report::words::reason;
use crate::state::State;

use super::event::{Checked, Key};

/// Something for the shell to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Check this exercise now (no check is running).
    Check(usize),
    /// Record a check in the progress (`State::record_check`); when
    /// `advance`, a pass moves the progress on to the next exercise not
    /// done, reported with [`Session::advanced`], else the check is
    /// reported with [`Session::recorded`].
    Record {
        /// The exercise checked.
        exercise: usize,
        /// Whether it passed.
        passed: bool,
        /// Equal for "the same failure" (`Verdict::failure_signature`).
        signature: String,
        /// Whether a pass moves on.
        advance: bool,
    },
    /// Reveal the next hint level of this exercise.
    BumpHint(usize),
    /// Make this exercise current in the progress; nothing else changes
    /// (the learner left the welcome page, which a stored current exercise
    /// keeps from showing again).
    SetCurrent(usize),
    /// Make this exercise current in the progress, then call [`Session::jumped`].
    Jump(usize),
    /// Restore this exercise's pristine file (keeping a backup), then call
    /// [`Session::reset_done`].
    Reset(usize),
    /// Restore the course's tests block in this exercise's file (keeping a
    /// backup), then call [`Session::tests_restored`].
    RestoreTests(usize),
    /// Check every exercise, in course order.
    CheckAll,
    /// Leave watch mode.
    Quit,
}

/// What the main screen shows under the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// The first check has not finished yet.
    Starting,
    /// The last verdict on the current exercise.
    Verdict {
        /// The verdict.
        verdict: Box<Verdict>,
        /// The reference solution, once written (a pass).
        solution: Option<PathBuf>,
        /// What changed since the check shown before it.
        change: Option<String>,
    },
    /// The current exercise could not be checked (e.g. its file is missing).
    CheckFailed(String),
    /// An exercise passed and watch moved on to `next`.
    Advanced {
        /// The exercise that passed.
        passed: usize,
        /// Its passing verdict (for the program's output).
        verdict: Box<Verdict>,
        /// Its reference solution, if it could be written.
        solution: Option<PathBuf>,
        /// The new current exercise.
        next: usize,
    },
    /// `x` restored the current exercise.
    Reset {
        /// Where the learner's version was kept, if it differed.
        backup: Option<PathBuf>,
    },
    /// `c` checked everything.
    CheckedAll {
        /// Every exercise that does not pass, with a one-line reason.
        failing: Vec<(usize, String)>,
        /// How many exercises were checked.
        total: usize,
    },
    /// Every exercise passes.
    Finished {
        /// The exercise whose pass finished the course, and its solution.
        last: Option<(usize, Option<PathBuf>)>,
    },
}

/// Which screen has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The course's welcome message, shown until the learner first leaves
    /// it with Enter.
    Welcome,
    /// The header, the verdict and the key list.
    Main,
    /// The exercise list, with a cursor.
    List {
        /// The highlighted exercise.
        cursor: usize,
    },
    /// "Reset this exercise?"
    ConfirmReset,
}

/// How saves are noticed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Watching {
    /// File events: every save is checked.
    Files,
    /// Only `r` checks; `reason` says why (`--manual`, or the watcher failed).
    Manual {
        /// Shown on screen.
        reason: String,
    },
}

/// What to do once the running check is over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Then {
    /// Nothing was asked meanwhile.
    Nothing,
    /// A save arrived: check the current exercise if its content changed.
    RecheckIfChanged,
    /// A jump, a reset or `r`: check the current exercise.
    Check,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Idle,
    Checking {
        exercise: usize,
        then: Then,
    },
    CheckingAll {
        finished: usize,
        total: usize,
        then: Then,
    },
}

/// A one-line message above the key list, until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// What to say.
    pub text: String,
    /// Whether it is a warning (drawn in yellow) rather than information.
    pub warning: bool,
}

/// Watch mode's state.
#[derive(Debug)]
pub struct Session<'c> {
    course: &'c Course,
    current: usize,
    revisiting: bool,
    phase: Phase,
    last_checked: Option<(usize, String)>,
    /// The content hash of the latest save of the current exercise that
    /// arrived while a check ran (what the file holds, as far as we know).
    saved_while_checking: Option<String>,
    screen: Screen,
    body: Body,
    notice: Option<Notice>,
    notes: Vec<String>,
    scroll: usize,
    watching: Watching,
}

impl<'c> Session<'c> {
    /// A session on `course` as the progress `state` leaves it. `notes` are
    /// shown above the first verdicts (e.g. where the course folder was
    /// created, or a progress file that had to be rebuilt). Returns the
    /// effects to start with (the first check).
    pub fn start(
        course: &'c Course,
        state: &State,
        watching: Watching,
        notes: Vec<String>,
    ) -> (Self, Vec<Effect>) {
        let names = course.exercise_names();
        let done = state.done_count(&names);
        let all_done = done == names.len();
        let current = state
            .resolve_current(&names)
            .and_then(|name| position(course, name))
            .unwrap_or(0);
        // Enter on the welcome page stores the current exercise, so a
        // learner who has begun is not welcomed again on every start.
        let fresh = state.current().is_none() && done == 0;
        let mut session = Self {
            course,
            current,
            revisiting: state.is_done(&course.exercises()[current].name),
            phase: Phase::Idle,
            last_checked: None,
            saved_while_checking: None,
            screen: if fresh { Screen::Welcome } else { Screen::Main },
            body: Body::Starting,
            notice: None,
            notes,
            scroll: 0,
            watching,
        };
        if all_done {
            session.body = Body::Finished { last: None };
            return (session, Vec::new());
        }
        let effects = session.request_check(Then::Check);
        (session, effects)
    }

    /// The course.
    pub fn course(&self) -> &'c Course {
        self.course
    }

    /// The current exercise's position.
    pub fn current(&self) -> usize {
        self.current
    }

    /// The current exercise.
    pub fn current_exercise(&self) -> &'c Exercise {
        &self.course.exercises()[self.current]
    }

    /// Which screen is shown.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// What the main screen's body shows.
    pub fn body(&self) -> &Body {
        &self.body
    }

    /// The one-line notice, if any.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// Notes shown above the verdict.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// How saves are noticed.
    pub fn watching(&self) -> &Watching {
        &self.watching
    }

    /// The first body line shown.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Keeps the scroll position within a body of `max` + a screenful lines.
    pub fn clamp_scroll(&mut self, max: usize) {
        self.scroll = self.scroll.min(max);
    }

    /// Whether a check is running, and of which exercise (`None` inside
    /// for "check all"), with its progress.
    pub fn checking(&self) -> Option<Checking> {
        match self.phase {
            Phase::Idle => None,
            Phase::Checking { exercise, .. } => Some(Checking::One(exercise)),
            Phase::CheckingAll {
                finished, total, ..
            } => Some(Checking::All { finished, total }),
        }
    }

    /// The current exercise passed its last check (as shown on screen, or
    /// per the progress when nothing is shown yet).
    pub fn current_passes(&self, state: &State) -> bool {
        match &self.body {
            Body::Verdict { verdict, .. } => verdict.passed(),
            Body::CheckFailed(_) | Body::Reset { .. } | Body::Advanced { .. } => false,
            Body::Starting | Body::CheckedAll { .. } | Body::Finished { .. } => {
                state.is_done(&self.current_exercise().name)
            }
        }
    }

    /// The watcher failed: fall back to `r`.
    pub fn watcher_failed(&mut self, reason: String) {
        self.notice = Some(Notice {
            text: format!("File watching stopped ({reason}); press r to check after you save."),
            warning: true,
        });
        self.watching = Watching::Manual { reason };
    }

    /// A key was pressed.
    pub fn key(&mut self, key: Key, state: &State) -> Vec<Effect> {
        if key == Key::Interrupt {
            return vec![Effect::Quit];
        }
        self.notice = None;
        match self.screen {
            Screen::Welcome => match key {
                Key::Char('q') => vec![Effect::Quit],
                Key::Enter => {
                    self.screen = Screen::Main;
                    // They were on the welcome page; the verdict needs the room.
                    self.notes.clear();
                    vec![Effect::SetCurrent(self.current)]
                }
                _ => {
                    self.notice = Some(Notice {
                        text: "Press Enter to start, or q to quit.".to_owned(),
                        warning: false,
                    });
                    Vec::new()
                }
            },
            Screen::Main => self.main_key(key, state),
            Screen::List { cursor } => self.list_key(key, cursor),
            Screen::ConfirmReset => {
                self.screen = Screen::Main;
                if key == Key::Char('y') {
                    vec![Effect::Reset(self.current)]
                } else {
                    self.inform("Reset cancelled; your file is untouched.");
                    Vec::new()
                }
            }
        }
    }

    fn main_key(&mut self, key: Key, state: &State) -> Vec<Effect> {
        let exercise = self.current_exercise();
        match key {
            Key::Char('q') => vec![Effect::Quit],
            Key::Char('h') => {
                let level = state.hint_level(&exercise.name) as usize;
                if level >= exercise.hints.len() {
                    self.inform(&format!(
                        "All {} hints are shown; `typed-ai-rustlings hint --all` prints them.",
                        exercise.hints.len()
                    ));
                    Vec::new()
                } else {
                    self.scroll = 0;
                    vec![Effect::BumpHint(self.current)]
                }
            }
            Key::Char('n') => {
                if matches!(self.body, Body::Finished { .. }) {
                    self.inform("Every exercise passes: there is no next one. l lists them all.");
                    Vec::new()
                } else if self.current_passes(state) {
                    if self.all_done(state) {
                        self.body = Body::Finished { last: None };
                        self.scroll = 0;
                        Vec::new()
                    } else {
                        vec![Effect::Jump(self.next_pending(state))]
                    }
                } else {
                    self.warn(
                        "n moves on once this exercise passes: fix it and save (r checks it again).",
                    );
                    Vec::new()
                }
            }
            Key::Char('l') => {
                self.screen = Screen::List {
                    cursor: self.current,
                };
                Vec::new()
            }
            Key::Char('r') => {
                self.scroll = 0;
                self.request_check(Then::Check)
            }
            Key::Char('c') => match self.phase {
                Phase::Idle => {
                    self.phase = Phase::CheckingAll {
                        finished: 0,
                        total: self.course.exercises().len(),
                        then: Then::Nothing,
                    };
                    self.scroll = 0;
                    vec![Effect::CheckAll]
                }
                _ => {
                    self.inform("A check is running; press c again when it is done.");
                    Vec::new()
                }
            },
            Key::Char('x') => {
                self.screen = Screen::ConfirmReset;
                Vec::new()
            }
            Key::Char('t') => {
                if exercise.mode == crate::course::Mode::Test {
                    vec![Effect::RestoreTests(self.current)]
                } else {
                    self.inform(&format!(
                        "`{}` has no tests to restore: what its program prints judges it.",
                        exercise.name
                    ));
                    Vec::new()
                }
            }
            Key::Up | Key::Char('k') => {
                self.scroll = self.scroll.saturating_sub(1);
                Vec::new()
            }
            Key::Down | Key::Char('j') => {
                self.scroll += 1;
                Vec::new()
            }
            Key::PageUp => {
                self.scroll = self.scroll.saturating_sub(PAGE);
                Vec::new()
            }
            Key::PageDown => {
                self.scroll += PAGE;
                Vec::new()
            }
            Key::Home => {
                self.scroll = 0;
                Vec::new()
            }
            Key::End => {
                self.scroll = usize::MAX;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn list_key(&mut self, key: Key, cursor: usize) -> Vec<Effect> {
        let last = self.course.exercises().len() - 1;
        let cursor = match key {
            Key::Up | Key::Char('k') => cursor.saturating_sub(1),
            Key::Down | Key::Char('j') => (cursor + 1).min(last),
            Key::PageUp => cursor.saturating_sub(PAGE),
            Key::PageDown => (cursor + PAGE).min(last),
            Key::Home => 0,
            Key::End => last,
            Key::Enter => {
                self.screen = Screen::Main;
                if cursor == self.current {
                    return Vec::new();
                }
                return vec![Effect::Jump(cursor)];
            }
            Key::Escape | Key::Char('q' | 'l') => {
                self.screen = Screen::Main;
                return Vec::new();
            }
            _ => cursor,
        };
        self.screen = Screen::List { cursor };
        Vec::new()
    }

    /// The exercise `n` moves on to: the next one not done after the
    /// current one (`State::next_pending`); the current one if none is left.
    fn next_pending(&self, state: &State) -> usize {
        state
            .next_pending(&self.course.exercise_names(), &self.current_exercise().name)
            .and_then(|name| position(self.course, name))
            .unwrap_or(self.current)
    }

    /// Whether every exercise is done.
    fn all_done(&self, state: &State) -> bool {
        state.is_finished(&self.course.exercise_names())
    }

    /// The current exercise's file was saved; `hash` is its content's hash
    /// (`None` when it cannot be read, e.g. mid-rename or deleted).
    pub fn saved(&mut self, exercise: usize, hash: Option<String>) -> Vec<Effect> {
        if exercise != self.current || self.screen == Screen::Welcome {
            return Vec::new();
        }
        let Some(hash) = hash else {
            self.warn(&format!(
                "{} cannot be read (moved or deleted?); x restores the original.",
                self.current_exercise().path.display()
            ));
            return Vec::new();
        };
        if self.phase == Phase::Idle {
            // The content last checked, saved again (a touch): nothing new.
            if self.last_checked.as_ref() == Some(&(exercise, hash)) {
                return Vec::new();
            }
        } else {
            // What the running check reads is known only when it ends, so
            // the comparison waits for it (see `checked`). Comparing with the
            // check before would miss an undo back to that content.
            self.saved_while_checking = Some(hash);
        }
        self.notes.clear();
        self.request_check(Then::RecheckIfChanged)
    }

    /// Asks for a check of the current exercise now, or after the running one.
    fn request_check(&mut self, then: Then) -> Vec<Effect> {
        match &mut self.phase {
            Phase::Idle => {
                self.phase = Phase::Checking {
                    exercise: self.current,
                    then: Then::Nothing,
                };
                self.saved_while_checking = None;
                vec![Effect::Check(self.current)]
            }
            Phase::Checking { then: queued, .. } | Phase::CheckingAll { then: queued, .. } => {
                *queued = (*queued).max(then);
                Vec::new()
            }
        }
    }

    /// A check finished. Returns what to record and any follow-up check: a
    /// save that arrived meanwhile with other content than was checked
    /// means the verdict is already stale.
    pub fn checked(&mut self, checked: Checked) -> Vec<Effect> {
        let Phase::Checking { exercise, then } = self.phase else {
            return Vec::new();
        };
        self.phase = Phase::Idle;
        if let Some(hash) = &checked.hash {
            self.last_checked = Some((checked.exercise, hash.clone()));
        }
        let changed_since = checked.exercise != self.current
            || then == Then::Check
            || (then == Then::RecheckIfChanged && self.saved_while_checking != checked.hash);
        let mut effects = Vec::new();
        match checked.result {
            Ok(verdict) => {
                let passed = verdict.passed();
                let advance = passed && !changed_since && !self.revisiting;
                effects.push(Effect::Record {
                    exercise,
                    passed,
                    signature: verdict.failure_signature(),
                    advance,
                });
                if exercise == self.current {
                    self.scroll = 0;
                    self.body = Body::Verdict {
                        verdict: Box::new(verdict),
                        solution: None,
                        change: checked.change,
                    };
                }
            }
            Err(problem) => {
                if exercise == self.current {
                    self.body = Body::CheckFailed(problem);
                }
            }
        }
        if changed_since {
            effects.extend(self.request_check(Then::Check));
        }
        effects
    }

    /// The verdict was recorded without moving on; `solution` is the
    /// reference solution written for a pass.
    pub fn recorded(&mut self, exercise: usize, solution: Option<PathBuf>) {
        if exercise != self.current {
            return;
        }
        if let Body::Verdict {
            solution: shown, ..
        } = &mut self.body
        {
            *shown = solution;
        }
    }

    /// The verdict was recorded and the progress moved on: `next` is the new
    /// current exercise, `None` when every exercise is done.
    pub fn advanced(&mut self, exercise: usize, solution: Option<PathBuf>, next: Option<usize>) {
        let verdict = match std::mem::replace(&mut self.body, Body::Starting) {
            Body::Verdict { verdict, .. } => verdict,
            other => {
                self.body = other;
                return;
            }
        };
        match next {
            Some(next) if next != exercise => {
                self.current = next;
                self.revisiting = false;
                self.body = Body::Advanced {
                    passed: exercise,
                    verdict,
                    solution,
                    next,
                };
            }
            _ => {
                self.body = Body::Finished {
                    last: Some((exercise, solution)),
                };
            }
        }
        self.scroll = 0;
    }

    /// The progress now names `exercise` as current (after [`Effect::Jump`]).
    pub fn jumped(&mut self, exercise: usize, state: &State) -> Vec<Effect> {
        self.current = exercise;
        self.revisiting = state.is_done(&self.current_exercise().name);
        self.body = Body::Starting;
        self.scroll = 0;
        self.request_check(Then::Check)
    }

    /// `x` finished: `Ok(backup)` restored the file, `Err` says why not.
    pub fn reset_done(&mut self, result: Result<Option<PathBuf>, String>) -> Vec<Effect> {
        match result {
            Ok(backup) => {
                // Kept above the verdict that replaces the body, until the next save.
                self.notes.push(match &backup {
                    Some(backup) => format!(
                        "{} was reset; your version is kept in {}.",
                        self.current_exercise().name,
                        backup.display()
                    ),
                    None => format!(
                        "{} was reset (it had no changes to keep).",
                        self.current_exercise().name
                    ),
                });
                self.body = Body::Reset { backup };
                self.scroll = 0;
                // The restored file is checked like a save: on its content.
                self.request_check(Then::Check)
            }
            Err(problem) => {
                self.warn(&format!("Could not reset: {problem}"));
                Vec::new()
            }
        }
    }

    /// `t` finished: `Ok(backup)` restored the tests block (`None`: it was
    /// already the course's), `Err` says why not.
    pub fn tests_restored(&mut self, result: Result<Option<PathBuf>, String>) -> Vec<Effect> {
        match result {
            Ok(Some(backup)) => {
                self.notes.push(format!(
                    "The course's tests are back in {}; your version is kept in {}.",
                    self.current_exercise().name,
                    backup.display()
                ));
                self.scroll = 0;
                self.request_check(Then::Check)
            }
            Ok(None) => {
                self.inform("Your tests are already the course's; nothing changed.");
                Vec::new()
            }
            Err(problem) => {
                self.warn(&format!("Could not restore the tests: {problem}"));
                Vec::new()
            }
        }
    }

    /// One more exercise of "check all" finished.
    pub fn check_all_progress(&mut self, finished: usize, total: usize) {
        if let Phase::CheckingAll {
            finished: shown,
            total: of,
            ..
        } = &mut self.phase
        {
            *shown = finished;
            *of = total;
        }
    }

    /// "Check all" finished and its verdicts are recorded; `first_pending`
    /// is the exercise the progress now names current (`None`: all pass).
    pub fn checked_all(
        &mut self,
        results: &[Checked],
        first_pending: Option<usize>,
        state: &State,
    ) -> Vec<Effect> {
        let then = match self.phase {
            Phase::CheckingAll { then, .. } => then,
            _ => Then::Nothing,
        };
        self.phase = Phase::Idle;
        let failing: Vec<(usize, String)> = results
            .iter()
            .filter_map(|checked| match &checked.result {
                Ok(verdict) if verdict.passed() => None,
                Ok(verdict) => Some((
                    checked.exercise,
                    reason(verdict, self.course.exercises()[checked.exercise].mode),
                )),
                Err(problem) => Some((checked.exercise, problem.clone())),
            })
            .collect();
        for checked in results {
            if let Some(hash) = &checked.hash
                && checked.exercise == self.current
            {
                self.last_checked = Some((checked.exercise, hash.clone()));
            }
        }
        self.scroll = 0;
        match first_pending {
            None => {
                self.body = Body::Finished { last: None };
                Vec::new()
            }
            Some(pending) => {
                let moved = pending != self.current;
                self.current = pending;
                self.revisiting = state.is_done(&self.current_exercise().name);
                self.body = Body::CheckedAll {
                    failing,
                    total: results.len(),
                };
                if moved || then == Then::Check {
                    // The body keeps the summary; the check shows the new
                    // current exercise's errors once it is back.
                    self.request_check(Then::Check)
                } else if then == Then::RecheckIfChanged {
                    self.request_check(Then::RecheckIfChanged)
                } else {
                    Vec::new()
                }
            }
        }
    }

    fn inform(&mut self, text: &str) {
        self.notice = Some(Notice {
            text: text.to_owned(),
            warning: false,
        });
    }

    /// Shows `text` above the verdict until the next save (it may be long:
    /// it is wrapped), and its first line as a warning until the next key.
    pub fn warn_at_length(&mut self, text: &str) {
        self.notes.push(text.to_owned());
        self.warn(text.lines().next().unwrap_or(text));
    }

    /// Shows `text` as a warning until the next key.
    pub fn warn(&mut self, text: &str) {
        self.notice = Some(Notice {
            text: text.to_owned(),
            warning: true,
        });
    }
}

/// A running check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checking {
    /// One exercise.
    One(usize),
    /// Every exercise ("check all").
    All {
        /// How many are finished.
        finished: usize,
        /// How many there are.
        total: usize,
    },
}

/// Lines moved by Page Up / Page Down.
const PAGE: usize = 10;

fn position(course: &Course, name: &str) -> Option<usize> {
    course
        .exercises()
        .iter()
        .position(|exercise| exercise.name == name)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::test_support::{compile_error as failing, fixture_course as course, passing};

    /// The effect that records a pass of `exercise`.
    fn pass_recorded(exercise: usize, advance: bool) -> Effect {
        Effect::Record {
            exercise,
            passed: true,
            signature: "passed".into(),
            advance,
        }
    }

    fn checked(exercise: usize, hash: &str, verdict: Verdict) -> Checked {
        Checked {
            exercise,
            hash: Some(hash.to_owned()),
            change: None,
            result: Ok(verdict),
        }
    }

    fn started<'c>(course: &'c Course, state: &State) -> Session<'c> {
        let (mut session, effects) = Session::start(course, state, Watching::Files, Vec::new());
        assert_eq!(effects, vec![Effect::Check(session.current())]);
        session.screen = Screen::Main;
        session
    }

    #[test]
    fn a_fresh_course_welcomes_and_checks_the_first_exercise_meanwhile() {
        let course = course();
        let (session, effects) =
            Session::start(&course, &State::default(), Watching::Files, Vec::new());
        assert_eq!(session.screen(), Screen::Welcome);
        assert_eq!(session.current(), 0);
        assert_eq!(effects, vec![Effect::Check(0)]);
    }

    #[test]
    fn leaving_the_welcome_page_stores_the_current_exercise_so_it_is_not_shown_again() {
        let course = course();
        let mut state = State::default();
        let (mut session, _) = Session::start(&course, &state, Watching::Files, Vec::new());
        assert_eq!(session.key(Key::Enter, &state), vec![Effect::SetCurrent(0)]);
        assert_eq!(session.screen(), Screen::Main);
        // What the shell does with the effect.
        state.set_current("intro");
        let (again, effects) = Session::start(&course, &state, Watching::Files, Vec::new());
        assert_eq!(again.screen(), Screen::Main);
        assert_eq!(again.current(), 0);
        assert_eq!(effects, vec![Effect::Check(0)]);
    }

    #[test]
    fn a_course_in_progress_opens_on_the_stored_current_exercise() {
        let course = course();
        let mut state = State::default();
        state.mark_done("intro");
        state.set_current("shapes");
        let (session, effects) = Session::start(&course, &state, Watching::Files, Vec::new());
        assert_eq!(session.screen(), Screen::Main);
        assert_eq!(session.current(), 1);
        assert_eq!(effects, vec![Effect::Check(1)]);
    }

    #[test]
    fn a_finished_course_shows_the_end_and_checks_nothing() {
        let course = course();
        let mut state = State::default();
        for name in ["intro", "shapes", "softmax_sums_to_one"] {
            state.mark_done(name);
        }
        let (session, effects) = Session::start(&course, &state, Watching::Files, Vec::new());
        assert_eq!(session.body(), &Body::Finished { last: None });
        assert!(effects.is_empty());
    }

    #[test]
    fn only_the_current_exercises_saves_count_and_unchanged_content_is_skipped() {
        let course = course();
        let state = State::default();
        let mut session = started(&course, &state);
        let effects = session.checked(checked(0, "h1", failing("E0308")));
        assert_eq!(effects.len(), 1, "the failure is recorded: {effects:?}");
        assert!(session.saved(1, Some("other".into())).is_empty());
        assert!(
            session.saved(0, Some("h1".into())).is_empty(),
            "a touch without a change"
        );
        assert_eq!(session.saved(0, Some("h2".into())), vec![Effect::Check(0)]);
    }

    #[test]
    fn saves_during_a_check_queue_exactly_one_recheck_of_the_final_content() {
        let course = course();
        let state = State::default();
        let mut session = started(&course, &state);
        // Three saves while the first check runs: nothing starts.
        for hash in ["h2", "h3", "h4"] {
            assert!(session.saved(0, Some(hash.into())).is_empty());
        }
        let effects = session.checked(checked(0, "h1", passing()));
        assert_eq!(
            effects,
            vec![pass_recorded(0, false), Effect::Check(0)],
            "the stale pass does not move on; one re-check follows"
        );
        assert_eq!(session.checking(), Some(Checking::One(0)));
        assert!(session.saved(0, Some("h4".into())).is_empty());
    }

    #[test]
    fn an_undo_to_the_previously_checked_content_during_a_check_is_checked_again() {
        let course = course();
        let state = State::default();
        let mut session = started(&course, &state);
        session.checked(checked(0, "a", failing("E0308")));
        assert_eq!(session.saved(0, Some("b".into())), vec![Effect::Check(0)]);
        // While `b` is checked, the learner undoes back to `a` and saves.
        assert!(session.saved(0, Some("a".into())).is_empty());
        let effects = session.checked(checked(0, "b", passing()));
        assert_eq!(
            effects,
            vec![pass_recorded(0, false), Effect::Check(0)],
            "the pass of `b`, no longer in the file, does not move on; `a` is checked"
        );
    }

    #[test]
    fn a_save_during_a_check_that_changed_nothing_does_not_recheck() {
        let course = course();
        let state = State::default();
        let mut session = started(&course, &state);
        assert!(session.saved(0, Some("h1".into())).is_empty());
        let effects = session.checked(checked(0, "h1", passing()));
        assert_eq!(effects, vec![pass_recorded(0, true)]);
        assert_eq!(session.checking(), None);
    }

    #[test]
    fn a_pass_moves_on_and_keeps_the_pass_on_screen() {
        let course = course();
        let state = State::default();
        let mut session = started(&course, &state);
        session.checked(checked(0, "h1", passing()));
        session.advanced(
            0,
            Some(PathBuf::from("solutions/01_basics/intro.rs")),
            Some(1),
        );
        assert_eq!(session.current(), 1);
        match session.body() {
            Body::Advanced {
                passed,
                solution,
                next,
                ..
            } => {
                assert_eq!((passed, next), (&0, &1));
                assert_eq!(
                    solution.as_deref(),
                    Some(Path::new("solutions/01_basics/intro.rs"))
                );
            }
            other => panic!("expected the pass with the next exercise, got {other:?}"),
        }
        assert_eq!(
            session.checking(),
            None,
            "the next file is checked on its first save"
        );
        assert_eq!(session.saved(1, Some("n1".into())), vec![Effect::Check(1)]);
    }

    #[test]
    fn the_last_pass_finishes_the_course() {
        let course = course();
        let state = State::default();
        let mut session = started(&course, &state);
        session.checked(checked(0, "h1", passing()));
        session.advanced(0, None, None);
        assert_eq!(
            session.body(),
            &Body::Finished {
                last: Some((0, None))
            }
        );
    }

    #[test]
    fn next_pending_skips_done_exercises_and_wraps_around() {
        let course = course();
        let mut state = State::default();
        state.mark_done("softmax_sums_to_one");
        state.set_current("shapes");
        let (session, _) = Session::start(&course, &state, Watching::Files, Vec::new());
        assert_eq!(session.next_pending(&state), 0, "wraps to intro");
        state.mark_done("intro");
        assert_eq!(session.next_pending(&state), 1, "nothing else left: stays");
    }

    #[test]
    fn n_moves_on_only_past_a_passing_exercise() {
        let course = course();
        let state = State::default();
        let mut session = started(&course, &state);
        session.checked(checked(0, "h1", failing("E0308")));
        assert!(session.key(Key::Char('n'), &state).is_empty());
        assert!(
            session
                .notice()
                .is_some_and(|notice| notice.text.contains("once this exercise passes"))
        );
    }

    #[test]
    fn a_revisited_exercise_stays_after_its_pass_and_n_moves_on() {
        let course = course();
        let mut state = State::default();
        state.mark_done("intro");
        state.set_current("shapes");
        let mut session = started(&course, &state);
        session.checked(checked(1, "s1", failing("E0308")));
        // l, up, Enter: back to the done `intro`.
        assert!(session.key(Key::Char('l'), &state).is_empty());
        assert!(session.key(Key::Up, &state).is_empty());
        assert_eq!(session.key(Key::Enter, &state), vec![Effect::Jump(0)]);
        assert_eq!(session.jumped(0, &state), vec![Effect::Check(0)]);
        let effects = session.checked(checked(0, "i1", passing()));
        assert_eq!(effects, vec![pass_recorded(0, false)]);
        assert!(matches!(session.body(), Body::Verdict { .. }));
        assert_eq!(
            session.key(Key::Char('n'), &state),
            vec![Effect::Jump(1)],
            "n goes to the next pending exercise"
        );
    }

    #[test]
    fn a_jump_during_a_check_checks_the_new_exercise_after_it() {
        let course = course();
        let state = State::default();
        let mut session = started(&course, &state);
        assert!(session.jumped(2, &state).is_empty(), "one check at a time");
        let effects = session.checked(checked(0, "h1", passing()));
        assert_eq!(effects, vec![pass_recorded(0, false), Effect::Check(2)]);
        assert_eq!(
            session.body(),
            &Body::Starting,
            "the old verdict is not shown"
        );
    }

    #[test]
    fn reset_asks_first() {
        let course = course();
        let state = State::default();
        let mut session = started(&course, &state);
        assert!(session.key(Key::Char('x'), &state).is_empty());
        assert_eq!(session.screen(), Screen::ConfirmReset);
        assert!(session.key(Key::Char('n'), &state).is_empty());
        assert_eq!(session.screen(), Screen::Main);
        session.key(Key::Char('x'), &state);
        assert_eq!(session.key(Key::Char('y'), &state), vec![Effect::Reset(0)]);
        // The first check is still running: the restored file is checked after it.
        let backup = PathBuf::from("exercises/01_basics/intro.rs.bak-1");
        assert!(session.reset_done(Ok(Some(backup))).is_empty());
        assert!(
            session.notes()[0]
                .contains("your version is kept in exercises/01_basics/intro.rs.bak-1"),
            "{:?}",
            session.notes()
        );
        let effects = session.checked(checked(0, "h1", failing("E0308")));
        assert_eq!(effects.last(), Some(&Effect::Check(0)));
    }

    #[test]
    fn hints_stop_at_the_last_level() {
        let course = course();
        let mut state = State::default();
        let mut session = started(&course, &state);
        assert_eq!(
            session.key(Key::Char('h'), &state),
            vec![Effect::BumpHint(0)]
        );
        for _ in 0..3 {
            state.bump_hint_level("intro", 3);
        }
        assert!(session.key(Key::Char('h'), &state).is_empty());
        assert!(
            session
                .notice()
                .is_some_and(|notice| notice.text.contains("All 3 hints"))
        );
    }

    #[test]
    fn ctrl_c_and_q_quit_from_anywhere_q_only_where_it_means_quit() {
        let course = course();
        let state = State::default();
        let mut session = started(&course, &state);
        assert_eq!(session.key(Key::Interrupt, &state), vec![Effect::Quit]);
        session.key(Key::Char('l'), &state);
        assert!(
            session.key(Key::Char('q'), &state).is_empty(),
            "q leaves the list"
        );
        assert_eq!(session.key(Key::Char('q'), &state), vec![Effect::Quit]);
        session.key(Key::Char('l'), &state);
        assert_eq!(session.key(Key::Interrupt, &state), vec![Effect::Quit]);
    }

    #[test]
    fn check_all_blocks_other_checks_and_moves_to_the_first_pending() {
        let course = course();
        let mut state = State::default();
        let mut session = started(&course, &state);
        session.checked(checked(0, "h1", failing("E0308")));
        assert_eq!(session.key(Key::Char('c'), &state), vec![Effect::CheckAll]);
        assert!(session.saved(0, Some("h2".into())).is_empty());
        assert!(session.key(Key::Char('r'), &state).is_empty());
        session.check_all_progress(2, 3);
        assert_eq!(
            session.checking(),
            Some(Checking::All {
                finished: 2,
                total: 3
            })
        );
        let results = vec![
            checked(0, "h2", passing()),
            checked(1, "s1", failing("E0599")),
            checked(2, "m1", passing()),
        ];
        state.mark_done("intro");
        state.mark_done("softmax_sums_to_one");
        let effects = session.checked_all(&results, Some(1), &state);
        assert_eq!(effects, vec![Effect::Check(1)]);
        assert_eq!(session.current(), 1);
        match session.body() {
            Body::CheckedAll { failing, total } => {
                assert_eq!(total, &3);
                assert_eq!(failing.len(), 1);
                assert_eq!(failing[0].0, 1);
                assert!(failing[0].1.contains("E0599"), "{}", failing[0].1);
            }
            other => panic!("expected the summary, got {other:?}"),
        }
    }

    #[test]
    fn t_restores_the_tests_of_a_test_mode_exercise_and_checks_again() {
        let course = course();
        let mut state = State::default();
        state.mark_done("intro");
        state.set_current("shapes");
        let mut session = started(&course, &state);
        session.checked(checked(1, "s1", failing("E0308")));
        assert_eq!(
            session.key(Key::Char('t'), &state),
            vec![Effect::RestoreTests(1)]
        );
        let backup = PathBuf::from("exercises/01_basics/shapes.rs.bak-1");
        assert_eq!(
            session.tests_restored(Ok(Some(backup))),
            vec![Effect::Check(1)]
        );
        assert!(
            session.notes()[0].contains("The course's tests are back in shapes"),
            "{:?}",
            session.notes()
        );
        session.checked(checked(1, "s2", failing("E0308")));
        assert!(session.tests_restored(Ok(None)).is_empty());
        assert!(
            session
                .notice()
                .is_some_and(|notice| notice.text.contains("already the course's"))
        );
    }

    #[test]
    fn t_on_a_run_mode_exercise_says_there_is_nothing_to_restore() {
        let course = course();
        let state = State::default();
        let mut session = started(&course, &state);
        session.checked(checked(0, "h1", failing("E0308")));
        assert!(session.key(Key::Char('t'), &state).is_empty());
        assert!(
            session
                .notice()
                .is_some_and(|notice| notice.text.contains("has no tests to restore"))
        );
    }

    #[test]
    fn the_change_since_the_last_check_is_kept_with_the_verdict() {
        let course = course();
        let state = State::default();
        let mut session = started(&course, &state);
        session.checked(Checked {
            exercise: 0,
            hash: Some("h1".to_owned()),
            change: Some("E0308 is gone; now E0599".to_owned()),
            result: Ok(failing("E0599")),
        });
        match session.body() {
            Body::Verdict { change, .. } => {
                assert_eq!(change.as_deref(), Some("E0308 is gone; now E0599"));
            }
            other => panic!("expected the verdict, got {other:?}"),
        }
    }

    #[test]
    fn a_missing_file_is_said_not_checked() {
        let course = course();
        let state = State::default();
        let mut session = started(&course, &state);
        session.checked(checked(0, "h1", failing("E0308")));
        assert!(session.saved(0, None).is_empty());
        assert!(
            session
                .notice()
                .is_some_and(|notice| notice.warning && notice.text.contains("x restores"))
        );
    }
}
