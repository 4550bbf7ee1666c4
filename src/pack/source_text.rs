//! Text checks on an exercise or solution file that need no compiler: its
//! `#[cfg(test)] mod tests` block, whether it has `fn main`, whether it has a
//! `TODO` marker.
//!
//! The block is found with a small scanner that skips comments, strings,
//! raw strings and character literals, so a `}` inside any of them does not
//! end it. It is not a Rust parser and does not try to be one.

/// The `#[cfg(test)] mod tests { ... }` block, from the attribute to the
/// closing brace, or `None` when the file has none.
pub fn tests_block(source: &str) -> Option<&str> {
    let mut search_from = 0;
    while let Some(found) = source[search_from..].find("#[cfg(test)]") {
        let start = search_from + found;
        let after = &source[start + "#[cfg(test)]".len()..];
        let item = after.trim_start();
        let item = item.strip_prefix("pub ").unwrap_or(item).trim_start();
        if let Some(rest) = item.strip_prefix("mod")
            && let Some(rest) = rest.trim_start().strip_prefix("tests")
            && rest.trim_start().starts_with('{')
        {
            let open = source.len() - rest.trim_start().len();
            let close = matching_brace(source, open)?;
            return Some(&source[start..=close]);
        }
        search_from = start + 1;
    }
    None
}

/// The byte index of the `}` that closes the `{` at `open`.
fn matching_brace(source: &str, open: usize) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut depth = 0_usize;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = source[i..].find('\n').map_or(bytes.len(), |end| i + end);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = skip_block_comment(bytes, i);
                continue;
            }
            b'"' => {
                i = skip_string(bytes, i + 1);
                continue;
            }
            b'r' if is_raw_string_start(bytes, i) => {
                i = skip_raw_string(bytes, i + 1);
                continue;
            }
            b'\'' => {
                i = skip_char_or_lifetime(bytes, i);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
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
/// lifetime (`'a`) only by its quote.
fn skip_char_or_lifetime(bytes: &[u8], i: usize) -> usize {
    if bytes.get(i + 1) == Some(&b'\\') {
        let mut j = i + 2;
        while j < bytes.len() && bytes[j] != b'\'' {
            j += 1;
        }
        return j + 1;
    }
    // One character (1 to 4 bytes in UTF-8), then a closing quote.
    for width in 1..=4 {
        if bytes.get(i + 1 + width) == Some(&b'\'') {
            return i + 2 + width;
        }
    }
    i + 1
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tests_block_runs_from_the_attribute_to_its_own_closing_brace() {
        let source = r##"use typed_ai::Vector;

fn main() {}

#[cfg(test)]
mod tests {
    use super::*;
    // a } in a comment
    /* and { in /* a nested */ block */
    #[test]
    fn braces_in_literals_do_not_count() {
        let _ = "}\"}";
        let _ = r#"}"}"#;
        let _ = '}';
        let _ = '\'';
        let _: &'static str = "x";
    }
}

fn after() {}
"##;
        let block = tests_block(source).expect("a tests block");
        assert!(block.starts_with("#[cfg(test)]\nmod tests {"));
        assert!(
            block.ends_with("let _: &'static str = \"x\";\n    }\n}"),
            "{block}"
        );
    }

    #[test]
    fn a_file_without_a_tests_module_has_no_block() {
        assert_eq!(
            tests_block("fn main() {}\n#[cfg(test)]\nfn helper() {}\n"),
            None
        );
        assert_eq!(tests_block("fn main() {}\n"), None);
    }

    #[test]
    fn main_is_found_with_or_without_pub_and_a_return_type() {
        assert!(has_main("fn main() -> MlResult<()> {\n"));
        assert!(has_main("    pub fn main () {}"));
        assert!(!has_main("fn main_helper() {}\n// fn maintain\n"));
        assert!(has_todo("// TODO: fix the type"));
        assert!(!has_todo("// done"));
    }
}
