//! The forward pass of the one-block transformer: token sequence → hidden
//! rows → per-position vocabulary logits → mean next-token cross-entropy.
//!
//! ```text
//! x      = token_embedding[t_i] + position_embedding[i]       (n × d)
//! q,k,v  = x·W_q, x·W_k, x·W_v, split into heads of width d_k
//! w      = row-softmax over j ≤ i of  q_i·k_j / √d_k          (causal)
//! z      = per head Σ_j w_ij v_j, heads side by side          (n × d)
//! r      = x + z·W_o                                          (residual)
//! h      = γ ⊙ (r − mean r) / √(var r + ε) + β                (layer norm)
//! o      = h + ReLU(h·W_1 + b_1)·W_2 + b_2                    (feed-forward + residual)
//! logits = o·W_vocabᵀ + b_vocab                               (n × V)
//! ```
//!
//! The block is **post-norm** for its attention half: the layer norm sits
//! after the attention residual, as in the original Transformer, and the
//! feed-forward half adds its output to the normalised rows and hands them to
//! the vocabulary projection. One norm keeps the backward pass to one
//! layer-norm rule while still showing where it goes.
//!
//! The causal mask is applied by letting row `i` of the softmax run over keys
//! `0..=i` only. That is exactly what adding `-∞` above the diagonal and
//! normalising would give, without representing infinity: a later token has
//! no path at all into an earlier row.
//!
//! Arithmetic runs in `f64` on widened copies of the `f32` weights (the
//! `backward` module says why), and the results are narrowed back into `f32`
//! nouns ([`Logits`], [`Loss`], [`Distribution`]). The layer norm's ε is the
//! default [`NormalizationEpsilon`] of `attention`, and the `composition`
//! module computes the same logits through `attention`'s typed arrows. This
//! file does not differentiate anything (`backward`) or change any weight
//! (`training`).

use crate::attention::NormalizationEpsilon;
use crate::domain::{Distribution, Logits, Loss, TokenSequence};
use crate::error::{MlError, MlResult};

use super::dense::{Dense, WideParts};
use super::parameters::{TransformerConfig, TransformerParameters};

/// Everything the forward pass computed for one sequence that the backward
/// pass needs again.
pub(super) struct ForwardTrace {
    /// The token ids, already checked against the vocabulary.
    pub(super) tokens: Vec<usize>,
    /// `x`: token plus position embeddings.
    pub(super) input: Dense,
    pub(super) queries: Dense,
    pub(super) keys: Dense,
    pub(super) values: Dense,
    /// One `n × n` weight matrix per head, zero above the diagonal.
    pub(super) attention_weights: Vec<Dense>,
    /// `z`: the heads' mixed values, side by side.
    pub(super) mixed: Dense,
    /// `(r − mean) / √(var + ε)` before γ and β.
    pub(super) standardised: Dense,
    /// `1 / √(var + ε)` per row.
    pub(super) inverse_std: Vec<f64>,
    /// `h`: the layer norm's output.
    pub(super) normalised: Dense,
    /// `h·W_1 + b_1`, before the ReLU.
    pub(super) feed_forward_pre: Dense,
    /// `ReLU(h·W_1 + b_1)`.
    pub(super) feed_forward_hidden: Dense,
    /// `o`: the block's output rows.
    pub(super) block_output: Dense,
    /// One row of vocabulary logits per position.
    pub(super) logits: Dense,
}

/// Checks a sequence against the vocabulary and the context length and gives
/// the raw indices.
fn checked_indices(config: TransformerConfig, tokens: &TokenSequence) -> MlResult<Vec<usize>> {
    if tokens.len() > config.context_length() {
        return Err(MlError::OutOfRange {
            kind: "position",
            index: tokens.len() - 1,
            limit: config.context_length(),
        });
    }
    tokens
        .tokens()
        .iter()
        .map(|&t| config.vocab().check(t).map(|t| t.index()))
        .collect()
}

/// Checks that a batch has at least one sequence and that every sequence
/// has a next token to predict.
pub(super) fn check_batch(sequences: &[TokenSequence]) -> MlResult<()> {
    if sequences.is_empty() {
        return Err(MlError::EmptyInput("training sequences"));
    }
    match sequences.iter().find(|s| s.len() < 2) {
        Some(short) => Err(MlError::ShapeMismatch {
            op: "next-token loss",
            expected: "at least 2 tokens per sequence (one to read, one to predict)".into(),
            got: format!("{} token", short.len()),
        }),
        None => Ok(()),
    }
}

/// `ln Σ exp(row)`, computed after subtracting the maximum so that large
/// logits do not overflow.
fn log_sum_exp(row: &[f64]) -> f64 {
    let max = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    max + row.iter().map(|x| (x - max).exp()).sum::<f64>().ln()
}

