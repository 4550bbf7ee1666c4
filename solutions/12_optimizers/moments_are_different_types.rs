// Chapter 12.6: Adam's two moments are different types
//
// Per parameter, Adam remembers the first moment m (a moving average of the
// gradient: which way, on average) and the second moment v (a moving average
// of the squared gradient: how large, on average). The step divides one by
// the root of the other, m̂ / √v̂, so swapping them is no small slip: the
// step then points along the squared gradient, which is never negative.
// Both are lists of f32, and in NumPy nothing stops `m, v = v, m`. The
// step then divides by √m̂, and m̂ is negative wherever the gradient points
// down on average (typically about half the coordinates): `np.sqrt` returns
// NaN there, with only a warning, and those weights are NaN after the first
// step. The library gives them two types,
// `FirstMoment` and `SecondMoment`, but a type only helps where it is used.
//
// Below, `update_moments` returns bare `Vec<f32>`s and `adam_update` takes
// bare slices, and the call in `apply` passes them in the wrong order. It
// compiles, and the test catches the first step going nowhere.
//
// This is a design exercise: fix it in two moves.
//   1. Let the moments keep their types wherever they travel:
//      `update_moments` returns `(FirstMoment, SecondMoment)` and
//      `adam_update` takes `m: &FirstMoment, v: &SecondMoment`. rustc then
//      points at the swap.
//   2. Fix the call it points at.
// Swapping the call alone makes the tests pass but leaves the door open: the
// course also requires that this misuse no longer compiles,
//     let (m, v) = update_moments(&config, &state, &gradient)?;
//     let _ = adam_update(&config, state.params(), &v, &m, 1);
// and once the runner checks that, a file that only fixed the call does not
// pass. Done when the tests pass and the lines above are a type error.

use typed_ai::{
    AdamConfig, AdamState, AdamStep, FirstMoment, Gradient, LearningRate, MlResult, Morphism,
    ParameterVector, SecondMoment,
};

/// 1 − β^t: the fraction of its input a moving average that started at zero
/// holds after t steps.
fn zero_start_fill(beta: f32, t: usize) -> f32 {
    1.0 - beta.powi(i32::try_from(t).unwrap_or(i32::MAX))
}

/// Adam's two moving averages after seeing the gradient `g`:
///     m ← β1·m + (1 − β1)·g,    v ← β2·v + (1 − β2)·g²
/// Each leaves as its own type, so they cannot trade places later.
fn update_moments(
    config: &AdamConfig,
    state: &AdamState,
    g: &Gradient,
) -> MlResult<(FirstMoment, SecondMoment)> {
    let (beta1, beta2) = (config.beta1(), config.beta2());
    let previous = state.first_moment().values().iter();
    let m = previous
        .zip(g.values())
        .map(|(m, g)| beta1 * m + (1.0 - beta1) * g)
        .collect();
    let previous = state.second_moment().values().iter();
    let v = previous
        .zip(g.values())
        .map(|(v, g)| beta2 * v + (1.0 - beta2) * g * g)
        .collect();
    Ok((FirstMoment::new(m)?, SecondMoment::new(v)?))
}

/// The parameters after step number `t`:
///     p ← p − lr · m̂ / (√v̂ + ε),  m̂ = m / (1 − β1^t),  v̂ = v / (1 − β2^t)
/// The signature says which moment goes where.
fn adam_update(
    config: &AdamConfig,
    params: &ParameterVector,
    m: &FirstMoment,
    v: &SecondMoment,
    t: usize,
) -> MlResult<ParameterVector> {
    let lr = config.learning_rate().value();
    let moments = m.values().iter().zip(v.values());
    let next = params
        .values()
        .iter()
        .zip(moments)
        .map(|(p, (m, v))| {
            let m_hat = m / zero_start_fill(config.beta1(), t);
            let v_hat = v / zero_start_fill(config.beta2(), t);
            p - lr * m_hat / (v_hat.sqrt() + config.epsilon())
        })
        .collect();
    ParameterVector::new(next)
}

