// The batch loss is a mean.
//
// Full-batch training scores the model on every example at once. The loss it
// descends is the mean of the per-example losses, not their sum: a mean does
// not grow when the batch grows, so the same learning rate means the same
// step size for 10 examples or 10 000 (and the gradient of a mean is the
// mean of the gradients).
//
// `batch_loss` below is our own version of the averaging inside the library's
// `mean_loss`. Make it compile. The tests at the bottom are the definition of
// done: read them, do not edit them.

use typed_ai::{CrossEntropy, Distribution, Loss, MlResult, Morphism, Product, TokenId};

/// The mean cross-entropy over a batch of (prediction, target) pairs.
fn batch_loss(batch: &[Product<Distribution, TokenId>]) -> MlResult<Loss> {
    let mut total = 0.0;
    for example in batch {
        total += CrossEntropy.apply(example.clone())?.value();
    }
    // The mean, not the sum, keeps the loss (and the step it drives) the
    // same size for any batch. The count is a usize; convert it to f32
    // explicitly, since Rust never mixes number types silently.
    Loss::new(total / batch.len() as f32)
}

/// Two predictions: one gives the right token 1/2, the other 1/4.
fn half_and_quarter() -> MlResult<Vec<Product<Distribution, TokenId>>> {
    Ok(vec![
        Product::new(Distribution::new(vec![0.5, 0.5])?, TokenId::new(0)),
        Product::new(Distribution::new(vec![0.25, 0.75])?, TokenId::new(0)),
    ])
}

fn main() -> MlResult<()> {
    let batch = half_and_quarter()?;
    println!(
        "mean loss over the batch: {:.4}",
        batch_loss(&batch)?.value()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_of_ln_2_and_ln_4() {
        // -ln 0.5 = ln 2 = 0.6931 and -ln 0.25 = ln 4 = 1.3863;
        // their mean is 1.5 ln 2 = 1.0397.
        let loss = batch_loss(&half_and_quarter().unwrap()).unwrap().value();
        assert!(
            (loss - 1.0397).abs() < 1e-3,
            "the batch loss is {loss}; the mean of ln 2 and ln 4 is 1.0397"
        );
    }

    #[test]
    fn one_example_is_its_own_mean() {
        let single = [Product::new(
            Distribution::new(vec![0.25, 0.75]).unwrap(),
            TokenId::new(0),
        )];
        let loss = batch_loss(&single).unwrap().value();
        assert!(
            (loss - 1.3863).abs() < 1e-3,
            "a batch of one example with p = 0.25 must have the loss \
             -ln 0.25 = 1.3863, not {loss}"
        );
    }

    #[test]
    fn repeating_the_batch_changes_nothing() {
        let batch = half_and_quarter().unwrap();
        let twice: Vec<_> = batch.iter().chain(batch.iter()).cloned().collect();
        let once = batch_loss(&batch).unwrap().value();
        let doubled = batch_loss(&twice).unwrap().value();
        assert!(
            (once - doubled).abs() < 1e-5,
            "the loss over the batch is {once:.4} but over the batch repeated \
             twice it is {doubled:.4}; a mean must not grow with the batch size"
        );
    }
}
