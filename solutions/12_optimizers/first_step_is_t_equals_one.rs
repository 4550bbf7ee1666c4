// The first Adam step is step t = 1.
//
// `AdamState` counts the steps already taken: 0 before training starts. The
// bias correction of the step being taken uses t = steps taken + 1, so the
// first step has t = 1 and 1 - beta^1 = 0.1. With t = 0 the correction is
// 1 - beta^0 = 0: m_hat and v_hat become infinite, infinity over infinity is
// NaN, and `ParameterVector::new` refuses a NaN parameter.
//
// Run it and read the error `main` returns. Fix the marked line. Done
// means `main` runs to the end: it prints three steps and checks the last one
// against the value worked out by hand.

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
        // The state counts steps already taken; this step is one more. So the
        // first step has t = 1 and 1 - beta^t is never 0.
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
    // By hand, with g = p / 2 and t = 1, 2, 3:
    // step 1: m = 0.05,   v = 0.00025,   m_hat = 0.5,    v_hat = 0.25,   p = 0.9
    // step 2: m = 0.09,   v = 0.00045225, m_hat = 0.4737, v_hat = 0.2262, p = 0.8004
    // step 3: m = 0.1210, v = 0.00061196, m_hat = 0.4466, v_hat = 0.2042, p = 0.7016
    let p = state.params().values()[0];
    assert!(
        (p - 0.701_587).abs() < 1e-4,
        "after three Adam steps the parameter is {p:.4}; expected 0.7016"
    );
    Ok(())
}
