//! The tiny next-token pipeline, one typed arrow per step:
//!
//! ```text
//! Text --Tokenizer--> TokenSequence --NextTokenWindows--> TrainingSet
//! TokenId --Embedding--> Vector --LinearToLogits--> Logits --Softmax--> Distribution
//! Product<Distribution, TokenId> --CrossEntropy--> Loss
//! ```
//!
//! **One impl per arrow.** `Softmax`, `CrossEntropy`, `Embedding` and
//! `LinearToLogits` each implement [`Morphism`] for exactly one
//! `(Input, Output)` pair. Exercises rely on it: handed `Logits`,
//! `CrossEntropy.apply(...)` makes rustc say "expected `Distribution`, found
//! `Logits`" only because there is no other impl to consider.
//!
//! This module computes forward values only; gradients of the pipeline live in
//! `training`, and general local gradients in `calculus`.

use std::collections::BTreeSet;

use crate::category::{Compose, Morphism};
use crate::domain::{
    Distribution, Logits, Loss, Matrix, Parameters, Product, TokenId, TokenSequence,
    TrainingExample, TrainingSet, Vector, VocabSize,
};
use crate::error::{MlError, MlResult};

/// Raw text before tokenisation: at least one character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(String);

impl Text {
    /// Non-empty text.
    pub fn new(text: impl Into<String>) -> MlResult<Self> {
        let text = text.into();
        if text.is_empty() {
            return Err(MlError::EmptyInput("text"));
        }
        Ok(Self(text))
    }

    /// The text itself.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A character-level tokenizer: every distinct character of a corpus gets an
/// id, in sorted character order, so the same corpus always gives the same
/// vocabulary.
///
/// ```
/// use typed_ai::{Morphism, Text, Tokenizer};
/// let tokenizer = Tokenizer::from_corpus("abca")?;
/// assert_eq!(tokenizer.vocab_size().get(), 3);
/// let tokens = tokenizer.apply(Text::new("cab")?)?;
/// let ids: Vec<usize> = tokens.tokens().iter().map(|t| t.index()).collect();
/// assert_eq!(ids, vec![2, 0, 1]);
/// assert_eq!(tokenizer.decode(&tokens)?, "cab");
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokenizer {
    alphabet: Vec<char>,
}

impl Tokenizer {
    /// The vocabulary of every character in `corpus`.
    pub fn from_corpus(corpus: &str) -> MlResult<Self> {
        let alphabet: Vec<char> = corpus
            .chars()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if alphabet.is_empty() {
            return Err(MlError::EmptyInput("tokenizer corpus"));
        }
        Ok(Self { alphabet })
    }

    /// How many distinct tokens this tokenizer produces.
    pub fn vocab_size(&self) -> VocabSize {
        VocabSize::new(self.alphabet.len()).expect("a tokenizer's alphabet is never empty")
    }

    /// The character a token stands for.
    pub fn character(&self, token: TokenId) -> MlResult<char> {
        self.alphabet
            .get(token.index())
            .copied()
            .ok_or(MlError::OutOfRange {
                kind: "token",
                index: token.index(),
                limit: self.alphabet.len(),
            })
    }

    /// Turns tokens back into text.
    pub fn decode(&self, tokens: &TokenSequence) -> MlResult<String> {
        tokens.tokens().iter().map(|t| self.character(*t)).collect()
    }
}

impl Morphism<Text, TokenSequence> for Tokenizer {
    fn name(&self) -> String {
        "tokenize".to_string()
    }

    fn apply(&self, input: Text) -> MlResult<TokenSequence> {
        let tokens = input
            .as_str()
            .chars()
            .map(|c| match self.alphabet.binary_search(&c) {
                Ok(index) => Ok(TokenId::new(index)),
                Err(_) => Err(MlError::ShapeMismatch {
                    op: "tokenize",
                    expected: "a character of the tokenizer's corpus".to_string(),
                    got: format!("{c:?}"),
                }),
            })
            .collect::<MlResult<Vec<_>>>()?;
        TokenSequence::new(tokens)
    }
}

/// Every adjacent pair of a sequence as a next-token example: `[a, b, c]`
/// gives `a → b` and `b → c`. A sequence of `n` tokens gives `n − 1`
/// examples, so it needs at least two tokens.
///
/// ```
/// use typed_ai::{next_token_examples, TokenSequence};
/// let set = next_token_examples(&TokenSequence::from_indices(&[0, 1, 2, 1])?)?;
/// assert_eq!(set.len(), 3);
/// assert_eq!(set.examples()[2].target().index(), 1);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
pub fn next_token_examples(sequence: &TokenSequence) -> MlResult<TrainingSet> {
    let examples = sequence
        .tokens()
        .windows(2)
        .map(|pair| TrainingExample::new(pair[0], pair[1]))
        .collect();
    TrainingSet::new(examples).map_err(|_| MlError::EmptyInput("next-token pairs"))
}

/// [`next_token_examples`] as an arrow `TokenSequence → TrainingSet`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NextTokenWindows;

impl Morphism<TokenSequence, TrainingSet> for NextTokenWindows {
    fn name(&self) -> String {
        "next_token_windows".to_string()
    }

