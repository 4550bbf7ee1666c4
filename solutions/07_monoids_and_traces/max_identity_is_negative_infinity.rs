// Chapter 7.4: the empty value of max loses to everything
//
// "The best score so far" is a monoid too: combine keeps the larger score.
// Its empty value must change nothing, so max(empty, x) = x for every score
// x the type can hold, not only for the scores you happened to try. The
// empty value must therefore lose to every score.
//
// 0 is not such a value: logits are often all negative, and
// log-probabilities are never above 0 (ln p <= 0 for p <= 1). A log-
// probability can even be the lowest value an `f32` holds: a token the
// model rules out has p = 0, and ln 0 = −∞, which `f32` represents exactly.
// The same question returns in attention, where a key that must never win
// needs a score that loses to every other.
//
// `BestLogit::empty` returns the wrong start. Done when the tests pass; the
// tests at the bottom are the definition of done, do not edit them.

use typed_ai::{Monoid, fold_all};

/// The largest logit (or log-probability) seen so far.
#[derive(Debug, Clone, Copy, PartialEq)]
struct BestLogit(f32);

impl Monoid for BestLogit {
    fn empty() -> Self {
        // −∞ loses to every `f32` score and ties with −∞ itself, so
        // max(−∞, x) = x for every x, ln 0 included.
        BestLogit(f32::NEG_INFINITY)
    }

    fn combine(&self, other: &Self) -> Self {
        BestLogit(self.0.max(other.0))
    }
}

fn main() {
    let row = [BestLogit(-3.0), BestLogit(-1.5), BestLogit(-2.0)];
    println!("best logit of {row:?}: {:?}", fold_all(row));
    println!(
        "best logit of no logits: {:?}",
        fold_all(Vec::<BestLogit>::new())
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn left_identity() {
        let logit = BestLogit(-3.0);
        assert_eq!(
            BestLogit::empty().combine(&logit),
            logit,
            "empty ⊕ x must be x; combining with the empty value changes nothing"
        );
    }

    #[test]
    fn right_identity() {
        let logit = BestLogit(-3.0);
        assert_eq!(logit.combine(&BestLogit::empty()), logit);
    }

    #[test]
    fn best_of_a_negative_row() {
        // max(−3, −1.5, −2) = −1.5
        let best = fold_all([BestLogit(-3.0), BestLogit(-1.5), BestLogit(-2.0)]);
        assert_eq!(
            best,
            BestLogit(-1.5),
            "every logit is negative, so the best one is too"
        );
    }

    #[test]
    fn identity_even_for_the_lowest_finite_float() {
        // −1e9 or any other large negative constant still beats f32::MIN.
        let lowest = BestLogit(f32::MIN);
        assert_eq!(
            BestLogit::empty().combine(&lowest),
            lowest,
            "the empty value must lose even to f32::MIN = −3.4e38"
        );
    }

    #[test]
    fn identity_even_for_an_impossible_token() {
        // Two tokens the model rules out: p = 0, so ln p = −∞. The best of
        // them is −∞ (nothing is likely), and the empty value must not
        // pretend otherwise.
        let impossible = BestLogit(0f32.ln());
        let best = fold_all([impossible, impossible]);
        assert_eq!(
            best, impossible,
            "the best log-probability of two impossible tokens is ln 0 = −∞, got {best:?}"
        );
    }

    #[test]
    fn the_best_of_nothing_loses_to_every_score() {
        let nothing = fold_all(Vec::<BestLogit>::new());
        assert!(
            nothing.0 <= f32::MIN && nothing.0 <= 0f32.ln(),
            "the fold of no scores is the empty value, and it must lose to (or tie) \
             every score, ln 0 included; got {nothing:?}"
        );
    }
}

// Wrong fixes this file's tests reject:
// - `BestLogit(f32::MIN)`: it loses to every finite score, but max(f32::MIN,
//   −∞) = f32::MIN, so `identity_even_for_an_impossible_token` fails.
// - `BestLogit(-1e9)` (a large negative constant): f32::MIN and −∞ are
//   lower, so `identity_even_for_the_lowest_finite_float` fails.
// - `BestLogit(f32::NAN)`: `f32::max` skips NaN, so every combine looks
//   right, but the fold of nothing is NaN, which loses to nothing:
//   `the_best_of_nothing_loses_to_every_score` fails.
