//! AdamW for the one-block transformer: [`TransformerAdamWStep`] maps a
//! [`TransformerAdamWState`] (the weights, Adam's two moments and its step
//! count) to the next one, and decays only the tensors its mask names.
//!
//! **The state carries the optimizer's memory.** Adam's moments are moving
//! averages over past steps, and its bias correction needs the number of
//! steps taken, so all three must survive from one application to the next.
//! An arrow cannot keep them (it is applied through `&self`), so they travel
//! in the state beside the weights. This is what lets one state pass through
//! several steps that train on different batches: the arrows differ, the
//! memory is one. A state rebuilt from bare parameters in the middle of a
//! run starts from zero moments at t = 1, and every step of it is
//! `lr·sign(g)`: the averaging that calms gradients which disagree from
//! batch to batch is gone.
//!
//! **Which tensors decay.** The update is the library's AdamW
//! (`optim::adamw`): `p ← p − lr·(m̂/(√v̂ + ε) + λ·p)`, with the decay outside
//! the moments. Decay pulls a weight toward 0. For the matrices that multiply
//! (embeddings and projections) that is the intended prior, small weights;
//! for a layer norm's gain, whose neutral value is 1, it is a pull toward
//! switching features off, and biases and shifts hold offsets, not scales.
//! GPT-2-style training therefore decays matrices only, and Optax's `adamw`
//! takes a mask for the same reason. The mask here is a function from a
//! [`NamedTensor`] to `bool`, asked once per tensor.
//!
//! Not here: the gradient itself (`backward`), plain gradient descent
//! (`training`), and AdamW over any flat parameter vector (`optim`).

use crate::category::Morphism;
use crate::domain::{Loss, TokenSequence};
use crate::error::MlResult;
use crate::optim::{
    AdamConfig, AdamState, AdamStepCount, FirstMoment, Gradient, ParameterVector, SecondMoment,
    WeightDecay, adam_update,
};

use super::forward::check_batch;
use super::parameters::{NamedTensor, TransformerParameters};

/// Everything AdamW carries from one step to the next: the transformer's
/// weights, the first and second moments (one entry per weight, in
/// [`TransformerParameters::to_flat`] order) and the number of steps taken.
///
/// ```
/// use typed_ai::{ModelDimension, Seed, TransformerAdamWState, TransformerConfig, TransformerParameters, VocabSize};
/// let config = TransformerConfig::new(VocabSize::new(5)?, ModelDimension::new(4)?, 1, 8, 6)?;
/// let parameters = TransformerParameters::seeded(config, Seed::new(1));
/// let state = TransformerAdamWState::new(parameters.clone());
/// assert_eq!(state.step_count().get(), 0);
/// assert_eq!(state.first_moment().len(), parameters.parameter_count());
/// assert!(state.second_moment().values().iter().all(|&v| v == 0.0));
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TransformerAdamWState {
    parameters: TransformerParameters,
    first_moment: FirstMoment,
    second_moment: SecondMoment,
    step_count: AdamStepCount,
}

impl TransformerAdamWState {
    /// The state before the first step: both moments zero, no steps taken.
    /// Call it once per training run; the only way to a later state is
    /// through [`TransformerAdamWStep`].
    pub fn new(parameters: TransformerParameters) -> Self {
        let flat = ParameterVector::new(parameters.to_flat())
            .expect("transformer parameters are finite and a config size is at least 1");
        Self {
            first_moment: FirstMoment::zeros_like(&flat),
            second_moment: SecondMoment::zeros_like(&flat),
            parameters,
            step_count: AdamStepCount::new(0),
        }
    }

    /// The current weights.
    pub fn parameters(&self) -> &TransformerParameters {
        &self.parameters
    }

    /// `m`: the moving average of the gradient, per weight.
    pub fn first_moment(&self) -> &FirstMoment {
        &self.first_moment
    }

    /// `v`: the moving average of the squared gradient, per weight.
    pub fn second_moment(&self) -> &SecondMoment {
        &self.second_moment
    }

