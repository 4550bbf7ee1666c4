//! Paper-to-Rust: layer normalization (Ba, Kiros and Hinton, 2016,
//! arXiv:1607.06450).
//!
//! One claim, compiled: the mean and variance are computed over the features
//! of *one* example (here, one position of a sequence), never across a
//! batch, so training and test do the same computation. [`LayerNorm`]
//! `: HiddenSequence → HiddenSequence` carries it, built from
//! `typed_ai::LayerNormParameters` (scale, shift, ε). The statistics take an
//! [`ExampleFeatures`], one row of a sequence, so the axis they run over is
//! in the type.

mod example;
mod layer_norm;
mod statistics;

pub use example::ExampleFeatures;
pub use layer_norm::LayerNorm;
pub use statistics::{ExampleStatistics, standardise};
