//! A tiny decoder-only transformer with one block: its weights, its forward
//! pass, a hand-written backward pass, and training as an endomorphism on a
//! training state.
//!
//! ## The pieces
//!
//! - **Sizes and weights.** [`TransformerConfig`] fixes the vocabulary `V`,
//!   the model width `d`, the number of heads, the feed-forward width `m` and
//!   the context length `T`. [`TransformerParameters`] holds the fourteen
//!   weight tensors ([`TransformerParts`]), each checked against the config,
//!   with a seeded initialiser and a flat view for optimizers.
//! - **Forward.** Token and learned position embeddings, causal multi-head
//!   self-attention, output projection, residual, layer norm, a ReLU
//!   feed-forward network, residual, and a projection to vocabulary logits.
//!   The layer norm sits after the attention residual (post-norm, as in the
//!   original Transformer) and is the block's only norm. Position `i`
//!   predicts token `i + 1` from positions `0..=i` only;
//!   [`TransformerParameters::loss`] is the mean next-token cross-entropy.
//! - **The same model as typed arrows.** [`TypedTransformer`] composes
//!   [`TokenAndPositionEmbedding`], [`TransformerBlock`] (assembled from the
//!   `attention` module's arrows) and [`VocabularyProjection`]. It computes
//!   the same logits as the matrix pass; a test holds the two equal, which is
//!   what ties the trained numbers to the course's types.
//! - **Backward.** [`TransformerParameters::loss_and_gradients`] walks the
//!   forward pass in reverse, one local rule per operation, and returns
//!   [`TransformerGradients`]. Every entry is checked against central
//!   differences.
//! - **Training.** [`TransformerTrainStep`] maps a
//!   [`TransformerTrainingState`] to the next one by gradient descent, so
//!   [`apply_endomorphism_n_times`](crate::apply_endomorphism_n_times) is the
//!   training loop. [`TransformerAdamWStep`] does the same with AdamW on a
//!   [`TransformerAdamWState`], which also carries Adam's two moments and
//!   step count, and decays only the tensors its mask names.
//!
//! ## Why the state, not the step, owns what changes
//!
//! An arrow is applied through `&self` and cannot change itself, so anything
//! that must be different at the next application has to travel in the
//! value being mapped. The training state therefore carries the parameters,
//! the learning rate and the step count; the step carries only the training
//! sequences, which every application shares. This is also what makes the
//! step an endomorphism: its output is a complete input for the next
//! application, nothing is hidden on the side, and a run can be paused,
//! inspected or replayed from any state.
//!
//! **One `Morphism` impl per arrow.** `TokenAndPositionEmbedding`,
//! `TransformerBlock`, `VocabularyProjection` and `TransformerTrainStep` each
//! implement `Morphism` for exactly one input and output, so rustc can name
//! the object an arrow expects when it is given the wrong one.
//!
//! Not here: the attention objects and arrows themselves (`attention`), the
//! vocabulary softmax and cross-entropy arrows (`ml`), and optimizers over
//! any flat parameter vector (`optim`, whose Adam update the AdamW step
//! here reuses).

mod adamw;
mod backward;
mod composition;
mod dense;
mod forward;
mod parameters;
mod training;

pub use adamw::{TransformerAdamWState, TransformerAdamWStep};
pub use backward::TransformerGradients;
pub use composition::{
    TokenAndPositionEmbedding, TransformerBlock, TypedTransformer, VocabularyProjection,
};
pub use parameters::{
    NamedTensor, TensorShape, TransformerConfig, TransformerParameters, TransformerParts,
};
pub use training::{TransformerTrainStep, TransformerTrainingState};
