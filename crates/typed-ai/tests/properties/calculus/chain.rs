//! The chain rule: every elementary derivative, and composites of them,
//! agree with central differences across an input range.

use proptest::prelude::{prop_assert, proptest};
use typed_ai::{
    Affine, Compose, DifferenceStep, Exp, GradientTolerance, Identity, Scalar, Sigmoid, Square,
    check_derivative,
};

fn s(value: f32) -> Scalar {
    Scalar::new(value).unwrap()
}

fn step() -> DifferenceStep {
    DifferenceStep::new(1e-2).unwrap()
}

fn tolerance() -> GradientTolerance {
    GradientTolerance::new(1e-2).unwrap()
}

proptest! {
    #[test]
    fn every_derivative_agrees_with_central_differences(x in -4.0f32..4.0) {
        let x = s(x);
        let checks = [
            check_derivative(&Square, x, step(), tolerance()).unwrap(),
            check_derivative(&Affine::new(s(-1.5), s(0.25)), x, step(), tolerance()).unwrap(),
            check_derivative(&Sigmoid, x, step(), tolerance()).unwrap(),
            check_derivative(&Exp, x, step(), tolerance()).unwrap(),
            check_derivative(&Identity, x, step(), tolerance()).unwrap(),
            check_derivative(&Compose::<_, _, Scalar>::new(Sigmoid, Square), x, step(), tolerance())
                .unwrap(),
            check_derivative(&Compose::<_, _, Scalar>::new(Square, Exp), x, step(), tolerance())
                .unwrap(),
        ];
        for check in checks {
            prop_assert!(check.agrees(), "at x = {}: {check}", x.value());
        }
    }
}
