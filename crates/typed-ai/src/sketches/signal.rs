//! Signal matrices: a `rows × cols` matrix as an arrow from `cols` input
//! signals to `rows` output signals, composed by matrix product.
//!
//! This file owns the composition rule and its shape check; the arithmetic is
//! [`Matrix::matmul`]. It does not draw or simplify signal-flow graphs.

use crate::category::Morphism;
use crate::domain::{Matrix, Vector, entry_count};
use crate::error::{MlError, MlResult};

/// A linear signal processor: `cols` signals in, `rows` signals out, each
/// output a weighted sum of the inputs.
///
/// **The idea.** A matrix is an arrow between signal spaces: a `2 × 3`
/// matrix takes 3 signals and emits 2. Wiring one processor's outputs into
/// another's inputs is composition, and for matrices composition is the
/// matrix product, `g.compose_after(f) = g · f`. It exists only when the
/// shapes meet (f emits as many signals as g takes), just as `g ∘ f` needs
/// f's target to be g's source; and it is associative, so a chain of
/// processors means the same however it is bracketed. A linear layer of a
/// network is exactly such an arrow.
///
/// ```
/// use typed_ai::{Morphism, SignalMatrix, Vector};
/// let split = SignalMatrix::new(vec![vec![1.0], vec![2.0]])?; // 1 → 2
/// let mix = SignalMatrix::new(vec![vec![1.0, 1.0]])?; // 2 → 1
/// let both = mix.compose_after(&split)?; // 1 → 1: x ↦ x + 2x
/// assert_eq!(both.apply(Vector::new(vec![5.0])?)?.values(), &[15.0]);
/// assert!(split.compose_after(&split).is_err()); // 2 outputs into 1 input
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SignalMatrix {
    matrix: Matrix,
}

impl SignalMatrix {
    /// A processor from its rows (one per output signal); the rows must be
    /// non-empty, of equal length and finite, as for [`Matrix::new`].
    pub fn new(rows: Vec<Vec<f32>>) -> MlResult<Self> {
        Matrix::new(rows).map(Self::from_matrix)
    }

    /// A processor with the weights of `matrix`.
    pub fn from_matrix(matrix: Matrix) -> Self {
        Self { matrix }
    }

    /// The processor that passes `signals` signals through unchanged: the
    /// identity arrow. Zero signals is `EmptyInput("matrix")`, and more than
    /// memory can address is `ShapeMismatch { op: "matrix", .. }`.
    pub fn identity(signals: usize) -> MlResult<Self> {
        let mut data = vec![0.0; entry_count("matrix", signals, signals)?];
        for i in 0..signals {
            data[i * signals + i] = 1.0;
        }
        Matrix::from_row_major(signals, signals, data).map(Self::from_matrix)
    }

    /// How many signals it takes (its columns).
    pub fn inputs(&self) -> usize {
        self.matrix.cols()
    }

    /// How many signals it emits (its rows).
    pub fn outputs(&self) -> usize {
        self.matrix.rows()
    }

    /// The weights.
    pub fn matrix(&self) -> &Matrix {
        &self.matrix
    }

    /// `self ∘ first`: run `first`, then feed its outputs into `self`. Needs
    /// `first.outputs() == self.inputs()`; otherwise a
    /// `ShapeMismatch { op: "signal matrix composition", .. }`.
    pub fn compose_after(&self, first: &SignalMatrix) -> MlResult<SignalMatrix> {
        if first.outputs() != self.inputs() {
            return Err(MlError::ShapeMismatch {
                op: "signal matrix composition",
                expected: format!(
                    "first matrix output width {} (the second matrix's input width)",
                    self.inputs()
                ),
                got: format!("output width {}", first.outputs()),
            });
        }
        self.matrix.matmul(&first.matrix).map(Self::from_matrix)
    }
}

impl Morphism<Vector, Vector> for SignalMatrix {
    fn name(&self) -> String {
        format!("signal matrix {} → {}", self.inputs(), self.outputs())
    }

    fn apply(&self, signal: Vector) -> MlResult<Vector> {
        if signal.len() != self.inputs() {
            return Err(MlError::ShapeMismatch {
                op: "signal matrix application",
                expected: format!("signal of width {}", self.inputs()),
                got: format!("width {}", signal.len()),
            });
        }
        self.matrix.mul_vector(&signal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composition_is_the_matrix_product() {
        // g = [[1, 2]] after f = [[3], [4]]: 1·3 + 2·4 = 11
        let f = SignalMatrix::new(vec![vec![3.0], vec![4.0]]).unwrap();
        let g = SignalMatrix::new(vec![vec![1.0, 2.0]]).unwrap();
        let gf = g.compose_after(&f).unwrap();
        assert_eq!((gf.outputs(), gf.inputs()), (1, 1));
        assert_eq!(gf.matrix().as_row_major(), &[11.0]);
        // f after g is also defined (1 → 2 after 2 → 1) and is a 2 × 2 matrix.
        let fg = f.compose_after(&g).unwrap();
        assert_eq!(fg.matrix().as_row_major(), &[3.0, 6.0, 4.0, 8.0]);
    }

    #[test]
    fn shapes_must_meet() {
        let two_to_three = SignalMatrix::new(vec![vec![1.0, 0.0]; 3]).unwrap();
        let two_to_one = SignalMatrix::new(vec![vec![1.0, 1.0]]).unwrap();
        assert_eq!(
            two_to_one.compose_after(&two_to_three),
            Err(MlError::ShapeMismatch {
                op: "signal matrix composition",
                expected: "first matrix output width 2 (the second matrix's input width)"
                    .to_string(),
                got: "output width 3".to_string(),
            })
        );
        assert!(matches!(
            two_to_one.apply(Vector::new(vec![1.0]).unwrap()),
            Err(MlError::ShapeMismatch {
                op: "signal matrix application",
                ..
            })
        ));
        assert_eq!(
            SignalMatrix::identity(0),
            Err(MlError::EmptyInput("matrix"))
        );
        // (usize::MAX / 2)² overflows usize: an error, not a wrapped count.
        assert!(matches!(
            SignalMatrix::identity(usize::MAX / 2),
            Err(MlError::ShapeMismatch { op: "matrix", .. })
        ));
        assert_eq!(
            SignalMatrix::new(vec![]),
            Err(MlError::EmptyInput("matrix"))
        );
        assert!(matches!(
            SignalMatrix::new(vec![vec![1.0, 2.0], vec![3.0]]),
            Err(MlError::ShapeMismatch { op: "matrix", .. })
        ));
    }
}
