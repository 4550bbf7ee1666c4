//! The linear maps between roles: a hidden sequence projected into queries,
//! keys and values, and the multi-head output projected back to the model
//! width. Each is one weight matrix applied to every position on its own.
//!
//! Convention: positions are rows, so a projection computes `X · W` with `W`
//! of shape input width × output width (row `i` of `W` says where input
//! feature `i` goes). That is the transpose of PyTorch's `nn.Linear.weight`,
//! which is stored output × input and applied as `X · Wᵀ`. The weights are plain validated [`Matrix`] values and
//! these maps have no bias, as in the attention sublayer of the original
//! transformer. Initialising or training the weights is not done here.

use crate::category::Morphism;
use crate::domain::Matrix;
use crate::error::{MlError, MlResult};

use super::sequence::{
    HiddenSequence, KeySequence, MultiHeadOutput, ProjectedAttentionOutput, QuerySequence,
    ValueSequence,
};

/// `X · W` for a positions × input matrix, after checking that the input
/// width is the weight's row count.
fn project_rows(
    input: &Matrix,
    weight: &Matrix,
    op: &'static str,
    input_name: &str,
) -> MlResult<Matrix> {
    if input.cols() != weight.rows() {
        // The weight is what must fit the input: name both of its sides, so a
        // weight written output × input (PyTorch's `nn.Linear.weight` layout)
        // is recognisable at a glance.
        return Err(MlError::ShapeMismatch {
            op,
            expected: format!(
                "a weight with {} rows, one per {input_name} feature (input width × output width)",
                input.cols()
            ),
            got: format!(
                "a {} × {} weight for {input_name} width {}",
                weight.rows(),
                weight.cols(),
                input.cols()
            ),
        });
    }
    input.matmul(weight)
}

/// Defines one projection: a weight matrix, its accessors, a borrowing
/// `project` and the one `Morphism` impl. The four projections differ only
/// in their roles, which is exactly what their types must record.
macro_rules! projection {
    ($(#[$doc:meta])* $name:ident : $input:ident => $output:ident, $op:literal, $input_name:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            weight: Matrix,
        }

        impl $name {
            #[doc = concat!("A ", $op, " with `weight` of shape ", $input_name, " width × output width.")]
            ///
            /// Any [`Matrix`] is a valid weight (it is non-empty and finite);
            /// its shape is checked against each input when applied.
            pub fn new(weight: Matrix) -> Self {
                Self { weight }
            }

            /// The weight matrix, input width × output width.
            pub fn weight(&self) -> &Matrix {
                &self.weight
            }

            /// The width this projection reads.
            pub fn input_width(&self) -> usize {
                self.weight.rows()
            }

            /// The width this projection writes.
            pub fn output_width(&self) -> usize {
                self.weight.cols()
            }

            #[doc = concat!("Projects a borrowed input; `apply` does the same by value.")]
            pub fn project(&self, input: &$input) -> MlResult<$output> {
                project_rows(input.as_matrix(), &self.weight, $op, $input_name)
                    .map($output::from_matrix)
            }
        }

        impl Morphism<$input, $output> for $name {
            fn name(&self) -> String {
                $op.replace(' ', "_")
            }

            fn apply(&self, input: $input) -> MlResult<$output> {
                self.project(&input)
            }
        }
    };
}

projection!(
    /// `HiddenSequence → QuerySequence`: what each position is looking for.
    ///
    /// ```
    /// use typed_ai::{HiddenSequence, Matrix, Morphism, QueryProjection};
    /// // Keep feature 0 only: [a, b] · [[1], [0]] = [a].
    /// let project = QueryProjection::new(Matrix::new(vec![vec![1.0], vec![0.0]])?);
    /// let hidden = HiddenSequence::new(vec![vec![3.0, 4.0], vec![5.0, 6.0]])?;
    /// assert_eq!(project.apply(hidden)?.to_rows(), vec![vec![3.0], vec![5.0]]);
    /// # Ok::<(), typed_ai::MlError>(())
    /// ```
    QueryProjection: HiddenSequence => QuerySequence,
    "query projection",
    "hidden"
);

projection!(
    /// `HiddenSequence → KeySequence`: what each position offers to be
    /// matched against. Its output width must equal the query projection's.
    KeyProjection: HiddenSequence => KeySequence,
    "key projection",
    "hidden"
);

projection!(
    /// `HiddenSequence → ValueSequence`: what each position hands over when
    /// attended to.
    ValueProjection: HiddenSequence => ValueSequence,
    "value projection",
    "hidden"
);

projection!(
    /// `MultiHeadOutput → ProjectedAttentionOutput`: mixes the concatenated
    /// heads and returns to the model width, so the result can be added to
    /// the residual stream.
    AttentionOutputProjection: MultiHeadOutput => ProjectedAttentionOutput,
    "attention output projection",
    "multi-head output"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projection_multiplies_each_position_by_the_weight() {
        // [1, 2] · [[1, 0, 1], [0, 1, 1]] = [1, 2, 3]; [3, 4] gives [3, 4, 7].
        let weight = Matrix::new(vec![vec![1.0, 0.0, 1.0], vec![0.0, 1.0, 1.0]]).unwrap();
        let hidden = HiddenSequence::new(vec![vec![1.0, 2.0], vec![3.0, 4.0]]).unwrap();
        let values = ValueProjection::new(weight).apply(hidden).unwrap();
        assert_eq!(
            values.to_rows(),
            vec![vec![1.0, 2.0, 3.0], vec![3.0, 4.0, 7.0]]
        );
    }

    #[test]
    fn projection_checks_the_input_width() {
        let project = KeyProjection::new(Matrix::zeros(3, 2).unwrap());
        assert_eq!((project.input_width(), project.output_width()), (3, 2));
        let hidden = HiddenSequence::new(vec![vec![1.0, 2.0]]).unwrap();
        assert_eq!(
            project.project(&hidden),
            Err(MlError::ShapeMismatch {
                op: "key projection",
                expected:
                    "a weight with 2 rows, one per hidden feature (input width × output width)"
                        .into(),
                got: "a 3 × 2 weight for hidden width 2".into(),
            })
        );
    }

    #[test]
    fn output_projection_returns_to_model_width() {
        // Two heads of width 1 joined to width 2, mapped to model width 3:
        // [1, 2] · [[1, 0, 0], [0, 1, 1]] = [1, 2, 2].
        let heads = MultiHeadOutput::new(vec![vec![1.0, 2.0]]).unwrap();
        let project = AttentionOutputProjection::new(
            Matrix::new(vec![vec![1.0, 0.0, 0.0], vec![0.0, 1.0, 1.0]]).unwrap(),
        );
        assert_eq!(
            Morphism::<MultiHeadOutput, ProjectedAttentionOutput>::name(&project),
            "attention_output_projection"
        );
        let projected = project.apply(heads).unwrap();
        assert_eq!(projected.to_rows(), vec![vec![1.0, 2.0, 2.0]]);
    }
}
