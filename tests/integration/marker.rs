//! The processes a test starts, found again: every process carries the
//! test's marker in its environment ([`MARKER_VAR`], inherited by whatever
//! the runner and the exercise start), so a test can check at its end that
//! none of its processes is left running, and kill them if it failed
//! half-way. Linux finds them through `/proc`; elsewhere none can be found.

#![cfg(unix)]

use std::fs;
use std::time::{Duration, Instant};

use rustix::process::{Pid, Signal};

/// The environment variable every process a test starts inherits.
pub const MARKER_VAR: &str = "TYPED_AI_RUSTLINGS_TEST_MARKER";

/// A value of [`MARKER_VAR`] unique to one test of one run of the suite:
/// the processes carrying it are that test's, whatever else runs on the
/// machine (other test binaries, other checkouts).
pub struct Marker(String);

impl Marker {
    /// The marker of the test called `test`.
    pub fn new(test: &str) -> Marker {
        Marker(format!("{}-{test}", std::process::id()))
    }

    /// Its value, to set as [`MARKER_VAR`].
    pub fn value(&self) -> &str {
        &self.0
    }

    /// The processes still running with this marker (Linux reads it from
    /// `/proc`; elsewhere none can be found, and the check is skipped).
    fn survivors(&self) -> Vec<u32> {
        let needle = format!("{MARKER_VAR}={}", self.0);
        let Ok(entries) = fs::read_dir("/proc") else {
            return Vec::new();
        };
        entries
            .flatten()
            .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
            .filter(|pid| {
                fs::read(format!("/proc/{pid}/environ")).is_ok_and(|environ| {
                    environ
                        .split(|byte| *byte == 0)
                        .any(|variable| variable == needle.as_bytes())
                })
            })
            .filter(|pid| !is_zombie(*pid))
            .collect()
    }

    /// Asserts that no process of this test is left, once the ones just
    /// killed have had time to go.
    pub fn assert_none_survive(&self) {
        let start = Instant::now();
        loop {
            let left = self.survivors();
            if left.is_empty() {
                return;
            }
            if start.elapsed() > Duration::from_secs(30) {
                for pid in &left {
                    kill(*pid, Signal::KILL);
                }
                panic!("processes of this test were left running: {left:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// A test that fails half-way still leaves nothing running: whatever
/// carries its marker is killed when the marker goes.
impl Drop for Marker {
    fn drop(&mut self) {
        for pid in self.survivors() {
            kill(pid, Signal::KILL);
        }
    }
}

/// Whether `pid` has ended and waits only to be reaped.
fn is_zombie(pid: u32) -> bool {
    fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z'))
    })
}

/// Sends `signal` to the process `pid`, if it is still there.
pub fn kill(pid: u32, signal: Signal) {
    if let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) {
        let _ = rustix::process::kill_process(pid, signal);
    }
}

/// Whether the process `pid` is still running.
pub fn running(pid: u32) -> bool {
    i32::try_from(pid)
        .ok()
        .and_then(Pid::from_raw)
        .is_some_and(|pid| rustix::process::test_kill_process(pid).is_ok())
        && !is_zombie(pid)
}
