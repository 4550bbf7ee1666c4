//! Two Adam steps on f(p) = p²/4 from p = 1, printing the moments and the
//! parameter after each step. `challenge.toml`'s ledger names the lines this
//! example must print.

use adam::AdamTrainStep;
use typed_ai::{
    AdamConfig, AdamState, Gradient, LearningRate, MlResult, Morphism, ParameterVector,
};

fn main() -> MlResult<()> {
    let config = AdamConfig::new(LearningRate::new(0.1)?, 0.9, 0.999, 1e-8)?;
    let step = AdamTrainStep::new(config, |p: &ParameterVector| {
        Gradient::new(p.values().iter().map(|x| 0.5 * x).collect())
    });
    println!("Adam on f(p) = p²/4 from p = 1 (lr 0.1, β1 0.9, β2 0.999, ε 1e-8)");

    let one = step.apply(AdamState::initial(ParameterVector::new(vec![1.0])?))?;
    let (m, v) = (
        one.first_moment().values()[0],
        one.second_moment().values()[0],
    );
    println!("step 1: m = {m:.4}, v = {v:.5}");
    println!(
        "step 1: p = {:.4} (bias-corrected)",
        one.params().values()[0]
    );
    // What the same moments would have done without the correction.
    let uncorrected = 1.0 - config.learning_rate().value() * m / (v.sqrt() + config.epsilon());
    println!("        p = {uncorrected:.4} had the raw moments been used");

    let two = step.apply(one)?;
    println!("step 2: p = {:.4}", two.params().values()[0]);
    println!("steps taken: {}", two.step_count().get());

    let drift = AdamTrainStep::new(config, |_: &ParameterVector| Gradient::new(vec![0.5, 0.5]))
        .apply(AdamState::initial(ParameterVector::new(vec![1.0])?));
    if let Err(error) = drift {
        println!("a gradient of the wrong width: {error}");
    }
    Ok(())
}
