//! [`ExampleFeatures`]: the features of one example, one row of a
//! sequence, and the only thing layer-norm statistics are taken over.
//!
//! Layer normalisation's claim is about an axis: the mean and variance come
//! from the H hidden units of one example, never from one unit across the
//! batch (that is batch normalisation). A `HiddenSequence` is a grid of
//! numbers where both axes are slices of `f32`, so the axis is put in a
//! type here: an `ExampleFeatures` is made only by walking a sequence's rows
//! ([`ExampleFeatures::each`]), and the statistics (`statistics.rs`) take
//! nothing else. A column, a batch of one feature, cannot be one.

use typed_ai::HiddenSequence;

/// The H features of one example (one position of a sequence).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExampleFeatures<'a>(&'a [f32]);

impl<'a> ExampleFeatures<'a> {
    /// Every example of `sequence`, one per row, in order.
    ///
    /// ```
    /// use layer_normalization::ExampleFeatures;
    /// use typed_ai::HiddenSequence;
    /// let batch = HiddenSequence::new(vec![vec![1.0, 3.0], vec![2.0, 4.0]])?;
    /// let rows: Vec<&[f32]> = ExampleFeatures::each(&batch).map(|x| x.values()).collect();
    /// assert_eq!(rows, [[1.0, 3.0], [2.0, 4.0]]);
    /// # Ok::<(), typed_ai::MlError>(())
    /// ```
    pub fn each(sequence: &'a HiddenSequence) -> impl Iterator<Item = ExampleFeatures<'a>> {
        sequence.rows().map(ExampleFeatures)
    }

    /// The feature values, in order.
    pub fn values(self) -> &'a [f32] {
        self.0
    }
}
