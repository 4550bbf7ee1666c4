//! Arrows between the library's objects: the [`Morphism`] trait, the
//! [`Identity`] arrow, composition with [`Compose`], endomorphisms and their
//! repetition.
//!
//! A morphism `Input → Output` is a named, fallible function. Types are the
//! objects; an arrow can only be composed with another when the first one's
//! target type is the second one's source type, and the compiler checks that.
//!
//! **One impl per arrow.** Library arrows implement `Morphism` for exactly one
//! `(Input, Output)` pair where exercises rely on it (`CrossEntropy`,
//! `ScaledDotProductScores`, `WeightedValueMixing`, ...). With a single impl,
//! rustc can infer the expected input from the arrow alone and its error says
//! "expected `Distribution`, found `Logits`"; a second impl would turn that
//! lesson into a vaguer "trait bound not satisfied".

use std::marker::PhantomData;

use crate::error::MlResult;

/// A named, typed, fallible arrow from `Input` to `Output`.
///
/// Arrows take `&self`: applying one never changes it. Anything that changes
/// from one application to the next (optimizer memory, a step counter) belongs
/// in the object the arrow maps, not in the arrow.
///
/// ```
/// use typed_ai::{Morphism, MlResult};
///
/// struct Double;
/// impl Morphism<i32, i32> for Double {
///     fn name(&self) -> String {
///         "double".to_string()
///     }
///     fn apply(&self, input: i32) -> MlResult<i32> {
///         Ok(input * 2)
///     }
/// }
/// assert_eq!(Double.apply(21), Ok(42));
/// ```
pub trait Morphism<Input, Output> {
    /// A short human-readable name, used in traces and error reports.
    fn name(&self) -> String;

    /// Maps one input to one output, or says which invariant failed.
    fn apply(&self, input: Input) -> MlResult<Output>;
}

/// The arrow that returns its input unchanged: `id ∘ f = f = f ∘ id`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Identity;

impl<A> Morphism<A, A> for Identity {
    fn name(&self) -> String {
        "identity".to_string()
    }

    fn apply(&self, input: A) -> MlResult<A> {
        Ok(input)
    }
}

/// `second ∘ first`: apply `first`, then `second` to its output.
///
/// `Middle` is the object between the two arrows. It is a type parameter so
/// that a composite whose halves do not meet is a compile error at the place it
/// is used, naming the missing `Morphism<Middle, _>` impl.
///
/// ```
/// use typed_ai::{Compose, Identity, Morphism, MlResult};
///
/// struct AddOne;
/// impl Morphism<i32, i32> for AddOne {
///     fn name(&self) -> String { "add_one".into() }
///     fn apply(&self, x: i32) -> MlResult<i32> { Ok(x + 1) }
/// }
/// struct Double;
/// impl Morphism<i32, i32> for Double {
///     fn name(&self) -> String { "double".into() }
///     fn apply(&self, x: i32) -> MlResult<i32> { Ok(x * 2) }
/// }
///
/// // "double after add_one": (4 + 1) * 2
/// let f = Compose::<_, _, i32>::new(AddOne, Double);
/// assert_eq!(f.apply(4), Ok(10));
/// assert_eq!(Morphism::<i32, i32>::name(&f), "double ∘ add_one");
/// # let _ = Identity;
/// ```
pub struct Compose<F, G, Middle> {
    first: F,
    second: G,
    middle: PhantomData<fn() -> Middle>,
}

impl<F, G, Middle> Compose<F, G, Middle> {
    /// The composite "`second` after `first`".
    pub fn new(first: F, second: G) -> Self {
        Self {
            first,
            second,
            middle: PhantomData,
        }
    }

    /// The arrow applied first.
    pub fn first(&self) -> &F {
        &self.first
    }

    /// The arrow applied second.
    pub fn second(&self) -> &G {
        &self.second
    }
}

impl<F: Clone, G: Clone, Middle> Clone for Compose<F, G, Middle> {
    fn clone(&self) -> Self {
        Self::new(self.first.clone(), self.second.clone())
    }
}

impl<F: std::fmt::Debug, G: std::fmt::Debug, Middle> std::fmt::Debug for Compose<F, G, Middle> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compose")
            .field("first", &self.first)
            .field("second", &self.second)
            .finish()
    }
}

impl<A, Middle, C, F, G> Morphism<A, C> for Compose<F, G, Middle>
where
    F: Morphism<A, Middle>,
    G: Morphism<Middle, C>,
{
    fn name(&self) -> String {
        format!("{} ∘ {}", self.second.name(), self.first.name())
    }

    fn apply(&self, input: A) -> MlResult<C> {
        let middle = self.first.apply(input)?;
        self.second.apply(middle)
    }
}

