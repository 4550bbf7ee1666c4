//! The one-block transformer as a composition of the library's typed arrows:
//!
//! ```text
//! TokenSequence ─TokenAndPositionEmbedding─▶ HiddenSequence
//!               ─TransformerBlock──────────▶ HiddenSequence
//!               ─VocabularyProjection──────▶ Vec<Logits>
//! ```
//!
//! [`TransformerBlock`] is built only from `attention`'s arrows
//! (`MultiHeadSelfAttention` with the causal mask, `AttentionOutputProjection`,
//! `ResidualConnection`, `LayerNormalization`, `PositionWiseFeedForward`), the
//! embedding uses `ml`'s `Embedding`, and the projection `ml`'s
//! `LinearToLogits`. This is what ties the trained model to the course's
//! types: the numbers the matrix forward pass (`forward`) computes and the
//! backward pass differentiates are the numbers this composition computes in
//! `f32`, and a test holds them equal.
//!
//! The block maps the hidden stream to itself, so it is an endomorphism: the
//! mask is not an input but fixed by policy (causal, sized to each input), and
//! the same block can be applied again to its own output.
//!
//! Each arrow here implements `Morphism` exactly once, so rustc can name the
//! object it expects. This file builds arrows from parameters; it holds no
//! weights of its own and trains nothing.

use crate::attention::{
    AttentionOutputProjection, HiddenSequence, KeyProjection, LayerNormParameters,
    LayerNormalization, MaskKind, MultiHeadSelfAttention, NormalizationEpsilon,
    PositionWiseFeedForward, QueryProjection, ResidualConnection, SelfAttentionHead,
    ValueProjection,
};
use crate::category::{Compose, Morphism};
use crate::domain::{Logits, Matrix, Product, TokenSequence, Vector};
use crate::error::{MlError, MlResult};
use crate::ml::{Embedding, LinearToLogits};

use super::parameters::TransformerParameters;

/// `TokenSequence → HiddenSequence`: each token's embedding row plus the
/// learned row of its position.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenAndPositionEmbedding {
    tokens: Embedding,
    positions: Matrix,
}

impl TokenAndPositionEmbedding {
    /// Checks that both tables have the same width.
    pub fn new(tokens: Embedding, positions: Matrix) -> MlResult<Self> {
        if tokens.table().cols() != positions.cols() {
            return Err(MlError::ShapeMismatch {
                op: "token and position embedding",
                expected: format!("position rows of width {}", tokens.table().cols()),
                got: format!("width {}", positions.cols()),
            });
        }
        Ok(Self { tokens, positions })
    }

    /// The token table (one row per vocabulary entry).
    pub fn tokens(&self) -> &Embedding {
        &self.tokens
    }

    /// The position table (one row per place in the context).
    pub fn positions(&self) -> &Matrix {
        &self.positions
    }
}

impl Morphism<TokenSequence, HiddenSequence> for TokenAndPositionEmbedding {
    fn name(&self) -> String {
        "token_and_position_embedding".to_string()
    }

    fn apply(&self, input: TokenSequence) -> MlResult<HiddenSequence> {
        if input.len() > self.positions.rows() {
            return Err(MlError::OutOfRange {
                kind: "position",
                index: input.len() - 1,
                limit: self.positions.rows(),
            });
        }
        let rows = input
            .tokens()
            .iter()
            .enumerate()
            .map(|(i, &token)| {
                let vector = self.tokens.apply(token)?;
                let position = self.positions.row(i)?;
                Ok(vector
                    .values()
                    .iter()
                    .zip(position)
                    .map(|(a, b)| a + b)
                    .collect())
            })
            .collect::<MlResult<Vec<Vec<f32>>>>()?;
        HiddenSequence::new(rows)
    }
}

/// `HiddenSequence → HiddenSequence`: causal multi-head self-attention,
/// output projection, residual, layer norm, position-wise feed-forward,
/// residual.
///
/// ```
/// use typed_ai::{apply_endomorphism_n_times, HiddenSequence, ModelDimension, Morphism, Seed, StepCount, TransformerConfig, TransformerParameters, VocabSize};
/// let config = TransformerConfig::new(VocabSize::new(5)?, ModelDimension::new(4)?, 2, 8, 6)?;
/// let block = TransformerParameters::seeded(config, Seed::new(1)).block()?;
/// let stream = HiddenSequence::new(vec![vec![0.5, -0.5, 1.0, 0.0], vec![1.0, 2.0, 0.0, -1.0]])?;
/// let once = block.apply(stream.clone())?;
/// assert_eq!((once.len(), once.width()), (2, 4));
/// // An endomorphism: the same block can read its own output.
/// let twice = apply_endomorphism_n_times(&block, stream, StepCount::new(2))?;
/// assert_eq!(twice.width(), 4);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TransformerBlock {
    attention: MultiHeadSelfAttention,
    output_projection: AttentionOutputProjection,
    norm: LayerNormalization,
    feed_forward: PositionWiseFeedForward,
}

