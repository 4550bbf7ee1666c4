//! The residual connection: `x + F(x)`, a sublayer's output added back onto
//! the stream it read (He et al., 2015).
//!
//! The addition is only defined for equal shapes, so the sublayer's output
//! must already be at the stream's length and model width; that is why the
//! multi-head output is projected first. `ResidualConnection` implements
//! `Morphism` twice on purpose, once per sublayer of a transformer block
//! (attention, feed-forward), so adding anything else, such as the raw
//! `MultiHeadOutput`, is refused by rustc with a list of the two shapes it
//! does accept.

use crate::category::Morphism;
use crate::domain::{Matrix, Product};
use crate::error::{MlError, MlResult};

use super::sequence::{FeedForwardOutput, HiddenSequence, ProjectedAttentionOutput};

/// `HiddenSequence × sublayer output → HiddenSequence`, element by element.
///
/// Worked example (the one in the `residual-connection` paper-to-Rust
/// challenge): `[[1, 2], [3, 4]] + [[0.5, 1.5], [2.5, 3.5]] =
/// [[1.5, 3.5], [5.5, 7.5]]`.
///
/// ```
/// use typed_ai::{HiddenSequence, Morphism, Product, ProjectedAttentionOutput, ResidualConnection};
/// let stream = HiddenSequence::new(vec![vec![1.0, 2.0], vec![3.0, 4.0]])?;
/// let update = ProjectedAttentionOutput::new(vec![vec![0.5, 1.5], vec![2.5, 3.5]])?;
/// let next = ResidualConnection.apply(Product::new(stream, update))?;
/// assert_eq!(next.to_rows(), vec![vec![1.5, 3.5], vec![5.5, 7.5]]);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ResidualConnection;

/// Adds `update` to `stream` after checking that the shapes are equal.
fn add_to_stream(stream: HiddenSequence, update: &Matrix) -> MlResult<HiddenSequence> {
    let shape = (stream.len(), stream.width());
    if (update.rows(), update.cols()) != shape {
        return Err(MlError::ShapeMismatch {
            op: "residual connection",
            expected: format!(
                "a {}x{} sublayer output (positions x model width, as the stream)",
                shape.0, shape.1
            ),
            got: format!("{}x{}", update.rows(), update.cols()),
        });
    }
    // The sum of two finite values can still overflow; `new` rejects that
    // as a non-finite hidden value.
    let rows = stream
        .rows()
        .zip(update.row_iter())
        .map(|(x, fx)| x.iter().zip(fx).map(|(a, b)| a + b).collect())
        .collect();
    HiddenSequence::new(rows)
}

impl Morphism<Product<HiddenSequence, ProjectedAttentionOutput>, HiddenSequence>
    for ResidualConnection
{
    fn name(&self) -> String {
        "residual_connection".to_string()
    }

    fn apply(
        &self,
        input: Product<HiddenSequence, ProjectedAttentionOutput>,
    ) -> MlResult<HiddenSequence> {
        let (stream, update) = input.into_parts();
        add_to_stream(stream, update.as_matrix())
    }
}

impl Morphism<Product<HiddenSequence, FeedForwardOutput>, HiddenSequence> for ResidualConnection {
    fn name(&self) -> String {
        "residual_connection".to_string()
    }

    fn apply(&self, input: Product<HiddenSequence, FeedForwardOutput>) -> MlResult<HiddenSequence> {
        let (stream, update) = input.into_parts();
        add_to_stream(stream, update.as_matrix())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_example_adds_elementwise() {
        let stream = HiddenSequence::new(vec![vec![1.0, 2.0], vec![3.0, 4.0]]).unwrap();
        let update = ProjectedAttentionOutput::new(vec![vec![0.5, 1.5], vec![2.5, 3.5]]).unwrap();
        let next = ResidualConnection
            .apply(Product::new(stream, update))
            .unwrap();
        assert_eq!(next.to_rows(), vec![vec![1.5, 3.5], vec![5.5, 7.5]]);
    }

    #[test]
    fn feed_forward_output_adds_the_same_way() {
        // [1, -1] + [2, 2] = [3, 1].
        let stream = HiddenSequence::new(vec![vec![1.0, -1.0]]).unwrap();
        let update = FeedForwardOutput::new(vec![vec![2.0, 2.0]]).unwrap();
        let next = ResidualConnection
            .apply(Product::new(stream, update))
            .unwrap();
        assert_eq!(next.to_rows(), vec![vec![3.0, 1.0]]);
    }

    #[test]
    fn width_mismatch_is_a_shape_error() {
        let stream = HiddenSequence::new(vec![vec![1.0, 2.0], vec![3.0, 4.0]]).unwrap();
        let wide = ProjectedAttentionOutput::new(vec![vec![0.0; 3]; 2]).unwrap();
        assert_eq!(
            ResidualConnection.apply(Product::new(stream, wide)),
            Err(MlError::ShapeMismatch {
                op: "residual connection",
                expected: "a 2x2 sublayer output (positions x model width, as the stream)".into(),
                got: "2x3".into(),
            })
        );
    }

    #[test]
    fn overflow_is_reported_as_a_hidden_value() {
        let stream = HiddenSequence::new(vec![vec![f32::MAX]]).unwrap();
        let update = FeedForwardOutput::new(vec![vec![f32::MAX]]).unwrap();
        assert!(matches!(
            ResidualConnection.apply(Product::new(stream, update)),
            Err(MlError::InvalidScalar {
                kind: "hidden sequence entry",
                ..
            })
        ));
    }
}
