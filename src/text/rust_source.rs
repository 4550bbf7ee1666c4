//! Facts about an exercise or solution file that need no compiler: where its
//! `#[cfg(test)] mod tests` block is, which tests that block declares,
//! whether the file has `fn main` and a `TODO` marker.
//!
//! `verify --pack` uses them to check the course; the engine uses them to
//! put the course's own tests block in place of the learner's
//! (`engine/source.rs`). Both read the file the same way, here.
//!
//! Comments, strings, raw strings and character literals are first blanked
//! out (replaced by spaces, newlines kept, so every byte offset and line
//! number stays valid), so a `}` or a `#[test]` inside any of them counts
//! for nothing. It is not a Rust parser and does not try to be one: it reads
//! the plain item syntax the course's files use.

use std::ops::Range;

/// The `#[cfg(test)] mod tests { ... }` block, from the attribute to the
/// closing brace, or `None` when the file has none.
pub fn tests_block(source: &str) -> Option<&str> {
    tests_block_range(source).map(|range| &source[range])
}

/// The byte range of the `#[cfg(test)] mod tests { ... }` block (from the
/// `#` of the attribute to the closing `}`, inclusive), or `None` when the
/// file has none or its braces never close. Other attributes may stand
/// between `#[cfg(test)]` and `mod`, and the module may be `pub`.
pub fn tests_block_range(source: &str) -> Option<Range<usize>> {
    let code = blank_non_code(source);
    let mut search_from = 0;
    while let Some(found) = find(&code[search_from..], b"#[cfg(test)]") {
        let start = search_from + found;
        let mut at = skip_space(&code, start + "#[cfg(test)]".len());
        // Further outer attributes (`#[allow(...)]`) on the same module.
        while code.get(at..at + 2) == Some(b"#[") {
            at = skip_space(&code, matching(&code, at + 1, b'[', b']')? + 1);
        }
        if let Some(after_pub) = keyword(&code, at, "pub") {
            at = skip_space(&code, after_pub);
        }
        if let Some(after_mod) = keyword(&code, at, "mod")
            && let Some(after_name) = keyword(&code, skip_space(&code, after_mod), "tests")
        {
            let open = skip_space(&code, after_name);
            if code.get(open) == Some(&b'{') {
                let close = matching(&code, open, b'{', b'}')?;
                return Some(start..close + 1);
            }
        }
        search_from = start + 1;
    }
    None
}

/// `source` with its tests block replaced by `block`, or, when it has none,
/// with `block` appended after one blank line (and a final newline). Also
/// returns the byte range `block` occupies in the result. Everything of
/// `source` before the block stays exactly where it was.
pub fn splice_tests_block(source: &str, block: &str) -> (String, Range<usize>) {
    match tests_block_range(source) {
        Some(range) => {
            let mut spliced = String::with_capacity(source.len() + block.len());
            spliced.push_str(&source[..range.start]);
            spliced.push_str(block);
            spliced.push_str(&source[range.end..]);
            (spliced, range.start..range.start + block.len())
        }
        None => {
            let mut spliced = source.to_owned();
            if !spliced.is_empty() && !spliced.ends_with('\n') {
                spliced.push('\n');
            }
            spliced.push('\n');
            let start = spliced.len();
            spliced.push_str(block);
            let end = spliced.len();
            if !block.ends_with('\n') {
                spliced.push('\n');
            }
            (spliced, start..end)
        }
    }
}

