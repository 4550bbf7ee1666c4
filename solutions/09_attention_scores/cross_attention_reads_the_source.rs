// Chapter 9.4: cross-attention reads two sequences
//
// In self-attention one hidden sequence plays all three roles: each position
// asks (query), offers itself to be matched (key) and hands over its content
// (value). A translation model's decoder also attends to the sentence it is
// translating, and there the roles split. In cross-attention the queries
// come from the decoder's positions (the words written so far) and the keys
// and values from the encoder's (the source sentence): each word being
// written asks which source words matter to it. The score matrix is then
// (decoder length) × (source length).
//
// Both sequences are `HiddenSequence`s, so the types cannot say which one a
// projection should read; the shapes and the numbers can. The projections
// borrow what they read (`project(&hidden)`), so the same sequence can feed
// several of them without being copied.
//
// `cross_attention_scores` reads one role from the wrong sequence. Fix it so
// the tests pass. The tests at the bottom are the definition of done: read
// them, do not edit them.

use typed_ai::{
    AttentionScores, HiddenSequence, KeyProjection, Matrix, MlResult, Morphism, Product,
    QueryProjection, ScaledDotProductScores,
};

/// One head's query and key projections.
struct Head {
    query: QueryProjection,
    key: KeyProjection,
}

/// W_Q = identity; W_K = [[1, 0], [0, 2]], which doubles feature 1.
fn head() -> MlResult<Head> {
    Ok(Head {
        query: QueryProjection::new(Matrix::new(vec![vec![1.0, 0.0], vec![0.0, 1.0]])?),
        key: KeyProjection::new(Matrix::new(vec![vec![1.0, 0.0], vec![0.0, 2.0]])?),
    })
}

/// How much each decoder position (row) cares about each source position
/// (column).
fn cross_attention_scores(
    decoder: &HiddenSequence,
    encoder: &HiddenSequence,
    head: &Head,
) -> MlResult<AttentionScores> {
    let queries = head.query.project(decoder)?;
    // The source sentence offers itself to be matched: keys (and values) come
    // from the encoder, queries from the decoder.
    let keys = head.key.project(encoder)?;
    ScaledDotProductScores.apply(Product::new(queries, keys))
}

/// Two words written so far.
fn decoder() -> MlResult<HiddenSequence> {
    HiddenSequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0]])
}

/// A source sentence of three words.
fn encoder() -> MlResult<HiddenSequence> {
    HiddenSequence::new(vec![vec![1.0, 1.0], vec![2.0, 0.0], vec![0.0, 3.0]])
}

fn main() -> MlResult<()> {
    let scores = cross_attention_scores(&decoder()?, &encoder()?, &head()?)?;
    println!(
        "{} decoder positions x {} source positions:",
        scores.query_len(),
        scores.key_len()
    );
    for (position, row) in scores.rows().enumerate() {
        println!("  decoder word {position}: {row:?}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scores() -> AttentionScores {
        cross_attention_scores(&decoder().unwrap(), &encoder().unwrap(), &head().unwrap()).unwrap()
    }

    #[test]
    fn one_row_per_decoder_word_one_column_per_source_word() {
        let scores = scores();
        let shape = (scores.query_len(), scores.key_len());
        assert_eq!(
            shape,
            (2, 3),
            "2 decoder words asking about 3 source words give 2 x 3 scores, got {} x {}",
            shape.0,
            shape.1
        );
    }

    #[test]
    fn scores_by_hand() {
        // Queries = decoder · I: [1, 0], [0, 1].
        // Keys = encoder · W_K: [1, 1] → [1, 2], [2, 0] → [2, 0], [0, 3] → [0, 6].
        // Dots: [1, 2, 0] and [2, 0, 6]; over √2: [0.7071, 1.4142, 0] and
        // [1.4142, 0, 4.2426].
        let r = 1.0 / 2f32.sqrt();
        let expected = [[r, 2.0 * r, 0.0], [2.0 * r, 0.0, 6.0 * r]];
        let scores = scores();
        for (query, row) in expected.iter().enumerate() {
            for (key, &want) in row.iter().enumerate() {
                let got = scores.get(query, key);
                assert!(
                    got.is_some_and(|got| (got - want).abs() < 1e-4),
                    "score of decoder word {query} against source word {key} is {got:?}, \
                     expected {want:.4}"
                );
            }
        }
    }

    #[test]
    fn a_sequence_attending_to_itself_is_self_attention() {
        // With the same sequence on both sides, cross-attention is
        // self-attention: queries and keys both from it.
        let (source, head) = (encoder().unwrap(), head().unwrap());
        let ours = cross_attention_scores(&source, &source, &head).unwrap();
        let queries = head.query.project(&source).unwrap();
        let keys = head.key.project(&source).unwrap();
        let library = ScaledDotProductScores
            .apply(Product::new(queries, keys))
            .unwrap();
        assert_eq!(ours.to_rows(), library.to_rows());
    }
}

// Wrong fixes this file's tests reject:
// - reading the queries from the encoder as well: every source word asks
//   about every source word, 3 x 3, so
//   `one_row_per_decoder_word_one_column_per_source_word` fails.
// - swapping the two sources (queries from the encoder, keys from the
//   decoder): 3 x 2, the transpose of what the decoder needs; the shape test
//   fails, and `scores_by_hand` finds no third column.
