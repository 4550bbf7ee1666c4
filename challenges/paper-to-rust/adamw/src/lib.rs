//! Paper-to-Rust: AdamW, decoupled weight decay (Loshchilov and Hutter, 2017,
//! arXiv:1711.05101).
//!
//! One claim, compiled: for Adam, L2 regularisation is not the same as weight
//! decay; decay the parameters directly, outside the adaptive step.
//! [`AdamWTrainStep`]` : AdamState → AdamState` carries it, configured by an
//! [`AdamWConfig`] that pairs `typed_ai::AdamConfig` with a
//! `typed_ai::WeightDecay`. The decay's pull ([`DecayPull`]) and the loss
//! gradient ([`LossGradient`]) are different types, and only the latter
//! feeds Adam's [`Moments`].

mod adamw;
mod terms;

pub use adamw::{AdamWConfig, AdamWTrainStep};
pub use terms::{DecayPull, LossGradient, Moments};
