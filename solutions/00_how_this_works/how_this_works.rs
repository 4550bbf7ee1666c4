// Chapter 0.1: how this course works
//
// Every exercise is a small Rust file that does not work yet. You fix it,
// and the runner checks it: in watch mode (`cargo run --release` in the
// repository, or `typed-ai-rustlings` in a course folder) every time you
// save; without watch, each time you type `typed-ai-rustlings run` (in the
// repository: `cargo run --release -- run`).
//
// 1. Edit this file in your editor and save it (outside watch mode, then
//    type `run` as above).
// 2. If it does not compile, read the compiler's error: rustc says where the
//    problem is, what it expected and what it found. Under the error the
//    runner prints a hint written for this exercise.
// 3. Once the file compiles, the tests in `mod tests` at the bottom run. The
//    tests are the definition of done: fix the code, never the tests. A fix
//    that compiles is not always right: a failing test says which number it
//    expected, and why.
// 4. Stuck? Ask for the next hint: press `h` in watch mode, or type
//    `typed-ai-rustlings hint` (`cargo run --release -- hint`), which reveals
//    the next one below those you have seen. There are three, each more
//    direct than the last.
// 5. When every test passes, the runner writes a reference solution to
//    `solutions/00_how_this_works/how_this_works.rs` so you can compare, and
//    moves you to the next exercise.
//
// The exercise itself: a character-level language model reads text one
// character at a time. Each distinct character is one token, the list of
// them is the vocabulary, and its size is the first number a model needs,
// because the model outputs one score per vocabulary entry. `vocab_size`
// should return that size, but it returns something else.

/// The vocabulary of `text`: each distinct character once, in sorted order.
/// A character's position in this list is its token id.
fn vocabulary(text: &str) -> Vec<char> {
    let mut characters: Vec<char> = text.chars().collect();
    characters.sort_unstable();
    characters.dedup();
    characters
}

/// How many tokens a model of `text` needs: one per vocabulary entry.
fn vocab_size(text: &str) -> usize {
    // The vocabulary lists each distinct character once, so its length is the
    // number of tokens; the text's own length would count "l" twice.
    vocabulary(text).len()
}

fn main() {
    let text = "hello";
    println!(
        "{text:?} has the vocabulary {:?}: a model of it needs {} tokens",
        vocabulary(text),
        vocab_size(text)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hello_needs_four_tokens() {
        assert_eq!(
            vocab_size("hello"),
            4,
            "\"hello\" has 5 characters but only 4 distinct ones, e, h, l and o: \
             the vocabulary lists each character once, however often it occurs"
        );
    }

    #[test]
    fn a_two_letter_text_needs_two_tokens() {
        assert_eq!(
            vocab_size("abba"),
            2,
            "\"abba\" is written with a and b only: a vocabulary of 2 tokens"
        );
    }
}

// Wrong fixes this file's tests reject: `text.len()` and `text.chars().count()`
// (5 for "hello": they count characters of the text, repeats included, not
// distinct tokens).
