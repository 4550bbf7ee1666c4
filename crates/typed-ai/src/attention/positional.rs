//! Sinusoidal positional encoding (Vaswani et al., 2017): attention by itself
//! ignores order, so each position's hidden vector gets a fixed pattern of
//! sines and cosines added to it.
//!
//! ```text
//! PE(pos, 2i)     = sin(pos / 10000^(2i / d))
//! PE(pos, 2i + 1) = cos(pos / 10000^(2i / d))
//! ```
//!
//! Low features turn quickly with the position and high features slowly, so
//! every position gets a distinct code. At position 0 the code is
//! `[0, 1, 0, 1, …]`. This module has only this fixed code; the one-block
//! transformer learns its position rows instead (`TokenAndPositionEmbedding`
//! in `transformer`).

use crate::category::Morphism;
use crate::domain::{Matrix, ModelDimension};
use crate::error::{MlError, MlResult};

use super::sequence::{HiddenSequence, SequenceLength};

/// The wavelength base of the sinusoids, as in the original transformer.
const BASE: f32 = 10_000.0;

/// `HiddenSequence → HiddenSequence`: adds the sinusoidal code of each
/// position to that position's features.
///
/// ```
/// use typed_ai::{HiddenSequence, ModelDimension, Morphism, SequenceLength, SinusoidalPositionalEncoding};
/// let table = SinusoidalPositionalEncoding::table(SequenceLength::new(2)?, ModelDimension::new(2)?);
/// assert_eq!(table.row(0)?, &[0.0, 1.0]);
/// // Position 1, feature pair 0: sin 1 ≈ 0.8415, cos 1 ≈ 0.5403.
/// assert!((table.row(1)?[0] - 0.8415).abs() < 1e-4 && (table.row(1)?[1] - 0.5403).abs() < 1e-4);
/// let zeros = HiddenSequence::new(vec![vec![0.0, 0.0]; 2])?;
/// assert_eq!(SinusoidalPositionalEncoding.apply(zeros)?, table);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SinusoidalPositionalEncoding;

impl SinusoidalPositionalEncoding {
    /// The code of one position at one feature of a `width`-wide code.
    ///
    /// A code has features `0..width`; asking for another is
    /// `OutOfRange { kind: "positional encoding feature", .. }` (the formula
    /// would happily produce a number for it, belonging to no code).
    ///
    /// ```
    /// use typed_ai::{MlError, ModelDimension, SinusoidalPositionalEncoding};
    /// let width = ModelDimension::new(2)?;
    /// assert_eq!(SinusoidalPositionalEncoding::value(0, 1, width)?, 1.0); // cos 0
    /// assert_eq!(
    ///     SinusoidalPositionalEncoding::value(0, 2, width),
    ///     Err(MlError::OutOfRange { kind: "positional encoding feature", index: 2, limit: 2 })
    /// );
    /// # Ok::<(), MlError>(())
    /// ```
    pub fn value(position: usize, feature: usize, width: ModelDimension) -> MlResult<f32> {
        if feature >= width.get() {
            return Err(MlError::OutOfRange {
                kind: "positional encoding feature",
                index: feature,
                limit: width.get(),
            });
        }
        Ok(Self::checked_value(position, feature, width))
    }

    /// [`value`](Self::value) for a feature already known to be below
    /// `width`.
    fn checked_value(position: usize, feature: usize, width: ModelDimension) -> f32 {
        // Features 2i and 2i + 1 share the frequency 1 / 10000^(2i / d).
        let pair_start = (feature - feature % 2) as f32;
        let angle = position as f32 / BASE.powf(pair_start / width.get() as f32);
        if feature.is_multiple_of(2) {
            angle.sin()
        } else {
            angle.cos()
        }
    }

