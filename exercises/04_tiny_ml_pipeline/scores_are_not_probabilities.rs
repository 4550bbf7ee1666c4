// Chapter 4.4: scores are not probabilities
//
// A model's last layer gives one raw score (a "logit") per vocabulary entry.
// Scores can be negative and need not add up to 1. Cross-entropy, the loss,
// asks "what probability did you give the token that really came next?", so
// it reads a `Distribution`, not `Logits`.
//
// Make `next_token_loss` compile and give the right loss. The tests at the
// bottom are the definition of done: read them, do not edit them.

use typed_ai::{CrossEntropy, Logits, Loss, MlResult, Morphism, Product, Softmax, TokenId};

/// How surprised the model is that `target` came next, given its raw scores.
fn next_token_loss(scores: Logits, target: TokenId) -> MlResult<Loss> {
    // TODO: cross-entropy reads the probability of `target`, but `scores`
    // are still raw scores.
    CrossEntropy.apply(Product::new(scores, target))
}

fn main() -> MlResult<()> {
    // Scores for the vocabulary ['a', 'b', 'c'], chosen as ln 7, ln 2 and
    // ln 1, so that as probabilities they become 0.7, 0.2 and 0.1.
    let scores = Logits::new(vec![7f32.ln(), 2f32.ln(), 0.0])?;
    for (letter, index) in [('a', 0), ('b', 1), ('c', 2)] {
        let loss = next_token_loss(scores.clone(), TokenId::new(index))?;
        println!("if '{letter}' comes next, the loss is {:.4}", loss.value());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The loss for one target, with the scores ln 7, ln 2, ln 1.
    /// Softmax turns them into (7, 2, 1) / 10 = (0.7, 0.2, 0.1).
    fn loss_for(target: usize) -> f32 {
        let scores = Logits::new(vec![7f32.ln(), 2f32.ln(), 0.0]).unwrap();
        match next_token_loss(scores, TokenId::new(target)) {
            Ok(loss) => loss.value(),
            Err(error) => panic!(
                "next_token_loss returned {error:?}; the scores must become a \
                 probability distribution before cross-entropy can read them"
            ),
        }
    }

    #[test]
    fn likely_token_costs_little() {
        let loss = loss_for(0);
        assert!(
            (loss - 0.3567).abs() < 1e-3,
            "the loss when 'a' comes next is {loss}; softmax gives 'a' the \
             probability 0.7, so cross-entropy must be -ln 0.7 = 0.3567"
        );
    }

    #[test]
    fn unlikely_token_costs_more() {
        let loss = loss_for(2);
        // -ln 0.1 = ln 10
        assert!(
            (loss - std::f32::consts::LN_10).abs() < 1e-3,
            "the loss when 'c' comes next is {loss}; softmax gives 'c' the \
             probability 0.1, so cross-entropy must be -ln 0.1 = 2.3026"
        );
    }
}
