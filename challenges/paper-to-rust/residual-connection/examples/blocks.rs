//! Residual blocks around three sublayers: one that does nothing, one that
//! shifts, one whose output does not fit. `challenge.toml`'s ledger names the
//! lines this example must print.

use residual_connection::{Residual, ResidualAdd};
use typed_ai::{HiddenSequence, Identity, MlResult, Morphism, Product, ProjectedAttentionOutput};

/// F(x) = 0.
struct Zero;

impl Morphism<HiddenSequence, HiddenSequence> for Zero {
    fn name(&self) -> String {
        "zero".to_string()
    }

    fn apply(&self, x: HiddenSequence) -> MlResult<HiddenSequence> {
        HiddenSequence::new(vec![vec![0.0; x.width()]; x.len()])
    }
}

/// A sublayer that returns width 3 whatever it reads.
struct Widen;

impl Morphism<HiddenSequence, HiddenSequence> for Widen {
    fn name(&self) -> String {
        "widen".to_string()
    }

    fn apply(&self, x: HiddenSequence) -> MlResult<HiddenSequence> {
        HiddenSequence::new(vec![vec![1.0; 3]; x.len()])
    }
}

fn main() -> MlResult<()> {
    let x = HiddenSequence::new(vec![vec![1.0, 2.0], vec![3.0, 4.0]])?;
    println!("x = {:?}", x.to_rows());

    let zero_block = Residual::new(Zero).apply(x.clone())?;
    println!(
        "x + 0 equals identity(x): {}",
        zero_block == Identity.apply(x.clone())?
    );

    let update = ProjectedAttentionOutput::new(vec![vec![0.5, 1.5], vec![2.5, 3.5]])?;
    let next = ResidualAdd.apply(Product::new(x.clone(), update))?;
    println!("x + [[0.5, 1.5], [2.5, 3.5]] = {:?}", next.to_rows());

    if let Err(error) = Residual::new(Widen).apply(x) {
        println!("a width-3 sublayer: {error}");
    }
    Ok(())
}
