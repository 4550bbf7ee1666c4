//! The shell around the watch session: it takes the watch lock, prepares
//! the engine, starts the threads (keys, file events, the check worker), and
//! carries out the session's effects with the real engine, progress store
//! and course folder, drawing after each batch of events.
//!
//! Threads: the check worker is scoped (it borrows the engine) and runs one
//! check at a time, so two checks can never overlap; the key reader and the
//! file watcher only hold a sender. Every change to the progress goes through
//! [`Store::update`], which re-reads the file under its lock, so a `run` or
//! `hint` in another terminal is merged, never overwritten, and returns the
//! merged progress; what a verdict does to the progress is decided there,
//! by the state's own rules (`State::record_check`, `State::record_verify`). The shell re-reads the progress only when another
//! process may have changed it: when the watcher says the file changed, and
//! before a key is acted on (the one moment a stale copy would matter, and
//! the fallback when the progress file cannot be watched). Deciding what
//! happens is `session.rs`'s job.

use std::io::{self, IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

use crossterm::event::Event as TerminalEvent;

use crate::course::{Course, Exercise};
use crate::course_folder::{self, unlock_solutions};
use crate::engine::{Engine, Needs, Verdict, content_hash};
use crate::error::Error;
use crate::exit_code;
use crate::interrupt;
use crate::location::Cwd;
use crate::open::LearnerCourse;
use crate::parallel::map_in_order;
use crate::report::words::what_changed;
use crate::state::{Attempt, Holder, STATE_DIR, State, Store, WatchLock};

use super::event::{Checked, Event, key_from};
use super::screen::{self, Style};
use super::session::{Effect, Session, Watching};
use super::terminal::Terminal;
use super::watcher::{self, FileWatcher};

/// How watch was asked to run.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// Check only on `r` (no file watching).
    pub manual: bool,
    /// Colours and links on screen.
    pub color: bool,
    /// Where the learner is: paths on screen are shown relative to it.
    pub cwd: Cwd,
}

/// Refuses unless both stdin and stdout are terminals: watch reads single
/// keys and draws a screen.
pub fn require_terminal() -> Result<(), Error> {
    let missing = if !io::stdin().is_terminal() {
        Some("standard input")
    } else if !io::stdout().is_terminal() {
        Some("standard output")
    } else {
        None
    };
    match missing {
        None => Ok(()),
        Some(what) => Err(Error::Usage {
            message: format!(
                "watch needs an interactive terminal, and its {what} is not one.\n  \
                 Use `typed-ai-rustlings run` to check the current exercise once, \
                 or `typed-ai-rustlings verify` to check them all."
            ),
        }),
    }
}

