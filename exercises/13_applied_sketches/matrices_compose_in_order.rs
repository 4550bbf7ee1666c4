// Chapter 13.5: matrices are arrows, and g after f runs f first
//
// A matrix with r rows and c columns takes c signals and emits r: it is an
// arrow from c to r. Running f and then g is the composite g after f, and for
// matrices that is the product g * f. It only exists when the shapes meet: f
// must emit exactly as many signals as g takes, just as `Compose` needs the
// first arrow's target to be the second arrow's source. And order matters:
// "g after f" is usually not "f after g".
//
// Here two sensor readings go through `features` (2 signals in, 3 out), then
// `score` (3 in, 1 out). The pipeline is composed in the wrong order. Run it,
// read the error, and fix the marked line. Done means `main` runs to the
// end.

use typed_ai::{MlResult, Morphism, SignalMatrix, Vector};

fn main() -> MlResult<()> {
    // 2 -> 3: the two readings, their sum, and twice the second.
    let features = SignalMatrix::new(vec![vec![1.0, 0.0], vec![1.0, 1.0], vec![0.0, 2.0]])?;
    // 3 -> 1: a weighted score of the three features.
    let score = SignalMatrix::new(vec![vec![1.0, -1.0, 1.0]])?;

    // TODO: which of the two runs first?
    let pipeline = features.compose_after(&score)?;

    let readings = Vector::new(vec![3.0, 4.0])?;
    let result = pipeline.apply(readings)?;
    println!(
        "pipeline: {} signals in, {} out; score of [3, 4] = {:?}",
        pipeline.inputs(),
        pipeline.outputs(),
        result.values()
    );
    // By hand: features = [3, 3 + 4, 2 * 4] = [3, 7, 8]; score = 3 - 7 + 8 = 4.
    assert_eq!(result.values(), &[4.0], "the score of [3, 4] should be 4");
    Ok(())
}
