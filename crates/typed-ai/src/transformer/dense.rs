//! A private `f64` workspace for the transformer's forward and backward
//! passes: a row-major dense matrix and the handful of products the two
//! passes need.
//!
//! The public nouns ([`Matrix`], [`Vector`]) hold `f32`, as everywhere in the
//! library. The passes widen to `f64` on entry and narrow on exit, because the
//! central-difference check compares loss differences of about `1e-6` and `f32`
//! only carries about seven significant digits (see the `backward` module doc).
//! This module owns no model logic and is not exported.

use crate::domain::{Matrix, Vector, check_finite};
use crate::error::MlResult;

use super::parameters::TransformerParts;

/// A `rows × cols` row-major matrix of `f64`. Shapes are guaranteed by the
/// callers in this module tree (they come from validated parameters), so the
/// products below assert instead of returning errors.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Dense {
    rows: usize,
    cols: usize,
    data: Vec<f64>,
}

impl Dense {
    /// A matrix of zeros.
    pub(super) fn zeros(rows: usize, cols: usize) -> Self {
        Self {
            rows,
            cols,
            data: vec![0.0; rows * cols],
        }
    }

    /// The widened copy of a library matrix.
    pub(super) fn from_matrix(matrix: &Matrix) -> Self {
        Self {
            rows: matrix.rows(),
            cols: matrix.cols(),
            data: matrix
                .as_row_major()
                .iter()
                .map(|&x| f64::from(x))
                .collect(),
        }
    }

    pub(super) fn rows(&self) -> usize {
        self.rows
    }

    /// The entries, row-major; only the tests read a whole matrix at once.
    #[cfg(test)]
    pub(super) fn data(&self) -> &[f64] {
        &self.data
    }

    pub(super) fn row(&self, r: usize) -> &[f64] {
        &self.data[r * self.cols..(r + 1) * self.cols]
    }

    pub(super) fn row_mut(&mut self, r: usize) -> &mut [f64] {
        &mut self.data[r * self.cols..(r + 1) * self.cols]
    }

    pub(super) fn get(&self, r: usize, c: usize) -> f64 {
        self.data[r * self.cols + c]
    }

    pub(super) fn set(&mut self, r: usize, c: usize, value: f64) {
        self.data[r * self.cols + c] = value;
    }

    /// `self · other`.
    pub(super) fn matmul(&self, other: &Dense) -> Dense {
        assert_eq!(self.cols, other.rows, "dense matmul inner dimensions");
        let mut out = Dense::zeros(self.rows, other.cols);
        for r in 0..self.rows {
            for k in 0..self.cols {
                let a = self.get(r, k);
                for (o, b) in out.row_mut(r).iter_mut().zip(other.row(k)) {
                    *o += a * b;
                }
            }
        }
        out
    }

    /// `self · otherᵀ`: how a gradient flows back through `Y = X · W`
    /// (`dX = dY · Wᵀ`), and how `Y = X · Wᵀ` runs forward.
    pub(super) fn matmul_transpose(&self, other: &Dense) -> Dense {
        assert_eq!(self.cols, other.cols, "dense matmul_transpose widths");
        let mut out = Dense::zeros(self.rows, other.rows);
        for r in 0..self.rows {
            for c in 0..other.rows {
                let dot = self.row(r).iter().zip(other.row(c)).map(|(a, b)| a * b);
                out.set(r, c, dot.sum());
            }
        }
        out
    }

    /// `selfᵀ · other`: the weight gradient of `Y = X · W` is `Xᵀ · dY`.
    pub(super) fn transpose_matmul(&self, other: &Dense) -> Dense {
        assert_eq!(self.rows, other.rows, "dense transpose_matmul heights");
        let mut out = Dense::zeros(self.cols, other.cols);
        for r in 0..self.rows {
            for (i, &a) in self.row(r).iter().enumerate() {
                for (o, b) in out.row_mut(i).iter_mut().zip(other.row(r)) {
                    *o += a * b;
                }
            }
        }
        out
    }

    /// Adds `bias` to every row.
    pub(super) fn add_row_vector(&mut self, bias: &[f64]) {
        assert_eq!(self.cols, bias.len(), "dense bias width");
        for r in 0..self.rows {
            for (o, b) in self.row_mut(r).iter_mut().zip(bias) {
                *o += b;
            }
        }
    }