impl TransformerBlock {
    /// A block from its four sublayers; the attention must be causal and
    /// every width must be the model width of the attention's heads.
    pub fn new(
        attention: MultiHeadSelfAttention,
        output_projection: AttentionOutputProjection,
        norm: LayerNormalization,
        feed_forward: PositionWiseFeedForward,
    ) -> MlResult<Self> {
        if attention.mask() != MaskKind::Causal {
            return Err(MlError::ShapeMismatch {
                op: "transformer block",
                expected: "causal self-attention (a next-token model must not peek)".into(),
                got: format!("{:?} mask", attention.mask()),
            });
        }
        let model = attention.heads()[0].model_width();
        let widths = [
            (
                "attention output projection input",
                output_projection.input_width(),
                attention.output_width(),
            ),
            (
                "attention output projection output",
                output_projection.output_width(),
                model,
            ),
            ("layer norm width", norm.params().width(), model),
            (
                "feed-forward model width",
                feed_forward.model_width(),
                model,
            ),
        ];
        if let Some(&(what, got, expected)) = widths.iter().find(|(_, got, want)| got != want) {
            return Err(MlError::ShapeMismatch {
                op: "transformer block",
                expected: format!("{what} {expected}"),
                got: format!("{what} {got}"),
            });
        }
        Ok(Self {
            attention,
            output_projection,
            norm,
            feed_forward,
        })
    }

    /// The causal multi-head self-attention.
    pub fn attention(&self) -> &MultiHeadSelfAttention {
        &self.attention
    }

    /// The projection of the joined heads back to the model width.
    pub fn output_projection(&self) -> &AttentionOutputProjection {
        &self.output_projection
    }

    /// The layer norm after the attention residual.
    pub fn norm(&self) -> &LayerNormalization {
        &self.norm
    }

    /// The position-wise feed-forward network.
    pub fn feed_forward(&self) -> &PositionWiseFeedForward {
        &self.feed_forward
    }
}

impl Morphism<HiddenSequence, HiddenSequence> for TransformerBlock {
    fn name(&self) -> String {
        "transformer_block".to_string()
    }

    fn apply(&self, stream: HiddenSequence) -> MlResult<HiddenSequence> {
        let heads = self.attention.apply(stream.clone())?;
        let attended = self.output_projection.apply(heads)?;
        let residual = ResidualConnection.apply(Product::new(stream, attended))?;
        let normalised = self.norm.apply(residual)?;
        let fed_forward = self.feed_forward.apply(normalised.clone())?;
        ResidualConnection.apply(Product::new(normalised, fed_forward))
    }
}

/// `HiddenSequence → Vec<Logits>`: one row of vocabulary scores per
/// position, each through the same [`LinearToLogits`].
#[derive(Debug, Clone, PartialEq)]
pub struct VocabularyProjection {
    projection: LinearToLogits,
}

impl VocabularyProjection {
    /// Applies `projection` at every position.
    pub fn new(projection: LinearToLogits) -> Self {
        Self { projection }
    }

    /// The per-position map to logits.
    pub fn projection(&self) -> &LinearToLogits {
        &self.projection
    }
}

impl Morphism<HiddenSequence, Vec<Logits>> for VocabularyProjection {
    fn name(&self) -> String {
        "vocabulary_projection".to_string()
    }

    fn apply(&self, input: HiddenSequence) -> MlResult<Vec<Logits>> {
        input
            .rows()
            .map(|row| self.projection.apply(Vector::new(row.to_vec())?))
            .collect()
    }
}

/// The whole model as one arrow `TokenSequence → Vec<Logits>`: embedding,
/// then the block (middle object `HiddenSequence`), then the vocabulary
/// projection (middle object `HiddenSequence`).
pub type TypedTransformer = Compose<
    Compose<TokenAndPositionEmbedding, TransformerBlock, HiddenSequence>,
    VocabularyProjection,
    HiddenSequence,
>;

/// Column block `head` of width `width` of `m`: one head's share of a
/// side-by-side weight.
fn head_columns(m: &Matrix, head: usize, width: usize) -> MlResult<Matrix> {
    let rows = m
        .row_iter()
        .map(|row| row[head * width..(head + 1) * width].to_vec())
        .collect();
    Matrix::new(rows)
}

