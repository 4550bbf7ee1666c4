//! Law checks on samples: functor identity and composition, the naturality
//! square, monoid identity and associativity. Each returns `Ok(())` or a
//! [`LawViolation`] that shows both sides.

use std::fmt;

use super::functor::Functor;
use super::monoid::Monoid;
use super::natural::NaturalTransformation;

/// A law that failed on a sample: which law, and the two sides that should
/// have been equal, printed with `{:?}`.
///
/// ```
/// use typed_ai::{check_monoid_identity, LossSum, Loss};
/// assert_eq!(check_monoid_identity(&LossSum::of(Loss::new(0.5)?)), Ok(()));
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LawViolation {
    law: &'static str,
    left: String,
    right: String,
}

impl LawViolation {
    /// The law, written as the equation that failed.
    pub fn law(&self) -> &'static str {
        self.law
    }

    /// The left-hand side of the equation, as computed.
    pub fn left(&self) -> &str {
        &self.left
    }

    /// The right-hand side of the equation, as computed.
    pub fn right(&self) -> &str {
        &self.right
    }
}

impl fmt::Display for LawViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} does not hold: the left side is {} but the right side is {}",
            self.law, self.left, self.right
        )
    }
}

impl std::error::Error for LawViolation {}

/// `Ok(())` when `left == right`, otherwise the violation of `law`.
fn compare<T: PartialEq + fmt::Debug>(
    law: &'static str,
    left: &T,
    right: &T,
) -> Result<(), LawViolation> {
    if left == right {
        Ok(())
    } else {
        Err(LawViolation {
            law,
            left: format!("{left:?}"),
            right: format!("{right:?}"),
        })
    }
}

/// Functor identity on one sample: `fmap(x, |a| a) == x`.
///
/// The functor cannot be inferred from the container, so name it:
///
/// ```
/// use typed_ai::{check_functor_identity, Batch, BatchFunctor};
/// let batch = Batch::new(vec![1, 2, 3])?;
/// assert_eq!(check_functor_identity::<BatchFunctor, _>(batch), Ok(()));
/// # Ok::<(), typed_ai::MlError>(())
/// ```
pub fn check_functor_identity<F, A>(wrapped: F::Wrapped<A>) -> Result<(), LawViolation>
where
    F: Functor,
    F::Wrapped<A>: Clone + PartialEq + fmt::Debug,
{
    let mapped = F::fmap(wrapped.clone(), |a| a);
    compare("functor identity: fmap(x, id) = x", &mapped, &wrapped)
}

/// Functor composition on one sample: mapping `f` then `g` equals mapping
/// "`g` after `f`" once.
///
/// ```
/// use typed_ai::{check_functor_composition, VecFunctor};
/// let logits = vec![2.0_f32, -1.0];
/// let result = check_functor_composition::<VecFunctor, _, _, _, _, _>(
///     logits,
///     |z| z * 0.5,
///     |half| half > 0.0,
/// );
/// assert_eq!(result, Ok(()));
/// ```
pub fn check_functor_composition<F, A, B, C, First, Second>(
    wrapped: F::Wrapped<A>,
    first: First,
    second: Second,
) -> Result<(), LawViolation>
where
    F: Functor,
    F::Wrapped<A>: Clone,
    F::Wrapped<C>: PartialEq + fmt::Debug,
    First: Fn(A) -> B,
    Second: Fn(B) -> C,
{
    let stepwise = F::fmap(F::fmap(wrapped.clone(), &first), &second);
    let fused = F::fmap(wrapped, |a| second(first(a)));
    compare(
        "functor composition: fmap(fmap(x, f), g) = fmap(x, g ∘ f)",
        &stepwise,
        &fused,
    )
}

/// The naturality square on one sample: transforming then mapping equals
/// mapping then transforming, `η(fmap_F(x, f)) == fmap_G(η(x), f)`.
///
/// In ML terms: for [`FirstElement`](crate::FirstElement) on a ranked list of
/// candidate tokens, decoding every candidate and then taking the first gives
/// the same word as taking the first candidate and decoding it.
///
/// ```
/// use typed_ai::{check_naturality, FirstElement};
/// let ranked_ids = vec![2_usize, 0, 1];
/// let vocabulary = ["zebra", "apple", "mango"];
/// assert_eq!(check_naturality(&FirstElement, ranked_ids, |id| vocabulary[id]), Ok(()));
/// ```
pub fn check_naturality<N, F, G, A, B, H>(
    eta: &N,
    wrapped: F::Wrapped<A>,
    f: H,
) -> Result<(), LawViolation>
where
    N: NaturalTransformation<F, G>,
    F: Functor,
    G: Functor,
    F::Wrapped<A>: Clone,
    G::Wrapped<B>: PartialEq + fmt::Debug,
    H: Fn(A) -> B,
{
    let map_then_transform = eta.transform(F::fmap(wrapped.clone(), &f));
    let transform_then_map = G::fmap(eta.transform(wrapped), &f);
    compare(
        "naturality: transform(fmap(x, f)) = fmap(transform(x), f)",
        &map_then_transform,
        &transform_then_map,
    )
}

