//! The worked numbers of the layer-norm card, checked against the arrow.
//!
//! `layer_norm_statistics_are_per_row` is the regression test named in
//! `challenge.toml`: every mutant under `mutants/` must make it fail.

use layer_normalization::{ExampleFeatures, ExampleStatistics, LayerNorm};
use typed_ai::{
    HiddenSequence, LayerNormParameters, MlError, ModelDimension, Morphism, NormalizationEpsilon,
    Vector,
};

fn plain(width: usize) -> LayerNorm {
    LayerNorm::new(LayerNormParameters::identity(
        ModelDimension::new(width).unwrap(),
        NormalizationEpsilon::default(),
    ))
}

fn close_rows(got: &[Vec<f32>], want: &[Vec<f32>], what: &str) {
    for (g, w) in got.iter().flatten().zip(want.iter().flatten()) {
        assert!(
            (g - w).abs() < 1e-4,
            "{what}: got {got:?}, expected {want:?}"
        );
    }
}

#[test]
fn layer_norm_statistics_are_per_row() {
    // [1, 3]: μ = 2, σ² = 1, so (x − 2) / √(1 + 1e-5) = [−0.999995, 0.999995].
    // [2, 4]: μ = 3, σ² = 1, the same. Statistics per COLUMN instead
    // ([1, 2] and [3, 4]: μ = 1.5 and 3.5, σ² = 0.25) would give
    // [[−1, −1], [1, 1]].
    let out = plain(2)
        .apply(HiddenSequence::new(vec![vec![1.0, 3.0], vec![2.0, 4.0]]).unwrap())
        .unwrap();
    close_rows(
        &out.to_rows(),
        &[vec![-1.0, 1.0], vec![-1.0, 1.0]],
        "each row must be normalised from its own mean and variance",
    );
    // A constant row has σ² = 0: (2 − 2) / √(0 + 1e-5) = 0. Without ε it is
    // 0 / 0 = NaN, which HiddenSequence refuses.
    let constant = plain(2)
        .apply(HiddenSequence::new(vec![vec![2.0, 2.0]]).unwrap())
        .expect("a constant row must stay finite: ε belongs under the root");
    assert_eq!(constant.to_rows(), vec![vec![0.0, 0.0]]);
    // Scale [2, 0.5], shift [1, −1]: [−1, 1] becomes [−1·2 + 1, 1·0.5 − 1] = [−1, −0.5].
    let affine = LayerNorm::new(
        LayerNormParameters::new(
            Vector::new(vec![2.0, 0.5]).unwrap(),
            Vector::new(vec![1.0, -1.0]).unwrap(),
            NormalizationEpsilon::default(),
        )
        .unwrap(),
    );
    let out = affine
        .apply(HiddenSequence::new(vec![vec![1.0, 3.0]]).unwrap())
        .unwrap();
    close_rows(&out.to_rows(), &[vec![-1.0, -0.5]], "scale and shift");
}

#[test]
fn a_row_does_not_depend_on_its_neighbours() {
    // The paper's point against batch normalisation: the same example gives
    // the same output whatever else is in the batch.
    let alone = plain(3)
        .apply(HiddenSequence::new(vec![vec![1.0, 2.0, 6.0]]).unwrap())
        .unwrap();
    let crowded = plain(3)
        .apply(HiddenSequence::new(vec![vec![1.0, 2.0, 6.0], vec![100.0, -7.0, 0.5]]).unwrap())
        .unwrap();
    assert_eq!(alone.row(0).unwrap(), crowded.row(0).unwrap());
}

#[test]
fn every_row_has_mean_zero_and_variance_about_one() {
    let input = HiddenSequence::new(vec![
        vec![1.0, 2.0, 6.0, -3.0],
        vec![10.0, 10.5, 9.5, 10.0],
        vec![-4.0, 0.0, 4.0, 8.0],
    ])
    .unwrap();
    let out = plain(4).apply(input).unwrap();
    for example in ExampleFeatures::each(&out) {
        let row = example.values();
        let stats = ExampleStatistics::of(example);
        let (mean, variance) = (stats.mean(), stats.variance());
        assert!(mean.abs() < 1e-5, "row {row:?} has mean {mean}");
        // ε shrinks the variance a little below 1 for small input variances:
        // the second row has σ² = 0.125, so the output's is 0.125 / 0.12501.
        assert!(
            (variance - 1.0).abs() < 1e-3,
            "row {row:?} has variance {variance}"
        );
    }
}

#[test]
fn a_huge_example_normalises_without_overflow() {
    // [2e19, −2e19]: μ = 0 and σ² = 4e38, past f32's largest value
    // (3.4e38), so f32 statistics would give σ² = ∞ and [0, 0]. In f64,
    // √(4e38 + 1e-5) = 2e19 (ε is far below the last digit) and the row
    // is exactly [1, −1].
    let out = plain(2)
        .apply(HiddenSequence::new(vec![vec![2e19, -2e19]]).unwrap())
        .unwrap();
    assert_eq!(
        out.to_rows(),
        vec![vec![1.0, -1.0]],
        "the variance of [2e19, -2e19] overflowed"
    );
}

#[test]
fn the_shape_is_preserved() {
    let out = plain(3)
        .apply(HiddenSequence::new(vec![vec![1.0, 2.0, 3.0]; 4]).unwrap())
        .unwrap();
    assert_eq!((out.len(), out.width()), (4, 3));
}

#[test]
fn the_width_must_match_the_parameters() {
    assert!(matches!(
        plain(3).apply(HiddenSequence::new(vec![vec![1.0, 2.0]]).unwrap()),
        Err(MlError::ShapeMismatch {
            op: "layer normalization",
            ..
        })
    ));
}

#[test]
fn epsilon_must_be_positive() {
    // The library's ε type makes "no ε" unrepresentable.
    assert!(NormalizationEpsilon::new(0.0).is_err());
}