/// The gradient of f(p) = p² / 4, which is p / 2: 0.5 at p = 1.
fn gradient_of_quarter_square(params: &ParameterVector) -> MlResult<Gradient> {
    Gradient::new(params.values().iter().map(|p| p / 2.0).collect())
}

/// Adam on f(p) = p² / 4, as an arrow `AdamState → AdamState`.
struct Adam {
    config: AdamConfig,
}

impl Morphism<AdamState, AdamState> for Adam {
    fn name(&self) -> String {
        "adam".to_string()
    }

    fn apply(&self, state: AdamState) -> MlResult<AdamState> {
        let g = gradient_of_quarter_square(state.params())?;
        let t = state.step_count().next().get();
        let (m, v) = update_moments(&self.config, &state, &g)?;
        let params = adam_update(&self.config, state.params(), &m, &v, t)?;
        AdamState::new(params, m, v, state.step_count().next())
    }
}

/// lr 0.1 with the paper's β1 = 0.9, β2 = 0.999, ε = 1e-8.
fn config() -> MlResult<AdamConfig> {
    AdamConfig::new(LearningRate::new(0.1)?, 0.9, 0.999, 1e-8)
}

fn start() -> MlResult<AdamState> {
    Ok(AdamState::initial(ParameterVector::new(vec![1.0])?))
}

fn main() -> MlResult<()> {
    let adam = Adam { config: config()? };
    let mut state = start()?;
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
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adam_first_step() {
        // p = 1, so g = 0.5; t = 1:
        // m = 0.05, m̂ = 0.05 / 0.1 = 0.5; v = 0.00025, v̂ = 0.00025 / 0.001 = 0.25
        // p = 1 − 0.1 · 0.5 / (√0.25 + 1e-8) = 0.9
        // (Swapped: 0.0025 / √50 moves by 0.00004, to 0.99996.)
        let one = Adam {
            config: config().unwrap(),
        }
        .apply(start().unwrap())
        .unwrap();
        let p = one.params().values()[0];
        assert!(
            (p - 0.9).abs() < 1e-5,
            "after one Adam step the parameter is {p:.5}; the first step moves by lr = \
             0.1, to 0.9. Is m̂ divided by √v̂, or the other way round?"
        );
    }

    #[test]
    fn the_moments_are_stored_in_their_places() {
        let one = Adam {
            config: config().unwrap(),
        }
        .apply(start().unwrap())
        .unwrap();
        // m = 0.1 · 0.5 = 0.05 and v = 0.001 · 0.25 = 0.00025.
        let (m, v) = (
            one.first_moment().values()[0],
            one.second_moment().values()[0],
        );
        assert!(
            (m - 0.05).abs() < 1e-7 && (v - 0.000_25).abs() < 1e-8,
            "after one step the first moment must hold 0.05 and the second 0.00025; \
             got m = {m}, v = {v}"
        );
    }

    #[test]
    fn agrees_with_the_library_for_five_steps() {
        let ours = Adam {
            config: config().unwrap(),
        };
        let library = AdamStep::new(config().unwrap(), gradient_of_quarter_square);
        let (mut a, mut b) = (start().unwrap(), start().unwrap());
        for step in 1..=5 {
            a = ours.apply(a).unwrap();
            b = library.apply(b).unwrap();
            let (p, q) = (a.params().values()[0], b.params().values()[0]);
            assert!(
                (p - q).abs() < 1e-5,
                "step {step}: this Adam gives {p}, the library's AdamStep {q}"
            );
        }
    }
}

// Wrong fixes this file's tests reject, or its obligation does:
// - swapping the call only, with the bare lists kept: the tests pass, but
//   `adam_update(.., &v, &m, ..)` still compiles, so the
//   `must_not_compile` row `second_moment_is_not_the_first` fails.
// - typing `adam_update` but wrapping at the call,
//   `&FirstMoment::new(v.clone())?`: the swap compiles again under a new
//   label, and `adam_first_step` fails.
