//! Numerical derivatives for checking analytic ones: the central difference
//! with a validated step, and a comparison under a stated tolerance.

use std::fmt;

use super::chain::Differentiable;
use super::ops::BinaryOp;
use super::values::{LocalGradient, Scalar};
use crate::error::{MlError, MlResult};

/// The step `h` of a finite difference: finite and strictly positive.
///
/// For `f32` and functions of moderate size, `h = 1e-2` is a good default:
/// the central difference's error from curvature shrinks like `h²`, but its
/// rounding error grows like `ε/h` with `ε ≈ 1.2e-7`, and `1e-2` balances the
/// two to about `1e-4` relative error.
///
/// ```
/// use typed_ai::{DifferenceStep, MlError};
/// assert_eq!(DifferenceStep::new(1e-2)?.value(), 1e-2);
/// assert_eq!(
///     DifferenceStep::new(0.0),
///     Err(MlError::InvalidScalar { kind: "finite-difference step", value: 0.0 })
/// );
/// # Ok::<(), MlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct DifferenceStep(f32);

impl DifferenceStep {
    /// Rejects zero, negative and non-finite steps.
    pub fn new(h: f32) -> MlResult<Self> {
        if !h.is_finite() || h <= 0.0 {
            return Err(MlError::InvalidScalar {
                kind: "finite-difference step",
                value: h,
            });
        }
        Ok(Self(h))
    }

    /// `h`.
    pub fn value(self) -> f32 {
        self.0
    }
}

/// The central difference `(f(x + h) − f(x − h)) / 2h`, an estimate of
/// `f′(x)` whose error shrinks like `h²`.
///
/// The two samples are `2h` apart, hence the `2h`: dividing by `h` alone
/// gives twice the slope.
///
/// Errors with [`MlError::InvalidScalar`] when `x` or a sample of `f` is not
/// finite.
///
/// ```
/// use typed_ai::{central_difference, DifferenceStep};
/// // f(x) = x² at x = 1.5: (1.51² − 1.49²) / 0.02 = 0.06 / 0.02 = 3 = 2·1.5
/// let slope = central_difference(|x| x * x, 1.5, DifferenceStep::new(1e-2)?)?;
/// assert!((slope - 3.0).abs() < 1e-3);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
pub fn central_difference(f: impl Fn(f32) -> f32, x: f32, step: DifferenceStep) -> MlResult<f32> {
    if !x.is_finite() {
        return Err(MlError::InvalidScalar {
            kind: "finite-difference point",
            value: x,
        });
    }
    let h = step.value();
    let sample = |at: f32| {
        let value = f(at);
        if value.is_finite() {
            Ok(value)
        } else {
            Err(MlError::InvalidScalar {
                kind: "function value in a finite difference",
                value,
            })
        }
    };
    let slope = (sample(x + h)? - sample(x - h)?) / (2.0 * h);
    if !slope.is_finite() {
        return Err(MlError::InvalidScalar {
            kind: "finite-difference slope",
            value: slope,
        });
    }
    Ok(slope)
}

/// How far an analytic gradient may sit from its numeric estimate:
/// `|analytic − numeric| ≤ tolerance · max(1, |analytic|, |numeric|)`, that
/// is, absolute near zero and relative for large gradients. Finite and
/// strictly positive.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct GradientTolerance(f32);

impl GradientTolerance {
    /// Rejects zero, negative and non-finite tolerances.
    pub fn new(tolerance: f32) -> MlResult<Self> {
        if !tolerance.is_finite() || tolerance <= 0.0 {
            return Err(MlError::InvalidScalar {
                kind: "gradient tolerance",
                value: tolerance,
            });
        }
        Ok(Self(tolerance))
    }

    /// The tolerance.
    pub fn value(self) -> f32 {
        self.0
    }
}

/// The outcome of comparing one analytic gradient with a numeric one.
///
/// A failed check is a finding about the gradient code, not an error of the
/// library, so it is a value: ask [`GradientCheck::agrees`] and print it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GradientCheck {
    analytic: f32,
    numeric: f32,
    tolerance: GradientTolerance,
}

