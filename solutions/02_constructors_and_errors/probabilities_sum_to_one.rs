// Chapter 2.2: probabilities sum to one
//
// The simplest language model is the unigram model: the probability of a
// token is its share of the training text, the number of times it occurs
// divided by the number of tokens in the text. Shares of a whole add up to 1,
// and `Distribution::new` checks exactly that (within 1e-4).
//
// Run this file: `main` returns an error, and Rust prints it as
// `Error: InvalidProbability("distribution")`. The counts are right; the
// division is not. Done when `main` runs to the end and prints the model:
// this exercise is judged by running `main`.

use typed_ai::{Distribution, MlResult, TokenId};

fn main() -> MlResult<()> {
    // How often each token of the vocabulary [e, h, l, o] occurs in "hello".
    let counts = [1.0, 1.0, 2.0, 1.0];
    let vocabulary_size = counts.len() as f32;
    let tokens_in_text: f32 = counts.iter().sum();
    println!("{tokens_in_text} tokens of text over a vocabulary of {vocabulary_size}");

    // A probability is a share of the whole text: dividing by the number of
    // tokens (5), not the number of distinct tokens (4), makes the shares sum to 1.
    let shares: Vec<f32> = counts.iter().map(|count| count / tokens_in_text).collect();
    println!("shares {shares:?} sum to {}", shares.iter().sum::<f32>());

    let unigram = Distribution::new(shares)?;
    println!(
        "the unigram model of \"hello\": p(l) = {}",
        unigram.probability(TokenId::new(2))?
    );
    Ok(())
}

// Wrong fixes `main` rejects: dividing by the vocabulary size, 4 (the shares
// sum to 1.25 and `Distribution::new` returns `InvalidProbability`), and
// passing the raw counts to `Distribution::new` (they sum to 5).
