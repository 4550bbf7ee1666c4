//! Structure that survives mapping and folding: functors, natural
//! transformations and monoids, each with a law check that tests and
//! exercises can call on sample values.
//!
//! - A [`Functor`] maps the values inside a container and keeps the container:
//!   a [`Batch`] of examples maps to a batch of predictions, never to something
//!   of another shape or length. [`VecFunctor`], [`OptionFunctor`] and
//!   [`BatchFunctor`] are the library's instances.
//! - A [`LabelledDistribution`] is a distribution over outcomes of any type;
//!   its `map` relabels outcomes and carries every probability with its
//!   outcome, so probability mass is moved, never created.
//! - A [`NaturalTransformation`] turns one container into another without
//!   looking at the values ([`FirstElement`] picks by position).
//! - A [`Monoid`] combines values associatively and has an empty value, so a
//!   fold can be split anywhere: [`PipelineTrace`], [`LossSum`], [`MaxScore`],
//!   [`LossTotal`], folded by [`fold_all`].
//!
//! The law checks (`check_*`) compare both sides of a law on one sample with
//! `==` and return a [`LawViolation`] that prints both sides. They are
//! evidence on samples, not proofs; property tests run them on many
//! generated values. Because they use exact equality, samples of `f32`
//! monoids should be exactly representable (small multiples of 1/4, say).
//!
//! **One impl per arrow.** [`Traced`] is the only `Morphism` in this module
//! and has a single generic impl. Nothing here implements `Morphism` for a
//! second `(Input, Output)` pair, so rustc keeps inferring inputs from arrows.
//!
//! This module does not differentiate anything (that is `calculus`) and does
//! not define new nouns beyond the containers and accumulators above.

mod batch;
mod functor;
mod labelled;
mod laws;
mod monoid;
mod natural;

pub use batch::Batch;
pub use functor::{BatchFunctor, Functor, OptionFunctor, VecFunctor};
pub use labelled::LabelledDistribution;
pub use laws::{
    LawViolation, check_functor_composition, check_functor_identity, check_monoid_associativity,
    check_monoid_identity, check_naturality,
};
pub use monoid::{LossSum, LossTotal, MaxScore, Monoid, PipelineTrace, Traced, fold_all};
pub use natural::{FirstElement, ForgetNonEmpty, NaturalTransformation};
