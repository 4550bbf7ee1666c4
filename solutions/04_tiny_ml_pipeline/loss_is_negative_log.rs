// Chapter 4.6: a loss is never negative
//
// Cross-entropy scores one prediction by the probability p it gave the token
// that really came next: certain and right (p = 1) costs 0, and the cost
// grows without bound as p falls towards 0. A `Loss` is validated: its
// constructor rejects negative values, so a loss with the wrong sign cannot
// reach the training loop.
//
// `cross_entropy` below is our own version of the library's `CrossEntropy`.
// Run the file and read the error `main` returns, then fix the formula.
// Done means `main` returns `Ok(())`: it checks your loss against the
// library's.

use typed_ai::{CrossEntropy, Distribution, Loss, MlResult, Morphism, Product, TokenId};

/// The cross-entropy of `prediction` when `target` is the token that came next.
fn cross_entropy(prediction: &Distribution, target: TokenId) -> MlResult<Loss> {
    let p = prediction.probability(target)?;
    // ln p <= 0 for every probability 0 < p <= 1, so the loss is its
    // negation: -ln 1 = 0 for a certain, right guess, and -ln p grows as p
    // shrinks. (`-p.ln()` is `-(p.ln())`: the method call binds first.)
    Loss::new(-p.ln())
}

fn main() -> MlResult<()> {
    // A fairly confident model: 88% on token 1, the token that came next.
    let prediction = Distribution::new(vec![0.02, 0.88, 0.10])?;
    for index in [1, 2, 0] {
        let target = TokenId::new(index);
        let p = prediction.probability(target)?;
        let yours = cross_entropy(&prediction, target)?;
        let library = CrossEntropy.apply(Product::new(prediction.clone(), target))?;
        println!(
            "token {index} came next (p = {p}): your loss {:.4}, the library's {:.4}",
            yours.value(),
            library.value()
        );
        assert!(
            (yours.value() - library.value()).abs() < 1e-5,
            "your cross-entropy must equal the library's -ln p for p = {p}"
        );
    }
    Ok(())
}

// Wrong fixes `main` rejects: `-p.log10()` (the base-10 logarithm: for
// p = 0.88 it is 0.0555, not 0.1278; cross-entropy uses the natural log), and
// `1.0 - p` (small when p is large, like a loss, but not -ln p: 0.12 for
// p = 0.88, and only 1 for p = 0, where -ln p grows without bound).