    fn apply(&self, input: TokenSequence) -> MlResult<TrainingSet> {
        next_token_examples(&input)
    }
}

/// A lookup table `TokenId → Vector`: row `i` of the table is token `i`'s
/// vector. The lookup is the first place a token id is range-checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Embedding {
    table: Matrix,
}

impl Embedding {
    /// One row per vocabulary entry, one column per feature.
    pub fn new(table: Matrix) -> Self {
        Self { table }
    }

    /// The vocabulary the table covers (its number of rows).
    pub fn vocab_size(&self) -> VocabSize {
        VocabSize::new(self.table.rows()).expect("a matrix has at least one row")
    }

    /// The table.
    pub fn table(&self) -> &Matrix {
        &self.table
    }
}

impl Morphism<TokenId, Vector> for Embedding {
    fn name(&self) -> String {
        "embedding".to_string()
    }

    fn apply(&self, token: TokenId) -> MlResult<Vector> {
        let token = self.vocab_size().check(token)?;
        Vector::new(self.table.row(token.index())?.to_vec())
    }
}

/// An affine map from a hidden vector to one score per vocabulary entry:
/// `logits = W · x + b`, with `W` of shape `vocab × dim` and `b` of length
/// `vocab`.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearToLogits {
    weight: Matrix,
    bias: Vector,
}

impl LinearToLogits {
    /// Checks that the bias has one entry per row of the weight.
    ///
    /// ```
    /// use typed_ai::{LinearToLogits, Matrix, Morphism, Vector};
    /// let layer = LinearToLogits::new(
    ///     Matrix::new(vec![vec![1.0, 0.0], vec![0.0, 2.0], vec![1.0, 1.0]])?,
    ///     Vector::new(vec![0.0, 0.5, -1.0])?,
    /// )?;
    /// let logits = layer.apply(Vector::new(vec![3.0, 4.0])?)?;
    /// assert_eq!(logits.scores(), &[3.0, 8.5, 6.0]);
    /// # Ok::<(), typed_ai::MlError>(())
    /// ```
    pub fn new(weight: Matrix, bias: Vector) -> MlResult<Self> {
        if bias.len() != weight.rows() {
            return Err(MlError::ShapeMismatch {
                op: "linear to logits",
                expected: format!("bias of length {} (one per weight row)", weight.rows()),
                got: format!("bias of length {}", bias.len()),
            });
        }
        Ok(Self { weight, bias })
    }

    /// The weight, one row per logit.
    pub fn weight(&self) -> &Matrix {
        &self.weight
    }

    /// The bias, one entry per logit.
    pub fn bias(&self) -> &Vector {
        &self.bias
    }
}

impl Morphism<Vector, Logits> for LinearToLogits {
    fn name(&self) -> String {
        "linear_to_logits".to_string()
    }

    fn apply(&self, input: Vector) -> MlResult<Logits> {
        if input.len() != self.weight.cols() {
            return Err(MlError::ShapeMismatch {
                op: "linear to logits",
                expected: format!("hidden vector of length {}", self.weight.cols()),
                got: format!("length {}", input.len()),
            });
        }
        let scores = self.weight.mul_vector(&input)?.into_values();
        let shifted = scores
            .iter()
            .zip(self.bias.values())
            .map(|(s, b)| s + b)
            .collect();
        Logits::new(shifted)
    }
}

/// `softmax(z)_i = exp(z_i) / Σ_j exp(z_j)`, computed as
/// `exp(z_i − max z) / Σ_j exp(z_j − max z)`.
///
/// Subtracting the maximum changes nothing mathematically (it cancels in the
/// ratio) but keeps every `exp` at most 1, so logits of 1000 do not overflow
/// to infinity.
///
/// ```
/// use typed_ai::{Logits, Morphism, Softmax};
/// let p = Softmax.apply(Logits::new(vec![1000.0, 1000.0])?)?;
/// assert_eq!(p.probabilities(), &[0.5, 0.5]);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Softmax;

