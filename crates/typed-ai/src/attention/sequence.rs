//! Sequences of vectors, one per position, each type naming the role its rows
//! play: the hidden stream, queries, keys, values, and the outputs of the
//! attention sublayers. Also [`SequenceLength`], the non-zero number of
//! positions.
//!
//! All these types share one storage shape (positions × width, every entry
//! finite, at least one position and one feature), and they are still distinct
//! types: a key sequence cannot be passed where queries are expected even when
//! the numbers would fit. This module only validates and exposes rows; the
//! arrows between the roles live in the sibling modules.

use crate::domain::{Matrix, Vector, check_finite};
use crate::error::{MlError, MlResult};

/// The number of positions in a sequence: at least 1.
///
/// Masks are sized by it, so a zero-length mask (which would leave a query
/// with nothing to attend to) cannot be asked for.
///
/// ```
/// use typed_ai::{MlError, SequenceLength};
/// assert_eq!(SequenceLength::new(3)?.get(), 3);
/// assert_eq!(SequenceLength::new(0), Err(MlError::EmptyInput("sequence length")));
/// # Ok::<(), MlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SequenceLength(usize);

impl SequenceLength {
    /// A length of `len` positions; zero is rejected with
    /// `EmptyInput("sequence length")`.
    pub fn new(len: usize) -> MlResult<Self> {
        if len == 0 {
            return Err(MlError::EmptyInput("sequence length"));
        }
        Ok(Self(len))
    }

    /// The number of positions.
    pub fn get(self) -> usize {
        self.0
    }
}

/// Checks rows for a positions × width sequence and packs them into a matrix,
/// naming the role in every error so the learner knows which input was wrong.
fn validated_rows(
    rows: Vec<Vec<f32>>,
    what: &'static str,
    entry: &'static str,
) -> MlResult<Matrix> {
    let width = rows.first().map_or(0, Vec::len);
    if rows.is_empty() || width == 0 {
        return Err(MlError::EmptyInput(what));
    }
    if let Some((position, row)) = rows.iter().enumerate().find(|(_, r)| r.len() != width) {
        return Err(MlError::ShapeMismatch {
            op: what,
            expected: format!("every position of width {width}"),
            got: format!("position {position} of width {}", row.len()),
        });
    }
    let positions = rows.len();
    let data: Vec<f32> = rows.into_iter().flatten().collect();
    check_finite(&data, entry)?;
    Matrix::from_row_major(positions, width, data)
}

/// Defines one role of sequence: a private `Matrix` (positions × width) and
/// the same validated constructor and accessors for every role. A macro keeps
/// the roles identical in behaviour while leaving them distinct types, which
/// is the whole point of having them.
macro_rules! role_sequence {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name(Matrix);

        impl $name {
            #[doc = concat!("A ", $what, " from its rows, one per position.")]
            ///
            /// Rejects no rows or zero-width rows (`EmptyInput`), rows of
            /// unequal width (`ShapeMismatch`) and non-finite entries
            /// (`InvalidScalar`).
            pub fn new(rows: Vec<Vec<f32>>) -> MlResult<Self> {
                validated_rows(rows, $what, concat!($what, " entry")).map(Self)
            }

            #[doc = concat!("A ", $what, " from one vector per position; every vector must have the same width.")]
            pub fn from_vectors(vectors: Vec<Vector>) -> MlResult<Self> {
                Self::new(vectors.into_iter().map(Vector::into_values).collect())
            }

            #[doc = concat!("A ", $what, " whose rows are the rows of `matrix`.")]
            ///
            /// A [`Matrix`] is already non-empty, rectangular and finite, so
            /// this cannot fail.
            pub fn from_matrix(matrix: Matrix) -> Self {
                Self(matrix)
            }

            /// The number of positions (always at least 1).
            #[expect(
                clippy::len_without_is_empty,
                reason = "a sequence has at least one position by construction"
            )]
            pub fn len(&self) -> usize {
                self.0.rows()
            }

            /// The number of positions, as a [`SequenceLength`].
            pub fn sequence_length(&self) -> SequenceLength {
                SequenceLength(self.0.rows())
            }

            /// The number of features at each position.
            pub fn width(&self) -> usize {
                self.0.cols()
            }

            /// The features at one position, or `OutOfRange` past the end.
            pub fn row(&self, position: usize) -> MlResult<&[f32]> {
                self.0.row(position).map_err(|_| MlError::OutOfRange {
                    kind: concat!($what, " position"),
                    index: position,
                    limit: self.0.rows(),
                })
            }

            /// The rows, in position order.
            pub fn rows(&self) -> impl Iterator<Item = &[f32]> {
                self.0.row_iter()
            }

            /// The rows copied out as nested vectors.
            pub fn to_rows(&self) -> Vec<Vec<f32>> {
                self.0.row_iter().map(<[f32]>::to_vec).collect()
            }

            /// The positions × width matrix behind the sequence.
            pub fn as_matrix(&self) -> &Matrix {
                &self.0
            }

            /// Gives the matrix back, ending the sequence's role.
            pub fn into_matrix(self) -> Matrix {
                self.0
            }
        }
    };
}

