//! The hand-written backward pass: the gradient of the mean next-token
//! cross-entropy with respect to every one of the fourteen tensors,
//! [`TransformerGradients`].
//!
//! Reverse mode walks the forward pass (see `forward`) from the loss back to
//! the embeddings, one local rule per operation:
//!
//! | forward | backward |
//! |---|---|
//! | cross-entropy of `softmax(logits_i)` at `t_{i+1}` | `dlogits_i = (p_i − onehot(t_{i+1})) / N`; the last position predicts nothing, so its row is 0 |
//! | `logits = o·W_vocabᵀ + b` | `dW_vocab = dlogitsᵀ·o`, `db = Σ_rows dlogits`, `do = dlogits·W_vocab` |
//! | `o = h + f` (residual) | the gradient is copied to both branches |
//! | `f = ReLU(h·W_1 + b_1)·W_2 + b_2` | through `W_2`, then zeroed where the ReLU input was ≤ 0, then through `W_1` |
//! | layer norm `h = γ ⊙ x̂ + β` | `dγ = Σ dh ⊙ x̂`, `dβ = Σ dh`, `dr = (dx̂ − mean(dx̂) − x̂ ⊙ mean(dx̂ ⊙ x̂)) / √(var + ε)` |
//! | `r = x + z·W_o` (residual) | `dW_o = zᵀ·dr`, `dz = dr·W_oᵀ`, and `dr` flows to `x` unchanged |
//! | `z_i = Σ_j w_ij v_j` (value mixing) | `dw_ij = dz_i·v_j`, `dv_j += w_ij dz_i` |
//! | row softmax over `j ≤ i` | `ds_ij = w_ij (dw_ij − Σ_k w_ik dw_ik)`; masked cells have `w = 0`, so nothing flows to the future |
//! | `s_ij = q_i·k_j / √d_k` | `dq_i += ds_ij k_j / √d_k`, `dk_j += ds_ij q_i / √d_k` |
//! | `q, k, v = x·W_{q,k,v}` | `dW = xᵀ·d(q,k,v)`; `dx` sums the three paths |
//! | `x_i = E[t_i] + P[i]` | row `t_i` of `dE` and row `i` of `dP` each receive `dx_i` (a token seen twice gets both) |
//!
//! **Why `f64` inside.** The tests check every entry against central
//! differences `(L(w + h) − L(w − h)) / 2h` with `h = 1e-3`. A loss near 1.8
//! in `f32` is only known to about `2e-7`, so the difference quotient would
//! carry noise of about `1e-4` — as large as many true gradient entries. In
//! `f64` the noise is below `1e-12`, and the check measures the backward
//! rules rather than rounding. The results are narrowed back to `f32`.
//!
//! This file computes gradients; it does not apply them (`training` does).

use crate::domain::{Loss, TokenSequence};
use crate::error::MlResult;

use super::dense::{Dense, WideParts, add_into};
use super::forward::{ForwardTrace, check_batch, softmax};
use super::parameters::{TransformerConfig, TransformerParameters, TransformerParts};

/// The gradient of the mean next-token loss: one entry per weight, in the
/// same fourteen named tensors as the parameters.
///
/// A gradient is not a set of parameters (you cannot run a model with it),
/// so it is its own type, even though the shapes are the same.
#[derive(Debug, Clone, PartialEq)]
pub struct TransformerGradients {
    config: TransformerConfig,
    parts: TransformerParts,
}

impl TransformerGradients {
    /// The configuration of the parameters these gradients belong to.
    pub fn config(&self) -> TransformerConfig {
        self.config
    }

    /// `∂L/∂w` for each named tensor.
    pub fn parts(&self) -> &TransformerParts {
        &self.parts
    }

    /// Every entry in one list, in the order of
    /// [`TransformerParameters::to_flat`].
    pub fn to_flat(&self) -> Vec<f32> {
        self.parts.to_flat()
    }

    /// The Euclidean length of the whole gradient, `√Σ g²`: how steep the
    /// loss is where the parameters stand.
    pub fn norm(&self) -> f32 {
        self.to_flat()
            .iter()
            .map(|&g| f64::from(g).powi(2))
            .sum::<f64>()
            .sqrt() as f32
    }
}

