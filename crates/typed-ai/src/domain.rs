//! The nouns of machine learning as validated types: token ids, sequences,
//! vectors, logits, distributions, losses, learning rates, products, matrices,
//! training sets and model parameters.
//!
//! Every type keeps its field private and is built through a constructor that
//! checks the invariant the type stands for, so a value that exists is a value
//! that is valid. Types with the same storage (a `Vector` and `Logits` are both
//! a list of `f32`) stay distinct because they play different roles.
//!
//! This module holds data and checks; the arrows that transform these values
//! live in `ml`, `training`, `attention`, `transformer` and `optim`.

use crate::error::{MlError, MlResult};
use crate::rng::{Seed, SeededRng};

/// How far the entries of a [`Distribution`] may sum from exactly 1.
///
/// The entries are added in `f64` (see `is_distribution`), so the additions
/// themselves contribute almost nothing; what is left is the rounding already
/// in each `f32` entry, at most `2⁻²⁴ ≈ 6e-8` of the entry, which moves the
/// total of an honest distribution by at most `6e-8` whatever the vocabulary
/// size (a uniform distribution over 128 000 tokens sums to 1 + 4.7e-8). A
/// distribution computed in `f32` elsewhere (a softmax whose normaliser was
/// itself rounded) may carry a little more, which is why the tolerance is
/// `1e-4` rather than `1e-7`; it still refuses real mistakes such as
/// `[0.4, 0.4]` or `[0.5, 0.5002]`.
///
/// Adding the entries in `f32` instead would not do: the running total rounds
/// at every step, by up to `2⁻²⁴` of itself, and over a real vocabulary that
/// drift passes the tolerance (uniform over 32 000 tokens: 0.9998139; over
/// 50 257: 1.000364; over 128 000: 0.9995415).
pub const PROBABILITY_TOLERANCE: f32 = 1e-4;

/// Checks that every value is finite, naming what the values are: the one
/// finite check every validated list of `f32` in the library goes through.
pub(crate) fn check_finite(values: &[f32], kind: &'static str) -> MlResult<()> {
    match values.iter().find(|v| !v.is_finite()) {
        Some(&value) => Err(MlError::InvalidScalar { kind, value }),
        None => Ok(()),
    }
}

/// The most `f32` entries one allocation can hold: a `Vec` never exceeds
/// `isize::MAX` bytes.
pub(crate) const MAX_ENTRIES: usize = isize::MAX.unsigned_abs() / size_of::<f32>();

/// The number of entries of a `rows × cols` grid of `f32`, computed without
/// wrapping: when the product overflows `usize` or passes [`MAX_ENTRIES`],
/// no such grid can exist and the answer is a `ShapeMismatch` naming `op`.
pub(crate) fn entry_count(op: &'static str, rows: usize, cols: usize) -> MlResult<usize> {
    rows.checked_mul(cols)
        .filter(|&count| count <= MAX_ENTRIES)
        .ok_or_else(|| MlError::ShapeMismatch {
            op,
            expected: format!(
                "at most {MAX_ENTRIES} entries (what one allocation of f32 can hold)"
            ),
            got: format!("{rows}x{cols}, more entries than that"),
        })
}

/// Whether `probabilities` are a distribution: every entry finite and
/// non-negative, the total within [`PROBABILITY_TOLERANCE`] of 1. The
/// invariant of [`Distribution`], shared with `structure`'s
/// `LabelledDistribution` so that both mean the same by "probabilities".
///
/// The total is accumulated in `f64`: an `f32` running sum drifts by up to
/// `2⁻²⁴` of itself per addition and would refuse honest distributions over
/// tens of thousands of outcomes (see [`PROBABILITY_TOLERANCE`]).
pub(crate) fn is_distribution(probabilities: impl IntoIterator<Item = f32>) -> bool {
    let mut total = 0.0_f64;
    for p in probabilities {
        if !p.is_finite() || p < 0.0 {
            return false;
        }
        total += f64::from(p);
    }
    (total - 1.0).abs() <= f64::from(PROBABILITY_TOLERANCE)
}

/// A position in the vocabulary: an index, not just any integer.
///
/// A `TokenId` is not range-checked on its own (it does not know the
/// vocabulary); the first arrow that uses it as an index, such as an embedding
/// lookup, checks it and returns [`MlError::OutOfRange`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TokenId(usize);

impl TokenId {
    /// Wraps a vocabulary index.
    pub fn new(index: usize) -> Self {
        Self(index)
    }

