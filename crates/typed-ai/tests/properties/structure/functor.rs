//! The functor laws (identity and composition) for `Vec`, `Option` and
//! `Batch`.

use proptest::prelude::{prop_assert_eq, proptest};
use typed_ai::{
    Batch, BatchFunctor, OptionFunctor, VecFunctor, check_functor_composition,
    check_functor_identity,
};

proptest! {
    #[test]
    fn vec_functor_laws(values in proptest::collection::vec(-1000i32..1000, 0..20)) {
        prop_assert_eq!(check_functor_identity::<VecFunctor, _>(values.clone()), Ok(()));
        prop_assert_eq!(
            check_functor_composition::<VecFunctor, _, _, _, _, _>(values, |x| x * 3, |y| y - 7),
            Ok(())
        );
    }

    #[test]
    fn option_functor_laws(value in proptest::option::of(-1000i32..1000)) {
        prop_assert_eq!(check_functor_identity::<OptionFunctor, _>(value), Ok(()));
        prop_assert_eq!(
            check_functor_composition::<OptionFunctor, _, _, _, _, _>(
                value,
                |x| x.to_string(),
                |s: String| s.len()
            ),
            Ok(())
        );
    }

    #[test]
    fn batch_functor_laws(
        first in -1000i32..1000,
        rest in proptest::collection::vec(-1000i32..1000, 0..20),
    ) {
        let batch = Batch::from_parts(first, rest);
        prop_assert_eq!(check_functor_identity::<BatchFunctor, _>(batch.clone()), Ok(()));
        prop_assert_eq!(
            check_functor_composition::<BatchFunctor, _, _, _, _, _>(
                batch,
                |x| f64::from(x) / 2.0,
                |y| y >= 0.0
            ),
            Ok(())
        );
    }
}
