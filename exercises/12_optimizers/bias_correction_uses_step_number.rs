// Chapter 12.3: a moving average that starts at zero fills up step by step
//
// Adam keeps two moving averages, of the gradient and of its square, and
// both start at zero:
//     m ← β1·m + (1 − β1)·g        (β1 = 0.9)
//     v ← β2·v + (1 − β2)·g²       (β2 = 0.999)
// Feed m a constant gradient g. After one step it holds (1 − β1)·g, only a
// tenth of g. After two, β1·(1 − β1)·g + (1 − β1)·g. The average creeps
// towards g, and until it gets there it is biased towards its zero start.
// Adam undoes that by dividing by the fraction filled so far, the bias
// correction; that fraction depends on how many steps have been taken.
//
// `zero_start_fill(beta, t)` must say which fraction of a constant input an
// average that started at zero holds after t steps. It returns the
// one-step answer for every t. Write out the sum for t = 2 and t = 3 and
// find the pattern. Done when the tests pass; the tests at the bottom are
// the definition of done, do not edit them.

use typed_ai::{
    AdamConfig, AdamState, AdamStep, Gradient, LearningRate, MlResult, Morphism, ParameterVector,
};

/// The fraction of a constant input that a moving average with decay
/// `beta`, started at zero, holds after `t` steps (t >= 1).
fn zero_start_fill(beta: f32, t: usize) -> f32 {
    // TODO: this is the fill after one step. What is it after t steps?
    1.0 - beta
}

fn main() -> MlResult<()> {
    println!(" t | fill, beta 0.9 | fill, beta 0.999");
    for t in 1..=5 {
        println!(
            "{t:>2} | {:>14.5} | {:>15.6}",
            zero_start_fill(0.9, t),
            zero_start_fill(0.999, t)
        );
    }
    // Adam fed the constant gradient 0.5: its raw first moment, and the same
    // divided by the fill.
    let step = AdamStep::new(
        AdamConfig::with_defaults(LearningRate::new(0.1)?),
        |_: &ParameterVector| Gradient::new(vec![0.5]),
    );
    let mut state = AdamState::initial(ParameterVector::new(vec![1.0])?);
    for t in 1..=3 {
        state = step.apply(state)?;
        let m = state.first_moment().values()[0];
        println!(
            "after step {t}: m = {m:.5}, m / fill = {:.5}",
            m / zero_start_fill(0.9, t)
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_step_fills_one_minus_beta() {
        // 0.9 · 0 + 0.1 · 1 = 0.1
        let fill = zero_start_fill(0.9, 1);
        assert!(
            (fill - 0.1).abs() < 1e-6,
            "after one step with β = 0.9 the average holds 0.1 of its input, got {fill}"
        );
    }

    #[test]
    fn the_fill_grows_with_every_step() {
        // t = 2: 0.9 · 0.1 + 0.1 = 0.19. t = 3: 0.9 · 0.19 + 0.1 = 0.271.
        for (t, expected) in [(2, 0.19), (3, 0.271)] {
            let fill = zero_start_fill(0.9, t);
            assert!(
                (fill - expected).abs() < 1e-6,
                "after {t} steps with β = 0.9 the average holds {expected} of its \
                 input, got {fill}"
            );
        }
    }

    #[test]
    fn matches_an_average_fed_a_constant() {
        // An average with decay β, started at 0 and fed the input 1, followed
        // step by step (a ← β·a + (1 − β)·1, recomputed in Python with β
        // rounded to f32): the fraction it holds after t steps.
        let table: [(f32, [(usize, f32); 6]); 3] = [
            (
                0.5,
                [
                    (1, 0.5),
                    (2, 0.75),
                    (3, 0.875),
                    (5, 0.96875),
                    (10, 0.999023),
                    (20, 0.999999),
                ],
            ),
            (
                0.9,
                [
                    (1, 0.1),
                    (2, 0.19),
                    (3, 0.271),
                    (5, 0.40951),
                    (10, 0.651322),
                    (20, 0.878423),
                ],
            ),
            (
                0.999,
                [
                    (1, 0.001),
                    (2, 0.001999),
                    (3, 0.002997),
                    (5, 0.00499),
                    (10, 0.009955),
                    (20, 0.019811),
                ],
            ),
        ];
        for (beta, fills) in table {
            for (t, by_hand) in fills {
                let ours = zero_start_fill(beta, t);
                assert!(
                    (ours - by_hand).abs() < 1e-5,
                    "β = {beta}, t = {t}: an average fed ones from zero holds {by_hand}, \
                     zero_start_fill says {ours}"
                );
            }
        }
    }

    #[test]
    fn corrected_moments_recover_a_constant_gradient() {
        // Under a constant gradient g = 0.5, m_t = fill(β1, t) · g and
        // v_t = fill(β2, t) · g², so dividing by the fill gives back g and g²
        // at every step: that division is Adam's bias correction.
        let step = AdamStep::new(
            AdamConfig::with_defaults(LearningRate::new(0.1).unwrap()),
            |_: &ParameterVector| Gradient::new(vec![0.5]),
        );
        let mut state = AdamState::initial(ParameterVector::new(vec![1.0]).unwrap());
        for t in 1..=5 {
            state = step.apply(state).unwrap();
            let m_hat = state.first_moment().values()[0] / zero_start_fill(0.9, t);
            let v_hat = state.second_moment().values()[0] / zero_start_fill(0.999, t);
            assert!(
                (m_hat - 0.5).abs() < 1e-4 && (v_hat - 0.25).abs() < 1e-4,
                "step {t}: m / fill = {m_hat}, v / fill = {v_hat}; with a constant \
                 gradient 0.5 they should be 0.5 and 0.25"
            );
        }
    }
}
