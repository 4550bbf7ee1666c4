//! The worked numbers of the AdamW card, checked against the arrow.
//!
//! `adamw_decay_stays_out_of_the_moments` is the regression test named in
//! `challenge.toml`: every mutant under `mutants/` must make it fail.

use adamw::{AdamWConfig, AdamWTrainStep};
use typed_ai::{
    AdamConfig, AdamState, AdamStep, Gradient, LearningRate, MlError, MlResult, Morphism,
    ParameterVector, StepCount, WeightDecay, apply_endomorphism_n_times,
};

fn config(lambda: f32) -> AdamWConfig {
    AdamWConfig::new(
        AdamConfig::new(LearningRate::new(0.1).unwrap(), 0.9, 0.999, 1e-8).unwrap(),
        WeightDecay::new(lambda).unwrap(),
    )
}

fn zero_gradient(p: &ParameterVector) -> MlResult<Gradient> {
    Gradient::new(vec![0.0; p.len()])
}

fn start(values: Vec<f32>) -> AdamState {
    AdamState::initial(ParameterVector::new(values).unwrap())
}

#[test]
fn adamw_decay_stays_out_of_the_moments() {
    // g = 0, λ = 0.1, lr = 0.1, p = 1:
    //   m = v = 0, so m̂ / (√v̂ + ε) = 0 / (0 + 1e-8) = 0,
    //   p = 1 − 0.1·(0 + 0.1·1) = 0.99, and m and v stay exactly 0.
    // L2-coupled, λ·p = 0.1 would enter g: m = 0.01, v = 1e-5, p = 0.9.
    let next = AdamWTrainStep::new(config(0.1), zero_gradient)
        .apply(start(vec![1.0]))
        .unwrap();
    assert_eq!(
        next.first_moment().values(),
        &[0.0],
        "the decay leaked into the first moment"
    );
    assert_eq!(
        next.second_moment().values(),
        &[0.0],
        "the decay leaked into the second moment"
    );
    let p = next.params().values()[0];
    assert!(
        (p - 0.99).abs() < 1e-7,
        "with a zero gradient AdamW must give p·(1 − lr·λ) = 0.99, got {p}"
    );
}

#[test]
fn decay_compounds_step_after_step() {
    // 0.99 · (1 − 0.01) = 0.9801
    let step = AdamWTrainStep::new(config(0.1), zero_gradient);
    let two = apply_endomorphism_n_times(&step, start(vec![1.0]), StepCount::new(2)).unwrap();
    assert!((two.params().values()[0] - 0.9801).abs() < 1e-6);
}

#[test]
fn decay_is_the_same_fraction_for_every_weight() {
    // Decoupled decay shrinks every weight by the factor 1 − lr·λ = 0.99,
    // whatever its size: [1, 100, −4] → [0.99, 99, −3.96].
    let next = AdamWTrainStep::new(config(0.1), zero_gradient)
        .apply(start(vec![1.0, 100.0, -4.0]))
        .unwrap();
    for (got, want) in next.params().values().iter().zip([0.99, 99.0, -3.96]) {
        assert!((got - want).abs() < 1e-4, "{:?}", next.params().values());
    }
}

#[test]
fn adamw_with_zero_decay_equals_adam_exactly() {
    // The gradient of Σ p³/3 − p: non-linear, so the moments change shape.
    let gradient =
        |p: &ParameterVector| Gradient::new(p.values().iter().map(|x| x * x - 1.0).collect());
    let adamw = AdamWTrainStep::new(config(0.0), gradient);
    let adam = AdamStep::new(*config(0.0).adam(), gradient);
    for init in [vec![2.0], vec![-1.5, 0.25, 3.0]] {
        let w = apply_endomorphism_n_times(&adamw, start(init.clone()), StepCount::new(5)).unwrap();
        let a = apply_endomorphism_n_times(&adam, start(init), StepCount::new(5)).unwrap();
        assert_eq!(w, a, "λ = 0 must turn AdamW into typed_ai's Adam");
    }
}

#[test]
fn weight_decay_must_be_finite_and_non_negative() {
    for bad in [-0.1, f32::NAN, f32::INFINITY] {
        assert!(WeightDecay::new(bad).is_err(), "λ = {bad} was accepted");
    }
}

#[test]
fn gradient_width_drift_is_rejected() {
    let step = AdamWTrainStep::new(config(0.1), |_: &ParameterVector| {
        Gradient::new(vec![0.0, 0.0])
    });
    assert!(matches!(
        step.apply(start(vec![1.0])),
        Err(MlError::ShapeMismatch {
            op: "AdamW gradient",
            ..
        })
    ));
}