impl TransformerParameters {
    /// The mean next-token cross-entropy over `sequences` (as
    /// [`loss`](Self::loss)) together with its gradient with respect to every
    /// weight.
    ///
    /// ```
    /// use typed_ai::{ModelDimension, Seed, TokenSequence, TransformerConfig, TransformerParameters, VocabSize};
    /// let config = TransformerConfig::new(VocabSize::new(5)?, ModelDimension::new(4)?, 2, 8, 6)?;
    /// let model = TransformerParameters::seeded(config, Seed::new(2));
    /// let batch = [TokenSequence::from_indices(&[0, 1, 2, 0, 1])?];
    /// let (loss, gradients) = model.loss_and_gradients(&batch)?;
    /// assert_eq!(loss, model.loss(&batch)?);
    /// assert_eq!(gradients.to_flat().len(), model.parameter_count());
    /// // Token 4 never appears, so its embedding row gets no gradient.
    /// assert!(gradients.parts().token_embedding.row(4)?.iter().all(|&g| g == 0.0));
    /// # Ok::<(), typed_ai::MlError>(())
    /// ```
    pub fn loss_and_gradients(
        &self,
        sequences: &[TokenSequence],
    ) -> MlResult<(Loss, TransformerGradients)> {
        check_batch(sequences)?;
        let wide = WideParts::widen(self.parts());
        let mut gradients = wide.zeros_like();
        let mut total = 0.0;
        let mut predictions = 0;
        for sequence in sequences {
            let trace = self.trace_widened(&wide, sequence)?;
            predictions += trace.tokens.len() - 1;
            total += trace.summed_cross_entropy();
            accumulate(&wide, self.config(), &trace, &mut gradients);
        }
        // Each prediction contributes 1/N of the loss, so its gradient does too.
        gradients.scale(1.0 / predictions as f64);
        let loss = Loss::new((total / predictions as f64) as f32)?;
        let gradients = TransformerGradients {
            config: self.config(),
            parts: gradients.narrow("transformer gradient")?,
        };
        Ok((loss, gradients))
    }
}

