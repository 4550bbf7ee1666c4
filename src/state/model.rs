//! The progress record itself ([`State`]) and the on-disk TOML shape it
//! round-trips through.
//!
//! Everything is keyed by exercise name, never by position, so a course that
//! gains, loses or reorders exercises keeps every learner's progress. Names
//! the current course does not know are kept untouched (a newer course may
//! bring them back); helpers that answer questions about "the course" take
//! its order as a plain `&[&str]`. This file does no I/O: reading, writing
//! and locking belong to `store.rs`.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// The version of the state file this runner reads and writes.
pub(super) const FORMAT_VERSION: u32 = 1;

/// A learner's progress through one course folder.
///
/// Obtained from [`Store::load`](super::Store::load) or inside
/// [`Store::update`](super::Store::update); changes made to a loaded copy are
/// not saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    format_version: u32,
    /// The exercise the learner is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    current: Option<String>,
    /// Exercises whose last check passed.
    #[serde(default)]
    done: BTreeSet<String>,
    /// Names no longer in the course that the learner has already been told
    /// about, so the note appears once, not on every command.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    reported_unknown: BTreeSet<String>,
    /// Per-exercise counters, only for exercises that have any.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    exercises: BTreeMap<String, ExerciseRecord>,
}

/// What the runner remembers about one exercise besides done/pending.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExerciseRecord {
    /// How many progressive hints the learner has asked for.
    #[serde(default, skip_serializing_if = "is_zero")]
    hint_level: u32,
    /// How many times the exercise has been checked.
    #[serde(default, skip_serializing_if = "is_zero")]
    attempts: u32,
    /// The signature of the last failed check (chosen by the caller, e.g.
    /// the first error code and message), cleared by a pass.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_failure: Option<String>,
    /// How many failed checks in a row ended with `last_failure`.
    #[serde(default, skip_serializing_if = "is_zero")]
    same_failure_streak: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// The outcome of one check, as [`State::record_attempt`] needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt<'a> {
    /// The exercise passed.
    Passed,
    /// The exercise failed; `signature` is a short, stable summary of the
    /// failure (for example `"E0308 mismatched types"`) so that repeated
    /// identical failures can be counted.
    Failed {
        /// A short summary that is equal for "the same error".
        signature: &'a str,
    },
}

impl Default for State {
    fn default() -> Self {
        State {
            format_version: FORMAT_VERSION,
            current: None,
            done: BTreeSet::new(),
            reported_unknown: BTreeSet::new(),
            exercises: BTreeMap::new(),
        }
    }
}

impl State {
    /// The `format_version` the file was written with.
    pub(super) fn format_version(&self) -> u32 {
        self.format_version
    }

    /// The exercise the learner is on, as stored (it may name an exercise the
    /// course no longer has; see [`State::resolve_current`]).
    pub fn current(&self) -> Option<&str> {
        self.current.as_deref()
    }

    /// Makes `name` the current exercise.
    pub fn set_current(&mut self, name: &str) {
        self.current = Some(name.to_owned());
    }

    /// Leaves no exercise current (the course is finished).
    pub(super) fn clear_current(&mut self) {
        self.current = None;
    }

