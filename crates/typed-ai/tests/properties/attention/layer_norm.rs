//! Layer normalisation: every position comes out centred, with variance
//! σ² / (σ² + ε), whatever the numbers in it.

use proptest::prelude::{Strategy, prop, prop_assert, proptest};
use typed_ai::{
    HiddenSequence, LayerNormParameters, LayerNormalization, ModelDimension, Morphism,
    NormalizationEpsilon,
};

/// A layer norm with scale 1 and shift 0, so its output is the bare
/// standardised input.
fn plain(width: usize) -> LayerNormalization {
    LayerNormalization::new(LayerNormParameters::identity(
        ModelDimension::new(width).unwrap(),
        NormalizationEpsilon::default(),
    ))
}

/// The mean and the population variance (divided by n, as layer norm uses)
/// of one position's features. Computed here rather than borrowed from the
/// library, so the property measures the output with an independent ruler.
fn mean_and_variance(features: &[f32]) -> (f32, f32) {
    let n = features.len() as f32;
    let mean = features.iter().sum::<f32>() / n;
    let variance = features.iter().map(|x| (x - mean).powi(2)).sum::<f32>() / n;
    (mean, variance)
}

proptest! {
    #[test]
    fn each_position_has_mean_zero_and_unit_variance(
        rows in (1usize..4, 2usize..6).prop_flat_map(|(n, d)| {
            prop::collection::vec(prop::collection::vec(-100f32..100.0, d), n)
        })
    ) {
        let width = rows[0].len();
        let out = plain(width).apply(HiddenSequence::new(rows.clone()).unwrap()).unwrap();
        for (input, output) in rows.iter().zip(out.rows()) {
            let (_, input_variance) = mean_and_variance(input);
            let (mean, variance) = mean_and_variance(output);
            prop_assert!(mean.abs() < 1e-3, "mean {mean}");
            // The variance is σ² / (σ² + ε): about 1 unless the position
            // is nearly constant.
            let expected = input_variance / (input_variance + 1e-5);
            prop_assert!((variance - expected).abs() < 1e-3, "variance {variance}, expected {expected}");
        }
    }
}
