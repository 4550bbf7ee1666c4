//! Paper-to-Rust: label smoothing (Szegedy, Vanhoucke, Ioffe, Shlens and
//! Wojna, 2015, arXiv:1512.00567, section 7).
//!
//! One claim, compiled: replace the one-hot target with
//! `(1 − ε)·one-hot + ε·uniform(K)`. [`SmoothedTarget`] builds that target
//! (a `typed_ai::Distribution` by construction) and [`SoftCrossEntropy`]
//! scores a [`Prediction`] against it; the role types keep the two
//! distributions from being swapped.

mod loss;
mod target;

pub use loss::{Prediction, SoftCrossEntropy};
pub use target::{SmoothedTarget, SmoothingEpsilon};
