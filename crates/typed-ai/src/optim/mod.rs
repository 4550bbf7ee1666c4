//! Optimizers as endomorphisms on their own state objects: SGD, momentum,
//! Adam and AdamW.
//!
//! Every optimizer here is an arrow `State → State`. The arrow holds what
//! stays fixed during training (hyper-parameters and the function that
//! computes a gradient); the state holds everything that changes from one
//! step to the next (the parameters and any optimizer memory: a velocity,
//! Adam's two moments and its step count). Because [`Morphism::apply`] takes
//! `&self`, an optimizer cannot hide memory inside itself, as a PyTorch
//! optimizer does with its buffers: the memory travels in the state, so the
//! same step applied to the same state always gives the same result, and
//! training for `n` steps is [`apply_endomorphism_n_times`].
//!
//! | optimizer | arrow | state |
//! |---|---|---|
//! | plain gradient descent | [`SgdStep`] | [`ParameterVector`] |
//! | heavy-ball momentum | [`MomentumStep`] | [`MomentumState`] (parameters, [`Velocity`]) |
//! | Adam | [`AdamStep`] | [`AdamState`] (parameters, [`FirstMoment`], [`SecondMoment`], [`AdamStepCount`]) |
//! | AdamW | [`AdamWStep`] | [`AdamState`], plus a [`WeightDecay`] in the arrow |
//!
//! **Where gradients come from.** A step holds a gradient function
//! `Fn(&ParameterVector) -> MlResult<Gradient>` and calls it on the incoming
//! parameters, so a step is a complete arrow that can be repeated. For the
//! tiny model, wrap [`crate::loss_gradient`] and convert with
//! [`ParameterVector::from_parameters`] / [`ParameterVector::to_parameters`].
//!
//! **One impl per arrow.** Each step implements [`Morphism`] for exactly one
//! `(State, State)` pair, so rustc can name the state an arrow expects when it
//! is handed something else ("expected `AdamState`, found `ParameterVector`").
//!
//! The transformer's own AdamW, which carries its moments beside the
//! transformer's weights and decays only the tensors a mask names, is
//! `transformer::TransformerAdamWStep`; it runs the same update as
//! [`AdamWStep`].
//!
//! This module does not compute gradients (that is `training` and
//! `calculus`), schedule learning rates, or clip gradients.
//!
//! [`Morphism`]: crate::Morphism
//! [`Morphism::apply`]: crate::Morphism::apply
//! [`apply_endomorphism_n_times`]: crate::apply_endomorphism_n_times

mod adam;
mod adamw;
mod momentum;
mod sgd;
mod vectors;

/// The shared update, also used by the transformer's AdamW (`transformer::adamw`).
pub(crate) use adam::adam_update;
pub use adam::{AdamConfig, AdamState, AdamStep, AdamStepCount, FirstMoment, SecondMoment};
pub use adamw::{AdamWStep, WeightDecay};
pub use momentum::{MomentumCoefficient, MomentumState, MomentumStep, Velocity};
pub use sgd::SgdStep;
pub use vectors::{Gradient, ParameterVector};
