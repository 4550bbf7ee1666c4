// Chapter 1.3: read a token's index through its method
//
// The simplest language model just counts: how often does each token appear
// in the training text? Those counts, divided by their total, are the unigram
// model, the baseline every real model has to beat.
//
// `TokenId` keeps its `usize` in a private field, so only the library decides
// what a token id may hold. Code outside the library reads the index through
// a public method instead. `token_counts` reaches into the private field; read
// the index the way the library allows. Done when the file compiles and the
// tests pass (do not edit the tests).

use typed_ai::{MlResult, TokenSequence, VocabSize};

/// How many times each vocabulary entry occurs in `sequence`: `counts[i]` is
/// the number of times token `i` appears.
fn token_counts(sequence: &TokenSequence, vocab: VocabSize) -> Vec<usize> {
    let mut counts = vec![0; vocab.get()];
    for token in sequence.tokens() {
        // `index()` is the library's public way to read a vocabulary position.
        counts[token.index()] += 1;
    }
    counts
}

fn main() -> MlResult<()> {
    // "hello" over the vocabulary [e, h, l, o]
    let hello = TokenSequence::from_indices(&[1, 0, 2, 2, 3])?;
    let counts = token_counts(&hello, VocabSize::new(4)?);
    println!("counts for [e, h, l, o] in \"hello\": {counts:?}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hello_has_two_ls() {
        // "hello" over [e, h, l, o] is the token ids [1, 0, 2, 2, 3]
        let hello = TokenSequence::from_indices(&[1, 0, 2, 2, 3]).unwrap();
        assert_eq!(
            token_counts(&hello, VocabSize::new(4).unwrap()),
            vec![1, 1, 2, 1],
            "\"hello\" has one e, one h, two l and one o"
        );
    }

    #[test]
    fn unseen_tokens_count_zero() {
        // "lol" over [e, h, l, o] is the token ids [2, 3, 2]
        let lol = TokenSequence::from_indices(&[2, 3, 2]).unwrap();
        assert_eq!(
            token_counts(&lol, VocabSize::new(4).unwrap()),
            vec![0, 0, 2, 1],
            "\"lol\" has no e and no h, two l and one o"
        );
    }
}
