// Chapter 14.5: decay the weights, not the gains
//
// AdamW's decay pulls each weight toward 0 by lr * lambda of itself per step
// (chapter 12). For the model's matrices, the embeddings and the
// projections that multiply the hidden rows, that is the point: among
// weights that fit the data equally well, it prefers small ones. But the
// transformer also holds vectors, and for them 0 is not a neutral value.
// The layer norm's gain multiplies every normalised feature; it starts at 1,
// and decay pulls it toward switching the features off. The layer norm's
// bias (its shift) and the other biases are offsets rather than scales, and
// shrinking them restrains nothing. So a common rule decays the matrices and
// leaves the vectors alone: BERT's training code excludes the layer norms and
// the biases from decay, and nanoGPT decays exactly the parameters with two
// or more dimensions. (minGPT also leaves the embeddings undecayed; here
// they decay, like every matrix.)
//
// `TransformerAdamWStep` asks a function which tensors to decay, once for
// each of the model's fourteen named tensors; a `NamedTensor` has a `name`
// such as "norm gain" and a `shape`, either `TensorShape::Matrix { rows,
// cols }` or `TensorShape::Vector { len }`. `decays` below says yes to every
// tensor. Fix it. The tests are the definition of done; do not edit them.

use typed_ai::{
    AdamConfig, LearningRate, MlResult, ModelDimension, Morphism, NamedTensor, Seed, TensorShape,
    TokenSequence, TransformerAdamWState, TransformerAdamWStep, TransformerConfig,
    TransformerParameters, VocabSize, WeightDecay,
};

/// Whether AdamW's decay applies to `tensor`.
fn decays(_tensor: &NamedTensor) -> bool {
    // TODO: which tensors should the decay pull toward zero?
    true
}

/// One AdamW step with lr 0.01 and decay `lambda`, on two short sequences,
/// decaying the tensors `decays` names.
fn adamw(lambda: f32) -> MlResult<TransformerAdamWStep> {
    TransformerAdamWStep::new(
        vec![
            TokenSequence::from_indices(&[0, 1, 2, 3, 0, 1])?,
            TokenSequence::from_indices(&[3, 2, 1, 0])?,
        ],
        AdamConfig::with_defaults(LearningRate::new(0.01)?),
        WeightDecay::new(lambda)?,
        decays,
    )
}

/// The state before training: 6 tokens, width 8 in 2 heads, 8 positions.
fn start() -> MlResult<TransformerAdamWState> {
    let config = TransformerConfig::new(VocabSize::new(6)?, ModelDimension::new(8)?, 2, 16, 8)?;
    Ok(TransformerAdamWState::new(TransformerParameters::seeded(
        config,
        Seed::new(5),
    )))
}

fn main() -> MlResult<()> {
    let state = start()?;
    for tensor in state.parameters().parts().named_tensors() {
        let shape = match tensor.shape {
            TensorShape::Matrix { rows, cols } => format!("{rows} x {cols}"),
            TensorShape::Vector { len } => format!("{len}"),
        };
        let verdict = if decays(&tensor) { "decays" } else { "kept" };
        println!("{:<24} {shape:>7}  {verdict}", tensor.name);
    }
    let next = adamw(0.1)?.apply(state)?;
    println!(
        "norm gain after one step: {:?}",
        next.parameters().parts().norm_gain.values()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::{StepCount, apply_endomorphism_n_times};

    /// The state after 20 steps without decay. The biases and the norm's
    /// bias start at 0, where decay has nothing to pull on; by now they have
    /// moved away from it.
    fn warmed_up() -> TransformerAdamWState {
        apply_endomorphism_n_times(&adamw(0.0).unwrap(), start().unwrap(), StepCount::new(20))
            .unwrap()
    }

    /// How far decay alone moves each weight of tensor `index` in one step
    /// from `state`: the step with lambda = 0.1 against the step with
    /// lambda = 0. Both follow the same gradient, so the difference is
    /// lr * lambda * p = 0.001 * p where the decay acts, and 0 elsewhere.
    fn decay_moves(state: &TransformerAdamWState, index: usize) -> (&'static str, Vec<(f32, f32)>) {
        let with = adamw(0.1).unwrap().apply(state.clone()).unwrap();
        let without = adamw(0.0).unwrap().apply(state.clone()).unwrap();
        let before = state.parameters().parts().named_tensors()[index];
        let a = with.parameters().parts().named_tensors()[index]
            .values
            .to_vec();
        let b = without.parameters().parts().named_tensors()[index]
            .values
            .to_vec();
        let moves = before
            .values
            .iter()
            .zip(a.iter().zip(b))
            .map(|(&p, (a, b))| (p, b - a))
            .collect();
        (before.name, moves)
    }

    #[test]
    fn gains_and_biases_do_not_decay() {
        // Tensors 6, 7, 9, 11 and 13 are the norm gain, the norm bias and the
        // three other biases: vectors, all of them.
        let state = warmed_up();
        for index in [6, 7, 9, 11, 13] {
            let (name, moves) = decay_moves(&state, index);
            for (p, moved) in moves {
                assert!(
                    moved.abs() < 1e-7,
                    "decay moved a {name} entry from {p:.4} by {moved:.6} toward 0; the {name} \
                     is a vector and should not decay"
                );
            }
        }
    }

    #[test]
    fn weight_matrices_decay() {
        // Every matrix, each entry p moving by 0.001 * p: the token and
        // position embeddings (tensors 0 and 1), the query, key, value and
        // attention output weights (2 to 5), the feed-forward's two weights
        // (8 and 10) and the vocabulary weight (12).
        let state = warmed_up();
        for index in [0, 1, 2, 3, 4, 5, 8, 10, 12] {
            let (name, moves) = decay_moves(&state, index);
            for (p, moved) in moves {
                assert!(
                    (moved - 0.001 * p).abs() < 1e-6,
                    "decay moved a {name} entry {p:.4} by {moved:.6}; a matrix decays by \
                     lr * lambda * p = {:.6}",
                    0.001 * p
                );
            }
        }
    }

    #[test]
    fn the_gain_takes_a_plain_first_adam_step() {
        // Adam's first step is lr * g / (|g| + eps) = 0.01 against the sign
        // of g, so a gain of 1 becomes 0.99 or 1.01, exactly. With decay on
        // the gain it would be 0.989 or 1.009.
        let next = adamw(0.1).unwrap().apply(start().unwrap()).unwrap();
        for gain in next.parameters().parts().norm_gain.values() {
            let nearest = if *gain < 1.0 { 0.99 } else { 1.01 };
            assert!(
                (gain - nearest).abs() < 1e-5,
                "after one step a norm gain is {gain:.4}; Adam alone moves it from 1 by exactly \
                 lr = 0.01, to 0.99 or 1.01"
            );
        }
    }
}
