//! The text compiled for one course obligation: the learner's file as it
//! is, then the `must_not_compile` snippet in a function of its own, so
//! every item of the file is in scope and the snippet may use `?` on the
//! library's results.
//!
//! ```text
//! <the learner's file, every line where it was>
//!
//! fn must_not_compile_<name>() -> <snippet_returns> {
//! <the snippet, its lines recorded as the misuse's region>
//!     #[allow(unreachable_code)]
//!     Ok(())
//! }
//! ```
//!
//! The function's return type is the course's `snippet_returns` (info.toml),
//! so it comes from the course's library and is not written here. Pure
//! text work, appended after everything as the engine's derived source
//! appends its parts (a snippet is one more part of the learner's text);
//! writing it out and compiling it is `course.rs`'s.

use super::judge::Region;

/// The text to compile and where the snippet lies in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnippetSource {
    /// The learner's text with the snippet's function after it.
    pub text: String,
    /// The snippet's own lines: an error there is about the misuse.
    pub region: Region,
}

/// The learner's `text` with `snippet` appended in a function named after
/// the obligation `name`, returning `returns`.
pub fn snippet_source(text: &str, name: &str, snippet: &str, returns: &str) -> SnippetSource {
    let mut derived = String::with_capacity(text.len() + snippet.len() + 160);
    derived.push_str(text);
    if !derived.is_empty() && !derived.ends_with('\n') {
        derived.push('\n');
    }
    derived.push('\n');
    derived.push_str(&format!("fn must_not_compile_{name}() -> {returns} {{\n"));
    let first = derived.lines().count() + 1;
    let snippet = snippet.trim_matches('\n');
    for line in snippet.lines() {
        derived.push_str(line);
        derived.push('\n');
    }
    let last = first + snippet.lines().count().max(1) - 1;
    derived.push_str("    #[allow(unreachable_code)]\n    Ok(())\n}\n");
    SnippetSource {
        text: derived,
        region: Region { first, last },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_follows_the_file_in_its_own_function() {
        let learner = "struct TokenId(usize);\nfn main() {}";
        let derived = snippet_source(
            learner,
            "raw_index",
            "\nlet _t: TokenId = 3;\nlet _u = 4;\n",
            "typed_ai::MlResult<()>",
        );
        assert_eq!(
            derived.text,
            "struct TokenId(usize);\nfn main() {}\n\n\
             fn must_not_compile_raw_index() -> typed_ai::MlResult<()> {\n\
             let _t: TokenId = 3;\nlet _u = 4;\n    #[allow(unreachable_code)]\n    Ok(())\n}\n"
        );
        // The learner's two lines, a blank one, the function's first line,
        // then the snippet on lines 5 and 6.
        assert_eq!(derived.region, Region { first: 5, last: 6 });
        let lines: Vec<&str> = derived.text.lines().collect();
        assert_eq!(lines[4], "let _t: TokenId = 3;");
        assert_eq!(lines[5], "let _u = 4;");
    }

    #[test]
    fn a_file_ending_in_a_newline_keeps_its_line_numbers() {
        let derived = snippet_source("fn main() {}\n", "x", "let _ = 1;", "Result<(), ()>");
        assert!(
            derived
                .text
                .starts_with("fn main() {}\n\nfn must_not_compile_x()")
        );
        assert_eq!(derived.region, Region { first: 4, last: 4 });
    }
}
