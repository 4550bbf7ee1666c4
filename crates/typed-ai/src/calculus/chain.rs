//! [`Differentiable`] scalar functions and the chain rule: the derivative of
//! `Compose::new(f, g)` (g after f) is `g′(f(x)) · f′(x)`.

use super::values::{LocalGradient, Scalar};
use crate::category::{Compose, Identity, Morphism};
use crate::error::MlResult;

/// A scalar arrow `Scalar → Scalar` that also knows its local derivative.
///
/// The chain rule is the derivative of composition: for
/// `Compose::<_, _, Scalar>::new(f, g)`, which computes `g(f(x))`,
///
/// ```text
/// d/dx g(f(x)) = g′(f(x)) · f′(x)
/// ```
///
/// Note the point at which `g′` is taken: at `f(x)`, the value `g` actually
/// saw on the forward pass.
///
/// ```
/// use typed_ai::{Affine, Compose, Differentiable, Morphism, Scalar, Square};
/// // h(x) = (3x + 1)², so h′(x) = 2(3x + 1) · 3; at x = 1: 2·4·3 = 24.
/// let h = Compose::<_, _, Scalar>::new(Affine::new(Scalar::new(3.0)?, Scalar::new(1.0)?), Square);
/// let x = Scalar::new(1.0)?;
/// assert_eq!(h.apply(x)?.value(), 16.0);
/// assert_eq!(h.derivative(x)?.value(), 24.0);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
pub trait Differentiable: Morphism<Scalar, Scalar> {
    /// `d(output)/d(input)` at `at`.
    fn derivative(&self, at: Scalar) -> MlResult<LocalGradient>;
}

/// `x ↦ x`, derivative 1.
impl Differentiable for Identity {
    fn derivative(&self, _at: Scalar) -> MlResult<LocalGradient> {
        Ok(LocalGradient::one())
    }
}

/// The chain rule: `(g ∘ f)′(x) = g′(f(x)) · f′(x)`.
impl<F, G> Differentiable for Compose<F, G, Scalar>
where
    F: Differentiable,
    G: Differentiable,
{
    fn derivative(&self, at: Scalar) -> MlResult<LocalGradient> {
        let inner_value = self.first().apply(at)?;
        let outer = self.second().derivative(inner_value)?;
        let inner = self.first().derivative(at)?;
        outer.times(inner)
    }
}

/// `x ↦ x²`, derivative `2x` (the shape of a squared-error loss).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Square;

impl Morphism<Scalar, Scalar> for Square {
    fn name(&self) -> String {
        "square".to_string()
    }

    fn apply(&self, input: Scalar) -> MlResult<Scalar> {
        Scalar::new(input.value() * input.value())
    }
}

impl Differentiable for Square {
    fn derivative(&self, at: Scalar) -> MlResult<LocalGradient> {
        LocalGradient::new(2.0 * at.value())
    }
}

/// `x ↦ w·x + b`, derivative `w`: a one-weight linear layer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Affine {
    weight: Scalar,
    bias: Scalar,
}

impl Affine {
    /// The map `x ↦ weight·x + bias`.
    pub fn new(weight: Scalar, bias: Scalar) -> Self {
        Self { weight, bias }
    }

    /// The weight `w`.
    pub fn weight(&self) -> Scalar {
        self.weight
    }

    /// The bias `b`.
    pub fn bias(&self) -> Scalar {
        self.bias
    }
}

impl Morphism<Scalar, Scalar> for Affine {
    fn name(&self) -> String {
        format!("affine({}·x + {})", self.weight.value(), self.bias.value())
    }

    fn apply(&self, input: Scalar) -> MlResult<Scalar> {
        Scalar::new(self.weight.value() * input.value() + self.bias.value())
    }
}

impl Differentiable for Affine {
    fn derivative(&self, _at: Scalar) -> MlResult<LocalGradient> {
        LocalGradient::new(self.weight.value())
    }
}

/// The logistic sigmoid `σ(x) = 1 / (1 + e^{−x})`, derivative `σ(x)(1 − σ(x))`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sigmoid;

/// σ computed without overflow: for negative `x`, `e^{x} / (1 + e^{x})`.
fn sigmoid(x: f32) -> f32 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

impl Morphism<Scalar, Scalar> for Sigmoid {
    fn name(&self) -> String {
        "sigmoid".to_string()
    }