    /// How many steps produced this state.
    pub fn step_count(&self) -> AdamStepCount {
        self.step_count
    }

    /// Gives the trained weights back, ending the run.
    pub fn into_parameters(self) -> TransformerParameters {
        self.parameters
    }
}

/// One AdamW step on a fixed batch of token sequences:
/// `TransformerAdamWState → TransformerAdamWState`.
///
/// The step holds what stays fixed (the batch, Adam's hyper-parameters, λ
/// and the mask of decayed tensors); the state holds what changes.
///
/// ```
/// use typed_ai::{AdamConfig, LearningRate, ModelDimension, Morphism, NamedTensor, Seed, TensorShape, TokenSequence, TransformerAdamWState, TransformerAdamWStep, TransformerConfig, TransformerParameters, VocabSize, WeightDecay};
/// fn matrices(tensor: &NamedTensor) -> bool {
///     matches!(tensor.shape, TensorShape::Matrix { .. })
/// }
/// let config = TransformerConfig::new(VocabSize::new(4)?, ModelDimension::new(4)?, 2, 8, 8)?;
/// let step = TransformerAdamWStep::new(
///     vec![TokenSequence::from_indices(&[0, 1, 2, 3, 0, 1, 2, 3])?],
///     AdamConfig::with_defaults(LearningRate::new(0.05)?),
///     WeightDecay::new(0.01)?,
///     matrices,
/// )?;
/// let mut state = TransformerAdamWState::new(TransformerParameters::seeded(config, Seed::new(3)));
/// let before = step.loss(&state)?;
/// for _ in 0..10 {
///     state = step.apply(state)?;
/// }
/// assert_eq!(state.step_count().get(), 10);
/// assert!(step.loss(&state)? < before);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone)]
pub struct TransformerAdamWStep {
    sequences: Vec<TokenSequence>,
    config: AdamConfig,
    weight_decay: WeightDecay,
    decays: fn(&NamedTensor<'_>) -> bool,
}

impl TransformerAdamWStep {
    /// A step that trains on `sequences` (all of them, every time) with
    /// Adam's `config`, decaying by `weight_decay` exactly the tensors for
    /// which `decays` answers `true`.
    ///
    /// Rejects an empty batch (`EmptyInput("training sequences")`) and a
    /// sequence of one token (`ShapeMismatch { op: "next-token loss", .. }`);
    /// whether the tokens fit the model is checked when the step runs.
    pub fn new(
        sequences: Vec<TokenSequence>,
        config: AdamConfig,
        weight_decay: WeightDecay,
        decays: fn(&NamedTensor<'_>) -> bool,
    ) -> MlResult<Self> {
        check_batch(&sequences)?;
        Ok(Self {
            sequences,
            config,
            weight_decay,
            decays,
        })
    }

    /// The training sequences.
    pub fn sequences(&self) -> &[TokenSequence] {
        &self.sequences
    }

    /// Adam's hyper-parameters.
    pub fn config(&self) -> &AdamConfig {
        &self.config
    }

    /// λ, for the tensors the mask names.
    pub fn weight_decay(&self) -> WeightDecay {
        self.weight_decay
    }

    /// Whether this step decays `tensor`.
    pub fn decays(&self, tensor: &NamedTensor<'_>) -> bool {
        (self.decays)(tensor)
    }

    /// The mean next-token loss of `state`'s weights on this step's
    /// sequences.
    pub fn loss(&self, state: &TransformerAdamWState) -> MlResult<Loss> {
        state.parameters.loss(&self.sequences)
    }

    /// λ or 0 for every weight, in [`TransformerParameters::to_flat`] order.
    fn decay_rates(&self, parameters: &TransformerParameters) -> Vec<f32> {
        let lambda = self.weight_decay.value();
        parameters
            .parts()
            .named_tensors()
            .iter()
            .flat_map(|tensor| {
                let rate = if self.decays(tensor) { lambda } else { 0.0 };
                // One rate per entry the tensor holds (its shape's size).
                std::iter::repeat_n(rate, tensor.values.len())
            })
            .collect()
    }
}

impl Morphism<TransformerAdamWState, TransformerAdamWState> for TransformerAdamWStep {
    fn name(&self) -> String {
        format!(
            "transformer_adamw(lr = {}, λ = {})",
            self.config.learning_rate().value(),
            self.weight_decay.value()
        )
    }