/// An arrow from an object to itself, `A → A`: the only kind of arrow that
/// can be applied again to its own output (training steps, optimizer steps,
/// transformer blocks with a fixed mask).
///
/// Implemented automatically for every `Morphism<A, A>`.
pub trait Endomorphism<A>: Morphism<A, A> {}

impl<A, T: Morphism<A, A>> Endomorphism<A> for T {}

/// A number of applications of an endomorphism: how many to run, or (in a
/// training state) how many have run so far. Zero is allowed: applying an
/// arrow zero times is the identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StepCount(usize);

impl StepCount {
    /// A count of `steps` applications.
    pub fn new(steps: usize) -> Self {
        Self(steps)
    }

    /// The number of applications.
    pub fn get(self) -> usize {
        self.0
    }
}

/// Applies `step` to `start` `steps` times, feeding each output back in, and
/// stops at the first error.
///
/// ```
/// use typed_ai::{apply_endomorphism_n_times, Morphism, MlResult, StepCount};
/// struct Double;
/// impl Morphism<u32, u32> for Double {
///     fn name(&self) -> String { "double".into() }
///     fn apply(&self, x: u32) -> MlResult<u32> { Ok(x * 2) }
/// }
/// assert_eq!(apply_endomorphism_n_times(&Double, 3, StepCount::new(4)), Ok(48));
/// ```
pub fn apply_endomorphism_n_times<A, E>(step: &E, start: A, steps: StepCount) -> MlResult<A>
where
    E: Endomorphism<A> + ?Sized,
{
    let mut state = start;
    for _ in 0..steps.get() {
        state = step.apply(state)?;
    }
    Ok(state)
}

/// An endomorphism repeated a fixed number of times, itself an endomorphism.
#[derive(Debug, Clone)]
pub struct Repeat<E> {
    step: E,
    steps: StepCount,
}

impl<E> Repeat<E> {
    /// `step` applied `steps` times.
    pub fn new(step: E, steps: StepCount) -> Self {
        Self { step, steps }
    }
}

impl<A, E: Endomorphism<A>> Morphism<A, A> for Repeat<E> {
    fn name(&self) -> String {
        format!("{}^{}", self.step.name(), self.steps.get())
    }

    fn apply(&self, input: A) -> MlResult<A> {
        apply_endomorphism_n_times(&self.step, input, self.steps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::MlError;

    struct AddOne;
    impl Morphism<i64, i64> for AddOne {
        fn name(&self) -> String {
            "add_one".into()
        }
        fn apply(&self, x: i64) -> MlResult<i64> {
            Ok(x + 1)
        }
    }

    struct Double;
    impl Morphism<i64, i64> for Double {
        fn name(&self) -> String {
            "double".into()
        }
        fn apply(&self, x: i64) -> MlResult<i64> {
            Ok(x * 2)
        }
    }

    /// Fails on negative inputs, to check that errors short-circuit.
    struct RejectNegative;
    impl Morphism<i64, i64> for RejectNegative {
        fn name(&self) -> String {
            "reject_negative".into()
        }
        fn apply(&self, x: i64) -> MlResult<i64> {
            if x < 0 {
                Err(MlError::InvalidScalar {
                    kind: "non-negative input",
                    value: x as f32,
                })
            } else {
                Ok(x)
            }
        }
    }

    #[test]
    fn compose_is_second_after_first() {
        let f = Compose::<_, _, i64>::new(AddOne, Double);
        assert_eq!(f.apply(4), Ok(10));
        let g = Compose::<_, _, i64>::new(Double, AddOne);
        assert_eq!(g.apply(4), Ok(9));
        assert_eq!(Morphism::<i64, i64>::name(&f), "double ∘ add_one");
    }

    #[test]
    fn errors_short_circuit_through_composition() {
        let f = Compose::<_, _, i64>::new(RejectNegative, Double);
        assert!(f.apply(-1).is_err());
        let g = Compose::<_, _, i64>::new(AddOne, RejectNegative);
        assert_eq!(g.apply(-1), Ok(0));
    }

    #[test]
    fn repeat_applies_n_times_and_zero_is_identity() {
        assert_eq!(
            apply_endomorphism_n_times(&Double, 1, StepCount::new(10)),
            Ok(1024)
        );
        assert_eq!(
            apply_endomorphism_n_times(&Double, 7, StepCount::new(0)),
            Ok(7)
        );
        let r = Repeat::new(AddOne, StepCount::new(3));
        assert_eq!(r.apply(0), Ok(3));
        assert_eq!(Morphism::<i64, i64>::name(&r), "add_one^3");
    }
}
