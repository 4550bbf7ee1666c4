//! Binary operation nodes: the backward rules of `x·y` and `x + y` agree
//! with central differences.

use proptest::prelude::{prop_assert, proptest};
use typed_ai::{AddOp, DifferenceStep, GradientTolerance, MulOp, Scalar, check_binary_op};

fn s(value: f32) -> Scalar {
    Scalar::new(value).unwrap()
}

proptest! {
    #[test]
    fn backward_rules_agree_with_central_differences(
        x in -10.0f32..10.0,
        y in -10.0f32..10.0,
    ) {
        let step = DifferenceStep::new(1e-2).unwrap();
        let tolerance = GradientTolerance::new(1e-2).unwrap();
        for check in check_binary_op(MulOp::new, s(x), s(y), step, tolerance).unwrap() {
            prop_assert!(check.agrees(), "x·y at ({x}, {y}): {check}");
        }
        for check in check_binary_op(AddOp::new, s(x), s(y), step, tolerance).unwrap() {
            prop_assert!(check.agrees(), "x + y at ({x}, {y}): {check}");
        }
    }
}
