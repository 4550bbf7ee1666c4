//! Paper-to-Rust: residual connections (He, Zhang, Ren and Sun, 2015,
//! arXiv:1512.03385).
//!
//! One claim, compiled: learn the residual F(x) and output x + F(x); the
//! identity shortcut needs matching shapes. [`ResidualAdd`] is the addition
//! on `HiddenSequence × ProjectedAttentionOutput`, and [`Residual`] turns any
//! sublayer `F : HiddenSequence → HiddenSequence` into `x ↦ x + F(x)`. Where
//! the model width is known when the code is written, [`Stream<D>`] carries
//! it in the type, and `Residual<F>` only wraps an `F : Stream<D> → Stream<D>`.

mod add;
mod residual;
mod stream;

pub use add::ResidualAdd;
pub use residual::Residual;
pub use stream::{ResidualStream, Stream};