/// The tests a tests block declares, as the test harness names them:
/// `tests::sums_to_one`, or `tests::inner::sums_to_one` for a test in a
/// module nested inside it. `block` is a whole module (as
/// [`tests_block`] returns it); a function counts when `#[test]` is among
/// the attributes right before it. In the order they appear.
pub fn test_names(block: &str) -> Vec<String> {
    let code = blank_non_code(block);
    let tokens = tokens(&code);
    let mut names = Vec::new();
    // Open modules, each with the brace depth inside it.
    let mut modules: Vec<(&str, usize)> = Vec::new();
    let mut depth = 0_usize;
    let mut test_attribute = false;
    let mut index = 0;
    while index < tokens.len() {
        let token = tokens[index];
        match token {
            "#" if tokens.get(index + 1) == Some(&"[") => {
                let close = (index + 2..tokens.len())
                    .find(|&at| tokens[at] == "]")
                    .unwrap_or(tokens.len());
                if tokens[index + 2..close] == ["test"] {
                    test_attribute = true;
                }
                index = close + 1;
                continue;
            }
            "mod" if tokens.get(index + 2) == Some(&"{") => {
                depth += 1;
                modules.push((tokens[index + 1], depth));
                test_attribute = false;
                index += 3;
                continue;
            }
            "fn" => {
                if test_attribute && let Some(name) = tokens.get(index + 1) {
                    let path: Vec<&str> = modules.iter().map(|(module, _)| *module).collect();
                    names.push(format!("{}::{name}", path.join("::")));
                }
                test_attribute = false;
            }
            "{" => depth += 1,
            "}" => {
                if modules.last().is_some_and(|(_, inside)| *inside == depth) {
                    modules.pop();
                }
                depth = depth.saturating_sub(1);
            }
            ";" => test_attribute = false,
            _ => {}
        }
        index += 1;
    }
    names
}

/// Whether some line declares `fn main` (optionally `pub`).
pub fn has_main(source: &str) -> bool {
    source.lines().any(|line| {
        let line = line.trim_start();
        let line = line.strip_prefix("pub ").unwrap_or(line);
        line.strip_prefix("fn main")
            .is_some_and(|rest| rest.trim_start().starts_with('('))
    })
}

/// Whether the file has a `TODO` marker (in a comment, by convention `// TODO:`).
pub fn has_todo(source: &str) -> bool {
    source.contains("TODO")
}

/// `source` with every comment, string, raw string and character literal
/// replaced by spaces (newlines kept), byte for byte.
fn blank_non_code(source: &str) -> Vec<u8> {
    let bytes = source.as_bytes();
    let mut code = bytes.to_vec();
    let mut blank = |from: usize, to: usize| {
        for byte in &mut code[from..to.min(bytes.len())] {
            if *byte != b'\n' {
                *byte = b' ';
            }
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let end = match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                source[i..].find('\n').map_or(bytes.len(), |end| i + end)
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => skip_block_comment(bytes, i),
            b'"' => skip_string(bytes, i + 1),
            b'r' if is_raw_string_start(bytes, i) => skip_raw_string(bytes, i + 1),
            b'\'' => skip_char_or_lifetime(bytes, i),
            _ => {
                i += 1;
                continue;
            }
        };
        // A lifetime (`'a`) is code: only the quote is skipped.
        if !(bytes[i] == b'\'' && end == i + 1) {
            blank(i, end);
        }
        i = end.max(i + 1);
    }
    code
}

