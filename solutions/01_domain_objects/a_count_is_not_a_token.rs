// Chapter 1.2: a count is not a token (a design exercise)
//
// The simplest language model is the unigram model: count how often each
// token occurs in the training text and predict the most frequent one. Its
// code handles two kinds of `usize` side by side: token ids (positions in
// the vocabulary) and counts (how many times a token occurred).
//
// This file declares `type TokenId = usize;`. A type alias is only a second
// name: to the compiler both sides are `usize`, so a count fits wherever a
// token id is expected. `most_frequent` returns one, and only a test notices.
//
// In a design exercise you change a type, not a value, so that the mistake
// can no longer be written. Fix this one in two steps:
// 1. Make a count unable to pass for a token id: replace the alias with a
//    type of its own. The library's `typed_ai::TokenId` is one (a struct
//    with a private field: built with `TokenId::new(usize)`, read with
//    `.index()`). rustc then points at every line where a `usize` and a
//    token id meet; at each one, decide which of the two the number is.
// 2. Fix the line that returned a count.
// Fixing only the returned value makes the tests pass but leaves the trap
// open: the course also checks that, once solved, a count passed where a
// token id belongs is a compile error.
//
// Done when the tests pass (do not edit the tests) and a count can no longer
// be passed as a token id.

// A token id is the library's newtype, not an alias of `usize`: a count can
// no longer be passed, stored or returned as a token id by accident.
use typed_ai::TokenId;

/// The vocabulary of "hello": each distinct character once, in sorted order.
const VOCABULARY: [char; 4] = ['e', 'h', 'l', 'o'];

/// `text` as token ids, one per character (every character is in the
/// vocabulary).
fn encode(text: &str) -> Vec<TokenId> {
    text.chars()
        .map(|character| {
            VOCABULARY
                .iter()
                .position(|&known| known == character)
                .map(TokenId::new)
                .expect("the texts in this file use only the vocabulary's characters")
        })
        .collect()
}

/// The character a token id stands for.
fn decode(id: TokenId) -> char {
    VOCABULARY[id.index()]
}

/// How often each token occurs in `tokens`: `counts[i]` is token i's count.
fn token_counts(tokens: &[TokenId]) -> Vec<usize> {
    let mut counts = vec![0; VOCABULARY.len()];
    for &id in tokens {
        counts[id.index()] += 1;
    }
    counts
}

/// The unigram model's prediction: the token that occurs most often in
/// `tokens` (the lowest id on a tie).
fn most_frequent(tokens: &[TokenId]) -> TokenId {
    let counts = token_counts(tokens);
    // The best token so far, and its count.
    let mut best: (TokenId, usize) = (TokenId::new(0), counts[0]);
    for (position, &count) in counts.iter().enumerate() {
        if count > best.1 {
            // Only the position in `counts` is a vocabulary position.
            best = (TokenId::new(position), count);
        }
    }
    best.0
}

fn main() {
    for text in ["hello", "oho"] {
        let tokens = encode(text);
        println!(
            "counts for [e, h, l, o] in {text:?}: {:?}; the unigram model predicts {:?}",
            token_counts(&tokens),
            decode(most_frequent(&tokens))
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hello_has_two_ls() {
        assert_eq!(
            token_counts(&encode("hello")),
            [1, 1, 2, 1],
            "\"hello\" has one e, one h, two l and one o"
        );
    }

    #[test]
    fn the_unigram_model_of_oho_predicts_o() {
        assert_eq!(
            decode(most_frequent(&encode("oho"))),
            'o',
            "in \"oho\" the counts over [e, h, l, o] are [0, 1, 0, 2]: o (token 3) \
             occurs most often, so the unigram model predicts o. Token 2 (l) is \
             what comes out when o's count, 2, is read as a token id"
        );
    }

    #[test]
    fn the_unigram_model_of_hello_predicts_l() {
        assert_eq!(
            decode(most_frequent(&encode("hello"))),
            'l',
            "in \"hello\" l occurs twice and every other character once"
        );
    }
}

// Wrong fixes this file's tests reject: returning `TokenId::new(best.1)` (it
// compiles once `TokenId` is a newtype, but wraps o's count, 2, and decodes
// to l), and keeping the alias while returning `best.0` (the tests pass, but
// `decode(counts[0])` still compiles: the must_not_compile check rejects it).
