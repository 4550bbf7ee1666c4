// Chapter 8.4: the logit gradient of softmax cross-entropy sums to zero
//
// A next-token model turns logits z into probabilities p = softmax(z) and is
// scored by L = −ln p[target]. Its gradient with respect to the logits,
// dL/dz, is famously simple, and two facts pin it down. Adding the same
// number to every logit changes neither softmax nor the loss, so moving all
// the logits together does not move L: the entries of dL/dz sum to 0. And a
// descent step moves each logit against its entry, so training pushes down
// every token whose entry is positive and pulls up every token whose entry
// is negative; it should pull up the target and push down the rest.
//
// `logit_gradient` gives every other token its probability p_i, which is
// right, and gets the target's entry wrong. Done when the tests pass; the
// tests at the bottom are the definition of done, do not edit them.

use typed_ai::{Distribution, MlError, MlResult, TokenId};

/// dL/dz for L = −ln softmax(z)[target], given p = softmax(z).
fn logit_gradient(p: &Distribution, target: TokenId) -> MlResult<Vec<f32>> {
    if target.index() >= p.len() {
        return Err(MlError::OutOfRange {
            kind: "token",
            index: target.index(),
            limit: p.len(),
        });
    }
    let gradient = p
        .probabilities()
        .iter()
        .enumerate()
        .map(|(i, &p_i)| {
            if i == target.index() {
                // p − one_hot: the target's entry is p_i − 1 (negative), so a
                // descent step raises the target's logit.
                p_i - 1.0
            } else {
                p_i
            }
        })
        .collect();
    Ok(gradient)
}

fn main() -> MlResult<()> {
    let p = Distribution::new(vec![0.25, 0.25, 0.5])?;
    let gradient = logit_gradient(&p, TokenId::new(2))?;
    println!("p = {:?}, target 2", p.probabilities());
    println!("dL/dz = {gradient:?}, sum {}", gradient.iter().sum::<f32>());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::{
        CrossEntropy, DifferenceStep, GradientTolerance, Logits, Morphism, Product, Softmax,
        central_difference, check_gradient,
    };

    fn p() -> Distribution {
        Distribution::new(vec![0.25, 0.25, 0.5]).unwrap()
    }

    #[test]
    fn gradient_sums_to_zero() {
        let sum: f32 = logit_gradient(&p(), TokenId::new(2)).unwrap().iter().sum();
        assert!(
            sum.abs() < 1e-6,
            "adding one number to every logit changes neither softmax nor the loss, \
             so the entries of dL/dz must sum to 0; they sum to {sum}"
        );
    }

    #[test]
    fn gradient_by_hand() {
        // p = [0.25, 0.25, 0.5], target 2: the other tokens' entries are their
        // probabilities, 0.25 and 0.25, and the target's entry is the one that
        // makes the three sum to 0: −0.5.
        let gradient = logit_gradient(&p(), TokenId::new(2)).unwrap();
        assert_eq!(gradient, [0.25, 0.25, -0.5]);
    }

    #[test]
    fn a_confident_wrong_prediction_pulls_the_target_up_hard() {
        // p = [0.1, 0.2, 0.7], target 0: the others keep 0.2 and 0.7, and the
        // entries sum to 0 only if the target's is −0.9. The model gave the
        // target little probability, so the pull on its logit is strong.
        let p = Distribution::new(vec![0.1, 0.2, 0.7]).unwrap();
        let gradient = logit_gradient(&p, TokenId::new(0)).unwrap();
        let want = [-0.9, 0.2, 0.7];
        let close = gradient.iter().zip(want).all(|(g, w)| (g - w).abs() < 1e-6);
        assert!(
            close,
            "for p = [0.1, 0.2, 0.7] and target 0, dL/dz is {want:?} (its entries \
             sum to 0), got {gradient:?}"
        );
    }

    #[test]
    fn agrees_with_central_differences() {
        // Logits [0, 0, ln 2] give exp = [1, 1, 2], so p = [0.25, 0.25, 0.5].
        let logits = [0.0, 0.0, 2f32.ln()];
        let target = TokenId::new(2);
        let loss = |z: &[f32]| {
            let p = Softmax.apply(Logits::new(z.to_vec()).unwrap()).unwrap();
            CrossEntropy.apply(Product::new(p, target)).unwrap().value()
        };
        let p = Softmax
            .apply(Logits::new(logits.to_vec()).unwrap())
            .unwrap();
        let analytic = logit_gradient(&p, target).unwrap();
        for (i, a) in analytic.iter().enumerate() {
            let numeric = central_difference(
                |zi| {
                    let mut z = logits;
                    z[i] = zi;
                    loss(&z)
                },
                logits[i],
                DifferenceStep::new(1e-2).unwrap(),
            )
            .unwrap();
            let check = check_gradient(*a, numeric, GradientTolerance::new(1e-2).unwrap());
            assert!(check.agrees(), "dL/dz{i}: {check}");
        }
    }

    #[test]
    fn a_step_against_the_gradient_raises_the_target() {
        let logits = [0.0, 0.0, 2f32.ln()];
        let gradient = logit_gradient(&p(), TokenId::new(2)).unwrap();
        let stepped: Vec<f32> = logits.iter().zip(&gradient).map(|(z, g)| z - g).collect();
        let after = Softmax.apply(Logits::new(stepped).unwrap()).unwrap();
        let p_target = after.probabilities()[2];
        assert!(
            p_target > 0.5,
            "one gradient-descent step should raise p(target) above 0.5, got {p_target}"
        );
    }
}

// Wrong fixes this file's tests reject:
// - `p_i` at the target (forgetting the one-hot): the entries sum to 1, so
//   `gradient_sums_to_zero` fails, and so does the central difference.
// - `1.0 - p_i` at the target (the sign of the one-hot flipped): the sum is
//   still 1, and a descent step lowers p(target) to 0.438.
// - `-p_i` at the target: for p = [0.25, 0.25, 0.5] it happens to give
//   −0.5 and a zero sum, but for p = [0.1, 0.2, 0.7] it gives −0.1 where
//   −0.9 belongs (`a_confident_wrong_prediction_pulls_the_target_up_hard`).