    fn apply(&self, state: TransformerAdamWState) -> MlResult<TransformerAdamWState> {
        let TransformerAdamWState {
            parameters,
            first_moment,
            second_moment,
            step_count,
        } = state;
        let (_, gradients) = parameters.loss_and_gradients(&self.sequences)?;
        let rates = self.decay_rates(&parameters);
        // The moments were built with one entry per weight of these
        // parameters, so the flat state's width check cannot fail here.
        let flat = AdamState::new(
            ParameterVector::new(parameters.to_flat())?,
            first_moment,
            second_moment,
            step_count,
        )?;
        let gradient = Gradient::new(gradients.to_flat())?;
        let next = adam_update(
            &self.config,
            |i| rates[i],
            flat,
            &gradient,
            "transformer parameter",
        )?;
        let (weights, first_moment, second_moment, step_count) = next.into_parts();
        Ok(TransformerAdamWState {
            parameters: parameters.with_flat(weights.values())?,
            first_moment,
            second_moment,
            step_count,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::category::{StepCount, apply_endomorphism_n_times};
    use crate::domain::{LearningRate, ModelDimension, VocabSize};
    use crate::error::MlError;
    use crate::ml::{Text, Tokenizer};
    use crate::optim::AdamWStep;
    use crate::rng::Seed;
    use crate::transformer::{TensorShape, TransformerConfig};

    fn matrices(tensor: &NamedTensor<'_>) -> bool {
        matches!(tensor.shape, TensorShape::Matrix { .. })
    }

    fn everything(_: &NamedTensor<'_>) -> bool {
        true
    }

    fn parameters() -> TransformerParameters {
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

    /// Tokens 0..=3 only, so rows 4 and 5 of the token embedding never
    /// receive a gradient; positions 6 and 7 are never reached either.
    fn batch() -> Vec<TokenSequence> {
        vec![
            TokenSequence::from_indices(&[0, 1, 2, 3, 0, 1]).unwrap(),
            TokenSequence::from_indices(&[3, 2, 1, 0]).unwrap(),
        ]
    }

    fn step(lr: f32, lambda: f32, decays: fn(&NamedTensor<'_>) -> bool) -> TransformerAdamWStep {
        TransformerAdamWStep::new(
            batch(),
            AdamConfig::with_defaults(LearningRate::new(lr).unwrap()),
            WeightDecay::new(lambda).unwrap(),
            decays,
        )
        .unwrap()
    }

    /// The flat weights of tensor `index` (in `named_tensors` order).
    fn tensor(parameters: &TransformerParameters, index: usize) -> Vec<f32> {
        parameters.parts().named_tensors()[index].values.to_vec()
    }

    #[test]
    fn the_first_step_moves_each_weight_by_lr_plus_its_decay() {
        // First step, t = 1: m̂ = g and v̂ = g², so the Adam part of the
        // update is g / (|g| + ε) = ±1 wherever |g| ≫ ε = 1e-8. With
        // lr = 0.01 and λ = 0.1 on matrices only:
        //   norm gain (a vector, starts at 1): 1 ∓ 0.01 = 0.99 or 1.01;
        //   token embedding row 4 (never seen, g = 0): p − 0.01·0.1·p = 0.999·p.
        let start = parameters();
        let next = step(0.01, 0.1, matrices)
            .apply(TransformerAdamWState::new(start.clone()))
            .unwrap();
        let (_, gradients) = start.loss_and_gradients(&batch()).unwrap();
        let gain_gradient = &gradients.parts().norm_gain;
        for (c, &gain) in next
            .parameters()
            .parts()
            .norm_gain
            .values()
            .iter()
            .enumerate()
        {
            let g = gain_gradient.values()[c];
            assert!(g.abs() > 1e-4, "gain {c} has a gradient too small to test");
            let expected = if g > 0.0 { 0.99 } else { 1.01 };
            assert!(
                (gain - expected).abs() < 1e-6,
                "norm gain {c} is {gain}, expected {expected}"
            );
        }
        let unseen = start.parts().token_embedding.row(4).unwrap();
        let decayed = next.parameters().parts().token_embedding.row(4).unwrap();
        for (before, after) in unseen.iter().zip(decayed) {
            assert!((after - 0.999 * before).abs() < 1e-7, "{before} -> {after}");
        }
        assert_eq!(next.step_count(), AdamStepCount::new(1));
    }

    #[test]
    fn decay_reaches_exactly_the_tensors_the_mask_names() {
        // The same step with λ = 0.1 and with λ = 0 sees the same gradient,
        // so the two results differ by lr·λ·p = 0.01·0.1·p on a decayed
        // weight and not at all on any other.
        let start = TransformerAdamWState::new(parameters());
        let plain = step(0.01, 0.0, matrices).apply(start.clone()).unwrap();
        for (mask, name) in [
            (matrices as fn(&NamedTensor<'_>) -> bool, "matrices"),
            (everything, "everything"),
        ] {
            let decayed = step(0.01, 0.1, mask).apply(start.clone()).unwrap();
            for (index, named) in start
                .parameters()
                .parts()
                .named_tensors()
                .iter()
                .enumerate()
            {
                let decays = mask(named);
                let before = named.values;
                let with = tensor(decayed.parameters(), index);
                let without = tensor(plain.parameters(), index);
                for ((p, a), b) in before.iter().zip(&with).zip(&without) {
                    let expected = if decays { 0.001 * p } else { 0.0 };
                    assert!(
                        ((b - a) - expected).abs() < 1e-6,
                        "mask {name}, {}: decay moved {p} by {}, expected {expected}",
                        named.name,
                        b - a
                    );
                }
            }
            // The moments see the loss gradient only, with or without decay.
            assert_eq!(decayed.first_moment(), plain.first_moment());
            assert_eq!(decayed.second_moment(), plain.second_moment());
        }
        assert!(matrices(&start.parameters().parts().named_tensors()[0]));
        assert!(!matrices(&start.parameters().parts().named_tensors()[6]));
    }

    #[test]
    fn decaying_everything_is_the_flat_adamw_step() {
        // With every tensor decayed, this step is `AdamWStep` on the flat
        // weights with the transformer's gradient: the same numbers, bit for
        // bit, for three steps (moments and step count included).
        let start = parameters();
        let shape = start.clone();
        let flat_step = AdamWStep::new(
            AdamConfig::with_defaults(LearningRate::new(0.01).unwrap()),
            WeightDecay::new(0.1).unwrap(),
            move |p: &ParameterVector| {
                let (_, g) = shape.with_flat(p.values())?.loss_and_gradients(&batch())?;
                Gradient::new(g.to_flat())
            },
        );
        let three = StepCount::new(3);
        let flat = apply_endomorphism_n_times(
            &flat_step,
            AdamState::initial(ParameterVector::new(start.to_flat()).unwrap()),
            three,
        )
        .unwrap();
        let typed = apply_endomorphism_n_times(
            &step(0.01, 0.1, everything),
            TransformerAdamWState::new(start),
            three,
        )
        .unwrap();
        assert_eq!(typed.parameters().to_flat(), flat.params().values());
        assert_eq!(typed.first_moment(), flat.first_moment());
        assert_eq!(typed.second_moment(), flat.second_moment());
        assert_eq!(typed.step_count().get(), 3);
    }

    #[test]
    fn the_state_is_the_memory() {
        // After two steps the moments are not zero; restarting from the same
        // weights with a fresh state forgets them (and t), so the third step
        // lands somewhere else.
        let adamw = step(0.01, 0.1, matrices);
        let two = apply_endomorphism_n_times(
            &adamw,
            TransformerAdamWState::new(parameters()),
            StepCount::new(2),
        )
        .unwrap();
        assert_eq!(two.step_count().get(), 2);
        assert!(two.first_moment().values().iter().any(|&m| m != 0.0));
        let carried = adamw.apply(two.clone()).unwrap();
        let forgotten = adamw
            .apply(TransformerAdamWState::new(two.parameters().clone()))
            .unwrap();
        assert_eq!(carried.step_count().get(), 3);
        assert_eq!(forgotten.step_count().get(), 1);
        assert_ne!(carried.parameters(), forgotten.parameters());
    }

    #[test]
    fn one_word_per_step_reaches_the_coin_flip_floor() {
        // "cat." "car." "bat." "bar.": after "ca" or "ba" the next letter is
        // t or r, half the time each, and every other letter is certain. The
        // best mean loss over the 3 predictions of a word is therefore
        // (0 + ln 2 + 0) / 3 = 0.2310. Training one word per step, with one
        // state carried across the four steps, gets there.
        let words = ["cat.", "car.", "bat.", "bar."];
        let tokenizer = Tokenizer::from_corpus(&words.concat()).unwrap();
        let corpus: Vec<TokenSequence> = words
            .iter()
            .map(|w| tokenizer.apply(Text::new(*w).unwrap()).unwrap())
            .collect();
        let config = TransformerConfig::new(
            tokenizer.vocab_size(),
            ModelDimension::new(8).unwrap(),
            2,
            16,
            4,
        )
        .unwrap();
        let steps: Vec<TransformerAdamWStep> = corpus
            .iter()
            .map(|word| {
                TransformerAdamWStep::new(
                    vec![word.clone()],
                    AdamConfig::with_defaults(LearningRate::new(0.05).unwrap()),
                    WeightDecay::new(0.01).unwrap(),
                    matrices,
                )
                .unwrap()
            })
            .collect();
        let mut state =
            TransformerAdamWState::new(TransformerParameters::seeded(config, Seed::new(7)));
        let before = state.parameters().loss(&corpus).unwrap().value();
        for n in 0..160 {
            state = steps[n % steps.len()].apply(state).unwrap();
        }
        let after = state.parameters().loss(&corpus).unwrap().value();
        let floor = 2f32.ln() / 3.0;
        assert!(before > 1.5, "an untrained model is near ln 6: {before}");
        assert!(
            (after - floor).abs() < 0.01,
            "after 160 steps the loss is {after}, expected the floor {floor}"
        );
    }

    #[test]
    fn bad_batches_are_named_and_the_name_shows_the_hyper_parameters() {
        let config = AdamConfig::with_defaults(LearningRate::new(0.01).unwrap());
        let lambda = WeightDecay::new(0.1).unwrap();
        assert!(matches!(
            TransformerAdamWStep::new(vec![], config, lambda, matrices),
            Err(MlError::EmptyInput("training sequences"))
        ));
        assert!(matches!(
            TransformerAdamWStep::new(
                vec![TokenSequence::from_indices(&[2]).unwrap()],
                config,
                lambda,
                matrices
            ),
            Err(MlError::ShapeMismatch {
                op: "next-token loss",
                ..
            })
        ));
        let outside = TransformerAdamWStep::new(
            vec![TokenSequence::from_indices(&[0, 6]).unwrap()],
            config,
            lambda,
            matrices,
        )
        .unwrap();
        assert_eq!(
            outside.apply(TransformerAdamWState::new(parameters())),
            Err(MlError::OutOfRange {
                kind: "token",
                index: 6,
                limit: 6
            })
        );
        assert_eq!(
            Morphism::name(&step(0.01, 0.1, matrices)),
            "transformer_adamw(lr = 0.01, λ = 0.1)"
        );
    }
}
