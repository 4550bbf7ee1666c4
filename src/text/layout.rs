//! Fitting text to the terminal: wrapping coloured lines to a width,
//! cutting a line with an ellipsis, and making untrusted output safe.
//!
//! rustc's rendered diagnostics and the test harness's output carry SGR
//! colour codes; a learner's program may print anything, including cursor
//! movements that would garble the screen. Everything shown goes through
//! [`wrap`] or [`cut`], which keep colour codes (re-opened on continuation
//! rows, closed at the end of each row) and drop every other escape and
//! control character, so each returned row occupies exactly one terminal row.
//! Widths are in terminal columns (`unicode-width`). Pure; no terminal I/O.

use unicode_width::UnicodeWidthChar;

use super::escapes::{Token, scan};

/// One piece of a line: a colour code, or a character and its width.
enum Piece<'a> {
    Style(&'a str),
    Char(char, usize),
}

/// Splits `line` into colour codes and printable characters, dropping every
/// other escape sequence (`escapes.rs` reads them) and control character; a
/// tab becomes spaces.
fn pieces(line: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::with_capacity(line.len());
    for token in scan(line) {
        match token {
            Token::Sgr(code) => pieces.push(Piece::Style(code)),
            Token::Char('\t') => {
                for _ in 0..4 {
                    pieces.push(Piece::Char(' ', 1));
                }
            }
            Token::Char(c) => {
                if let Some(width) = c.width()
                    && !c.is_control()
                {
                    pieces.push(Piece::Char(c, width));
                }
            }
        }
    }
    pieces
}

/// Whether an SGR sequence starts by resetting every attribute
/// (`ESC[m`, `ESC[0m`, `ESC[0;1m`).
fn resets(sequence: &str) -> bool {
    let params = &sequence[2..sequence.len() - 1];
    params.is_empty() || params == "0" || params.starts_with("0;")
}

const RESET: &str = "\u{1b}[0m";