impl TransformerParameters {
    /// The embedding arrow these parameters define.
    pub fn embedding(&self) -> MlResult<TokenAndPositionEmbedding> {
        let parts = self.parts();
        TokenAndPositionEmbedding::new(
            Embedding::new(parts.token_embedding.clone()),
            parts.position_embedding.clone(),
        )
    }

    /// The block these parameters define, assembled from `attention`'s
    /// arrows. Head `h` uses columns `h·d_k .. (h+1)·d_k` of the query, key
    /// and value weights.
    pub fn block(&self) -> MlResult<TransformerBlock> {
        let parts = self.parts();
        let d_k = self.config().head_dimension();
        let heads = (0..self.config().heads())
            .map(|h| {
                SelfAttentionHead::new(
                    QueryProjection::new(head_columns(&parts.query_weight, h, d_k)?),
                    KeyProjection::new(head_columns(&parts.key_weight, h, d_k)?),
                    ValueProjection::new(head_columns(&parts.value_weight, h, d_k)?),
                )
            })
            .collect::<MlResult<Vec<_>>>()?;
        let norm = LayerNormParameters::new(
            parts.norm_gain.clone(),
            parts.norm_bias.clone(),
            NormalizationEpsilon::default(),
        )?;
        TransformerBlock::new(
            MultiHeadSelfAttention::new(heads, MaskKind::Causal)?,
            AttentionOutputProjection::new(parts.attention_output_weight.clone()),
            LayerNormalization::new(norm),
            PositionWiseFeedForward::new(
                parts.feed_forward_in_weight.clone(),
                parts.feed_forward_in_bias.clone(),
                parts.feed_forward_out_weight.clone(),
                parts.feed_forward_out_bias.clone(),
            )?,
        )
    }

    /// The vocabulary projection these parameters define.
    pub fn vocabulary_projection(&self) -> MlResult<VocabularyProjection> {
        let parts = self.parts();
        LinearToLogits::new(parts.vocab_weight.clone(), parts.vocab_bias.clone())
            .map(VocabularyProjection::new)
    }

