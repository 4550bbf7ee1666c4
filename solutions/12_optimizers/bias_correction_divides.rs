// Bias correction divides m by 1 - beta1^t and v by 1 - beta2^t.
//
// After one step from zero, m = 0.1 * g and v = 0.001 * g^2: both far too
// small, and not by the same factor. Dividing by 1 - beta^t scales each back
// up to the size of what it averages (on the first step m_hat = g exactly and
// v_hat = g^2), so Adam's first step moves by about lr whatever the size of
// the gradient. With the raw moments the first step here is 3.16 times too
// long.
//
// The update below uses the raw moments. Fix the two marked lines
// with the `bias_correction` helper. Done means the tests pass; they are the
// definition of done, do not edit them.

use typed_ai::{
    AdamConfig, AdamState, FirstMoment, Gradient, LearningRate, MlResult, Morphism,
    ParameterVector, SecondMoment,
};

/// The gradient of f(p) = p^2 / 4, which is p / 2: 0.5 at p = 1.
fn gradient_of_quarter_square(params: &ParameterVector) -> MlResult<Gradient> {
    Gradient::new(params.values().iter().map(|p| p / 2.0).collect())
}

/// 1 - beta^t: how far a moving average that started at zero has filled up
/// after t steps (0.1 after one step with beta = 0.9).
fn bias_correction(beta: f32, t: usize) -> f32 {
    // `powi` takes an `i32`. No training run comes near i32::MAX steps, and
    // beyond it beta^t is 0 anyway, so saturating is exact.
    1.0 - beta.powi(i32::try_from(t).unwrap_or(i32::MAX))
}

/// Adam's two moving averages after seeing the gradient `g`:
///     m <- beta1 * m + (1 - beta1) * g
///     v <- beta2 * v + (1 - beta2) * g^2
fn update_moments(
    config: &AdamConfig,
    state: &AdamState,
    g: &Gradient,
) -> MlResult<(FirstMoment, SecondMoment)> {
    let (beta1, beta2) = (config.beta1(), config.beta2());
    let m: Vec<f32> = state
        .first_moment()
        .values()
        .iter()
        .zip(g.values())
        .map(|(m, g)| beta1 * m + (1.0 - beta1) * g)
        .collect();
    let v: Vec<f32> = state
        .second_moment()
        .values()
        .iter()
        .zip(g.values())
        .map(|(v, g)| beta2 * v + (1.0 - beta2) * g * g)
        .collect();
    Ok((FirstMoment::new(m)?, SecondMoment::new(v)?))
}

/// The parameter update of step t, from the new moments:
///     m_hat = m / (1 - beta1^t)
///     v_hat = v / (1 - beta2^t)
///     p <- p - lr * m_hat / (sqrt(v_hat) + eps)
fn update_params(
    config: &AdamConfig,
    params: &ParameterVector,
    m: &FirstMoment,
    v: &SecondMoment,
    t: usize,
) -> MlResult<ParameterVector> {
    let lr = config.learning_rate().value();
    let mut next = Vec::new();
    for (i, p) in params.values().iter().enumerate() {
        // Both averages started at zero and have only filled 1 - beta^t of
        // the way; dividing undoes that, so m_hat and v_hat estimate g and g^2.
        let m_hat = m.values()[i] / bias_correction(config.beta1(), t);
        let v_hat = v.values()[i] / bias_correction(config.beta2(), t);
        next.push(p - lr * m_hat / (v_hat.sqrt() + config.epsilon()));
    }
    ParameterVector::new(next)
}

/// Adam on f(p) = p^2 / 4, as an arrow `AdamState -> AdamState`.
struct Adam {
    config: AdamConfig,
}

impl Morphism<AdamState, AdamState> for Adam {
    fn name(&self) -> String {
        "adam".to_string()
    }

    fn apply(&self, state: AdamState) -> MlResult<AdamState> {
        let g = gradient_of_quarter_square(state.params())?;
        // t numbers this step: 1 for the first step, so 1 - beta^t is never 0.
        let t = state.step_count().get() + 1;
        let (m, v) = update_moments(&self.config, &state, &g)?;
        let params = update_params(&self.config, state.params(), &m, &v, t)?;
        AdamState::new(params, m, v, state.step_count().next())
    }
}

/// lr 0.1 with the paper's defaults: beta1 0.9, beta2 0.999, eps 1e-8.
fn adam() -> MlResult<Adam> {
    Ok(Adam {
        config: AdamConfig::new(LearningRate::new(0.1)?, 0.9, 0.999, 1e-8)?,
    })
}

fn start() -> MlResult<AdamState> {
    Ok(AdamState::initial(ParameterVector::new(vec![1.0])?))
}

fn main() -> MlResult<()> {
    let step = adam()?;
    let mut state = start()?;
    println!("step |        m |          v | parameter");
    for _ in 0..3 {
        state = step.apply(state)?;
        println!(
            "{:>4} | {:>8.5} | {:>10.7} | {:>9.5}",
            state.step_count().get(),
            state.first_moment().values()[0],
            state.second_moment().values()[0],
            state.params().values()[0]
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::{StepCount, apply_endomorphism_n_times};

    #[test]
    fn adam_first_step() {
        // p = 1, so g = 0.5; t = 1:
        // m = 0.9 * 0 + 0.1 * 0.5 = 0.05          m_hat = 0.05 / (1 - 0.9) = 0.5
        // v = 0.999 * 0 + 0.001 * 0.25 = 0.00025  v_hat = 0.00025 / (1 - 0.999) = 0.25
        // p = 1 - 0.1 * 0.5 / (sqrt(0.25) + 1e-8) = 0.9
        let one = adam().unwrap().apply(start().unwrap()).unwrap();
        let p = one.params().values()[0];
        assert!(
            (p - 0.9).abs() < 1e-5,
            "after one Adam step the parameter is {p:.4}; with bias correction the \
             first step moves by lr = 0.1, so it must be 0.9"
        );
    }

    #[test]
    fn first_step_moments() {
        let one = adam().unwrap().apply(start().unwrap()).unwrap();
        let m = one.first_moment().values()[0];
        let v = one.second_moment().values()[0];
        assert!(
            (m - 0.05).abs() < 1e-6,
            "the first moment after one step is {m}; m = 0.1 * g = 0.1 * 0.5 = 0.05"
        );
        assert!(
            (v - 0.000_25).abs() < 1e-7,
            "the second moment after one step is {v}; v = 0.001 * g^2 = 0.001 * 0.25 = 0.00025"
        );
    }

    #[test]
    fn adam_second_step() {
        // From p = 0.9, so g = 0.45; t = 2:
        // m = 0.9 * 0.05 + 0.1 * 0.45 = 0.09                 m_hat = 0.09 / 0.19 = 0.4737
        // v = 0.999 * 0.00025 + 0.001 * 0.2025 = 0.00045225  v_hat = 0.00045225 / 0.001999 = 0.2262
        // p = 0.9 - 0.1 * 0.4737 / (sqrt(0.2262) + 1e-8) = 0.9 - 0.0996 = 0.8004
        let two = apply_endomorphism_n_times(&adam().unwrap(), start().unwrap(), StepCount::new(2))
            .unwrap();
        let p = two.params().values()[0];
        assert!(
            (p - 0.800_412).abs() < 1e-4,
            "after two Adam steps the parameter is {p:.4}; expected 0.8004"
        );
        assert_eq!(two.step_count().get(), 2, "two steps were taken");
    }
}
