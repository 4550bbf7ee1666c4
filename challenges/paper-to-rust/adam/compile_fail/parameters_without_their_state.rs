//! Must not compile: an Adam step on bare parameters. The correction
//! divides by 1 − βᵗ, so the step needs t and both moments; they travel in
//! `AdamState`, and the arrow takes nothing less.

use adam::AdamTrainStep;
use typed_ai::{AdamConfig, Gradient, LearningRate, MlResult, Morphism, ParameterVector};

/// Steps the parameters as if Adam had no memory: no m, no v, no t.
pub fn step_without_memory() -> MlResult<()> {
    let step = AdamTrainStep::new(
        AdamConfig::with_defaults(LearningRate::new(0.1)?),
        |_: &ParameterVector| Gradient::new(vec![0.5]),
    );
    let _next = step.apply(ParameterVector::new(vec![1.0])?)?;
    Ok(())
}
