//! Ctrl-C, SIGTERM and SIGHUP: the runner's way out when it is asked to
//! stop, so that the check it is running stops with it.
//!
//! Every check runs in a process group of its own (`engine::execute`), so a
//! Ctrl-C at the terminal reaches the runner and not the exercise: without a
//! handler the runner would die and leave the exercise looping with parent 1.
//! [`install`] turns the three signals into a flag instead. Every wait on a
//! process looks at it ([`requested`]) and kills its group; the command then
//! ends with [`crate::Error::Stopped`] (exit 130), through `main`, so every
//! destructor runs (watch's terminal restore among them). Watch mode, which
//! waits on a channel rather than a process, asks to be told ([`on_request`]).
//!
//! A second signal while the first is being handled ends the runner at once
//! with code 130: the learner who presses Ctrl-C twice means it.
//!
//! It only sets and reads the flag; what stopping means is each waiter's
//! business. On Windows nothing is installed: Ctrl-C reaches every process of
//! the console, the exercise included, and ends them all.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

/// Set once the runner has been asked to stop.
static REQUESTED: LazyLock<Arc<AtomicBool>> = LazyLock::new(|| Arc::new(AtomicBool::new(false)));

/// Called, on the signal thread, when a stop is requested.
type Listener = Box<dyn Fn() + Send>;

/// Who wants to hear about a stop (watch mode's event loop).
static LISTENERS: Mutex<Vec<Listener>> = Mutex::new(Vec::new());

/// Turns Ctrl-C (SIGINT), SIGTERM and SIGHUP into a request to stop (Unix;
/// nothing on other platforms). Call it once, first thing in `main`. A
/// failure to install leaves the signals' default actions, and is not worth
/// refusing to run for, so it is only returned for the caller to ignore.
pub fn install() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use crate::exit_code;
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let signals = [SIGINT, SIGTERM, SIGHUP];
        for signal in signals {
            // Registered first, so it sees the flag as the previous signal
            // left it: only a second signal ends the process here.
            signal_hook::flag::register_conditional_shutdown(
                signal,
                i32::from(exit_code::INTERRUPTED),
                Arc::clone(&REQUESTED),
            )?;
            signal_hook::flag::register(signal, Arc::clone(&REQUESTED))?;
        }
        // Listeners are called from a thread of ours, never from the signal
        // handler itself, so they may lock and send as they please.
        let mut arrivals = signal_hook::iterator::Signals::new(signals)?;
        std::thread::Builder::new()
            .name("signals".to_owned())
            .spawn(move || {
                for _ in arrivals.forever() {
                    for listener in LISTENERS
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .iter()
                    {
                        listener();
                    }
                }
            })?;
    }
    Ok(())
}

/// Whether the runner has been asked to stop.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// Calls `listener` whenever a stop is requested from now on (and once at
/// once when one already was). It runs on the signal thread.
pub fn on_request(listener: impl Fn() + Send + 'static) {
    if requested() {
        listener();
    }
    LISTENERS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(Box::new(listener));
}
