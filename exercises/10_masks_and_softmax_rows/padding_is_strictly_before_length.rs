// Padding is strictly before the length.
//
// To process sentences of different lengths together, the short ones are
// padded with a filler token up to a common length. "the cat sat" padded to
// 4 becomes "the cat sat <pad>": valid length 3, total length 4. The filler
// carries no meaning, so no query may attend to it.
//
// Lengths count from 1, positions from 0: a valid length of 3 means the real
// tokens sit at positions 0, 1 and 2, and position 3 is the first filler.
//
// `is_real_token` decides which key positions are real. Fix it so the tests
// pass. The tests at the bottom are the definition of done: read them, do not
// edit them.

use typed_ai::{
    AttentionMask, AttentionScores, AttentionSoftmax, AttentionWeights, MaskedAttentionScores,
    MlResult, Morphism, Product, SequenceLength,
};

/// Whether the token at `position` is real, in a sequence whose first
/// `valid_len` tokens are real and the rest are padding.
fn is_real_token(position: usize, valid_len: SequenceLength) -> bool {
    // TODO: check this boundary against "the cat sat <pad>".
    position <= valid_len.get()
}

/// Every query may attend to the real keys only.
fn padding_mask(len: SequenceLength, valid_len: SequenceLength) -> MlResult<AttentionMask> {
    let n = len.get();
    let row: Vec<bool> = (0..n).map(|key| is_real_token(key, valid_len)).collect();
    AttentionMask::new(vec![row; n])
}

/// Equal scores, masked, then normalised: each query spreads its attention
/// evenly over the keys it may see.
fn even_weights(len: SequenceLength, valid_len: SequenceLength) -> MlResult<AttentionWeights> {
    let n = len.get();
    let scores = AttentionScores::new(vec![vec![0.0; n]; n])?;
    let mask = padding_mask(len, valid_len)?;
    AttentionSoftmax.apply(MaskedAttentionScores.apply(Product::new(scores, mask))?)
}

fn main() -> MlResult<()> {
    let weights = even_weights(SequenceLength::new(4)?, SequenceLength::new(3)?)?;
    println!("\"the cat sat <pad>\": attention of each query over the 4 keys");
    for (query, row) in weights.to_rows().iter().enumerate() {
        println!("  query {query}: {row:?}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn the_cat_sat_pad() -> AttentionWeights {
        even_weights(
            SequenceLength::new(4).unwrap(),
            SequenceLength::new(3).unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn the_pad_key_gets_no_attention() {
        let weights = the_cat_sat_pad();
        for query in 0..4 {
            let w = weights.get(query, 3).unwrap();
            assert!(
                w == 0.0,
                "query {query} gives weight {w:.2} to key 3, the <pad> token; \
                 padding must receive no attention"
            );
        }
    }

    #[test]
    fn the_three_real_tokens_share_the_attention() {
        let weights = the_cat_sat_pad();
        for query in 0..4 {
            for key in 0..3 {
                let w = weights.get(query, key).unwrap();
                assert!(
                    (w - 1.0 / 3.0).abs() < 1e-5,
                    "query {query} gives weight {w:.4} to real key {key}, expected 1/3"
                );
            }
        }
    }

    #[test]
    fn a_sequence_without_padding_is_fully_visible() {
        // Valid length = length: every key is real.
        let weights = even_weights(
            SequenceLength::new(2).unwrap(),
            SequenceLength::new(2).unwrap(),
        )
        .unwrap();
        assert_eq!(weights.to_rows(), vec![vec![0.5, 0.5], vec![0.5, 0.5]]);
    }
}