/// The numerically stable softmax of finite scores, shared by [`Softmax`] and
/// any row-wise softmax built on it.
pub fn stable_softmax(scores: &[f32]) -> MlResult<Distribution> {
    let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exps: Vec<f32> = scores.iter().map(|s| (s - max).exp()).collect();
    // The normaliser is added in f64 and rounded once: an f32 running sum
    // drifts by up to 2^-24 of itself per addition, and over a real
    // vocabulary the probabilities would then miss 1 by more than
    // `PROBABILITY_TOLERANCE` (see `domain`).
    let total = exps.iter().map(|&e| f64::from(e)).sum::<f64>() as f32;
    Distribution::new(exps.into_iter().map(|e| e / total).collect())
}

impl Morphism<Logits, Distribution> for Softmax {
    fn name(&self) -> String {
        "softmax".to_string()
    }

    fn apply(&self, input: Logits) -> MlResult<Distribution> {
        stable_softmax(input.scores())
    }
}

/// Cross-entropy of a prediction against the true next token:
/// `L = −ln p[target]`, which is 0 for a certain, correct prediction and grows
/// without bound as `p[target]` falls to 0.
///
/// A probability that underflowed to exactly 0 is read as `f32::MIN_POSITIVE`,
/// so a confident wrong prediction gives a large finite loss (about 87.3)
/// rather than infinity.
///
/// ```
/// use typed_ai::{CrossEntropy, Distribution, Morphism, Product, TokenId};
/// let prediction = Distribution::new(vec![0.25, 0.75])?;
/// let loss = CrossEntropy.apply(Product::new(prediction, TokenId::new(0)))?;
/// assert!((loss.value() - 4f32.ln()).abs() < 1e-6); // −ln 0.25 = ln 4
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CrossEntropy;

impl Morphism<Product<Distribution, TokenId>, Loss> for CrossEntropy {
    fn name(&self) -> String {
        "cross_entropy".to_string()
    }

    fn apply(&self, input: Product<Distribution, TokenId>) -> MlResult<Loss> {
        let (prediction, target) = input.into_parts();
        let p = prediction.probability(target)?;
        Loss::new(-p.max(f32::MIN_POSITIVE).ln())
    }
}

/// The whole forward model `TokenId → Distribution`: embedding, then the
/// linear map to logits, then softmax.
pub type TinyModel = Compose<Compose<Embedding, LinearToLogits, Vector>, Softmax, Logits>;