/// Adds the gradient of `Σ_i −ln p_i(t_{i+1})` for one sequence into `g`.
fn accumulate(w: &WideParts, config: TransformerConfig, trace: &ForwardTrace, g: &mut WideParts) {
    let tokens = &trace.tokens;
    let n = tokens.len();
    let d = config.model_dimension().get();
    let d_k = config.head_dimension();

    // Cross-entropy of a softmax: p − onehot(target), per predicting row.
    let mut d_logits = Dense::zeros(n, config.vocab().get());
    for i in 0..n - 1 {
        let mut p = softmax(trace.logits.row(i));
        p[tokens[i + 1]] -= 1.0;
        d_logits.row_mut(i).copy_from_slice(&p);
    }

    // logits = o · W_vocabᵀ + b_vocab
    g.vocab_weight
        .add_assign(&d_logits.transpose_matmul(&trace.block_output));
    add_into(&mut g.vocab_bias, &d_logits.column_sums());
    let d_output = d_logits.matmul(&w.vocab_weight);

    // o = h + ReLU(h·W_1 + b_1)·W_2 + b_2
    g.feed_forward_out_weight
        .add_assign(&trace.feed_forward_hidden.transpose_matmul(&d_output));
    add_into(&mut g.feed_forward_out_bias, &d_output.column_sums());
    let mut d_pre = d_output.matmul_transpose(&w.feed_forward_out_weight);
    for r in 0..n {
        for (dx, &x) in d_pre
            .row_mut(r)
            .iter_mut()
            .zip(trace.feed_forward_pre.row(r))
        {
            if x <= 0.0 {
                *dx = 0.0;
            }
        }
    }
    g.feed_forward_in_weight
        .add_assign(&trace.normalised.transpose_matmul(&d_pre));
    add_into(&mut g.feed_forward_in_bias, &d_pre.column_sums());
    let mut d_normalised = d_output;
    d_normalised.add_assign(&d_pre.matmul_transpose(&w.feed_forward_in_weight));

    // h = γ ⊙ x̂ + β with x̂ = (r − mean) / √(var + ε)
    let mut d_residual = Dense::zeros(n, d);
    for i in 0..n {
        let dh = d_normalised.row(i);
        let x_hat = trace.standardised.row(i);
        let mut d_x_hat = vec![0.0; d];
        for c in 0..d {
            g.norm_gain[c] += dh[c] * x_hat[c];
            g.norm_bias[c] += dh[c];
            d_x_hat[c] = dh[c] * w.norm_gain[c];
        }
        let mean_d = d_x_hat.iter().sum::<f64>() / d as f64;
        let mean_d_x = d_x_hat.iter().zip(x_hat).map(|(a, b)| a * b).sum::<f64>() / d as f64;
        for c in 0..d {
            let value = trace.inverse_std[i] * (d_x_hat[c] - mean_d - x_hat[c] * mean_d_x);
            d_residual.set(i, c, value);
        }
    }

    // r = x + z · W_o
    g.attention_output_weight
        .add_assign(&trace.mixed.transpose_matmul(&d_residual));
    let d_mixed = d_residual.matmul_transpose(&w.attention_output_weight);
    let mut d_input = d_residual;

    // Per head: value mixing, row softmax (causal), scaled dot products.
    let scale = 1.0 / (d_k as f64).sqrt();
    let mut d_queries = Dense::zeros(n, d);
    let mut d_keys = Dense::zeros(n, d);
    let mut d_values = Dense::zeros(n, d);
    for (head, weights) in trace.attention_weights.iter().enumerate() {
        let columns = head * d_k..(head + 1) * d_k;
        for i in 0..n {
            let dz = &d_mixed.row(i)[columns.clone()];
            let d_weights: Vec<f64> = (0..=i)
                .map(|j| {
                    let v = &trace.values.row(j)[columns.clone()];
                    dz.iter().zip(v).map(|(a, b)| a * b).sum()
                })
                .collect();
            let through: f64 = (0..=i).map(|j| weights.get(i, j) * d_weights[j]).sum();
            for (j, dw) in d_weights.into_iter().enumerate() {
                let a = weights.get(i, j);
                for (dv, z) in d_values.row_mut(j)[columns.clone()].iter_mut().zip(dz) {
                    *dv += a * z;
                }
                let d_score = a * (dw - through) * scale;
                for c in columns.clone() {
                    let dq = d_queries.get(i, c) + d_score * trace.keys.get(j, c);
                    d_queries.set(i, c, dq);
                    let dk = d_keys.get(j, c) + d_score * trace.queries.get(i, c);
                    d_keys.set(j, c, dk);
                }
            }
        }
    }

    // q, k, v = x · W_{q,k,v}
    g.query_weight
        .add_assign(&trace.input.transpose_matmul(&d_queries));
    g.key_weight
        .add_assign(&trace.input.transpose_matmul(&d_keys));
    g.value_weight
        .add_assign(&trace.input.transpose_matmul(&d_values));
    d_input.add_assign(&d_queries.matmul_transpose(&w.query_weight));
    d_input.add_assign(&d_keys.matmul_transpose(&w.key_weight));
    d_input.add_assign(&d_values.matmul_transpose(&w.value_weight));

    // x_i = E[t_i] + P[i]
    for (i, &t) in tokens.iter().enumerate() {
        add_into(g.token_embedding.row_mut(t), d_input.row(i));
        add_into(g.position_embedding.row_mut(i), d_input.row(i));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ModelDimension, VocabSize};
    use crate::rng::Seed;

    fn model(seed: u64) -> TransformerParameters {
        let config = TransformerConfig::new(
            VocabSize::new(6).unwrap(),
            ModelDimension::new(8).unwrap(),
            2,
            16,
            8,
        )
        .unwrap();
        TransformerParameters::seeded(config, Seed::new(seed))
    }

    fn batch() -> Vec<TokenSequence> {
        // Two sequences of different lengths; tokens 1 and 2 repeat, so their
        // embedding rows collect gradient from several positions.
        vec![
            TokenSequence::from_indices(&[0, 1, 2, 3, 1, 2]).unwrap(),
            TokenSequence::from_indices(&[4, 5, 0, 4]).unwrap(),
        ]
    }

    /// Step of the central difference. Small enough that the O(h²)
    /// truncation error stays far below the tolerance, large enough that the
    /// `f32` parameter really moves by about `h`.
    const H: f32 = 1e-3;
    /// Worst accepted `|analytic − numeric| / max(|analytic|, |numeric|, FLOOR)`.
    const TOLERANCE: f64 = 1e-3;
    /// Below this magnitude a gradient entry is compared absolutely: an entry
    /// of `1e-9` that comes out as `2e-9` is not a wrong rule.
    const FLOOR: f64 = 1e-4;

    /// The smallest `|ReLU input|` anywhere in the batch.
    fn nearest_relu_kink(model: &TransformerParameters, batch: &[TokenSequence]) -> f64 {
        batch
            .iter()
            .flat_map(|s| model.trace(s).unwrap().feed_forward_pre.data().to_vec())
            .fold(f64::INFINITY, |least, x| least.min(x.abs()))
    }

    #[test]
    fn every_gradient_entry_agrees_with_central_differences() {
        // Seed 20 puts every ReLU input at least 1.7e-2 from 0. A central
        // difference across the kink of a ReLU measures the average of two
        // slopes, not the derivative, so the check is only meaningful where a
        // nudge of h cannot flip a unit on or off (with seed 5, one input sits
        // at 1.2e-3 and three entries of W_1 disagree by 3–20 %, while h = 1e-4
        // agrees to 4e-7 everywhere).
        let model = model(20);
        let batch = batch();
        let margin = nearest_relu_kink(&model, &batch);
        assert!(
            margin > 10.0 * f64::from(H),
            "a ReLU input is {margin:e} from its kink; pick a seed where a step of h cannot cross it"
        );
        let (_, gradients) = model.loss_and_gradients(&batch).unwrap();
        let analytic = gradients.to_flat();
        let flat = model.to_flat();
        let names: Vec<(&str, usize)> = gradients
            .parts()
            .named_tensors()
            .iter()
            .flat_map(|t| (0..t.values.len()).map(move |k| (t.name, k)))
            .collect();
        let mut worst = (0.0_f64, 0);
        for (index, &weight) in flat.iter().enumerate() {
            let mut plus = flat.clone();
            plus[index] = weight + H;
            let mut minus = flat.clone();
            minus[index] = weight - H;
            // Divide by the step the f32 weights really took, not by 2h.
            let step = f64::from(plus[index]) - f64::from(minus[index]);
            let loss_at = |w: &[f32]| {
                model
                    .with_flat(w)
                    .and_then(|m| m.mean_cross_entropy(&batch))
                    .unwrap()
            };
            let numeric = (loss_at(&plus) - loss_at(&minus)) / step;
            let exact = f64::from(analytic[index]);
            let error = (exact - numeric).abs() / exact.abs().max(numeric.abs()).max(FLOOR);
            if error > worst.0 {
                worst = (error, index);
            }
            let (tensor, entry) = names[index];
            assert!(
                error < TOLERANCE,
                "{tensor}[{entry}]: backward gives {exact:e}, central difference gives \
                 {numeric:e} (relative error {error:e})"
            );
        }
        let (tensor, entry) = names[worst.1];
        println!(
            "checked {} entries; worst relative error {:e} at {tensor}[{entry}]",
            flat.len(),
            worst.0
        );
    }

    #[test]
    fn gradients_are_nonzero_in_every_tensor_that_the_batch_reaches() {
        // A backward rule that forgot a tensor would pass the central
        // difference check only if that tensor truly had no influence; make
        // sure every tensor does have some here.
        let (_, gradients) = model(5).loss_and_gradients(&batch()).unwrap();
        for tensor in gradients.parts().named_tensors() {
            assert!(
                tensor.values.iter().any(|&g| g != 0.0),
                "{} has an all-zero gradient",
                tensor.name
            );
        }
        assert!(gradients.norm() > 0.0);
    }

    #[test]
    fn unused_rows_get_no_gradient() {
        let batch = [TokenSequence::from_indices(&[0, 1, 0]).unwrap()];
        let (_, gradients) = model(5).loss_and_gradients(&batch).unwrap();
        let parts = gradients.parts();
        // Tokens 2..5 never appear and positions 3..7 are never reached.
        for t in 2..6 {
            assert!(
                parts
                    .token_embedding
                    .row(t)
                    .unwrap()
                    .iter()
                    .all(|&g| g == 0.0)
            );
        }
        for i in 3..8 {
            assert!(
                parts
                    .position_embedding
                    .row(i)
                    .unwrap()
                    .iter()
                    .all(|&g| g == 0.0)
            );
        }
    }
}