impl GradientCheck {
    /// The gradient from the backward rule.
    pub fn analytic(&self) -> f32 {
        self.analytic
    }

    /// The gradient from the central difference.
    pub fn numeric(&self) -> f32 {
        self.numeric
    }

    /// `|analytic − numeric|`.
    pub fn difference(&self) -> f32 {
        (self.analytic - self.numeric).abs()
    }

    /// Whether the difference is within the tolerance (see
    /// [`GradientTolerance`]).
    pub fn agrees(&self) -> bool {
        let scale = 1.0_f32.max(self.analytic.abs()).max(self.numeric.abs());
        self.difference() <= self.tolerance.value() * scale
    }
}

impl fmt::Display for GradientCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = if self.agrees() { "agree" } else { "DISAGREE" };
        write!(
            f,
            "analytic {} vs numeric {}: {verdict} (difference {}, tolerance {})",
            self.analytic,
            self.numeric,
            self.difference(),
            self.tolerance.value()
        )
    }
}

/// Compares an analytic gradient with a numeric one.
///
/// ```
/// use typed_ai::{check_gradient, GradientTolerance};
/// let tolerance = GradientTolerance::new(1e-3)?;
/// assert!(check_gradient(3.0, 3.0002, tolerance).agrees());
/// assert!(!check_gradient(6.0, 3.0, tolerance).agrees());
/// # Ok::<(), typed_ai::MlError>(())
/// ```
pub fn check_gradient(analytic: f32, numeric: f32, tolerance: GradientTolerance) -> GradientCheck {
    GradientCheck {
        analytic,
        numeric,
        tolerance,
    }
}

/// Checks a [`Differentiable`] function's derivative at `at` against the
/// central difference of its own forward values.
///
/// ```
/// use typed_ai::{check_derivative, DifferenceStep, GradientTolerance, Scalar, Sigmoid};
/// let check = check_derivative(
///     &Sigmoid,
///     Scalar::new(0.0)?,
///     DifferenceStep::new(1e-2)?,
///     GradientTolerance::new(1e-3)?,
/// )?;
/// assert!(check.agrees(), "{check}"); // σ′(0) = 0.25
/// # Ok::<(), typed_ai::MlError>(())
/// ```
pub fn check_derivative<D: Differentiable>(
    function: &D,
    at: Scalar,
    step: DifferenceStep,
    tolerance: GradientTolerance,
) -> MlResult<GradientCheck> {
    let analytic = function.derivative(at)?.value();
    let numeric = central_difference(
        |x| {
            Scalar::new(x)
                .and_then(|x| function.apply(x))
                .map_or(f32::NAN, Scalar::value)
        },
        at.value(),
        step,
    )?;
    Ok(check_gradient(analytic, numeric, tolerance))
}

