//! Type obligations: a misuse that must not compile, proved by compiling it.
//!
//! | file | what it owns |
//! |---|---|
//! | `judge.rs` | whether one compile kept its obligation: the claimed error, inside the misuse |
//!
//! The course's `[[exercises.must_not_compile]]` snippets and the
//! challenges' `[[must_not_compile]]` files share this judgement; each
//! compiles its misuses its own way.

mod judge;

pub use judge::{Claim, Finding, Region, describe_error, judge};