/// Runs watch mode on the opened course until the learner quits (the caller
/// has checked for a terminal). Returns the exit code.
pub fn watch(opened: LearnerCourse, options: WatchOptions) -> Result<u8, Error> {
    let LearnerCourse {
        course,
        store,
        notes,
        ..
    } = opened;
    let course = &course;
    let mut watch_lock = WatchLock::acquire(
        course.root(),
        &Holder::this_process("typed-ai-rustlings watch"),
    )?;
    let names = course.exercise_names();
    // Before the screen opens: a first build of the library says so here.
    let engine = Engine::prepare(course, Needs::learner(course), &options.cwd, &|line| {
        say(line);
    })?;
    // Read after that build, which can take a while: a `hint` in another
    // terminal meanwhile is on the first screen.
    let state = store.load()?;
    let mut notes = notes;
    notes.extend(store.take_warnings().iter().map(ToString::to_string));
    let style = Style {
        styled: options.color,
        cwd: options.cwd.clone(),
    };

    let (events_sender, events) = mpsc::channel::<Event>();
    // SIGTERM, SIGHUP (and SIGINT from outside: in raw mode Ctrl-C is a
    // key) quit like `q`, so the terminal is given back and the running
    // check's process group killed on the way out.
    let interrupts = events_sender.clone();
    interrupt::on_request(move || {
        let _ = interrupts.send(Event::Interrupted);
    });
    let (jobs, job_queue) = mpsc::channel::<Job>();
    let outcome = std::thread::scope(|scope| {
        let worker_events = events_sender.clone();
        let engine = &engine;
        // However the loop ends (a quit, an error, a panic), the scope
        // waits for the worker: its check must not run on to its limit.
        let _stop = StopWhenDone(engine);
        std::thread::Builder::new()
            .name("watch-check".to_owned())
            .spawn_scoped(scope, move || {
                check_worker(engine, course, &job_queue, &worker_events)
            })
            .map_err(|source| Error::Spawn {
                command: "the watch check thread".to_owned(),
                source,
            })?;
        let (watching, watcher) = if options.manual {
            (
                Watching::Manual {
                    reason: "--manual".to_owned(),
                },
                None,
            )
        } else {
            match watcher::start(course, store.state_path(), events_sender.clone()) {
                Ok(watcher) => (Watching::Files, Some(watcher)),
                Err(reason) => (Watching::Manual { reason }, None),
            }
        };
        let mut shell = Shell {
            course,
            order: names.clone(),
            engine,
            store: &store,
            jobs,
            state,
            style,
            watcher,
            watch_lock: &mut watch_lock,
            quit: false,
            interrupted: false,
        };
        let result = shell.run(&events, events_sender, watching, notes);
        let still_checking = result.as_ref().is_ok_and(|checking| *checking);
        let interrupted = shell.interrupted;
        // Dropping the shell closes the job queue: the worker ends after
        // the check it is running, which the scope waits for.
        drop(shell);
        if still_checking {
            // A program in an endless loop would otherwise hold the quit
            // until its time limit; its process group is killed at once
            // (by `_stop`, as the scope ends).
            say("Stopping the running check...");
        }
        result.map(|_| {
            if interrupted {
                exit_code::INTERRUPTED
            } else {
                exit_code::SUCCESS
            }
        })
    });
    let state = store.load()?;
    let done = state.done_count(&names);
    say(&format!(
        "Your progress is saved: {done}/{} exercises done. Start watch again to continue where you left off.",
        names.len()
    ));
    outcome
}

/// Stops what the engine is running when dropped: at the end of watch's
/// scope, on every way out of it, unwinding included.
struct StopWhenDone<'e, 'c>(&'e Engine<'c>);

impl Drop for StopWhenDone<'_, '_> {
    fn drop(&mut self) {
        self.0.stop_running();
    }
}

/// A line on stdout, outside the watch screen. A failed write is ignored:
/// after SIGHUP the terminal is gone, and `println!` would panic.
fn say(line: &str) {
    let _ = writeln!(io::stdout(), "{line}");
}

/// Work for the check worker.
#[derive(Debug)]
enum Job {
    Check(usize),
    CheckAll,
}

struct Shell<'a, 'c> {
    course: &'c Course,
    /// The course's exercise names, in order: what the state's rules take.
    order: Vec<&'c str>,
    /// Only to fit rustc's messages to the screen; checks run on the worker.
    engine: &'a Engine<'c>,
    store: &'a Store,
    jobs: Sender<Job>,
    state: State,
    style: Style,
    watcher: Option<FileWatcher>,
    /// Held for the whole session, and taken again if its file goes.
    watch_lock: &'a mut WatchLock,
    quit: bool,
    /// The runner was asked to stop (a signal): the exit code says so.
    interrupted: bool,
}

