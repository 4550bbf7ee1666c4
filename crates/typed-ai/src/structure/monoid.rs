//! [`Monoid`] and the accumulators a training loop folds: the trace of arrows
//! run ([`PipelineTrace`], with [`Traced`] to record it), a sum of losses
//! ([`LossSum`]), a best score ([`MaxScore`]) and a mean kept as a sum and a
//! count ([`LossTotal`]). [`fold_all`] folds any of them.

use std::fmt;

use crate::category::Morphism;
use crate::domain::{Loss, Product};
use crate::error::{MlError, MlResult};

/// A type with an associative `combine` and an `empty` value that changes
/// nothing when combined:
///
/// - identity: `empty().combine(&m) == m == m.combine(&empty())`;
/// - associativity: `a.combine(&b).combine(&c) == a.combine(&b.combine(&c))`.
///
/// Associativity is what lets a fold over a dataset be split into shards,
/// folded on different machines, and the partial results combined in any
/// grouping; `empty` is the result for a shard with nothing in it.
///
/// `f32` gets no impl on purpose: it has (at least) two monoids, sum with 0
/// and max with −∞, so each gets a named wrapper ([`LossSum`], [`MaxScore`]).
///
/// ```
/// use typed_ai::{fold_all, Loss, LossSum, Monoid};
/// let shard_a = LossSum::of(Loss::new(0.5)?).combine(&LossSum::of(Loss::new(0.25)?));
/// let shard_b = LossSum::of(Loss::new(1.0)?);
/// assert_eq!(shard_a.combine(&shard_b).total(), 1.75);
/// assert_eq!(fold_all(Vec::<LossSum>::new()), LossSum::empty());
/// # Ok::<(), typed_ai::MlError>(())
/// ```
pub trait Monoid {
    /// The value that changes nothing when combined: the fold of nothing.
    fn empty() -> Self;

    /// Combines two values into a new one, reading both.
    fn combine(&self, other: &Self) -> Self;
}

/// Folds `items` in order, starting from [`Monoid::empty`]; an empty input
/// gives `empty()`.
///
/// ```
/// use typed_ai::{fold_all, PipelineTrace};
/// let trace = fold_all(["embedding", "linear_to_logits", "softmax"].map(PipelineTrace::step));
/// assert_eq!(trace.to_string(), "embedding → linear_to_logits → softmax");
/// ```
pub fn fold_all<M, I>(items: I) -> M
where
    M: Monoid,
    I: IntoIterator<Item = M>,
{
    items
        .into_iter()
        .fold(M::empty(), |total, item| total.combine(&item))
}

/// The names of the arrows a pipeline ran, in order. Combining two traces
/// concatenates them, so order matters: `a ⊕ b` is "a, then b".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipelineTrace(Vec<String>);

impl PipelineTrace {
    /// The trace of one arrow run, by name.
    pub fn step(name: impl Into<String>) -> Self {
        Self(vec![name.into()])
    }

    /// The trace of running `arrow` once, named by [`Morphism::name`].
    ///
    /// ```
    /// use typed_ai::{PipelineTrace, Softmax};
    /// assert_eq!(PipelineTrace::of(&Softmax).names(), &["softmax"]);
    /// ```
    pub fn of<I, O>(arrow: &impl Morphism<I, O>) -> Self {
        Self::step(arrow.name())
    }

    /// The names, first arrow first.
    pub fn names(&self) -> &[String] {
        &self.0
    }

    /// How many arrows ran.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no arrow ran (the empty trace).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Monoid for PipelineTrace {
    fn empty() -> Self {
        Self(Vec::new())
    }

    fn combine(&self, other: &Self) -> Self {
        let mut names = self.0.clone();
        names.extend(other.0.iter().cloned());
        Self(names)
    }
}

impl fmt::Display for PipelineTrace {
    /// `embedding → linear_to_logits → softmax`, or `(nothing ran)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(nothing ran)");
        }
        f.write_str(&self.0.join(" → "))
    }
}

/// An arrow that also records its own name: it maps `input × trace` to
/// `output × (trace ⊕ [name])`. Composing traced arrows therefore combines
/// their traces, in the order they ran.
///
/// ```
/// use typed_ai::{Compose, Logits, Monoid, Morphism, PipelineTrace, Product, Softmax, Traced};
/// # use typed_ai::{Distribution, MlResult};
/// # struct Sharpen;
/// # impl Morphism<Logits, Logits> for Sharpen {
/// #     fn name(&self) -> String { "sharpen".into() }
/// #     fn apply(&self, z: Logits) -> MlResult<Logits> {
/// #         Logits::new(z.scores().iter().map(|s| 2.0 * s).collect())
/// #     }
/// # }
/// let pipeline = Compose::<_, _, Product<Logits, PipelineTrace>>::new(
///     Traced::new(Sharpen),
///     Traced::new(Softmax),
/// );
/// let start = Product::new(Logits::new(vec![0.0, 0.0])?, PipelineTrace::empty());
/// let (p, trace): (Distribution, PipelineTrace) = pipeline.apply(start)?.into_parts();
/// assert_eq!(p.probabilities(), &[0.5, 0.5]);
/// assert_eq!(trace.to_string(), "sharpen → softmax");
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Traced<M> {
    arrow: M,
}

