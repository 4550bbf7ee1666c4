//! [`Scalar`] (a forward value) and [`LocalGradient`] (a backward
//! sensitivity): the same `f32` underneath, two roles on top.

use crate::error::{MlError, MlResult};

/// Checks that `value` is finite, naming what it was meant to be.
fn finite(value: f32, kind: &'static str) -> MlResult<f32> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(MlError::InvalidScalar { kind, value })
    }
}

/// A finite number computed on the forward pass: an input, an activation, a
/// loss value.
///
/// ```
/// use typed_ai::{MlError, Scalar};
/// assert_eq!(Scalar::new(2.5)?.value(), 2.5);
/// assert!(matches!(Scalar::new(f32::NAN), Err(MlError::InvalidScalar { kind: "scalar", .. })));
/// # Ok::<(), MlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Scalar(f32);

impl Scalar {
    /// A finite forward value; NaN and ±∞ are [`MlError::InvalidScalar`].
    pub fn new(value: f32) -> MlResult<Self> {
        finite(value, "scalar").map(Self)
    }

    /// The value.
    pub fn value(self) -> f32 {
        self.0
    }
}

/// A finite sensitivity carried on the backward pass: how much the loss `L`
/// changes per unit change of some value, `∂L/∂value`.
///
/// It is deliberately not a [`Scalar`]: a gradient and the value it is the
/// gradient *of* live in different places of the computation, and mixing
/// them up (feeding an activation where `∂L/∂z` belongs) is a classic
/// backprop bug that this type turns into a compile error.
///
/// The backward pass starts at the loss: `∂L/∂L = 1` ([`LocalGradient::one`])
/// is the gradient of the loss with respect to itself. Every node below
/// receives as its upstream gradient `∂L/∂z` for its own output `z`, which
/// the chain rule computes from the nodes between `z` and `L`; it is 1 only
/// when `z` is the loss itself (as in the example, where `L = z`).
///
/// ```
/// use typed_ai::{LocalGradient, Scalar};
/// let upstream = LocalGradient::one();                    // ∂L/∂z for L = z
/// let dz_dx = Scalar::new(3.0)?;                          // for z = x·y with y = 3
/// assert_eq!(upstream.scaled_by(dz_dx)?.value(), 3.0);    // ∂L/∂x = ∂L/∂z · y
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct LocalGradient(f32);

impl LocalGradient {
    /// A finite sensitivity; NaN and ±∞ are [`MlError::InvalidScalar`].
    pub fn new(value: f32) -> MlResult<Self> {
        finite(value, "local gradient").map(Self)
    }

    /// `∂L/∂L = 1`: the gradient of the loss with respect to itself, where
    /// every backward pass starts. It is a node's upstream gradient only
    /// when that node's output is the loss.
    pub fn one() -> Self {
        Self(1.0)
    }

    /// `0`: the gradient of a value the loss does not depend on.
    pub fn zero() -> Self {
        Self(0.0)
    }

    /// The value.
    pub fn value(self) -> f32 {
        self.0
    }

    /// `self · factor`, where the factor is a forward value: how `x·y` passes
    /// the upstream gradient to `x` (the factor is `y`).
    pub fn scaled_by(self, factor: Scalar) -> MlResult<Self> {
        finite(self.0 * factor.0, "local gradient").map(Self)
    }

    /// `self · local`: one step of the chain rule, upstream gradient times a
    /// local derivative.
    pub fn times(self, local: LocalGradient) -> MlResult<Self> {
        finite(self.0 * local.0, "local gradient").map(Self)
    }

    /// `self + other`: how gradients accumulate when a value feeds two places.
    pub fn plus(self, other: LocalGradient) -> MlResult<Self> {
        finite(self.0 + other.0, "local gradient").map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructors_reject_non_finite_values() {
        for bad in [f32::NAN, f32::INFINITY, f32::NEG_INFINITY] {
            assert!(matches!(
                Scalar::new(bad),
                Err(MlError::InvalidScalar { kind: "scalar", .. })
            ));
            assert!(matches!(
                LocalGradient::new(bad),
                Err(MlError::InvalidScalar {
                    kind: "local gradient",
                    ..
                })
            ));
        }
        assert_eq!(Scalar::new(-0.5).map(Scalar::value), Ok(-0.5));
        assert_eq!(LocalGradient::new(0.0), Ok(LocalGradient::zero()));
    }

    #[test]
    fn arithmetic_by_hand_and_overflow_is_caught() {
        let g = LocalGradient::new(2.0).unwrap();
        // 2 · 3 = 6, 2 · (−0.5) = −1, 2 + 1 = 3
        assert_eq!(g.scaled_by(Scalar::new(3.0).unwrap()).unwrap().value(), 6.0);
        assert_eq!(
            g.times(LocalGradient::new(-0.5).unwrap()).unwrap().value(),
            -1.0
        );
        assert_eq!(g.plus(LocalGradient::one()).unwrap().value(), 3.0);
        let big = LocalGradient::new(f32::MAX).unwrap();
        assert_eq!(
            big.scaled_by(Scalar::new(2.0).unwrap()),
            Err(MlError::InvalidScalar {
                kind: "local gradient",
                value: f32::INFINITY
            })
        );
        assert!(big.plus(big).is_err());
        assert!(big.times(big).is_err());
    }
}
