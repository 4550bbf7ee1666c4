//! Paper-to-Rust: scaled dot-product attention (Vaswani et al., 2017,
//! arXiv:1706.03762).
//!
//! One claim, compiled: `Attention(Q, K, V) = softmax(QKᵀ/√d_k)·V`. The
//! scores are query rows × key columns divided by `√d_k` ([`ScaledScores`]),
//! and only a [`ScoreGrid`] with queries on its rows becomes scores;
//! each row of weights is a distribution over the keys a query may see; the
//! output mixes one value row per key ([`ScaledDotProductAttention`]). The
//! roles (queries, keys, values) and the weights are `typed_ai` nouns.

mod attention;
mod grid;
mod inputs;
mod scores;

pub use attention::ScaledDotProductAttention;
pub use grid::{Role, ScoreGrid};
pub use inputs::AttentionInputs;
pub use scores::ScaledScores;
