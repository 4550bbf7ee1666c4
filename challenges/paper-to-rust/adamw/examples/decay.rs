//! AdamW with a zero loss gradient: only the decoupled decay moves the
//! weights, and the moments stay at zero. `challenge.toml`'s ledger names the
//! lines this example must print.

use adamw::{AdamWConfig, AdamWTrainStep};
use typed_ai::{
    AdamConfig, AdamState, AdamStep, Gradient, LearningRate, MlResult, Morphism, ParameterVector,
    StepCount, WeightDecay, apply_endomorphism_n_times,
};

fn main() -> MlResult<()> {
    let adam = AdamConfig::new(LearningRate::new(0.1)?, 0.9, 0.999, 1e-8)?;
    let config = AdamWConfig::new(adam, WeightDecay::new(0.1)?);
    let step = AdamWTrainStep::new(config, |p: &ParameterVector| {
        Gradient::new(vec![0.0; p.len()])
    });
    println!("AdamW, lr 0.1, λ 0.1, zero loss gradient, from p = 1");

    let one = step.apply(AdamState::initial(ParameterVector::new(vec![1.0])?))?;
    println!(
        "step 1: p = {:.4}, m = {}, v = {}",
        one.params().values()[0],
        one.first_moment().values()[0],
        one.second_moment().values()[0]
    );
    let two = step.apply(one)?;
    println!("step 2: p = {:.4}", two.params().values()[0]);

    let gradient =
        |p: &ParameterVector| Gradient::new(p.values().iter().map(|x| x * x - 1.0).collect());
    let undecayed = AdamWTrainStep::new(AdamWConfig::new(adam, WeightDecay::new(0.0)?), gradient);
    let start = AdamState::initial(ParameterVector::new(vec![2.0, -0.5])?);
    let w = apply_endomorphism_n_times(&undecayed, start.clone(), StepCount::new(5))?;
    let a = apply_endomorphism_n_times(&AdamStep::new(adam, gradient), start, StepCount::new(5))?;
    println!("λ = 0: AdamW equals Adam after 5 steps: {}", w == a);
    Ok(())
}
