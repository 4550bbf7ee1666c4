// Chapter 12.5: the first Adam step is step t = 1
//
// `AdamState` counts the steps already taken: 0 before training starts. The
// bias correction of the step being taken needs that step's own number t,
// and the fill of an average after t steps is 1 − β^t. Before any step, the
// averages hold nothing at all: 1 − β^0 = 0. Divide by that and m̂ and v̂
// become infinite, infinity over infinity is NaN, and `ParameterVector::new`
// refuses a NaN parameter.
//
// The Adam step below is assembled from the pieces of the last two
// exercises, and `step_number` numbers the steps wrongly. Run it and read
// the error `main` returns. Done means `main` runs to the end: it prints
// three steps and checks the last one against the value worked out by hand.

use typed_ai::{
    AdamConfig, AdamState, AdamStepCount, FirstMoment, Gradient, LearningRate, MlResult, Morphism,
    ParameterVector, SecondMoment,
};

/// The number t of the step about to be taken, for a state that has already
/// taken `taken` steps.
fn step_number(taken: AdamStepCount) -> usize {
    // The state counts the steps already taken; the one being taken is the
    // next one. So the first step has t = 1, and 1 − β^t is never 0.
    taken.next().get()
}

/// 1 − β^t: the fraction of its input a moving average that started at zero
/// holds after t steps.
fn zero_start_fill(beta: f32, t: usize) -> f32 {
    1.0 - beta.powi(i32::try_from(t).unwrap_or(i32::MAX))
}

/// Adam on f(p) = p² / 4, whose gradient is p / 2.
struct Adam {
    config: AdamConfig,
}

impl Morphism<AdamState, AdamState> for Adam {
    fn name(&self) -> String {
        "adam".to_string()
    }

    fn apply(&self, state: AdamState) -> MlResult<AdamState> {
        let (params, m, v, taken) = state.into_parts();
        let g = Gradient::new(params.values().iter().map(|p| p / 2.0).collect())?;
        let (beta1, beta2) = (self.config.beta1(), self.config.beta2());
        let t = step_number(taken);
        let (lr, eps) = (self.config.learning_rate().value(), self.config.epsilon());
        let mut next = (Vec::new(), Vec::new(), Vec::new());
        for ((p, g), (m, v)) in params
            .values()
            .iter()
            .zip(g.values())
            .zip(m.values().iter().zip(v.values()))
        {
            let m = beta1 * m + (1.0 - beta1) * g;
            let v = beta2 * v + (1.0 - beta2) * g * g;
            let (m_hat, v_hat) = (m / zero_start_fill(beta1, t), v / zero_start_fill(beta2, t));
            next.0.push(p - lr * m_hat / (v_hat.sqrt() + eps));
            next.1.push(m);
            next.2.push(v);
        }
        AdamState::new(
            ParameterVector::new(next.0)?,
            FirstMoment::new(next.1)?,
            SecondMoment::new(next.2)?,
            taken.next(),
        )
    }
}

fn main() -> MlResult<()> {
    // lr 0.1 with the paper's β1 = 0.9, β2 = 0.999, ε = 1e-8.
    let adam = Adam {
        config: AdamConfig::new(LearningRate::new(0.1)?, 0.9, 0.999, 1e-8)?,
    };
    let mut state = AdamState::initial(ParameterVector::new(vec![1.0])?);
    println!("step |        m |          v | parameter");
    for _ in 0..3 {
        state = adam.apply(state)?;
        println!(
            "{:>4} | {:>8.5} | {:>10.7} | {:>9.5}",
            state.step_count().get(),
            state.first_moment().values()[0],
            state.second_moment().values()[0],
            state.params().values()[0]
        );
    }
    // By hand, with g = p / 2 and t = 1, 2, 3:
    // step 1: m = 0.05,   v = 0.00025,    m̂ = 0.5,    v̂ = 0.25,   p = 0.9
    // step 2: m = 0.09,   v = 0.00045225, m̂ = 0.4737, v̂ = 0.2262, p = 0.8004
    // step 3: m = 0.1210, v = 0.00061196, m̂ = 0.4466, v̂ = 0.2042, p = 0.7016
    let p = state.params().values()[0];
    assert!(
        (p - 0.701_587).abs() < 1e-4,
        "after three Adam steps the parameter is {p:.4}; expected 0.7016"
    );
    Ok(())
}

// Wrong fixes `main` rejects:
// - `taken.get().max(1)` (patching the NaN away): the first two steps both
//   use t = 1, so the second step divides by the one-step fill 0.1 instead
//   of 0.19 and moves too far (to 0.7662), and the final assert fails.
// - `taken.get() + 2` (one too many): the corrections are too small from
//   the start, the first step is shorter than lr, and the final assert
//   fails.