/// Monoid identity on one sample: `empty ⊕ m == m` and `m ⊕ empty == m`.
pub fn check_monoid_identity<M>(m: &M) -> Result<(), LawViolation>
where
    M: Monoid + PartialEq + fmt::Debug,
{
    compare(
        "monoid left identity: empty ⊕ m = m",
        &M::empty().combine(m),
        m,
    )?;
    compare(
        "monoid right identity: m ⊕ empty = m",
        &m.combine(&M::empty()),
        m,
    )
}

/// Monoid associativity on one sample: `(a ⊕ b) ⊕ c == a ⊕ (b ⊕ c)`, which is
/// what lets a fold be split into shards and the shards combined later.
///
/// ```
/// use typed_ai::{check_monoid_associativity, PipelineTrace};
/// let (a, b, c) = (
///     PipelineTrace::step("embedding"),
///     PipelineTrace::step("linear_to_logits"),
///     PipelineTrace::step("softmax"),
/// );
/// assert_eq!(check_monoid_associativity(&a, &b, &c), Ok(()));
/// ```
pub fn check_monoid_associativity<M>(a: &M, b: &M, c: &M) -> Result<(), LawViolation>
where
    M: Monoid + PartialEq + fmt::Debug,
{
    compare(
        "monoid associativity: (a ⊕ b) ⊕ c = a ⊕ (b ⊕ c)",
        &a.combine(b).combine(c),
        &a.combine(&b.combine(c)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::{FirstElement, OptionFunctor, VecFunctor};

    /// A broken "functor" that reverses lists, to check that the identity
    /// check catches it and reports both sides.
    struct Reversing;
    impl Functor for Reversing {
        type Wrapped<T> = Vec<T>;
        fn fmap<A, B, F>(wrapped: Vec<A>, f: F) -> Vec<B>
        where
            F: FnMut(A) -> B,
        {
            wrapped.into_iter().rev().map(f).collect()
        }
    }

    /// A broken "monoid": subtraction has no two-sided identity and is not
    /// associative.
    #[derive(Debug, PartialEq)]
    struct Difference(i32);
    impl Monoid for Difference {
        fn empty() -> Self {
            Difference(0)
        }
        fn combine(&self, other: &Self) -> Self {
            Difference(self.0 - other.0)
        }
    }

    /// Picks the last element: not the first, but still natural.
    struct LastElement;
    impl NaturalTransformation<VecFunctor, OptionFunctor> for LastElement {
        fn transform<A>(&self, wrapped: Vec<A>) -> Option<A> {
            wrapped.into_iter().last()
        }
    }

    /// Peeks at values (keeps the list only if its first element is even):
    /// this cannot be written for every `A`, so it is defined on `i32` only
    /// and checked by hand here.
    fn first_if_even(values: Vec<i32>) -> Option<i32> {
        values.first().copied().filter(|v| v % 2 == 0)
    }

    #[test]
    fn identity_check_reports_both_sides() {
        let violation = check_functor_identity::<Reversing, _>(vec![1, 2, 3]).unwrap_err();
        assert_eq!(violation.law(), "functor identity: fmap(x, id) = x");
        assert_eq!(violation.left(), "[3, 2, 1]");
        assert_eq!(violation.right(), "[1, 2, 3]");
        assert_eq!(
            violation.to_string(),
            "functor identity: fmap(x, id) = x does not hold: \
             the left side is [3, 2, 1] but the right side is [1, 2, 3]"
        );
        // A palindrome hides the bug: samples are evidence, not proof.
        assert_eq!(
            check_functor_identity::<Reversing, _>(vec![1, 2, 1]),
            Ok(())
        );
    }

    #[test]
    fn monoid_checks_catch_subtraction() {
        // 0 − 5 = −5 ≠ 5
        let violation = check_monoid_identity(&Difference(5)).unwrap_err();
        assert_eq!(violation.left(), "Difference(-5)");
        // (8 − 4) − 2 = 2 but 8 − (4 − 2) = 6
        let violation =
            check_monoid_associativity(&Difference(8), &Difference(4), &Difference(2)).unwrap_err();
        assert_eq!(
            (violation.left(), violation.right()),
            ("Difference(2)", "Difference(6)")
        );
    }

    #[test]
    fn naturality_holds_for_position_and_fails_for_value_peeking() {
        let double = |x: i32| x * 2;
        assert_eq!(check_naturality(&FirstElement, vec![3, 4], double), Ok(()));
        assert_eq!(check_naturality(&LastElement, vec![3, 4], double), Ok(()));
        // By hand, for the value-peeking choice and f = double on [3, 4]:
        // choose(fmap([3, 4])) = choose([6, 8]) = Some(6),
        // fmap(choose([3, 4])) = fmap(None) = None.
        let left = first_if_even(VecFunctor::fmap(vec![3, 4], double));
        let right = OptionFunctor::fmap(first_if_even(vec![3, 4]), double);
        assert_ne!(left, right);
    }
}
