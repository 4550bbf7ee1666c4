//! Must not compile: the fans passed the wrong way round. He's variance is
//! 2/fan_in and the matrix is fan_in × fan_out, so a layer called with its
//! fans swapped would be drawn at the wrong scale and laid out transposed;
//! `FanIn` and `FanOut` are different types so the call site cannot do it.

use glorot_he_initialization::{FanIn, FanOut, InitScheme, WeightMatrix, initialize};
use typed_ai::{MlResult, Seed};

/// A 256-input, 64-output layer, its fans given in the wrong order.
pub fn layer_with_swapped_fans() -> MlResult<WeightMatrix> {
    let fan_in = FanIn::new(256)?;
    let fan_out = FanOut::new(64)?;
    initialize(fan_out, fan_in, InitScheme::He, Seed::new(7))
}
