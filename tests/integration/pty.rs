//! The runner in a pseudo-terminal, and the screen it draws read back
//! through a terminal emulator (vt100), for the watch tests and the
//! latency benchmark (which includes this file).
//!
//! Polling the screen has a deadline only as a guard against a hang; no test
//! asserts how fast anything is.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// The runner running in a pseudo-terminal of `cols` x `rows`.
pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    _master: Box<dyn MasterPty + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
}

impl Pty {
    /// Starts `program` with `args` in `cwd`, with `env` set on top of ours.
    pub fn spawn(
        program: &Path,
        args: &[&str],
        cwd: &Path,
        env: &[(&str, &str)],
        (cols, rows): (u16, u16),
    ) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(program);
        command.args(args);
        command.cwd(cwd);
        command.env("TERM", "xterm-256color");
        command.env("RUST_BACKTRACE", "0");
        for (key, value) in env {
            command.env(key, value);
        }
        let child = pair
            .slave
            .spawn_command(command)
            .expect("the runner starts in the pseudo-terminal");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        let writer = pair.master.take_writer().expect("a writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        {
            let screen = Arc::clone(&screen);
            let raw = Arc::clone(&raw);
            std::thread::Builder::new()
                .name("pty-reader".to_owned())
                .spawn(move || {
                    let mut chunk = [0_u8; 8192];
                    loop {
                        match reader.read(&mut chunk) {
                            Ok(0) | Err(_) => return,
                            Ok(read) => {
                                screen.lock().unwrap().process(&chunk[..read]);
                                raw.lock().unwrap().extend_from_slice(&chunk[..read]);
                            }
                        }
                    }
                })
                .expect("the reader thread starts");
        }
        Pty {
            child,
            writer,
            _master: pair.master,
            screen,
            raw,
        }
    }

    /// The screen's text now, one line per row.
    pub fn screen(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Everything the program wrote so far, escapes included.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Waits until the screen shows `text`; panics with the screen after
    /// `deadline` (a guard against a hang).
    pub fn wait_for(&self, text: &str, deadline: Duration) {
        self.wait_until(
            deadline,
            &format!("the screen to show {text:?}"),
            |screen| screen.contains(text),
        );
    }

    /// Waits until `ready` holds for the screen's text.
    pub fn wait_until(&self, deadline: Duration, what: &str, ready: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return;
            }
            if start.elapsed() > deadline {
                panic!(
                    "gave up waiting for {what}; the screen is:\n{screen}\n(raw tail: {:?})",
                    String::from_utf8_lossy(&self.raw())
                        .chars()
                        .rev()
                        .take(400)
                        .collect::<String>()
                        .chars()
                        .rev()
                        .collect::<String>()
                );
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Types `keys`.
    pub fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .expect("type into the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// Waits for the program to exit (within `deadline`) and returns its
    /// exit code.
    pub fn wait_exit(&mut self, deadline: Duration) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for the runner") {
                return status.exit_code();
            }
            if start.elapsed() > deadline {
                let _ = self.child.kill();
                panic!("the runner did not exit; the screen is:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // A test that failed half-way must not leave a runner behind.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