impl<'c> Shell<'_, 'c> {
    /// The loop; returns whether a check was still running at the end.
    fn run(
        &mut self,
        events: &Receiver<Event>,
        sender: Sender<Event>,
        watching: Watching,
        notes: Vec<String>,
    ) -> Result<bool, Error> {
        let mut terminal = Terminal::enter().map_err(terminal_error)?;
        self.engine.set_diagnostic_width(Some(terminal.size().0));
        spawn_key_reader(sender)?;
        let (mut session, effects) = Session::start(self.course, &self.state, watching, notes);
        self.apply(&mut session, effects);
        self.draw(&mut session, &mut terminal, true)?;
        while !self.quit {
            let Ok(event) = events.recv() else { break };
            let mut full = false;
            self.handle(&mut session, &mut terminal, event, &mut full)?;
            // Draw once for everything that is already waiting.
            while !self.quit {
                let Ok(event) = events.try_recv() else { break };
                self.handle(&mut session, &mut terminal, event, &mut full)?;
            }
            if !self.quit {
                self.draw(&mut session, &mut terminal, full)?;
            }
        }
        Ok(session.checking().is_some())
    }

    fn handle(
        &mut self,
        session: &mut Session<'c>,
        terminal: &mut Terminal,
        event: Event,
        full: &mut bool,
    ) -> Result<(), Error> {
        match event {
            Event::Key(key) => {
                self.reload_progress(session);
                let effects = session.key(key, &self.state);
                self.apply(session, effects);
            }
            Event::Resize => {
                self.engine.set_diagnostic_width(Some(terminal.size().0));
                *full = true;
            }
            Event::ProgressChanged => self.reload_progress(session),
            Event::Saved { exercise } => {
                if exercise == session.current() {
                    let hash = hash_file(&self.exercise_file(exercise));
                    let effects = session.saved(exercise, hash);
                    self.apply(session, effects);
                }
            }
            Event::WatcherFailed { reason } => session.watcher_failed(reason),
            Event::Checked(checked) => {
                let effects = session.checked(*checked);
                // The verdict goes on screen before the progress is written.
                self.draw(session, terminal, false)?;
                self.apply(session, effects);
            }
            Event::CheckAllProgress { finished, total } => {
                session.check_all_progress(finished, total);
            }
            Event::CheckedAll(results) => {
                let first_pending = self.record_all(&results, session);
                let effects = session.checked_all(&results, first_pending, &self.state);
                self.apply(session, effects);
            }
            Event::WorkerStopped => {
                return Err(Error::RunnerBug {
                    what: "the watch check thread".to_owned(),
                });
            }
            Event::Interrupted => {
                self.quit = true;
                self.interrupted = true;
            }
        }
        Ok(())
    }

    fn apply(&mut self, session: &mut Session<'c>, effects: Vec<Effect>) {
        let mut queue = std::collections::VecDeque::from(effects);
        while let Some(effect) = queue.pop_front() {
            match effect {
                Effect::Check(exercise) => {
                    let _ = self.jobs.send(Job::Check(exercise));
                }
                Effect::CheckAll => {
                    let _ = self.jobs.send(Job::CheckAll);
                }
                Effect::Quit => self.quit = true,
                Effect::Record {
                    exercise,
                    passed,
                    signature,
                    advance,
                } => self.record(session, exercise, passed, &signature, advance),
                Effect::BumpHint(exercise) => {
                    let exercise = &self.course.exercises()[exercise];
                    let available = u32::try_from(exercise.hints.len()).unwrap_or(u32::MAX);
                    self.change_progress(session, |state| {
                        state.bump_hint_level(&exercise.name, available);
                    });
                }
                Effect::SetCurrent(index) => {
                    let name = &self.course.exercises()[index].name;
                    self.change_progress(session, |state| state.set_current(name));
                }
                Effect::Jump(index) => {
                    let name = &self.course.exercises()[index].name;
                    self.change_progress(session, |state| state.set_current(name));
                    queue.extend(session.jumped(index, &self.state));
                }
                Effect::Reset(index) => {
                    let exercise = &self.course.exercises()[index];
                    let result = course_folder::reset_exercise(self.course.root(), exercise)
                        .map(|report| report.backup.map(|backup| self.style.cwd.show(&backup)))
                        .map_err(|error| error_chain(&error));
                    if result.is_ok() {
                        self.change_progress(session, |state| {
                            state.mark_pending(&exercise.name);
                        });
                    }
                    queue.extend(session.reset_done(result));
                }
                Effect::RestoreTests(index) => {
                    let exercise = &self.course.exercises()[index];
                    let result = course_folder::restore_tests(self.course.root(), exercise)
                        .map(|report| report.backup.map(|backup| self.style.cwd.show(&backup)))
                        .map_err(|error| error_chain(&error));
                    queue.extend(session.tests_restored(result));
                }
            }
        }
    }

    /// Records one check by the state's rules; on `advance`, a pass moves
    /// the progress on (decided on the freshly read progress, so a pass
    /// recorded meanwhile in another terminal is skipped). When the progress
    /// cannot be saved, watch stays on the exercise (with the warning)
    /// rather than move on to what the progress file does not say.
    fn record(
        &mut self,
        session: &mut Session<'c>,
        index: usize,
        passed: bool,
        signature: &str,
        advance: bool,
    ) {
        let course = self.course;
        let exercise = &course.exercises()[index];
        let solution = if passed {
            let (_, unlocked) = unlock_solutions(course, &[exercise])
                .pop()
                .expect("one result per exercise asked for");
            match unlocked {
                Ok(path) => Some(path),
                Err(why) => {
                    session.warn(&format!("No reference solution: {why}"));
                    None
                }
            }
        } else {
            None
        };
        let attempt = if passed {
            Attempt::Passed
        } else {
            Attempt::Failed { signature }
        };
        let order = self.order.clone();
        let recorded = self.change_progress(session, |state| {
            state
                .record_check(&order, &exercise.name, attempt, advance)
                .current()
                .map(str::to_owned)
        });
        match recorded {
            Some(current) if passed && advance => {
                let next = current.and_then(|name| {
                    course
                        .exercises()
                        .iter()
                        .position(|exercise| exercise.name == name)
                });
                session.advanced(index, solution, next);
            }
            _ => session.recorded(index, solution),
        }
    }

    /// Records every verdict of "check all" as `verify` does
    /// (`State::record_verify`) and returns the exercise now current (`None`:
    /// every exercise passes).
    fn record_all(&mut self, results: &[Checked], session: &mut Session<'c>) -> Option<usize> {
        let course = self.course;
        let passed: Vec<&Exercise> = results
            .iter()
            .filter(|checked| checked.result.as_ref().is_ok_and(Verdict::passed))
            .map(|checked| &course.exercises()[checked.exercise])
            .collect();
        // Best effort, as in `verify`: the passes are recorded either way.
        let _ = unlock_solutions(course, &passed);
        let order = self.order.clone();
        let verdicts = results.iter().filter_map(|checked| {
            // As `verify`: a check that could not run (a missing file)
            // changes nothing.
            let verdict = checked.result.as_ref().ok()?;
            Some((
                course.exercises()[checked.exercise].name.as_str(),
                verdict.passed(),
            ))
        });
        self.change_progress(session, |state| {
            state.record_verify(&order, verdicts);
        });
        let first = self.state.first_not_done(&self.order)?;
        course
            .exercises()
            .iter()
            .position(|exercise| exercise.name == first)
    }

    /// Applies `change` to the progress under its lock and keeps the merged
    /// result. `None`, with a warning on screen, when the progress could
    /// not be saved.
    fn change_progress<T>(
        &mut self,
        session: &mut Session<'c>,
        change: impl FnOnce(&mut State) -> T,
    ) -> Option<T> {
        self.keep_progress_folder(session);
        let changed = self.store.update(|state| (change(state), state.clone()));
        self.show_progress_warnings(session);
        match changed {
            Ok((result, state)) => {
                self.state = state;
                Some(result)
            }
            Err(error) => {
                session.warn(&format!("Progress not saved: {}", error_chain(&error)));
                None
            }
        }
    }

    /// Makes sure the progress folder and this watch's lock in it are still
    /// there: deleted while watch runs, they are made again (so progress is
    /// saved, and no second watch can start), and the learner is told.
    fn keep_progress_folder(&mut self, session: &mut Session<'c>) {
        match self.watch_lock.ensure() {
            Ok(false) => {}
            Ok(true) => {
                if let Some(watcher) = &mut self.watcher {
                    watcher.watch_progress_again(self.store.state_path());
                }
                session.warn_at_length(&format!(
                    "The progress folder {STATE_DIR}/ was deleted while watch ran; watch made it \
                     again, so your progress is saved from now on. What it held is gone: \
                     press c to check every exercise and mark what passes as done again."
                ));
            }
            Err(error) => session.warn(&error_chain(&error)),
        }
    }

    /// Puts what the progress store recovered from (a damaged progress file
    /// set aside) on screen at once, rather than after watch ends.
    fn show_progress_warnings(&mut self, session: &mut Session<'c>) {
        for warning in self.store.take_warnings() {
            session.warn_at_length(&warning.to_string());
        }
    }

    fn draw(
        &mut self,
        session: &mut Session<'c>,
        terminal: &mut Terminal,
        full: bool,
    ) -> Result<(), Error> {
        let (width, height) = terminal.size();
        let frame = screen::draw(session, &self.state, &self.style, width, height);
        session.clamp_scroll(frame.max_scroll);
        terminal.draw(&frame.rows, full).map_err(terminal_error)
    }

    /// Takes in what another terminal (`hint`, `run`) changed, or what
    /// happened to the progress folder. A failed read keeps the copy we have;
    /// the next change reports the problem.
    fn reload_progress(&mut self, session: &mut Session<'c>) {
        self.keep_progress_folder(session);
        if let Ok(state) = self.store.load() {
            self.state = state;
        }
        self.show_progress_warnings(session);
    }

    fn exercise_file(&self, index: usize) -> PathBuf {
        self.course.exercise_path(&self.course.exercises()[index])
    }
}

