//! Running a process as untrusted code: stdin closed, its output drained on
//! threads of its own into capped buffers, its own process group, and every
//! wait bounded, whatever the process and its children do.
//!
//! How a run ends:
//!
//! - the direct child exits: that exit is the result. Anything it started is
//!   killed with its process group; output still open after a short grace
//!   means a child was holding it, and the output says the runner stopped
//!   those (a passing test that leaves `sleep 30` behind still passes);
//! - the time limit passes: the group is killed, [`Exit::TimedOut`];
//! - the caller's stop flag is set, or Ctrl-C, SIGTERM or SIGHUP reached the
//!   runner ([`crate::interrupt`]): the group is killed and the run is
//!   [`Error::Stopped`], not a verdict.
//!
//! [`execute_with_memory_cap`] also caps the memory a program may use, where
//! a process can limit another one (Linux: `prlimit`, on the program just
//! after it starts; elsewhere nothing is capped): a test harness keeps what
//! a test prints until the test ends, so a test printing without end would
//! otherwise grow until its time limit. At the cap its next allocation
//! fails, the program aborts, and the output says why.
//!
//! A process that left the group (`setsid`) cannot be killed from here, and
//! may keep the output open for as long as it lives: reading stops anyway
//! once the run has ended, and the output says it may be cut. Reading
//! happens on detached threads for exactly that reason: such a thread may
//! outlive the run, never the runner's patience.
//!
//! The result is an [`Execution`] whatever the program does; `Err` is for a
//! program that cannot be started or a run that was stopped. It does not
//! judge the result (`check.rs` does).

use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::captured::{CapBuffer, CapturedOutput};
use crate::error::Error;
use crate::interrupt;

/// Limits for one run.
#[derive(Debug, Clone, Copy)]
pub struct Limits<'a> {
    /// Killed after this long.
    pub timeout: Duration,
    /// At most this many bytes of output are kept (per stream when they are
    /// kept apart, see [`execute_separately`]).
    pub output_cap: usize,
    /// Killed as soon as this is set (watch mode quitting mid-run), looked
    /// at every 50 ms (`POLL`), like an interrupt of the runner; the run is
    /// then [`Error::Stopped`].
    pub stop: Option<&'a AtomicBool>,
}

/// How often a running process's exit, its time limit and the stop flags
/// are looked at while its output stays open. The end of the output wakes
/// the wait at once, so a program that exits normally never waits for this.
const POLL: Duration = Duration::from_millis(50);

/// How long the output may stay open after the direct child exited (what a
/// child still writes in that time is kept), before the runner stops the
/// rest of its process group.
const DRAIN_GRACE: Duration = Duration::from_millis(200);

/// How long the output may stay open once the whole group is dead: only a
/// process outside the group (one that called `setsid`) can hold it then.
const DRAIN_AFTER_KILL: Duration = Duration::from_millis(100);

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "ended", rename_all = "snake_case")]
pub enum Exit {
    /// It exited with this code.
    Code {
        /// The exit code.
        code: i32,
    },
    /// A signal ended it (Unix).
    Signal {
        /// The signal number.
        signal: i32,
    },
    /// It ran past its time limit and was killed.
    TimedOut,
}

/// How a process ended, as a verb phrase: "exited with code 2", "was
/// killed by signal 9", "ran past its time limit".
impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Exit::Code { code } => write!(f, "exited with code {code}"),
            Exit::Signal { signal } => write!(f, "was killed by signal {signal}"),
            Exit::TimedOut => f.write_str("ran past its time limit"),
        }
    }
}

impl Exit {
    /// Exit code 0.
    pub fn success(self) -> bool {
        self == Exit::Code { code: 0 }
    }

    fn from_status(status: ExitStatus) -> Self {
        if let Some(code) = status.code() {
            return Exit::Code { code };
        }
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            if let Some(signal) = status.signal() {
                return Exit::Signal { signal };
            }
        }
        Exit::Code { code: -1 }
    }
}

/// What one run produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Execution {
    /// How it ended.
    pub exit: Exit,
    /// Its stdout and stderr, interleaved as written, capped; it ends with a
    /// note when processes were left behind or reading was cut short.
    pub output: CapturedOutput,
    /// What happened around the exit that the exit itself does not say.
    pub aftermath: Aftermath,
}

