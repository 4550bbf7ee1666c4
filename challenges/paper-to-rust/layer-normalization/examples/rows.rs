//! Layer normalisation on the card's rows. `challenge.toml`'s ledger names
//! the lines this example must print.

use layer_normalization::LayerNorm;
use typed_ai::{
    HiddenSequence, LayerNormParameters, MlResult, ModelDimension, Morphism, NormalizationEpsilon,
    Vector,
};

fn show(row: &[f32]) -> String {
    let cells: Vec<String> = row.iter().map(|x| format!("{x:.4}")).collect();
    format!("[{}]", cells.join(", "))
}

fn main() -> MlResult<()> {
    let plain = LayerNorm::new(LayerNormParameters::identity(
        ModelDimension::new(2)?,
        NormalizationEpsilon::default(),
    ));
    let input = HiddenSequence::new(vec![vec![1.0, 3.0], vec![2.0, 4.0]])?;
    let out = plain.apply(input.clone())?;
    for (x, y) in input.rows().zip(out.rows()) {
        println!("{} -> {}", show(x), show(y));
    }

    let constant = plain.apply(HiddenSequence::new(vec![vec![2.0, 2.0]])?)?;
    println!("constant [2, 2] -> {}", show(constant.row(0)?));

    let alone = plain.apply(HiddenSequence::new(vec![vec![1.0, 3.0]])?)?;
    let crowded = plain.apply(HiddenSequence::new(vec![
        vec![1.0, 3.0],
        vec![100.0, -7.0],
    ])?)?;
    let same = alone.row(0)? == crowded.row(0)?;
    println!("[1, 3] next to [100, -7] gives the same row as alone: {same}");

    let affine = LayerNorm::new(LayerNormParameters::new(
        Vector::new(vec![2.0, 0.5])?,
        Vector::new(vec![1.0, -1.0])?,
        NormalizationEpsilon::default(),
    )?);
    let out = affine.apply(HiddenSequence::new(vec![vec![1.0, 3.0]])?)?;
    println!(
        "scale [2, 0.5], shift [1, -1]: [1, 3] -> {}",
        show(out.row(0)?)
    );
    Ok(())
}
