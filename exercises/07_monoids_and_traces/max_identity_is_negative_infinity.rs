// Chapter 7.4: the empty value of max is minus infinity
//
// "The best score so far" is a monoid too: combine keeps the larger score.
// Its empty value must lose to every score, so that combining with it changes
// nothing. Logits are often all negative (log-probabilities always are), so
// 0 is not such a value. The same idea returns in attention, where a blocked
// position gets a score that loses to everything.
//
// `BestLogit::empty` returns the wrong start. Done when the tests pass; the
// tests at the bottom are the definition of done, do not edit them.

use typed_ai::{Monoid, fold_all};

/// The largest logit seen so far.
#[derive(Debug, Clone, Copy, PartialEq)]
struct BestLogit(f32);

impl Monoid for BestLogit {
    fn empty() -> Self {
        // TODO: which value loses to every logit?
        BestLogit(0.0)
    }

    fn combine(&self, other: &Self) -> Self {
        BestLogit(self.0.max(other.0))
    }
}

fn main() {
    let row = [BestLogit(-3.0), BestLogit(-1.5), BestLogit(-2.0)];
    println!("best logit of {row:?}: {:?}", fold_all(row));
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
    fn identity_even_for_the_lowest_float() {
        // An identity must work for every score, not only the ones tried: a
        // large negative constant such as -1e9 still beats f32::MIN.
        let lowest = BestLogit(f32::MIN);
        assert_eq!(
            BestLogit::empty().combine(&lowest),
            lowest,
            "the empty value must lose even to f32::MIN"
        );
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
    fn best_of_a_mixed_row() {
        let best = fold_all([BestLogit(-3.0), BestLogit(2.5), BestLogit(0.5)]);
        assert_eq!(best, BestLogit(2.5));
    }
}