/// Where the rows of a wrapped line start: indexes into `pieces`, each with
/// whether the piece there is the space the row broke at (and is dropped).
///
/// A row breaks at its last space when the text before that space fills more
/// than half the width, so a long label ("expected `usize` because of return
/// type") wraps between words, while rustc's indentation and long words
/// still break at the width.
fn row_starts(pieces: &[Piece<'_>], width: usize) -> Vec<(usize, bool)> {
    let mut starts = Vec::new();
    let mut row_width = 0;
    // The last space in this row: its index and the row's width through it.
    let mut space: Option<(usize, usize)> = None;
    for (index, piece) in pieces.iter().enumerate() {
        let Piece::Char(c, char_width) = piece else {
            continue;
        };
        if row_width + char_width > width && row_width > 0 {
            if *c == ' ' {
                // The row is full exactly at a word's end: the space goes.
                starts.push((index, true));
                row_width = 0;
                space = None;
                continue;
            }
            match space {
                Some((at, through)) if through > width / 2 => {
                    starts.push((at, true));
                    row_width -= through;
                }
                _ => {
                    starts.push((index, false));
                    row_width = 0;
                }
            }
            space = None;
        }
        row_width += char_width;
        if *c == ' ' {
            space = Some((index, row_width));
        }
    }
    starts
}

/// `line` cut into rows of at most `width` columns, between words where a
/// row is long enough (see [`row_starts`]). With `styled`, colour codes are
/// kept, re-opened at the start of each continuation row and closed at the
/// end of every row; without, they are dropped. An empty line gives one
/// empty row.
pub fn wrap(line: &str, width: usize, styled: bool) -> Vec<String> {
    let width = width.max(1);
    let pieces = pieces(line);
    let mut starts = row_starts(&pieces, width).into_iter().peekable();
    let mut rows = Vec::new();
    let mut row = String::new();
    let mut active = String::new();
    let mut row_styled = false;
    for (index, piece) in pieces.into_iter().enumerate() {
        match piece {
            Piece::Style(sequence) => {
                if !styled {
                    continue;
                }
                if resets(sequence) {
                    active.clear();
                }
                active.push_str(sequence);
                row.push_str(sequence);
                row_styled = true;
            }
            Piece::Char(c, _) => {
                let mut dropped = false;
                if let Some((_, at_space)) = starts.next_if(|(start, _)| *start == index) {
                    if row_styled {
                        row.push_str(RESET);
                    }
                    rows.push(std::mem::take(&mut row));
                    row_styled = !active.is_empty();
                    row.push_str(&active);
                    dropped = at_space;
                }
                if !dropped {
                    row.push(c);
                }
            }
        }
    }
    if row_styled {
        row.push_str(RESET);
    }
    rows.push(row);
    rows
}

/// `line` as one row of at most `width` columns, ending in `…` when cut.
pub fn cut(line: &str, width: usize, styled: bool) -> String {
    if width == 0 {
        return String::new();
    }
    let fits = display_width(line) <= width;
    if !fits && width == 1 {
        return "…".to_owned();
    }
    let mut rows = wrap(line, if fits { width } else { width - 1 }, styled);
    let mut first = rows.swap_remove(0);
    if !fits {
        first.push('…');
    }
    first
}

/// The number of columns `text` occupies once escapes are removed.
pub fn display_width(text: &str) -> usize {
    pieces(text)
        .iter()
        .map(|piece| match piece {
            Piece::Char(_, width) => *width,
            Piece::Style(_) => 0,
        })
        .sum()
}

/// `text` wrapped at word boundaries to `width` columns (for prose: hints,
/// the welcome message, chapter intros); each paragraph line is wrapped on
/// its own and blank lines are kept. `indent` starts every continuation row.
pub fn wrap_words(text: &str, width: usize, indent: &str) -> Vec<String> {
    let width = width.max(1);
    let indent = if indent.len() * 2 > width { "" } else { indent };
    let mut rows = Vec::new();
    for paragraph in text.lines() {
        if paragraph.trim().is_empty() {
            rows.push(String::new());
            continue;
        }
        // Keep the paragraph's own leading spaces (e.g. list items).
        let lead: String = paragraph.chars().take_while(|c| *c == ' ').collect();
        let mut row = lead.clone();
        let mut row_width = display_width(&row);
        let mut fresh = true;
        for word in paragraph.split_whitespace() {
            let word_width = display_width(word);
            if !fresh && row_width + 1 + word_width > width {
                rows.push(std::mem::take(&mut row));
                row.push_str(indent);
                row.push_str(&lead);
                row_width = display_width(&row);
                fresh = true;
            }
            if !fresh {
                row.push(' ');
                row_width += 1;
            }
            row.push_str(word);
            row_width += word_width;
            fresh = false;
        }
        // A single word longer than the width is cut by the caller's `wrap`.
        rows.extend(
            wrap(&row, width, true)
                .into_iter()
                .filter(|piece| !piece.is_empty()),
        );
    }
    rows
}

/// Prose written with hard line breaks (a hint or an intro in info.toml)
/// as paragraphs that can be wrapped to any width: lines joined with a
/// space, blank lines kept as paragraph breaks.
pub fn reflow(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.trim().lines() {
        let line = line.trim();
        if line.is_empty() {
            blank = true;
            continue;
        }
        if blank {
            out.push_str("\n\n");
            blank = false;
        } else if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const RED: &str = "\u{1b}[31m";
    const BOLD: &str = "\u{1b}[1m";

    #[test]
    fn long_text_wraps_between_words() {
        let rows = wrap(
            "   |   ----- expected `usize` because of return type",
            40,
            true,
        );
        assert_eq!(
            rows,
            vec!["   |   ----- expected `usize` because of", "return type"]
        );
        // A space early in the row (indentation) is not a break point.
        assert_eq!(wrap("  abcdefgh", 6, true), vec!["  abcd", "efgh"]);
    }

    #[test]
    fn plain_text_wraps_at_the_width() {
        assert_eq!(wrap("abcdefgh", 3, true), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("", 3, true), vec![""]);
        assert_eq!(wrap("abc", 3, true), vec!["abc"]);
    }

    #[test]
    fn colour_is_closed_at_each_row_end_and_reopened_on_the_next() {
        let line = format!("{RED}{BOLD}abcd{RESET}ef");
        let rows = wrap(&line, 3, true);
        assert_eq!(
            rows,
            vec![
                format!("{RED}{BOLD}abc{RESET}"),
                format!("{RED}{BOLD}d{RESET}ef{RESET}"),
            ]
        );
        for row in &rows {
            assert_eq!(display_width(row), 3);
        }
    }

    #[test]
    fn without_style_colour_codes_are_dropped() {
        assert_eq!(
            wrap(&format!("{RED}ab{RESET}c"), 80, false),
            vec!["abc".to_owned()]
        );
    }

    #[test]
    fn cursor_movements_and_control_characters_from_a_program_are_dropped() {
        let hostile = "a\u{1b}[2J\u{1b}[10;10Hb\rc\u{7}d\u{1b}]0;title\u{7}e\u{8}f";
        assert_eq!(wrap(hostile, 80, true), vec!["abcdef".to_owned()]);
    }

    #[test]
    fn a_charset_escape_leaves_no_letter_behind() {
        // libtest's `FAILED` under TERM=tmux-256color ends with `ESC ( B`.
        let failed = "\u{1b}[31mFAILED\u{1b}(B\u{1b}[m";
        assert_eq!(wrap(failed, 80, false), vec!["FAILED".to_owned()]);
    }

    #[test]
    fn wide_characters_count_two_columns_and_are_never_split() {
        let rows = wrap("ab語cd", 3, false);
        assert_eq!(rows, vec!["ab", "語c", "d"]);
        assert_eq!(display_width("語"), 2);
        assert_eq!(display_width("─│"), 2);
    }

    #[test]
    fn cut_marks_what_it_removed() {
        assert_eq!(cut("abcdef", 4, false), "abc…");
        assert_eq!(cut("abcd", 4, false), "abcd");
        assert_eq!(cut("abcd", 0, false), "");
    }

    #[test]
    fn reflow_joins_hard_wrapped_lines_and_keeps_paragraphs() {
        assert_eq!(
            reflow("\n`vocab_size` is declared\nto return a count.\n\nSecond   paragraph.\n"),
            "`vocab_size` is declared to return a count.\n\nSecond   paragraph."
        );
    }

    #[test]
    fn words_wrap_at_spaces_and_paragraphs_keep_their_indent() {
        let text = "one two three four\n\n  - a list item that wraps";
        assert_eq!(
            wrap_words(text, 10, ""),
            vec![
                "one two",
                "three four",
                "",
                "  - a list",
                "  item",
                "  that",
                "  wraps"
            ]
        );
        assert_eq!(
            wrap_words("hint: go look at the line", 12, "      "),
            vec!["hint: go", "      look", "      at the", "      line"]
        );
    }
}
