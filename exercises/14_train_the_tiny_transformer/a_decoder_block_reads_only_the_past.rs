// Chapter 14.1: a decoder block reads only the past
//
// This chapter assembles the library's one-block transformer and trains it.
// The model reads n tokens and, at every position i, scores the token that
// comes next, token i + 1. Training asks all n positions at once, on a
// sequence whose tokens are all known. If position i could attend to
// position i + 1, it would read the answer instead of predicting it: the
// training loss would fall toward zero while the model learned nothing it
// can use to write text, where token i + 1 does not exist yet. So the
// block's self-attention is causal: query i sees keys 0..=i only, and
// nothing a later token does can reach an earlier position.
//
// `block` builds the transformer block from the fourteen named tensors of
// `TransformerParameters`: the query, key and value weights are cut into one
// column block per head, then come the attention's output projection, the
// layer norm and the feed-forward network. `TransformerBlock::new` checks
// the attention it is given, and it refuses this one. Run the file, read the
// error `main` returns, and fix the marked line. Done means `main` runs to
// the end: it checks that your block computes what the library's block
// computes, and that changing the last token changes no earlier position.

use typed_ai::{
    AttentionOutputProjection, HiddenSequence, KeyProjection, LayerNormParameters,
    LayerNormalization, MaskKind, Matrix, MlResult, ModelDimension, Morphism,
    MultiHeadSelfAttention, NormalizationEpsilon, PositionWiseFeedForward, QueryProjection, Seed,
    SelfAttentionHead, TokenSequence, TransformerBlock, TransformerConfig, TransformerParameters,
    ValueProjection, VocabSize,
};

/// Columns `head * width .. (head + 1) * width` of `weight`: one head's share
/// of a weight that holds every head side by side.
fn head_columns(weight: &Matrix, head: usize, width: usize) -> MlResult<Matrix> {
    Matrix::new(
        weight
            .row_iter()
            .map(|row| row[head * width..(head + 1) * width].to_vec())
            .collect(),
    )
}

/// The transformer block these parameters define: causal multi-head
/// self-attention, output projection, residual, layer norm, feed-forward,
/// residual.
fn block(parameters: &TransformerParameters) -> MlResult<TransformerBlock> {
    let parts = parameters.parts();
    let d_k = parameters.config().head_dimension();
    let heads = (0..parameters.config().heads())
        .map(|h| {
            SelfAttentionHead::new(
                QueryProjection::new(head_columns(&parts.query_weight, h, d_k)?),
                KeyProjection::new(head_columns(&parts.key_weight, h, d_k)?),
                ValueProjection::new(head_columns(&parts.value_weight, h, d_k)?),
            )
        })
        .collect::<MlResult<Vec<_>>>()?;
    // TODO: which keys may the query at position i look at?
    let attention = MultiHeadSelfAttention::new(heads, MaskKind::Full)?;
    let norm = LayerNormParameters::new(
        parts.norm_gain.clone(),
        parts.norm_bias.clone(),
        NormalizationEpsilon::default(),
    )?;
    let feed_forward = PositionWiseFeedForward::new(
        parts.feed_forward_in_weight.clone(),
        parts.feed_forward_in_bias.clone(),
        parts.feed_forward_out_weight.clone(),
        parts.feed_forward_out_bias.clone(),
    )?;
    TransformerBlock::new(
        attention,
        AttentionOutputProjection::new(parts.attention_output_weight.clone()),
        LayerNormalization::new(norm),
        feed_forward,
    )
}

/// The hidden rows the block reads for `tokens`: each token's embedding
/// plus the embedding of its position.
fn embedded(parameters: &TransformerParameters, tokens: &[usize]) -> MlResult<HiddenSequence> {
    parameters
        .embedding()?
        .apply(TokenSequence::from_indices(tokens)?)
}

fn main() -> MlResult<()> {
    // 6 tokens, width 8 split over 2 heads, feed-forward width 16, 4 positions.
    let config = TransformerConfig::new(VocabSize::new(6)?, ModelDimension::new(8)?, 2, 16, 4)?;
    let parameters = TransformerParameters::seeded(config, Seed::new(7));
    let block = block(&parameters)?;
    println!(
        "{}: {} heads",
        block.name(),
        block.attention().heads().len()
    );

    let original = block.apply(embedded(&parameters, &[1, 4, 2, 3])?)?;
    let reference = parameters
        .block()?
        .apply(embedded(&parameters, &[1, 4, 2, 3])?)?;
    assert_eq!(
        original, reference,
        "your block and the library's compute different rows from the same input"
    );

    // Change only the last token, 3 -> 0.
    let changed = block.apply(embedded(&parameters, &[1, 4, 2, 0])?)?;
    for position in 0..4 {
        let same = original.row(position)? == changed.row(position)?;
        println!(
            "position {position}: {}",
            if same { "unchanged" } else { "changed" }
        );
        if position < 3 {
            assert!(
                same,
                "position {position} changed when only the token at position 3 did: it can \
                 see the future"
            );
        }
    }
    Ok(())
}