    /// The vocabulary index this id stands for.
    pub fn index(self) -> usize {
        self.0
    }
}

/// The number of distinct tokens a model knows; at least 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VocabSize(usize);

impl VocabSize {
    /// A vocabulary of `size` tokens; zero is rejected.
    pub fn new(size: usize) -> MlResult<Self> {
        if size == 0 {
            return Err(MlError::EmptyInput("vocabulary"));
        }
        Ok(Self(size))
    }

    /// The number of tokens.
    pub fn get(self) -> usize {
        self.0
    }

    /// Checks that `token` is inside this vocabulary.
    pub fn check(self, token: TokenId) -> MlResult<TokenId> {
        if token.index() < self.0 {
            Ok(token)
        } else {
            Err(MlError::OutOfRange {
                kind: "token",
                index: token.index(),
                limit: self.0,
            })
        }
    }
}

/// The width of the model's hidden vectors; at least 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ModelDimension(usize);

impl ModelDimension {
    /// A hidden width of `width` features; zero is rejected.
    pub fn new(width: usize) -> MlResult<Self> {
        if width == 0 {
            return Err(MlError::EmptyInput("model dimension"));
        }
        Ok(Self(width))
    }

    /// The number of features.
    pub fn get(self) -> usize {
        self.0
    }
}

/// A non-empty sequence of tokens, such as a tokenised sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenSequence(Vec<TokenId>);

impl TokenSequence {
    /// A sequence of at least one token.
    pub fn new(tokens: Vec<TokenId>) -> MlResult<Self> {
        if tokens.is_empty() {
            return Err(MlError::EmptyInput("token sequence"));
        }
        Ok(Self(tokens))
    }

    /// Convenience: a sequence from raw vocabulary indices.
    ///
    /// ```
    /// use typed_ai::TokenSequence;
    /// let seq = TokenSequence::from_indices(&[2, 0, 1])?;
    /// assert_eq!(seq.len(), 3);
    /// assert_eq!(seq.tokens()[0].index(), 2);
    /// # Ok::<(), typed_ai::MlError>(())
    /// ```
    pub fn from_indices(indices: &[usize]) -> MlResult<Self> {
        Self::new(indices.iter().copied().map(TokenId::new).collect())
    }

    /// The tokens, in order.
    pub fn tokens(&self) -> &[TokenId] {
        &self.0
    }

    /// How many tokens the sequence holds (always at least 1).
    #[expect(
        clippy::len_without_is_empty,
        reason = "a TokenSequence is never empty by construction"
    )]
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// A dense feature vector (an embedding, a hidden state): non-empty and finite.
#[derive(Debug, Clone, PartialEq)]
pub struct Vector(Vec<f32>);

impl Vector {
    /// A vector of at least one finite value.
    pub fn new(values: Vec<f32>) -> MlResult<Self> {
        if values.is_empty() {
            return Err(MlError::EmptyInput("vector"));
        }
        check_finite(&values, "vector entry")?;
        Ok(Self(values))
    }

    /// The values, in order.
    pub fn values(&self) -> &[f32] {
        &self.0
    }

    /// The number of features (always at least 1).
    #[expect(
        clippy::len_without_is_empty,
        reason = "a Vector is never empty by construction"
    )]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The dot product with a vector of the same length.
    ///
    /// ```
    /// use typed_ai::Vector;
    /// let a = Vector::new(vec![1.0, 2.0])?;
    /// let b = Vector::new(vec![3.0, 4.0])?;
    /// assert_eq!(a.dot(&b)?, 11.0);
    /// # Ok::<(), typed_ai::MlError>(())
    /// ```
    pub fn dot(&self, other: &Vector) -> MlResult<f32> {
        if self.len() != other.len() {
            return Err(MlError::ShapeMismatch {
                op: "dot product",
                expected: format!("length {}", self.len()),
                got: format!("length {}", other.len()),
            });
        }
        Ok(self.0.iter().zip(&other.0).map(|(a, b)| a * b).sum())
    }

    /// Gives the values back, ending the vector's role.
    pub fn into_values(self) -> Vec<f32> {
        self.0
    }
}

/// Unnormalised scores, one per vocabulary entry: any finite real numbers.
///
/// Logits are not probabilities: they may be negative and need not sum to 1.
/// `Softmax` turns them into a [`Distribution`].
#[derive(Debug, Clone, PartialEq)]
pub struct Logits(Vec<f32>);

impl Logits {
    /// At least one finite score.
    pub fn new(scores: Vec<f32>) -> MlResult<Self> {
        if scores.is_empty() {
            return Err(MlError::EmptyInput("logits"));
        }
        check_finite(&scores, "logit")?;
        Ok(Self(scores))
    }

