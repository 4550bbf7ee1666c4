//! What a verdict does to the learner's progress: the one place that says
//! what happens when an exercise passes or fails, which exercise comes next,
//! and when the course is finished.
//!
//! `run`, `verify` and watch mode all record through these methods (inside
//! [`Store::update`](super::Store::update), so the decision is taken on the
//! freshly read progress, never on a stale copy). Which exercises exist and
//! in what order comes from the course, passed in as its names (`order`).
//! Whether a pass should move the learner on is the caller's decision
//! (watch does not move on from an exercise revisited through its list);
//! where it moves to is decided here.

use super::model::{Attempt, State};

/// Where the learner is after a check was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After<'a> {
    /// This exercise is current: the next one not done, or the one that
    /// was current before when the check did not move the learner on.
    Current(&'a str),
    /// Every exercise of the course is done.
    Finished,
}

impl<'a> After<'a> {
    fn of(state: &State, order: &[&'a str]) -> After<'a> {
        if state.is_finished(order) {
            return After::Finished;
        }
        state
            .resolve_current(order)
            .map_or(After::Finished, After::Current)
    }

    /// The current exercise; `None` once the course is finished.
    pub fn current(self) -> Option<&'a str> {
        match self {
            After::Current(name) => Some(name),
            After::Finished => None,
        }
    }
}

impl State {
    /// Records one check of `name` by the learner (`run`, or a save in
    /// watch): counts the attempt, marks the exercise done or not done, and
    /// when `move_on` is set and it passed, makes the next exercise not done
    /// after it current (course order, wrapping around). Once every
    /// exercise is done, none is current and the course is finished,
    /// however the learner got there.
    pub fn record_check<'a>(
        &mut self,
        order: &[&'a str],
        name: &str,
        attempt: Attempt<'_>,
        move_on: bool,
    ) -> After<'a> {
        self.record_attempt(name, attempt);
        match attempt {
            Attempt::Passed => {
                self.mark_done(name);
                if move_on {
                    self.move_on_from(order, name);
                }
            }
            Attempt::Failed { .. } => {
                self.mark_pending(name);
            }
        }
        if self.is_finished(order) {
            // Nothing left: no exercise is current, so `run` without a name
            // and watch both show the course's final message.
            self.clear_current();
        }
        After::of(self, order)
    }

    /// Records the verdicts of a `verify` run (or watch's "check all"):
    /// `verdicts` are `(name, passed)` for every exercise that could be
    /// checked; others are left as they are. Attempts and failure streaks
    /// are not counted: checking everything is a progress check, not the
    /// learner trying. The first exercise not done becomes current.
    pub fn record_verify<'a, 'n>(
        &mut self,
        order: &[&'a str],
        verdicts: impl IntoIterator<Item = (&'n str, bool)>,
    ) -> After<'a> {
        for (name, passed) in verdicts {
            if passed {
                self.mark_done(name);
            } else {
                self.mark_pending(name);
            }
        }
        match self.first_not_done(order) {
            Some(first) => self.set_current(first),
            None => self.clear_current(),
        }
        After::of(self, order)
    }

    /// The first exercise not done after `name`, in course order and
    /// wrapping around; `None` when every other exercise is done.
    pub fn next_pending<'a>(&self, order: &[&'a str], name: &str) -> Option<&'a str> {
        let position = order
            .iter()
            .position(|candidate| *candidate == name)
            .map_or(0, |position| position + 1);
        order[position..]
            .iter()
            .chain(&order[..position])
            .copied()
            .find(|candidate| *candidate != name && !self.is_done(candidate))
    }

    /// Whether every exercise of the course (`order`) is done.
    pub fn is_finished(&self, order: &[&str]) -> bool {
        self.first_not_done(order).is_none()
    }

    fn move_on_from(&mut self, order: &[&str], name: &str) {
        if let Some(next) = self.next_pending(order, name) {
            self.set_current(next);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORDER: &[&str] = &["intro", "shapes", "softmax"];
    const FAILED: Attempt<'static> = Attempt::Failed {
        signature: "E0308 mismatched types",
    };

    #[test]
    fn a_pass_moves_on_to_the_next_exercise_not_done() {
        let mut state = State::default();
        assert_eq!(
            state.record_check(ORDER, "intro", Attempt::Passed, true),
            After::Current("shapes")
        );
        assert!(state.is_done("intro"));
        assert_eq!(state.current(), Some("shapes"));
    }

    #[test]
    fn moving_on_skips_done_exercises_and_wraps_around() {
        let mut state = State::default();
        state.mark_done("softmax");
        state.set_current("shapes");
        assert_eq!(
            state.record_check(ORDER, "shapes", Attempt::Passed, true),
            After::Current("intro"),
            "softmax is done, so the search wraps to intro"
        );
    }

    #[test]
    fn the_last_pass_finishes_the_course_and_leaves_nothing_current() {
        let mut state = State::default();
        state.mark_done("intro");
        state.mark_done("shapes");
        state.set_current("softmax");
        assert_eq!(
            state.record_check(ORDER, "softmax", Attempt::Passed, true),
            After::Finished
        );
        assert_eq!(state.current(), None);
        assert!(state.is_finished(ORDER));
    }

    #[test]
    fn a_pass_that_does_not_move_on_keeps_the_current_exercise() {
        let mut state = State::default();
        state.set_current("intro");
        assert_eq!(
            state.record_check(ORDER, "shapes", Attempt::Passed, false),
            After::Current("intro")
        );
        assert!(state.is_done("shapes"));
    }

    #[test]
    fn a_failure_marks_the_exercise_not_done_and_counts_the_streak() {
        let mut state = State::default();
        state.mark_done("intro");
        state.set_current("intro");
        assert_eq!(
            state.record_check(ORDER, "intro", FAILED, true),
            After::Current("intro"),
            "a failure never moves on"
        );
        state.record_check(ORDER, "intro", FAILED, true);
        assert!(!state.is_done("intro"));
        assert_eq!(state.same_failure_streak("intro"), 2);
        assert_eq!(state.attempts("intro"), 2);
    }

    #[test]
    fn verify_records_verdicts_only_and_makes_the_first_not_done_current() {
        let mut state = State::default();
        state.mark_done("shapes");
        state.set_current("softmax");
        let after = state.record_verify(ORDER, [("intro", true), ("shapes", false)]);
        assert_eq!(after, After::Current("shapes"));
        assert!(state.is_done("intro") && !state.is_done("shapes"));
        assert_eq!(state.attempts("intro"), 0, "verify is not an attempt");
    }

    #[test]
    fn verify_with_everything_passing_finishes_the_course() {
        let mut state = State::default();
        state.set_current("intro");
        let after = state.record_verify(ORDER, ORDER.iter().map(|name| (*name, true)));
        assert_eq!(after, After::Finished);
        assert_eq!(state.current(), None);
    }

    #[test]
    fn next_pending_never_names_the_exercise_it_starts_from() {
        let mut state = State::default();
        assert_eq!(state.next_pending(ORDER, "softmax"), Some("intro"));
        state.mark_done("intro");
        state.mark_done("shapes");
        assert_eq!(state.next_pending(ORDER, "softmax"), None);
        assert_eq!(
            state.next_pending(ORDER, "retired"),
            Some("softmax"),
            "a name the course lost starts the search at the beginning"
        );
    }
}
