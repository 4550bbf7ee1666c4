//! The dropout card, checked against seeded draws.
//!
//! `dropout_eval_is_identity_and_train_keeps_the_mean` is the regression
//! test named in `challenge.toml`: every mutant under `mutants/` must make
//! it fail. Draws are seeded, so each statistic is one fixed number; the
//! tolerances are several standard errors wide (computed in the comments).

use dropout::{DropProbability, Dropout, DropoutMode};
use typed_ai::{HiddenSequence, Identity, MlError, Morphism, Product, Seed};

fn dropout(p: f32) -> Dropout {
    Dropout::new(DropProbability::new(p).unwrap())
}

fn train(d: &Dropout, x: &HiddenSequence, seed: u64) -> HiddenSequence {
    d.apply(Product::new(x.clone(), DropoutMode::Train(Seed::new(seed))))
        .unwrap()
}

fn ones(rows: usize, cols: usize) -> HiddenSequence {
    HiddenSequence::new(vec![vec![1.0; cols]; rows]).unwrap()
}

#[test]
fn dropout_eval_is_identity_and_train_keeps_the_mean() {
    let d = dropout(0.2);
    let x = HiddenSequence::new(vec![vec![1.0, -2.0, 3.5], vec![0.0, 4.0, -0.5]]).unwrap();
    // Eval: the whole network, unchanged, the identity morphism.
    let eval = d.apply(Product::new(x.clone(), DropoutMode::Eval)).unwrap();
    assert_eq!(
        eval,
        Identity.apply(x).unwrap(),
        "dropout in eval mode must be the identity"
    );

    // Train on 10 000 units of value 1 with p = 0.2: each output is 0 or
    // 1/(1 − 0.2) = 1.25, so its mean is 0.8·1.25 = 1 and its standard
    // deviation √(0.2·0.8)·1.25 = 0.5. The mean of 10 000 has standard error
    // 0.005, so "within 2%" is 4 standard errors. Without the rescale the
    // mean is 1 − p = 0.8.
    let out = train(&d, &ones(100, 100), 2012);
    let kept = 1.0 / (1.0 - 0.2_f32);
    let values: Vec<f32> = out.rows().flatten().copied().collect();
    assert!(
        values.iter().all(|&v| v == 0.0 || (v - kept).abs() < 1e-6),
        "every train-mode output must be 0 or x/(1 − p) = {kept}"
    );
    let mean = values.iter().sum::<f32>() / values.len() as f32;
    assert!(
        (mean - 1.0).abs() < 0.02,
        "the train-mode mean of 10 000 units of 1.0 is {mean}; inverted dropout keeps it at 1"
    );
}

#[test]
fn about_p_of_the_units_are_dropped() {
    // The dropped fraction of 10 000 units has standard error
    // √(0.2·0.8/10 000) = 0.004; 0.02 is 5 of them.
    let out = train(&dropout(0.2), &ones(100, 100), 7);
    let dropped = out.rows().flatten().filter(|&&v| v == 0.0).count();
    let fraction = dropped as f32 / 10_000.0;
    assert!((fraction - 0.2).abs() < 0.02, "dropped {fraction}");
}

#[test]
fn the_expectation_holds_per_unit() {
    // x = [1, −2, 3] over 4000 seeds: each output's standard deviation is
    // |x|·√(p/(1 − p)) = |x|·0.5, so its mean has standard error
    // |x|·0.5/√4000 = 0.8% of |x|; 4% is 5 standard errors.
    let d = dropout(0.2);
    let x = HiddenSequence::new(vec![vec![1.0, -2.0, 3.0]]).unwrap();
    let mut sums = [0.0_f32; 3];
    for seed in 0..4000 {
        for (sum, v) in sums.iter_mut().zip(train(&d, &x, seed).row(0).unwrap()) {
            *sum += v;
        }
    }
    for (sum, want) in sums.iter().zip([1.0_f32, -2.0, 3.0]) {
        let mean = sum / 4000.0;
        assert!(
            (mean / want - 1.0).abs() < 0.04,
            "mean {mean} for x = {want}"
        );
    }
}

#[test]
fn the_same_seed_drops_the_same_units() {
    let d = dropout(0.5);
    let x = ones(4, 8);
    assert_eq!(train(&d, &x, 11), train(&d, &x, 11));
    assert_ne!(train(&d, &x, 11), train(&d, &x, 12));
}

#[test]
fn p_zero_trains_as_the_identity() {
    let x = HiddenSequence::new(vec![vec![1.5, -3.0]]).unwrap();
    assert_eq!(train(&dropout(0.0), &x, 5), x);
}

#[test]
fn p_must_be_below_one() {
    for bad in [1.0, 1.5, -0.1, f32::NAN] {
        assert!(
            matches!(
                DropProbability::new(bad),
                Err(MlError::InvalidScalar {
                    kind: "drop probability",
                    ..
                })
            ),
            "p = {bad} was accepted"
        );
    }
}
