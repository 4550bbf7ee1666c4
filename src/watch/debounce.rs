//! The debounce policy: many file events in a burst become one "saved".
//!
//! A save is rarely one event. A truncate-and-write save gives a modify per
//! `write` and a close; a rename save (vim, JetBrains "safe write") gives a
//! rename, a create and modifies. A key fires once it has been quiet for
//! [`QUIET`] (trailing edge), so the check sees the final content; a key that
//! never goes quiet (a program rewriting the file in a loop) still fires every
//! [`MAX_DELAY`]. Pure: time is passed in, so it is tested without sleeping.
//! It does not read files or decide which files matter (`watcher.rs` does).

use std::time::{Duration, Instant};

/// How long a file must see no event before it counts as saved. Editors
/// finish a save in well under a millisecond to a few milliseconds; this is
/// part of the save-to-verdict latency, so it is kept short.
pub const QUIET: Duration = Duration::from_millis(30);

/// The longest a continuously changing file waits before it is checked anyway.
pub const MAX_DELAY: Duration = Duration::from_millis(500);

/// Pending keys and when each was first and last touched.
#[derive(Debug, Clone)]
pub struct Debouncer<K> {
    quiet: Duration,
    max_delay: Duration,
    pending: Vec<Pending<K>>,
}

#[derive(Debug, Clone)]
struct Pending<K> {
    key: K,
    first: Instant,
    last: Instant,
}

impl<K> Pending<K> {
    fn due_at(&self, quiet: Duration, max_delay: Duration) -> Instant {
        (self.last + quiet).min(self.first + max_delay)
    }
}

impl<K: PartialEq> Debouncer<K> {
    /// A debouncer with the given quiet period and maximum delay.
    pub fn new(quiet: Duration, max_delay: Duration) -> Self {
        Self {
            quiet,
            max_delay,
            pending: Vec::new(),
        }
    }

    /// Notes an event for `key` at `now`.
    pub fn touch(&mut self, key: K, now: Instant) {
        match self.pending.iter_mut().find(|pending| pending.key == key) {
            Some(pending) => pending.last = pending.last.max(now),
            None => self.pending.push(Pending {
                key,
                first: now,
                last: now,
            }),
        }
    }

    /// When the earliest pending key fires, if any is pending.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.pending
            .iter()
            .map(|pending| pending.due_at(self.quiet, self.max_delay))
            .min()
    }

    /// Removes and returns the keys due at `now`, oldest first.
    pub fn take_due(&mut self, now: Instant) -> Vec<K> {
        let (quiet, max_delay) = (self.quiet, self.max_delay);
        self.pending
            .extract_if(.., |pending| pending.due_at(quiet, max_delay) <= now)
            .map(|pending| pending.key)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    fn debouncer() -> Debouncer<&'static str> {
        Debouncer::new(ms(30), ms(500))
    }

    #[test]
    fn a_burst_of_events_fires_once_after_the_last_one() {
        let start = Instant::now();
        let mut debouncer = debouncer();
        // A truncate, three writes and a close, 1 ms apart.
        for step in 0..5 {
            debouncer.touch("softmax.rs", start + ms(step));
        }
        assert_eq!(debouncer.next_deadline(), Some(start + ms(4 + 30)));
        assert!(debouncer.take_due(start + ms(33)).is_empty());
        assert_eq!(debouncer.take_due(start + ms(34)), vec!["softmax.rs"]);
        assert_eq!(debouncer.next_deadline(), None);
        assert!(
            debouncer.take_due(start + ms(1000)).is_empty(),
            "fired once"
        );
    }

    #[test]
    fn events_spread_wider_than_the_quiet_period_fire_separately() {
        let start = Instant::now();
        let mut debouncer = debouncer();
        debouncer.touch("a.rs", start);
        assert_eq!(debouncer.take_due(start + ms(30)), vec!["a.rs"]);
        debouncer.touch("a.rs", start + ms(100));
        assert_eq!(debouncer.take_due(start + ms(130)), vec!["a.rs"]);
    }

    #[test]
    fn a_file_that_never_goes_quiet_still_fires_at_the_maximum_delay() {
        let start = Instant::now();
        let mut debouncer = debouncer();
        let mut fired = Vec::new();
        for step in 0..100 {
            let now = start + ms(step * 10);
            fired.extend(debouncer.take_due(now).into_iter().map(|key| (key, step)));
            debouncer.touch("busy.rs", now);
        }
        assert_eq!(
            fired,
            vec![("busy.rs", 50)],
            "one firing at 500 ms, not zero"
        );
    }

    #[test]
    fn keys_are_independent() {
        let start = Instant::now();
        let mut debouncer = debouncer();
        debouncer.touch("a.rs", start);
        debouncer.touch("b.rs", start + ms(20));
        debouncer.touch("a.rs", start + ms(25));
        assert_eq!(debouncer.next_deadline(), Some(start + ms(50)));
        assert_eq!(debouncer.take_due(start + ms(55)), vec!["a.rs", "b.rs"]);
    }

    #[test]
    fn an_event_stamped_earlier_than_the_last_does_not_move_the_deadline_back() {
        let start = Instant::now();
        let mut debouncer = debouncer();
        debouncer.touch("a.rs", start + ms(10));
        debouncer.touch("a.rs", start);
        assert_eq!(debouncer.next_deadline(), Some(start + ms(40)));
    }
}
