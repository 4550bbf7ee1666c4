//! Smoothed targets and the soft loss on the card's numbers.
//! `challenge.toml`'s ledger names the lines this example must print.

use label_smoothing::{Prediction, SmoothedTarget, SmoothingEpsilon, SoftCrossEntropy};
use typed_ai::{CrossEntropy, Distribution, MlResult, Morphism, Product, TokenId, VocabSize};

fn show(row: &[f32]) -> String {
    let cells: Vec<String> = row.iter().map(|x| format!("{x:.4}")).collect();
    format!("[{}]", cells.join(", "))
}

fn main() -> MlResult<()> {
    let vocab = VocabSize::new(4)?;
    let smoothed = SmoothedTarget::new(TokenId::new(2), vocab, SmoothingEpsilon::new(0.1)?)?;
    println!(
        "K = 4, ε = 0.1, label 2: {}",
        show(smoothed.probabilities())
    );
    let one_hot = SmoothedTarget::new(TokenId::new(2), vocab, SmoothingEpsilon::new(0.0)?)?;
    println!("K = 4, ε = 0, label 2: {}", show(one_hot.probabilities()));

    let prediction = Distribution::new(vec![0.1, 0.2, 0.6, 0.1])?;
    println!("prediction: {}", show(prediction.probabilities()));
    let soft_zero =
        SoftCrossEntropy.apply(Product::new(Prediction::new(prediction.clone()), one_hot))?;
    let plain = CrossEntropy.apply(Product::new(prediction.clone(), TokenId::new(2)))?;
    println!(
        "ε = 0: soft loss {:.4}, cross-entropy {:.4}",
        soft_zero.value(),
        plain.value()
    );
    let soft = SoftCrossEntropy.apply(Product::new(Prediction::new(prediction), smoothed))?;
    println!("ε = 0.1: soft loss {:.4}", soft.value());

    if let Err(error) = SmoothedTarget::new(TokenId::new(4), vocab, SmoothingEpsilon::new(0.1)?) {
        println!("label 4 in a vocabulary of 4: {error}");
    }
    Ok(())
}