    fn apply(&self, input: Scalar) -> MlResult<Scalar> {
        Scalar::new(sigmoid(input.value()))
    }
}

impl Differentiable for Sigmoid {
    fn derivative(&self, at: Scalar) -> MlResult<LocalGradient> {
        let s = sigmoid(at.value());
        LocalGradient::new(s * (1.0 - s))
    }
}

/// `x ↦ eˣ`, its own derivative. Overflows (an error) above about 88.7.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Exp;

impl Morphism<Scalar, Scalar> for Exp {
    fn name(&self) -> String {
        "exp".to_string()
    }

    fn apply(&self, input: Scalar) -> MlResult<Scalar> {
        Scalar::new(input.value().exp())
    }
}

impl Differentiable for Exp {
    fn derivative(&self, at: Scalar) -> MlResult<LocalGradient> {
        LocalGradient::new(at.value().exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calculus::numeric::{DifferenceStep, GradientTolerance, check_derivative};
    use crate::error::MlError;

    fn s(value: f32) -> Scalar {
        Scalar::new(value).unwrap()
    }

    fn step() -> DifferenceStep {
        DifferenceStep::new(1e-2).unwrap()
    }

    fn tolerance() -> GradientTolerance {
        GradientTolerance::new(1e-2).unwrap()
    }

    #[test]
    fn elementary_derivatives_by_hand() {
        // (x²)′ at 3 = 6; (2x − 1)′ = 2; σ′(0) = 0.5·0.5 = 0.25; exp′(0) = 1.
        assert_eq!(Square.derivative(s(3.0)).unwrap().value(), 6.0);
        let affine = Affine::new(s(2.0), s(-1.0));
        assert_eq!(affine.apply(s(4.0)), Ok(s(7.0)));
        assert_eq!(affine.derivative(s(4.0)).unwrap().value(), 2.0);
        assert_eq!((affine.weight(), affine.bias()), (s(2.0), s(-1.0)));
        assert_eq!(Morphism::name(&affine), "affine(2·x + -1)");
        assert_eq!(Sigmoid.apply(s(0.0)), Ok(s(0.5)));
        assert_eq!(Sigmoid.derivative(s(0.0)).unwrap().value(), 0.25);
        assert_eq!(Exp.derivative(s(0.0)).unwrap().value(), 1.0);
        assert_eq!(Identity.derivative(s(5.0)).unwrap().value(), 1.0);
    }

    #[test]
    fn sigmoid_is_stable_far_from_zero() {
        assert_eq!(Sigmoid.apply(s(-200.0)).unwrap().value(), 0.0);
        assert_eq!(Sigmoid.apply(s(200.0)).unwrap().value(), 1.0);
        assert_eq!(Sigmoid.derivative(s(-200.0)).unwrap().value(), 0.0);
        assert!(matches!(
            Exp.apply(s(100.0)),
            Err(MlError::InvalidScalar { kind: "scalar", .. })
        ));
    }

    #[test]
    fn chain_rule_by_hand() {
        // σ(x²) at x = 1: σ′(1)·2·1 = σ(1)(1 − σ(1))·2 = 0.731059·0.268941·2 = 0.393224
        let f = Compose::<_, _, Scalar>::new(Square, Sigmoid);
        let d = f.derivative(s(1.0)).unwrap().value();
        assert!((d - 0.393_224).abs() < 1e-5, "got {d}");
        // The order matters: (σ(x))² at 1 has derivative 2σ(1)·σ′(1)
        // = 2·0.731059·0.196612 = 0.287470.
        let g = Compose::<_, _, Scalar>::new(Sigmoid, Square);
        let d = g.derivative(s(1.0)).unwrap().value();
        assert!((d - 0.287_470).abs() < 1e-5, "got {d}");
    }

    #[test]
    fn chain_rule_agrees_with_central_differences_on_a_deep_chain() {
        // exp(σ(3x − 1)²) at 0.5
        let inner = Compose::<_, _, Scalar>::new(Affine::new(s(3.0), s(-1.0)), Sigmoid);
        let deep = Compose::<_, _, Scalar>::new(Compose::<_, _, Scalar>::new(inner, Square), Exp);
        let check = check_derivative(&deep, s(0.5), step(), tolerance()).unwrap();
        assert!(check.agrees(), "{check}");
    }
}
