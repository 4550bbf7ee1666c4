//! A tiny decoder-only transformer with one block: its weights, its forward
//! pass, its hand-written backward pass and (coming next) its training state.
//!
//! - `parameters`: [`TransformerConfig`], [`TransformerParts`],
//!   [`TransformerParameters`].
//! - `forward`: logits, next-token distribution and loss.
//! - `backward`: [`TransformerGradients`], checked against central
//!   differences.
//!
//! The typed attention pieces themselves live in `attention`; this module
//! does not redefine them.

mod backward;
mod dense;
mod forward;
mod parameters;
mod training;

pub use backward::TransformerGradients;
pub use forward::TRANSFORMER_LAYER_NORM_EPSILON;
pub use parameters::{
    NamedTensor, TensorShape, TransformerConfig, TransformerParameters, TransformerParts,
};
pub use training::{TransformerTrainStep, TransformerTrainingState};
