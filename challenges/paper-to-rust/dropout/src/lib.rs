//! Paper-to-Rust: dropout (Hinton, Srivastava, Krizhevsky, Sutskever and
//! Salakhutdinov, 2012, arXiv:1207.0580; Srivastava et al., JMLR 2014).
//!
//! One claim, compiled: randomly drop units during training and use the
//! whole network at test time; in *inverted* dropout the kept units are
//! scaled by 1/(1 − p) during training, so test time needs no change at all.
//! [`Dropout`]` : HiddenSequence × DropoutMode → HiddenSequence` carries it,
//! with [`DropProbability`] in [0, 1) and the randomness seeded by
//! `typed_ai::Seed` inside [`DropoutMode::Train`].

mod dropout;
mod probability;

pub use dropout::{Dropout, DropoutMode};
pub use probability::DropProbability;
