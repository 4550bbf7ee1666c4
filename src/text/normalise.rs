//! Text normalisation for matching compiler and program output against the
//! fragments authors write in info.toml: ANSI codes removed, crate paths
//! stripped (`typed_ai::domain::Vector` -> `Vector`), whitespace folded.
//!
//! The same normalisation is applied to both sides, so an author may write a
//! fragment with or without paths, on one line or several.

use std::borrow::Cow;

use super::escapes::{Token, scan};

/// Removes ANSI escape sequences: CSI (`ESC [ ... final`), OSC (`ESC ] ...
/// BEL`, e.g. hyperlinks) and the short ones such as `ESC ( B`, which the test
/// harness's terminfo colours end with (read by `escapes.rs`). Every other
/// character is kept.
pub fn strip_ansi(text: &str) -> Cow<'_, str> {
    if !text.contains('\u{1b}') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        scan(text)
            .filter_map(|token| match token {
                Token::Char(c) => Some(c),
                Token::Sgr(_) => None,
            })
            .collect(),
    )
}

/// Removes module paths before names: `typed_ai::domain::Vector` -> `Vector`,
/// `std::result::Result<T, E>` -> `Result<T, E>`, `typed_ai::Morphism::apply`
/// -> `Morphism::apply`. A segment counts as a module when it starts with a
/// lowercase letter or `_` and is followed by `::` and another name (so
/// turbofish `parse::<f32>` and type-qualified `Vector::new` stay as written).
pub fn strip_crate_paths(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || !is_ident_byte(bytes[i - 1]);
        if starts_word && (bytes[i].is_ascii_lowercase() || bytes[i] == b'_') {
            let mut end = i;
            while end < bytes.len() && is_ident_byte(bytes[end]) {
                end += 1;
            }
            let followed_by_name = bytes.get(end..end + 2) == Some(b"::")
                && bytes.get(end + 2).is_some_and(|&next| is_ident_byte(next));
            if followed_by_name {
                i = end + 2;
                continue;
            }
            out.push_str(&text[i..end]);
            i = end;
            continue;
        }
        let char_len = text[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&text[i..i + char_len]);
        i += char_len;
    }
    out
}

fn is_ident_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// Every run of whitespace becomes one space; no leading or trailing space.
pub fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// ANSI stripped, crate paths stripped, whitespace folded.
pub fn normalize(text: &str) -> String {
    fold_whitespace(&strip_crate_paths(&strip_ansi(text)))
}

/// Whether the already-normalised `haystack` contains every fragment (each normalised).
pub fn contains_all(normalized_haystack: &str, fragments: &[String]) -> bool {
    fragments
        .iter()
        .all(|fragment| normalized_haystack.contains(&normalize(fragment)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ansi_sequences_are_removed() {
        assert_eq!(
            strip_ansi("\u{1b}[0m\u{1b}[1m\u{1b}[38;5;9merror[E0308]\u{1b}[0m: x"),
            "error[E0308]: x"
        );
        assert_eq!(
            strip_ansi("a\u{1b}]8;;file:///x\u{1b}\\link\u{1b}]8;;\u{1b}\\b"),
            "alinkb"
        );
        assert_eq!(strip_ansi("ok\u{1b}(B\u{1b}[m done"), "ok done");
        assert!(matches!(strip_ansi("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn crate_paths_are_stripped_but_types_and_turbofish_stay() {
        assert_eq!(
            strip_crate_paths("expected `typed_ai::domain::Vector`, found `Logits`"),
            "expected `Vector`, found `Logits`"
        );
        assert_eq!(strip_crate_paths("typed_ai::Vector"), "Vector");
        assert_eq!(
            strip_crate_paths("std::result::Result<typed_ai::Loss, typed_ai::error::MlError>"),
            "Result<Loss, MlError>"
        );
        assert_eq!(
            strip_crate_paths("Vector::new(vec![1.0])"),
            "Vector::new(vec![1.0])"
        );
        assert_eq!(
            strip_crate_paths("typed_ai::category::Morphism::apply"),
            "Morphism::apply"
        );
        assert_eq!(
            strip_crate_paths("\"3\".parse::<f32>()"),
            "\"3\".parse::<f32>()"
        );
        assert_eq!(strip_crate_paths("crate::tests::helper()"), "helper()");
    }

    #[test]
    fn normalisation_folds_whitespace_and_applies_to_fragments_too() {
        let rendered = "error[E0308]: mismatched types\n  |\n5 |     let d: Distribution = logits;\n  |            ------------   ^^^^^^ expected `typed_ai::domain::Distribution`, found `Logits`\n";
        let haystack = normalize(rendered);
        assert!(contains_all(
            &haystack,
            &["expected `Distribution`, found `Logits`".to_owned()]
        ));
        assert!(contains_all(
            &haystack,
            &["expected `typed_ai::Distribution`,\n found `Logits`".to_owned()]
        ));
        assert!(!contains_all(&haystack, &["found `Vector`".to_owned()]));
        assert!(contains_all(&haystack, &[]));
    }
}
