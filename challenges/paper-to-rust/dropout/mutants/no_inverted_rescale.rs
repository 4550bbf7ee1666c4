// MUTANT `no_inverted_rescale`: keeps the surviving units as they are, forgetting the 1/(1 − p) rescale, so the training mean shrinks to (1 − p)·x.
//! Inverted dropout as the arrow
//! [`Dropout`]` : HiddenSequence × DropoutMode → HiddenSequence`.
//!
//! In [`DropoutMode::Train`] each unit is zeroed with probability p and
//! otherwise divided by 1 − p, so every output is 0 or x/(1 − p) and its
//! expectation is (1 − p)·x/(1 − p) = x. In [`DropoutMode::Eval`] the input
//! passes through unchanged: the rescale during training already matched
//! the expectations, which is what makes test time the identity (the paper
//! instead multiplies the weights by 1 − p at test time; the two agree in
//! expectation). The mode is an exhaustive enum, so a caller must say which
//! one it means; the randomness is a `typed_ai::Seed` carried by the mode,
//! so the same seed always drops the same units.

use typed_ai::{HiddenSequence, MlResult, Morphism, Product, Seed, SeededRng};

use crate::probability::DropProbability;

/// Whether dropout is training (dropping units, from this seed) or
/// evaluating (keeping them all).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DropoutMode {
    /// Drop each unit with probability p, drawing from this seed.
    Train(Seed),
    /// Keep every unit unchanged: the whole network.
    Eval,
}

/// Inverted dropout with drop probability p.
///
/// ```
/// use dropout::{DropProbability, Dropout, DropoutMode};
/// use typed_ai::{HiddenSequence, Morphism, Product, Seed};
/// let dropout = Dropout::new(DropProbability::new(0.5)?);
/// let x = HiddenSequence::new(vec![vec![2.0, 2.0, 2.0, 2.0]])?;
/// let out = dropout.apply(Product::new(x.clone(), DropoutMode::Train(Seed::new(3))))?;
/// // every unit is dropped (0) or kept and doubled (2 / (1 − 0.5) = 4)
/// assert!(out.row(0)?.iter().all(|&v| v == 0.0 || v == 4.0));
/// assert_eq!(dropout.apply(Product::new(x.clone(), DropoutMode::Eval))?, x);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dropout {
    p: DropProbability,
}

impl Dropout {
    /// Dropout that drops each unit with probability `p` in training.
    pub fn new(p: DropProbability) -> Self {
        Self { p }
    }

    /// The drop probability.
    pub fn probability(&self) -> DropProbability {
        self.p
    }
}

impl Morphism<Product<HiddenSequence, DropoutMode>, HiddenSequence> for Dropout {
    fn name(&self) -> String {
        format!("dropout(p = {})", self.p.value())
    }

    fn apply(&self, input: Product<HiddenSequence, DropoutMode>) -> MlResult<HiddenSequence> {
        let (x, mode) = input.into_parts();
        match mode {
            DropoutMode::Eval => Ok(x),
            DropoutMode::Train(seed) => {
                let mut rng = SeededRng::new(seed);
                let p = self.p.value();
                let rows = x
                    .rows()
                    .map(|row| {
                        row.iter()
                            .map(|&unit| {
                                // One uniform draw per unit, in row-major order.
                                if rng.next_f32() < p { 0.0 } else { unit }
                            })
                            .collect()
                    })
                    .collect();
                HiddenSequence::new(rows)
            }
        }
    }
}
