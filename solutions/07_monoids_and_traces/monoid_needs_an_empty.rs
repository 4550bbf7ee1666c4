// Chapter 7.1: a monoid needs an empty value
//
// The probability a model gives a whole dataset, its likelihood, is the
// product of the probabilities it gives each example (examples treated as
// independent). A dataset split into shards can be scored shard by shard, on
// different machines, and the shard likelihoods multiplied at the end.
// Multiplication is associative, so how the shards are grouped does not
// matter.
//
// One more thing is needed: a shard with no examples must have a likelihood
// too, the value that changes nothing when it is combined with another.
// Combine plus that empty value is a monoid: the `Monoid` trait in
// `typed_ai` asks for both, and `fold_all` starts every fold from the empty
// value. Which value is empty depends on the combine: think about what
// multiplying by it must do, and what the loss of no examples is.
//
// (Real training sums log-probabilities instead, because a product of
// thousands of numbers below 1 underflows `f32`. That sum is a monoid too,
// with its own empty value.)
//
// `ShardLikelihood` says how to combine but not what the empty likelihood
// is. Done when the file compiles and the tests pass; the tests at the
// bottom are the definition of done, do not edit them.

use typed_ai::{Monoid, fold_all};

/// The probability a model gives one shard of examples: the product of the
/// probabilities it gives each example in the shard.
#[derive(Debug, Clone, Copy, PartialEq)]
struct ShardLikelihood(f32);

impl ShardLikelihood {
    /// The likelihood of a shard holding one example the model gives
    /// `probability`.
    fn of(probability: f32) -> Self {
        ShardLikelihood(probability)
    }

    /// The shard's total cross-entropy, −ln(likelihood): the sum of −ln p
    /// over its examples.
    fn total_loss(self) -> f32 {
        -self.0.ln()
    }
}

impl Monoid for ShardLikelihood {
    // Multiplying by 1 changes nothing, and −ln 1 = 0 is the loss of no
    // examples: the empty likelihood is 1.
    fn empty() -> Self {
        ShardLikelihood(1.0)
    }

    fn combine(&self, other: &Self) -> Self {
        ShardLikelihood(self.0 * other.0)
    }
}

fn likelihood_of(probabilities: &[f32]) -> ShardLikelihood {
    fold_all(probabilities.iter().copied().map(ShardLikelihood::of))
}

fn main() {
    let shards = [likelihood_of(&[0.5, 0.25]), likelihood_of(&[0.8])];
    let dataset = fold_all(shards);
    println!("likelihood of the dataset: {:?}", dataset);
    println!("total loss of the dataset: {}", dataset.total_loss());
    let nothing = likelihood_of(&[]);
    println!(
        "likelihood of no examples: {nothing:?}, loss {}",
        nothing.total_loss()
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::{check_monoid_associativity, check_monoid_identity};

    #[test]
    fn shard_likelihoods_multiply() {
        // 0.5 · 0.25 · 0.8 = 0.125 · 0.8 = 0.1
        let dataset = likelihood_of(&[0.5, 0.25]).combine(&likelihood_of(&[0.8]));
        assert!(
            (dataset.0 - 0.1).abs() < 1e-6,
            "the likelihood of three examples scored 0.5, 0.25 and 0.8 is 0.1, got {}",
            dataset.0
        );
    }

    #[test]
    fn an_empty_shard_changes_nothing() {
        // A shard of two examples scored 0.5 and 0.25: 0.125. Powers of two
        // multiply exactly in f32, so equality is exact.
        let shard = ShardLikelihood(0.125);
        assert_eq!(
            check_monoid_identity(&shard),
            Ok(()),
            "combining with the empty likelihood must leave a shard's likelihood unchanged"
        );
        assert_eq!(
            likelihood_of(&[]).combine(&shard),
            shard,
            "a shard with no examples must not change the dataset's likelihood"
        );
    }

    #[test]
    fn no_examples_cost_no_loss() {
        let loss = likelihood_of(&[]).total_loss();
        assert!(
            loss == 0.0,
            "the cross-entropy of no examples is a sum of no terms, 0, but −ln(empty) = {loss}"
        );
    }

    #[test]
    fn the_loss_of_the_whole_is_the_sum_of_the_shard_losses() {
        // −ln(0.125 · 0.5) = −ln 0.125 − ln 0.5 = 2.0794 + 0.6931 = 2.7726
        let (a, b) = (likelihood_of(&[0.5, 0.25]), likelihood_of(&[0.5]));
        let whole = a.combine(&b).total_loss();
        assert!(
            (whole - (a.total_loss() + b.total_loss())).abs() < 1e-5
                && (whole - 2.772_589).abs() < 1e-5,
            "−ln turns the product of likelihoods into the sum of losses; got {whole}"
        );
    }

    #[test]
    fn grouping_the_shards_does_not_matter() {
        let (a, b, c) = (
            ShardLikelihood(0.5),
            ShardLikelihood(0.25),
            ShardLikelihood(0.125),
        );
        assert_eq!(check_monoid_associativity(&a, &b, &c), Ok(()));
    }
}

// Wrong fixes this file's tests reject:
// - `ShardLikelihood(0.0)` (the empty value of a *sum*, or `f32::default()`):
//   multiplying by 0 wipes out every shard, and −ln 0 = ∞ is no loss of
//   nothing, so `an_empty_shard_changes_nothing` and
//   `no_examples_cost_no_loss` fail.
// - `todo!()` (rustc's suggested body for the missing item): every fold
//   starts from `empty()`, so every test that folds panics.