impl<M> Traced<M> {
    /// Wraps `arrow` so that applying it appends its name to the trace.
    pub fn new(arrow: M) -> Self {
        Self { arrow }
    }

    /// The wrapped arrow.
    pub fn arrow(&self) -> &M {
        &self.arrow
    }
}

impl<I, O, M> Morphism<Product<I, PipelineTrace>, Product<O, PipelineTrace>> for Traced<M>
where
    M: Morphism<I, O>,
{
    fn name(&self) -> String {
        format!("traced {}", self.arrow.name())
    }

    fn apply(&self, input: Product<I, PipelineTrace>) -> MlResult<Product<O, PipelineTrace>> {
        let (value, trace) = input.into_parts();
        let output = self.arrow.apply(value)?;
        Ok(Product::new(
            output,
            trace.combine(&PipelineTrace::step(self.arrow.name())),
        ))
    }
}

/// The sum of several losses (over examples, shards or steps): 0 when there
/// is nothing to add.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LossSum(f32);

impl LossSum {
    /// The sum of a single loss.
    pub fn of(loss: Loss) -> Self {
        Self(loss.value())
    }

    /// The total so far.
    pub fn total(self) -> f32 {
        self.0
    }

    /// The total as a [`Loss`]; an [`MlError::InvalidLoss`] only if the sum
    /// overflowed `f32`.
    pub fn into_loss(self) -> MlResult<Loss> {
        Loss::new(self.0)
    }
}

impl From<Loss> for LossSum {
    fn from(loss: Loss) -> Self {
        Self::of(loss)
    }
}

impl Monoid for LossSum {
    fn empty() -> Self {
        Self(0.0)
    }

    fn combine(&self, other: &Self) -> Self {
        Self(self.0 + other.0)
    }
}

/// The best (largest) score seen so far. Its empty value is −∞, the only
/// number that loses to every score: starting a max from 0 would report 0 for
/// a row of negative logits.
///
/// ```
/// use typed_ai::{fold_all, MaxScore, Monoid};
/// let row = [-3.0, -1.5, -2.0].map(MaxScore::new).into_iter().collect::<Result<Vec<_>, _>>()?;
/// assert_eq!(fold_all(row).value(), -1.5);
/// assert_eq!(MaxScore::empty().value(), f32::NEG_INFINITY);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MaxScore(f32);

impl MaxScore {
    /// A finite score. NaN and ±∞ are [`MlError::InvalidScalar`]: NaN has
    /// no place in an order, and −∞ is reserved for the empty max.
    pub fn new(score: f32) -> MlResult<Self> {
        if !score.is_finite() {
            return Err(MlError::InvalidScalar {
                kind: "score",
                value: score,
            });
        }
        Ok(Self(score))
    }

    /// The best score, or −∞ when nothing has been seen.
    pub fn value(self) -> f32 {
        self.0
    }

    /// Whether nothing has been seen yet.
    pub fn is_empty(self) -> bool {
        self.0 == f32::NEG_INFINITY
    }
}

impl Monoid for MaxScore {
    fn empty() -> Self {
        Self(f32::NEG_INFINITY)
    }

    fn combine(&self, other: &Self) -> Self {
        Self(self.0.max(other.0))
    }
}

/// A mean loss kept as `(sum, count)`. A mean on its own is not a monoid
/// (the mean of two means ignores how many examples each summarised), but
/// the pair is, and the mean is read off at the end.
///
/// ```
/// use typed_ai::{Loss, LossTotal, Monoid};
/// // Shard A: three losses of 3.0. Shard B: one loss of 1.0.
/// let a = [3.0, 3.0, 3.0].map(|l| LossTotal::of(Loss::new(l).unwrap()));
/// let shard_a = a.iter().fold(LossTotal::empty(), |t, l| t.combine(l));
/// let shard_b = LossTotal::of(Loss::new(1.0)?);
/// // (9 + 1) / (3 + 1) = 2.5, not (3 + 1) / 2 = 2.
/// assert_eq!(shard_a.combine(&shard_b).mean()?.value(), 2.5);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LossTotal {
    sum: f32,
    count: usize,
}

impl LossTotal {
    /// The total of a single loss: `(loss, 1)`.
    pub fn of(loss: Loss) -> Self {
        Self {
            sum: loss.value(),
            count: 1,
        }
    }

    /// The sum of the losses.
    pub fn sum(self) -> f32 {
        self.sum
    }

    /// How many losses were added.
    pub fn count(self) -> usize {
        self.count
    }

    /// `sum / count`; [`MlError::EmptyInput`]`("loss total")` when no loss was
    /// added, since the mean of nothing is undefined.
    pub fn mean(self) -> MlResult<Loss> {
        if self.count == 0 {
            return Err(MlError::EmptyInput("loss total"));
        }
        Loss::new(self.sum / self.count as f32)
    }
}

