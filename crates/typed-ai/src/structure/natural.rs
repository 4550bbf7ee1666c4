//! [`NaturalTransformation`]: a container-to-container map that treats every
//! element type alike, with [`FirstElement`] (list to optional value, by
//! position) and [`ForgetNonEmpty`] (batch to list).

use super::batch::Batch;
use super::functor::{BatchFunctor, Functor, OptionFunctor, VecFunctor};

/// A way to turn an `F`-container into a `G`-container for *every* element
/// type `A` at once.
///
/// Because `transform` is generic in `A` with no bounds, it cannot compare,
/// add or print the values: it can only move them by position (keep, drop,
/// reorder). That is exactly what makes it *natural*: it commutes with any
/// relabelling `f` (see [`check_naturality`](crate::check_naturality)):
///
/// ```text
/// transform(fmap_F(x, f)) == fmap_G(transform(x), f)
/// ```
///
/// Choosing "the largest candidate" would need `A: Ord` and would not commute
/// with relabelling (the largest token id need not decode to the largest
/// word), so it is not a natural transformation.
///
/// ```
/// use typed_ai::{FirstElement, NaturalTransformation};
/// let ranked = vec!["best", "second", "third"];
/// assert_eq!(FirstElement.transform(ranked), Some("best"));
/// assert_eq!(FirstElement.transform(Vec::<u8>::new()), None);
/// ```
pub trait NaturalTransformation<F: Functor, G: Functor> {
    /// Moves the values of an `F`-container into a `G`-container.
    fn transform<A>(&self, wrapped: F::Wrapped<A>) -> G::Wrapped<A>;
}

/// `Vec → Option` by position: the first element, or `None` for an empty
/// list (for a ranked beam of candidates, the top candidate).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FirstElement;

impl NaturalTransformation<VecFunctor, OptionFunctor> for FirstElement {
    fn transform<A>(&self, wrapped: Vec<A>) -> Option<A> {
        wrapped.into_iter().next()
    }
}

/// `Batch → Vec`: the same examples in the same order, forgetting that there
/// is at least one. Forgetting a guarantee is always natural.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ForgetNonEmpty;

impl NaturalTransformation<BatchFunctor, VecFunctor> for ForgetNonEmpty {
    fn transform<A>(&self, wrapped: Batch<A>) -> Vec<A> {
        wrapped.into_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::laws::check_naturality;

    #[test]
    fn first_element_picks_by_position() {
        assert_eq!(FirstElement.transform(vec![3, 1, 2]), Some(3));
        assert_eq!(FirstElement.transform(Vec::<i32>::new()), None);
        let batch = Batch::new(vec!['a', 'b']).unwrap();
        assert_eq!(ForgetNonEmpty.transform(batch), vec!['a', 'b']);
    }

    #[test]
    fn decoding_commutes_with_taking_the_top_candidate() {
        // Ranked ids [2, 0, 1] with vocabulary [zebra, apple, mango]:
        // decode then first = first of [mango, zebra, apple] = mango;
        // first then decode = decode(2) = mango.
        let vocabulary = ["zebra", "apple", "mango"];
        let decode = |id: usize| vocabulary[id];
        assert_eq!(
            check_naturality(&FirstElement, vec![2, 0, 1], decode),
            Ok(())
        );
        // Taking the maximum instead does not commute: max id 2 decodes to
        // "mango", but the maximum decoded word is "zebra".
        let ids = [2_usize, 0, 1];
        let max_then_decode = ids.iter().copied().max().map(decode);
        let decode_then_max = ids.iter().copied().map(decode).max();
        assert_ne!(max_then_decode, decode_then_max);
    }
}