/// The softmax of one row, stabilised the same way.
pub(super) fn softmax(row: &[f64]) -> Vec<f64> {
    let log_total = log_sum_exp(row);
    row.iter().map(|x| (x - log_total).exp()).collect()
}

/// Runs the block on one checked sequence.
fn run(w: &WideParts, config: TransformerConfig, tokens: Vec<usize>) -> ForwardTrace {
    let n = tokens.len();
    let d = config.model_dimension().get();
    let d_k = config.head_dimension();

    let mut input = Dense::zeros(n, d);
    for (i, &t) in tokens.iter().enumerate() {
        let token_row = w.token_embedding.row(t);
        let position_row = w.position_embedding.row(i);
        for ((x, a), b) in input.row_mut(i).iter_mut().zip(token_row).zip(position_row) {
            *x = a + b;
        }
    }

    let queries = input.matmul(&w.query_weight);
    let keys = input.matmul(&w.key_weight);
    let values = input.matmul(&w.value_weight);
    let scale = 1.0 / (d_k as f64).sqrt();
    let mut attention_weights = Vec::with_capacity(config.heads());
    let mut mixed = Dense::zeros(n, d);
    for head in 0..config.heads() {
        let columns = head * d_k..(head + 1) * d_k;
        let mut weights = Dense::zeros(n, n);
        for i in 0..n {
            let q = &queries.row(i)[columns.clone()];
            // Causal: query i sees keys 0..=i only.
            let scores: Vec<f64> = (0..=i)
                .map(|j| {
                    let k = &keys.row(j)[columns.clone()];
                    q.iter().zip(k).map(|(a, b)| a * b).sum::<f64>() * scale
                })
                .collect();
            for (j, a) in softmax(&scores).into_iter().enumerate() {
                weights.set(i, j, a);
                let v = &values.row(j)[columns.clone()];
                for (z, v) in mixed.row_mut(i)[columns.clone()].iter_mut().zip(v) {
                    *z += a * v;
                }
            }
        }
        attention_weights.push(weights);
    }

    let mut residual = mixed.matmul(&w.attention_output_weight);
    residual.add_assign(&input);

    // The same ε as attention's LayerNormalization, so the typed block and
    // this pass normalise identically.
    let epsilon = f64::from(NormalizationEpsilon::default().value());
    let mut standardised = Dense::zeros(n, d);
    let mut normalised = Dense::zeros(n, d);
    let mut inverse_std = Vec::with_capacity(n);
    for i in 0..n {
        let row = residual.row(i);
        let mean = row.iter().sum::<f64>() / d as f64;
        let variance = row.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / d as f64;
        let inv = 1.0 / (variance + epsilon).sqrt();
        inverse_std.push(inv);
        for (c, x) in row.iter().enumerate() {
            let s = (x - mean) * inv;
            standardised.set(i, c, s);
            normalised.set(i, c, w.norm_gain[c] * s + w.norm_bias[c]);
        }
    }

    let mut feed_forward_pre = normalised.matmul(&w.feed_forward_in_weight);
    feed_forward_pre.add_row_vector(&w.feed_forward_in_bias);
    let mut feed_forward_hidden = feed_forward_pre.clone();
    for r in 0..n {
        feed_forward_hidden
            .row_mut(r)
            .iter_mut()
            .for_each(|x| *x = x.max(0.0));
    }
    let mut block_output = feed_forward_hidden.matmul(&w.feed_forward_out_weight);
    block_output.add_row_vector(&w.feed_forward_out_bias);
    block_output.add_assign(&normalised);

    let mut logits = block_output.matmul_transpose(&w.vocab_weight);
    logits.add_row_vector(&w.vocab_bias);

    ForwardTrace {
        tokens,
        input,
        queries,
        keys,
        values,
        attention_weights,
        mixed,
        standardised,
        inverse_std,
        normalised,
        feed_forward_pre,
        feed_forward_hidden,
        block_output,
        logits,
    }
}

impl ForwardTrace {
    /// `Σ_i −ln p_i(t_{i+1})` over the positions that have a next token.
    pub(super) fn summed_cross_entropy(&self) -> f64 {
        self.tokens
            .windows(2)
            .enumerate()
            .map(|(i, pair)| {
                let row = self.logits.row(i);
                log_sum_exp(row) - row[pair[1]]
            })
            .sum()
    }
}

impl TransformerParameters {
    /// Checks `tokens` and runs the block on it.
    pub(super) fn trace(&self, tokens: &TokenSequence) -> MlResult<ForwardTrace> {
        self.trace_widened(&WideParts::widen(self.parts()), tokens)
    }

