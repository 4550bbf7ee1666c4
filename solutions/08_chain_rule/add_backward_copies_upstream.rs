// Chapter 8.3: addition copies the gradient to both inputs
//
// For z = x + y, nudging x by a little changes z by exactly as much, so
// dz/dx = 1, and dz/dy = 1 too. The chain rule then gives
// dL/dx = dL/dz · 1 = dL/dz, and the same for y: an addition node hands the
// whole upstream gradient to each input. Gradients are not a quantity that
// must be shared out; each input gets its own sensitivity.
//
// `Plus` is a hand-written addition node that splits the upstream gradient
// in half between its inputs. Done when the tests pass; the tests at the
// bottom are the definition of done, do not edit them.

use typed_ai::{BinaryOp, LocalGradient, MlResult, Scalar};

/// The node z = x + y.
struct Plus {
    x: Scalar,
    y: Scalar,
}

impl Plus {
    fn new(x: Scalar, y: Scalar) -> Self {
        Plus { x, y }
    }
}

impl BinaryOp for Plus {
    fn forward(&self) -> MlResult<Scalar> {
        Scalar::new(self.x.value() + self.y.value())
    }

    fn backward(&self, upstream: LocalGradient) -> MlResult<(LocalGradient, LocalGradient)> {
        // dz/dx = dz/dy = 1, so each input receives dL/dz · 1 = dL/dz: the
        // upstream gradient is copied to both, not split between them.
        Ok((upstream, upstream))
    }
}

fn main() -> MlResult<()> {
    let node = Plus::new(Scalar::new(2.0)?, Scalar::new(3.0)?);
    let (dx, dy) = node.backward(LocalGradient::one())?;
    println!("z = 2 + 3 = {}", node.forward()?.value());
    println!("dL/dx = {}, dL/dy = {}", dx.value(), dy.value());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::{DifferenceStep, GradientTolerance, check_binary_op};

    fn s(value: f32) -> Scalar {
        Scalar::new(value).unwrap()
    }

    #[test]
    fn both_inputs_get_the_whole_upstream() {
        let (dx, dy) = Plus::new(s(2.0), s(3.0))
            .backward(LocalGradient::one())
            .unwrap();
        assert_eq!(
            (dx.value(), dy.value()),
            (1.0, 1.0),
            "for z = x + y, dz/dx = dz/dy = 1, so each input gets the whole \
             upstream gradient 1.0 (copied, not split)"
        );
    }

    #[test]
    fn the_upstream_gradient_passes_through_unchanged() {
        // dL/dz = −4 reaches both inputs as −4 (dz/dx = dz/dy = 1).
        let upstream = LocalGradient::new(-4.0).unwrap();
        let (dx, dy) = Plus::new(s(2.0), s(3.0)).backward(upstream).unwrap();
        assert_eq!(
            (dx.value(), dy.value()),
            (-4.0, -4.0),
            "dL/dx = dL/dz · dz/dx = −4 · 1; the backward pass must use the upstream gradient"
        );
    }

    #[test]
    fn a_value_used_twice_collects_both_gradients() {
        // L = x + x at x = 5: L = 2x, so dL/dx = 2. The two paths each carry
        // dL/dz = 1 back to x, and the gradients of the two uses add up.
        let x = s(5.0);
        let (first_use, second_use) = Plus::new(x, x).backward(LocalGradient::one()).unwrap();
        let total = first_use.plus(second_use).unwrap();
        assert_eq!(total.value(), 2.0, "d(x + x)/dx = 2, got {}", total.value());
    }

    #[test]
    fn agrees_with_central_differences() {
        let [dx, dy] = check_binary_op(
            Plus::new,
            s(-1.5),
            s(4.0),
            DifferenceStep::new(1e-2).unwrap(),
            GradientTolerance::new(1e-3).unwrap(),
        )
        .unwrap();
        assert!(dx.agrees(), "dL/dx: {dx}");
        assert!(dy.agrees(), "dL/dy: {dy}");
    }
}

// Wrong fixes this file's tests reject:
// - `Ok((LocalGradient::one(), LocalGradient::one()))` (the local derivative
//   dz/dx = 1 instead of the chain rule's dL/dz · 1): right only when
//   dL/dz = 1, so `the_upstream_gradient_passes_through_unchanged` fails.
// - splitting the gradient in half (the unsolved code): 0.5 each, so
//   `both_inputs_get_the_whole_upstream` fails, and x + x gets 1, not 2.