    /// The scores, in vocabulary order.
    pub fn scores(&self) -> &[f32] {
        &self.0
    }

    /// The number of scores (always at least 1).
    #[expect(
        clippy::len_without_is_empty,
        reason = "Logits are never empty by construction"
    )]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The largest score.
    pub fn max(&self) -> f32 {
        self.0.iter().copied().fold(f32::NEG_INFINITY, f32::max)
    }
}

/// A probability distribution over outcomes: finite, non-negative entries that
/// sum to 1 within [`PROBABILITY_TOLERANCE`].
///
/// ```
/// use typed_ai::{Distribution, MlError};
/// assert!(Distribution::new(vec![0.25, 0.75]).is_ok());
/// assert_eq!(
///     Distribution::new(vec![0.4, 0.4]),
///     Err(MlError::InvalidProbability("distribution"))
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Distribution(Vec<f32>);

impl Distribution {
    /// Validates `probabilities` as a distribution.
    pub fn new(probabilities: Vec<f32>) -> MlResult<Self> {
        if probabilities.is_empty() {
            return Err(MlError::EmptyInput("distribution"));
        }
        if !is_distribution(probabilities.iter().copied()) {
            return Err(MlError::InvalidProbability("distribution"));
        }
        Ok(Self(probabilities))
    }

    /// Every outcome equally likely.
    pub fn uniform(size: VocabSize) -> Self {
        let n = size.get();
        Self(vec![1.0 / n as f32; n])
    }

    /// All mass on `token`: the target distribution of cross-entropy.
    pub fn one_hot(token: TokenId, size: VocabSize) -> MlResult<Self> {
        let token = size.check(token)?;
        let mut probabilities = vec![0.0; size.get()];
        probabilities[token.index()] = 1.0;
        Ok(Self(probabilities))
    }

    /// The probabilities, in outcome order.
    pub fn probabilities(&self) -> &[f32] {
        &self.0
    }

    /// The probability of one outcome.
    pub fn probability(&self, token: TokenId) -> MlResult<f32> {
        self.0
            .get(token.index())
            .copied()
            .ok_or(MlError::OutOfRange {
                kind: "token",
                index: token.index(),
                limit: self.0.len(),
            })
    }

    /// The number of outcomes (always at least 1).
    #[expect(
        clippy::len_without_is_empty,
        reason = "a Distribution is never empty by construction"
    )]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The most likely outcome (the first one on a tie).
    pub fn argmax(&self) -> TokenId {
        let mut best = 0;
        for (index, p) in self.0.iter().enumerate() {
            if *p > self.0[best] {
                best = index;
            }
        }
        TokenId::new(best)
    }
}

/// A training loss: finite and never negative.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Loss(f32);

impl Loss {
    /// Rejects negative and non-finite values with [`MlError::InvalidLoss`].
    pub fn new(value: f32) -> MlResult<Self> {
        if !value.is_finite() || value < 0.0 {
            return Err(MlError::InvalidLoss(value));
        }
        Ok(Self(value))
    }

    /// The loss value.
    pub fn value(self) -> f32 {
        self.0
    }
}

/// The step size of gradient descent: finite and strictly positive.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct LearningRate(f32);

impl LearningRate {
    /// Rejects zero, negative and non-finite rates.
    pub fn new(value: f32) -> MlResult<Self> {
        if !value.is_finite() || value <= 0.0 {
            return Err(MlError::InvalidScalar {
                kind: "learning rate",
                value,
            });
        }
        Ok(Self(value))
    }

    /// The rate.
    pub fn value(self) -> f32 {
        self.0
    }
}

/// The product object `A × B`: how an arrow takes two inputs as one.
///
/// A morphism has exactly one input, so cross-entropy, which needs a
/// prediction *and* a target, takes `Product<Distribution, TokenId>`. The
/// order of the factors is part of the type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Product<A, B> {
    first: A,
    second: B,
}

impl<A, B> Product<A, B> {
    /// Pairs `first` with `second`.
    pub fn new(first: A, second: B) -> Self {
        Self { first, second }
    }

    /// The first factor.
    pub fn first(&self) -> &A {
        &self.first
    }

    /// The second factor.
    pub fn second(&self) -> &B {
        &self.second
    }

    /// Both factors, by value.
    pub fn into_parts(self) -> (A, B) {
        (self.first, self.second)
    }
}

