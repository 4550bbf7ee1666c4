//! The position-wise feed-forward sublayer: at every position on its own,
//! `relu(x · W1 + b1) · W2 + b2`, widening the features to an inner width
//! and bringing them back to the model width.
//!
//! "Position-wise" is the point: no information moves between positions here
//! (that is attention's job), so the same two linear maps are applied to each
//! row independently. Adding the result back to the stream is
//! `ResidualConnection`'s job.

use crate::category::Morphism;
use crate::domain::{Matrix, Vector};
use crate::error::{MlError, MlResult};

use super::sequence::{FeedForwardOutput, HiddenSequence};

/// `HiddenSequence → FeedForwardOutput`: two linear maps with a ReLU
/// between them, applied to each position.
///
/// ```
/// use typed_ai::{HiddenSequence, Matrix, Morphism, PositionWiseFeedForward, Vector};
/// // Model width 1, inner width 2: x ↦ [x, −x] ↦ relu ↦ sum.
/// // That is |x|, so the rows [3] and [−2] give [3] and [2].
/// let ffn = PositionWiseFeedForward::new(
///     Matrix::new(vec![vec![1.0, -1.0]])?,
///     Vector::new(vec![0.0, 0.0])?,
///     Matrix::new(vec![vec![1.0], vec![1.0]])?,
///     Vector::new(vec![0.0])?,
/// )?;
/// let out = ffn.apply(HiddenSequence::new(vec![vec![3.0], vec![-2.0]])?)?;
/// assert_eq!(out.to_rows(), vec![vec![3.0], vec![2.0]]);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PositionWiseFeedForward {
    expand: Matrix,
    expand_bias: Vector,
    contract: Matrix,
    contract_bias: Vector,
}

impl PositionWiseFeedForward {
    /// `expand` is model width × inner width with `expand_bias` of the inner
    /// width; `contract` is inner width × model width with `contract_bias` of
    /// the model width, so the output can be added back to the stream.
    pub fn new(
        expand: Matrix,
        expand_bias: Vector,
        contract: Matrix,
        contract_bias: Vector,
    ) -> MlResult<Self> {
        let (model, inner) = (expand.rows(), expand.cols());
        let checks = [
            (expand_bias.len(), inner, "expand bias width"),
            (contract.rows(), inner, "contract weight rows"),
            (contract.cols(), model, "contract weight columns"),
            (contract_bias.len(), model, "contract bias width"),
        ];
        if let Some(&(got, expected, what)) = checks.iter().find(|(got, want, _)| got != want) {
            return Err(MlError::ShapeMismatch {
                op: "position-wise feed-forward",
                expected: format!("{what} {expected}"),
                got: format!("{what} {got}"),
            });
        }
        Ok(Self {
            expand,
            expand_bias,
            contract,
            contract_bias,
        })
    }

    /// The first weight, model width × inner width.
    pub fn expand(&self) -> &Matrix {
        &self.expand
    }

    /// The first bias, of the inner width.
    pub fn expand_bias(&self) -> &Vector {
        &self.expand_bias
    }

    /// The second weight, inner width × model width.
    pub fn contract(&self) -> &Matrix {
        &self.contract
    }

    /// The second bias, of the model width.
    pub fn contract_bias(&self) -> &Vector {
        &self.contract_bias
    }

    /// The width this sublayer reads and writes.
    pub fn model_width(&self) -> usize {
        self.expand.rows()
    }

    /// The width between the two maps.
    pub fn inner_width(&self) -> usize {
        self.expand.cols()
    }
}

/// `x · W + b` for one row.
fn affine(x: &[f32], weight: &Matrix, bias: &Vector) -> Vec<f32> {
    let mut out = bias.values().to_vec();
    for (xi, row) in x.iter().zip(weight.row_iter()) {
        for (o, w) in out.iter_mut().zip(row) {
            *o += xi * w;
        }
    }
    out
}

impl Morphism<HiddenSequence, FeedForwardOutput> for PositionWiseFeedForward {
    fn name(&self) -> String {
        "position_wise_feed_forward".to_string()
    }

    fn apply(&self, input: HiddenSequence) -> MlResult<FeedForwardOutput> {
        if input.width() != self.model_width() {
            return Err(MlError::ShapeMismatch {
                op: "position-wise feed-forward",
                expected: format!("hidden width {}", self.model_width()),
                got: format!("hidden width {}", input.width()),
            });
        }
        let rows = input
            .rows()
            .map(|x| {
                let inner: Vec<f32> = affine(x, &self.expand, &self.expand_bias)
                    .into_iter()
                    .map(|h| h.max(0.0))
                    .collect();
                affine(&inner, &self.contract, &self.contract_bias)
            })
            .collect();
        FeedForwardOutput::new(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix(rows: Vec<Vec<f32>>) -> Matrix {
        Matrix::new(rows).unwrap()
    }

    fn vector(values: Vec<f32>) -> Vector {
        Vector::new(values).unwrap()
    }

    /// Model width 2, inner width 2.
    fn small() -> PositionWiseFeedForward {
        PositionWiseFeedForward::new(
            matrix(vec![vec![1.0, 0.0], vec![0.0, 1.0]]),
            vector(vec![0.0, -1.0]),
            matrix(vec![vec![1.0, 1.0], vec![2.0, 0.0]]),
            vector(vec![0.5, 0.0]),
        )
        .unwrap()
    }

    #[test]
    fn relu_sits_between_the_two_maps() {
        // [1, 3]: inner [1, 3 − 1] = [1, 2], relu keeps both;
        //   [1, 2] · [[1, 1], [2, 0]] + [0.5, 0] = [1 + 4 + 0.5, 1] = [5.5, 1].
        // [1, 0]: inner [1, −1], relu gives [1, 0];
        //   [1, 0] · W2 + b2 = [1.5, 1]. Without the relu: [−0.5, 1].
        let out = small()
            .apply(HiddenSequence::new(vec![vec![1.0, 3.0], vec![1.0, 0.0]]).unwrap())
            .unwrap();
        assert_eq!(out.to_rows(), vec![vec![5.5, 1.0], vec![1.5, 1.0]]);
    }

    #[test]
    fn positions_do_not_mix() {
        // The output at a position depends on that position only.
        let ffn = small();
        let alone = ffn
            .apply(HiddenSequence::new(vec![vec![1.0, 3.0]]).unwrap())
            .unwrap();
        let together = ffn
            .apply(HiddenSequence::new(vec![vec![1.0, 3.0], vec![-7.0, 9.0]]).unwrap())
            .unwrap();
        assert_eq!(alone.row(0).unwrap(), together.row(0).unwrap());
    }

    #[test]
    fn shapes_are_checked() {
        let bad = PositionWiseFeedForward::new(
            matrix(vec![vec![1.0, 0.0, 0.0], vec![0.0, 1.0, 0.0]]),
            vector(vec![0.0; 3]),
            matrix(vec![vec![1.0, 0.0], vec![0.0, 1.0]]),
            vector(vec![0.0; 2]),
        );
        assert_eq!(
            bad,
            Err(MlError::ShapeMismatch {
                op: "position-wise feed-forward",
                expected: "contract weight rows 3".into(),
                got: "contract weight rows 2".into(),
            })
        );
        assert_eq!(
            small().apply(HiddenSequence::new(vec![vec![1.0]]).unwrap()),
            Err(MlError::ShapeMismatch {
                op: "position-wise feed-forward",
                expected: "hidden width 2".into(),
                got: "hidden width 1".into(),
            })
        );
        assert_eq!((small().model_width(), small().inner_width()), (2, 2));
    }
}