/// Checks what the shell asks for, one at a time, until the queue closes.
fn check_worker(
    engine: &Engine<'_>,
    course: &Course,
    jobs: &Receiver<Job>,
    events: &Sender<Event>,
) {
    let _stop_signal = WorkerGuard(events.clone());
    for job in jobs {
        let event = match job {
            Job::Check(exercise) => {
                Event::Checked(Box::new(check_one(engine, course, exercise, true)))
            }
            Job::CheckAll => {
                // As `verify` does: every core, results in course order.
                let indices: Vec<usize> = (0..course.exercises().len()).collect();
                let total = indices.len();
                let finished = AtomicUsize::new(0);
                let jobs = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
                let results = map_in_order(
                    &indices,
                    jobs,
                    |&exercise| check_one(engine, course, exercise, false),
                    |_| {
                        let finished = finished.fetch_add(1, Ordering::Relaxed) + 1;
                        let _ = events.send(Event::CheckAllProgress { finished, total });
                    },
                );
                Event::CheckedAll(results)
            }
        };
        if events.send(event).is_err() {
            return;
        }
    }
}

/// Tells the main loop when the worker dies by a panic, so the loop ends
/// (and the terminal is restored) instead of waiting for a verdict forever.
struct WorkerGuard(Sender<Event>);

