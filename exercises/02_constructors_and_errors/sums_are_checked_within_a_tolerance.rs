// Chapter 2.3: a sum of floats is 1 only up to rounding
//
// A validated constructor has two jobs: refuse every value that breaks its
// rule, and accept every value that keeps it. The rule of a distribution is
// "the entries sum to 1", but probabilities computed in `f32` sum to 1 only
// up to rounding, because every addition rounds its result to 24
// significant bits. Ten entries of 0.1 add up to 1.0000001; the thousand
// entries of a uniform prediction over a vocabulary of 1000 tokens, 0.001
// each, add up to 0.9999907. A softmax (the function that turns a model's
// scores into probabilities, built in chapter 4) over a real vocabulary
// lands near 1, rarely on it.
//
// The drift grows with the number of additions: a uniform prediction over
// 32 000 tokens, added up in f32, totals 0.9998139. That is why `typed_ai`'s
// own `Distribution` adds its entries in f64, where only the rounding of each
// entry is left; the predictions here have at most a thousand entries, and
// f32 addition will do.
//
// `NextToken::new` demands a total of exactly 1.0, so it refuses honest
// predictions. Make it accept what rounding produces while it still refuses
// real mistakes: [0.4, 0.4] (a total of 0.8) and [0.5, 0.501] (1.001) are
// not distributions. Done when the tests pass (do not edit the tests).

use typed_ai::{MlError, MlResult};

/// A model's prediction for the next token: one probability per vocabulary
/// entry, finite, non-negative, summing to 1.
#[derive(Debug, Clone, PartialEq)]
struct NextToken(Vec<f32>);

impl NextToken {
    /// Checks that `probabilities` form a distribution.
    fn new(probabilities: Vec<f32>) -> MlResult<Self> {
        if probabilities.iter().any(|p| !p.is_finite() || *p < 0.0) {
            return Err(MlError::InvalidProbability("next token"));
        }
        let total: f32 = probabilities.iter().sum();
        // TODO: which totals can an honest distribution have in f32?
        if total != 1.0 {
            return Err(MlError::InvalidProbability("next token"));
        }
        Ok(Self(probabilities))
    }

    /// The probabilities, in vocabulary order.
    fn probabilities(&self) -> &[f32] {
        &self.0
    }
}

fn main() {
    for probabilities in [vec![0.1; 10], vec![0.001; 1000], vec![0.4, 0.4]] {
        let total: f32 = probabilities.iter().sum();
        let verdict = match NextToken::new(probabilities.clone()) {
            Ok(prediction) => format!("accepted ({} entries)", prediction.probabilities().len()),
            Err(error) => format!("refused: {error}"),
        };
        println!(
            "{} entries summing to {total}: {verdict}",
            probabilities.len()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepted(probabilities: Vec<f32>, why: &str) {
        let total: f32 = probabilities.iter().sum();
        if let Err(error) = NextToken::new(probabilities) {
            panic!("a total of {total} was refused with {error:?}; {why}");
        }
    }

    fn refused(probabilities: Vec<f32>, why: &str) {
        let total: f32 = probabilities.iter().sum();
        assert_eq!(
            NextToken::new(probabilities),
            Err(MlError::InvalidProbability("next token")),
            "a total of {total} was accepted; {why}"
        );
    }

    #[test]
    fn ten_tenths_are_a_distribution() {
        // In f32, 0.1 + 0.1 + ... (ten times) = 1.0000001: one rounding step
        // (2^-23 = 1.19e-7) above 1.
        accepted(
            vec![0.1; 10],
            "ten entries of 0.1 are a distribution that rounding moved by 1.2e-7",
        );
    }

    #[test]
    fn a_uniform_prediction_over_1000_tokens_is_a_distribution() {
        // In f32, a thousand additions of 0.001 give 0.9999907 (recomputed
        // outside Rust, addition by addition): 9.3e-6 below 1.
        accepted(
            vec![0.001; 1000],
            "the uniform prediction over 1000 tokens is a distribution; \
             a thousand roundings moved its total by 9.3e-6",
        );
    }

    #[test]
    fn missing_mass_is_refused() {
        refused(
            vec![0.4, 0.4],
            "0.2 of the probability is missing, far more than rounding explains",
        );
    }

    #[test]
    fn extra_mass_is_refused() {
        refused(
            vec![0.5, 0.501],
            "0.001 too much probability is a mistake, not rounding: a hundred \
             times what a thousand roundings produce",
        );
    }

    #[test]
    fn a_negative_entry_is_refused() {
        refused(
            vec![1.5, -0.5],
            "the total is 1, but no probability is negative",
        );
    }
}
