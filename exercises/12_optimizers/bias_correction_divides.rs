// Chapter 12.4: bias correction divides both moments by their fill
//
// Adam moves each parameter by lr · m̂ / (√v̂ + ε), where m̂ and v̂ are the two
// moving averages corrected for their zero start: each divided by the
// fraction it has filled after t steps (the previous exercise's
// `zero_start_fill`, 1 − β^t). On the first step m = 0.1·g and
// v = 0.001·g², far too small and not by the same factor. Corrected, m̂ = g
// and v̂ = g², so the first step moves by lr·g / (|g| + ε): about lr, whatever
// the size of the gradient. With the raw moments, m / √v = 0.1·g / 0.0316·|g|
// and the first step is 3.16 times too long.
//
// `adam_move` below uses the raw moments. The tests compare the steps it
// makes with the library's `AdamStep`. Done when the tests pass; the tests
// at the bottom are the definition of done, do not edit them.

use typed_ai::{
    AdamConfig, AdamState, AdamStep, Gradient, LearningRate, MlResult, Morphism, ParameterVector,
};

/// 1 − β^t: the fraction of its input a moving average that started at zero
/// holds after t steps.
fn zero_start_fill(beta: f32, t: usize) -> f32 {
    1.0 - beta.powi(i32::try_from(t).unwrap_or(i32::MAX))
}

/// How far step number `t` moves one parameter, from the two moving
/// averages that step computed for it: move = lr · m̂ / (√v̂ + ε), where m̂
/// and v̂ are those averages corrected for their zero start.
fn adam_move(config: &AdamConfig, m: f32, v: f32, t: usize) -> f32 {
    // TODO: both moving averages started at zero. Correct them.
    let (m_hat, v_hat) = (m, v);
    config.learning_rate().value() * m_hat / (v_hat.sqrt() + config.epsilon())
}

/// Adam with lr 0.1 and the paper's β1 = 0.9, β2 = 0.999, ε = 1e-8.
fn config() -> MlResult<AdamConfig> {
    AdamConfig::new(LearningRate::new(0.1)?, 0.9, 0.999, 1e-8)
}

/// The gradient of f(p) = p² / 4, which is p / 2: 0.5 at p = 1.
fn gradient_of_quarter_square(params: &ParameterVector) -> MlResult<Gradient> {
    Gradient::new(params.values().iter().map(|p| p / 2.0).collect())
}

fn main() -> MlResult<()> {
    let config = config()?;
    let start = AdamState::initial(ParameterVector::new(vec![1.0])?);
    let after = AdamStep::new(config, gradient_of_quarter_square).apply(start)?;
    let (m, v) = (
        after.first_moment().values()[0],
        after.second_moment().values()[0],
    );
    println!("first step from p = 1: m = {m}, v = {v}");
    println!(
        "the library moves to {}, this update to {}",
        after.params().values()[0],
        1.0 - adam_move(&config, m, v, 1)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The library's state after `steps` Adam steps on p²/4 from p = 1.
    fn library_after(steps: usize) -> AdamState {
        let step = AdamStep::new(config().unwrap(), gradient_of_quarter_square);
        let start = AdamState::initial(ParameterVector::new(vec![1.0]).unwrap());
        (0..steps).fold(start, |state, _| step.apply(state).unwrap())
    }

    /// The parameter after step number `t` moved by `adam_move`, from the
    /// library's state before that step and the moments the library
    /// computed during it.
    fn ours(t: usize) -> f32 {
        let (before, after) = (library_after(t - 1), library_after(t));
        let p = before.params().values()[0];
        let (m, v) = (
            after.first_moment().values()[0],
            after.second_moment().values()[0],
        );
        p - adam_move(&config().unwrap(), m, v, t)
    }

    #[test]
    fn adam_first_step() {
        // p = 1, so g = 0.5, and t = 1:
        // m = 0.1 · 0.5 = 0.05          m̂ = 0.05 / (1 − 0.9) = 0.5
        // v = 0.001 · 0.25 = 0.00025    v̂ = 0.00025 / (1 − 0.999) = 0.25
        // p = 1 − 0.1 · 0.5 / (√0.25 + 1e-8) = 0.9
        // (Raw moments: 1 − 0.1 · 0.05 / √0.00025 = 1 − 0.3162 = 0.6838.)
        let p = ours(1);
        assert!(
            (p - 0.9).abs() < 1e-5,
            "after one Adam step the parameter is {p:.4}; with both moments \
             corrected the first step moves by lr = 0.1, to 0.9"
        );
    }

    #[test]
    fn adam_second_step() {
        // From p = 0.9, so g = 0.45, and t = 2:
        // m = 0.9 · 0.05 + 0.1 · 0.45 = 0.09                 m̂ = 0.09 / 0.19 = 0.4737
        // v = 0.999 · 0.00025 + 0.001 · 0.2025 = 0.00045225  v̂ = 0.00045225 / 0.001999 = 0.2262
        // p = 0.9 − 0.1 · 0.4737 / √0.2262 = 0.9 − 0.0996 = 0.8004
        let p = ours(2);
        assert!(
            (p - 0.800_412).abs() < 1e-4,
            "after two Adam steps the parameter is {p:.4}; expected 0.8004"
        );
    }

    #[test]
    fn agrees_with_the_library_for_five_steps() {
        for t in 1..=5 {
            let (ours, library) = (ours(t), library_after(t).params().values()[0]);
            assert!(
                (ours - library).abs() < 1e-5,
                "step {t}: this update gives {ours}, the library's AdamStep {library}"
            );
        }
    }
}
