//! The worked numbers of the Adam card, checked against the arrow.
//!
//! `adam_first_step_bias_corrected` is the regression test named in
//! `challenge.toml`: every mutant under `mutants/` must make it fail.

use adam::{AdamTrainStep, bias_correction};
use typed_ai::{
    AdamConfig, AdamState, AdamStepCount, Gradient, LearningRate, MlError, MlResult, Morphism,
    ParameterVector, StepCount, apply_endomorphism_n_times,
};

fn config(lr: f32) -> AdamConfig {
    AdamConfig::new(LearningRate::new(lr).unwrap(), 0.9, 0.999, 1e-8).unwrap()
}

/// The gradient of f(p) = p²/4, which is p/2: 0.5 at p = 1.
fn quarter_square(p: &ParameterVector) -> MlResult<Gradient> {
    Gradient::new(p.values().iter().map(|x| 0.5 * x).collect())
}

fn start() -> AdamState {
    AdamState::initial(ParameterVector::new(vec![1.0]).unwrap())
}

#[test]
fn adam_first_step_bias_corrected() {
    // p = 1, g = 0.5, lr = 0.1, β1 = 0.9, β2 = 0.999, ε = 1e-8, t = 1:
    //   m = 0.9·0 + 0.1·0.5     = 0.05      m̂ = 0.05 / (1 − 0.9)      = 0.5
    //   v = 0.999·0 + 0.001·0.25 = 0.00025  v̂ = 0.00025 / (1 − 0.999) = 0.25
    //   p = 1 − 0.1 · 0.5 / (√0.25 + 1e-8) = 1 − 0.1 · 0.99999998 ≈ 0.9
    // Without the correction: p = 1 − 0.1 · 0.05 / (√0.00025 + 1e-8)
    //   = 1 − 0.1 · 3.162277 = 0.683772, a first step 3.16× too large.
    let next = AdamTrainStep::new(config(0.1), quarter_square)
        .apply(start())
        .unwrap();
    let p = next.params().values()[0];
    assert!(
        (p - 0.9).abs() < 1e-6,
        "the first Adam step moved p from 1 to {p}; bias-corrected it is 0.9 \
         (0.6838 means the moments were used without dividing by 1 − βᵗ)"
    );
    let m = next.first_moment().values()[0];
    let v = next.second_moment().values()[0];
    assert!((m - 0.05).abs() < 1e-7, "first moment {m}, expected 0.05");
    // 1 − 0.999 is 0.0010000467 in f32, so v lands within 1e-8 of 0.00025.
    assert!(
        (v - 0.000_25).abs() < 1e-8,
        "second moment {v}, expected 0.00025"
    );
    assert_eq!(
        next.step_count(),
        AdamStepCount::new(1),
        "one step must advance the step count t from 0 to exactly 1"
    );
}

#[test]
fn adam_second_step() {
    // From p = 0.9, m = 0.05, v = 0.00025, t = 2, g = 0.9 / 2 = 0.45:
    //   m = 0.9·0.05 + 0.1·0.45 = 0.09                 m̂ = 0.09 / 0.19        = 0.473684
    //   v = 0.999·0.00025 + 0.001·0.2025 = 0.00045225  v̂ = 0.00045225 / 0.001999 = 0.226238
    //   p = 0.9 − 0.1 · 0.473684 / (0.475645 + 1e-8) = 0.9 − 0.0995877 = 0.800412
    let step = AdamTrainStep::new(config(0.1), quarter_square);
    let two = apply_endomorphism_n_times(&step, start(), StepCount::new(2)).unwrap();
    let p = two.params().values()[0];
    assert!(
        (p - 0.800_412).abs() < 1e-5,
        "the second Adam step gave {p}"
    );
    assert!((two.first_moment().values()[0] - 0.09).abs() < 1e-6);
    assert!((two.second_moment().values()[0] - 0.000_452_25).abs() < 1e-8);
    assert_eq!(two.step_count().get(), 2);
}

#[test]
fn adam_rejects_dimension_drift() {
    let step = AdamTrainStep::new(config(0.1), |_: &ParameterVector| {
        Gradient::new(vec![0.5, 0.5])
    });
    assert_eq!(
        step.apply(start()),
        Err(MlError::ShapeMismatch {
            op: "Adam gradient",
            expected: "gradient of width 1 (one entry per parameter)".to_string(),
            got: "width 2".to_string(),
        })
    );
}

#[test]
fn the_first_step_has_size_lr_whatever_the_gradient() {
    // At t = 1, m̂ = g and v̂ = g², so the step is lr·g / (|g| + ε) ≈ lr·sign(g):
    // Adam's first steps are well scaled however large the gradient is.
    for g in [-100.0_f32, -3.0, -0.5, 0.5, 2.0, 50.0] {
        let step = AdamTrainStep::new(config(0.01), move |_: &ParameterVector| {
            Gradient::new(vec![g])
        });
        let moved = 1.0 - step.apply(start()).unwrap().params().values()[0];
        assert!(
            (moved - 0.01 * g.signum()).abs() < 1e-5,
            "with g = {g} the first step moved p by {moved}, expected ±lr = ±0.01"
        );
    }
}

#[test]
fn t_advances_by_exactly_one() {
    let step = AdamTrainStep::new(config(0.01), quarter_square);
    for steps in [0, 1, 5] {
        let end = apply_endomorphism_n_times(&step, start(), StepCount::new(steps)).unwrap();
        assert_eq!(end.step_count().get(), steps);
    }
}

#[test]
fn the_correction_fades_to_one() {
    // 1 − 0.9¹ = 0.1, 1 − 0.9² = 0.19, and after many steps βᵗ → 0.
    assert!((bias_correction(0.9, 1) - 0.1).abs() < 1e-7);
    assert!((bias_correction(0.9, 2) - 0.19).abs() < 1e-7);
    assert_eq!(bias_correction(0.999, usize::MAX), 1.0);
}
