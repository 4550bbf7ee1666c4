//! Paper-to-Rust: Adam (Kingma and Ba, 2014, arXiv:1412.6980).
//!
//! One claim, compiled: Adam keeps moving averages of the gradient and of the
//! squared gradient, and bias-corrects both by the step number. The arrow
//! [`AdamTrainStep`]` : AdamState → AdamState` carries it; the state
//! ([`typed_ai::AdamState`]) owns the parameters, both moments and the step
//! count, so the step number the correction needs travels with the data.

mod adam;

pub use adam::{AdamTrainStep, bias_correction};
