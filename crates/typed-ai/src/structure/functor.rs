//! The [`Functor`] trait and the library's three instances: lists, optional
//! values and non-empty batches.

use super::batch::Batch;

/// A container shape whose contents can be mapped while the shape stays.
///
/// Rust has no way to name "`Vec` without its element type", so the functor
/// is a marker type (such as [`VecFunctor`]) and the container is the
/// generic associated type [`Functor::Wrapped`]. Because the input and the
/// output of [`Functor::fmap`] are the *same* `Wrapped`, the signature itself
/// says that mapping keeps the container: a `Vec` maps to a `Vec`, a
/// [`Batch`] to a `Batch`.
///
/// Two laws make `fmap` a functor (see [`check_functor_identity`] and
/// [`check_functor_composition`]):
///
/// - identity: `fmap(x, |a| a) == x`: mapping changes nothing but values;
/// - composition: `fmap(fmap(x, f), g) == fmap(x, |a| g(f(a)))`: two passes
///   over a batch equal one fused pass.
///
/// ```
/// use typed_ai::{Functor, OptionFunctor, VecFunctor};
///
/// let logits = vec![1.0_f32, -2.0, 0.5];
/// let positive = VecFunctor::fmap(logits, |z| z > 0.0);
/// assert_eq!(positive, vec![true, false, true]);
///
/// // An abstaining classifier: nothing in, nothing out.
/// assert_eq!(OptionFunctor::fmap(None::<u8>, |label| label + 1), None);
/// ```
///
/// [`check_functor_identity`]: crate::check_functor_identity
/// [`check_functor_composition`]: crate::check_functor_composition
pub trait Functor {
    /// The container holding values of type `T`: `Vec<T>`, `Option<T>`,
    /// `Batch<T>`.
    type Wrapped<T>;

    /// Applies `f` to every value inside `wrapped`, in order, and returns the
    /// results in the same container.
    ///
    /// `f` is `FnMut` because a container may hold many values: it is called
    /// once per value.
    fn fmap<A, B, F>(wrapped: Self::Wrapped<A>, f: F) -> Self::Wrapped<B>
    where
        F: FnMut(A) -> B;
}

/// The list functor: `Wrapped<T> = Vec<T>`; maps every element, in order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VecFunctor;

impl Functor for VecFunctor {
    type Wrapped<T> = Vec<T>;

    fn fmap<A, B, F>(wrapped: Vec<A>, f: F) -> Vec<B>
    where
        F: FnMut(A) -> B,
    {
        wrapped.into_iter().map(f).collect()
    }
}

/// The optional-value functor: `Wrapped<T> = Option<T>`; maps a value if
/// there is one, and keeps `None` as `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OptionFunctor;

impl Functor for OptionFunctor {
    type Wrapped<T> = Option<T>;

    fn fmap<A, B, F>(wrapped: Option<A>, f: F) -> Option<B>
    where
        F: FnMut(A) -> B,
    {
        wrapped.map(f)
    }
}

/// The batch functor: `Wrapped<T> = Batch<T>`; maps every example of a
/// non-empty batch, in order, so the result is a non-empty batch of the same
/// length without a second validation.
///
/// ```
/// use typed_ai::{Batch, BatchFunctor, Functor, TokenId, TrainingExample};
///
/// let batch = Batch::new(vec![
///     TrainingExample::new(TokenId::new(0), TokenId::new(1)),
///     TrainingExample::new(TokenId::new(1), TokenId::new(2)),
/// ])?;
/// let targets: Batch<TokenId> = BatchFunctor::fmap(batch, |example| example.target());
/// assert_eq!(targets.as_slice(), &[TokenId::new(1), TokenId::new(2)]);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchFunctor;

impl Functor for BatchFunctor {
    type Wrapped<T> = Batch<T>;

    fn fmap<A, B, F>(wrapped: Batch<A>, f: F) -> Batch<B>
    where
        F: FnMut(A) -> B,
    {
        wrapped.map_examples(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fmap_maps_values_and_keeps_the_container() {
        assert_eq!(
            VecFunctor::fmap(vec![1, 2, 3], |x| x * 10),
            vec![10, 20, 30]
        );
        assert_eq!(VecFunctor::fmap(Vec::<i32>::new(), |x| x * 10), vec![]);
        assert_eq!(OptionFunctor::fmap(Some(4), |x| x + 1), Some(5));
        assert_eq!(OptionFunctor::fmap(None::<i32>, |x| x + 1), None);
        let batch = Batch::new(vec!["a", "bb", "ccc"]).unwrap();
        let lengths = BatchFunctor::fmap(batch, str::len);
        assert_eq!(lengths.as_slice(), &[1, 2, 3]);
    }

    #[test]
    fn fmap_calls_f_once_per_value_in_order() {
        let mut seen = Vec::new();
        let out = VecFunctor::fmap(vec![3, 1, 2], |x| {
            seen.push(x);
            x
        });
        assert_eq!(seen, vec![3, 1, 2]);
        assert_eq!(out, vec![3, 1, 2]);
    }
}