    /// The codes of `len` positions at `width` features.
    pub fn table(len: SequenceLength, width: ModelDimension) -> HiddenSequence {
        let (n, d) = (len.get(), width.get());
        let data = (0..n)
            .flat_map(|position| {
                (0..d).map(move |feature| Self::checked_value(position, feature, width))
            })
            .collect();
        // Sines and cosines are finite, and the n × d entries were collected,
        // so the shape fits in memory and n, d >= 1.
        HiddenSequence::from_matrix(
            Matrix::from_row_major(n, d, data).expect("a non-empty table of finite sinusoids"),
        )
    }
}

impl Morphism<HiddenSequence, HiddenSequence> for SinusoidalPositionalEncoding {
    fn name(&self) -> String {
        "sinusoidal_positional_encoding".to_string()
    }

    fn apply(&self, input: HiddenSequence) -> MlResult<HiddenSequence> {
        let width = ModelDimension::new(input.width())?;
        let rows = input
            .rows()
            .enumerate()
            .map(|(position, features)| {
                features
                    .iter()
                    .enumerate()
                    .map(|(feature, x)| x + Self::checked_value(position, feature, width))
                    .collect()
            })
            .collect();
        HiddenSequence::new(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-5
    }

    #[test]
    fn positions_zero_and_one_at_width_four() {
        // d = 4. Pair 0 has frequency 1, pair 1 has 1 / 10000^(2/4) = 1/100.
        // Position 0: [sin 0, cos 0, sin 0, cos 0] = [0, 1, 0, 1].
        // Position 1: [sin 1, cos 1, sin 0.01, cos 0.01]
        //           = [0.841471, 0.540302, 0.0099998, 0.99995].
        let table = SinusoidalPositionalEncoding::table(
            SequenceLength::new(2).unwrap(),
            ModelDimension::new(4).unwrap(),
        );
        assert_eq!(table.row(0).unwrap(), &[0.0, 1.0, 0.0, 1.0]);
        let expected = [0.841_471, 0.540_302, 0.009_999_8, 0.999_95];
        for (got, want) in table.row(1).unwrap().iter().zip(expected) {
            assert!(close(*got, want), "got {got}, expected {want}");
        }
    }

    #[test]
    fn odd_width_ends_with_a_sine() {
        // d = 3: the third feature starts pair 1, frequency 1 / 10000^(2/3)
        // = 1 / 464.16, so at position 1 it is sin(0.0021544) ≈ 0.0021544.
        let v = SinusoidalPositionalEncoding::value(1, 2, ModelDimension::new(3).unwrap()).unwrap();
        assert!(close(v, 0.002_154_4), "got {v}");
    }

    #[test]
    fn a_feature_outside_the_width_is_rejected() {
        // Width 3 has features 0, 1, 2; feature 3 would be the sine of a
        // fourth frequency that no width-3 code contains.
        let width = ModelDimension::new(3).unwrap();
        for feature in [3, 4, usize::MAX] {
            assert_eq!(
                SinusoidalPositionalEncoding::value(1, feature, width),
                Err(MlError::OutOfRange {
                    kind: "positional encoding feature",
                    index: feature,
                    limit: 3
                })
            );
        }
    }

    #[test]
    fn encoding_is_added_not_replacing() {
        // [1, 1] at position 0 plus [0, 1] = [1, 2].
        let hidden = HiddenSequence::new(vec![vec![1.0, 1.0]]).unwrap();
        let encoded = SinusoidalPositionalEncoding.apply(hidden).unwrap();
        assert_eq!(encoded.to_rows(), vec![vec![1.0, 2.0]]);
    }

    #[test]
    fn distinct_positions_get_distinct_codes() {
        let table = SinusoidalPositionalEncoding::table(
            SequenceLength::new(16).unwrap(),
            ModelDimension::new(4).unwrap(),
        );
        let rows = table.to_rows();
        for a in 0..rows.len() {
            for b in a + 1..rows.len() {
                assert_ne!(rows[a], rows[b], "positions {a} and {b} collide");
            }
        }
    }
}