    /// Element-wise `self += other`.
    pub(super) fn add_assign(&mut self, other: &Dense) {
        assert_eq!(
            (self.rows, self.cols),
            (other.rows, other.cols),
            "dense add shapes"
        );
        for (o, b) in self.data.iter_mut().zip(&other.data) {
            *o += b;
        }
    }

    /// The sum of the rows: the gradient of a bias added to every row.
    pub(super) fn column_sums(&self) -> Vec<f64> {
        let mut sums = vec![0.0; self.cols];
        for r in 0..self.rows {
            for (s, x) in sums.iter_mut().zip(self.row(r)) {
                *s += x;
            }
        }
        sums
    }

    /// Narrows back to a library matrix; a value that is not finite in `f32`
    /// is an invalid scalar of the given kind.
    pub(super) fn to_matrix(&self, kind: &'static str) -> MlResult<Matrix> {
        Matrix::from_row_major(self.rows, self.cols, narrow_values(&self.data, kind)?)
    }
}

/// The `f32` copy of `values`; a value too large for `f32` (or a NaN) is an
/// invalid scalar of the given kind.
fn narrow_values(values: &[f64], kind: &'static str) -> MlResult<Vec<f32>> {
    let narrow: Vec<f32> = values.iter().map(|&x| x as f32).collect();
    check_finite(&narrow, kind)?;
    Ok(narrow)
}

/// The widened copy of a library vector.
pub(super) fn widen(vector: &Vector) -> Vec<f64> {
    vector.values().iter().map(|&x| f64::from(x)).collect()
}

/// Element-wise `target += source`.
pub(super) fn add_into(target: &mut [f64], source: &[f64]) {
    for (t, s) in target.iter_mut().zip(source) {
        *t += s;
    }
}

/// The fourteen tensors of [`TransformerParts`], widened to `f64`. The
/// forward pass reads one; the backward pass accumulates gradients into
/// another of the same shape.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct WideParts {
    pub(super) token_embedding: Dense,
    pub(super) position_embedding: Dense,
    pub(super) query_weight: Dense,
    pub(super) key_weight: Dense,
    pub(super) value_weight: Dense,
    pub(super) attention_output_weight: Dense,
    pub(super) norm_gain: Vec<f64>,
    pub(super) norm_bias: Vec<f64>,
    pub(super) feed_forward_in_weight: Dense,
    pub(super) feed_forward_in_bias: Vec<f64>,
    pub(super) feed_forward_out_weight: Dense,
    pub(super) feed_forward_out_bias: Vec<f64>,
    pub(super) vocab_weight: Dense,
    pub(super) vocab_bias: Vec<f64>,
}

impl WideParts {
    pub(super) fn widen(parts: &TransformerParts) -> Self {
        Self {
            token_embedding: Dense::from_matrix(&parts.token_embedding),
            position_embedding: Dense::from_matrix(&parts.position_embedding),
            query_weight: Dense::from_matrix(&parts.query_weight),
            key_weight: Dense::from_matrix(&parts.key_weight),
            value_weight: Dense::from_matrix(&parts.value_weight),
            attention_output_weight: Dense::from_matrix(&parts.attention_output_weight),
            norm_gain: widen(&parts.norm_gain),
            norm_bias: widen(&parts.norm_bias),
            feed_forward_in_weight: Dense::from_matrix(&parts.feed_forward_in_weight),
            feed_forward_in_bias: widen(&parts.feed_forward_in_bias),
            feed_forward_out_weight: Dense::from_matrix(&parts.feed_forward_out_weight),
            feed_forward_out_bias: widen(&parts.feed_forward_out_bias),
            vocab_weight: Dense::from_matrix(&parts.vocab_weight),
            vocab_bias: widen(&parts.vocab_bias),
        }
    }

    /// All zeros, shaped like `self`: the starting point of a gradient sum.
    pub(super) fn zeros_like(&self) -> Self {
        let zeros = |m: &Dense| Dense::zeros(m.rows, m.cols);
        let empty = |v: &[f64]| vec![0.0; v.len()];
        Self {
            token_embedding: zeros(&self.token_embedding),
            position_embedding: zeros(&self.position_embedding),
            query_weight: zeros(&self.query_weight),
            key_weight: zeros(&self.key_weight),
            value_weight: zeros(&self.value_weight),
            attention_output_weight: zeros(&self.attention_output_weight),
            norm_gain: empty(&self.norm_gain),
            norm_bias: empty(&self.norm_bias),
            feed_forward_in_weight: zeros(&self.feed_forward_in_weight),
            feed_forward_in_bias: empty(&self.feed_forward_in_bias),
            feed_forward_out_weight: zeros(&self.feed_forward_out_weight),
            feed_forward_out_bias: empty(&self.feed_forward_out_bias),
            vocab_weight: zeros(&self.vocab_weight),
            vocab_bias: empty(&self.vocab_bias),
        }
    }