impl Drop for WorkerGuard {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let _ = self.0.send(Event::WorkerStopped);
        }
    }
}

/// Checks one exercise. With `compare` (a check of the current exercise,
/// not "check all"), what changed since the check shown before is said and
/// this check's summary kept for the next one.
fn check_one(engine: &Engine<'_>, course: &Course, index: usize, compare: bool) -> Checked {
    let exercise = &course.exercises()[index];
    match engine.check(exercise) {
        Ok(verdict) => {
            let change = if compare {
                engine
                    .swap_summary(exercise, &verdict.summary())
                    .and_then(|before| what_changed(&before, &verdict, exercise.mode))
            } else {
                None
            };
            Checked {
                exercise: index,
                hash: Some(verdict.source_hash.clone()),
                change,
                result: Ok(verdict),
            }
        }
        Err(error) => Checked {
            exercise: index,
            hash: None,
            change: None,
            result: Err(error_chain(&error)),
        },
    }
}

/// Reads keys and resizes on a named thread of its own. It is not joined:
/// it only holds a sender, and ends with the process.
fn spawn_key_reader(events: Sender<Event>) -> Result<(), Error> {
    std::thread::Builder::new()
        .name("watch-keys".to_owned())
        .spawn(move || {
            loop {
                let event = match crossterm::event::read() {
                    Ok(TerminalEvent::Key(key)) => match key_from(key) {
                        Some(key) => Event::Key(key),
                        None => continue,
                    },
                    Ok(TerminalEvent::Resize(..)) => Event::Resize,
                    Ok(_) => continue,
                    Err(_) => return,
                };
                if events.send(event).is_err() {
                    return;
                }
            }
        })
        .map(|_| ())
        .map_err(|source| Error::Spawn {
            command: "the watch key reader thread".to_owned(),
            source,
        })
}

/// The hash of a file's content as verdicts name it, `None` when it cannot
/// be read.
fn hash_file(path: &Path) -> Option<String> {
    std::fs::read(path).ok().map(|bytes| content_hash(&bytes))
}

/// An error and its causes on one line, for the screen.
fn error_chain(error: &dyn std::error::Error) -> String {
    crate::error::causes(error).join(": ")
}

fn terminal_error(source: io::Error) -> Error {
    Error::Terminal {
        action: "draw the watch screen on",
        source,
    }
}
