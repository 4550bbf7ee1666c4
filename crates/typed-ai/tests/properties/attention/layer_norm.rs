//! Layer normalisation: every position comes out centred, with variance
//! σ² / (σ² + ε), whatever the numbers in it, and it agrees with an `f64`
//! computation at any finite magnitude, including ones whose squares
//! overflow `f32`.

use proptest::prelude::{Strategy, prop, prop_assert, prop_oneof, proptest};
use typed_ai::{
    HiddenSequence, LayerNormParameters, LayerNormalization, ModelDimension, Morphism,
    NormalizationEpsilon, Vector,
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

/// One feature at a wide range of magnitudes: any normal `f32` of either
/// sign (its exponent uniform from 2^-126 to 2^127), or a value around a
/// scale from 1e-30 to 1e38, so that one row can hold numbers of similar
/// size whose squares still overflow `f32`.
fn wide_feature() -> impl Strategy<Value = f32> {
    prop_oneof![
        prop::num::f32::NORMAL | prop::num::f32::ZERO,
        (
            -3.4_f32..3.4,
            prop::sample::select(vec![1e-30_f32, 1.0, 1e19, 1e30, 1e38])
        )
            .prop_map(|(x, scale)| x * scale),
    ]
}

/// `γ ⊙ (x − μ) / √(σ² + ε) + β` in `f64`, the straightforward way.
fn reference_layer_norm(features: &[f32], scale: &[f32], shift: &[f32], epsilon: f32) -> Vec<f64> {
    let wide: Vec<f64> = features.iter().map(|&x| f64::from(x)).collect();
    let n = wide.len() as f64;
    let mean = wide.iter().sum::<f64>() / n;
    let variance = wide.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
    let std = (variance + f64::from(epsilon)).sqrt();
    wide.iter()
        .zip(scale.iter().zip(shift))
        .map(|(x, (&g, &b))| (x - mean) / std * f64::from(g) + f64::from(b))
        .collect()
}

proptest! {
    #[test]
    fn agrees_with_f64_at_any_magnitude(
        (rows, scale, shift) in (1usize..4, 1usize..7).prop_flat_map(|(n, d)| (
            prop::collection::vec(prop::collection::vec(wide_feature(), d), n),
            prop::collection::vec(-4_f32..4.0, d),
            prop::collection::vec(-4_f32..4.0, d),
        ))
    ) {
        let epsilon = NormalizationEpsilon::default();
        let params = LayerNormParameters::new(
            Vector::new(scale.clone()).unwrap(),
            Vector::new(shift.clone()).unwrap(),
            epsilon,
        ).unwrap();
        let out = LayerNormalization::new(params)
            .apply(HiddenSequence::new(rows.clone()).unwrap())
            .unwrap();
        for (input, output) in rows.iter().zip(out.rows()) {
            let want = reference_layer_norm(input, &scale, &shift, epsilon.value());
            for (&got, want) in output.iter().zip(want) {
                // |x̂| ≤ √width and |γ|, |β| < 4, so |y| < 4·√6 + 4 ≈ 13.8:
                // rounding to f32 costs at most about 1e-6.
                prop_assert!(
                    (f64::from(got) - want).abs() < 1e-5,
                    "input {:?} gave {:?}, f64 gives {}", input, output, want
                );
            }
        }
    }

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
