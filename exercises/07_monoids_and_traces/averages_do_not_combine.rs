// Chapter 7.5: a mean is not a monoid, but (sum, count) is
//
// The mean loss of an epoch is often computed batch by batch, and the batch
// results are combined at the end. Combining two means by averaging them is
// only right when both batches have the same size, and the last batch of an
// epoch is smaller whenever the batch size does not divide the dataset. A
// mean has to remember how many losses it summarises: keep (sum, count), or
// weigh each mean by its count, and divide at the end.
//
// `MeanLoss::combine` averages the two means. Make the combined mean equal
// the mean over all the losses, however they were split. You may change how
// `MeanLoss` stores its numbers, as long as `of`, `value`, `count` and the
// `Monoid` impl keep working. Done when the tests pass; the tests at the
// bottom are the definition of done, do not edit them.

use typed_ai::{Monoid, fold_all};

/// A running mean of losses and the number of losses behind it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct MeanLoss {
    mean: f32,
    count: usize,
}

impl MeanLoss {
    /// The mean of a single loss.
    fn of(loss: f32) -> Self {
        MeanLoss {
            mean: loss,
            count: 1,
        }
    }

    /// The mean loss (0 when there are no losses).
    fn value(&self) -> f32 {
        self.mean
    }
}

impl Monoid for MeanLoss {
    fn empty() -> Self {
        MeanLoss {
            mean: 0.0,
            count: 0,
        }
    }

    fn combine(&self, other: &Self) -> Self {
        if other.count == 0 {
            return *self;
        }
        if self.count == 0 {
            return *other;
        }
        let count = self.count + other.count;
        // TODO: does each side summarise the same number of losses?
        let mean = (self.mean + other.mean) / 2.0;
        MeanLoss { mean, count }
    }
}

fn mean_of(losses: &[f32]) -> MeanLoss {
    fold_all(losses.iter().copied().map(MeanLoss::of))
}

fn main() {
    let full_batch = mean_of(&[3.0, 3.0, 3.0]);
    let last_batch = mean_of(&[1.0]);
    let epoch = full_batch.combine(&last_batch);
    println!("full batch {full_batch:?} ⊕ last batch {last_batch:?} = {epoch:?}");
    println!("mean loss of the epoch: {}", epoch.value());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_split_invariance() {
        // All four losses: (3 + 3 + 3 + 1) / 4 = 10 / 4 = 2.5.
        let epoch = mean_of(&[3.0, 3.0, 3.0]).combine(&mean_of(&[1.0]));
        assert!(
            (epoch.value() - 2.5).abs() < 1e-6,
            "the mean of the losses [3, 3, 3] and [1] is 10 / 4 = 2.5, got {}: \
             averaging the two batch means ignores that one batch holds 3 losses \
             and the other only 1",
            epoch.value()
        );
        assert_eq!(epoch.count, 4);
    }

    #[test]
    fn equal_batches_hide_the_bug() {
        // (1 + 2) / 2 = 1.5 and (3 + 4) / 2 = 3.5; (1.5 + 3.5) / 2 = 2.5 = 10 / 4.
        let epoch = mean_of(&[1.0, 2.0]).combine(&mean_of(&[3.0, 4.0]));
        assert!((epoch.value() - 2.5).abs() < 1e-6, "got {}", epoch.value());
    }

    #[test]
    fn every_split_gives_the_same_mean() {
        // [4, 0, 2, 2, 7]: sum 15, count 5, mean 3.
        let losses = [4.0, 0.0, 2.0, 2.0, 7.0];
        for cut in 0..=losses.len() {
            let (left, right) = losses.split_at(cut);
            let mean = mean_of(left).combine(&mean_of(right)).value();
            assert!(
                (mean - 3.0).abs() < 1e-5,
                "split after {cut} losses gave mean {mean}, expected 15 / 5 = 3"
            );
        }
    }

    #[test]
    fn the_empty_mean_changes_nothing() {
        let batch = mean_of(&[2.0, 4.0]);
        assert_eq!(MeanLoss::empty().combine(&batch), batch);
        assert_eq!(batch.combine(&MeanLoss::empty()), batch);
    }
}
