//! Training the one-block transformer as an endomorphism:
//! [`TransformerTrainStep`] maps a [`TransformerTrainingState`] to the next
//! one, so [`apply_endomorphism_n_times`](crate::apply_endomorphism_n_times)
//! runs a training loop.
//!
//! **The state owns what changes; the step owns what stays.** A morphism is
//! applied through `&self`, so the step cannot remember anything between
//! applications. Everything that differs from one step to the next (the
//! weights and the count of updates so far) therefore lives in the state,
//! along with the learning rate, which describes this run rather than the
//! data and which a schedule may want to change. What the step holds is
//! what every application shares: the training sequences. Because input and
//! output are the same type, the step can be repeated, composed with itself,
//! or handed to anything that accepts an [`Endomorphism`](crate::Endomorphism).
//!
//! The update is plain gradient descent, `w ← w − lr · ∂L/∂w`, on the
//! gradient from the `backward` module; momentum and Adam live in `optim`.

use crate::category::{Morphism, StepCount};
use crate::domain::{LearningRate, Loss, TokenSequence, check_finite};
use crate::error::MlResult;

use super::forward::check_batch;
use super::parameters::TransformerParameters;

/// Everything that changes while the transformer trains: its parameters, the
/// learning rate and how many updates it has had.
///
/// ```
/// use typed_ai::{LearningRate, ModelDimension, Seed, TransformerConfig, TransformerParameters, TransformerTrainingState, VocabSize};
/// let config = TransformerConfig::new(VocabSize::new(5)?, ModelDimension::new(4)?, 1, 8, 6)?;
/// let state = TransformerTrainingState::new(
///     TransformerParameters::seeded(config, Seed::new(1)),
///     LearningRate::new(0.1)?,
/// );
/// assert_eq!(state.step().get(), 0); // a fresh state has had no updates
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TransformerTrainingState {
    parameters: TransformerParameters,
    learning_rate: LearningRate,
    step: StepCount,
}

impl TransformerTrainingState {
    /// A state at step 0. The only way to a later step is through
    /// [`TransformerTrainStep`], so the count always says how many updates
    /// the parameters have received since this call.
    pub fn new(parameters: TransformerParameters, learning_rate: LearningRate) -> Self {
        Self {
            parameters,
            learning_rate,
            step: StepCount::new(0),
        }
    }

    /// The current weights.
    pub fn parameters(&self) -> &TransformerParameters {
        &self.parameters
    }

    /// The step size of the next update.
    pub fn learning_rate(&self) -> LearningRate {
        self.learning_rate
    }

    /// How many updates have been applied so far.
    pub fn step(&self) -> StepCount {
        self.step
    }

    /// Gives the trained weights back, ending the run.
    pub fn into_parameters(self) -> TransformerParameters {
        self.parameters
    }
}

/// One step of gradient descent on a fixed batch of token sequences:
/// `TransformerTrainingState → TransformerTrainingState`.
///
/// ```
/// use typed_ai::{apply_endomorphism_n_times, LearningRate, ModelDimension, Seed, StepCount, TokenSequence, TransformerConfig, TransformerParameters, TransformerTrainStep, TransformerTrainingState, VocabSize};
/// let config = TransformerConfig::new(VocabSize::new(4)?, ModelDimension::new(4)?, 2, 8, 8)?;
/// let start = TransformerTrainingState::new(
///     TransformerParameters::seeded(config, Seed::new(3)),
///     LearningRate::new(0.5)?,
/// );
/// let step = TransformerTrainStep::new(vec![TokenSequence::from_indices(&[0, 1, 2, 3, 0, 1, 2, 3])?])?;
/// let before = step.loss(&start)?;
/// let trained = apply_endomorphism_n_times(&step, start, StepCount::new(20))?;
/// assert_eq!(trained.step().get(), 20);
/// assert!(step.loss(&trained)? < before);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TransformerTrainStep {
    sequences: Vec<TokenSequence>,
}

impl TransformerTrainStep {
    /// A step that trains on `sequences` (all of them, every time).
    ///
    /// Rejects an empty batch (`EmptyInput("training sequences")`) and a
    /// sequence of one token, which has no next token to predict
    /// (`ShapeMismatch { op: "next-token loss", .. }`). Whether the tokens fit
    /// the model's vocabulary and context is checked when the step runs.
    pub fn new(sequences: Vec<TokenSequence>) -> MlResult<Self> {
        check_batch(&sequences)?;
        Ok(Self { sequences })
    }

    /// The training sequences.
    pub fn sequences(&self) -> &[TokenSequence] {
        &self.sequences
    }

    /// The mean next-token loss of `state`'s parameters on this step's
    /// sequences.
    pub fn loss(&self, state: &TransformerTrainingState) -> MlResult<Loss> {
        state.parameters.loss(&self.sequences)
    }
}

impl Morphism<TransformerTrainingState, TransformerTrainingState> for TransformerTrainStep {
    fn name(&self) -> String {
        "transformer_train_step".to_string()
    }

