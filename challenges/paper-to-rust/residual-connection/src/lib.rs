//! Paper-to-Rust: residual connections (He, Zhang, Ren and Sun, 2015,
//! arXiv:1512.03385).
//!
//! One claim, compiled: learn the residual F(x) and output x + F(x); the
//! identity shortcut needs matching shapes. [`ResidualAdd`] is the addition
//! on `HiddenSequence × ProjectedAttentionOutput`, and [`Residual`] turns any
//! sublayer `F : HiddenSequence → HiddenSequence` into `x ↦ x + F(x)`.

mod add;
mod residual;

pub use add::ResidualAdd;
pub use residual::Residual;
