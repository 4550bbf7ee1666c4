//! The one reader of terminal escape sequences: text is split into colour
//! codes (SGR, `ESC [ ... m`), characters, and everything else a terminal
//! would act on, which is dropped. Stripping for matching (`normalise.rs`),
//! fitting to the watch screen (`layout.rs`) and making a program's output
//! safe to print ([`sanitize`]) all read escapes here, so they agree on what
//! an escape is.
//!
//! What counts as one sequence: CSI (`ESC [`, parameters and intermediates,
//! one final byte in `@..=~`); OSC (`ESC ]` up to BEL or `ESC \`: titles,
//! links, the clipboard); any other escape (`ESC ( B`, which the test
//! harness's colours end with under some terminfo entries: intermediate
//! bytes `0x20..=0x2F`, then one final byte). A lone `ESC` at the end is
//! dropped.

/// One piece of scanned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Token<'a> {
    /// A colour code, `ESC [ ... m`, as written.
    Sgr(&'a str),
    /// A character outside any escape (control characters included; what
    /// to do with them is the caller's choice).
    Char(char),
}

/// The colour codes and characters of `text`, every other escape sequence
/// left out.
pub(super) fn scan(text: &str) -> impl Iterator<Item = Token<'_>> {
    Scanner {
        text,
        chars: text.char_indices().peekable(),
    }
}

struct Scanner<'a> {
    text: &'a str,
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
}

impl<'a> Iterator for Scanner<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let (start, c) = self.chars.next()?;
            if c != '\u{1b}' {
                return Some(Token::Char(c));
            }
            match self.chars.peek().map(|&(_, next)| next) {
                Some('[') => {
                    self.chars.next();
                    let mut end = self.text.len();
                    let mut last = '\0';
                    for (at, c) in self.chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            end = at + c.len_utf8();
                            last = c;
                            break;
                        }
                    }
                    if last == 'm' {
                        return Some(Token::Sgr(&self.text[start..end]));
                    }
                }
                Some(']') => {
                    self.chars.next();
                    while let Some((_, c)) = self.chars.next() {
                        if c == '\u{7}' {
                            break;
                        }
                        if c == '\u{1b}' {
                            self.chars.next_if(|&(_, next)| next == '\\');
                            break;
                        }
                    }
                }
                _ => {
                    while self
                        .chars
                        .next_if(|&(_, next)| (' '..='/').contains(&next))
                        .is_some()
                    {}
                    self.chars.next();
                }
            }
        }
    }
}

/// `text` made safe to print on a terminal: colour codes kept when
/// `colour` (else dropped), line breaks and tabs kept, every other escape
/// sequence and control character dropped. A program's output can then not
/// set the clipboard (OSC 52) or the window title, clear the screen or move
/// the cursor; only colour gets through.
pub fn sanitize(text: &str, colour: bool) -> String {
    let mut safe = String::with_capacity(text.len());
    for token in scan(text) {
        match token {
            Token::Sgr(code) if colour => safe.push_str(code),
            Token::Sgr(_) => {}
            Token::Char(c) if c == '\n' || c == '\t' || !c.is_control() => safe.push(c),
            Token::Char(_) => {}
        }
    }
    safe
}

#[cfg(test)]
mod tests {
    use super::*;

    const RED: &str = "\u{1b}[31m";
    const RESET: &str = "\u{1b}[0m";

    #[test]
    fn only_colour_survives_of_what_a_program_can_ask_a_terminal() {
        let hostile = format!(
            "{RED}loss{RESET} = 0.5\n\
             \u{1b}]52;c;c2VjcmV0\u{7}clipboard\n\
             \u{1b}]0;a title\u{1b}\\title\n\
             \u{1b}[2J\u{1b}[Hcleared\r\n\
             tab\there\u{8}\u{7}\n\
             FAILED\u{1b}(B\u{1b}[m\n"
        );
        assert_eq!(
            sanitize(&hostile, true),
            format!(
                "{RED}loss{RESET} = 0.5\nclipboard\ntitle\ncleared\ntab\there\nFAILED\u{1b}[m\n"
            )
        );
        assert_eq!(
            sanitize(&hostile, false),
            "loss = 0.5\nclipboard\ntitle\ncleared\ntab\there\nFAILED\n"
        );
    }

    #[test]
    fn a_sequence_cut_off_at_the_end_is_dropped_whole() {
        assert_eq!(sanitize("ok\u{1b}[31", true), "ok");
        assert_eq!(sanitize("ok\u{1b}]52;c;abc", true), "ok");
        assert_eq!(sanitize("ok\u{1b}", true), "ok");
    }
}