/// A run whose stdout and stderr were kept apart ([`execute_separately`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeparateExecution {
    /// How it ended.
    pub exit: Exit,
    /// Its stdout, capped.
    pub stdout: CapturedOutput,
    /// Its stderr, capped.
    pub stderr: CapturedOutput,
    /// What happened around the exit.
    pub aftermath: Aftermath,
}

/// What a run left behind, found when it ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Aftermath {
    /// Processes it started still held its output after it exited; the
    /// runner killed them (and everything else left in its process group).
    pub stopped_leftovers: bool,
    /// Its output was still open when the runner stopped reading (a process
    /// outside its group held it): what was printed after is not kept.
    pub output_cut: bool,
}

/// The note added at the end of the output for each of `aftermath`'s facts.
const LEFTOVERS_NOTE: &str = "it left processes running when it ended; the runner stopped them";
const CUT_NOTE: &str = "the runner stopped reading here: a process it started outside its process \
     group kept the output open, so what came after is not shown";
const MEMORY_NOTE: &str = "it asked for more memory than a program may use here";

/// What Rust's allocator prints when an allocation fails, before it aborts.
const ALLOCATION_FAILED: &str = "memory allocation of ";

/// Runs `command` within `limits`. The command's stdin, stdout and stderr are
/// set here: stdout and stderr share one pipe, so the output interleaves
/// exactly as it would in a terminal and its end (usually the error) is kept.
pub fn execute(command: Command, limits: Limits) -> Result<Execution, Error> {
    let mut run = run(command, limits, 1, None)?;
    let mut output = run.outputs.swap_remove(0);
    note_aftermath(&mut output, run.aftermath);
    Ok(Execution {
        exit: run.exit,
        output,
        aftermath: run.aftermath,
    })
}

/// [`execute`], for a program that may use at most `memory` bytes of data
/// (its heap and other private writable memory) where the platform lets
/// the runner cap it (Linux). A program that dies at the cap, with Rust's
/// "memory allocation of N bytes failed", gets a note saying so.
pub fn execute_with_memory_cap(
    command: Command,
    limits: Limits,
    memory: u64,
) -> Result<Execution, Error> {
    let mut run = run(command, limits, 1, Some(memory))?;
    let mut output = run.outputs.swap_remove(0);
    if aborted(run.exit) && output.text.contains(ALLOCATION_FAILED) {
        output.append_note(&format!(
            "{MEMORY_NOTE} ({} MiB), and was stopped: does something grow without end? \
             (a test keeps everything it prints until it ends)",
            memory / (1024 * 1024)
        ));
    }
    note_aftermath(&mut output, run.aftermath);
    Ok(Execution {
        exit: run.exit,
        output,
        aftermath: run.aftermath,
    })
}

/// Whether the program ended by SIGABRT, as Rust's allocator ends it.
#[cfg(unix)]
fn aborted(exit: Exit) -> bool {
    exit == Exit::Signal {
        signal: rustix::process::Signal::ABORT.as_raw(),
    }
}

/// Without signals there is no abort to recognise.
#[cfg(not(unix))]
fn aborted(_exit: Exit) -> bool {
    false
}

/// [`execute`], with stdout and stderr read into buffers of their own (for
/// tools whose stdout is data and whose stderr says what went wrong). The
/// aftermath notes go at the end of stderr.
pub fn execute_separately(command: Command, limits: Limits) -> Result<SeparateExecution, Error> {
    let mut run = run(command, limits, 2, None)?;
    let mut stderr = run.outputs.swap_remove(1);
    let stdout = run.outputs.swap_remove(0);
    note_aftermath(&mut stderr, run.aftermath);
    Ok(SeparateExecution {
        exit: run.exit,
        stdout,
        stderr,
        aftermath: run.aftermath,
    })
}

fn note_aftermath(output: &mut CapturedOutput, aftermath: Aftermath) {
    if aftermath.stopped_leftovers {
        output.append_note(LEFTOVERS_NOTE);
    }
    if aftermath.output_cut {
        output.append_note(CUT_NOTE);
    }
}

