//! Adam's first steps, one line per step: the moments m and v, their
//! bias-corrected versions m̂ and v̂, and the parameter, next to what the same
//! steps would give without bias correction. Then Adam and plain SGD train
//! the tiny next-token model side by side.
//!
//! Run with `cargo run -p typed-ai --example adam`.

use typed_ai::{
    AdamConfig, AdamState, AdamStep, Gradient, LearningRate, MlResult, ModelDimension, Morphism,
    ParameterVector, Parameters, Seed, SgdStep, TokenSequence, VocabSize, loss_gradient, mean_loss,
    next_token_examples,
};

/// The gradient of f(p) = p²/4: 0.5 at p = 1, as in the paper card.
fn quarter_square(p: &ParameterVector) -> MlResult<Gradient> {
    Gradient::new(p.values().iter().map(|x| 0.5 * x).collect())
}

fn main() -> MlResult<()> {
    let config = AdamConfig::new(LearningRate::new(0.1)?, 0.9, 0.999, 1e-8)?;
    let (beta1, beta2, eps) = (config.beta1(), config.beta2(), config.epsilon());
    let step = AdamStep::new(config, quarter_square);
    println!("Adam on f(p) = p²/4 from p = 1 (gradient 0.5), lr 0.1, β1 0.9, β2 0.999, ε 1e-8\n");
    println!(
        "{:>2} {:>9} {:>11} {:>12} {:>8} {:>8} {:>10} {:>14}",
        "t", "g", "m", "v", "m_hat", "v_hat", "p", "p uncorrected"
    );

    let mut state = AdamState::initial(ParameterVector::new(vec![1.0])?);
    // The same recurrence without bias correction, tracked by hand.
    let (mut raw_p, mut raw_m, mut raw_v) = (1.0_f32, 0.0_f32, 0.0_f32);
    for _ in 0..5 {
        let g = quarter_square(state.params())?.values()[0];
        state = step.apply(state)?;
        let t = state.step_count().get();
        let exponent = i32::try_from(t).unwrap_or(i32::MAX);
        let m = state.first_moment().values()[0];
        let v = state.second_moment().values()[0];
        let m_hat = m / (1.0 - beta1.powi(exponent));
        let v_hat = v / (1.0 - beta2.powi(exponent));

        let raw_g = 0.5 * raw_p;
        raw_m = beta1 * raw_m + (1.0 - beta1) * raw_g;
        raw_v = beta2 * raw_v + (1.0 - beta2) * raw_g * raw_g;
        raw_p -= 0.1 * raw_m / (raw_v.sqrt() + eps);

        println!(
            "{t:>2} {g:>9.6} {m:>11.6} {v:>12.8} {m_hat:>8.5} {v_hat:>8.5} {:>10.6} {raw_p:>14.6}",
            state.params().values()[0]
        );
    }
    println!(
        "\nThe first corrected step moves exactly lr = 0.1 (to 0.9); without correction\n\
         m and v are still near their zero start and the step is 3.16× too large (to 0.6838).\n"
    );

    train_the_tiny_model()
}

fn train_the_tiny_model() -> MlResult<()> {
    let shape = Parameters::seeded(VocabSize::new(3)?, ModelDimension::new(4)?, Seed::new(5));
    let data = next_token_examples(&TokenSequence::from_indices(&[0, 1, 2, 0, 1, 2, 0, 1])?)?;
    let gradient = |p: &ParameterVector| {
        let params = p.to_parameters(&shape)?;
        Gradient::new(loss_gradient(&params, &data)?.values().to_vec())
    };
    let loss = |p: &ParameterVector| -> MlResult<f32> {
        Ok(mean_loss(&p.to_parameters(&shape)?, &data)?.value())
    };

    let adam = AdamStep::new(
        AdamConfig::with_defaults(LearningRate::new(0.05)?),
        gradient,
    );
    let sgd = SgdStep::new(LearningRate::new(0.05)?, gradient);
    println!(
        "The tiny model on 0 1 2 0 1 2 0 1, lr 0.05 for both (uniform guess: ln 3 = 1.0986)\n"
    );
    println!("{:>5} {:>10} {:>10}", "step", "Adam", "SGD");
    let mut adam_state = AdamState::initial(ParameterVector::from_parameters(&shape));
    let mut sgd_params = ParameterVector::from_parameters(&shape);
    for step in 0..=40 {
        if step % 5 == 0 {
            println!(
                "{step:>5} {:>10.4} {:>10.4}",
                loss(adam_state.params())?,
                loss(&sgd_params)?
            );
        }
        adam_state = adam.apply(adam_state)?;
        sgd_params = sgd.apply(sgd_params)?;
    }
    Ok(())
}
