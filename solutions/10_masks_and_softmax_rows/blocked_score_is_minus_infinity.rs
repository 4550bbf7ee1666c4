// Chapter 10.5: a blocked score is minus infinity
//
// A mask blocks a key so that, after the softmax, the key's weight is exactly
// 0 and the allowed keys share the whole row. On paper the blocked score is
// −∞, the identity of `max` from chapter 7: it never wins the row's maximum,
// and e^(−∞ − max) = 0.
//
// A popular shortcut writes a large finite score such as −1e9 instead. It
// works while every real score is far above it, and breaks as soon as one is
// not: a query and a key of large norm pointing opposite ways score −4e9
// (−4e4 · 1e5), and then the blocked −1e9 is the largest score in the row and
// takes the weight. Whatever finite number you pick, some real score is lower
// still: `f32::MIN` (−3.4e38) is a score like any other.
//
// Scores of −4e9 are rare in f32; a practitioner meets the same guess going
// wrong in half precision. fp16 holds no number beyond ±65 504, so −1e9 cannot
// even be stored (PyTorch refuses to write it into an fp16 tensor, and a cast
// turns it into −∞ without the guarantee below), while a sentinel that fits,
// such as −1e4, is beaten by every score below it, a large share of what
// fp16 can hold. A finite sentinel is a guess about the range of the scores
// and of the number format; −∞ guesses nothing.
//
// −∞ is safe here, although −∞ − (−∞) is NaN: every row of a mask allows at
// least one key, so the row's maximum is always a finite, allowed score. The
// library goes one step further and writes no number into a blocked cell at
// all: masked `AttentionScores` carry their mask, and `AttentionSoftmax`
// leaves the blocked keys out of the maximum and the sum, as −∞ would.
//
// `query_weights` writes `BLOCKED_SCORE` into every blocked cell of one row,
// then takes the softmax. Fix the constant so the tests pass. The tests at
// the bottom are the definition of done: read them, do not edit them.

use typed_ai::{
    AttentionMask, AttentionScores, Distribution, MlResult, SequenceLength, stable_softmax,
};

/// The score written into blocked cells: −∞, the identity of `max`. It loses
/// to every finite score, and each row's maximum is a finite allowed score,
/// so e^(−∞ − max) is exactly 0 and no NaN can appear.
const BLOCKED_SCORE: f32 = f32::NEG_INFINITY;

/// The weights of `query`: its scores with `BLOCKED_SCORE` in every cell the
/// mask blocks, then the softmax of the whole row.
fn query_weights(
    scores: &AttentionScores,
    mask: &AttentionMask,
    query: usize,
) -> MlResult<Distribution> {
    let row: Vec<f32> = scores
        .row(query)?
        .iter()
        .enumerate()
        .map(|(key, &score)| {
            if mask.allows(query, key) {
                score
            } else {
                BLOCKED_SCORE
            }
        })
        .collect();
    stable_softmax(&row)
}

/// The causal weights of every query, one row at a time.
fn causal_weights(scores: &AttentionScores) -> MlResult<Vec<Vec<f32>>> {
    let mask = AttentionMask::causal(SequenceLength::new(scores.query_len())?);
    (0..scores.query_len())
        .map(|query| {
            Ok(query_weights(scores, &mask, query)?
                .probabilities()
                .to_vec())
        })
        .collect()
}

/// Three positions. Query 0's own key scores −4e9: a query of −4e4 against a
/// key of 1e5.
fn hand_picked_scores() -> MlResult<AttentionScores> {
    AttentionScores::new(vec![
        vec![-4e9, 5.0, 1.0],
        vec![3f32.ln(), 0.0, 7.0],
        vec![0.0, 0.0, 0.0],
    ])
}

fn main() -> MlResult<()> {
    for (query, row) in causal_weights(&hand_picked_scores()?)?.iter().enumerate() {
        println!("query {query}: {row:?}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::{AttentionSoftmax, MaskedAttentionScores, Morphism, Product};

    fn weights(scores: &AttentionScores) -> Vec<Vec<f32>> {
        causal_weights(scores).unwrap_or_else(|error| {
            panic!(
                "the weights could not be computed ({error:?}): a row holding +∞ or NaN \
                 has no softmax. A blocked score must LOSE to every real score"
            )
        })
    }

    /// Two positions whose allowed scores are the lowest `f32` there is.
    fn lowest_scores() -> AttentionScores {
        AttentionScores::new(vec![vec![f32::MIN, 0.0], vec![f32::MIN, f32::MIN]]).unwrap()
    }

    #[test]
    fn blocked_keys_get_no_weight() {
        let rows = weights(&hand_picked_scores().unwrap());
        for (query, row) in rows.iter().enumerate() {
            for (key, &w) in row.iter().enumerate().skip(query + 1) {
                assert!(
                    w == 0.0,
                    "query {query} gives weight {w:.2} to key {key}, which the causal mask \
                     blocks. The blocked score must lose to every allowed score, however \
                     low: query 0's own key scores −4e9"
                );
            }
        }
    }

    #[test]
    fn no_finite_score_is_low_enough() {
        // Query 0 may see key 0 only, whose score is f32::MIN: all its weight
        // is there. Query 1 sees two equal scores: 1/2 each.
        let rows = weights(&lowest_scores());
        assert_eq!(
            rows,
            vec![vec![1.0, 0.0], vec![0.5, 0.5]],
            "with an allowed score of f32::MIN, any finite blocked score ties or wins"
        );
    }

    #[test]
    fn allowed_keys_share_the_whole_row() {
        // Query 1 sees keys 0 and 1, scored ln 3 and 0: e^ln3 = 3 against
        // e^0 = 1, so [3/4, 1/4]; key 2's score 7 is blocked. Query 2 sees
        // three zeros: 1/3 each. Query 0 sees only itself.
        let rows = weights(&hand_picked_scores().unwrap());
        let third = 1.0 / 3.0;
        let expected = [[1.0, 0.0, 0.0], [0.75, 0.25, 0.0], [third, third, third]];
        for (query, (row, want)) in rows.iter().zip(expected).enumerate() {
            let close = row.iter().zip(want).all(|(g, w)| (g - w).abs() < 1e-6);
            assert!(
                close,
                "query {query} weights are {row:?}, expected {want:?}"
            );
        }
    }

    #[test]
    fn by_hand_equals_the_library() {
        // The library leaves blocked keys out of the softmax altogether; the
        // weights must be the same, bit for bit.
        for scores in [hand_picked_scores().unwrap(), lowest_scores()] {
            let mask = AttentionMask::causal(SequenceLength::new(scores.query_len()).unwrap());
            let masked = MaskedAttentionScores
                .apply(Product::new(scores.clone(), mask))
                .unwrap();
            let library = AttentionSoftmax.apply(masked).unwrap().to_rows();
            assert_eq!(weights(&scores), library);
        }
    }
}

// Wrong fixes this file's tests reject:
// - `f32::MIN`: it ties with an allowed score of `f32::MIN`, so the blocked
//   key takes half of query 0's row in `no_finite_score_is_low_enough`.
// - `f32::NAN`: NaN wins no comparison and loses none either, and a row
//   holding it has no softmax: every test fails on the error.
// - `f32::INFINITY`: the blocked key wins every row, and ∞ − ∞ is NaN.
