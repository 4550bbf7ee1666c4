//! Words a learner pastes into a shell: a path shown inside a command line
//! ("Next: cd my course && ...") must survive the paste whole.

use std::borrow::Cow;

/// `word` as one shell word: unchanged when it has nothing a shell would
/// split or expand, else quoted (POSIX single quotes; double quotes on
/// Windows, where `cmd` and PowerShell read those).
pub fn shell_quote(word: &str) -> Cow<'_, str> {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./,:@%+=".contains(c) || !c.is_ascii());
    if plain {
        return Cow::Borrowed(word);
    }
    if cfg!(windows) {
        Cow::Owned(format!("\"{word}\""))
    } else {
        Cow::Owned(format!("'{}'", word.replace('\'', r"'\''")))
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn only_words_a_shell_would_change_are_quoted() {
        assert_eq!(shell_quote("learn"), "learn");
        assert_eq!(
            shell_quote("../courses/typed-ai_1.0"),
            "../courses/typed-ai_1.0"
        );
        assert_eq!(shell_quote("Kurs für KI"), "'Kurs für KI'");
        assert_eq!(shell_quote("my course"), "'my course'");
        assert_eq!(shell_quote("it's $HOME"), r"'it'\''s $HOME'");
        assert_eq!(shell_quote("a;rm -rf ~"), "'a;rm -rf ~'");
        assert_eq!(shell_quote(""), "''");
    }
}