/// Checks both gradients of a binary node at `(x, y)` for `L = z`: the
/// backward rule fed `∂L/∂z = 1` against the central differences of
/// `forward` in `x` and in `y`. `make` builds the node, e.g. `MulOp::new`.
///
/// ```
/// use typed_ai::{check_binary_op, DifferenceStep, GradientTolerance, MulOp, Scalar};
/// let [dx, dy] = check_binary_op(
///     MulOp::new,
///     Scalar::new(2.0)?,
///     Scalar::new(3.0)?,
///     DifferenceStep::new(1e-2)?,
///     GradientTolerance::new(1e-3)?,
/// )?;
/// assert!(dx.agrees() && dy.agrees());
/// assert_eq!(dx.analytic(), 3.0); // ∂(x·y)/∂x = y
/// # Ok::<(), typed_ai::MlError>(())
/// ```
pub fn check_binary_op<Op: BinaryOp>(
    make: impl Fn(Scalar, Scalar) -> Op,
    x: Scalar,
    y: Scalar,
    step: DifferenceStep,
    tolerance: GradientTolerance,
) -> MlResult<[GradientCheck; 2]> {
    let (dx, dy) = make(x, y).backward(LocalGradient::one())?;
    let forward_at = |x: f32, y: f32| {
        Scalar::new(x)
            .and_then(|x| Scalar::new(y).map(|y| make(x, y)))
            .and_then(|op| op.forward())
            .map_or(f32::NAN, Scalar::value)
    };
    let numeric_x = central_difference(|t| forward_at(t, y.value()), x.value(), step)?;
    let numeric_y = central_difference(|t| forward_at(x.value(), t), y.value(), step)?;
    Ok([
        check_gradient(dx.value(), numeric_x, tolerance),
        check_gradient(dy.value(), numeric_y, tolerance),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step() -> DifferenceStep {
        DifferenceStep::new(1e-2).unwrap()
    }

    #[test]
    fn step_and_tolerance_reject_bad_values() {
        for bad in [0.0, -1e-3, f32::NAN, f32::INFINITY] {
            assert!(matches!(
                DifferenceStep::new(bad),
                Err(MlError::InvalidScalar {
                    kind: "finite-difference step",
                    ..
                })
            ));
            assert!(matches!(
                GradientTolerance::new(bad),
                Err(MlError::InvalidScalar {
                    kind: "gradient tolerance",
                    ..
                })
            ));
        }
    }

    #[test]
    fn central_difference_by_hand() {
        // f(x) = x² at 1.5 with h = 0.01: (2.2801 − 2.2201) / 0.02 = 3.
        let slope = central_difference(|x| x * x, 1.5, step()).unwrap();
        assert!((slope - 3.0).abs() < 1e-3, "got {slope}");
        // f(x) = x³ at 1 with h = 0.01: (1.030301 − 0.970299) / 0.02 = 3.0001,
        // off from f′(1) = 3 by exactly h² = 1e-4 (the h² error term).
        let slope = central_difference(|x| x * x * x, 1.0, step()).unwrap();
        assert!((slope - 3.0001).abs() < 1e-3, "got {slope}");
        // A linear function is exact: 2x + 1 has slope 2 everywhere.
        let slope = central_difference(|x| 2.0 * x + 1.0, -7.0, step()).unwrap();
        assert!((slope - 2.0).abs() < 1e-3, "got {slope}");
    }

    #[test]
    fn central_difference_rejects_non_finite_inputs_and_samples() {
        assert!(matches!(
            central_difference(|x| x, f32::NAN, step()),
            Err(MlError::InvalidScalar {
                kind: "finite-difference point",
                ..
            })
        ));
        assert!(matches!(
            central_difference(|x| x.ln(), 0.0, step()),
            Err(MlError::InvalidScalar {
                kind: "function value in a finite difference",
                ..
            })
        ));
        assert!(matches!(
            central_difference(|x| if x > 0.0 { f32::MAX } else { -f32::MAX }, 0.0, step()),
            Err(MlError::InvalidScalar {
                kind: "finite-difference slope",
                ..
            })
        ));
    }

    #[test]
    fn check_gradient_is_absolute_near_zero_and_relative_far_away() {
        let tolerance = GradientTolerance::new(1e-3).unwrap();
        // Near zero the scale is 1: |0.0005 − 0| ≤ 0.001.
        assert!(check_gradient(0.0005, 0.0, tolerance).agrees());
        assert!(!check_gradient(0.002, 0.0, tolerance).agrees());
        // At 1000 the scale is 1000: |1000.5 − 1000| ≤ 1.
        assert!(check_gradient(1000.5, 1000.0, tolerance).agrees());
        let check = check_gradient(6.0, 3.0, tolerance);
        assert_eq!(check.difference(), 3.0);
        assert_eq!((check.analytic(), check.numeric()), (6.0, 3.0));
        assert_eq!(
            check.to_string(),
            "analytic 6 vs numeric 3: DISAGREE (difference 3, tolerance 0.001)"
        );
    }
}
