// Chapter 3.5: compose is "second after first"
//
// `Compose::new(first, second)` builds the arrow that applies `first`, then
// `second`. Mathematicians write that arrow `second ∘ first` ("second after
// first"), right to left, and that is how its name reads too. When both
// arrows go from an object to itself, the types cannot catch a swapped
// order, but the numbers can.
//
// A hidden layer of a neural network adds a bias b to its input x, then
// applies ReLU, which turns negative values into 0: relu(x + b). The
// composite below runs the two steps the other way round. Done when the tests
// pass (do not edit the tests).

use typed_ai::{Compose, MlError, MlResult, Morphism, Vector};

/// Adds a fixed bias: x -> x + b.
struct AddBias(Vector);

impl Morphism<Vector, Vector> for AddBias {
    fn name(&self) -> String {
        "add_bias".to_string()
    }

    fn apply(&self, x: Vector) -> MlResult<Vector> {
        if x.len() != self.0.len() {
            return Err(MlError::ShapeMismatch {
                op: "add bias",
                expected: format!("vector of length {}", self.0.len()),
                got: format!("length {}", x.len()),
            });
        }
        Vector::new(
            x.values()
                .iter()
                .zip(self.0.values())
                .map(|(a, b)| a + b)
                .collect(),
        )
    }
}

/// The rectified linear unit on every feature: max(0, value).
struct Relu;

impl Morphism<Vector, Vector> for Relu {
    fn name(&self) -> String {
        "relu".to_string()
    }

    fn apply(&self, x: Vector) -> MlResult<Vector> {
        Vector::new(x.values().iter().map(|value| value.max(0.0)).collect())
    }
}

/// One hidden layer's bias and activation: x -> relu(x + b).
fn biased_relu(bias: Vector) -> impl Morphism<Vector, Vector> {
    // `Compose::new(first, second)`: the bias is added first, and ReLU sees
    // the biased values, as in relu(x + b).
    Compose::<_, _, Vector>::new(AddBias(bias), Relu)
}

fn main() -> MlResult<()> {
    let layer = biased_relu(Vector::new(vec![1.0, 1.0])?);
    let out = layer.apply(Vector::new(vec![-2.0, 1.0])?)?;
    println!(
        "{}([-2, 1]) with b = [1, 1] is {:?}",
        layer.name(),
        out.values()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relu_comes_after_the_bias() {
        let layer = biased_relu(Vector::new(vec![1.0, 1.0]).unwrap());
        let out = layer.apply(Vector::new(vec![-2.0, 1.0]).unwrap()).unwrap();
        assert_eq!(
            out.values(),
            &[0.0, 2.0],
            "relu(x + b) for x = [-2, 1], b = [1, 1] is relu([-1, 2]) = [0, 2]; \
             [1, 2] would be relu(x) + b, the steps in the wrong order"
        );
    }

    #[test]
    fn the_name_reads_relu_after_add_bias() {
        let layer = biased_relu(Vector::new(vec![1.0, 1.0]).unwrap());
        assert_eq!(
            layer.name(),
            "relu ∘ add_bias",
            "a composite is named `second ∘ first`: relu applied after add_bias"
        );
    }
}
