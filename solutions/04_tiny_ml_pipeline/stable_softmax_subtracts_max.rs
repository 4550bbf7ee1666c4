// Chapter 4.5: a softmax that survives large scores
//
// Softmax turns scores into probabilities:
//     softmax(z)_i = exp(z_i) / (exp(z_1) + ... + exp(z_n)).
// Adding the same number c to every score changes nothing, because
// exp(z_i + c) = exp(z_i) * exp(c) and the factor exp(c) cancels between the
// top and the bottom. But an f32 overflows: exp(89) is already infinity, and
// infinity / infinity is NaN, which no distribution accepts.
//
// `softmax` below is our own version of the library's `Softmax`. It is right
// on paper and wrong on a computer. Fix it so the tests pass. The tests at the
// bottom are the definition of done: read them, do not edit them.

use typed_ai::{Distribution, Logits, MlResult};

/// The probabilities that `logits` stand for.
fn softmax(logits: &Logits) -> MlResult<Distribution> {
    // Shifting every score by the same amount leaves softmax unchanged, so
    // shift by the largest score: every exponent is then <= 0, every exp(...)
    // lies in [0, 1] (a score more than about 104 below the largest
    // underflows to exactly 0 in f32, as -1000 does in the last test), and
    // the largest one is exactly 1, so the total is at least 1.
    let max = logits.max();
    let exps: Vec<f32> = logits.scores().iter().map(|s| (s - max).exp()).collect();
    let total: f32 = exps.iter().sum();
    Distribution::new(exps.iter().map(|e| e / total).collect())
}

fn main() -> MlResult<()> {
    for scores in [vec![0.0, 3f32.ln()], vec![1000.0, 1000.0]] {
        let probabilities = softmax(&Logits::new(scores.clone())?)?;
        println!("softmax({scores:?}) = {:?}", probabilities.probabilities());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Softmax of `scores`, or a panic that says which scores failed.
    fn probabilities(scores: &[f32]) -> Vec<f32> {
        let logits = Logits::new(scores.to_vec()).unwrap();
        match softmax(&logits) {
            Ok(distribution) => distribution.probabilities().to_vec(),
            Err(error) => panic!(
                "softmax({scores:?}) returned {error:?}; finite scores always \
                 have a softmax, so no exponential may overflow to infinity"
            ),
        }
    }

    fn assert_close(got: &[f32], want: &[f32], scores: &[f32]) {
        let close =
            got.len() == want.len() && got.iter().zip(want).all(|(g, w)| (g - w).abs() < 1e-4);
        assert!(close, "softmax({scores:?}) = {got:?}, expected {want:?}");
    }

    #[test]
    fn small_scores_match_hand_values() {
        // exp(0) = 1 and exp(ln 3) = 3, so the probabilities are 1/4 and 3/4.
        let scores = [0.0, 3f32.ln()];
        assert_close(&probabilities(&scores), &[0.25, 0.75], &scores);
    }

    #[test]
    fn huge_equal_scores_are_a_fair_coin() {
        // Two equal scores mean two equally likely tokens, however large.
        let scores = [1000.0, 1000.0];
        assert_close(&probabilities(&scores), &[0.5, 0.5], &scores);
    }

    #[test]
    fn shifting_every_score_changes_nothing() {
        // e^1 : e^2 : e^3 = 2.7183 : 7.3891 : 20.0855, out of 30.1929.
        let want = [0.0900, 0.2447, 0.6652];
        for scores in [[1.0, 2.0, 3.0], [101.0, 102.0, 103.0]] {
            assert_close(&probabilities(&scores), &want, &scores);
        }
    }

    #[test]
    fn a_very_low_score_gets_almost_nothing() {
        let scores = [-1000.0, 0.0];
        assert_close(&probabilities(&scores), &[0.0, 1.0], &scores);
    }
}

// Wrong fixes this file's tests reject: subtracting the smallest score (for
// [-1000, 0] the exponents become 0 and 1000, and exp(1000) overflows), and
// clamping every score at 88 before `exp` (101, 102 and 103 all become 88:
// the sum of their exps still overflows, and the differences between the
// scores, the only thing softmax depends on, are gone).
