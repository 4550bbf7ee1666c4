//! Every optimizer in `optim`, driven by the tiny model's exact gradient,
//! lowers the model's loss: the optimizers and the model meet through
//! `ParameterVector::from_parameters` / `to_parameters`.

use typed_ai::{
    AdamConfig, AdamState, AdamStep, AdamWStep, Gradient, LearningRate, MlResult, ModelDimension,
    MomentumCoefficient, MomentumState, MomentumStep, ParameterVector, Parameters, Seed, SgdStep,
    StepCount, TokenSequence, TrainingSet, VocabSize, WeightDecay, apply_endomorphism_n_times,
    loss_gradient, mean_loss, next_token_examples,
};

fn setup() -> (Parameters, TrainingSet) {
    let shape = Parameters::seeded(
        VocabSize::new(3).unwrap(),
        ModelDimension::new(4).unwrap(),
        Seed::new(5),
    );
    let data =
        next_token_examples(&TokenSequence::from_indices(&[0, 1, 2, 0, 1, 2, 0, 1]).unwrap())
            .unwrap();
    (shape, data)
}

/// The loss gradient of the tiny model, seen through the flat view.
fn gradient_of<'a>(
    shape: &'a Parameters,
    data: &'a TrainingSet,
) -> impl Fn(&ParameterVector) -> MlResult<Gradient> + 'a {
    move |p: &ParameterVector| {
        let params = p.to_parameters(shape)?;
        Gradient::new(loss_gradient(&params, data)?.values().to_vec())
    }
}

fn loss_at(p: &ParameterVector, shape: &Parameters, data: &TrainingSet) -> f32 {
    mean_loss(&p.to_parameters(shape).unwrap(), data)
        .unwrap()
        .value()
}

#[test]
fn every_optimizer_lowers_the_loss() {
    let (shape, data) = setup();
    let start = ParameterVector::from_parameters(&shape);
    let before = loss_at(&start, &shape, &data);
    let steps = StepCount::new(60);

    let sgd = SgdStep::new(LearningRate::new(0.5).unwrap(), gradient_of(&shape, &data));
    let after_sgd = apply_endomorphism_n_times(&sgd, start.clone(), steps).unwrap();

    let momentum = MomentumStep::new(
        LearningRate::new(0.1).unwrap(),
        MomentumCoefficient::new(0.9).unwrap(),
        gradient_of(&shape, &data),
    );
    let after_momentum =
        apply_endomorphism_n_times(&momentum, MomentumState::at_rest(start.clone()), steps)
            .unwrap();

    let config = AdamConfig::with_defaults(LearningRate::new(0.05).unwrap());
    let adam = AdamStep::new(config, gradient_of(&shape, &data));
    let after_adam =
        apply_endomorphism_n_times(&adam, AdamState::initial(start.clone()), steps).unwrap();

    let adamw = AdamWStep::new(
        config,
        WeightDecay::new(0.01).unwrap(),
        gradient_of(&shape, &data),
    );
    let after_adamw = apply_endomorphism_n_times(&adamw, AdamState::initial(start), steps).unwrap();

    // The sequence 0 → 1 → 2 → 0 is deterministic, so every optimizer should
    // get well below the loss of a uniform guess, ln 3 ≈ 1.0986.
    for (name, params) in [
        ("sgd", &after_sgd),
        ("momentum", after_momentum.params()),
        ("adam", after_adam.params()),
        ("adamw", after_adamw.params()),
    ] {
        let after = loss_at(params, &shape, &data);
        assert!(
            after < before && after < 0.1,
            "{name}: loss went from {before} to {after} in 60 steps"
        );
    }
    assert_eq!(after_adam.step_count().get(), 60);
}