/// One finished run: its exit, one output per stream, and its aftermath.
struct Run {
    exit: Exit,
    outputs: Vec<CapturedOutput>,
    aftermath: Aftermath,
}

/// Starts `command` with `streams` output pipes (1: stdout and stderr
/// share one; 2: one each), caps its data at `memory` bytes where it can,
/// and waits for it within `limits`.
fn run(
    mut command: Command,
    limits: Limits,
    streams: usize,
    memory: Option<u64>,
) -> Result<Run, Error> {
    let stopped =
        || limits.stop.is_some_and(|stop| stop.load(Ordering::Relaxed)) || interrupt::requested();
    if stopped() {
        return Err(Error::Stopped);
    }
    let pipe_error = |source| Error::Spawn {
        command: describe(&command),
        source,
    };
    let mut readers = Vec::with_capacity(streams);
    let (reader, writer) = std::io::pipe().map_err(pipe_error)?;
    readers.push(reader);
    let writer_for_stderr = if streams == 1 {
        writer.try_clone().map_err(pipe_error)?
    } else {
        let (reader, writer) = std::io::pipe().map_err(pipe_error)?;
        readers.push(reader);
        writer
    };
    command
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(writer_for_stderr);
    #[cfg(unix)]
    {
        // Its own process group, so a timeout kills what it spawned too.
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
    }
    let started = Instant::now();
    let spawned = command.spawn();
    let command_line = describe(&command);
    // The command holds our copies of the pipe's write ends: drop them, or
    // the reader would never see the end of the output.
    drop(command);
    let mut child = spawned.map_err(|source| Error::Spawn {
        command: command_line,
        source,
    })?;
    if let Some(bytes) = memory {
        cap_memory(&child, bytes);
    }
    let mut drains = match Drains::start(readers, limits.output_cap) {
        Ok(drains) => drains,
        Err(source) => {
            kill_group(&mut child);
            return Err(Error::Spawn {
                command: "the output reader thread".to_owned(),
                source,
            });
        }
    };
    let deadline = started + limits.timeout;
    let ended = wait(&mut child, &mut drains, deadline, &stopped);
    let (exit, aftermath) = match ended {
        Ok(ended) => ended,
        Err(error) => {
            drains.take();
            return Err(error);
        }
    };
    Ok(Run {
        exit,
        outputs: drains.take(),
        aftermath,
    })
}

/// The threads reading a run's output, each into its own buffer.
///
/// The threads are detached: a process outside the run's group may keep a
/// pipe open long after the run ended, and the run must not wait for it.
/// [`Drains::take`] takes the buffers; a thread still reading after that
/// stops at its next read.
struct Drains {
    buffers: Vec<Arc<Mutex<Option<CapBuffer>>>>,
    finished: Receiver<()>,
    open: usize,
}

impl Drains {
    fn start(readers: Vec<std::io::PipeReader>, cap: usize) -> std::io::Result<Drains> {
        let (finished_sender, finished) = mpsc::channel();
        let mut buffers = Vec::with_capacity(readers.len());
        let open = readers.len();
        for reader in readers {
            let buffer = Arc::new(Mutex::new(Some(CapBuffer::new(cap))));
            buffers.push(Arc::clone(&buffer));
            let finished = finished_sender.clone();
            std::thread::Builder::new()
                .name("output-drain".to_owned())
                .spawn(move || drain(reader, &buffer, &finished))?;
        }
        Ok(Drains {
            buffers,
            finished,
            open,
        })
    }

    /// Waits until every stream has ended or `until` has passed; whether
    /// every stream ended.
    fn wait_closed(&mut self, until: Instant) -> bool {
        while self.open > 0 {
            let left = until.saturating_duration_since(Instant::now());
            match self.finished.recv_timeout(left) {
                Ok(()) => self.open -= 1,
                // Every thread has ended (a thread panicked, say): nothing
                // is being read any more.
                Err(RecvTimeoutError::Disconnected) => self.open = 0,
                Err(RecvTimeoutError::Timeout) => return false,
            }
        }
        true
    }

