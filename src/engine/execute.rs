//! Running a built program or test binary as untrusted code: stdin closed,
//! stdout and stderr sharing one pipe drained on its own thread into a capped
//! buffer, a time limit after which the whole process group is killed.
//!
//! The result is an [`Execution`], never an error, whatever the program does;
//! `Err` is only for a program that cannot be started. It does not judge the
//! result (`check.rs` does).

use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::captured::{CapBuffer, CapturedOutput};
use crate::error::Error;

/// Limits for one run.
#[derive(Debug, Clone, Copy)]
pub struct Limits<'a> {
    /// Killed after this long.
    pub timeout: Duration,
    /// At most this many bytes of output are kept.
    pub output_cap: usize,
    /// Killed as soon as this is set (watch mode quitting mid-run), checked
    /// every 50 ms (`STOP_POLL`); reported like a timeout.
    pub stop: Option<&'a AtomicBool>,
}

/// How often a running program's `stop` flag is looked at.
const STOP_POLL: Duration = Duration::from_millis(50);

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
    /// Its stdout and stderr, interleaved as written, capped.
    pub output: CapturedOutput,
}

/// Runs `command` within `limits`. The command's stdin, stdout and stderr are
/// set here: stdout and stderr share one pipe, so the output interleaves
/// exactly as it would in a terminal and its end (usually the error) is kept.
pub fn execute(mut command: Command, limits: Limits) -> Result<Execution, Error> {
    let pipe_error = |source| Error::Spawn {
        command: describe(&command),
        source,
    };
    let (reader, writer) = std::io::pipe().map_err(pipe_error)?;
    let writer_for_stderr = writer.try_clone().map_err(pipe_error)?;
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
    let deadline = started + limits.timeout;
    let buffer = Mutex::new(CapBuffer::new(limits.output_cap));
    let exit = std::thread::scope(|scope| {
        let (done_sender, done) = mpsc::channel::<()>();
        let buffer = &buffer;
        let spawned = std::thread::Builder::new()
            .name("output-drain".to_owned())
            .spawn_scoped(scope, move || {
                drain(reader, buffer);
                let _ = done_sender.send(());
            });
        if let Err(source) = spawned {
            kill(&mut child);
            return Err(Error::Spawn {
                command: "the output reader thread".to_owned(),
                source,
            });
        }
        wait(&mut child, &done, deadline, limits.stop)
    })?;
    let output = buffer
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .finish();
    Ok(Execution { exit, output })
}

fn drain(mut stream: impl Read, buffer: &Mutex<CapBuffer>) {
    let mut chunk = [0_u8; 8192];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) => return,
            Ok(read) => buffer
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(&chunk[..read]),
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return,
        }
    }
}

/// Waits for the output to close, then for the process, all before `deadline`.
fn wait(
    child: &mut Child,
    streams_done: &mpsc::Receiver<()>,
    deadline: Instant,
    stop: Option<&AtomicBool>,
) -> Result<Exit, Error> {
    let stopped = || stop.is_some_and(|stop| stop.load(Ordering::Relaxed));
    // The pipe closes when the program (and anything it spawned) exits: no
    // polling, except for the stop flag when there is one.
    loop {
        let remaining = deadline.saturating_duration_since(Instant::now());
        let wait = if stop.is_some() {
            remaining.min(STOP_POLL)
        } else {
            remaining
        };
        match streams_done.recv_timeout(wait) {
            Ok(()) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) if stopped() || wait == remaining => {
                return Ok(kill(child));
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
    }
    // The output is closed, so the program has normally exited already; a
    // program that closed it and kept running is polled until the deadline.
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait().map_err(|source| Error::Spawn {
            command: "waiting for the exercise".to_owned(),
            source,
        })? {
            return Ok(Exit::from_status(status));
        }
        if Instant::now() >= deadline || stopped() {
            return Ok(kill(child));
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

/// Kills the process group (Unix) or the process, and reaps it.
fn kill(child: &mut Child) -> Exit {
    #[cfg(unix)]
    {
        // The group may already be gone; the direct kill below still runs.
        let pid = rustix::process::Pid::from_child(child);
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
    let _ = child.kill();
    let _ = child.wait();
    Exit::TimedOut
}

/// `program arg arg`, for error messages.
pub fn describe(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_set_stop_flag_kills_a_program_long_before_its_time_limit() {
        let stop = AtomicBool::new(false);
        let limit = Duration::from_secs(600);
        let started = Instant::now();
        let execution = std::thread::scope(|scope| {
            let running = scope.spawn(|| {
                let mut command = Command::new("sleep");
                command.arg("600");
                execute(
                    command,
                    Limits {
                        timeout: limit,
                        output_cap: 1024,
                        stop: Some(&stop),
                    },
                )
            });
            std::thread::sleep(Duration::from_millis(100));
            stop.store(true, Ordering::Relaxed);
            running.join().expect("the runner thread")
        })
        .expect("sleep starts");
        assert_eq!(execution.exit, Exit::TimedOut);
        // Not a speed claim: without the flag this run would take the full 600 s.
        assert!(started.elapsed() < limit, "{:?}", started.elapsed());
    }
}