    /// The exercise to work on in a course whose exercises are `order`: the
    /// stored current one if the course has it, else the first not done.
    /// `None` when every exercise is done and nothing is current.
    pub fn resolve_current<'a>(&self, order: &[&'a str]) -> Option<&'a str> {
        match self.current.as_deref() {
            Some(current) => order
                .iter()
                .copied()
                .find(|name| *name == current)
                .or_else(|| self.first_not_done(order)),
            None => self.first_not_done(order),
        }
    }

    /// Whether `name` has passed (its last check).
    pub fn is_done(&self, name: &str) -> bool {
        self.done.contains(name)
    }

    /// Marks `name` as done; returns `true` if it was not done before.
    pub fn mark_done(&mut self, name: &str) -> bool {
        self.done.insert(name.to_owned())
    }

    /// Marks `name` as not done (a failed check, or a reset); returns `true`
    /// if it was done before.
    pub fn mark_pending(&mut self, name: &str) -> bool {
        self.done.remove(name)
    }

    /// How many of the course's exercises (`order`) are done. Names in the
    /// state that the course does not have are not counted.
    pub fn done_count(&self, order: &[&str]) -> usize {
        order.iter().filter(|name| self.is_done(name)).count()
    }

    /// The first exercise in `order` that is not done.
    pub fn first_not_done<'a>(&self, order: &[&'a str]) -> Option<&'a str> {
        order.iter().copied().find(|name| !self.is_done(name))
    }

    /// How many progressive hints of `name` the learner has seen (0 = none).
    pub fn hint_level(&self, name: &str) -> u32 {
        self.exercises.get(name).map_or(0, |r| r.hint_level)
    }

    /// Reveals one more hint of `name`, never beyond `available` (the number
    /// of hints the exercise has). Returns the new level.
    pub fn bump_hint_level(&mut self, name: &str, available: u32) -> u32 {
        let level = (self.hint_level(name) + 1).min(available);
        self.set_hint_level(name, level);
        level
    }

    /// Reveals every one of the `available` hints of `name`. Returns the new
    /// level (`available`, or the old level if that was somehow higher).
    pub fn reveal_all_hints(&mut self, name: &str, available: u32) -> u32 {
        let level = self.hint_level(name).max(available);
        self.set_hint_level(name, level);
        level
    }

    fn set_hint_level(&mut self, name: &str, level: u32) {
        self.with_record(name, |record| record.hint_level = level);
    }

    /// Counts one check of `name`. A pass clears the failure streak; a failure
    /// with the same signature as the previous one lengthens it. Returns the
    /// streak: how many failed checks in a row ended with this same failure
    /// (0 after a pass), which watch mode uses to suggest asking for a hint.
    pub(super) fn record_attempt(&mut self, name: &str, attempt: Attempt<'_>) -> u32 {
        self.with_record(name, |record| {
            record.attempts = record.attempts.saturating_add(1);
            match attempt {
                Attempt::Passed => {
                    record.last_failure = None;
                    record.same_failure_streak = 0;
                }
                Attempt::Failed { signature } => {
                    if record.last_failure.as_deref() == Some(signature) {
                        record.same_failure_streak = record.same_failure_streak.saturating_add(1);
                    } else {
                        record.last_failure = Some(signature.to_owned());
                        record.same_failure_streak = 1;
                    }
                }
            }
            record.same_failure_streak
        })
    }

    /// How many times `name` has been checked.
    pub fn attempts(&self, name: &str) -> u32 {
        self.exercises.get(name).map_or(0, |r| r.attempts)
    }

    /// How many failed checks of `name` in a row ended with the same failure.
    pub fn same_failure_streak(&self, name: &str) -> u32 {
        self.exercises
            .get(name)
            .map_or(0, |r| r.same_failure_streak)
    }

    /// Names this state mentions (done, current, counters) that are not in
    /// `order` and that the learner has not been told about yet; marks them
    /// as told. A name that is back in the course is forgotten from the
    /// "told" list, so losing it again is reported again. The names
    /// themselves are kept either way.
    pub fn take_newly_unknown(&mut self, order: &[&str]) -> Vec<String> {
        let known: BTreeSet<&str> = order.iter().copied().collect();
        self.reported_unknown
            .retain(|name| !known.contains(name.as_str()));
        let mentioned: BTreeSet<&String> = self
            .done
            .iter()
            .chain(self.current.iter())
            .chain(self.exercises.keys())
            .collect();
        let fresh: Vec<String> = mentioned
            .into_iter()
            .filter(|name| !known.contains(name.as_str()) && !self.reported_unknown.contains(*name))
            .cloned()
            .collect();
        self.reported_unknown.extend(fresh.iter().cloned());
        fresh
    }

    /// Runs `change` on the record of `name`, creating it if needed.
    fn with_record<T>(&mut self, name: &str, change: impl FnOnce(&mut ExerciseRecord) -> T) -> T {
        change(self.exercises.entry(name.to_owned()).or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORDER: &[&str] = &["intro", "shapes", "softmax"];

    #[test]
    fn a_fresh_state_starts_at_the_first_exercise() {
        let state = State::default();
        assert_eq!(state.resolve_current(ORDER), Some("intro"));
        assert_eq!(state.done_count(ORDER), 0);
    }

    #[test]
    fn first_not_done_skips_done_exercises_in_course_order() {
        let mut state = State::default();
        state.mark_done("intro");
        state.mark_done("softmax");
        assert_eq!(state.first_not_done(ORDER), Some("shapes"));
        state.mark_done("shapes");
        assert_eq!(state.first_not_done(ORDER), None);
        assert_eq!(state.done_count(ORDER), 3);
    }

    #[test]
    fn a_current_exercise_the_course_lost_falls_back_to_the_first_not_done() {
        let mut state = State::default();
        state.mark_done("intro");
        state.set_current("renamed_away");
        assert_eq!(state.current(), Some("renamed_away"));
        assert_eq!(state.resolve_current(ORDER), Some("shapes"));
    }

    #[test]
    fn a_done_exercise_becomes_pending_again() {
        let mut state = State::default();
        assert!(state.mark_done("intro"));
        assert!(!state.mark_done("intro"), "already done");
        assert!(state.mark_pending("intro"));
        assert!(!state.is_done("intro"));
        assert!(!state.mark_pending("intro"), "already pending");
        assert_eq!(state.resolve_current(ORDER), Some("intro"));
    }

    #[test]
    fn hint_level_moves_one_step_and_stops_at_the_last_hint() {
        let mut state = State::default();
        assert_eq!(state.bump_hint_level("shapes", 3), 1);
        assert_eq!(state.bump_hint_level("shapes", 3), 2);
        assert_eq!(state.bump_hint_level("shapes", 3), 3);
        assert_eq!(state.bump_hint_level("shapes", 3), 3);
        assert_eq!(state.hint_level("shapes"), 3);
        assert_eq!(state.hint_level("intro"), 0);
    }

    #[test]
    fn reveal_all_hints_jumps_to_the_last_level() {
        let mut state = State::default();
        state.bump_hint_level("shapes", 4);
        assert_eq!(state.reveal_all_hints("shapes", 4), 4);
    }

    #[test]
    fn the_same_failure_in_a_row_builds_a_streak_that_a_pass_clears() {
        let mut state = State::default();
        let e0308 = Attempt::Failed { signature: "E0308" };
        assert_eq!(state.record_attempt("shapes", e0308), 1);
        assert_eq!(state.record_attempt("shapes", e0308), 2);
        assert_eq!(
            state.record_attempt("shapes", Attempt::Failed { signature: "E0277" }),
            1
        );
        assert_eq!(
            state.record_attempt("shapes", Attempt::Failed { signature: "E0277" }),
            2
        );
        assert_eq!(state.same_failure_streak("shapes"), 2);
        assert_eq!(state.record_attempt("shapes", Attempt::Passed), 0);
        assert_eq!(state.attempts("shapes"), 5);
        assert_eq!(state.same_failure_streak("shapes"), 0);
    }

    #[test]
    fn unknown_names_are_reported_once_and_kept() {
        let mut state = State::default();
        state.mark_done("intro");
        state.mark_done("old_exercise");
        state.bump_hint_level("another_old_one", 3);
        assert_eq!(
            state.take_newly_unknown(ORDER),
            vec!["another_old_one".to_owned(), "old_exercise".to_owned()]
        );
        assert!(state.take_newly_unknown(ORDER).is_empty());
        // Kept, not deleted: a newer course may bring them back.
        assert!(state.is_done("old_exercise"));
        assert_eq!(state.hint_level("another_old_one"), 1);
    }

    #[test]
    fn a_name_that_comes_back_and_leaves_again_is_reported_again() {
        let mut state = State::default();
        state.mark_done("old_exercise");
        assert_eq!(state.take_newly_unknown(ORDER).len(), 1);
        assert!(state.take_newly_unknown(&["old_exercise"]).is_empty());
        assert_eq!(
            state.take_newly_unknown(ORDER),
            vec!["old_exercise".to_owned()]
        );
    }

    #[test]
    fn the_file_names_exercises_and_omits_empty_counters() {
        let mut state = State::default();
        state.set_current("shapes");
        state.mark_done("intro");
        state.bump_hint_level("shapes", 3);
        let text = toml::to_string(&state).unwrap();
        assert_eq!(
            text,
            "format_version = 1\ncurrent = \"shapes\"\ndone = [\"intro\"]\n\n[exercises.shapes]\nhint_level = 1\n"
        );
        assert_eq!(toml::from_str::<State>(&text).unwrap(), state);
    }
}