/// A dense, row-major matrix with at least one row and one column and only
/// finite entries.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    rows: usize,
    cols: usize,
    data: Vec<f32>,
}

impl Matrix {
    /// A matrix from its rows; every row must have the same, non-zero length.
    ///
    /// ```
    /// use typed_ai::Matrix;
    /// let m = Matrix::new(vec![vec![1.0, 2.0], vec![3.0, 4.0], vec![5.0, 6.0]])?;
    /// assert_eq!((m.rows(), m.cols()), (3, 2));
    /// assert_eq!(m.get(2, 1), Some(6.0));
    /// # Ok::<(), typed_ai::MlError>(())
    /// ```
    pub fn new(rows: Vec<Vec<f32>>) -> MlResult<Self> {
        let cols = rows.first().map_or(0, Vec::len);
        if rows.is_empty() || cols == 0 {
            return Err(MlError::EmptyInput("matrix"));
        }
        if let Some((index, row)) = rows.iter().enumerate().find(|(_, r)| r.len() != cols) {
            return Err(MlError::ShapeMismatch {
                op: "matrix",
                expected: format!("every row of length {cols}"),
                got: format!("row {index} of length {}", row.len()),
            });
        }
        let data: Vec<f32> = rows.into_iter().flatten().collect();
        check_finite(&data, "matrix entry")?;
        Ok(Self {
            rows: data.len() / cols,
            cols,
            data,
        })
    }

    /// A `rows × cols` matrix from row-major values.
    ///
    /// Rejects a zero dimension (`EmptyInput("matrix")`), a shape with more
    /// entries than memory can address and a value count other than
    /// `rows × cols` (both `ShapeMismatch { op: "matrix", .. }`), and
    /// non-finite values (`InvalidScalar { kind: "matrix entry", .. }`).
    ///
    /// ```
    /// use typed_ai::{Matrix, MlError};
    /// let m = Matrix::from_row_major(2, 3, vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0])?;
    /// assert_eq!(m.row(1)?, &[4.0, 5.0, 6.0]);
    /// assert!(matches!(
    ///     Matrix::from_row_major(usize::MAX, 2, vec![0.0; 4]),
    ///     Err(MlError::ShapeMismatch { op: "matrix", .. })
    /// ));
    /// # Ok::<(), MlError>(())
    /// ```
    pub fn from_row_major(rows: usize, cols: usize, data: Vec<f32>) -> MlResult<Self> {
        if rows == 0 || cols == 0 {
            return Err(MlError::EmptyInput("matrix"));
        }
        let count = entry_count("matrix", rows, cols)?;
        if data.len() != count {
            return Err(MlError::ShapeMismatch {
                op: "matrix",
                expected: format!("{count} values for {rows}x{cols}"),
                got: format!("{} values", data.len()),
            });
        }
        check_finite(&data, "matrix entry")?;
        Ok(Self { rows, cols, data })
    }

