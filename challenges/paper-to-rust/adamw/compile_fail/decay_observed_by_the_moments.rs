//! Must not compile: the decay pull fed to Adam's moments. That is L2
//! regularisation: λ·p averaged into m and v and then divided by √v̂, so a
//! weight with large gradients is barely decayed. The moments observe a
//! `LossGradient` and nothing else.

use adamw::{DecayPull, Moments};
use typed_ai::{AdamConfig, MlResult, ParameterVector, WeightDecay};

/// One moment update driven by the decay instead of the loss.
pub fn moments_of_the_decay(
    moments: Moments,
    params: &ParameterVector,
    decay: WeightDecay,
    config: &AdamConfig,
) -> MlResult<Moments> {
    let pull = DecayPull::of(params, decay);
    moments.observe(&pull, config)
}
