//! Type obligations: a misuse that must not compile, proved by compiling it.
//!
//! | file | what it owns |
//! |---|---|
//! | `judge.rs` | whether one compile kept its obligation: the claimed error, inside the misuse |
//! | `snippet.rs` | the text a course snippet is compiled as: the learner's file, then the snippet in a function |
//! | `pending.rs` | a check's snippets compiled beside it, once its file type-checked, and their results |
//!
//! The course's `[[exercises.must_not_compile]]` snippets and the
//! challenges' `[[must_not_compile]]` files share this judgement; each
//! compiles its misuses its own way (`pending.rs` beside a check,
//! `challenge/typed.rs` for a challenge).

mod judge;
mod pending;
mod snippet;

pub use judge::{Claim, Finding, Region, describe_error, judge};
pub use pending::{ObligationResult, ObligationStatus};
pub(super) use pending::{Pending, SnippetCheck, key_parts};
pub use snippet::{SnippetSource, snippet_source};