    /// The whole model as a composition of typed arrows. It computes the same
    /// logits as [`logits`](Self::logits), in `f32`.
    ///
    /// ```
    /// use typed_ai::{ModelDimension, Morphism, Seed, TokenSequence, TransformerConfig, TransformerParameters, VocabSize};
    /// let config = TransformerConfig::new(VocabSize::new(5)?, ModelDimension::new(4)?, 2, 8, 6)?;
    /// let parameters = TransformerParameters::seeded(config, Seed::new(4));
    /// let model = parameters.typed_model()?;
    /// assert_eq!(
    ///     model.name(),
    ///     "vocabulary_projection ∘ transformer_block ∘ token_and_position_embedding"
    /// );
    /// let tokens = TokenSequence::from_indices(&[1, 4, 2])?;
    /// let typed = model.apply(tokens.clone())?;
    /// let direct = parameters.logits(&tokens)?;
    /// assert!(typed[2].scores().iter().zip(direct[2].scores()).all(|(a, b)| (a - b).abs() < 1e-4));
    /// # Ok::<(), typed_ai::MlError>(())
    /// ```
    pub fn typed_model(&self) -> MlResult<TypedTransformer> {
        Ok(Compose::new(
            Compose::new(self.embedding()?, self.block()?),
            self.vocabulary_projection()?,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ModelDimension, VocabSize};
    use crate::rng::Seed;
    use crate::transformer::TransformerConfig;

    fn parameters(seed: u64, heads: usize) -> TransformerParameters {
        let config = TransformerConfig::new(
            VocabSize::new(6).unwrap(),
            ModelDimension::new(8).unwrap(),
            heads,
            16,
            8,
        )
        .unwrap();
        TransformerParameters::seeded(config, Seed::new(seed))
    }

    #[test]
    fn the_typed_composition_computes_the_matrix_forward_pass() {
        let samples: [&[usize]; 3] = [&[0, 1, 2, 3, 4, 5, 0, 1], &[3], &[5, 5, 2, 0]];
        let mut worst = 0.0_f32;
        for (seed, heads) in [(1, 1), (2, 2), (3, 4)] {
            let parameters = parameters(seed, heads);
            let model = parameters.typed_model().unwrap();
            for indices in samples {
                let tokens = TokenSequence::from_indices(indices).unwrap();
                let typed = model.apply(tokens.clone()).unwrap();
                let direct = parameters.logits(&tokens).unwrap();
                assert_eq!(typed.len(), direct.len());
                for (a, b) in typed.iter().zip(&direct) {
                    for (x, y) in a.scores().iter().zip(b.scores()) {
                        worst = worst.max((x - y).abs());
                    }
                }
            }
        }
        println!("worst logit difference {worst:e}");
        // The two paths differ only in rounding (f32 arrows against f64
        // matrices): about 2e-7 on these samples.
        assert!(
            worst < 1e-5,
            "typed and matrix forward passes differ by {worst} in some logit"
        );
    }

    #[test]
    fn the_typed_block_is_causal_too() {
        let parameters = parameters(2, 2);
        let model = parameters.typed_model().unwrap();
        let a = model
            .apply(TokenSequence::from_indices(&[0, 1, 2, 3]).unwrap())
            .unwrap();
        let b = model
            .apply(TokenSequence::from_indices(&[0, 1, 2, 5]).unwrap())
            .unwrap();
        assert_eq!(a[..3], b[..3], "an earlier position saw a later token");
        assert_ne!(a[3], b[3]);
    }

    /// The largest difference between the typed and the matrix logits of
    /// `indices`.
    fn worst_logit_gap(parameters: &TransformerParameters, indices: &[usize]) -> f32 {
        let tokens = TokenSequence::from_indices(indices).unwrap();
        let typed = parameters
            .typed_model()
            .unwrap()
            .apply(tokens.clone())
            .unwrap();
        let direct = parameters.logits(&tokens).unwrap();
        typed
            .iter()
            .zip(&direct)
            .flat_map(|(a, b)| {
                a.scores()
                    .iter()
                    .zip(b.scores())
                    .map(|(x, y)| (x - y).abs())
            })
            .fold(0.0, f32::max)
    }

    /// One head over a width-2 stream whose every allowed score is below
    /// −7e9: token t embeds as `[1 + t/4, t − 2.5]` with no position rows,
    /// and `W_q = [[1e5, 0], [0, 0]]`, `W_k = [[−1e5, 0], [0, 0]]`, so
    /// `s_ij = −1e10 · a_i · a_j / √2` with `a = 1 + t/4 ≥ 1`.
    fn far_below_any_sentinel() -> TransformerParameters {
        let config = TransformerConfig::new(
            VocabSize::new(6).unwrap(),
            ModelDimension::new(2).unwrap(),
            1,
            4,
            4,
        )
        .unwrap();
        let mut parts = TransformerParameters::seeded(config, Seed::new(8)).into_parts();
        parts.token_embedding = Matrix::new(
            (0..6)
                .map(|t| vec![1.0 + t as f32 / 4.0, t as f32 - 2.5])
                .collect(),
        )
        .unwrap();
        parts.position_embedding = Matrix::zeros(4, 2).unwrap();
        parts.query_weight = Matrix::new(vec![vec![1e5, 0.0], vec![0.0, 0.0]]).unwrap();
        parts.key_weight = Matrix::new(vec![vec![-1e5, 0.0], vec![0.0, 0.0]]).unwrap();
        TransformerParameters::from_parts(config, parts).unwrap()
    }

    #[test]
    fn very_negative_allowed_scores_leak_the_future_into_neither_pass() {
        // Regression: the typed block used to write -1e9 into blocked cells,
        // which outscores every allowed score here, so position 0 attended
        // to later positions. Both passes must keep earlier logits fixed when
        // a later token changes, and agree with each other.
        let parameters = far_below_any_sentinel();
        let model = parameters.typed_model().unwrap();
        let original = [0, 3, 1, 5];
        let changed = [0, 4, 2, 0];
        let typed_a = model
            .apply(TokenSequence::from_indices(&original).unwrap())
            .unwrap();
        let typed_b = model
            .apply(TokenSequence::from_indices(&changed).unwrap())
            .unwrap();
        assert_eq!(
            typed_a[0], typed_b[0],
            "the typed block let position 0 see a later token"
        );
        let direct_a = parameters
            .logits(&TokenSequence::from_indices(&original).unwrap())
            .unwrap();
        let direct_b = parameters
            .logits(&TokenSequence::from_indices(&changed).unwrap())
            .unwrap();
        assert_eq!(
            direct_a[0], direct_b[0],
            "the matrix pass let position 0 see a later token"
        );
        // Position 0's only key is itself: weight exactly 1, in both passes.
        let trace = parameters
            .trace(&TokenSequence::from_indices(&original).unwrap())
            .unwrap();
        assert_eq!(trace.attention_weights[0].row(0), &[1.0, 0.0, 0.0, 0.0]);
        for indices in [original, changed] {
            let gap = worst_logit_gap(&parameters, &indices);
            assert!(gap < 1e-4, "typed and matrix logits differ by {gap}");
        }
    }

    #[test]
    fn residual_rows_too_large_to_square_in_f32_normalise_in_both_passes() {
        // Regression: embeddings scaled by 1e30 make the residual rows about
        // 1e30, whose squared deviations (about 1e60) overflow f32. The typed
        // layer norm then saw an infinite variance and returned β for every
        // row. With zero query and key weights every score is 0, so the
        // attention itself stays finite and the layer norm is what is tested.
        let parameters = parameters(6, 2);
        let mut parts = parameters.clone().into_parts();
        let scaled = |m: &Matrix| {
            let data = m.as_row_major().iter().map(|x| x * 1e30).collect();
            Matrix::from_row_major(m.rows(), m.cols(), data).unwrap()
        };
        parts.token_embedding = scaled(&parts.token_embedding);
        parts.position_embedding = scaled(&parts.position_embedding);
        parts.query_weight = Matrix::zeros(8, 8).unwrap();
        parts.key_weight = Matrix::zeros(8, 8).unwrap();
        let huge = TransformerParameters::from_parts(parameters.config(), parts).unwrap();
        let tokens = TokenSequence::from_indices(&[2, 0, 5, 1]).unwrap();
        let trace = huge.trace(&tokens).unwrap();
        for i in 0..4 {
            let row = trace.standardised.row(i);
            let mean = row.iter().sum::<f64>() / 8.0;
            let variance = row.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 8.0;
            // ε = 1e-5 is negligible against a variance near 1e60.
            assert!(mean.abs() < 1e-9 && (variance - 1.0).abs() < 1e-9);
        }
        let gap = worst_logit_gap(&huge, &[2, 0, 5, 1]);
        assert!(gap < 1e-4, "typed and matrix logits differ by {gap}");
    }

    #[test]
    fn embedding_checks_vocabulary_context_and_widths() {
        let parameters = parameters(1, 2);
        let embedding = parameters.embedding().unwrap();
        assert_eq!(
            embedding.apply(TokenSequence::from_indices(&[0; 9]).unwrap()),
            Err(MlError::OutOfRange {
                kind: "position",
                index: 8,
                limit: 8
            })
        );
        assert_eq!(
            embedding.apply(TokenSequence::from_indices(&[6]).unwrap()),
            Err(MlError::OutOfRange {
                kind: "token",
                index: 6,
                limit: 6
            })
        );
        // Row 0 of the stream is token 3's vector plus position 0's.
        let stream = embedding
            .apply(TokenSequence::from_indices(&[3]).unwrap())
            .unwrap();
        let parts = parameters.parts();
        let expected: Vec<f32> = parts
            .token_embedding
            .row(3)
            .unwrap()
            .iter()
            .zip(parts.position_embedding.row(0).unwrap())
            .map(|(a, b)| a + b)
            .collect();
        assert_eq!(stream.row(0).unwrap(), expected.as_slice());
        assert!(matches!(
            TokenAndPositionEmbedding::new(
                Embedding::new(Matrix::zeros(6, 8).unwrap()),
                Matrix::zeros(8, 4).unwrap()
            ),
            Err(MlError::ShapeMismatch {
                op: "token and position embedding",
                ..
            })
        ));
    }

    #[test]
    fn a_block_must_be_causal_and_its_widths_must_meet() {
        let block = parameters(1, 2).block().unwrap();
        let full = MultiHeadSelfAttention::new(block.attention().heads().to_vec(), MaskKind::Full)
            .unwrap();
        assert!(matches!(
            TransformerBlock::new(
                full,
                block.output_projection().clone(),
                block.norm().clone(),
                block.feed_forward().clone()
            ),
            Err(MlError::ShapeMismatch {
                op: "transformer block",
                ..
            })
        ));
        let narrow = LayerNormalization::new(LayerNormParameters::identity(
            ModelDimension::new(4).unwrap(),
            NormalizationEpsilon::default(),
        ));
        assert_eq!(
            TransformerBlock::new(
                block.attention().clone(),
                block.output_projection().clone(),
                narrow,
                block.feed_forward().clone()
            ),
            Err(MlError::ShapeMismatch {
                op: "transformer block",
                expected: "layer norm width 8".into(),
                got: "layer norm width 4".into(),
            })
        );
    }
}
