// Chapter 3.1: bring the arrow into scope
//
// In this course every step of a model is an arrow: a value that implements
// the trait `Morphism<Input, Output>`, whose method
// `apply(&self, input: Input) -> MlResult<Output>` does the work. `Softmax` is
// the arrow `Logits -> Distribution`: it turns any scores into probabilities,
// exp(score) divided by the sum of the exps, so the highest score gets the
// most probability and everything sums to 1.
//
// In Rust, a trait's methods can be called only where the trait itself is in
// scope. This file calls `apply` without that. Done when the file compiles
// and the tests pass (do not edit the tests).

// TODO: calling a trait's method takes the trait, not just the type.
use typed_ai::{Distribution, Logits, MlResult, Softmax};

/// The model's probabilities for the next token, from its scores.
fn probabilities(scores: Vec<f32>) -> MlResult<Distribution> {
    Softmax.apply(Logits::new(scores)?)
}

fn main() -> MlResult<()> {
    let next = probabilities(vec![0.0, 3f32.ln()])?;
    println!(
        "scores [0, ln 3] become probabilities {:?}",
        next.probabilities()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_close(got: &[f32], want: &[f32], why: &str) {
        let close =
            got.len() == want.len() && got.iter().zip(want).all(|(g, w)| (g - w).abs() < 1e-6);
        assert!(close, "got {got:?}, expected {want:?}: {why}");
    }

    #[test]
    fn equal_scores_give_equal_chances() {
        let p = probabilities(vec![0.0, 0.0]).unwrap();
        assert_close(
            p.probabilities(),
            &[0.5, 0.5],
            "exp(0) = 1 for both, so 1/2 each",
        );
    }

    #[test]
    fn scores_0_and_ln3_give_one_to_three_odds() {
        let p = probabilities(vec![0.0, 3f32.ln()]).unwrap();
        assert_close(
            p.probabilities(),
            &[0.25, 0.75],
            "exp(0) = 1 and exp(ln 3) = 3, so 1/4 and 3/4",
        );
    }

    #[test]
    fn only_differences_between_scores_matter() {
        let p = probabilities(vec![5.0, 5.0, 5.0, 5.0]).unwrap();
        assert_close(
            p.probabilities(),
            &[0.25, 0.25, 0.25, 0.25],
            "four equal scores give 1/4 each, whatever the common value",
        );
    }
}