impl Monoid for LossTotal {
    fn empty() -> Self {
        Self { sum: 0.0, count: 0 }
    }

    fn combine(&self, other: &Self) -> Self {
        Self {
            sum: self.sum + other.sum,
            count: self.count + other.count,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::category::{Compose, Identity};

    fn loss(value: f32) -> Loss {
        Loss::new(value).unwrap()
    }

    struct AddOne;
    impl Morphism<i32, i32> for AddOne {
        fn name(&self) -> String {
            "add_one".into()
        }
        fn apply(&self, x: i32) -> MlResult<i32> {
            Ok(x + 1)
        }
    }

    struct FailIfBig;
    impl Morphism<i32, i32> for FailIfBig {
        fn name(&self) -> String {
            "fail_if_big".into()
        }
        fn apply(&self, x: i32) -> MlResult<i32> {
            if x > 10 {
                Err(MlError::InvalidScalar {
                    kind: "small number",
                    value: x as f32,
                })
            } else {
                Ok(x)
            }
        }
    }

    #[test]
    fn concat_folds_in_order_from_empty() {
        let trace = fold_all(["tokenize", "embed", "softmax"].map(PipelineTrace::step));
        assert_eq!(trace.names(), &["tokenize", "embed", "softmax"]);
        assert_eq!(trace.len(), 3);
        assert_eq!(
            fold_all(Vec::<PipelineTrace>::new()),
            PipelineTrace::empty()
        );
        assert!(PipelineTrace::empty().is_empty());
        assert_eq!(PipelineTrace::empty().to_string(), "(nothing ran)");
        // Order matters: the trace monoid is not commutative.
        let (a, b) = (PipelineTrace::step("a"), PipelineTrace::step("b"));
        assert_ne!(a.combine(&b), b.combine(&a));
    }

    #[test]
    fn traced_arrows_record_their_names_in_order() {
        let pipeline = Compose::<_, _, Product<i32, PipelineTrace>>::new(
            Traced::new(AddOne),
            Traced::new(Identity),
        );
        let start = Product::new(1, PipelineTrace::step("load"));
        let (value, trace) = Morphism::<_, Product<i32, PipelineTrace>>::apply(&pipeline, start)
            .unwrap()
            .into_parts();
        assert_eq!(value, 2);
        assert_eq!(trace.to_string(), "load → add_one → identity");
        assert_eq!(PipelineTrace::of(&AddOne).names(), &["add_one"]);
        assert_eq!(
            Morphism::<Product<i32, PipelineTrace>, Product<i32, PipelineTrace>>::name(
                &Traced::new(AddOne)
            ),
            "traced add_one"
        );
        // An error stops the pipeline, trace and all.
        let failing = Traced::new(FailIfBig);
        assert!(
            failing
                .apply(Product::new(11, PipelineTrace::empty()))
                .is_err()
        );
        assert!(matches!(failing.arrow(), FailIfBig));
    }

    #[test]
    fn loss_sum_adds_hand_values() {
        // 0.5 + 0.25 + 1.25 = 2.0
        let total = fold_all([0.5, 0.25, 1.25].map(|l| LossSum::of(loss(l))));
        assert_eq!(total.total(), 2.0);
        assert_eq!(total.into_loss(), Ok(loss(2.0)));
        assert_eq!(LossSum::from(loss(0.5)), LossSum::of(loss(0.5)));
        let huge = LossSum::of(loss(f32::MAX)).combine(&LossSum::of(loss(f32::MAX)));
        assert_eq!(huge.into_loss(), Err(MlError::InvalidLoss(f32::INFINITY)));
    }

    #[test]
    fn max_score_identity_is_negative_infinity() {
        let row = [-3.0, -1.5, -2.0].map(|s| MaxScore::new(s).unwrap());
        assert_eq!(fold_all(row).value(), -1.5);
        // With 0 as the start, this row would wrongly report 0.
        let negative = MaxScore::new(-3.0).unwrap();
        assert_eq!(MaxScore::empty().combine(&negative), negative);
        assert!(MaxScore::empty().is_empty());
        assert!(!negative.is_empty());
        for bad in [f32::NAN, f32::INFINITY, f32::NEG_INFINITY] {
            assert!(matches!(
                MaxScore::new(bad),
                Err(MlError::InvalidScalar { kind: "score", .. })
            ));
        }
    }

    #[test]
    fn loss_total_mean_is_split_invariant() {
        // A = [3, 3, 3], B = [1]: the whole mean is (9 + 1) / 4 = 2.5, while
        // the mean of the two shard means would be (3 + 1) / 2 = 2.
        let a = fold_all([3.0, 3.0, 3.0].map(|l| LossTotal::of(loss(l))));
        let b = LossTotal::of(loss(1.0));
        let whole = a.combine(&b);
        assert_eq!((whole.sum(), whole.count()), (10.0, 4));
        assert_eq!(whole.mean(), Ok(loss(2.5)));
        assert_eq!(
            LossTotal::empty().mean(),
            Err(MlError::EmptyInput("loss total"))
        );
    }
}
