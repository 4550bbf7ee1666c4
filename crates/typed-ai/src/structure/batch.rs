//! [`Batch`], a non-empty, ordered batch of examples (or of anything computed
//! from them).

use crate::domain::{TrainingExample, TrainingSet};
use crate::error::{MlError, MlResult};

/// A non-empty, ordered batch: example `i` of the inputs, its prediction and
/// its target all sit at position `i`, so order is part of the meaning.
///
/// Non-emptiness is checked once, at construction; mapping the batch with
/// [`BatchFunctor`](crate::BatchFunctor) keeps it, so a mean over the batch
/// never divides by zero.
///
/// ```
/// use typed_ai::{Batch, MlError};
///
/// let batch = Batch::new(vec![0.5_f32, 1.5])?;
/// assert_eq!(batch.len(), 2);
/// assert_eq!(batch.first(), &0.5);
/// assert_eq!(Batch::<f32>::new(vec![]), Err(MlError::EmptyInput("batch")));
/// # Ok::<(), MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Batch<T>(Vec<T>);

impl<T> Batch<T> {
    /// A batch of at least one example; an empty list is
    /// [`MlError::EmptyInput`]`("batch")`.
    pub fn new(examples: Vec<T>) -> MlResult<Self> {
        if examples.is_empty() {
            return Err(MlError::EmptyInput("batch"));
        }
        Ok(Self(examples))
    }

    /// A batch from its first example and the rest: non-empty by
    /// construction, so it cannot fail.
    pub fn from_parts(first: T, rest: Vec<T>) -> Self {
        let mut examples = Vec::with_capacity(rest.len() + 1);
        examples.push(first);
        examples.extend(rest);
        Self(examples)
    }

    /// A batch of exactly one example.
    pub fn single(example: T) -> Self {
        Self(vec![example])
    }

    /// The first example.
    pub fn first(&self) -> &T {
        // The vector is non-empty by construction.
        &self.0[0]
    }

    /// The examples, in order.
    pub fn as_slice(&self) -> &[T] {
        &self.0
    }

    /// An iterator over the examples, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    /// The number of examples (always at least 1).
    #[expect(
        clippy::len_without_is_empty,
        reason = "a Batch is never empty by construction"
    )]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The first example and the rest, by value: the inverse of
    /// [`Batch::from_parts`].
    pub fn into_parts(self) -> (T, Vec<T>) {
        let mut rest = self.0;
        // Index 0 exists: a Batch is never empty.
        let first = rest.remove(0);
        (first, rest)
    }

    /// The examples as a plain list, giving up the non-empty guarantee.
    pub fn into_vec(self) -> Vec<T> {
        self.0
    }

    /// Maps every example in order; the length, and so non-emptiness, is
    /// kept. [`BatchFunctor`](crate::BatchFunctor) is built on this.
    pub(crate) fn map_examples<B>(self, f: impl FnMut(T) -> B) -> Batch<B> {
        Batch(self.0.into_iter().map(f).collect())
    }
}

impl<T> IntoIterator for Batch<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a Batch<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// A training set is already non-empty, so it becomes a batch without a
/// check.
impl From<&TrainingSet> for Batch<TrainingExample> {
    fn from(set: &TrainingSet) -> Self {
        Self(set.examples().to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::TokenId;

    #[test]
    fn empty_batches_are_rejected() {
        assert_eq!(Batch::<u8>::new(vec![]), Err(MlError::EmptyInput("batch")));
    }

    #[test]
    fn parts_round_trip_and_keep_order() {
        let batch = Batch::from_parts(1, vec![2, 3]);
        assert_eq!(batch.as_slice(), &[1, 2, 3]);
        assert_eq!(batch.first(), &1);
        assert_eq!(batch.len(), 3);
        assert_eq!(batch.clone().into_parts(), (1, vec![2, 3]));
        assert_eq!(Batch::single(7).into_parts(), (7, vec![]));
        assert_eq!(batch.iter().sum::<i32>(), 6);
        assert_eq!((&batch).into_iter().count(), 3);
        assert_eq!(batch.into_vec(), vec![1, 2, 3]);
    }

    #[test]
    fn a_training_set_is_a_batch() {
        let example = TrainingExample::new(TokenId::new(0), TokenId::new(1));
        let set = TrainingSet::new(vec![example, example]).unwrap();
        let batch = Batch::from(&set);
        assert_eq!(batch.len(), 2);
        assert_eq!(batch.first().target(), TokenId::new(1));
    }
}
