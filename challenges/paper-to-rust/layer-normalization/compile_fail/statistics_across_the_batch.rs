//! Must not compile: statistics of one feature across the batch, which is
//! batch normalisation's axis. A column of the batch is a list of numbers,
//! not the features of one example, and the statistics take only the
//! latter.

use layer_normalization::ExampleStatistics;
use typed_ai::HiddenSequence;

/// The mean and variance of feature `i` over every example of the batch.
pub fn statistics_of_a_column(batch: &HiddenSequence, i: usize) -> ExampleStatistics {
    let column: Vec<f32> = batch.rows().map(|example| example[i]).collect();
    ExampleStatistics::of(&column)
}
