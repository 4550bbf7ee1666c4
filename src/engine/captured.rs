//! A program's combined stdout and stderr, capped: the first and the last
//! parts are kept (the end usually says what went wrong), the middle is
//! counted, never stored, so a flooding program cannot exhaust memory.

use serde::{Deserialize, Serialize};

/// How much output is kept and shown, in bytes.
pub const OUTPUT_CAP: usize = 64 * 1024;

/// Output as captured; `text` is lossy UTF-8.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapturedOutput {
    /// The kept text; when bytes were dropped, a marker line stands where they were.
    pub text: String,
    /// How many bytes were dropped from the middle.
    pub omitted_bytes: u64,
}

impl CapturedOutput {
    /// Adds `note` on a line of its own at the end, bracketed like the
    /// omitted-bytes marker, so that every report that shows the output
    /// shows the note with it.
    pub(crate) fn append_note(&mut self, note: &str) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.text.push_str(&format!("[... {note} ...]\n"));
    }
}

/// Accumulates output chunks up to a cap.
#[derive(Debug)]
pub(crate) struct CapBuffer {
    head: Vec<u8>,
    tail: std::collections::VecDeque<u8>,
    head_cap: usize,
    tail_cap: usize,
    omitted: u64,
}

impl CapBuffer {
    /// A buffer that keeps at most `cap` bytes: a quarter from the start, the rest from the end.
    pub(crate) fn new(cap: usize) -> Self {
        let head_cap = cap / 4;
        Self {
            head: Vec::new(),
            tail: std::collections::VecDeque::new(),
            head_cap,
            tail_cap: cap - head_cap,
            omitted: 0,
        }
    }

    pub(crate) fn push(&mut self, mut chunk: &[u8]) {
        let room = self.head_cap - self.head.len();
        if room > 0 {
            let taken = room.min(chunk.len());
            self.head.extend_from_slice(&chunk[..taken]);
            chunk = &chunk[taken..];
        }
        if chunk.len() >= self.tail_cap {
            self.omitted += (self.tail.len() + chunk.len() - self.tail_cap) as u64;
            self.tail.clear();
            self.tail.extend(&chunk[chunk.len() - self.tail_cap..]);
            return;
        }
        let overflow = (self.tail.len() + chunk.len()).saturating_sub(self.tail_cap);
        self.tail.drain(..overflow);
        self.omitted += overflow as u64;
        self.tail.extend(chunk);
    }

    pub(crate) fn finish(self) -> CapturedOutput {
        let mut text = String::from_utf8_lossy(&self.head).into_owned();
        if self.omitted > 0 {
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&format!(
                "[... {} bytes of output omitted ...]\n",
                self.omitted
            ));
        }
        let (front, back) = self.tail.as_slices();
        text.push_str(&String::from_utf8_lossy(&[front, back].concat()));
        CapturedOutput {
            text,
            omitted_bytes: self.omitted,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_goes_on_a_line_of_its_own() {
        let mut output = CapturedOutput {
            text: "partial".into(),
            omitted_bytes: 0,
        };
        output.append_note("cut here");
        assert_eq!(output.text, "partial\n[... cut here ...]\n");
        let mut empty = CapturedOutput::default();
        empty.append_note("nothing before");
        assert_eq!(empty.text, "[... nothing before ...]\n");
    }

    #[test]
    fn small_output_is_kept_whole() {
        let mut buffer = CapBuffer::new(16);
        buffer.push(b"hello ");
        buffer.push(b"world");
        assert_eq!(
            buffer.finish(),
            CapturedOutput {
                text: "hello world".into(),
                omitted_bytes: 0
            }
        );
    }

    #[test]
    fn a_flood_keeps_its_start_and_its_end_and_counts_the_rest() {
        let mut buffer = CapBuffer::new(8);
        // head keeps 2 bytes, tail keeps 6.
        for chunk in [&b"ab"[..], b"cdefgh", b"ijklmnop", b"qr"] {
            buffer.push(chunk);
        }
        let output = buffer.finish();
        assert_eq!(output.omitted_bytes, 18 - 8);
        assert_eq!(
            output.text,
            "ab\n[... 10 bytes of output omitted ...]\nmnopqr"
        );
    }
}
