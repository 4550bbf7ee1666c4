//! The softmax-plus-cross-entropy gradient `p − onehot(target)`: it sums to
//! zero and agrees with central differences of the library's own loss.

use proptest::prelude::{prop_assert, proptest};
use typed_ai::{
    CrossEntropy, DifferenceStep, GradientTolerance, Logits, Morphism, Product, Softmax, TokenId,
    central_difference, check_gradient, softmax_cross_entropy_gradient,
};

/// `L(z) = −ln softmax(z)[target]`, through the library's own arrows.
fn loss(logits: &[f32], target: TokenId) -> f32 {
    Logits::new(logits.to_vec())
        .and_then(|z| Softmax.apply(z))
        .and_then(|p| CrossEntropy.apply(Product::new(p, target)))
        .map_or(f32::NAN, |l| l.value())
}

proptest! {
    #[test]
    fn gradient_agrees_with_central_differences_and_sums_to_zero(
        logits in proptest::collection::vec(-4.0f32..4.0, 2..6),
        target in 0usize..6,
    ) {
        let target = TokenId::new(target % logits.len());
        let p = Softmax.apply(Logits::new(logits.clone()).unwrap()).unwrap();
        let analytic = softmax_cross_entropy_gradient(&p, target).unwrap();
        let sum: f32 = analytic.iter().sum();
        prop_assert!(sum.abs() < 1e-5, "gradient entries sum to {sum}, not 0");
        let step = DifferenceStep::new(1e-2).unwrap();
        let tolerance = GradientTolerance::new(1e-2).unwrap();
        for (i, a) in analytic.iter().enumerate() {
            let numeric = central_difference(
                |zi| {
                    let mut z = logits.clone();
                    z[i] = zi;
                    loss(&z, target)
                },
                logits[i],
                step,
            )
            .unwrap();
            let check = check_gradient(*a, numeric, tolerance);
            prop_assert!(check.agrees(), "∂L/∂z{i}: {check}");
        }
    }
}