    /// Multiplies every entry by `factor` (turning a gradient sum into a
    /// gradient mean).
    pub(super) fn scale(&mut self, factor: f64) {
        let scale_all = |values: &mut [f64]| values.iter_mut().for_each(|x| *x *= factor);
        for m in [
            &mut self.token_embedding,
            &mut self.position_embedding,
            &mut self.query_weight,
            &mut self.key_weight,
            &mut self.value_weight,
            &mut self.attention_output_weight,
            &mut self.feed_forward_in_weight,
            &mut self.feed_forward_out_weight,
            &mut self.vocab_weight,
        ] {
            scale_all(&mut m.data);
        }
        for v in [
            &mut self.norm_gain,
            &mut self.norm_bias,
            &mut self.feed_forward_in_bias,
            &mut self.feed_forward_out_bias,
            &mut self.vocab_bias,
        ] {
            scale_all(v);
        }
    }

    /// Narrows back to library tensors; a value too large for `f32` is
    /// reported as an invalid scalar of the given kind.
    pub(super) fn narrow(&self, kind: &'static str) -> MlResult<TransformerParts> {
        let matrix = |m: &Dense| m.to_matrix(kind);
        let vector = |v: &[f64]| Vector::new(narrow_values(v, kind)?);
        Ok(TransformerParts {
            token_embedding: matrix(&self.token_embedding)?,
            position_embedding: matrix(&self.position_embedding)?,
            query_weight: matrix(&self.query_weight)?,
            key_weight: matrix(&self.key_weight)?,
            value_weight: matrix(&self.value_weight)?,
            attention_output_weight: matrix(&self.attention_output_weight)?,
            norm_gain: vector(&self.norm_gain)?,
            norm_bias: vector(&self.norm_bias)?,
            feed_forward_in_weight: matrix(&self.feed_forward_in_weight)?,
            feed_forward_in_bias: vector(&self.feed_forward_in_bias)?,
            feed_forward_out_weight: matrix(&self.feed_forward_out_weight)?,
            feed_forward_out_bias: vector(&self.feed_forward_out_bias)?,
            vocab_weight: matrix(&self.vocab_weight)?,
            vocab_bias: vector(&self.vocab_bias)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::MlError;

    fn dense(rows: usize, cols: usize, data: &[f64]) -> Dense {
        Dense {
            rows,
            cols,
            data: data.to_vec(),
        }
    }

    #[test]
    fn the_three_products_agree_with_hand_values() {
        // A = [[1, 2], [3, 4]], B = [[5, 6], [7, 8]]
        let a = dense(2, 2, &[1.0, 2.0, 3.0, 4.0]);
        let b = dense(2, 2, &[5.0, 6.0, 7.0, 8.0]);
        // A·B = [[1·5+2·7, 1·6+2·8], [3·5+4·7, 3·6+4·8]] = [[19, 22], [43, 50]]
        assert_eq!(a.matmul(&b).data(), &[19.0, 22.0, 43.0, 50.0]);
        // A·Bᵀ = [[1·5+2·6, 1·7+2·8], [3·5+4·6, 3·7+4·8]] = [[17, 23], [39, 53]]
        assert_eq!(a.matmul_transpose(&b).data(), &[17.0, 23.0, 39.0, 53.0]);
        // Aᵀ·B = [[1·5+3·7, 1·6+3·8], [2·5+4·7, 2·6+4·8]] = [[26, 30], [38, 44]]
        assert_eq!(a.transpose_matmul(&b).data(), &[26.0, 30.0, 38.0, 44.0]);
        assert_eq!(a.column_sums(), vec![4.0, 6.0]);
    }

    #[test]
    fn narrowing_rejects_values_beyond_f32() {
        assert_eq!(
            dense(1, 1, &[1e300]).to_matrix("weight"),
            Err(MlError::InvalidScalar {
                kind: "weight",
                value: f32::INFINITY
            })
        );
        let m = dense(1, 2, &[0.5, -2.0]).to_matrix("weight").unwrap();
        assert_eq!(m.as_row_major(), &[0.5, -2.0]);
    }
}
