//! A problem found in a course file, located by file, line, column and field.
//!
//! Owns turning toml's byte spans into `file:line:col` and the list type that
//! reports every problem at once. It does not decide what is a problem: the
//! loader does.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One thing wrong with a course file, where it is and which field it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file the problem is in (as given to the loader).
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// The field concerned, e.g. `exercises[2].hints` or `exercise \`passes\`.path`.
    pub field: String,
    /// What is wrong and, where it helps, what was expected.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.field,
            self.message
        )
    }
}

/// Every problem found in one course, in file order; never empty when returned
/// as an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.0.len();
        write!(
            f,
            "{count} problem{} in the course manifest:",
            if count == 1 { "" } else { "s" }
        )?;
        for problem in &self.0 {
            write!(f, "\n  {problem}")?;
        }
        Ok(())
    }
}

/// Maps byte offsets of one text to 1-based lines and columns.
pub(crate) struct Locator<'a> {
    file: &'a Path,
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> Locator<'a> {
    /// Indexes the line starts of `text`, which was read from `file`.
    pub(crate) fn new(file: &'a Path, text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Self {
            file,
            text,
            line_starts,
        }
    }

    /// A problem located at the start of `span` (clamped to the text).
    pub(crate) fn problem(
        &self,
        span: Range<usize>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Problem {
        let (line, column) = self.line_column(span.start);
        Problem {
            file: self.file.to_path_buf(),
            line,
            column,
            field: field.into(),
            message: message.into(),
        }
    }

    fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line_index = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts[line_index];
        // toml spans fall on character boundaries; `get` keeps a bad one from panicking.
        let column = self
            .text
            .get(line_start..offset)
            .map_or(1, |prefix| prefix.chars().count() + 1);
        (line_index + 1, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_one_based_lines_and_character_columns() {
        let text = "a = 1\nbé = 2\n\nc = 3";
        let locator = Locator::new(Path::new("info.toml"), text);
        assert_eq!(locator.line_column(0), (1, 1));
        assert_eq!(locator.line_column(4), (1, 5));
        assert_eq!(locator.line_column(6), (2, 1));
        // "bé = " is 6 bytes but 5 characters: the column counts characters.
        assert_eq!(locator.line_column(6 + "bé = ".len()), (2, 6));
        assert_eq!(locator.line_column(text.len()), (4, 6));
    }

    #[test]
    fn a_problem_prints_as_file_line_column_field_message() {
        let locator = Locator::new(Path::new("info.toml"), "x = 1\ny = 2\n");
        let problem = locator.problem(6..7, "y", "unknown field");
        assert_eq!(problem.to_string(), "info.toml:2:1: y: unknown field");
    }
}