    /// A `rows × cols` matrix of zeros, with the same rejections as
    /// [`from_row_major`](Self::from_row_major).
    ///
    /// ```
    /// use typed_ai::{Matrix, MlError};
    /// assert_eq!(Matrix::zeros(2, 3)?.as_row_major(), &[0.0; 6]);
    /// assert!(matches!(
    ///     Matrix::zeros(usize::MAX, 2),
    ///     Err(MlError::ShapeMismatch { op: "matrix", .. })
    /// ));
    /// # Ok::<(), MlError>(())
    /// ```
    pub fn zeros(rows: usize, cols: usize) -> MlResult<Self> {
        let count = entry_count("matrix", rows, cols)?;
        Self::from_row_major(rows, cols, vec![0.0; count])
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// One row, or `OutOfRange` past the last row.
    pub fn row(&self, index: usize) -> MlResult<&[f32]> {
        if index >= self.rows {
            return Err(MlError::OutOfRange {
                kind: "matrix row",
                index,
                limit: self.rows,
            });
        }
        Ok(&self.data[index * self.cols..(index + 1) * self.cols])
    }

    /// The rows, in order.
    pub fn row_iter(&self) -> impl Iterator<Item = &[f32]> {
        self.data.chunks_exact(self.cols)
    }

    /// One entry, or `None` outside the matrix.
    pub fn get(&self, row: usize, col: usize) -> Option<f32> {
        (row < self.rows && col < self.cols).then(|| self.data[row * self.cols + col])
    }

    /// The entries in row-major order.
    pub fn as_row_major(&self) -> &[f32] {
        &self.data
    }

    /// The transpose: a `cols × rows` matrix.
    pub fn transpose(&self) -> Matrix {
        let mut data = Vec::with_capacity(self.data.len());
        for c in 0..self.cols {
            for r in 0..self.rows {
                data.push(self.data[r * self.cols + c]);
            }
        }
        Matrix {
            rows: self.cols,
            cols: self.rows,
            data,
        }
    }

    /// `self · v`: needs `v.len() == self.cols()`, gives `self.rows()` values.
    pub fn mul_vector(&self, v: &Vector) -> MlResult<Vector> {
        if v.len() != self.cols {
            return Err(MlError::ShapeMismatch {
                op: "matrix-vector product",
                expected: format!("vector of length {}", self.cols),
                got: format!("vector of length {}", v.len()),
            });
        }
        let values = self
            .row_iter()
            .map(|row| row.iter().zip(v.values()).map(|(a, b)| a * b).sum())
            .collect();
        Vector::new(values)
    }

    /// `self · other`: needs `self.cols() == other.rows()`.
    pub fn matmul(&self, other: &Matrix) -> MlResult<Matrix> {
        if self.cols != other.rows {
            return Err(MlError::ShapeMismatch {
                op: "matrix product",
                expected: format!("{} rows on the right", self.cols),
                got: format!("{} rows", other.rows),
            });
        }
        // Each factor fits in memory, but their outer shape need not.
        let mut data = vec![0.0; entry_count("matrix product", self.rows, other.cols)?];
        for r in 0..self.rows {
            for k in 0..self.cols {
                let a = self.data[r * self.cols + k];
                for c in 0..other.cols {
                    data[r * other.cols + c] += a * other.data[k * other.cols + c];
                }
            }
        }
        Matrix::from_row_major(self.rows, other.cols, data)
    }
}

/// One next-token example: given `input`, the model should predict `target`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TrainingExample {
    input: TokenId,
    target: TokenId,
}

impl TrainingExample {
    /// The example "after `input` comes `target`".
    pub fn new(input: TokenId, target: TokenId) -> Self {
        Self { input, target }
    }

    /// The token the model sees.
    pub fn input(&self) -> TokenId {
        self.input
    }

    /// The token the model should predict.
    pub fn target(&self) -> TokenId {
        self.target
    }
}

/// A non-empty set of next-token examples.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingSet(Vec<TrainingExample>);

impl TrainingSet {
    /// At least one example.
    pub fn new(examples: Vec<TrainingExample>) -> MlResult<Self> {
        if examples.is_empty() {
            return Err(MlError::EmptyInput("training set"));
        }
        Ok(Self(examples))
    }

    /// The examples, in order.
    pub fn examples(&self) -> &[TrainingExample] {
        &self.0
    }

    /// The number of examples (always at least 1).
    #[expect(
        clippy::len_without_is_empty,
        reason = "a TrainingSet is never empty by construction"
    )]
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// The weights of the tiny next-token model: an embedding table
/// (`vocab × dim`), an output weight (`vocab × dim`, one row per logit) and an
/// output bias (`vocab`).
///
/// The model computes `logits = W · E[token] + b`, then softmax.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameters {
    embedding: Matrix,
    output_weight: Matrix,
    output_bias: Vector,
}

impl Parameters {
    /// Checks that the three tensors agree on the vocabulary and the width.
    pub fn new(embedding: Matrix, output_weight: Matrix, output_bias: Vector) -> MlResult<Self> {
        if output_weight.rows() != embedding.rows() || output_weight.cols() != embedding.cols() {
            return Err(MlError::ShapeMismatch {
                op: "parameters",
                expected: format!(
                    "output weight {}x{} (vocab x dim, like the embedding)",
                    embedding.rows(),
                    embedding.cols()
                ),
                got: format!("{}x{}", output_weight.rows(), output_weight.cols()),
            });
        }
        if output_bias.len() != embedding.rows() {
            return Err(MlError::ShapeMismatch {
                op: "parameters",
                expected: format!("output bias of length {}", embedding.rows()),
                got: format!("length {}", output_bias.len()),
            });
        }
        Ok(Self {
            embedding,
            output_weight,
            output_bias,
        })
    }