    /// [`trace`](Self::trace) on weights the caller has already widened, so
    /// a batch widens them once rather than once per sequence.
    pub(super) fn trace_widened(
        &self,
        wide: &WideParts,
        tokens: &TokenSequence,
    ) -> MlResult<ForwardTrace> {
        let indices = checked_indices(self.config(), tokens)?;
        Ok(run(wide, self.config(), indices))
    }

    /// The mean next-token cross-entropy over a batch, in `f64`: every
    /// prediction (position `i` predicting token `i + 1`, in any sequence)
    /// counts once.
    pub(super) fn mean_cross_entropy(&self, sequences: &[TokenSequence]) -> MlResult<f64> {
        check_batch(sequences)?;
        let wide = WideParts::widen(self.parts());
        let mut total = 0.0;
        let mut predictions = 0;
        for sequence in sequences {
            let trace = self.trace_widened(&wide, sequence)?;
            predictions += trace.tokens.len() - 1;
            total += trace.summed_cross_entropy();
        }
        Ok(total / predictions as f64)
    }

    /// One row of vocabulary logits per position of `tokens`: row `i` scores
    /// the token that should come *after* position `i`, having seen only
    /// positions `0..=i`.
    ///
    /// Fails with `OutOfRange` for a token outside the vocabulary
    /// (`kind: "token"`) or a sequence longer than the context
    /// (`kind: "position"`).
    ///
    /// ```
    /// use typed_ai::{ModelDimension, Seed, TokenSequence, TransformerConfig, TransformerParameters, VocabSize};
    /// let config = TransformerConfig::new(VocabSize::new(5)?, ModelDimension::new(4)?, 2, 8, 6)?;
    /// let model = TransformerParameters::seeded(config, Seed::new(11));
    /// let logits = model.logits(&TokenSequence::from_indices(&[0, 3, 1])?)?;
    /// assert_eq!(logits.len(), 3); // one row per position
    /// assert_eq!(logits[0].len(), 5); // one score per vocabulary token
    /// assert!(model.logits(&TokenSequence::from_indices(&[5])?).is_err()); // not in the vocabulary
    /// # Ok::<(), typed_ai::MlError>(())
    /// ```
    pub fn logits(&self, tokens: &TokenSequence) -> MlResult<Vec<Logits>> {
        let trace = self.trace(tokens)?;
        (0..trace.logits.rows())
            .map(|i| Logits::new(trace.logits.row(i).iter().map(|&x| x as f32).collect()))
            .collect()
    }

    /// The model's distribution over the token that follows the whole of
    /// `tokens`: the softmax of the last position's logits.
    ///
    /// ```
    /// use typed_ai::{ModelDimension, Seed, TokenSequence, TransformerConfig, TransformerParameters, VocabSize};
    /// let config = TransformerConfig::new(VocabSize::new(5)?, ModelDimension::new(4)?, 1, 8, 6)?;
    /// let model = TransformerParameters::seeded(config, Seed::new(11));
    /// let next = model.next_token_distribution(&TokenSequence::from_indices(&[0, 1, 2])?)?;
    /// assert_eq!(next.len(), 5);
    /// assert!(next.argmax().index() < 5);
    /// # Ok::<(), typed_ai::MlError>(())
    /// ```
    pub fn next_token_distribution(&self, tokens: &TokenSequence) -> MlResult<Distribution> {
        let trace = self.trace(tokens)?;
        let last = trace.logits.row(trace.logits.rows() - 1);
        Distribution::new(softmax(last).into_iter().map(|p| p as f32).collect())
    }

