//! Naturality: taking the first element and forgetting non-emptiness
//! commute with mapping any function over the values.

use proptest::prelude::{prop_assert_eq, proptest};
use typed_ai::{Batch, FirstElement, ForgetNonEmpty, check_naturality};

proptest! {
    #[test]
    fn first_element_is_natural(
        values in proptest::collection::vec(-1000i32..1000, 0..10),
        scale in -5i32..5,
    ) {
        prop_assert_eq!(check_naturality(&FirstElement, values.clone(), |x| x * scale), Ok(()));
        prop_assert_eq!(check_naturality(&FirstElement, values, |x| x.to_string()), Ok(()));
    }

    #[test]
    fn forgetting_non_emptiness_is_natural(
        first in -1000i32..1000,
        rest in proptest::collection::vec(-1000i32..1000, 0..10),
    ) {
        let batch = Batch::from_parts(first, rest);
        prop_assert_eq!(check_naturality(&ForgetNonEmpty, batch, |x| x > 0), Ok(()));
    }
}
