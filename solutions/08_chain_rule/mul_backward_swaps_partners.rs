// Chapter 8.2: multiplication sends each input its partner
//
// For z = x · y, nudging x by a little changes z by y times as much, so
// dz/dx = y, and likewise dz/dy = x. On the backward pass, the chain rule
// multiplies the upstream gradient dL/dz by these local derivatives:
// dL/dx = dL/dz · y and dL/dy = dL/dz · x. Each input's gradient is scaled by
// the *other* input.
//
// `Times` is a hand-written multiplication node. Its forward pass is right;
// its backward pass is not. Done when the tests pass; the tests at the bottom
// are the definition of done, do not edit them.

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
        // dz/dx = y and dz/dy = x: each input's gradient is the upstream
        // gradient scaled by its partner.
        Ok((upstream.scaled_by(self.y)?, upstream.scaled_by(self.x)?))
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
    fn d_dx_is_y() {
        let (dx, _) = node(2.0, 3.0).backward(LocalGradient::one()).unwrap();
        assert_eq!(
            dx.value(),
            3.0,
            "dL/dx should be y = 3.0 for z = x·y (x = 2, y = 3), got {}",
            dx.value()
        );
    }

    #[test]
    fn d_dy_is_x() {
        let (_, dy) = node(2.0, 3.0).backward(LocalGradient::one()).unwrap();
        assert_eq!(
            dy.value(),
            2.0,
            "dL/dy should be x = 2.0 for z = x·y (x = 2, y = 3), got {}",
            dy.value()
        );
    }

    #[test]
    fn the_upstream_gradient_scales_both() {
        // dL/dz = 0.5: dL/dx = 0.5 · 3 = 1.5 and dL/dy = 0.5 · 2 = 1.0.
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

// Wrong fixes this file's tests reject:
// - `Ok((upstream, upstream))` (the rule of addition): both gradients come
//   out as 1 instead of 3 and 2, so `d_dx_is_y` and `d_dy_is_x` fail.
// - scaling both by the product x·y (the forward value z): 6 and 6, and the
//   central-difference check disagrees.
