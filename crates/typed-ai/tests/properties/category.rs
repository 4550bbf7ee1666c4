//! The category laws for typed arrows: composition is associative, the
//! identity is neutral, and repeating an endomorphism adds step counts.

use proptest::prelude::{prop_assert_eq, proptest};
use typed_ai::{Compose, Identity, MlResult, Morphism, StepCount, apply_endomorphism_n_times};

struct AddOne;
impl Morphism<i64, i64> for AddOne {
    fn name(&self) -> String {
        "add_one".into()
    }
    fn apply(&self, x: i64) -> MlResult<i64> {
        Ok(x + 1)
    }
}

struct Double;
impl Morphism<i64, i64> for Double {
    fn name(&self) -> String {
        "double".into()
    }
    fn apply(&self, x: i64) -> MlResult<i64> {
        Ok(x * 2)
    }
}

struct Square;
impl Morphism<i64, i64> for Square {
    fn name(&self) -> String {
        "square".into()
    }
    fn apply(&self, x: i64) -> MlResult<i64> {
        Ok(x * x)
    }
}

proptest! {
    #[test]
    fn composition_is_associative(x in -1000i64..1000) {
        let left = Compose::<_, _, i64>::new(Compose::<_, _, i64>::new(AddOne, Double), Square);
        let right = Compose::<_, _, i64>::new(AddOne, Compose::<_, _, i64>::new(Double, Square));
        prop_assert_eq!(left.apply(x), right.apply(x));
    }

    #[test]
    fn identity_is_neutral(x in -1000i64..1000) {
        let before = Compose::<_, _, i64>::new(Identity, Double);
        let after = Compose::<_, _, i64>::new(Double, Identity);
        prop_assert_eq!(before.apply(x), Double.apply(x));
        prop_assert_eq!(after.apply(x), Double.apply(x));
    }

    #[test]
    fn repeat_adds_step_counts(x in -100i64..100, m in 0usize..8, n in 0usize..8) {
        let both = apply_endomorphism_n_times(&AddOne, x, StepCount::new(m + n));
        let split = apply_endomorphism_n_times(&AddOne, x, StepCount::new(m))
            .and_then(|y| apply_endomorphism_n_times(&AddOne, y, StepCount::new(n)));
        prop_assert_eq!(both, split);
    }
}
