//! [`FanIn`] and [`FanOut`]: the number of inputs feeding each unit of a
//! layer and the number of units it feeds, both non-zero.
//!
//! They are both counts, and the formulas treat them differently (He uses
//! only the fan-in; a weight matrix is fan-in rows × fan-out columns), so
//! they are different types: `initialize(fan_out, fan_in, ..)` does not
//! compile. This file only validates; the schemes are in `init.rs`.

use typed_ai::{MlError, MlResult};

/// The number of inputs each unit of a layer reads; at least 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FanIn(usize);

impl FanIn {
    /// A fan-in of `inputs`; 0 is `EmptyInput("fan-in")`.
    pub fn new(inputs: usize) -> MlResult<Self> {
        if inputs == 0 {
            return Err(MlError::EmptyInput("fan-in"));
        }
        Ok(Self(inputs))
    }

    /// The count.
    pub fn get(self) -> usize {
        self.0
    }
}

/// The number of units a layer's inputs feed (its width); at least 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FanOut(usize);

impl FanOut {
    /// A fan-out of `outputs`; 0 is `EmptyInput("fan-out")`.
    pub fn new(outputs: usize) -> MlResult<Self> {
        if outputs == 0 {
            return Err(MlError::EmptyInput("fan-out"));
        }
        Ok(Self(outputs))
    }

    /// The count.
    pub fn get(self) -> usize {
        self.0
    }
}
