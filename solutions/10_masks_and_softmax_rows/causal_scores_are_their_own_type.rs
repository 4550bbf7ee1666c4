// Chapter 10.4: a decoder's softmax takes only causally masked scores
//
// In a decoder, every score matrix must go through the causal mask before
// its softmax. Forget it in one code path and nothing crashes: training
// even looks better, because each position can now read the very token it
// is meant to predict, and the loss falls fast. The model then fails when it
// generates text, where the future is not there to read. The library's
// `AttentionSoftmax` takes scores with or without a mask, so it cannot
// catch the forgotten step; a type can.
//
// Below, `CausalScores` looks like a type of its own, but it is a type
// alias: another name for `AttentionScores`, accepted wherever those are. So
// `causal_weights` takes any scores, and `decoder_weights` hands it scores
// that never met the mask. It compiles, and the test catches the peeking.
//
// This is a design exercise: fix it in two moves.
//   1. Make `CausalScores` a new type (a struct wrapping the masked
//      `AttentionScores`) that only `mask_causally` builds, and let
//      `causal_weights` take only that type. rustc then points at the
//      forgotten mask.
//   2. Put the mask where rustc points.
// Adding the mask alone makes the tests pass but leaves the door open: the
// course also requires that raw scores can no longer reach the causal
// softmax,
//     let _ = causal_weights(AttentionScores::new(vec![vec![0.0, 1.0], vec![2.0, 3.0]])?);
// and once the runner checks that, a file that only added the call does not
// pass. Done when the tests pass and the line above is a type error.

use typed_ai::{
    AttentionMask, AttentionScores, AttentionSoftmax, AttentionWeights, MaskedAttentionScores,
    MlResult, Morphism, Product, SequenceLength,
};

/// Scores that have been through the causal mask. The field is private to
/// this file's functions by convention; in a library, a module with a
/// private field would make `mask_causally` the only way to build one.
struct CausalScores(AttentionScores);

/// Puts the causal mask on `scores`: query i may see keys 0..=i. The only
/// place a `CausalScores` is made.
fn mask_causally(scores: AttentionScores) -> MlResult<CausalScores> {
    let mask = AttentionMask::causal(SequenceLength::new(scores.query_len())?);
    let masked = MaskedAttentionScores.apply(Product::new(scores, mask))?;
    Ok(CausalScores(masked))
}

/// The decoder's softmax: each query's weights over the keys it may see.
/// Raw scores do not fit its argument.
fn causal_weights(scores: CausalScores) -> MlResult<AttentionWeights> {
    AttentionSoftmax.apply(scores.0)
}

/// The attention weights of one decoder head, from its raw scores.
fn decoder_weights(scores: AttentionScores) -> MlResult<AttentionWeights> {
    causal_weights(mask_causally(scores)?)
}

/// Three positions; the later keys score high, so peeking would pay.
fn raw_scores() -> MlResult<AttentionScores> {
    AttentionScores::new(vec![
        vec![0.0, 5.0, 5.0],
        vec![3f32.ln(), 0.0, 9.0],
        vec![0.0, 0.0, 0.0],
    ])
}

fn main() -> MlResult<()> {
    let weights = decoder_weights(raw_scores()?)?;
    for (query, row) in weights.to_rows().iter().enumerate() {
        println!("query {query}: {row:?}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_query_sees_the_future() {
        let weights = decoder_weights(raw_scores().unwrap()).unwrap();
        for query in 0..3 {
            for key in query + 1..3 {
                let w = weights.get(query, key).unwrap();
                assert!(
                    w == 0.0,
                    "query {query} gives weight {w:.3} to key {key}, a later position: the \
                     decoder's scores reached the softmax without the causal mask"
                );
            }
        }
    }

    #[test]
    fn weights_by_hand() {
        // Query 0 sees key 0 only: [1, 0, 0]. Query 1 sees keys 0 and 1,
        // scored ln 3 and 0: e^ln3 = 3 against e^0 = 1, so [3/4, 1/4, 0].
        // Query 2 sees three zeros: 1/3 each.
        let weights = decoder_weights(raw_scores().unwrap()).unwrap();
        let third = 1.0 / 3.0;
        let expected = [[1.0, 0.0, 0.0], [0.75, 0.25, 0.0], [third, third, third]];
        for (query, (row, want)) in weights.to_rows().iter().zip(expected).enumerate() {
            let close = row.iter().zip(want).all(|(g, w)| (g - w).abs() < 1e-6);
            assert!(
                close,
                "query {query} weights are {row:?}, expected {want:?}"
            );
        }
    }

    #[test]
    fn masking_then_the_softmax_is_the_decoder() {
        let by_parts = causal_weights(mask_causally(raw_scores().unwrap()).unwrap()).unwrap();
        let decoder = decoder_weights(raw_scores().unwrap()).unwrap();
        assert_eq!(decoder, by_parts);
    }
}

// Wrong fixes this file's tests reject, or its obligation does:
// - adding `mask_causally` to `decoder_weights` and keeping the alias: the
//   tests pass, but raw scores still reach `causal_weights`, so the next
//   forgotten mask compiles; the `must_not_compile` row
//   `raw_scores_are_not_causal` fails.
// - making `CausalScores` a struct but building it in `decoder_weights` as
//   `CausalScores(scores)`, without the mask: it compiles, the type now
//   lies, and `no_query_sees_the_future` fails.
