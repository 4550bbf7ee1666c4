// Chapter 4.3: one arrow, one input
//
// A morphism has exactly one source object. Cross-entropy needs two things,
// the model's prediction and the token that really came next, so its source
// is the product object `Product<Distribution, TokenId>`: both values packed
// into one, in that order. The order of a product's factors is part of its
// type.
//
// A next-token example pairs the token the model read, its input, with the
// token that came next, its target. `example_loss` should score the model's
// prediction on one example, but hands cross-entropy two values instead of
// one. Done when the file compiles and the tests pass (do not edit the
// tests).

use typed_ai::{
    CrossEntropy, Distribution, Loss, MlResult, Morphism, Product, TokenId, TrainingExample,
};

/// The loss of `prediction`, the model's distribution over the next token
/// after reading `example.input()`, when `example.target()` came next.
fn example_loss(prediction: Distribution, example: TrainingExample) -> MlResult<Loss> {
    // An arrow has one source object; the product packs the prediction and
    // the truth, the token that came next, into it, in the order its type
    // names them.
    CrossEntropy.apply(Product::new(prediction, example.target()))
}

fn main() -> MlResult<()> {
    // After reading token 0, the model spreads its bet over three tokens:
    // half on token 0, a quarter each on tokens 1 and 2.
    let prediction = Distribution::new(vec![0.5, 0.25, 0.25])?;
    for target in 0..3 {
        let example = TrainingExample::new(TokenId::new(0), TokenId::new(target));
        let loss = example_loss(prediction.clone(), example)?;
        println!(
            "if token {target} comes next, the loss is {:.4}",
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

    fn example(input: usize, target: usize) -> TrainingExample {
        TrainingExample::new(TokenId::new(input), TokenId::new(target))
    }

    #[test]
    fn a_quarter_chance_costs_ln_4() {
        // -ln 0.25 = ln 4 = 1.3863
        let loss = example_loss(half_and_quarters(), example(0, 1))
            .unwrap()
            .value();
        assert!(
            (loss - 4f32.ln()).abs() < 1e-5,
            "after token 0 came token 1, which the prediction gave 0.25, so the \
             loss is -ln 0.25 = 1.3863, not {loss} (0.6931 = -ln 0.5 judges the \
             prediction against the token it read)"
        );
    }

    #[test]
    fn half_a_chance_costs_ln_2() {
        // -ln 0.5 = ln 2 = 0.6931
        let loss = example_loss(half_and_quarters(), example(2, 0))
            .unwrap()
            .value();
        assert!(
            (loss - std::f32::consts::LN_2).abs() < 1e-5,
            "after token 2 came token 0, which the prediction gave 0.5, so the \
             loss is -ln 0.5 = 0.6931, not {loss}"
        );
    }

    #[test]
    fn certain_and_right_costs_nothing() {
        let certain = Distribution::new(vec![0.0, 1.0, 0.0]).unwrap();
        let loss = example_loss(certain, example(0, 1)).unwrap().value();
        assert_eq!(
            loss, 0.0,
            "all probability on the token that came next must cost -ln 1 = 0"
        );
    }
}

// Wrong fixes this file's tests reject: `Product::new(prediction, example.input())`
// (it compiles, since both tokens are `TokenId`s, but judges the prediction
// against the token the model read: -ln 0.5 instead of -ln 0.25 for 0 -> 1),
// and the tuple `(prediction, example.target())` (it does not compile: the
// arrow's one input type is the library's `Product`).
