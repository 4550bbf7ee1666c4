// Chapter 4.7: a target is not a prediction (a design exercise)
//
// Cross-entropy compares two distributions over the vocabulary: the target
// t, what the data says should come next, and the model's prediction p:
//     H(t, p) = -(t_1 ln p_1 + ... + t_n ln p_n)
// The target weighs the prediction's log-probabilities. The formula is not
// symmetric: H(p, t) is another number, so which argument is which matters.
//
// With a one-hot target (all mass on the token that came next), H(t, p) is
// -ln p[target], the loss of chapter 4.6. Label smoothing keeps a little
// mass for the other tokens, so that training never pushes the model
// towards infinite confidence. This file uses the variant that puts 1 - ε
// on the true token and ε / (n - 1) on each other one (the one in Szegedy et
// al.'s formula spreads ε / n over every token, the true one included, so
// the true token gets 1 - ε + ε / n; PyTorch's `label_smoothing` does that).
// Then the target is a `Distribution` too, and the compiler can
// no longer tell it from the prediction: `smoothed_loss` passes the two the
// wrong way round, and only a test notices.
//
// Fix it in two steps:
// 1. Give the target a type of its own, for instance a newtype around
//    `Distribution` that `smoothed_target` returns and `cross_entropy`
//    takes as its first argument. Swapped arguments then no longer compile.
// 2. Fix the call that rustc points at.
// Once solved, a prediction passed where the target belongs must stay a
// compile error: the course checks that too, so fixing the call alone is not
// enough.
//
// Done when the tests pass (do not edit the tests) and a prediction can no
// longer be passed as a target.

use typed_ai::{Distribution, Loss, MlResult, TokenId, VocabSize};

/// What the data says should come next: a distribution in the role of the
/// truth. A prediction cannot be passed where a `Target` is expected.
#[derive(Debug, Clone, PartialEq)]
struct Target(Distribution);

/// The smoothed target for `token`: 1 - ε on it, ε / (n - 1) on each of the
/// other n - 1 tokens of the vocabulary.
fn smoothed_target(token: TokenId, vocab: VocabSize, epsilon: f32) -> MlResult<Target> {
    let n = vocab.get();
    let others = if n > 1 { epsilon / (n - 1) as f32 } else { 0.0 };
    let mut probabilities = vec![others; n];
    let on_target = vocab.check(token)?;
    probabilities[on_target.index()] = if n > 1 { 1.0 - epsilon } else { 1.0 };
    Ok(Target(Distribution::new(probabilities)?))
}

/// H(target, prediction) = -Σ target_i ln prediction_i. A token the target
/// gives no mass adds nothing, whatever the prediction gives it.
fn cross_entropy(target: &Target, prediction: &Distribution) -> MlResult<Loss> {
    let total: f32 = target
        .0
        .probabilities()
        .iter()
        .zip(prediction.probabilities())
        .filter(|(t, _)| **t > 0.0)
        .map(|(t, p)| -t * p.ln())
        .sum();
    Loss::new(total)
}

/// The loss of `prediction` when `token` came next, with label smoothing
/// ε = 0.1.
fn smoothed_loss(prediction: &Distribution, token: TokenId) -> MlResult<Loss> {
    let target = smoothed_target(token, VocabSize::new(prediction.len())?, 0.1)?;
    // The target first: H(target, prediction).
    cross_entropy(&target, prediction)
}

fn main() -> MlResult<()> {
    let prediction = Distribution::new(vec![0.7, 0.2, 0.1])?;
    for token in 0..3 {
        let loss = smoothed_loss(&prediction, TokenId::new(token))?;
        println!(
            "if token {token} came next, the smoothed loss is {:.4}",
            loss.value()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prediction() -> Distribution {
        Distribution::new(vec![0.7, 0.2, 0.1]).unwrap()
    }

    #[test]
    fn smoothing_keeps_the_target_first() {
        // The target for token 0 with ε = 0.1 is [0.9, 0.05, 0.05].
        // H(t, p) = -(0.9 ln 0.7 + 0.05 ln 0.2 + 0.05 ln 0.1)
        //         = 0.32101 + 0.08047 + 0.11513 = 0.51661.
        // Swapped, H(p, t) = -(0.7 ln 0.9 + 0.2 ln 0.05 + 0.1 ln 0.05) = 0.97247.
        let loss = smoothed_loss(&prediction(), TokenId::new(0))
            .unwrap()
            .value();
        assert!(
            (loss - 0.51661).abs() < 1e-4,
            "the smoothed loss for token 0 is H(target, prediction) = 0.51661, got \
             {loss}; 0.97247 is H(prediction, target), the arguments swapped"
        );
    }

    #[test]
    fn an_unlikely_token_costs_more() {
        // The target for token 2 is [0.05, 0.05, 0.9]:
        // H(t, p) = -(0.05 ln 0.7 + 0.05 ln 0.2 + 0.9 ln 0.1) = 2.17063.
        // Swapped, H(p, t) = 2.70670.
        let loss = smoothed_loss(&prediction(), TokenId::new(2))
            .unwrap()
            .value();
        assert!(
            (loss - 2.17063).abs() < 1e-4,
            "the smoothed loss for token 2 is H(target, prediction) = 2.17063, got {loss}"
        );
    }

    #[test]
    fn without_smoothing_it_is_minus_ln_p() {
        // ε = 0 gives the one-hot target [0, 1, 0], and H = -ln 0.2 = 1.60944.
        let one_hot = smoothed_target(TokenId::new(1), VocabSize::new(3).unwrap(), 0.0).unwrap();
        let loss = cross_entropy(&one_hot, &prediction()).unwrap().value();
        assert!(
            (loss - 1.60944).abs() < 1e-4,
            "with a one-hot target, cross-entropy is -ln p[target] = -ln 0.2 = 1.60944, got {loss}"
        );
    }
}

// Wrong fixes this file's tests reject: swapping the parameters of
// `cross_entropy` so that the call reads right (every other caller, such as
// the test that passes the one-hot target first, now computes H(prediction,
// target): the prediction's mass on the one-hot's zeros makes it infinite),
// and fixing the call while target and prediction stay one type (the tests
// pass, but `cross_entropy(&prediction, &target)` still compiles: the
// must_not_compile check rejects it).
