// A masked score is very negative.
//
// Masking works on the scores: a blocked cell gets a score so low that, after
// the softmax, its weight is zero. On paper that score is −∞ (the identity of
// `max` from chapter 7: it never wins, and e^−∞ = 0). In `f32`, −∞ breaks
// the arithmetic (−∞ − (−∞) is NaN), so attention scores must be finite and
// the library offers a large finite stand-in instead.
//
// A blocked score of 0 is not "no attention": 0 is an ordinary score, and
// when the real scores are negative it is even the largest one in the row.
//
// `mask_scores` writes `BLOCKED_SCORE` into every blocked cell. Fix the
// constant so the tests pass. The tests at the bottom are the definition of
// done: read them, do not edit them.

use typed_ai::{
    AttentionMask, AttentionScores, AttentionSoftmax, MASKED_SCORE, MlResult, Morphism,
    SequenceLength,
};

/// The score written into blocked cells. `MASKED_SCORE` is −1e9: finite,
/// and so far below any real score that e^(−1e9 − max) is exactly 0.
const BLOCKED_SCORE: f32 = MASKED_SCORE;

/// Replaces every blocked score with `BLOCKED_SCORE`.
fn mask_scores(scores: &AttentionScores, mask: &AttentionMask) -> MlResult<AttentionScores> {
    let rows = scores
        .rows()
        .enumerate()
        .map(|(query, row)| {
            row.iter()
                .enumerate()
                .map(|(key, &score)| {
                    if mask.allows(query, key) {
                        score
                    } else {
                        BLOCKED_SCORE
                    }
                })
                .collect()
        })
        .collect();
    AttentionScores::new(rows)
}

/// Causal weights for three positions with hand-picked scores.
fn causal_weights() -> MlResult<Vec<Vec<f32>>> {
    let scores = AttentionScores::new(vec![
        vec![1.0, 2.0, 3.0],
        vec![-3.0, -3.0, 5.0],
        vec![0.0, 0.0, 0.0],
    ])?;
    let mask = AttentionMask::causal(SequenceLength::new(3)?);
    let weights = AttentionSoftmax.apply(mask_scores(&scores, &mask)?)?;
    Ok(weights.to_rows())
}

fn main() -> MlResult<()> {
    for (query, row) in causal_weights()?.iter().enumerate() {
        println!("query {query}: {row:?}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weights() -> Vec<Vec<f32>> {
        causal_weights().unwrap_or_else(|error| {
            panic!(
                "masking failed with {error:?}; attention scores must stay finite, \
                 so a blocked score needs a large finite negative number, not −∞"
            )
        })
    }

    #[test]
    fn blocked_keys_get_no_weight() {
        let rows = weights();
        for (query, row) in rows.iter().enumerate() {
            for (key, &w) in row.iter().enumerate().skip(query + 1) {
                assert!(
                    w < 1e-6,
                    "query {query} gives weight {w:.4} to key {key}, which the causal mask \
                     blocks; a blocked score must be so low that its softmax weight is 0"
                );
            }
        }
    }

    #[test]
    fn allowed_keys_share_the_whole_row() {
        // Query 1 may see keys 0 and 1, whose scores tie at −3: [1/2, 1/2, 0].
        // Key 2's score 5 is blocked and must not matter.
        let rows = weights();
        let row = &rows[1];
        assert!(
            (row[0] - 0.5).abs() < 1e-5 && (row[1] - 0.5).abs() < 1e-5,
            "query 1 weights are {row:?}, expected [0.5, 0.5, 0.0]"
        );
    }

    #[test]
    fn the_first_query_sees_only_itself() {
        let rows = weights();
        assert!(
            (rows[0][0] - 1.0).abs() < 1e-6,
            "query 0 weights are {:?}, expected [1.0, 0.0, 0.0]",
            rows[0]
        );
    }
}
