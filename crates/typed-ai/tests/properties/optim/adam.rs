//! Adam: the bias-corrected first step has size `lr` whatever the gradient,
//! and the step counter advances by exactly one per application.

use proptest::prelude::{prop, prop_assert, prop_assert_eq, proptest};
use typed_ai::{
    AdamConfig, AdamState, AdamStep, Gradient, LearningRate, MlResult, Morphism, ParameterVector,
    StepCount, apply_endomorphism_n_times,
};

fn config(lr: f32) -> AdamConfig {
    AdamConfig::new(LearningRate::new(lr).unwrap(), 0.9, 0.999, 1e-8).unwrap()
}

/// The gradient of f(p) = p²/4, which is 0.5 at p = 1.
fn quarter_square(p: &ParameterVector) -> MlResult<Gradient> {
    Gradient::new(p.values().iter().map(|x| 0.5 * x).collect())
}

fn start() -> AdamState {
    AdamState::initial(ParameterVector::new(vec![1.0]).unwrap())
}

proptest! {
    #[test]
    fn the_first_step_has_size_lr_whatever_the_gradient(g in prop::sample::select(vec![-100.0f32, -3.0, -0.5, 0.5, 2.0, 50.0])) {
        // At t = 1, m̂ = g and v̂ = g², so the step is lr·g/(|g| + ε) ≈ lr·sign(g):
        // the reason Adam's first steps are well scaled whatever the gradient size.
        let step = AdamStep::new(config(0.01), move |_: &ParameterVector| Gradient::new(vec![g]));
        let next = step.apply(start()).unwrap();
        let moved = 1.0 - next.params().values()[0];
        prop_assert!((moved - 0.01 * g.signum()).abs() < 1e-5, "moved {} for g = {}", moved, g);
    }

    #[test]
    fn t_advances_by_exactly_one(steps in 0usize..20) {
        let step = AdamStep::new(config(0.01), quarter_square);
        let end = apply_endomorphism_n_times(&step, start(), StepCount::new(steps)).unwrap();
        prop_assert_eq!(end.step_count().get(), steps);
    }
}
