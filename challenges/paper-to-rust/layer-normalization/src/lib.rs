//! Paper-to-Rust: layer normalization (Ba, Kiros and Hinton, 2016,
//! arXiv:1607.06450).
//!
//! One claim, compiled: the mean and variance are computed over the features
//! of *one* example (here, one position of a sequence), never across a
//! batch, so training and test do the same computation. [`LayerNorm`]
//! `: HiddenSequence → HiddenSequence` carries it, built from
//! `typed_ai::LayerNormParameters` (scale, shift, ε).

mod layer_norm;

pub use layer_norm::{LayerNorm, row_statistics};
