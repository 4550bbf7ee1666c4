//! The one error type of the library: each variant names the invariant that a
//! value broke, so a learner reading `Error: OutOfRange { .. }` knows which
//! boundary they crossed.
//!
//! The enum is deliberately *exhaustive* (no `#[non_exhaustive]`): an exercise
//! matches on every variant, and adding a variant is meant to break such a
//! `match` at compile time. This module owns no validation logic; the
//! constructors in the other modules decide when to return which variant.

use std::fmt;

/// Every way a value in this library can be rejected.
///
/// The `Debug` form is what a learner sees when `main` returns `Err`, so each
/// variant carries the context needed to act on it (which operation, what was
/// expected, what arrived).
#[derive(Debug, Clone, PartialEq)]
pub enum MlError {
    /// Something that must hold at least one element was empty; the field
    /// names what (for example `"token sequence"`).
    EmptyInput(&'static str),
    /// An index was not below its limit (for example a token id outside the
    /// vocabulary).
    OutOfRange {
        /// What kind of index it was, such as `"token"`.
        kind: &'static str,
        /// The index that was asked for.
        index: usize,
        /// The exclusive upper bound it had to stay below.
        limit: usize,
    },
    /// An object's shape breaks a rule: two objects that an operation
    /// combines do not fit together, or a requested shape cannot exist (a
    /// mask row with no allowed key, more entries than memory can address).
    ShapeMismatch {
        /// The operation or constructor that found the mismatch.
        op: &'static str,
        /// The shape the operation needed.
        expected: String,
        /// The shape it received.
        got: String,
    },
    /// Values that should form a probability distribution do not: a negative
    /// or non-finite entry, or a sum away from 1. The field names where.
    InvalidProbability(&'static str),
    /// A number broke its own constraint (a learning rate that is not
    /// positive, a decay rate outside `[0, 1)`, a NaN in a parameter vector).
    InvalidScalar {
        /// What the number was meant to be, such as `"learning rate"`.
        kind: &'static str,
        /// The offending value.
        value: f32,
    },
    /// A loss that is negative or not finite: cross-entropy is `-ln p >= 0`.
    InvalidLoss(f32),
}

/// The result type of every fallible operation in the library.
pub type MlResult<T> = Result<T, MlError>;

impl fmt::Display for MlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptyInput(what) => write!(f, "{what} must not be empty"),
            Self::OutOfRange { kind, index, limit } => {
                write!(
                    f,
                    "{kind} index {index} is out of range (must be below {limit})"
                )
            }
            Self::ShapeMismatch { op, expected, got } => {
                write!(f, "shape mismatch in {op}: expected {expected}, got {got}")
            }
            Self::InvalidProbability(context) => write!(
                f,
                "{context}: not a probability distribution (entries must be finite, \
                 non-negative and sum to 1)"
            ),
            Self::InvalidScalar { kind, value } => write!(f, "invalid {kind}: {value}"),
            Self::InvalidLoss(value) => {
                write!(
                    f,
                    "invalid loss {value}: a loss must be finite and non-negative"
                )
            }
        }
    }
}

impl std::error::Error for MlError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_the_broken_invariant() {
        let error = MlError::OutOfRange {
            kind: "token",
            index: 7,
            limit: 5,
        };
        assert_eq!(
            error.to_string(),
            "token index 7 is out of range (must be below 5)"
        );
        let error = MlError::ShapeMismatch {
            op: "matrix product",
            expected: "2 columns".into(),
            got: "3 columns".into(),
        };
        assert_eq!(
            error.to_string(),
            "shape mismatch in matrix product: expected 2 columns, got 3 columns"
        );
    }

    #[test]
    fn debug_is_what_main_prints() {
        let error = MlError::OutOfRange {
            kind: "token",
            index: 7,
            limit: 5,
        };
        assert_eq!(
            format!("{error:?}"),
            r#"OutOfRange { kind: "token", index: 7, limit: 5 }"#
        );
    }
}
