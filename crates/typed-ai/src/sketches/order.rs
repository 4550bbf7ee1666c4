//! An information order: data-sensitivity labels, ordered from public to
//! restricted, with `join` (least upper bound) and `can_flow_to`.
//!
//! This file owns one concrete order. It does not provide a general lattice
//! trait; Rust's `Ord` already is the "total order" structure.

/// How sensitive a piece of data is, from least to most.
///
/// **The idea.** An order is a set with a consistent notion of "at most":
/// here, "data at this level may flow into anything labelled at least as
/// high". Public data may go into a confidential report; confidential data
/// must not end up in a public one. The *join* of two levels is their least
/// upper bound: the lowest level both may flow to. That is exactly the label
/// a derived artefact needs: a model trained on public and confidential data
/// is confidential, and no more. In a total order like this one the join is
/// simply the maximum, and the join of nothing is the bottom, `Public`.
///
/// The order comes from `#[derive(PartialOrd, Ord)]`, which orders the
/// variants as they are declared.
///
/// ```
/// use typed_ai::InformationLevel::{Confidential, Internal, Public};
/// assert!(Public.can_flow_to(Confidential));
/// assert!(!Confidential.can_flow_to(Public));
/// assert_eq!(Public.join(Confidential), Confidential);
/// assert_eq!(typed_ai::InformationLevel::join_all([Internal, Public]), Internal);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InformationLevel {
    /// Anyone may see it.
    Public,
    /// Anyone inside the organisation may see it.
    Internal,
    /// Only the people who need it may see it.
    Confidential,
    /// Only named people may see it.
    Restricted,
}

impl InformationLevel {
    /// Every level, from lowest to highest.
    pub const ALL: [Self; 4] = [
        Self::Public,
        Self::Internal,
        Self::Confidential,
        Self::Restricted,
    ];

    /// The least upper bound: the lowest level that both `self` and `other`
    /// may flow to. In a total order, the maximum.
    #[must_use]
    pub fn join(self, other: Self) -> Self {
        self.max(other)
    }

    /// The greatest lower bound: the highest level that may flow to both.
    /// In a total order, the minimum.
    #[must_use]
    pub fn meet(self, other: Self) -> Self {
        self.min(other)
    }

    /// Whether data at `self` may flow into something labelled `target`:
    /// `self ≤ target`.
    pub fn can_flow_to(self, target: Self) -> bool {
        self <= target
    }

    /// The join of any number of levels. The join of none is `Public`, the
    /// bottom of the order (the identity of `join`, as 0 is of `+`).
    pub fn join_all(levels: impl IntoIterator<Item = Self>) -> Self {
        levels.into_iter().fold(Self::Public, Self::join)
    }
}

#[cfg(test)]
mod tests {
    use super::InformationLevel::{Confidential, Internal, Public, Restricted};
    use super::*;
    #[test]
    fn the_order_follows_the_declaration() {
        assert!(Public < Internal && Internal < Confidential && Confidential < Restricted);
        assert!(Internal.can_flow_to(Internal));
        assert!(Internal.can_flow_to(Restricted));
        assert!(!Restricted.can_flow_to(Internal));
    }

    #[test]
    fn a_model_is_labelled_with_the_join_of_its_training_data() {
        assert_eq!(Public.join(Confidential), Confidential);
        assert_eq!(Confidential.join(Public), Confidential);
        assert_eq!(
            InformationLevel::join_all([Public, Internal, Public]),
            Internal
        );
        assert_eq!(InformationLevel::join_all([]), Public);
        assert_eq!(Internal.meet(Restricted), Internal);
    }
}
