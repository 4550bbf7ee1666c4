//! Binary nodes of a computation graph, [`MulOp`] and [`AddOp`], behind the
//! [`BinaryOp`] trait: each remembers its inputs, computes its output, and
//! sends the upstream gradient back to both inputs.

use super::values::{LocalGradient, Scalar};
use crate::error::MlResult;

/// A node `z = op(x, y)` of a computation graph that has already seen its
/// inputs.
///
/// The node keeps `x` and `y` because the backward rule may need them (for
/// `x·y`, the gradient sent to `x` is scaled by `y`): this is why training
/// keeps forward activations in memory until the backward pass.
pub trait BinaryOp {
    /// `z = op(x, y)`; an error if the result is not finite.
    fn forward(&self) -> MlResult<Scalar>;

    /// Given `upstream = ∂L/∂z`, the gradients `(∂L/∂x, ∂L/∂y)`.
    fn backward(&self, upstream: LocalGradient) -> MlResult<(LocalGradient, LocalGradient)>;
}

/// `z = x · y`. Backward: `∂L/∂x = ∂L/∂z · y` and `∂L/∂y = ∂L/∂z · x`; each
/// input's gradient is scaled by its *partner*.
///
/// ```
/// use typed_ai::{BinaryOp, LocalGradient, MulOp, Scalar};
/// let op = MulOp::new(Scalar::new(2.0)?, Scalar::new(3.0)?);
/// assert_eq!(op.forward()?.value(), 6.0);
/// let (dx, dy) = op.backward(LocalGradient::one())?;
/// assert_eq!((dx.value(), dy.value()), (3.0, 2.0));
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MulOp {
    x: Scalar,
    y: Scalar,
}

impl MulOp {
    /// The node `x · y`.
    pub fn new(x: Scalar, y: Scalar) -> Self {
        Self { x, y }
    }

    /// The inputs `(x, y)` the node remembers.
    pub fn inputs(&self) -> (Scalar, Scalar) {
        (self.x, self.y)
    }
}

impl BinaryOp for MulOp {
    fn forward(&self) -> MlResult<Scalar> {
        Scalar::new(self.x.value() * self.y.value())
    }

    fn backward(&self, upstream: LocalGradient) -> MlResult<(LocalGradient, LocalGradient)> {
        // ∂z/∂x = y and ∂z/∂y = x: each input's gradient is scaled by the other.
        Ok((upstream.scaled_by(self.y)?, upstream.scaled_by(self.x)?))
    }
}

/// `z = x + y`. Backward: `∂z/∂x = ∂z/∂y = 1`, so both inputs receive the
/// whole upstream gradient, unchanged (it is copied, not split).
///
/// ```
/// use typed_ai::{AddOp, BinaryOp, LocalGradient, Scalar};
/// let op = AddOp::new(Scalar::new(2.0)?, Scalar::new(3.0)?);
/// assert_eq!(op.forward()?.value(), 5.0);
/// let upstream = LocalGradient::new(0.5)?;
/// assert_eq!(op.backward(upstream)?, (upstream, upstream));
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AddOp {
    x: Scalar,
    y: Scalar,
}

impl AddOp {
    /// The node `x + y`.
    pub fn new(x: Scalar, y: Scalar) -> Self {
        Self { x, y }
    }

    /// The inputs `(x, y)` the node remembers.
    pub fn inputs(&self) -> (Scalar, Scalar) {
        (self.x, self.y)
    }
}

impl BinaryOp for AddOp {
    fn forward(&self) -> MlResult<Scalar> {
        Scalar::new(self.x.value() + self.y.value())
    }

    fn backward(&self, upstream: LocalGradient) -> MlResult<(LocalGradient, LocalGradient)> {
        Ok((upstream, upstream))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calculus::numeric::{DifferenceStep, central_difference};
    use crate::error::MlError;

    fn s(value: f32) -> Scalar {
        Scalar::new(value).unwrap()
    }

    fn g(value: f32) -> LocalGradient {
        LocalGradient::new(value).unwrap()
    }

    #[test]
    fn mul_by_hand() {
        // z = x·y at x = 2, y = 3: z = 6; with ∂L/∂z = 0.5,
        // ∂L/∂x = 0.5·3 = 1.5 and ∂L/∂y = 0.5·2 = 1.0.
        let op = MulOp::new(s(2.0), s(3.0));
        assert_eq!(op.forward(), Ok(s(6.0)));
        assert_eq!(op.backward(g(0.5)), Ok((g(1.5), g(1.0))));
        assert_eq!(op.inputs(), (s(2.0), s(3.0)));
    }

    #[test]
    fn add_by_hand() {
        // z = x + y at x = 2, y = 3: z = 5; ∂L/∂x = ∂L/∂y = ∂L/∂z = −4.
        let op = AddOp::new(s(2.0), s(3.0));
        assert_eq!(op.forward(), Ok(s(5.0)));
        assert_eq!(op.backward(g(-4.0)), Ok((g(-4.0), g(-4.0))));
        assert_eq!(op.inputs(), (s(2.0), s(3.0)));
    }

    #[test]
    fn overflow_is_an_error_not_infinity() {
        let op = MulOp::new(s(f32::MAX), s(2.0));
        assert!(matches!(
            op.forward(),
            Err(MlError::InvalidScalar { kind: "scalar", .. })
        ));
        assert!(AddOp::new(s(f32::MAX), s(f32::MAX)).forward().is_err());
    }

    #[test]
    fn chain_through_a_small_graph() {
        // L = (a·b) + c at a = 2, b = −1, c = 4: L = 2.
        // ∂L/∂c = 1, ∂L/∂(a·b) = 1, so ∂L/∂a = b = −1 and ∂L/∂b = a = 2.
        let (a, b, c) = (s(2.0), s(-1.0), s(4.0));
        let product = MulOp::new(a, b);
        let sum = AddOp::new(product.forward().unwrap(), c);
        assert_eq!(sum.forward(), Ok(s(2.0)));
        let (d_product, d_c) = sum.backward(LocalGradient::one()).unwrap();
        let (d_a, d_b) = product.backward(d_product).unwrap();
        assert_eq!((d_a, d_b, d_c), (g(-1.0), g(2.0), g(1.0)));
        // The same ∂L/∂a from a central difference: L(a) = a·(−1) + 4 = 4 − a.
        let h = DifferenceStep::new(1e-2).unwrap();
        let numeric = central_difference(|a| 4.0 - a, 2.0, h).unwrap();
        assert!((numeric - d_a.value()).abs() < 1e-3);
    }
}
