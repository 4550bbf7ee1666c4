// One arrow, one input.
//
// A morphism has exactly one source object. Cross-entropy needs two things,
// the model's prediction and the token that really came next, so its source
// is the product object `Product<Distribution, TokenId>`: both values packed
// into one, in that order.
//
// Make `surprise` compile. The tests at the bottom are the definition of
// done: read them, do not edit them.

use typed_ai::{CrossEntropy, Distribution, Loss, MlResult, Morphism, Product, TokenId};

/// Cross-entropy of one prediction against the token that really came next.
fn surprise(prediction: Distribution, target: TokenId) -> MlResult<Loss> {
    // TODO: count the inputs of an arrow.
    CrossEntropy.apply(prediction, target)
}

fn main() -> MlResult<()> {
    // The model spreads its bet over three tokens: half on token 0,
    // a quarter each on tokens 1 and 2.
    let prediction = Distribution::new(vec![0.5, 0.25, 0.25])?;
    for index in 0..3 {
        let loss = surprise(prediction.clone(), TokenId::new(index))?;
        println!(
            "if token {index} comes next, the loss is {:.4}",
            loss.value()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn half_and_quarters() -> Distribution {
        Distribution::new(vec![0.5, 0.25, 0.25]).unwrap()
    }

    #[test]
    fn half_a_chance_costs_ln_2() {
        // -ln 0.5 = ln 2 = 0.6931
        let loss = surprise(half_and_quarters(), TokenId::new(0)).unwrap();
        assert!(
            (loss.value() - std::f32::consts::LN_2).abs() < 1e-5,
            "the prediction gave token 0 the probability 0.5, so its loss \
             must be -ln 0.5 = 0.6931, not {}",
            loss.value()
        );
    }

    #[test]
    fn a_quarter_chance_costs_twice_as_much() {
        // -ln 0.25 = ln 4 = 2 ln 2 = 1.3863
        let loss = surprise(half_and_quarters(), TokenId::new(1)).unwrap();
        assert!(
            (loss.value() - 2.0 * std::f32::consts::LN_2).abs() < 1e-5,
            "the prediction gave token 1 the probability 0.25, so its loss \
             must be -ln 0.25 = 1.3863, not {}",
            loss.value()
        );
    }

    #[test]
    fn certain_and_right_costs_nothing() {
        let certain = Distribution::new(vec![0.0, 1.0, 0.0]).unwrap();
        let loss = surprise(certain, TokenId::new(1)).unwrap();
        assert_eq!(
            loss.value(),
            0.0,
            "all probability on the right token must cost -ln 1 = 0"
        );
    }
}