    /// Small reproducible starting weights, uniform in `[-0.5, 0.5)`, with a
    /// zero bias.
    ///
    /// # Panics
    ///
    /// If `vocab × dim` entries cannot be addressed (more than `isize::MAX`
    /// bytes of `f32`), as `vec!` does for a length it cannot allocate: no
    /// such table could be drawn, and a wrapped count would build a matrix
    /// whose entries do not match its shape.
    pub fn seeded(vocab: VocabSize, dim: ModelDimension, seed: Seed) -> Self {
        let mut rng = SeededRng::new(seed);
        let (v, d) = (vocab.get(), dim.get());
        let count = match entry_count("parameters", v, d) {
            Ok(count) => count,
            Err(error) => panic!("cannot seed a {v} x {d} embedding table: {error}"),
        };
        let mut draw = || {
            (0..count)
                .map(|_| rng.uniform(-0.5, 0.5))
                .collect::<Vec<_>>()
        };
        let embedding = Matrix {
            rows: v,
            cols: d,
            data: draw(),
        };
        let output_weight = Matrix {
            rows: v,
            cols: d,
            data: draw(),
        };
        Self {
            embedding,
            output_weight,
            output_bias: Vector(vec![0.0; v]),
        }
    }

    /// The embedding table, one row per token.
    pub fn embedding(&self) -> &Matrix {
        &self.embedding
    }

    /// The output weight, one row per logit.
    pub fn output_weight(&self) -> &Matrix {
        &self.output_weight
    }

    /// The output bias, one entry per logit.
    pub fn output_bias(&self) -> &Vector {
        &self.output_bias
    }

    /// The vocabulary these parameters score.
    pub fn vocab_size(&self) -> VocabSize {
        VocabSize(self.embedding.rows())
    }

    /// The hidden width.
    pub fn model_dimension(&self) -> ModelDimension {
        ModelDimension(self.embedding.cols())
    }

    /// Every weight in one list: embedding, then output weight, then bias.
    /// Optimizers work on this flat view.
    pub fn to_flat(&self) -> Vec<f32> {
        let mut flat = self.embedding.as_row_major().to_vec();
        flat.extend_from_slice(self.output_weight.as_row_major());
        flat.extend_from_slice(self.output_bias.values());
        flat
    }

