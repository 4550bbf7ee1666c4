//! Information levels form a lattice: join is commutative, associative,
//! idempotent and the least upper bound; meet is the greatest lower bound.

use proptest::prelude::{Strategy, prop, prop_assert, prop_assert_eq, proptest};
use typed_ai::InformationLevel;

fn level() -> impl Strategy<Value = InformationLevel> {
    prop::sample::select(InformationLevel::ALL.to_vec())
}

proptest! {
    #[test]
    fn join_is_commutative(a in level(), b in level()) {
        prop_assert_eq!(a.join(b), b.join(a));
    }

    #[test]
    fn join_is_associative(a in level(), b in level(), c in level()) {
        prop_assert_eq!(a.join(b).join(c), a.join(b.join(c)));
    }

    #[test]
    fn join_is_idempotent(a in level()) {
        prop_assert_eq!(a.join(a), a);
    }

    #[test]
    fn join_is_the_least_upper_bound(a in level(), b in level(), c in level()) {
        let j = a.join(b);
        // an upper bound ...
        prop_assert!(a.can_flow_to(j) && b.can_flow_to(j));
        // ... below every other upper bound
        if a.can_flow_to(c) && b.can_flow_to(c) {
            prop_assert!(j.can_flow_to(c));
        }
    }

    #[test]
    fn meet_is_the_greatest_lower_bound(a in level(), b in level(), c in level()) {
        let m = a.meet(b);
        prop_assert!(m.can_flow_to(a) && m.can_flow_to(b));
        if c.can_flow_to(a) && c.can_flow_to(b) {
            prop_assert!(c.can_flow_to(m));
        }
    }
}
