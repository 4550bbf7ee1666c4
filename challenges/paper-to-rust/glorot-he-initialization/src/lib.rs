//! Paper-to-Rust: Xavier/Glorot and He initialisation (Glorot and Bengio,
//! AISTATS 2010; He, Zhang, Ren and Sun, 2015, arXiv:1502.01852).
//!
//! One claim, compiled: choose the initial weight scale from the fan-in and
//! fan-out so the variance of activations and gradients stays stable from
//! layer to layer. Glorot's uniform initialisation draws from
//! `U(−√(6/(fan_in + fan_out)), +√(6/(fan_in + fan_out)))` (variance
//! `2/(fan_in + fan_out)`); He's, for ReLU layers, from a normal with
//! variance `2/fan_in`. [`initialize`] carries it, with [`FanIn`] and
//! [`FanOut`] as distinct types and a `typed_ai::Seed` for reproducibility.

mod fans;
mod init;

pub use fans::{FanIn, FanOut};
pub use init::{InitScheme, WeightMatrix, glorot_limit, initialize};
