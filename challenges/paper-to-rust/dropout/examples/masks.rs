//! Seeded inverted dropout in both modes. `challenge.toml`'s ledger names
//! the lines this example must print.

use dropout::{DropProbability, Dropout, DropoutMode};
use typed_ai::{HiddenSequence, MlResult, Morphism, Product, Seed};

fn main() -> MlResult<()> {
    let d = Dropout::new(DropProbability::new(0.2)?);
    let x = HiddenSequence::new(vec![vec![1.0, 2.0, 3.0, 4.0, 5.0]])?;
    println!("p = 0.2, x = {:?}", x.row(0)?);

    let eval = d.apply(Product::new(x.clone(), DropoutMode::Eval))?;
    println!("eval: {:?} (unchanged: {})", eval.row(0)?, eval == x);
    let train = d.apply(Product::new(x, DropoutMode::Train(Seed::new(3))))?;
    println!("train, seed 3: {:?}", train.row(0)?);

    let units = HiddenSequence::new(vec![vec![1.0; 100]; 100])?;
    let out = d.apply(Product::new(units, DropoutMode::Train(Seed::new(2012))))?;
    let values: Vec<f32> = out.rows().flatten().copied().collect();
    let kept = 1.0 / d.probability().keep();
    let only_two_values = values.iter().all(|&v| v == 0.0 || (v - kept).abs() < 1e-6);
    println!("every train output is 0 or x/(1 - p) = {kept}: {only_two_values}");
    let mean = values.iter().sum::<f32>() / values.len() as f32;
    println!(
        "train mean of 10000 units of 1.0: {mean:.4}, within 2%: {}",
        (mean - 1.0).abs() < 0.02
    );

    if let Err(error) = DropProbability::new(1.0) {
        println!("p = 1: {error}");
    }
    Ok(())
}
