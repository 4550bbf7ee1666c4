//! Training the tiny model as an endomorphism `Parameters → Parameters`.
//!
//! One gradient step reads the parameters and returns new ones; it never
//! mutates anything it holds. Because its source and target are the same
//! object, the step composes with itself, so "train for 80 steps" is
//! `apply_endomorphism_n_times(&step, params, StepCount::new(80))`.
//!
//! The gradient is derived by hand for the model in `ml::tiny_model`
//! (`h = E[x]`, `z = W·h + b`, `p = softmax(z)`, `L = −ln p[y]`):
//!
//! ```text
//! ∂L/∂z = p − one_hot(y)          (softmax and cross-entropy together)
//! ∂L/∂b = ∂L/∂z
//! ∂L/∂W = ∂L/∂z ⊗ h               (outer product, vocab × dim)
//! ∂L/∂E[x] = Wᵀ · ∂L/∂z           (only the looked-up row)
//! ```
//!
//! averaged over the training set. Tests check it against central finite
//! differences. This module does not own optimizers with memory (momentum,
//! Adam): those live in `optim`, as endomorphisms on their own state types.

use crate::calculus::softmax_cross_entropy_gradient;
use crate::category::Morphism;
use crate::domain::{LearningRate, Loss, Parameters, Product, TrainingSet, check_finite};
use crate::error::MlResult;
use crate::ml::{CrossEntropy, tiny_model};

/// The mean cross-entropy of `parameters` over every example of `data`.
///
/// ```
/// use typed_ai::{mean_loss, ModelDimension, Parameters, Seed, TokenSequence, VocabSize, next_token_examples};
/// let params = Parameters::seeded(VocabSize::new(3)?, ModelDimension::new(2)?, Seed::new(1));
/// let data = next_token_examples(&TokenSequence::from_indices(&[0, 1, 2, 0])?)?;
/// let loss = mean_loss(&params, &data)?;
/// assert!(loss.value() > 0.0);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
pub fn mean_loss(parameters: &Parameters, data: &TrainingSet) -> MlResult<Loss> {
    let model = tiny_model(parameters)?;
    let mut total = 0.0;
    for example in data.examples() {
        let prediction = model.apply(example.input())?;
        total += CrossEntropy
            .apply(Product::new(prediction, example.target()))?
            .value();
    }
    Loss::new(total / data.len() as f32)
}

/// The gradient of [`mean_loss`] with respect to every parameter, laid out
/// like [`Parameters::to_flat`]: embedding rows, then output-weight rows, then
/// the output bias.
#[derive(Debug, Clone, PartialEq)]
pub struct ParameterGradient(Vec<f32>);

impl ParameterGradient {
    /// The partial derivatives, in [`Parameters::to_flat`] order.
    pub fn values(&self) -> &[f32] {
        &self.0
    }

    /// The Euclidean norm: how steep the loss is here.
    pub fn norm(&self) -> f32 {
        self.0.iter().map(|g| g * g).sum::<f32>().sqrt()
    }
}

/// Computes the exact gradient of the mean cross-entropy.
pub fn loss_gradient(parameters: &Parameters, data: &TrainingSet) -> MlResult<ParameterGradient> {
    let vocab = parameters.vocab_size().get();
    let dim = parameters.model_dimension().get();
    let embedding = parameters.embedding();
    let weight = parameters.output_weight();
    let model = tiny_model(parameters)?;

    let mut d_embedding = vec![0.0_f32; vocab * dim];
    let mut d_weight = vec![0.0_f32; vocab * dim];
    let mut d_bias = vec![0.0_f32; vocab];
    let scale = 1.0 / data.len() as f32;

    for example in data.examples() {
        let x = example.input().index();
        let p = model.apply(example.input())?;
        // ∂L/∂z = p − one_hot(y); it also range-checks the target.
        let d_logits = softmax_cross_entropy_gradient(&p, example.target())?;
        let h = embedding.row(x)?;
        for (v, d_logit) in d_logits.into_iter().enumerate() {
            let dz = d_logit * scale;
            d_bias[v] += dz;
            let w_row = weight.row(v)?;
            for k in 0..dim {
                d_weight[v * dim + k] += dz * h[k];
                d_embedding[x * dim + k] += dz * w_row[k];
            }
        }
    }

    let mut flat = d_embedding;
    flat.extend(d_weight);
    flat.extend(d_bias);
    Ok(ParameterGradient(flat))
}

/// One step of full-batch gradient descent, `θ ← θ − η·∇L(θ)`, as an arrow
/// `Parameters → Parameters` (and therefore an endomorphism).
#[derive(Debug, Clone, PartialEq)]
pub struct TrainStep {
    data: TrainingSet,
    learning_rate: LearningRate,
}

impl TrainStep {
    /// A step that descends the mean loss over `data` at `learning_rate`.
    pub fn new(data: TrainingSet, learning_rate: LearningRate) -> Self {
        Self {
            data,
            learning_rate,
        }
    }

    /// The examples the step learns from.
    pub fn data(&self) -> &TrainingSet {
        &self.data
    }

    /// The step size.
    pub fn learning_rate(&self) -> LearningRate {
        self.learning_rate
    }
}

impl Morphism<Parameters, Parameters> for TrainStep {
    fn name(&self) -> String {
        "train_step".to_string()
    }