/// The forward model that `parameters` describe.
///
/// ```
/// use typed_ai::{tiny_model, ModelDimension, Morphism, Parameters, Seed, TokenId, VocabSize};
/// let params = Parameters::seeded(VocabSize::new(4)?, ModelDimension::new(3)?, Seed::new(7));
/// let next = tiny_model(&params)?.apply(TokenId::new(2))?;
/// assert_eq!(next.len(), 4);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
pub fn tiny_model(parameters: &Parameters) -> MlResult<TinyModel> {
    let embedding = Embedding::new(parameters.embedding().clone());
    let to_logits = LinearToLogits::new(
        parameters.output_weight().clone(),
        parameters.output_bias().clone(),
    )?;
    Ok(Compose::new(Compose::new(embedding, to_logits), Softmax))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ModelDimension;
    use crate::rng::Seed;

    fn close(a: &[f32], b: &[f32], tolerance: f32) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tolerance)
    }

    #[test]
    fn softmax_over_a_real_vocabulary_sums_to_one() {
        // 128 000 logits spread over [0, 10): the exps lie in (e^-10, 1]. An
        // f32 running sum of them drifts by up to 2^-24 of the total per
        // addition; the normaliser is added in f64, so the probabilities
        // miss 1 only by the rounding of each entry (a few times 1e-8).
        let logits: Vec<f32> = (0..128_000_u32)
            .map(|i| (i % 1000) as f32 / 100.0)
            .collect();
        let p = Softmax
            .apply(Logits::new(logits).unwrap())
            .expect("the softmax of 128 000 finite logits is a distribution");
        let total: f64 = p.probabilities().iter().map(|&x| f64::from(x)).sum();
        assert!(
            (total - 1.0).abs() < 1e-6,
            "the probabilities sum to {total}"
        );
    }

    #[test]
    fn softmax_matches_hand_values() {
        // e^1, e^2, e^3 = 2.7183, 7.3891, 20.0855; sum 30.1929
        // -> 0.0900, 0.2447, 0.6652
        let p = Softmax
            .apply(Logits::new(vec![1.0, 2.0, 3.0]).unwrap())
            .unwrap();
        assert!(close(p.probabilities(), &[0.0900, 0.2447, 0.6652], 1e-4));
    }

    #[test]
    fn softmax_survives_huge_logits() {
        let p = Softmax
            .apply(Logits::new(vec![1000.0, 1000.0]).unwrap())
            .unwrap();
        assert_eq!(p.probabilities(), &[0.5, 0.5]);
        let p = Softmax
            .apply(Logits::new(vec![-1000.0, 0.0]).unwrap())
            .unwrap();
        assert_eq!(p.probabilities(), &[0.0, 1.0]);
    }

    #[test]
    fn cross_entropy_is_negative_log_of_the_target_probability() {
        let d = Distribution::new(vec![0.1, 0.2, 0.7]).unwrap();
        let loss = CrossEntropy
            .apply(Product::new(d.clone(), TokenId::new(2)))
            .unwrap();
        // −ln 0.7 = 0.356675
        assert!((loss.value() - 0.356_675).abs() < 1e-6);
        let certain = Distribution::new(vec![0.0, 1.0]).unwrap();
        let loss = CrossEntropy
            .apply(Product::new(certain.clone(), TokenId::new(1)))
            .unwrap();
        assert_eq!(loss.value(), 0.0);
        let wrong = CrossEntropy
            .apply(Product::new(certain, TokenId::new(0)))
            .unwrap();
        assert!(wrong.value().is_finite() && wrong.value() > 80.0);
        assert!(matches!(
            CrossEntropy.apply(Product::new(d, TokenId::new(3))),
            Err(MlError::OutOfRange {
                index: 3,
                limit: 3,
                ..
            })
        ));
    }

    #[test]
    fn embedding_checks_the_vocabulary() {
        let e = Embedding::new(Matrix::new(vec![vec![1.0, 2.0], vec![3.0, 4.0]]).unwrap());
        assert_eq!(e.apply(TokenId::new(1)).unwrap().values(), &[3.0, 4.0]);
        assert_eq!(
            e.apply(TokenId::new(7)),
            Err(MlError::OutOfRange {
                kind: "token",
                index: 7,
                limit: 2
            })
        );
    }

    #[test]
    fn linear_to_logits_checks_shapes() {
        let w = Matrix::new(vec![vec![1.0, 0.0], vec![0.0, 1.0]]).unwrap();
        assert!(matches!(
            LinearToLogits::new(w.clone(), Vector::new(vec![0.0]).unwrap()),
            Err(MlError::ShapeMismatch {
                op: "linear to logits",
                ..
            })
        ));
        let layer = LinearToLogits::new(w, Vector::new(vec![1.0, -1.0]).unwrap()).unwrap();
        assert!(layer.apply(Vector::new(vec![1.0]).unwrap()).is_err());
        assert_eq!(
            layer
                .apply(Vector::new(vec![2.0, 3.0]).unwrap())
                .unwrap()
                .scores(),
            &[3.0, 2.0]
        );
    }

    #[test]
    fn windows_are_every_adjacent_pair() {
        let seq = TokenSequence::from_indices(&[4, 1, 4, 2]).unwrap();
        let pairs: Vec<(usize, usize)> = NextTokenWindows
            .apply(seq)
            .unwrap()
            .examples()
            .iter()
            .map(|e| (e.input().index(), e.target().index()))
            .collect();
        assert_eq!(pairs, vec![(4, 1), (1, 4), (4, 2)]);
        assert_eq!(
            next_token_examples(&TokenSequence::from_indices(&[3]).unwrap()),
            Err(MlError::EmptyInput("next-token pairs"))
        );
    }

    #[test]
    fn tokenizer_round_trips_and_rejects_unknown_characters() {
        let t = Tokenizer::from_corpus("hello").unwrap();
        assert_eq!(t.vocab_size().get(), 4); // e, h, l, o
        let seq = t.apply(Text::new("hole").unwrap()).unwrap();
        assert_eq!(t.decode(&seq).unwrap(), "hole");
        assert!(matches!(
            t.apply(Text::new("hex").unwrap()),
            Err(MlError::ShapeMismatch { op: "tokenize", .. })
        ));
        assert!(Tokenizer::from_corpus("").is_err());
        assert!(Text::new("").is_err());
    }

    #[test]
    fn tiny_model_composes_the_three_arrows() {
        let params = Parameters::seeded(
            VocabSize::new(3).unwrap(),
            ModelDimension::new(2).unwrap(),
            Seed::new(3),
        );
        let model = tiny_model(&params).unwrap();
        let by_hand = {
            let h = Embedding::new(params.embedding().clone())
                .apply(TokenId::new(1))
                .unwrap();
            let z =
                LinearToLogits::new(params.output_weight().clone(), params.output_bias().clone())
                    .unwrap()
                    .apply(h)
                    .unwrap();
            Softmax.apply(z).unwrap()
        };
        assert_eq!(model.apply(TokenId::new(1)).unwrap(), by_hand);
        assert_eq!(
            Morphism::<TokenId, Distribution>::name(&model),
            "softmax ∘ linear_to_logits ∘ embedding"
        );
    }
}