role_sequence!(
    /// The residual stream: one model-width vector per position.
    ///
    /// This is what a transformer block reads and writes. Self-attention
    /// projects it three ways, into a [`QuerySequence`], a [`KeySequence`] and
    /// a [`ValueSequence`].
    ///
    /// ```
    /// use typed_ai::{HiddenSequence, MlError};
    /// let hidden = HiddenSequence::new(vec![vec![1.0, 2.0], vec![3.0, 4.0], vec![5.0, 6.0]])?;
    /// assert_eq!((hidden.len(), hidden.width()), (3, 2));
    /// assert_eq!(hidden.row(1)?, &[3.0, 4.0]);
    /// assert!(matches!(
    ///     HiddenSequence::new(vec![vec![1.0, 2.0], vec![3.0]]),
    ///     Err(MlError::ShapeMismatch { op: "hidden sequence", .. })
    /// ));
    /// # Ok::<(), MlError>(())
    /// ```
    HiddenSequence,
    "hidden sequence"
);

role_sequence!(
    /// What each position is looking for: one query vector per position, of
    /// the head dimension `d_k`.
    ///
    /// Queries own the *rows* of the attention scores.
    QuerySequence,
    "query sequence"
);

role_sequence!(
    /// What each position offers to be matched against: one key vector per
    /// position, of the same head dimension as the queries.
    ///
    /// Keys own the *columns* of the attention scores.
    KeySequence,
    "key sequence"
);

role_sequence!(
    /// What each position hands over when it is attended to: one value vector
    /// per position (one per key).
    ValueSequence,
    "value sequence"
);

role_sequence!(
    /// One attention head's result: for each query position, the
    /// weight-averaged value vectors.
    AttentionOutput,
    "attention output"
);

role_sequence!(
    /// Every head's output joined feature-wise at each position: positions ×
    /// (heads · head dimension). Not yet the model width; see
    /// [`AttentionOutputProjection`](crate::AttentionOutputProjection).
    MultiHeadOutput,
    "multi-head output"
);

role_sequence!(
    /// The multi-head output mapped back to the model width, ready to be added
    /// to the residual stream.
    ProjectedAttentionOutput,
    "projected attention output"
);

role_sequence!(
    /// The position-wise feed-forward sublayer's result, at the model width,
    /// ready to be added to the residual stream.
    FeedForwardOutput,
    "feed-forward output"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_length_rejects_zero() {
        assert_eq!(
            SequenceLength::new(0),
            Err(MlError::EmptyInput("sequence length"))
        );
        assert_eq!(SequenceLength::new(4).map(SequenceLength::get), Ok(4));
    }

    #[test]
    fn constructors_name_the_role_they_reject() {
        assert_eq!(
            QuerySequence::new(vec![]),
            Err(MlError::EmptyInput("query sequence"))
        );
        assert_eq!(
            KeySequence::new(vec![vec![]]),
            Err(MlError::EmptyInput("key sequence"))
        );
        assert_eq!(
            ValueSequence::new(vec![vec![1.0, 2.0], vec![3.0, 4.0], vec![5.0]]),
            Err(MlError::ShapeMismatch {
                op: "value sequence",
                expected: "every position of width 2".into(),
                got: "position 2 of width 1".into(),
            })
        );
        assert_eq!(
            HiddenSequence::new(vec![vec![1.0, f32::INFINITY]]),
            Err(MlError::InvalidScalar {
                kind: "hidden sequence entry",
                value: f32::INFINITY
            })
        );
        assert!(matches!(
            HiddenSequence::new(vec![vec![f32::NAN]]),
            Err(MlError::InvalidScalar { kind: "hidden sequence entry", value }) if value.is_nan()
        ));
    }

    #[test]
    fn accessors_expose_positions_and_features() {
        let hidden = HiddenSequence::new(vec![vec![1.0, 2.0, 3.0], vec![4.0, 5.0, 6.0]]).unwrap();
        assert_eq!(hidden.len(), 2);
        assert_eq!(hidden.sequence_length().get(), 2);
        assert_eq!(hidden.width(), 3);
        assert_eq!(hidden.row(1).unwrap(), &[4.0, 5.0, 6.0]);
        assert_eq!(
            hidden.row(2),
            Err(MlError::OutOfRange {
                kind: "hidden sequence position",
                index: 2,
                limit: 2
            })
        );
        assert_eq!(
            hidden.to_rows(),
            vec![vec![1.0, 2.0, 3.0], vec![4.0, 5.0, 6.0]]
        );
        assert_eq!(hidden.rows().count(), 2);
        let matrix = hidden.clone().into_matrix();
        assert_eq!(HiddenSequence::from_matrix(matrix), hidden);
    }

    #[test]
    fn from_vectors_checks_equal_widths() {
        let a = Vector::new(vec![1.0, 2.0]).unwrap();
        let b = Vector::new(vec![3.0, 4.0]).unwrap();
        let c = Vector::new(vec![5.0]).unwrap();
        let hidden = HiddenSequence::from_vectors(vec![a.clone(), b]).unwrap();
        assert_eq!(hidden.to_rows(), vec![vec![1.0, 2.0], vec![3.0, 4.0]]);
        assert!(matches!(
            HiddenSequence::from_vectors(vec![a, c]),
            Err(MlError::ShapeMismatch {
                op: "hidden sequence",
                ..
            })
        ));
        assert_eq!(
            HiddenSequence::from_vectors(vec![]),
            Err(MlError::EmptyInput("hidden sequence"))
        );
    }
}
