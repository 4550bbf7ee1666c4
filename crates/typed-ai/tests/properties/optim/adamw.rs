//! AdamW: with zero decay it is Adam bit for bit, and with a vanishing
//! gradient the decoupled decay alone shrinks the parameters.

use proptest::prelude::{prop, prop_assert, prop_assert_eq, proptest};
use typed_ai::{
    AdamConfig, AdamState, AdamStep, AdamWStep, Gradient, LearningRate, MlResult, Morphism,
    ParameterVector, StepCount, WeightDecay, apply_endomorphism_n_times,
};

fn config() -> AdamConfig {
    AdamConfig::new(LearningRate::new(0.1).unwrap(), 0.9, 0.999, 1e-8).unwrap()
}

fn zero_gradient(p: &ParameterVector) -> MlResult<Gradient> {
    Gradient::new(vec![0.0; p.len()])
}

proptest! {
    #[test]
    fn adamw_with_zero_decay_equals_adam_exactly(
        start in prop::collection::vec(-5.0f32..5.0, 1..4),
        steps in 1usize..6,
    ) {
        // Gradient of f(p) = Σ p³/3 − p: non-linear, so the moments vary.
        let gradient = |p: &ParameterVector| {
            Gradient::new(p.values().iter().map(|x| x * x - 1.0).collect())
        };
        let state = AdamState::initial(ParameterVector::new(start).unwrap());
        let adam = AdamStep::new(config(), gradient);
        let adamw = AdamWStep::new(config(), WeightDecay::new(0.0).unwrap(), gradient);
        let a = apply_endomorphism_n_times(&adam, state.clone(), StepCount::new(steps)).unwrap();
        let w = apply_endomorphism_n_times(&adamw, state, StepCount::new(steps)).unwrap();
        prop_assert_eq!(a, w);
    }

    #[test]
    fn decay_shrinks_towards_zero_when_the_gradient_vanishes(p in -10.0f32..10.0, lambda in 0.0f32..1.0) {
        let step = AdamWStep::new(config(), WeightDecay::new(lambda).unwrap(), zero_gradient);
        let next = step.apply(AdamState::initial(ParameterVector::new(vec![p]).unwrap())).unwrap();
        let expected = p * (1.0 - 0.1 * lambda);
        prop_assert!((next.params().values()[0] - expected).abs() < 1e-5);
    }
}
