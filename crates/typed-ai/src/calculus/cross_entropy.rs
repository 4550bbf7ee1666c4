//! The gradient of softmax followed by cross-entropy with respect to the
//! logits: `p − one_hot(target)`.

use crate::domain::{Distribution, TokenId};
use crate::error::{MlError, MlResult};

/// `∂L/∂zᵢ = pᵢ − [i = target]` for `L = −ln softmax(z)[target]`, given the
/// softmax output `p = prediction`.
///
/// Each wrong outcome is pushed down by its probability, the target is pulled
/// up by `1 − p[target]`, and the entries sum to `Σp − 1 = 0`: raising every
/// logit by the same amount does not change softmax, so the loss cannot
/// change either.
///
/// An [`MlError::OutOfRange`] if `target` is not an outcome of `prediction`.
///
/// ```
/// use typed_ai::{softmax_cross_entropy_gradient, Distribution, TokenId};
/// let p = Distribution::new(vec![0.25, 0.25, 0.5])?;
/// let gradient = softmax_cross_entropy_gradient(&p, TokenId::new(2))?;
/// assert_eq!(gradient, vec![0.25, 0.25, -0.5]);
/// assert_eq!(gradient.iter().sum::<f32>(), 0.0);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
pub fn softmax_cross_entropy_gradient(
    prediction: &Distribution,
    target: TokenId,
) -> MlResult<Vec<f32>> {
    if target.index() >= prediction.len() {
        return Err(MlError::OutOfRange {
            kind: "token",
            index: target.index(),
            limit: prediction.len(),
        });
    }
    Ok(prediction
        .probabilities()
        .iter()
        .enumerate()
        .map(|(i, p)| if i == target.index() { p - 1.0 } else { *p })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calculus::numeric::{
        DifferenceStep, GradientTolerance, central_difference, check_gradient,
    };
    use crate::category::Morphism;
    use crate::domain::{Logits, Product};
    use crate::ml::{CrossEntropy, Softmax};

    /// `L(z) = −ln softmax(z)[target]`, through the library's own arrows.
    fn loss(logits: &[f32], target: TokenId) -> f32 {
        Logits::new(logits.to_vec())
            .and_then(|z| Softmax.apply(z))
            .and_then(|p| CrossEntropy.apply(Product::new(p, target)))
            .map_or(f32::NAN, |l| l.value())
    }

    #[test]
    fn gradient_by_hand() {
        // p = [0.1, 0.2, 0.7], target 0: [0.1 − 1, 0.2, 0.7] = [−0.9, 0.2, 0.7]
        let p = Distribution::new(vec![0.1, 0.2, 0.7]).unwrap();
        let g = softmax_cross_entropy_gradient(&p, TokenId::new(0)).unwrap();
        let expected = [-0.9, 0.2, 0.7];
        assert!(g.iter().zip(expected).all(|(a, b)| (a - b).abs() < 1e-6));
        // A certain, correct prediction has a zero gradient: nothing to learn.
        let certain = Distribution::new(vec![0.0, 1.0]).unwrap();
        let g = softmax_cross_entropy_gradient(&certain, TokenId::new(1)).unwrap();
        assert_eq!(g, vec![0.0, 0.0]);
    }

    #[test]
    fn target_outside_the_prediction_is_rejected() {
        let p = Distribution::new(vec![0.5, 0.5]).unwrap();
        assert_eq!(
            softmax_cross_entropy_gradient(&p, TokenId::new(2)),
            Err(MlError::OutOfRange {
                kind: "token",
                index: 2,
                limit: 2
            })
        );
    }

    #[test]
    fn uniform_logits_by_hand_and_by_central_difference() {
        // z = [0, 0, 0, 0]: p = 1/4 each; target 1 → [0.25, −0.75, 0.25, 0.25].
        let target = TokenId::new(1);
        let p = Softmax.apply(Logits::new(vec![0.0; 4]).unwrap()).unwrap();
        let analytic = softmax_cross_entropy_gradient(&p, target).unwrap();
        assert_eq!(analytic, vec![0.25, -0.75, 0.25, 0.25]);
        let step = DifferenceStep::new(1e-2).unwrap();
        let tolerance = GradientTolerance::new(1e-2).unwrap();
        for (i, a) in analytic.iter().enumerate() {
            let numeric = central_difference(
                |zi| {
                    let mut z = vec![0.0; 4];
                    z[i] = zi;
                    loss(&z, target)
                },
                0.0,
                step,
            )
            .unwrap();
            let check = check_gradient(*a, numeric, tolerance);
            assert!(check.agrees(), "∂L/∂z{i}: {check}");
        }
    }
}
