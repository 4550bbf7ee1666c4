//! Must not compile: a layer that handles training and forgets evaluation.
//! Inverted dropout is only correct if eval is the identity, so every use
//! of the mode has to say what eval does; `DropoutMode` is an exhaustive
//! enum and rustc refuses a `match` without its `Eval` arm.

use dropout::DropoutMode;

/// The keep probability a unit is scaled by, written for training only.
pub fn rescale(mode: DropoutMode, keep: f32) -> f32 {
    match mode {
        DropoutMode::Train(_) => 1.0 / keep,
    }
}
