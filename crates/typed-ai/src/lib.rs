//! # typed-ai: a tiny machine-learning library where the types carry the maths
//!
//! Every noun of a small language model is its own validated type, and every
//! step between them is a typed arrow. A value that exists is a valid value;
//! a pipeline whose pieces do not fit does not compile.
//!
//! | module | what it owns |
//! |---|---|
//! | [`error`] | [`MlError`], the one exhaustive error enum, and [`MlResult`] |
//! | [`domain`] | the nouns: [`TokenId`], [`TokenSequence`], [`Vector`], [`Logits`], [`Distribution`], [`Loss`], [`LearningRate`], [`Product`], [`Matrix`], [`TrainingSet`], [`Parameters`] |
//! | [`category`] | the arrows: [`Morphism`], [`Identity`], [`Compose`], [`Endomorphism`], [`StepCount`] |
//! | [`rng`] | [`Seed`] and [`SeededRng`], reproducible randomness without dependencies |
//! | [`ml`] | the tiny pipeline: tokenising, next-token windows, embedding, logits, softmax, cross-entropy |
//! | [`training`] | one gradient step as an endomorphism `Parameters → Parameters` |
//! | [`structure`] | functors, natural transformations and monoids, with their laws |
//! | [`calculus`] | local gradients, the chain rule, and a central-difference checker |
//! | [`attention`] | typed attention: query/key/value roles, scaled scores, masks, row softmax, value mixing, multi-head, residual, layer norm, feed-forward, positions |
//! | [`transformer`] | a one-block transformer: parameters, forward pass, backward pass, and training state → state steps (gradient descent, AdamW) |
//! | [`optim`] | SGD, momentum, Adam and AdamW, each as state → state |
//! | [`sketches`] | small applied category-theory models: orders, Galois pairs, schemas, signal matrices |
//!
//! Runnable tours, each printing the objects it teaches:
//!
//! ```text
//! cargo run -p typed-ai --bin category_ml                    # Text → … → updated Parameters, stage by stage
//! cargo run -p typed-ai --example 01_token_sequence
//! cargo run -p typed-ai --example 02_morphism_composition
//! cargo run -p typed-ai --example 03_training_endomorphism
//! cargo run -p typed-ai --example 04_structure_and_calculus
//! cargo run -p typed-ai --example 05_seven_sketches
//! cargo run -p typed-ai --example 06_attention_scores
//! cargo run -p typed-ai --example 07_transformer_training_state
//! cargo run -p typed-ai --example adam
//! ```
//!
//! Every number the library computes is pinned by a test against a value
//! worked by hand or against central finite differences.
//!
//! ```
//! use typed_ai::{Distribution, Logits, Morphism, Softmax};
//! let probabilities: Distribution = Softmax.apply(Logits::new(vec![0.0, 0.0])?)?;
//! assert_eq!(probabilities.probabilities(), &[0.5, 0.5]);
//! # Ok::<(), typed_ai::MlError>(())
//! ```

pub mod attention;
pub mod calculus;
pub mod category;
pub mod domain;
pub mod error;
pub mod ml;
pub mod optim;
pub mod rng;
pub mod sketches;
pub mod structure;
pub mod training;
pub mod transformer;

pub use category::{
    Compose, Endomorphism, Identity, Morphism, Repeat, StepCount, apply_endomorphism_n_times,
};
pub use domain::{
    Distribution, LearningRate, Logits, Loss, Matrix, ModelDimension, PROBABILITY_TOLERANCE,
    Parameters, Product, TokenId, TokenSequence, TrainingExample, TrainingSet, Vector, VocabSize,
};
pub use error::{MlError, MlResult};
pub use rng::{Seed, SeededRng};

pub use ml::{
    CrossEntropy, Embedding, LinearToLogits, NextTokenWindows, Softmax, Text, TinyModel, Tokenizer,
    next_token_examples, stable_softmax, tiny_model,
};

pub use training::{ParameterGradient, TrainStep, loss_gradient, mean_loss};

pub use structure::{
    Batch, BatchFunctor, FirstElement, ForgetNonEmpty, Functor, LabelledDistribution, LawViolation,
    LossSum, LossTotal, MaxScore, Monoid, NaturalTransformation, OptionFunctor, PipelineTrace,
    Traced, VecFunctor, check_functor_composition, check_functor_identity,
    check_monoid_associativity, check_monoid_identity, check_naturality, fold_all,
};

pub use calculus::{
    AddOp, Affine, BinaryOp, DifferenceStep, Differentiable, Exp, GradientCheck, GradientTolerance,
    LocalGradient, MulOp, Scalar, Sigmoid, Square, central_difference, check_binary_op,
    check_derivative, check_gradient, softmax_cross_entropy_gradient,
};

pub use attention::{
    AttentionMask, AttentionOutput, AttentionOutputProjection, AttentionScores, AttentionSoftmax,
    AttentionWeights, CausalSelfAttention, ConcatenateHeads, FeedForwardOutput, HiddenSequence,
    KeyProjection, KeySequence, LayerNormParameters, LayerNormalization, MaskKind,
    MaskedAttentionScores, MultiHeadOutput, MultiHeadSelfAttention, NormalizationEpsilon,
    PositionWiseFeedForward, ProjectedAttentionOutput, QueryProjection, QuerySequence,
    ResidualConnection, ScaledDotProductScores, SelfAttentionHead, SequenceLength,
    SinusoidalPositionalEncoding, ValueProjection, ValueSequence, WeightedValueMixing,
};

pub use transformer::{
    NamedTensor, TensorShape, TokenAndPositionEmbedding, TransformerAdamWState,
    TransformerAdamWStep, TransformerBlock, TransformerConfig, TransformerGradients,
    TransformerParameters, TransformerParts, TransformerTrainStep, TransformerTrainingState,
    TypedTransformer, VocabularyProjection,
};

pub use optim::{
    AdamConfig, AdamState, AdamStep, AdamStepCount, AdamWStep, FirstMoment, Gradient,
    MomentumCoefficient, MomentumState, MomentumStep, ParameterVector, SecondMoment, SgdStep,
    Velocity, WeightDecay,
};

pub use sketches::{
    BatchCount, DatabaseInstance, Department, DepartmentId, Employee, ExampleCount,
    GaloisConnection, InformationLevel, MiniBatching, SignalMatrix, galois_counterexample,
};
