//! A Galois connection between two orders, with a law checker, and one
//! instance from everyday training code: how many mini-batches a number of
//! examples needs.
//!
//! This file owns the [`GaloisConnection`] trait and the [`MiniBatching`]
//! instance; it does not try to find adjoints automatically.

use crate::error::{MlError, MlResult};

/// A Galois connection: a best approximation in both directions between a
/// concrete order and a coarser, abstract one.
///
/// **The idea.** `abstraction` turns a concrete value into the *smallest*
/// abstract value that covers it, and `concretisation` turns an abstract
/// value into the *largest* concrete value it covers. The two are tied by one
/// law, for every `x` and `y`:
///
/// ```text
/// abstraction(x) ≤ y   ⇔   x ≤ concretisation(y)
/// ```
///
/// "y batches are enough for x examples" must mean the same as "x examples
/// fit in y batches". When the law holds, each side determines the other, so
/// rounding mistakes show up as a counterexample to the law.
pub trait GaloisConnection {
    /// The fine-grained side, such as a number of examples.
    type Concrete: PartialOrd + Copy;
    /// The coarse side, such as a number of batches.
    type Abstract: PartialOrd + Copy;

    /// The smallest abstract value that covers `concrete` (the left adjoint).
    fn abstraction(&self, concrete: Self::Concrete) -> Self::Abstract;

    /// The largest concrete value that `abstract_value` covers (the right
    /// adjoint).
    fn concretisation(&self, abstract_value: Self::Abstract) -> Self::Concrete;

    /// Whether the law `abstraction(x) ≤ y ⇔ x ≤ concretisation(y)` holds at
    /// this pair.
    fn law_holds(&self, concrete: Self::Concrete, abstract_value: Self::Abstract) -> bool {
        let left = self.abstraction(concrete) <= abstract_value;
        let right = concrete <= self.concretisation(abstract_value);
        left == right
    }
}

/// The first pair `(x, y)` from the given values where the Galois law fails,
/// or `None` if it holds for all of them.
///
/// ```
/// use typed_ai::{BatchCount, ExampleCount, MiniBatching, galois_counterexample};
/// let batching = MiniBatching::new(4)?;
/// let examples: Vec<_> = (0..=40).map(ExampleCount::new).collect();
/// let batches: Vec<_> = (0..=12).map(BatchCount::new).collect();
/// assert_eq!(galois_counterexample(&batching, &examples, &batches), None);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
pub fn galois_counterexample<G: GaloisConnection>(
    pair: &G,
    concretes: &[G::Concrete],
    abstracts: &[G::Abstract],
) -> Option<(G::Concrete, G::Abstract)> {
    concretes.iter().find_map(|&x| {
        abstracts
            .iter()
            .find(|&&y| !pair.law_holds(x, y))
            .map(|&y| (x, y))
    })
}

/// A number of training examples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ExampleCount(usize);

impl ExampleCount {
    /// `count` examples (zero is a valid count).
    pub fn new(count: usize) -> Self {
        Self(count)
    }

    /// The number of examples.
    pub fn get(self) -> usize {
        self.0
    }
}

/// A number of mini-batches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BatchCount(usize);

impl BatchCount {
    /// `count` batches (zero is a valid count).
    pub fn new(count: usize) -> Self {
        Self(count)
    }

    /// The number of batches.
    pub fn get(self) -> usize {
        self.0
    }
}

/// Splitting examples into mini-batches of a fixed size: a Galois connection
/// between example counts and batch counts.
///
/// `abstraction` is the number of batches needed, rounded **up** (the last
/// batch may be partial); `concretisation` is how many examples that many
/// full batches hold. With batch size 4: 9 examples need 3 batches, and 2
/// batches hold 8 examples. Rounding down instead, like a data loader with
/// `drop_last`, says 2 batches suffice for 9 examples while they hold only
/// 8: the law fails, and one example is silently never trained on.
///
/// ```
/// use typed_ai::{BatchCount, ExampleCount, GaloisConnection, MiniBatching};
/// let batching = MiniBatching::new(4)?;
/// assert_eq!(batching.abstraction(ExampleCount::new(9)), BatchCount::new(3));
/// assert_eq!(batching.concretisation(BatchCount::new(2)), ExampleCount::new(8));
/// assert!(batching.law_holds(ExampleCount::new(9), BatchCount::new(2)));
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MiniBatching {
    batch_size: usize,
}

impl MiniBatching {
    /// Batches of `batch_size` examples; zero is `EmptyInput("batch size")`.
    pub fn new(batch_size: usize) -> MlResult<Self> {
        if batch_size == 0 {
            return Err(MlError::EmptyInput("batch size"));
        }
        Ok(Self { batch_size })
    }

    /// The number of examples in a full batch.
    pub fn batch_size(&self) -> usize {
        self.batch_size
    }
}

impl GaloisConnection for MiniBatching {
    type Concrete = ExampleCount;
    type Abstract = BatchCount;

    fn abstraction(&self, examples: ExampleCount) -> BatchCount {
        BatchCount(examples.0.div_ceil(self.batch_size))
    }

    fn concretisation(&self, batches: BatchCount) -> ExampleCount {
        // Saturating: a count near usize::MAX of batches holds "all" examples.
        ExampleCount(batches.0.saturating_mul(self.batch_size))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same pair rounded down: what `drop_last` computes.
    struct FloorBatching(usize);

    impl GaloisConnection for FloorBatching {
        type Concrete = ExampleCount;
        type Abstract = BatchCount;
        fn abstraction(&self, examples: ExampleCount) -> BatchCount {
            BatchCount(examples.0 / self.0)
        }
        fn concretisation(&self, batches: BatchCount) -> ExampleCount {
            ExampleCount(batches.0 * self.0)
        }
    }

    fn small_counts() -> (Vec<ExampleCount>, Vec<BatchCount>) {
        (
            (0..=40).map(ExampleCount).collect(),
            (0..=12).map(BatchCount).collect(),
        )
    }

    #[test]
    fn ceiling_batching_satisfies_the_law_for_all_small_counts() {
        let (examples, batches) = small_counts();
        for size in 1..=6 {
            let pair = MiniBatching::new(size).unwrap();
            assert_eq!(
                galois_counterexample(&pair, &examples, &batches),
                None,
                "batch size {size}"
            );
        }
    }

    #[test]
    fn floor_batching_breaks_the_law_at_nine_examples_and_two_batches() {
        // ⌊9/4⌋ = 2 ≤ 2 is true, but 9 ≤ 2·4 = 8 is false.
        let floor = FloorBatching(4);
        assert!(!floor.law_holds(ExampleCount(9), BatchCount(2)));
        let (examples, batches) = small_counts();
        // The first failure in counting order: one example "needs"
        // ⌊1/4⌋ = 0 batches, yet 0 batches hold no examples.
        assert_eq!(
            galois_counterexample(&floor, &examples, &batches),
            Some((ExampleCount(1), BatchCount(0)))
        );
    }

    #[test]
    fn batch_size_zero_is_rejected() {
        assert_eq!(MiniBatching::new(0), Err(MlError::EmptyInput("batch size")));
    }
}
