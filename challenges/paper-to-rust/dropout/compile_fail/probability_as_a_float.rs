//! Must not compile: a raw float as the drop probability. p = 1 would make
//! inverted dropout divide by 1 − p = 0, and a negative or NaN p is no
//! probability at all, so `Dropout` takes a validated `DropProbability`.

use dropout::Dropout;

/// Dropout built from an unchecked number.
pub fn dropout_of_everything() -> Dropout {
    Dropout::new(1.0)
}
