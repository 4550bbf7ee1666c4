//! The worked numbers of the label-smoothing card, checked against the
//! target and the loss.
//!
//! `smoothed_target_card_example` is the regression test named in
//! `challenge.toml`: every mutant under `mutants/` must make it fail.

use label_smoothing::{Prediction, SmoothedTarget, SmoothingEpsilon, SoftCrossEntropy};
use typed_ai::{CrossEntropy, Distribution, MlError, Morphism, Product, TokenId, VocabSize};

fn target(token: usize, k: usize, eps: f32) -> SmoothedTarget {
    SmoothedTarget::new(
        TokenId::new(token),
        VocabSize::new(k).unwrap(),
        SmoothingEpsilon::new(eps).unwrap(),
    )
    .unwrap()
}

fn prediction() -> Distribution {
    Distribution::new(vec![0.1, 0.2, 0.6, 0.1]).unwrap()
}

#[test]
fn smoothed_target_card_example() {
    // K = 4, ε = 0.1, label 2: ε/K = 0.025 everywhere, and the label gets
    // 1 − 0.1 + 0.025 = 0.925. (Spreading ε over the K − 1 = 3 others gives
    // 0.0333 and 0.9 instead.) Sum: 3·0.025 + 0.925 = 1.
    let smoothed = target(2, 4, 0.1);
    for (token, (got, want)) in smoothed
        .probabilities()
        .iter()
        .zip([0.025, 0.025, 0.925, 0.025])
        .enumerate()
    {
        assert!(
            (got - want).abs() < 1e-6,
            "token {token} of the smoothed target is {got}, expected {want} \
             ((1 − ε)·one-hot + ε/K)"
        );
    }
    // ε = 0: the one-hot target, and the soft loss is plain cross-entropy:
    // −ln 0.6 = 0.510826 for the prediction [0.1, 0.2, 0.6, 0.1].
    let one_hot = target(2, 4, 0.0);
    assert_eq!(one_hot.probabilities(), &[0.0, 0.0, 1.0, 0.0]);
    let soft = SoftCrossEntropy
        .apply(Product::new(Prediction::new(prediction()), one_hot))
        .unwrap();
    let plain = CrossEntropy
        .apply(Product::new(prediction(), TokenId::new(2)))
        .unwrap();
    assert!(
        (soft.value() - plain.value()).abs() < 1e-6,
        "with ε = 0 the soft loss {} must equal cross-entropy {}",
        soft.value(),
        plain.value()
    );
    assert!((plain.value() - 0.510_826).abs() < 1e-5);
}

#[test]
fn the_smoothed_loss_by_hand() {
    // −(0.025·ln 0.1 + 0.025·ln 0.2 + 0.925·ln 0.6 + 0.025·ln 0.1)
    //   = 0.025·2.302585·2 + 0.025·1.609438 + 0.925·0.510826
    //   = 0.115129 + 0.040236 + 0.472514 = 0.627879
    let loss = SoftCrossEntropy
        .apply(Product::new(
            Prediction::new(prediction()),
            target(2, 4, 0.1),
        ))
        .unwrap();
    assert!(
        (loss.value() - 0.627_879).abs() < 1e-5,
        "loss {}",
        loss.value()
    );
}

#[test]
fn smoothing_penalises_a_certain_prediction() {
    // Plain cross-entropy is 0 for the prediction [0, 0, 1, 0]; against the
    // smoothed target the three 0s cost 0.025·87.336 each: 6.550. The
    // prediction equal to the target costs only its entropy, 0.348780.
    let certain = Prediction::new(Distribution::new(vec![0.0, 0.0, 1.0, 0.0]).unwrap());
    let certain_loss = SoftCrossEntropy
        .apply(Product::new(certain, target(2, 4, 0.1)))
        .unwrap();
    assert!((certain_loss.value() - 6.550_24).abs() < 1e-3);
    let calibrated = Prediction::new(target(2, 4, 0.1).distribution().clone());
    let calibrated_loss = SoftCrossEntropy
        .apply(Product::new(calibrated, target(2, 4, 0.1)))
        .unwrap();
    assert!((calibrated_loss.value() - 0.348_780).abs() < 1e-5);
}

#[test]
fn a_label_outside_the_vocabulary_is_out_of_range() {
    assert_eq!(
        SmoothedTarget::new(
            TokenId::new(4),
            VocabSize::new(4).unwrap(),
            SmoothingEpsilon::new(0.1).unwrap()
        ),
        Err(MlError::OutOfRange {
            kind: "token",
            index: 4,
            limit: 4
        })
    );
}

#[test]
fn epsilon_is_in_zero_one() {
    for bad in [1.0, -0.1, 1.5, f32::NAN] {
        assert!(
            matches!(
                SmoothingEpsilon::new(bad),
                Err(MlError::InvalidScalar {
                    kind: "smoothing epsilon",
                    ..
                })
            ),
            "ε = {bad} was accepted"
        );
    }
}

#[test]
fn prediction_and_target_must_share_the_vocabulary() {
    let three = Prediction::new(Distribution::new(vec![0.2, 0.3, 0.5]).unwrap());
    assert!(matches!(
        SoftCrossEntropy.apply(Product::new(three, target(2, 4, 0.1))),
        Err(MlError::ShapeMismatch {
            op: "soft cross-entropy",
            ..
        })
    ));
}