    /// The output read so far, one per stream; reading stops.
    fn take(&mut self) -> Vec<CapturedOutput> {
        self.buffers
            .iter()
            .map(|buffer| {
                buffer
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .take()
                    .map(CapBuffer::finish)
                    .unwrap_or_default()
            })
            .collect()
    }
}

/// Reads `stream` into `buffer` until it ends or the buffer is taken, then
/// says so on `finished`.
fn drain(mut stream: impl Read, buffer: &Mutex<Option<CapBuffer>>, finished: &Sender<()>) {
    let mut chunk = [0_u8; 8192];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(read) => {
                let mut buffer = buffer.lock().unwrap_or_else(PoisonError::into_inner);
                match buffer.as_mut() {
                    Some(buffer) => buffer.push(&chunk[..read]),
                    // The run ended without us: nobody reads this any more.
                    None => return,
                }
            }
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
    let _ = finished.send(());
}

/// Waits for the run to end (see the module doc) and says how, with what
/// it left behind.
fn wait(
    child: &mut Child,
    drains: &mut Drains,
    deadline: Instant,
    stopped: &dyn Fn() -> bool,
) -> Result<(Exit, Aftermath), Error> {
    let wait_error = |source| Error::Spawn {
        command: "waiting for the program".to_owned(),
        source,
    };
    let mut aftermath = Aftermath::default();
    // Until the output closes or the child exits. The end of the output
    // wakes this at once; the child's exit with the output still open (a
    // child of its own holds it) is noticed at the next poll.
    let status = loop {
        if stopped() {
            kill_group(child);
            return Err(Error::Stopped);
        }
        let now = Instant::now();
        if now >= deadline {
            kill_group(child);
            aftermath.output_cut = !drains.wait_closed(Instant::now() + DRAIN_AFTER_KILL);
            return Ok((Exit::TimedOut, aftermath));
        }
        if let Some(status) = child.try_wait().map_err(wait_error)? {
            break status;
        }
        if drains.wait_closed(now + POLL.min(deadline - now)) {
            // The output is closed, so the child has normally exited
            // already; one that closed it and kept running is polled.
            let mut pause = Duration::from_millis(1);
            loop {
                if let Some(status) = child.try_wait().map_err(wait_error)? {
                    // Nothing holds the output; anything left in the group
                    // (a child that closed its output) goes quietly.
                    kill_group_of_exited(child);
                    return Ok((Exit::from_status(status), aftermath));
                }
                if stopped() {
                    kill_group(child);
                    return Err(Error::Stopped);
                }
                if Instant::now() >= deadline {
                    kill_group(child);
                    return Ok((Exit::TimedOut, aftermath));
                }
                std::thread::sleep(pause);
                pause = (pause * 2).min(POLL);
            }
        }
    };
    // The child exited with its output still open: something it started
    // holds it. What that prints in a short grace is kept; then the group
    // is stopped, and whatever still holds the output is out of reach.
    if !drains.wait_closed(
        Instant::now() + DRAIN_GRACE.min(deadline.saturating_duration_since(Instant::now())),
    ) {
        aftermath.stopped_leftovers = kill_group_of_exited(child);
        aftermath.output_cut = !drains.wait_closed(Instant::now() + DRAIN_AFTER_KILL);
    } else {
        kill_group_of_exited(child);
    }
    Ok((Exit::from_status(status), aftermath))
}

/// Caps the data of the just started `child` at `bytes` (`RLIMIT_DATA`,
/// soft and hard). Best effort: a lower limit the runner inherited stays
/// (raising it is refused), and the program runs uncapped when the call
/// fails. It is set after the program started, in the microseconds before
/// its `main` runs: a guard against a program that grows by accident, not
/// a security boundary.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn cap_memory(child: &Child, bytes: u64) {
    let pid = rustix::process::Pid::from_child(child);
    let _ = rustix::process::prlimit(
        Some(pid),
        rustix::process::Resource::Data,
        rustix::process::Rlimit {
            current: Some(bytes),
            maximum: Some(bytes),
        },
    );
}

/// No safe way to limit another process here: the program runs uncapped.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn cap_memory(_child: &Child, _bytes: u64) {}