    /// The mean next-token cross-entropy `−(1/N) Σ ln p(next token)` over
    /// every position of every sequence that has a next token.
    ///
    /// Every sequence needs at least two tokens; an empty batch is
    /// `EmptyInput("training sequences")`.
    ///
    /// ```
    /// use typed_ai::{ModelDimension, Seed, TokenSequence, TransformerConfig, TransformerParameters, VocabSize};
    /// let config = TransformerConfig::new(VocabSize::new(5)?, ModelDimension::new(4)?, 1, 8, 6)?;
    /// let model = TransformerParameters::seeded(config, Seed::new(11));
    /// let loss = model.loss(&[TokenSequence::from_indices(&[0, 1, 2, 3])?])?;
    /// // An untrained model is close to guessing: about ln 5 ≈ 1.61.
    /// assert!((loss.value() - 5f32.ln()).abs() < 0.5);
    /// # Ok::<(), typed_ai::MlError>(())
    /// ```
    pub fn loss(&self, sequences: &[TokenSequence]) -> MlResult<Loss> {
        Loss::new(self.mean_cross_entropy(sequences)? as f32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ModelDimension, TokenId, VocabSize};
    use crate::rng::Seed;

    fn model() -> TransformerParameters {
        let config = TransformerConfig::new(
            VocabSize::new(6).unwrap(),
            ModelDimension::new(8).unwrap(),
            2,
            16,
            8,
        )
        .unwrap();
        TransformerParameters::seeded(config, Seed::new(5))
    }

    fn sequence(indices: &[usize]) -> TokenSequence {
        TokenSequence::from_indices(indices).unwrap()
    }

    #[test]
    fn a_later_token_cannot_change_an_earlier_prediction() {
        let model = model();
        let original = model.logits(&sequence(&[0, 1, 2, 3, 4, 5])).unwrap();
        let changed = model.logits(&sequence(&[0, 1, 2, 3, 0, 5])).unwrap();
        // Positions 0..=3 never see position 4: their logits are identical,
        // bit for bit, because no arithmetic path connects them.
        for i in 0..4 {
            assert_eq!(
                original[i], changed[i],
                "position {i} changed when only token 4 did: the mask lets the model peek"
            );
        }
        // The changed position and the one after it do see the change.
        assert_ne!(original[4], changed[4]);
        assert_ne!(original[5], changed[5]);
    }

    #[test]
    fn attention_rows_are_causal_distributions() {
        let trace = model().trace(&sequence(&[2, 0, 4, 1])).unwrap();
        for weights in &trace.attention_weights {
            for i in 0..4 {
                let row = weights.row(i);
                let sum: f64 = row.iter().sum();
                assert!((sum - 1.0).abs() < 1e-12, "row {i} sums to {sum}");
                assert!(
                    row[i + 1..].iter().all(|&w| w == 0.0),
                    "row {i} peeks ahead"
                );
            }
        }
        // Query 0 sees only key 0, so all its weight is there.
        assert_eq!(trace.attention_weights[0].get(0, 0), 1.0);
    }

    #[test]
    fn layer_norm_rows_have_zero_mean_and_unit_variance() {
        let trace = model().trace(&sequence(&[1, 2, 3])).unwrap();
        for i in 0..3 {
            let row = trace.standardised.row(i);
            let mean: f64 = row.iter().sum::<f64>() / 8.0;
            let variance: f64 = row.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 8.0;
            assert!(mean.abs() < 1e-12, "row {i} mean {mean}");
            // ε = 1e-5 makes the variance slightly below 1: var / (var + ε).
            assert!((variance - 1.0).abs() < 1e-3, "row {i} variance {variance}");
        }
    }

    #[test]
    fn loss_is_the_mean_negative_log_probability_of_each_next_token() {
        let model = model();
        let tokens = sequence(&[3, 1, 4, 1]);
        let logits = model.logits(&tokens).unwrap();
        // By hand: position i predicts token i+1, so the loss averages
        // −ln softmax(logits_i)[t_{i+1}] over i = 0, 1, 2.
        let mut total = 0.0;
        for (i, next) in [1usize, 4, 1].into_iter().enumerate() {
            let row: Vec<f64> = logits[i].scores().iter().map(|&x| f64::from(x)).collect();
            total -= softmax(&row)[next].ln();
        }
        let loss = model.loss(&[tokens]).unwrap().value();
        assert!((f64::from(loss) - total / 3.0).abs() < 1e-5);
    }

    #[test]
    fn next_token_distribution_is_the_softmax_of_the_last_row() {
        let model = model();
        let tokens = sequence(&[0, 5, 2]);
        let next = model.next_token_distribution(&tokens).unwrap();
        let last = &model.logits(&tokens).unwrap()[2];
        let row: Vec<f64> = last.scores().iter().map(|&x| f64::from(x)).collect();
        for (p, q) in next.probabilities().iter().zip(softmax(&row)) {
            assert!((f64::from(*p) - q).abs() < 1e-6);
        }
    }

    #[test]
    fn inputs_outside_vocabulary_or_context_are_rejected() {
        let model = model();
        assert_eq!(
            model.logits(&sequence(&[0, 6])),
            Err(MlError::OutOfRange {
                kind: "token",
                index: 6,
                limit: 6
            })
        );
        assert_eq!(
            model.logits(&sequence(&[0; 9])),
            Err(MlError::OutOfRange {
                kind: "position",
                index: 8,
                limit: 8
            })
        );
        assert_eq!(
            model.loss(&[]),
            Err(MlError::EmptyInput("training sequences"))
        );
        assert!(matches!(
            model.loss(&[TokenSequence::new(vec![TokenId::new(1)]).unwrap()]),
            Err(MlError::ShapeMismatch {
                op: "next-token loss",
                ..
            })
        ));
    }
}
