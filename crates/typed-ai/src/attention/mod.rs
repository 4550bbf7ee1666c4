//! Typed attention: the objects of a transformer's attention sublayer and the
//! arrows between them, where the types carry the roles.
//!
//! ```text
//! HiddenSequence ─QueryProjection─▶ QuerySequence ┐
//!                ─KeyProjection──▶ KeySequence   ┴─ScaledDotProductScores─▶ AttentionScores
//! AttentionScores × AttentionMask ─MaskedAttentionScores─▶ AttentionScores (carrying the mask)
//! AttentionScores ─AttentionSoftmax─▶ AttentionWeights (one Distribution per query)
//! HiddenSequence ─ValueProjection─▶ ValueSequence
//! AttentionWeights × ValueSequence ─WeightedValueMixing─▶ AttentionOutput
//! ```
//!
//! Queries, keys and values share a storage shape (positions × width) but are
//! distinct types, so swapping two of them is a compile error rather than a
//! silently wrong number. Scores are query rows × key columns and divided by
//! `√d_k`; a mask travels with the scores into the softmax, which normalises
//! each row over the allowed keys only, so a blocked key's weight is exactly
//! 0 for any finite scores; every row of weights is a
//! [`Distribution`](crate::Distribution).
//!
//! **One `Morphism` impl per arrow.** `ScaledDotProductScores`,
//! `MaskedAttentionScores`, `AttentionSoftmax` and `WeightedValueMixing` each
//! implement `Morphism` for exactly one input and output. Exercises rely on
//! it: with one impl rustc infers the product the arrow expects and reports a
//! swapped or wrong argument as "expected `QuerySequence`, found
//! `KeySequence`" or "expected `ValueSequence`, found `KeySequence`". Adding a
//! second impl to any of them would turn those lessons into a vague "trait
//! bound not satisfied"; do not. `ResidualConnection` is the deliberate
//! exception: it has two impls, one per sublayer output
//! (`ProjectedAttentionOutput`, `FeedForwardOutput`), and exercise 11.4
//! relies on rustc listing exactly those two when given the unprojected
//! `MultiHeadOutput`.
//!
//! This module owns the attention objects and arrows only. Token embedding
//! and the softmax over a vocabulary are in `ml`; composing a whole
//! transformer block and training it is in `transformer`.

mod feed_forward;
mod heads;
mod layer_norm;
mod mask;
mod masking;
mod mixing;
mod positional;
mod projection;
mod residual;
mod scores;
mod sequence;
mod softmax;

pub use feed_forward::PositionWiseFeedForward;
pub use heads::{CausalSelfAttention, ConcatenateHeads, MultiHeadSelfAttention, SelfAttentionHead};
pub use layer_norm::{LayerNormParameters, LayerNormalization, NormalizationEpsilon};

pub use mask::{AttentionMask, MaskKind};
pub use masking::MaskedAttentionScores;
pub use mixing::WeightedValueMixing;
pub use positional::SinusoidalPositionalEncoding;
pub use projection::{AttentionOutputProjection, KeyProjection, QueryProjection, ValueProjection};
pub use residual::ResidualConnection;
pub use scores::{AttentionScores, ScaledDotProductScores};
pub use sequence::{
    AttentionOutput, FeedForwardOutput, HiddenSequence, KeySequence, MultiHeadOutput,
    ProjectedAttentionOutput, QuerySequence, SequenceLength, ValueSequence,
};
pub use softmax::{AttentionSoftmax, AttentionWeights};
