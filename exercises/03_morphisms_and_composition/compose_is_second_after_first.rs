// Chapter 3.5: compose is "second after first"
//
// `Compose::new(first, second)` builds the arrow that applies `first`, then
// `second`. Mathematicians write that arrow `second ∘ first` ("second after
// first"), right to left, and that is how its name reads too. When both
// arrows go from an object to itself, the types cannot catch a swapped
// order, but the numbers can.
//
// A hidden layer of a neural network computes relu(W·x + b): it multiplies
// its input x by a weight matrix W, adds a bias b, then applies ReLU, which
// turns every negative value into 0. That is two arrows from `Vector` to
// `Vector`: the affine map x -> W·x + b, and ReLU. The composite below runs
// them the other way round. Done when the tests pass (do not edit the
// tests).

use typed_ai::{Compose, Matrix, MlError, MlResult, Morphism, Vector};

/// The affine map x -> W·x + b.
struct Affine {
    weights: Matrix,
    bias: Vector,
}

impl Morphism<Vector, Vector> for Affine {
    fn name(&self) -> String {
        "affine".to_string()
    }

    fn apply(&self, x: Vector) -> MlResult<Vector> {
        let product = self.weights.mul_vector(&x)?;
        if product.len() != self.bias.len() {
            return Err(MlError::ShapeMismatch {
                op: "add bias",
                expected: format!("vector of length {}", self.bias.len()),
                got: format!("length {}", product.len()),
            });
        }
        Vector::new(
            product
                .values()
                .iter()
                .zip(self.bias.values())
                .map(|(wx, b)| wx + b)
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

/// One hidden layer: x -> relu(W·x + b).
fn hidden_layer(weights: Matrix, bias: Vector) -> impl Morphism<Vector, Vector> {
    // TODO: which of the two steps does this composite run first?
    Compose::<_, _, Vector>::new(Relu, Affine { weights, bias })
}

/// W = [[1, 1], [-1, 2]] and b = [-1, 0.5].
fn tiny_layer() -> MlResult<impl Morphism<Vector, Vector>> {
    Ok(hidden_layer(
        Matrix::new(vec![vec![1.0, 1.0], vec![-1.0, 2.0]])?,
        Vector::new(vec![-1.0, 0.5])?,
    ))
}

fn main() -> MlResult<()> {
    let layer = tiny_layer()?;
    for x in [vec![-2.0, 1.0], vec![0.0, -1.0]] {
        let out = layer.apply(Vector::new(x.clone())?)?;
        println!("{}({x:?}) = {:?}", layer.name(), out.values());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer_of(x: Vec<f32>) -> Vec<f32> {
        let layer = tiny_layer().unwrap();
        layer
            .apply(Vector::new(x).unwrap())
            .unwrap()
            .values()
            .to_vec()
    }

    #[test]
    fn relu_comes_after_the_affine_map() {
        // W·x for x = [-2, 1] is [1*-2 + 1*1, -1*-2 + 2*1] = [-1, 4]; adding
        // b gives [-2, 4.5]; ReLU gives [0, 4.5].
        assert_eq!(
            layer_of(vec![-2.0, 1.0]),
            [0.0, 4.5],
            "relu(W·x + b) for x = [-2, 1] is relu([-2, 4.5]) = [0, 4.5]; [0, 2.5] \
             is W·relu(x) + b, the two steps in the wrong order"
        );
    }

    #[test]
    fn a_hidden_layer_never_outputs_a_negative_value() {
        // W·x for x = [0, -1] is [-1, -2]; adding b gives [-2, -1.5]; ReLU
        // gives [0, 0]. In the wrong order: relu(x) = [0, 0], W·0 + b = b.
        let out = layer_of(vec![0.0, -1.0]);
        assert_eq!(
            out,
            [0.0, 0.0],
            "ReLU is the layer's last step, so its output is never negative; got {out:?}"
        );
    }

    #[test]
    fn the_name_reads_relu_after_affine() {
        assert_eq!(
            tiny_layer().unwrap().name(),
            "relu ∘ affine",
            "a composite is named `second ∘ first`: relu applied after the affine map"
        );
    }
}
