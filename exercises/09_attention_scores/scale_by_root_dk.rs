// Chapter 9.1: scale by the square root of d_k
//
// A score is a dot product q · k = q_1·k_1 + ... + q_d·k_d over the d_k
// features a query shares with a key. Suppose those features are
// independent, with mean 0 and variance 1 (roughly what initialisation and
// layer norm aim for). Each product q_i·k_i then has mean 0 and variance 1,
// and the sum of d_k of them has variance d_k: its typical size is √d_k.
// Wide heads would produce large scores, and the softmax of large scores is
// nearly one-hot: almost all attention on one key, and almost no gradient
// for the others. Dividing by √d_k brings the variance back to 1 for every
// head width.
//
// `OurScaledScores` is our own version of the library's
// `ScaledDotProductScores`, and it divides by the wrong size. The name d_k is
// easy to misread: it is the *dimension* of a query and a key, the number of
// features a dot product adds up, whatever the number of keys.
//
// Fix it so the tests pass. The tests at the bottom are the definition of
// done: read them, do not edit them.

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
        // TODO: d_k counts what, exactly?
        let scale = (keys.len() as f32).sqrt();
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
    use typed_ai::{Seed, SeededRng};

    fn score(query: Vec<f32>, key: Vec<f32>) -> f32 {
        let queries = QuerySequence::new(vec![query]).unwrap();
        let keys = KeySequence::new(vec![key]).unwrap();
        let scores = OurScaledScores.apply(Product::new(queries, keys)).unwrap();
        scores.get(0, 0).unwrap()
    }

    #[test]
    fn card_example_divides_by_root_two() {
        // One query against three keys of width 2. Query [1, 0] · key [1, 0]
        // = 1, and d_k = 2: 1 / √2 = 0.7071 (over √3 it would be 0.5774).
        let queries = QuerySequence::new(vec![vec![1.0, 0.0]]).unwrap();
        let keys = KeySequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]]).unwrap();
        let scores = OurScaledScores.apply(Product::new(queries, keys)).unwrap();
        let got = scores.get(0, 0).unwrap();
        let want = 1.0 / 2f32.sqrt();
        assert!(
            (got - want).abs() < 1e-4,
            "score is {got}; the dot product 1 over √d_k = √2 (the width of a query \
             and a key, not the number of keys) is {want}"
        );
    }

    #[test]
    fn the_number_of_keys_does_not_change_a_score() {
        // The same query and key, alone or among four more keys: the pair's
        // score is [1, 1] · [2, 0] / √2 = 2 / √2 = 1.4142 both times.
        let queries = QuerySequence::new(vec![vec![1.0, 1.0]]).unwrap();
        let alone = KeySequence::new(vec![vec![2.0, 0.0]]).unwrap();
        let crowd = KeySequence::new(vec![vec![2.0, 0.0]; 5]).unwrap();
        let one = OurScaledScores
            .apply(Product::new(queries.clone(), alone))
            .unwrap()
            .get(0, 0)
            .unwrap();
        let among_five = OurScaledScores
            .apply(Product::new(queries, crowd))
            .unwrap()
            .get(0, 0)
            .unwrap();
        assert!(
            (one - 2f32.sqrt()).abs() < 1e-5 && (among_five - 2f32.sqrt()).abs() < 1e-5,
            "the score of [1, 1] against [2, 0] should be 2 / √2 = 1.4142 however many \
             other keys there are; got {one} alone and {among_five} among five"
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

    #[test]
    fn random_unit_variance_scores_keep_unit_variance() {
        // Features drawn uniformly from [−√3, √3): mean 0, variance
        // (2√3)² / 12 = 1. Then q · k has variance d_k, and q · k / √d_k has
        // variance 1 for every width. 4000 pairs per width put the sample
        // variance within a few percent of 1 (the seed fixes the draws).
        let root_three = 3f32.sqrt();
        let mut rng = SeededRng::new(Seed::new(11));
        for width in [4usize, 64] {
            let mut draw = || -> Vec<f32> {
                (0..width)
                    .map(|_| rng.uniform(-root_three, root_three))
                    .collect()
            };
            let scores: Vec<f32> = (0..4000).map(|_| score(draw(), draw())).collect();
            let mean = scores.iter().sum::<f32>() / scores.len() as f32;
            let variance =
                scores.iter().map(|s| (s - mean).powi(2)).sum::<f32>() / scores.len() as f32;
            assert!(
                (0.8..1.25).contains(&variance),
                "width {width}: scaled scores of unit-variance features have variance \
                 {variance:.3}; dividing by √d_k should keep it near 1"
            );
        }
    }
}
