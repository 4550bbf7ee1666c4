// Chapter 8.2: a node's backward rule comes from its local derivatives
//
// On the backward pass every node receives dL/dz, how much the loss moves
// per unit of its output z, and must tell each of its inputs how much the
// loss moves per unit of *that* input. The chain rule says how: multiply
// dL/dz by the input's local derivative, how much z moves when that one
// input is nudged by a little and every other input stays put. So a node's
// backward rule is read off its forward formula, one input at a time.
//
// `Times` is a hand-written multiplication node, z = x · y. Its forward pass
// is right; its backward pass scales each input's gradient by the wrong
// number. Work out what a nudge of x does to x · y, then a nudge of y. Done
// when the tests pass; the tests at the bottom are the definition of done,
// do not edit them.

use typed_ai::{BinaryOp, LocalGradient, MlResult, Scalar};

/// The node z = x · y, remembering its inputs for the backward pass.
struct Times {
    x: Scalar,
    y: Scalar,
}

impl Times {
    fn new(x: Scalar, y: Scalar) -> Self {
        Times { x, y }
    }
}

impl BinaryOp for Times {
    fn forward(&self) -> MlResult<Scalar> {
        Scalar::new(self.x.value() * self.y.value())
    }

    fn backward(&self, upstream: LocalGradient) -> MlResult<(LocalGradient, LocalGradient)> {
        // TODO: by how much does z move when x alone moves? And when y does?
        Ok((upstream.scaled_by(self.x)?, upstream.scaled_by(self.y)?))
    }
}

fn main() -> MlResult<()> {
    let node = Times::new(Scalar::new(2.0)?, Scalar::new(3.0)?);
    let (dx, dy) = node.backward(LocalGradient::one())?;
    println!("z = 2 · 3 = {}", node.forward()?.value());
    println!("dL/dx = {}, dL/dy = {}", dx.value(), dy.value());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::{DifferenceStep, GradientTolerance, check_binary_op};

    fn node(x: f32, y: f32) -> Times {
        Times::new(Scalar::new(x).unwrap(), Scalar::new(y).unwrap())
    }

    #[test]
    fn gradient_of_x_by_hand() {
        // x = 2, y = 3, dL/dz = 1. Nudge x to 2 + ε with y kept at 3: z moves
        // from 6 to 6 + 3ε, three times the nudge, so dL/dx = 1 · 3 = 3.
        let (dx, _) = node(2.0, 3.0).backward(LocalGradient::one()).unwrap();
        assert_eq!(
            dx.value(),
            3.0,
            "for z = x·y at x = 2, y = 3, nudging x by ε moves z by 3ε, so dL/dx \
             is 3 (with dL/dz = 1); got {}",
            dx.value()
        );
    }

    #[test]
    fn gradient_of_y_by_hand() {
        // Nudge y to 3 + ε with x kept at 2: z moves from 6 to 6 + 2ε.
        let (_, dy) = node(2.0, 3.0).backward(LocalGradient::one()).unwrap();
        assert_eq!(
            dy.value(),
            2.0,
            "for z = x·y at x = 2, y = 3, nudging y by ε moves z by 2ε, so dL/dy \
             is 2 (with dL/dz = 1); got {}",
            dy.value()
        );
    }

    #[test]
    fn the_upstream_gradient_scales_both() {
        // dL/dz = 0.5 scales both answers above: 0.5 · 3 = 1.5 and 0.5 · 2 = 1.0.
        let upstream = LocalGradient::new(0.5).unwrap();
        let (dx, dy) = node(2.0, 3.0).backward(upstream).unwrap();
        assert_eq!((dx.value(), dy.value()), (1.5, 1.0));
    }

    #[test]
    fn agrees_with_central_differences() {
        let [dx, dy] = check_binary_op(
            Times::new,
            Scalar::new(-1.5).unwrap(),
            Scalar::new(4.0).unwrap(),
            DifferenceStep::new(1e-2).unwrap(),
            GradientTolerance::new(1e-3).unwrap(),
        )
        .unwrap();
        assert!(dx.agrees(), "dL/dx: {dx}");
        assert!(dy.agrees(), "dL/dy: {dy}");
    }
}