fn skip_block_comment(bytes: &[u8], start: usize) -> usize {
    let mut depth = 0;
    let mut i = start;
    while i + 1 < bytes.len() {
        if bytes[i] == b'/' && bytes[i + 1] == b'*' {
            depth += 1;
            i += 2;
        } else if bytes[i] == b'*' && bytes[i + 1] == b'/' {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    bytes.len()
}

/// From just after an opening `"` to just after the closing one.
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// `r"` or `r#...#"` not preceded by an identifier character (`br` counts).
fn is_raw_string_start(bytes: &[u8], i: usize) -> bool {
    let preceded_by_ident = i > 0
        && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_')
        && !(bytes[i - 1] == b'b' && (i < 2 || !bytes[i - 2].is_ascii_alphanumeric()));
    if preceded_by_ident {
        return false;
    }
    let mut j = i + 1;
    while bytes.get(j) == Some(&b'#') {
        j += 1;
    }
    bytes.get(j) == Some(&b'"')
}

/// From just after the `r` to just after the closing `"#...#`.
fn skip_raw_string(bytes: &[u8], mut i: usize) -> usize {
    let mut hashes = 0;
    while bytes.get(i) == Some(&b'#') {
        hashes += 1;
        i += 1;
    }
    i += 1; // the opening quote
    while i < bytes.len() {
        if bytes[i] == b'"'
            && bytes[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&b| b == b'#')
                .count()
                == hashes
        {
            return i + 1 + hashes;
        }
        i += 1;
    }
    bytes.len()
}

/// A char literal (`'x'`, `'\n'`, `'\u{1F600}'`, `'é'`) is skipped whole; a
/// lifetime (`'a`, also in `'a, 'b`) only by its quote.
fn skip_char_or_lifetime(bytes: &[u8], i: usize) -> usize {
    if bytes.get(i + 1) == Some(&b'\\') {
        let mut j = i + 2;
        while j < bytes.len() && bytes[j] != b'\'' {
            j += 1;
        }
        return j + 1;
    }
    // Exactly one character (1 to 4 bytes in UTF-8), then a closing quote.
    let width = match bytes.get(i + 1) {
        None => return i + 1,
        Some(&lead) if lead < 0x80 => 1,
        Some(&lead) if lead >= 0xF0 => 4,
        Some(&lead) if lead >= 0xE0 => 3,
        Some(_) => 2,
    };
    if bytes.get(i + 1 + width) == Some(&b'\'') {
        i + 2 + width
    } else {
        i + 1
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn skip_space(code: &[u8], mut at: usize) -> usize {
    while code.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

/// Just after `word` when it stands at `at` as a whole word.
fn keyword(code: &[u8], at: usize, word: &str) -> Option<usize> {
    let end = at + word.len();
    let whole = code.get(at..end) == Some(word.as_bytes())
        && !code.get(end).is_some_and(|&byte| is_ident_byte(byte));
    whole.then_some(end)
}

/// The index of the `close` that balances the `open` at `at` (in code
/// already blanked, so every bracket counts).
fn matching(code: &[u8], at: usize, open: u8, close: u8) -> Option<usize> {
    let mut depth = 0_usize;
    for (index, &byte) in code.iter().enumerate().skip(at) {
        if byte == open {
            depth += 1;
        } else if byte == close {
            depth -= 1;
            if depth == 0 {
                return Some(index);
            }
        }
    }
    None
}

fn is_ident_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || !byte.is_ascii()
}

/// Identifiers (and keywords) as one token each, every other non-space
/// byte as a token of its own.
fn tokens(code: &[u8]) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < code.len() {
        let start = i;
        if is_ident_byte(code[i]) {
            while i < code.len() && is_ident_byte(code[i]) {
                i += 1;
            }
        } else {
            i += 1;
            if code[start].is_ascii_whitespace() {
                continue;
            }
        }
        // Blanking keeps the text valid UTF-8: only whole literals and
        // comments became spaces, and identifiers end on ASCII.
        if let Ok(token) = std::str::from_utf8(&code[start..i]) {
            tokens.push(token);
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    const WITH_LITERALS: &str = r##"use typed_ai::Vector;

fn main() {}

#[cfg(test)]
mod tests {
    use super::*;
    // a } in a comment, and a #[test] fn commented_out() {}
    /* and { in /* a nested */ block */
    #[test]
    fn braces_in_literals_do_not_count() {
        let _ = "}\"}";
        let _ = r#"}"}"#;
        let _ = '}';
        let _ = '\'';
        let _: &'static str = "#[test] fn in_a_string() {}";
    }
}

fn after() {}
"##;

    #[test]
    fn the_tests_block_runs_from_the_attribute_to_its_own_closing_brace() {
        let block = tests_block(WITH_LITERALS).expect("a tests block");
        assert!(block.starts_with("#[cfg(test)]\nmod tests {"));
        assert!(
            block.ends_with("let _: &'static str = \"#[test] fn in_a_string() {}\";\n    }\n}"),
            "{block}"
        );
        let range = tests_block_range(WITH_LITERALS).unwrap();
        assert_eq!(&WITH_LITERALS[range.clone()], block);
        assert!(WITH_LITERALS[range.end..].starts_with("\n\nfn after()"));
    }

    #[test]
    fn a_file_without_a_tests_module_has_no_block() {
        assert_eq!(
            tests_block("fn main() {}\n#[cfg(test)]\nfn helper() {}\n"),
            None
        );
        assert_eq!(tests_block("fn main() {}\n"), None);
        assert_eq!(
            tests_block("// #[cfg(test)]\n// mod tests {}\n"),
            None,
            "a commented-out block is no block"
        );
        assert_eq!(
            tests_block("#[cfg(test)]\nmod tests {\n    fn open() {\n"),
            None,
            "braces that never close"
        );
    }

    #[test]
    fn attributes_and_pub_may_stand_between_cfg_test_and_mod() {
        let source = "fn main() {}\n#[cfg(test)]\n#[allow(clippy::float_cmp)]\npub mod tests {\n    #[test]\n    fn a() {}\n}\n";
        let block = tests_block(source).expect("a tests block");
        assert!(block.starts_with("#[cfg(test)]\n#[allow("), "{block}");
        assert!(block.ends_with("fn a() {}\n}"), "{block}");
        assert_eq!(tests_block("#[cfg(test)]\nmod testsuite {}\n"), None);
    }

    #[test]
    fn a_spliced_block_replaces_the_old_one_or_comes_last() {
        let block = "#[cfg(test)]\nmod tests {\n    #[test]\n    fn a() {}\n}";
        let (spliced, range) = splice_tests_block(WITH_LITERALS, block);
        assert_eq!(&spliced[range.clone()], block);
        assert!(spliced.starts_with(&WITH_LITERALS[..range.start]));
        assert!(spliced.ends_with("}\n\nfn after() {}\n"), "{spliced}");
        let (appended, range) = splice_tests_block("fn main() {}", block);
        assert_eq!(appended, format!("fn main() {{}}\n\n{block}\n"));
        assert_eq!(&appended[range], block);
    }

    #[test]
    fn test_names_are_the_harness_names_of_the_test_functions() {
        let block = tests_block(WITH_LITERALS).unwrap();
        assert_eq!(
            test_names(block),
            ["tests::braces_in_literals_do_not_count"]
        );
        let nested = "#[cfg(test)]\nmod tests {\n    use super::*;\n\n    fn helper() -> u8 { 1 }\n\n    #[test]\n    #[should_panic(expected = \"x\")]\n    fn first() {}\n\n    mod inner {\n        #[test]\n        fn second() { let _ = [0_u8; 2]; }\n    }\n\n    #[test]\n    fn third() {}\n}";
        assert_eq!(
            test_names(nested),
            ["tests::first", "tests::inner::second", "tests::third"]
        );
        assert!(test_names("#[cfg(test)]\nmod tests {}").is_empty());
    }

    #[test]
    fn main_is_found_with_or_without_pub_and_a_return_type() {
        assert!(has_main("fn main() -> MlResult<()> {\n"));
        assert!(has_main("    pub fn main () {}"));
        assert!(!has_main("fn main_helper() {}\n// fn maintain\n"));
        assert!(has_todo("// TODO: fix the type"));
        assert!(!has_todo("// done"));
    }

    #[test]
    fn blanking_keeps_offsets_lines_and_lifetimes() {
        let source = "fn f<'a, 'b>(s: &'a str) { let t = \"x}\"; } // é }\nlet c = 'é';\n";
        let code = blank_non_code(source);
        assert_eq!(code.len(), source.len());
        let code = String::from_utf8(code).unwrap();
        assert_eq!(code.lines().count(), 2);
        assert!(
            code.starts_with("fn f<'a, 'b>(s: &'a str) { let t ="),
            "{code}"
        );
        assert_eq!(code.matches('}').count(), 1, "{code}");
        assert!(!code.contains('é'), "{code}");
    }
}
