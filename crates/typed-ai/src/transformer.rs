//! The `transformer` module: written by its owner; see the crate doc for its scope.