    fn apply(&self, parameters: Parameters) -> MlResult<Parameters> {
        let gradient = loss_gradient(&parameters, &self.data)?;
        let lr = self.learning_rate.value();
        let updated: Vec<f32> = parameters
            .to_flat()
            .iter()
            .zip(gradient.values())
            .map(|(theta, g)| theta - lr * g)
            .collect();
        check_finite(&updated, "parameter after a training step")?;
        parameters.with_flat(&updated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calculus::{DifferenceStep, central_difference};
    use crate::category::{StepCount, apply_endomorphism_n_times};
    use crate::domain::{
        Matrix, ModelDimension, TokenId, TokenSequence, TrainingExample, Vector, VocabSize,
    };
    use crate::error::MlError;
    use crate::ml::next_token_examples;
    use crate::rng::Seed;

    /// vocab 2, dim 1: E = [[1], [2]], W = [[0.5], [−0.5]], b = [0, 0].
    fn hand_parameters() -> Parameters {
        Parameters::new(
            Matrix::new(vec![vec![1.0], vec![2.0]]).unwrap(),
            Matrix::new(vec![vec![0.5], vec![-0.5]]).unwrap(),
            Vector::new(vec![0.0, 0.0]).unwrap(),
        )
        .unwrap()
    }

    fn one_example() -> TrainingSet {
        TrainingSet::new(vec![TrainingExample::new(TokenId::new(0), TokenId::new(1))]).unwrap()
    }

    #[test]
    fn gradient_matches_the_hand_derivation() {
        // x = 0, y = 1: h = [1], z = [0.5, −0.5],
        // p = [e^0.5, e^−0.5] / (e^0.5 + e^−0.5) = [0.731059, 0.268941],
        // L = −ln 0.268941 = 1.313262.
        // ∂L/∂z = [0.731059, −0.731059] = ∂L/∂b
        // ∂L/∂W = ∂L/∂z · h = [[0.731059], [−0.731059]]
        // ∂L/∂E[0] = 0.5·0.731059 + (−0.5)(−0.731059) = 0.731059; ∂L/∂E[1] = 0
        let params = hand_parameters();
        let loss = mean_loss(&params, &one_example()).unwrap();
        assert!((loss.value() - 1.313_262).abs() < 1e-5);
        let g = loss_gradient(&params, &one_example()).unwrap();
        let expected = [
            0.731_059, 0.0, // embedding
            0.731_059, -0.731_059, // output weight
            0.731_059, -0.731_059, // bias
        ];
        for (got, want) in g.values().iter().zip(expected) {
            assert!((got - want).abs() < 1e-5, "got {got}, want {want}");
        }
    }

    #[test]
    fn a_target_outside_the_vocabulary_is_named() {
        let data =
            TrainingSet::new(vec![TrainingExample::new(TokenId::new(0), TokenId::new(5))]).unwrap();
        assert_eq!(
            loss_gradient(&hand_parameters(), &data),
            Err(MlError::OutOfRange {
                kind: "token",
                index: 5,
                limit: 2
            })
        );
    }

    #[test]
    fn gradient_agrees_with_central_differences() {
        let params = Parameters::seeded(
            VocabSize::new(4).unwrap(),
            ModelDimension::new(3).unwrap(),
            Seed::new(11),
        );
        let data = next_token_examples(&TokenSequence::from_indices(&[0, 1, 2, 3, 1, 0]).unwrap())
            .unwrap();
        let analytic = loss_gradient(&params, &data).unwrap();
        let flat = params.to_flat();
        let step = DifferenceStep::new(1e-2).unwrap();
        for (i, &weight) in flat.iter().enumerate() {
            // The mean loss as a function of weight i alone.
            let loss_at = |w: f32| {
                let mut moved = flat.clone();
                moved[i] = w;
                params
                    .with_flat(&moved)
                    .and_then(|p| mean_loss(&p, &data))
                    .map_or(f32::NAN, Loss::value)
            };
            let numeric = central_difference(loss_at, weight, step).unwrap();
            let got = analytic.values()[i];
            assert!(
                (numeric - got).abs() < 1e-3,
                "parameter {i}: analytic {got}, central difference {numeric}"
            );
        }
    }

    #[test]
    fn one_step_moves_against_the_gradient() {
        let step = TrainStep::new(one_example(), LearningRate::new(0.1).unwrap());
        let after = step.apply(hand_parameters()).unwrap();
        // W[1] = −0.5 − 0.1·(−0.731059) = −0.426894; b[1] = 0.073106
        assert!((after.output_weight().get(1, 0).unwrap() + 0.426_894).abs() < 1e-5);
        assert!((after.output_bias().values()[1] - 0.073_106).abs() < 1e-5);
        let before = mean_loss(&hand_parameters(), &one_example()).unwrap();
        let later = mean_loss(&after, &one_example()).unwrap();
        assert!(
            later < before,
            "loss {later:?} should fall below {before:?}"
        );
    }

    #[test]
    fn repeated_steps_learn_a_repeating_sequence() {
        let data = next_token_examples(
            &TokenSequence::from_indices(&[0, 1, 2, 0, 1, 2, 0, 1, 2, 0]).unwrap(),
        )
        .unwrap();
        let vocab = VocabSize::new(3).unwrap();
        let start = Parameters::seeded(vocab, ModelDimension::new(4).unwrap(), Seed::new(5));
        let step = TrainStep::new(data.clone(), LearningRate::new(0.5).unwrap());
        let before = mean_loss(&start, &data).unwrap().value();
        let trained = apply_endomorphism_n_times(&step, start, StepCount::new(200)).unwrap();
        let after = mean_loss(&trained, &data).unwrap().value();
        // ln 3 = 1.0986 is the loss of a uniform guess; the sequence is
        // deterministic, so a trained model should be far below it.
        assert!(after < 0.1, "loss went from {before} to {after}");
        let model = tiny_model(&trained).unwrap();
        for (x, y) in [(0, 1), (1, 2), (2, 0)] {
            assert_eq!(
                model.apply(TokenId::new(x)).unwrap().argmax(),
                TokenId::new(y)
            );
        }
    }
}
