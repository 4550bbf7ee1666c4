// Scale by the square root of d_k.
//
// A dot product of two d_k-wide vectors adds up d_k products. If each feature
// is roughly unit-sized and independent, the sum's variance grows like d_k,
// so its typical size grows like √d_k. Wide heads would then produce huge
// scores, and the softmax of huge scores is nearly one-hot: almost all
// attention on one key, and almost no gradient for the others. Dividing by
// √d_k (the query and key width) keeps scores at the same scale for any head
// width. Dividing by d_k itself over-corrects: scores shrink as heads widen.
//
// `OurScaledScores` is our own version of the library's
// `ScaledDotProductScores`. Fix it so the tests pass. The tests at the bottom
// are the definition of done: read them, do not edit them.

use typed_ai::{AttentionScores, KeySequence, MlResult, Morphism, Product, QuerySequence};

/// `QuerySequence × KeySequence → AttentionScores`: dot products over the
/// scale that keeps their size independent of the head width.
struct OurScaledScores;

impl Morphism<Product<QuerySequence, KeySequence>, AttentionScores> for OurScaledScores {
    fn name(&self) -> String {
        "our_scaled_scores".to_string()
    }

    fn apply(&self, input: Product<QuerySequence, KeySequence>) -> MlResult<AttentionScores> {
        let (queries, keys) = input.into_parts();
        let head_dim = queries.width();
        // √d_k: the typical size of a sum of d_k unit-sized products, so the
        // scaled scores stay about unit-sized whatever the head width.
        let scale = (head_dim as f32).sqrt();
        let rows = queries
            .rows()
            .map(|query| {
                keys.rows()
                    .map(|key| query.iter().zip(key).map(|(q, k)| q * k).sum::<f32>() / scale)
                    .collect()
            })
            .collect();
        AttentionScores::new(rows)
    }
}

fn main() -> MlResult<()> {
    let queries = QuerySequence::new(vec![vec![1.0, 0.0]])?;
    let keys = KeySequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]])?;
    let scores = OurScaledScores.apply(Product::new(queries, keys))?;
    println!(
        "scores of [1, 0] against three keys: {:?}",
        scores.to_rows()[0]
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(query: Vec<f32>, key: Vec<f32>) -> f32 {
        let queries = QuerySequence::new(vec![query]).unwrap();
        let keys = KeySequence::new(vec![key]).unwrap();
        let scores = OurScaledScores.apply(Product::new(queries, keys)).unwrap();
        scores.get(0, 0).unwrap()
    }

    #[test]
    fn card_example_divides_by_root_two() {
        // [1, 0] · [1, 0] = 1 and d_k = 2: 1 / √2 = 0.7071 (1 / 2 would be 0.5).
        let got = score(vec![1.0, 0.0], vec![1.0, 0.0]);
        let want = 1.0 / 2f32.sqrt();
        assert!(
            (got - want).abs() < 1e-4,
            "score is {got}; the dot product 1 divided by √d_k = √2 is {want}"
        );
    }

    #[test]
    fn width_four_all_ones() {
        // [1, 1, 1, 1] · [1, 1, 1, 1] = 4 and √4 = 2, so the score is 2.
        let got = score(vec![1.0; 4], vec![1.0; 4]);
        assert!(
            (got - 2.0).abs() < 1e-5,
            "score is {got}; the dot product 4 divided by √d_k = √4 is 2"
        );
    }

    #[test]
    fn all_ones_of_width_d_score_root_d() {
        // All-ones query and key of width d: dot product d, scaled score
        // d / √d = √d. Dividing by d instead would flatten every width to 1.
        for width in [1usize, 4, 9, 16] {
            let got = score(vec![1.0; width], vec![1.0; width]);
            let want = (width as f32).sqrt();
            assert!(
                (got - want).abs() < 1e-4,
                "width {width}: score is {got}, expected √{width} = {want}"
            );
        }
    }
}
