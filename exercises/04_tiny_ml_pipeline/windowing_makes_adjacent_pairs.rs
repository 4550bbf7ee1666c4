// Chapter 4.1: next-token training data is every adjacent pair
//
// A language model learns "after this token comes that one". The text
// "hello" teaches it four facts: h->e, e->l, l->l and l->o. Every token except
// the last is an input, and every token except the first is a target.
//
// `next_token_pairs` below is our own version of the library's
// `next_token_examples`. It compiles, but it builds too few examples. Fix it
// so the tests pass. The tests at the bottom are the definition of done:
// read them, do not edit them.

use typed_ai::{
    MlResult, Morphism, Text, TokenId, TokenSequence, Tokenizer, TrainingExample, TrainingSet,
};

/// The example one piece of the sequence makes: a piece of exactly two
/// tokens, the first the input and the second its target.
fn example(piece: &[TokenId]) -> TrainingExample {
    match *piece {
        [input, target] => TrainingExample::new(input, target),
        _ => panic!(
            "a next-token example is a piece of exactly two tokens (input, target), \
             but this piece has {}: {piece:?}",
            piece.len()
        ),
    }
}

/// One next-token example per adjacent pair of `sequence`.
fn next_token_pairs(sequence: &TokenSequence) -> MlResult<TrainingSet> {
    let examples = sequence
        .tokens()
        // TODO: which pairs does this visit? Write them out for a, b, c, d.
        .chunks_exact(2)
        .map(example)
        .collect();
    TrainingSet::new(examples)
}

fn main() -> MlResult<()> {
    let tokenizer = Tokenizer::from_corpus("hello")?;
    let sequence = tokenizer.apply(Text::new("hello")?)?;
    for example in next_token_pairs(&sequence)?.examples() {
        println!(
            "after '{}' comes '{}'",
            tokenizer.character(example.input())?,
            tokenizer.character(example.target())?
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::next_token_examples;

    /// The (input, target) index pairs that `next_token_pairs` builds.
    fn pairs(indices: &[usize]) -> Vec<(usize, usize)> {
        let sequence = TokenSequence::from_indices(indices).unwrap();
        next_token_pairs(&sequence)
            .unwrap()
            .examples()
            .iter()
            .map(|e| (e.input().index(), e.target().index()))
            .collect()
    }

    #[test]
    fn every_adjacent_pair_is_an_example() {
        // a b c d as ids 0 1 2 3: the model must learn a->b, b->c and c->d.
        let got = pairs(&[0, 1, 2, 3]);
        assert_eq!(
            got,
            vec![(0, 1), (1, 2), (2, 3)],
            "the examples from the tokens [0, 1, 2, 3] must be every adjacent \
             pair 0->1, 1->2, 2->3 (each token predicts the one right after it)"
        );
    }

    #[test]
    fn n_tokens_give_n_minus_one_examples() {
        for n in 2..=6 {
            let indices: Vec<usize> = (0..n).collect();
            let count = pairs(&indices).len();
            assert_eq!(
                count,
                n - 1,
                "{n} tokens gave {count} example(s); every token but the last \
                 predicts its successor, so there must be {}",
                n - 1
            );
        }
    }

    #[test]
    fn agrees_with_the_library() {
        // "hello" with the tokenizer's ids e=0, h=1, l=2, o=3.
        let sequence = TokenSequence::from_indices(&[1, 0, 2, 2, 3]).unwrap();
        assert_eq!(
            next_token_pairs(&sequence).unwrap(),
            next_token_examples(&sequence).unwrap(),
            "your windowing of \"hello\" must match the library's next_token_examples"
        );
    }
}