    fn apply(&self, state: TransformerTrainingState) -> MlResult<TransformerTrainingState> {
        let (_, gradients) = state.parameters.loss_and_gradients(&self.sequences)?;
        let rate = state.learning_rate.value();
        let updated: Vec<f32> = state
            .parameters
            .to_flat()
            .iter()
            .zip(gradients.to_flat())
            .map(|(w, g)| w - rate * g)
            .collect();
        // A learning rate far too large shows up here first, as a weight
        // that overflowed; name it instead of reporting a matrix entry.
        check_finite(&updated, "transformer parameter")?;
        Ok(TransformerTrainingState {
            parameters: state.parameters.with_flat(&updated)?,
            learning_rate: state.learning_rate,
            step: StepCount::new(state.step.get() + 1),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::category::apply_endomorphism_n_times;
    use crate::domain::{ModelDimension, Vector, VocabSize};
    use crate::error::MlError;
    use crate::rng::Seed;
    use crate::transformer::TransformerConfig;

    const VOCAB: usize = 6;

    fn parameters() -> TransformerParameters {
        let config = TransformerConfig::new(
            VocabSize::new(VOCAB).unwrap(),
            ModelDimension::new(8).unwrap(),
            2,
            16,
            8,
        )
        .unwrap();
        TransformerParameters::seeded(config, Seed::new(5))
    }

    fn start(rate: f32) -> TransformerTrainingState {
        TransformerTrainingState::new(parameters(), LearningRate::new(rate).unwrap())
    }

    fn repeating() -> TransformerTrainStep {
        TransformerTrainStep::new(vec![
            TokenSequence::from_indices(&[0, 1, 2, 3, 0, 1, 2, 3]).unwrap(),
        ])
        .unwrap()
    }

    #[test]
    fn fifty_steps_take_the_loss_well_below_chance() {
        let step = repeating();
        let state = start(0.1);
        let before = step.loss(&state).unwrap().value();
        let trained = apply_endomorphism_n_times(&step, state, StepCount::new(50)).unwrap();
        let after = step.loss(&trained).unwrap().value();
        // Guessing uniformly over 6 tokens costs ln 6 ≈ 1.79 per prediction;
        // the untrained model starts near that (1.85 with this seed). The
        // sequence is fully predictable, so a working step drives the loss
        // toward 0 (about 0.03 after 50 steps at this rate).
        let chance = (VOCAB as f32).ln();
        assert!(
            after < before / 4.0,
            "loss went from {before} to {after} in 50 steps; it should fall well below the start"
        );
        assert!(
            after < chance,
            "loss {after} is not below chance, ln 6 = {chance}"
        );
    }

    #[test]
    fn every_step_lowers_the_loss_at_a_small_rate() {
        // With a small enough rate, gradient descent is a descent method: each
        // step moves downhill.
        let step = repeating();
        let mut state = start(0.05);
        let mut previous = step.loss(&state).unwrap();
        for n in 1..=10 {
            state = step.apply(state).unwrap();
            let loss = step.loss(&state).unwrap();
            assert!(
                loss < previous,
                "step {n} raised the loss from {previous:?} to {loss:?}"
            );
            previous = loss;
        }
    }

    #[test]
    fn the_step_count_advances_by_exactly_one_per_application() {
        let step = repeating();
        let once = step.apply(start(0.1)).unwrap();
        assert_eq!(once.step(), StepCount::new(1));
        let seven = apply_endomorphism_n_times(&step, once, StepCount::new(6)).unwrap();
        assert_eq!(seven.step(), StepCount::new(7));
        // The rate belongs to the state and the step leaves it alone.
        assert_eq!(seven.learning_rate(), LearningRate::new(0.1).unwrap());
        assert_ne!(seven.parameters(), start(0.1).parameters());
        // Zero applications are the identity, step count included.
        let none = apply_endomorphism_n_times(&step, start(0.1), StepCount::new(0)).unwrap();
        assert_eq!(none, start(0.1));
    }

    #[test]
    fn one_step_is_plain_gradient_descent() {
        let step = repeating();
        let state = start(0.1);
        let (_, gradients) = state
            .parameters()
            .loss_and_gradients(step.sequences())
            .unwrap();
        let next = step.apply(state.clone()).unwrap();
        let before = state.parameters().to_flat();
        let after = next.parameters().to_flat();
        for ((w, g), w_next) in before.iter().zip(gradients.to_flat()).zip(after) {
            assert_eq!(w_next, w - 0.1 * g);
        }
    }

    #[test]
    fn bad_batches_and_tokens_are_named() {
        assert_eq!(
            TransformerTrainStep::new(vec![]),
            Err(MlError::EmptyInput("training sequences"))
        );
        assert!(matches!(
            TransformerTrainStep::new(vec![TokenSequence::from_indices(&[2]).unwrap()]),
            Err(MlError::ShapeMismatch {
                op: "next-token loss",
                ..
            })
        ));
        let outside =
            TransformerTrainStep::new(vec![TokenSequence::from_indices(&[0, VOCAB]).unwrap()])
                .unwrap();
        assert_eq!(
            outside.apply(start(0.1)),
            Err(MlError::OutOfRange {
                kind: "token",
                index: VOCAB,
                limit: VOCAB
            })
        );
    }

    #[test]
    fn an_overflowing_update_is_named_not_stored() {
        // A norm gain of 1000 makes the block's output rows, and so the
        // vocabulary-weight gradient, large; f32::MAX times that overflows.
        let mut parts = parameters().into_parts();
        parts.norm_gain = Vector::new(vec![1000.0; 8]).unwrap();
        let loud = TransformerParameters::from_parts(parameters().config(), parts).unwrap();
        let state = TransformerTrainingState::new(loud, LearningRate::new(f32::MAX).unwrap());
        assert!(matches!(
            repeating().apply(state),
            Err(MlError::InvalidScalar { kind: "transformer parameter", value }) if value.is_infinite()
        ));
        // Too large a rate that does not overflow at once diverges instead,
        // and the loss says so.
        let diverging = apply_endomorphism_n_times(&repeating(), start(1e6), StepCount::new(5));
        assert!(matches!(diverging, Err(MlError::InvalidLoss(value)) if value.is_infinite()));
    }
}
