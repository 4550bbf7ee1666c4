// Chapter 8.1: the backward pass starts from dL/dz, not from z
//
// Backpropagation runs a computation twice. The forward pass computes values
// (inputs, activations, the prediction, the loss). The backward pass carries
// sensitivities: for each value v, dL/dv, how much the loss moves when v
// moves. Both are single `f32`s, but they answer different questions, so
// `typed_ai` gives them different types: `Scalar` for forward values,
// `LocalGradient` for backward sensitivities.
//
// A one-weight model predicts z = weight · input, and the loss is the squared
// error L = ½(z − target)². The multiplication node knows how to send a
// gradient back to its two inputs, but it must first be given dL/dz: how
// much the loss moves per unit of prediction. That depends on the loss, not
// only on z. The code below hands the node the prediction itself, a forward
// value, and rustc refuses. Work out dL/dz for this loss and start the
// backward pass from it.
//
// Done when the file compiles and the tests pass; the tests at the bottom are
// the definition of done, do not edit them.

use typed_ai::{BinaryOp, LocalGradient, MlResult, MulOp, Scalar};

/// The squared error ½(z − target)² of the prediction z.
fn squared_error(prediction: f32, target: f32) -> f32 {
    0.5 * (prediction - target).powi(2)
}

/// The gradients (dL/dweight, dL/dinput) of L = ½(weight · input − target)².
fn gradients(weight: f32, input: f32, target: f32) -> MlResult<(LocalGradient, LocalGradient)> {
    let node = MulOp::new(Scalar::new(weight)?, Scalar::new(input)?);
    let prediction = node.forward()?;
    // TODO: the backward pass starts from dL/dz. What is it for this loss?
    node.backward(prediction)
}

fn main() -> MlResult<()> {
    let (weight, input, target) = (3.0, 2.0, 4.0);
    let (d_weight, d_input) = gradients(weight, input, target)?;
    println!(
        "z = {weight} · {input} = {}, target {target}, loss {}",
        weight * input,
        squared_error(weight * input, target)
    );
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
    use typed_ai::{DifferenceStep, GradientTolerance, central_difference, check_gradient};

    #[test]
    fn weight_gradient_by_hand() {
        // z = 3 · 2 = 6, target 4, L = ½(6 − 4)² = 2. Nudging z to 6 + ε
        // makes L = ½(2 + ε)² = 2 + 2ε + ε²/2, so dL/dz = 2 here, and
        // dL/dweight = dL/dz · dz/dweight = 2 · input = 2 · 2 = 4.
        let (d_weight, _) = gradients(3.0, 2.0, 4.0).unwrap();
        assert_eq!(
            d_weight.value(),
            4.0,
            "dL/dweight = dL/dz · input, and for L = ½(z − target)² at z = 6, target 4, \
             dL/dz is 2, so 2 · 2 = 4"
        );
    }

    #[test]
    fn input_gradient_by_hand() {
        // dL/dinput = dL/dz · weight = 2 · 3 = 6.
        let (_, d_input) = gradients(3.0, 2.0, 4.0).unwrap();
        assert_eq!(
            d_input.value(),
            6.0,
            "dL/dinput = dL/dz · weight = 2 · 3 = 6"
        );
    }

    #[test]
    fn a_perfect_prediction_has_no_gradient() {
        // z = 3 · 2 = 6 = target: the loss is at its minimum, nothing to fix.
        let (d_weight, d_input) = gradients(3.0, 2.0, 6.0).unwrap();
        assert_eq!(
            (d_weight.value(), d_input.value()),
            (0.0, 0.0),
            "when the prediction equals the target, the squared error is at its \
             minimum and every gradient is 0"
        );
    }

    #[test]
    fn agrees_with_central_differences() {
        // Nudge the weight and the input in turn and watch the loss move.
        let (weight, input, target) = (-1.5, 4.0, 0.5);
        let (d_weight, d_input) = gradients(weight, input, target).unwrap();
        let h = DifferenceStep::new(1e-2).unwrap();
        let tolerance = GradientTolerance::new(1e-2).unwrap();
        let numeric_weight =
            central_difference(|w| squared_error(w * input, target), weight, h).unwrap();
        let numeric_input =
            central_difference(|x| squared_error(weight * x, target), input, h).unwrap();
        let weight_check = check_gradient(d_weight.value(), numeric_weight, tolerance);
        let input_check = check_gradient(d_input.value(), numeric_input, tolerance);
        assert!(weight_check.agrees(), "dL/dweight: {weight_check}");
        assert!(input_check.agrees(), "dL/dinput: {input_check}");
    }
}
