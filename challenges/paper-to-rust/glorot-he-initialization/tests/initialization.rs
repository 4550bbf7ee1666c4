//! The worked numbers of the initialisation card, checked against seeded
//! draws.
//!
//! `initialization_variance_matches_fan` is the regression test named in
//! `challenge.toml`: every mutant under `mutants/` must make it fail. The
//! draws are seeded, so each statistic below is one fixed number; the
//! tolerances are several standard errors wide, so the test does not depend
//! on a lucky seed.

use glorot_he_initialization::{FanIn, FanOut, InitScheme, glorot_limit, initialize};
use typed_ai::{MlError, Seed};

fn fans(fan_in: usize, fan_out: usize) -> (FanIn, FanOut) {
    (FanIn::new(fan_in).unwrap(), FanOut::new(fan_out).unwrap())
}

/// The mean and the (population) variance of the weights.
fn mean_and_variance(values: &[f32]) -> (f32, f32) {
    let n = values.len() as f32;
    let mean = values.iter().sum::<f32>() / n;
    let variance = values.iter().map(|x| (x - mean).powi(2)).sum::<f32>() / n;
    (mean, variance)
}

#[test]
fn initialization_variance_matches_fan() {
    // Glorot, 64 × 64: a = √(6/128) = √0.046875 = 0.216506, and the variance
    // of U(−a, a) is a²/3 = 0.015625 = 2/(64 + 64). Over 4096 draws the
    // variance estimate has a relative standard error of
    // √(4/45)·3/√4096 ≈ 1.4%, so 10% is about 7 standard errors.
    let (fan_in, fan_out) = fans(64, 64);
    let glorot = initialize(fan_in, fan_out, InitScheme::Glorot, Seed::new(1)).unwrap();
    assert_eq!((glorot.fan_in(), glorot.fan_out()), (64, 64));
    let limit = glorot_limit(fan_in, fan_out);
    assert!((limit - 0.216_506).abs() < 1e-6, "Glorot limit {limit}");
    let largest = glorot.values().iter().fold(0.0_f32, |m, w| m.max(w.abs()));
    assert!(
        largest <= limit,
        "a Glorot weight of size {largest} lies outside ±√(6/(fan_in + fan_out)) = ±{limit}"
    );
    let (mean, variance) = mean_and_variance(glorot.values());
    assert!(mean.abs() < 0.01, "Glorot weights have mean {mean}");
    assert!(
        (variance / 0.015_625 - 1.0).abs() < 0.1,
        "Glorot 64x64 weights have variance {variance}, expected 2/(64 + 64) = 0.015625"
    );

    // He, 256 × 64: variance 2/256 = 0.0078125, std 0.088388. Over 16384
    // normal draws the relative standard error is √(2/16384) ≈ 1.1%.
    let (fan_in, fan_out) = fans(256, 64);
    let he = initialize(fan_in, fan_out, InitScheme::He, Seed::new(2)).unwrap();
    assert_eq!(
        (he.fan_in(), he.fan_out()),
        (256, 64),
        "a weight matrix is fan_in rows x fan_out columns"
    );
    let (mean, variance) = mean_and_variance(he.values());
    assert!(mean.abs() < 0.005, "He weights have mean {mean}");
    assert!(
        (variance / 0.007_812_5 - 1.0).abs() < 0.1,
        "He 256x64 weights have variance {variance}, expected 2/fan_in = 0.0078125"
    );
}

#[test]
fn same_seed_same_weights() {
    let (fan_in, fan_out) = fans(8, 5);
    for scheme in [InitScheme::Glorot, InitScheme::He] {
        let a = initialize(fan_in, fan_out, scheme, Seed::new(7)).unwrap();
        let b = initialize(fan_in, fan_out, scheme, Seed::new(7)).unwrap();
        let c = initialize(fan_in, fan_out, scheme, Seed::new(8)).unwrap();
        assert_eq!(a, b, "{scheme:?} is not reproducible from its seed");
        assert_ne!(a, c, "{scheme:?} ignores its seed");
    }
}

#[test]
fn he_is_wider_than_glorot_for_the_same_layer() {
    // For fan_in = fan_out = n: Glorot's variance is 2/(2n) = 1/n, He's is
    // 2/n, twice as large, to make up for the half a ReLU discards.
    let (fan_in, fan_out) = fans(100, 100);
    assert_eq!(InitScheme::Glorot.variance(fan_in, fan_out), 0.01);
    assert_eq!(InitScheme::He.variance(fan_in, fan_out), 0.02);
}

#[test]
fn fans_must_be_non_zero() {
    assert_eq!(FanIn::new(0), Err(MlError::EmptyInput("fan-in")));
    assert_eq!(FanOut::new(0), Err(MlError::EmptyInput("fan-out")));
}

#[test]
fn an_impossible_size_is_an_error_not_a_panic() {
    let (fan_in, fan_out) = fans(usize::MAX, 2);
    assert!(matches!(
        initialize(fan_in, fan_out, InitScheme::Glorot, Seed::new(1)),
        Err(MlError::ShapeMismatch {
            op: "weight initialization",
            ..
        })
    ));
}
