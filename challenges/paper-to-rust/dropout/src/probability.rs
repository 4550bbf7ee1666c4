//! [`DropProbability`]: the chance p that dropout zeroes a unit, in [0, 1).
//!
//! p = 1 would drop every unit and make the inverted rescale 1/(1 − p)
//! divide by zero, so it is not a value of this type. p = 0 is allowed (no
//! dropout). This file only validates; the arrow is in `dropout.rs`.

use typed_ai::{MlError, MlResult};

/// The probability of dropping a unit during training: finite, in [0, 1).
///
/// ```
/// use dropout::DropProbability;
/// use typed_ai::MlError;
/// assert_eq!(DropProbability::new(0.5)?.value(), 0.5);
/// assert_eq!(
///     DropProbability::new(1.0),
///     Err(MlError::InvalidScalar { kind: "drop probability", value: 1.0 })
/// );
/// # Ok::<(), MlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct DropProbability(f32);

impl DropProbability {
    /// p in [0, 1); anything else is
    /// `InvalidScalar { kind: "drop probability", .. }`.
    pub fn new(p: f32) -> MlResult<Self> {
        if !(0.0..1.0).contains(&p) {
            return Err(MlError::InvalidScalar {
                kind: "drop probability",
                value: p,
            });
        }
        Ok(Self(p))
    }

    /// p.
    pub fn value(self) -> f32 {
        self.0
    }

    /// 1 − p, the probability that a unit is kept; never 0.
    pub fn keep(self) -> f32 {
        1.0 - self.0
    }
}
