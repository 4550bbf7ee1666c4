//! Derivatives the way backpropagation computes them: forward values and
//! backward sensitivities as distinct types, local rules for `x·y` and
//! `x + y`, the chain rule for composed scalar functions, the softmax
//! cross-entropy gradient, and a central-difference checker to test any of
//! them.
//!
//! - [`Scalar`] is a finite value computed on the forward pass;
//!   [`LocalGradient`] is a finite sensitivity `∂L/∂(something)` carried on the
//!   backward pass. They share a representation but not a role, so passing
//!   one where the other is expected does not compile.
//! - A [`BinaryOp`] node ([`MulOp`], [`AddOp`]) remembers its inputs, computes
//!   `forward`, and turns the upstream gradient `∂L/∂z` into `(∂L/∂x, ∂L/∂y)`.
//! - A [`Differentiable`] function is a `Morphism<Scalar, Scalar>` that also
//!   knows its derivative ([`Square`], [`Affine`], [`Sigmoid`], [`Exp`]);
//!   `Compose` of two of them is differentiable by the chain rule.
//! - [`softmax_cross_entropy_gradient`] is `p − one_hot(target)`.
//! - [`central_difference`] estimates a derivative numerically with a
//!   validated [`DifferenceStep`]; [`check_gradient`] compares an analytic
//!   gradient with it under a stated [`GradientTolerance`].
//!
//! **One impl per arrow.** Each differentiable function implements
//! `Morphism<Scalar, Scalar>` exactly once, so rustc can name `Scalar` when a
//! learner hands it something else.
//!
//! This module has no tensors and no tape: it is the scalar chain rule that
//! `training` and `transformer` apply by hand to their own shapes.

mod chain;
mod cross_entropy;
mod numeric;
mod ops;
mod values;

pub use chain::{Affine, Differentiable, Exp, Sigmoid, Square};
pub use cross_entropy::softmax_cross_entropy_gradient;
pub use numeric::{
    DifferenceStep, GradientCheck, GradientTolerance, central_difference, check_binary_op,
    check_derivative, check_gradient,
};
pub use ops::{AddOp, BinaryOp, MulOp};
pub use values::{LocalGradient, Scalar};
