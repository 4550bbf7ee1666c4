//! Must not compile: the second moment where the first belongs. m averages
//! the gradient and v its square; m̂/√v̂ with the two swapped is a
//! different (and wrong) step, so they are different types.

use adam::AdamTrainStep;
use typed_ai::{
    AdamConfig, AdamState, AdamStepCount, FirstMoment, Gradient, LearningRate, MlResult, Morphism,
    ParameterVector, SecondMoment,
};

/// Builds a state whose moments trade places, then steps it.
pub fn swapped_moments() -> MlResult<AdamState> {
    let m = FirstMoment::new(vec![0.05])?;
    let v = SecondMoment::new(vec![0.000_25])?;
    let state = AdamState::new(
        ParameterVector::new(vec![1.0])?,
        v,
        m,
        AdamStepCount::new(1),
    )?;
    AdamTrainStep::new(
        AdamConfig::with_defaults(LearningRate::new(0.1)?),
        |_: &ParameterVector| Gradient::new(vec![0.5]),
    )
    .apply(state)
}