/// Kills the process group (Unix) or the process, and reaps it.
fn kill_group(child: &mut Child) {
    #[cfg(unix)]
    {
        // The group may already be gone; the direct kill below still runs.
        let pid = rustix::process::Pid::from_child(child);
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Kills what is left of the process group of `child`, which has exited
/// and been reaped; whether anything was left to kill.
///
/// The group's id is the child's pid, which the kernel does not hand out
/// again while any process of the group lives, so this reaches the child's
/// own processes or nothing. (A process that has ended but is not yet reaped
/// counts as left; callers only report leftovers that were holding the
/// output, which no ended process does.)
#[cfg(unix)]
fn kill_group_of_exited(child: &Child) -> bool {
    let pid = rustix::process::Pid::from_child(child);
    rustix::process::kill_process_group(pid, rustix::process::Signal::KILL).is_ok()
}

/// Without process groups nothing can be found after the child exited.
#[cfg(not(unix))]
fn kill_group_of_exited(_child: &Child) -> bool {
    false
}

/// `program arg arg`, for error messages.
pub fn describe(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn limits(timeout: Duration) -> Limits<'static> {
        Limits {
            timeout,
            output_cap: 64 * 1024,
            stop: None,
        }
    }

    fn sh(script: &str) -> Command {
        let mut command = Command::new("sh");
        command.arg("-c").arg(script);
        command
    }

    /// Whether the process `pid` still exists.
    fn alive(pid: i32) -> bool {
        rustix::process::Pid::from_raw(pid)
            .is_some_and(|pid| rustix::process::test_kill_process(pid).is_ok())
    }

    /// Waits until `pid` is gone: a guard against a hang, not a timing claim.
    fn gone(pid: i32) -> bool {
        let start = Instant::now();
        while alive(pid) {
            if start.elapsed() > Duration::from_secs(60) {
                return false;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        true
    }

    #[test]
    fn a_set_stop_flag_kills_a_program_long_before_its_time_limit() {
        let stop = AtomicBool::new(false);
        let limit = Duration::from_secs(600);
        let started = Instant::now();
        let result = std::thread::scope(|scope| {
            let running = scope.spawn(|| {
                let mut command = Command::new("sleep");
                command.arg("600");
                execute(
                    command,
                    Limits {
                        stop: Some(&stop),
                        ..limits(limit)
                    },
                )
            });
            std::thread::sleep(Duration::from_millis(100));
            stop.store(true, Ordering::Relaxed);
            running.join().expect("the runner thread")
        });
        assert!(matches!(result, Err(Error::Stopped)), "{result:?}");
        // Not a speed claim: without the flag this run would take the full 600 s.
        assert!(started.elapsed() < limit, "{:?}", started.elapsed());
    }

    #[test]
    fn an_ordinary_run_keeps_its_output_and_its_exit_and_notes_nothing() {
        let execution = execute(
            sh("echo out; echo err >&2; exit 3"),
            limits(Duration::from_secs(600)),
        )
        .expect("sh starts");
        assert_eq!(execution.exit, Exit::Code { code: 3 });
        assert_eq!(execution.output.text, "out\nerr\n");
        assert_eq!(execution.aftermath, Aftermath::default());
    }

    #[test]
    fn the_exit_of_the_direct_child_decides_and_a_child_left_holding_the_output_is_stopped() {
        // The background sleep keeps the output open for 600 s; the verdict
        // follows `sh`, which exits 0 at once.
        let execution = execute(
            sh("sleep 600 & echo $! > /dev/stderr; echo done; exit 0"),
            limits(Duration::from_secs(600)),
        )
        .expect("sh starts");
        assert!(execution.exit.success(), "{execution:?}");
        assert!(execution.aftermath.stopped_leftovers, "{execution:?}");
        assert!(!execution.aftermath.output_cut, "{execution:?}");
        assert!(execution.output.text.contains("done"), "{execution:?}");
        assert!(
            execution.output.text.contains(LEFTOVERS_NOTE),
            "{execution:?}"
        );
        let pid: i32 = execution
            .output
            .text
            .lines()
            .next()
            .and_then(|line| line.trim().parse().ok())
            .expect("the sleep's pid first");
        assert!(gone(pid), "the background sleep {pid} was left running");
    }

    #[test]
    fn a_process_that_left_the_group_cannot_hold_the_run_and_the_output_says_it_may_be_cut() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let pid_file = dir.path().join("escaped.pid");
        // `setsid` puts the sleep out of the group's reach; it holds the
        // output open for 600 s unless the test ends it.
        let script = format!(
            "setsid sleep 600 & echo $! > '{}'; echo started; exit 0",
            pid_file.display()
        );
        let execution = execute(sh(&script), limits(Duration::from_secs(600))).expect("sh starts");
        let pid: i32 = std::fs::read_to_string(&pid_file)
            .expect("the pid file")
            .trim()
            .parse()
            .expect("a pid");
        let escaped_alive = alive(pid);
        if let Some(pid) = rustix::process::Pid::from_raw(pid) {
            let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
        }
        assert!(
            escaped_alive,
            "the escaped sleep was running during the check"
        );
        assert!(execution.exit.success(), "{execution:?}");
        assert!(execution.aftermath.output_cut, "{execution:?}");
        assert!(
            execution.output.text.starts_with("started\n"),
            "{execution:?}"
        );
        assert!(execution.output.text.contains(CUT_NOTE), "{execution:?}");
        assert!(gone(pid));
    }

    #[test]
    fn a_time_limit_holds_when_an_escaped_child_keeps_the_output_open() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let pid_file = dir.path().join("escaped.pid");
        let script = format!(
            "setsid sleep 600 & echo $! > '{}'; while :; do sleep 1; done",
            pid_file.display()
        );
        let execution =
            execute(sh(&script), limits(Duration::from_millis(300))).expect("sh starts");
        let pid: i32 = std::fs::read_to_string(&pid_file)
            .expect("the pid file")
            .trim()
            .parse()
            .expect("a pid");
        if let Some(pid) = rustix::process::Pid::from_raw(pid) {
            let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
        }
        assert_eq!(execution.exit, Exit::TimedOut);
        assert!(execution.aftermath.output_cut, "{execution:?}");
        assert!(gone(pid));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_program_past_its_memory_cap_is_stopped_and_the_output_says_why() {
        // sh reads its own RLIMIT_DATA back until it is the cap (`ulimit -d`
        // counts KiB: 64 MiB is 65536 KiB). The cap lands just after the
        // program starts, so the first reading may come before it; a cap
        // that never lands ends the run at its time limit.
        let execution = execute_with_memory_cap(
            sh("while [ \"$(ulimit -d)\" != 65536 ]; do sleep 0.01; done; echo capped"),
            limits(Duration::from_secs(600)),
            64 * 1024 * 1024,
        )
        .expect("sh starts");
        assert_eq!(execution.exit, Exit::Code { code: 0 }, "{execution:?}");
        assert_eq!(execution.output.text, "capped\n");

        // Rust's allocator at the cap: its message and SIGABRT.
        let execution = execute_with_memory_cap(
            sh("echo 'memory allocation of 134217728 bytes failed' >&2; kill -ABRT $$"),
            limits(Duration::from_secs(600)),
            64 * 1024 * 1024,
        )
        .expect("sh starts");
        assert!(
            execution.output.text.contains(MEMORY_NOTE) && execution.output.text.contains("64 MiB"),
            "{execution:?}"
        );
        // Without a cap there is nothing to explain.
        let uncapped = execute(
            sh("echo 'memory allocation of 8 bytes failed' >&2; kill -ABRT $$"),
            limits(Duration::from_secs(600)),
        )
        .expect("sh starts");
        assert!(!uncapped.output.text.contains(MEMORY_NOTE), "{uncapped:?}");
    }

    #[test]
    fn stdout_and_stderr_can_be_kept_apart() {
        let execution = execute_separately(
            sh("echo data; echo why >&2; exit 1"),
            limits(Duration::from_secs(600)),
        )
        .expect("sh starts");
        assert_eq!(execution.exit, Exit::Code { code: 1 });
        assert_eq!(execution.stdout.text, "data\n");
        assert_eq!(execution.stderr.text, "why\n");
    }
}
