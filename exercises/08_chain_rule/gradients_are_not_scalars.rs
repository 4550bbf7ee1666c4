// Chapter 8.1: a gradient is not a forward value
//
// Backpropagation runs a computation twice. The forward pass computes values
// (inputs, activations, the loss). The backward pass carries sensitivities:
// for each value v, dL/dv, how much the loss moves when v moves. Both are
// single `f32`s, but they answer different questions, so `typed_ai` gives
// them different types: `Scalar` for forward values, `LocalGradient` for
// backward sensitivities.
//
// A one-weight model predicts `weight · input`, and for this exercise the
// loss is the prediction itself, L = z. The backward pass must start from
// dL/dz, but the code hands the node a forward value. Done when the file
// compiles and the tests pass; the tests at the bottom are the definition of
// done, do not edit them.

use typed_ai::{BinaryOp, LocalGradient, MlResult, MulOp, Scalar};

/// The gradients (dL/dweight, dL/dinput) of L = weight · input.
fn gradients(weight: f32, input: f32) -> MlResult<(LocalGradient, LocalGradient)> {
    let node = MulOp::new(Scalar::new(weight)?, Scalar::new(input)?);
    // TODO: the backward pass starts from dL/dz, and here L = z.
    let upstream = Scalar::new(1.0)?;
    node.backward(upstream)
}

fn main() -> MlResult<()> {
    let (d_weight, d_input) = gradients(3.0, 2.0)?;
    println!("z = weight · input = 3 · 2");
    println!(
        "dL/dweight = {}, dL/dinput = {}",
        d_weight.value(),
        d_input.value()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weight_gradient_is_the_input() {
        let (d_weight, _) = gradients(3.0, 2.0).unwrap();
        assert_eq!(
            d_weight.value(),
            2.0,
            "for z = weight · input, dz/dweight is the input, 2.0"
        );
    }

    #[test]
    fn input_gradient_is_the_weight() {
        let (_, d_input) = gradients(3.0, 2.0).unwrap();
        assert_eq!(
            d_input.value(),
            3.0,
            "for z = weight · input, dz/dinput is the weight, 3.0"
        );
    }
}
