// Chapter 0: how this course works
//
// Every exercise is a small Rust file that does not work yet. You fix it,
// and the runner checks it every time you save:
//
// 1. Edit this file in your editor and save it.
// 2. Read the compiler's error: rustc says where the problem is and what it
//    expected to find. Under the error the runner prints a hint written for
//    this exercise.
// 3. Still stuck? Press `h` in the runner for the next hint. There are three,
//    each more direct than the last.
// 4. Once the file compiles, the tests in `mod tests` at the bottom run. The
//    tests are the definition of done: fix the code, never the tests.
// 5. When every test passes, the runner writes a reference solution to
//    `solutions/00_how_this_works/how_this_works.rs` so you can compare, and
//    moves you to the next exercise.
//
// The exercise itself: a character-level language model gives every distinct
// character of its text a number, its token id. The list of those characters
// is the vocabulary, and its size is the first number a model needs, because
// the model outputs one score per vocabulary entry. `vocab_size` should
// return that size, but it returns something else.

/// The vocabulary of the text "hello": each distinct character once, in
/// sorted order. A character's position in this list is its token id.
const HELLO_VOCABULARY: [char; 4] = ['e', 'h', 'l', 'o'];

/// How many distinct tokens `vocabulary` holds.
fn vocab_size(vocabulary: &[char]) -> usize {
    // TODO: the signature promises a number. What is returned instead?
    vocabulary
}

fn main() {
    println!(
        "the vocabulary {HELLO_VOCABULARY:?} has {} tokens",
        vocab_size(&HELLO_VOCABULARY)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hello_needs_four_tokens() {
        assert_eq!(
            vocab_size(&HELLO_VOCABULARY),
            4,
            "\"hello\" uses the characters e, h, l and o: a vocabulary of 4 tokens"
        );
    }

    #[test]
    fn a_two_letter_alphabet_has_two_tokens() {
        assert_eq!(
            vocab_size(&['a', 'b']),
            2,
            "a text written only with a and b has a vocabulary of 2 tokens"
        );
    }
}
