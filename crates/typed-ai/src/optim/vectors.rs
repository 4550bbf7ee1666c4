//! The two vectors every optimizer works with: the [`ParameterVector`] it
//! moves and the [`Gradient`] that points uphill, plus the checks the steps
//! share (finite values, matching widths).
//!
//! Both are flat lists of `f32`, but they play different roles: adding a
//! gradient to parameters is a step, adding parameters to parameters is
//! nonsense. This file owns no optimizer memory (see `momentum` and `adam`).

use crate::domain::{Parameters, check_finite};
use crate::error::{MlError, MlResult};

/// Rejects an empty list or a non-finite entry, naming what the list is.
pub(super) fn checked_values(values: Vec<f32>, kind: &'static str) -> MlResult<Vec<f32>> {
    if values.is_empty() {
        return Err(MlError::EmptyInput(kind));
    }
    check_finite(&values, kind)?;
    Ok(values)
}

/// Calls a step's gradient function and checks that the gradient has one
/// entry per parameter; `op` names the optimizer, such as `"Adam gradient"`.
pub(super) fn gradient_at<G>(
    gradient: &G,
    params: &ParameterVector,
    op: &'static str,
) -> MlResult<Gradient>
where
    G: Fn(&ParameterVector) -> MlResult<Gradient>,
{
    let g = gradient(params)?;
    if g.len() != params.len() {
        return Err(MlError::ShapeMismatch {
            op,
            expected: format!(
                "gradient of width {} (one entry per parameter)",
                params.len()
            ),
            got: format!("width {}", g.len()),
        });
    }
    Ok(g)
}

/// Checks that a piece of optimizer state has one entry per parameter.
pub(super) fn check_width(
    op: &'static str,
    what: &str,
    params: &ParameterVector,
    width: usize,
) -> MlResult<()> {
    if width != params.len() {
        return Err(MlError::ShapeMismatch {
            op,
            expected: format!("{what} of width {} (one entry per parameter)", params.len()),
            got: format!("width {width}"),
        });
    }
    Ok(())
}

/// Every trainable weight of a model as one flat list: non-empty and finite.
///
/// Optimizers do not care which weight is an embedding and which a bias; they
/// move each coordinate by its own rule. Convert from and to the tiny model's
/// [`Parameters`] with [`ParameterVector::from_parameters`] and
/// [`ParameterVector::to_parameters`].
///
/// ```
/// use typed_ai::{MlError, ParameterVector};
/// let params = ParameterVector::new(vec![1.0, -2.0])?;
/// assert_eq!(params.values(), &[1.0, -2.0]);
/// assert_eq!(ParameterVector::new(vec![]), Err(MlError::EmptyInput("parameter vector")));
/// # Ok::<(), MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ParameterVector(Vec<f32>);

impl ParameterVector {
    /// At least one finite value; otherwise `EmptyInput("parameter vector")`
    /// or `InvalidScalar { kind: "parameter vector", .. }`.
    pub fn new(values: Vec<f32>) -> MlResult<Self> {
        checked_values(values, "parameter vector").map(Self)
    }

    /// The tiny model's weights, flattened by [`Parameters::to_flat`].
    pub fn from_parameters(parameters: &Parameters) -> Self {
        // `Parameters` are non-empty and finite by construction.
        Self(parameters.to_flat())
    }

    /// These values poured back into the shape of `shape`; a width that does
    /// not fit is a `ShapeMismatch { op: "flat parameters", .. }`.
    pub fn to_parameters(&self, shape: &Parameters) -> MlResult<Parameters> {
        shape.with_flat(&self.0)
    }

    /// The values, in order.
    pub fn values(&self) -> &[f32] {
        &self.0
    }

    /// The number of parameters (always at least 1).
    #[expect(
        clippy::len_without_is_empty,
        reason = "a ParameterVector is never empty by construction"
    )]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Gives the values back.
    pub fn into_values(self) -> Vec<f32> {
        self.0
    }
}

/// The gradient of a loss with respect to a [`ParameterVector`]: one finite
/// partial derivative per parameter, pointing uphill.
///
/// ```
/// use typed_ai::{Gradient, MlError};
/// let g = Gradient::new(vec![0.5])?;
/// assert_eq!(g.values(), &[0.5]);
/// assert!(matches!(
///     Gradient::new(vec![f32::NAN]),
///     Err(MlError::InvalidScalar { kind: "gradient", .. })
/// ));
/// # Ok::<(), MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Gradient(Vec<f32>);

impl Gradient {
    /// At least one finite value; otherwise `EmptyInput("gradient")` or
    /// `InvalidScalar { kind: "gradient", .. }`.
    pub fn new(values: Vec<f32>) -> MlResult<Self> {
        checked_values(values, "gradient").map(Self)
    }

    /// The partial derivatives, in parameter order.
    pub fn values(&self) -> &[f32] {
        &self.0
    }

    /// The number of entries (always at least 1).
    #[expect(
        clippy::len_without_is_empty,
        reason = "a Gradient is never empty by construction"
    )]
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ModelDimension, VocabSize};
    use crate::rng::Seed;

    #[test]
    fn constructors_reject_empty_and_non_finite() {
        assert_eq!(
            ParameterVector::new(vec![]),
            Err(MlError::EmptyInput("parameter vector"))
        );
        assert_eq!(
            ParameterVector::new(vec![1.0, f32::INFINITY]),
            Err(MlError::InvalidScalar {
                kind: "parameter vector",
                value: f32::INFINITY
            })
        );
        assert_eq!(Gradient::new(vec![]), Err(MlError::EmptyInput("gradient")));
        assert!(matches!(
            Gradient::new(vec![f32::NAN]),
            Err(MlError::InvalidScalar { kind: "gradient", value }) if value.is_nan()
        ));
    }

    #[test]
    fn parameters_round_trip_through_the_flat_view() {
        let shape = Parameters::seeded(
            VocabSize::new(3).unwrap(),
            ModelDimension::new(2).unwrap(),
            Seed::new(4),
        );
        let flat = ParameterVector::from_parameters(&shape);
        // 3x2 embedding + 3x2 output weight + 3 biases
        assert_eq!(flat.len(), 15);
        assert_eq!(flat.to_parameters(&shape).unwrap(), shape);
        let too_short = ParameterVector::new(vec![0.0; 14]).unwrap();
        assert!(matches!(
            too_short.to_parameters(&shape),
            Err(MlError::ShapeMismatch {
                op: "flat parameters",
                ..
            })
        ));
    }

    #[test]
    fn gradient_width_must_match_the_parameters() {
        let params = ParameterVector::new(vec![1.0]).unwrap();
        let wide = |_: &ParameterVector| Gradient::new(vec![0.5, 0.5]);
        assert_eq!(
            gradient_at(&wide, &params, "Adam gradient"),
            Err(MlError::ShapeMismatch {
                op: "Adam gradient",
                expected: "gradient of width 1 (one entry per parameter)".to_string(),
                got: "width 2".to_string(),
            })
        );
    }
}