    /// Parameters of the same shape as `self` holding `flat` (as laid out by
    /// [`Parameters::to_flat`]).
    pub fn with_flat(&self, flat: &[f32]) -> MlResult<Self> {
        let (v, d) = (self.embedding.rows(), self.embedding.cols());
        let expected = 2 * v * d + v;
        if flat.len() != expected {
            return Err(MlError::ShapeMismatch {
                op: "flat parameters",
                expected: format!("{expected} values"),
                got: format!("{} values", flat.len()),
            });
        }
        let (embedding, rest) = flat.split_at(v * d);
        let (weight, bias) = rest.split_at(v * d);
        Self::new(
            Matrix::from_row_major(v, d, embedding.to_vec())?,
            Matrix::from_row_major(v, d, weight.to_vec())?,
            Vector::new(bias.to_vec())?,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_reject_zero() {
        assert_eq!(VocabSize::new(0), Err(MlError::EmptyInput("vocabulary")));
        assert_eq!(
            ModelDimension::new(0),
            Err(MlError::EmptyInput("model dimension"))
        );
        assert_eq!(VocabSize::new(5).map(VocabSize::get), Ok(5));
    }

    #[test]
    fn vocab_checks_token_range() {
        let vocab = VocabSize::new(5).unwrap();
        assert_eq!(vocab.check(TokenId::new(4)), Ok(TokenId::new(4)));
        assert_eq!(
            vocab.check(TokenId::new(7)),
            Err(MlError::OutOfRange {
                kind: "token",
                index: 7,
                limit: 5
            })
        );
    }

    #[test]
    fn empty_collections_are_rejected() {
        assert_eq!(
            TokenSequence::new(vec![]),
            Err(MlError::EmptyInput("token sequence"))
        );
        assert_eq!(Vector::new(vec![]), Err(MlError::EmptyInput("vector")));
        assert_eq!(Logits::new(vec![]), Err(MlError::EmptyInput("logits")));
        assert_eq!(
            Distribution::new(vec![]),
            Err(MlError::EmptyInput("distribution"))
        );
        assert_eq!(
            TrainingSet::new(vec![]),
            Err(MlError::EmptyInput("training set"))
        );
        assert_eq!(Matrix::new(vec![]), Err(MlError::EmptyInput("matrix")));
        assert_eq!(
            Matrix::new(vec![vec![]]),
            Err(MlError::EmptyInput("matrix"))
        );
    }

    #[test]
    fn non_finite_values_are_rejected() {
        assert!(matches!(
            Vector::new(vec![1.0, f32::NAN]),
            Err(MlError::InvalidScalar { kind: "vector entry", value }) if value.is_nan()
        ));
        assert_eq!(
            Logits::new(vec![f32::INFINITY]),
            Err(MlError::InvalidScalar {
                kind: "logit",
                value: f32::INFINITY
            })
        );
        assert!(Matrix::new(vec![vec![f32::NEG_INFINITY]]).is_err());
    }

    #[test]
    fn distribution_checks_sign_and_sum() {
        let bad = Err(MlError::InvalidProbability("distribution"));
        assert_eq!(Distribution::new(vec![0.4, 0.4]), bad);
        assert_eq!(Distribution::new(vec![1.5, -0.5]), bad);
        assert_eq!(Distribution::new(vec![f32::NAN, 1.0]), bad);
        // Rounding inside the tolerance is accepted, beyond it is not.
        assert!(Distribution::new(vec![0.333_33, 0.333_33, 0.333_33]).is_ok());
        assert_eq!(Distribution::new(vec![0.5, 0.5002]), bad);
        let d = Distribution::new(vec![0.1, 0.7, 0.2]).unwrap();
        assert_eq!(d.argmax(), TokenId::new(1));
        assert_eq!(d.probability(TokenId::new(2)), Ok(0.2));
        assert!(d.probability(TokenId::new(3)).is_err());
    }

    #[test]
    fn honest_distributions_over_real_vocabularies_are_accepted() {
        // 1/n rounded to f32 is within 2^-24 of 1/n (relative), so n copies
        // add up to 1 within 6e-8 when the additions are exact, as in f64.
        // Added in f32, addition by addition, the same entries total
        // 0.9998139 (n = 32 000), 1.000364 (50 257) and 0.9995415 (128 000)
        // (recomputed in Python with every partial sum rounded to f32):
        // 1.9e-4, 3.6e-4 and 4.6e-4 from 1, all beyond the 1e-4 tolerance.
        for n in [32_000, 50_257, 128_000] {
            let uniform = vec![1.0 / n as f32; n];
            assert!(
                Distribution::new(uniform).is_ok(),
                "the uniform distribution over {n} tokens was refused"
            );
            let size = VocabSize::new(n).unwrap();
            let built = Distribution::uniform(size);
            assert!(is_distribution(built.probabilities().iter().copied()));
        }
        // Summing in f64 did not loosen the check: 1e-3 too much mass over a
        // 128 000-token vocabulary is still refused.
        let mut heavy = vec![1.0 / 128_000_f32; 128_000];
        heavy[0] += 1e-3;
        assert_eq!(
            Distribution::new(heavy),
            Err(MlError::InvalidProbability("distribution"))
        );
    }

    #[test]
    fn one_hot_and_uniform() {
        let vocab = VocabSize::new(4).unwrap();
        let d = Distribution::one_hot(TokenId::new(2), vocab).unwrap();
        assert_eq!(d.probabilities(), &[0.0, 0.0, 1.0, 0.0]);
        assert!(Distribution::one_hot(TokenId::new(4), vocab).is_err());
        assert_eq!(
            Distribution::uniform(vocab).probabilities(),
            &[0.25, 0.25, 0.25, 0.25]
        );
    }

    #[test]
    fn loss_and_learning_rate_ranges() {
        assert_eq!(Loss::new(-0.126_928), Err(MlError::InvalidLoss(-0.126_928)));
        assert!(Loss::new(f32::INFINITY).is_err());
        assert_eq!(Loss::new(0.0).map(Loss::value), Ok(0.0));
        assert_eq!(
            LearningRate::new(0.0),
            Err(MlError::InvalidScalar {
                kind: "learning rate",
                value: 0.0
            })
        );
        assert!(LearningRate::new(-0.1).is_err());
        assert!(LearningRate::new(f32::NAN).is_err());
        assert_eq!(LearningRate::new(0.1).map(LearningRate::value), Ok(0.1));
    }

    #[test]
    fn matrix_shapes_and_products() {
        assert!(matches!(
            Matrix::new(vec![vec![1.0, 2.0], vec![3.0]]),
            Err(MlError::ShapeMismatch { op: "matrix", .. })
        ));
        let m = Matrix::new(vec![vec![1.0, 2.0], vec![3.0, 4.0], vec![5.0, 6.0]]).unwrap();
        let v = Vector::new(vec![1.0, -1.0]).unwrap();
        assert_eq!(m.mul_vector(&v).unwrap().values(), &[-1.0, -1.0, -1.0]);
        assert!(m.mul_vector(&Vector::new(vec![1.0]).unwrap()).is_err());
        let t = m.transpose();
        assert_eq!((t.rows(), t.cols()), (2, 3));
        assert_eq!(t.row(1).unwrap(), &[2.0, 4.0, 6.0]);
        // [[1,2],[3,4],[5,6]] · [[1,3,5],[2,4,6]] = [[5,11,17],[11,25,39],[17,39,61]]
        let mt = m.matmul(&t).unwrap();
        assert_eq!(
            mt.as_row_major(),
            &[5.0, 11.0, 17.0, 11.0, 25.0, 39.0, 17.0, 39.0, 61.0]
        );
        assert!(m.matmul(&m).is_err());
        assert!(m.row(3).is_err());
        assert_eq!(m.get(3, 0), None);
    }

    #[test]
    fn shapes_with_more_entries_than_memory_are_rejected_not_wrapped() {
        // usize::MAX · 2 wraps to usize::MAX - 1 in release builds and panics
        // in debug ones; either way no such matrix can exist.
        let too_many = MlError::ShapeMismatch {
            op: "matrix",
            expected: format!(
                "at most {MAX_ENTRIES} entries (what one allocation of f32 can hold)"
            ),
            got: format!("{}x2, more entries than that", usize::MAX),
        };
        assert_eq!(Matrix::zeros(usize::MAX, 2), Err(too_many.clone()));
        assert_eq!(
            Matrix::from_row_major(usize::MAX, 2, vec![0.0; 4]),
            Err(too_many)
        );
        // The product fits in usize but not in one allocation: 2^62 f32
        // entries would be 2^64 bytes.
        assert!(matches!(
            Matrix::zeros(1 << 31, 1 << 31),
            Err(MlError::ShapeMismatch { op: "matrix", .. })
        ));
        // A zero dimension is still reported as empty, whatever the other.
        assert_eq!(
            Matrix::zeros(0, usize::MAX),
            Err(MlError::EmptyInput("matrix"))
        );
    }

    #[test]
    fn entry_counts_are_exact_up_to_the_allocation_limit() {
        // MAX_ENTRIES = isize::MAX / 4 = 2^61 - 1 on a 64-bit target: the
        // last count accepted. One more row of one entry is refused.
        assert_eq!(entry_count("grid", MAX_ENTRIES, 1), Ok(MAX_ENTRIES));
        assert!(entry_count("grid", MAX_ENTRIES + 1, 1).is_err());
        assert_eq!(entry_count("grid", 3, 4), Ok(12));
        assert_eq!(entry_count("grid", 0, usize::MAX), Ok(0));
        assert_eq!(
            entry_count("matrix product", usize::MAX / 2, 3),
            Err(MlError::ShapeMismatch {
                op: "matrix product",
                expected: format!(
                    "at most {MAX_ENTRIES} entries (what one allocation of f32 can hold)"
                ),
                got: format!("{}x3, more entries than that", usize::MAX / 2),
            })
        );
    }

    #[test]
    #[should_panic(expected = "cannot seed a")]
    fn seeding_a_table_larger_than_memory_panics_instead_of_wrapping() {
        let huge = VocabSize::new(usize::MAX).unwrap();
        Parameters::seeded(huge, ModelDimension::new(2).unwrap(), Seed::new(1));
    }

    #[test]
    fn parameters_check_shapes_and_round_trip_flat() {
        let vocab = VocabSize::new(3).unwrap();
        let dim = ModelDimension::new(2).unwrap();
        let params = Parameters::seeded(vocab, dim, Seed::new(1));
        assert_eq!(params.vocab_size(), vocab);
        assert_eq!(params.model_dimension(), dim);
        assert!(params.to_flat().iter().all(|w| (-0.5..0.5).contains(w)));
        let flat = params.to_flat();
        assert_eq!(flat.len(), 3 * 2 * 2 + 3);
        assert_eq!(params.with_flat(&flat).unwrap(), params);
        assert!(params.with_flat(&flat[1..]).is_err());
        let bad = Parameters::new(
            params.embedding().clone(),
            params.embedding().transpose(),
            params.output_bias().clone(),
        );
        assert!(matches!(
            bad,
            Err(MlError::ShapeMismatch {
                op: "parameters",
                ..
            })
        ));
    }

    #[test]
    fn product_keeps_order() {
        let p = Product::new(TokenId::new(1), 2.5_f32);
        assert_eq!(p.first(), &TokenId::new(1));
        assert_eq!(p.second(), &2.5);
        assert_eq!(p.into_parts(), (TokenId::new(1), 2.5));
    }
}
