// Chapter 13.1: an order says which way information may flow
//
// Data carries a sensitivity label, and labels are ordered:
//     Public < Internal < Confidential < Restricted.
// Data may flow into anything labelled at least as high: public data can go
// into a confidential report, never the other way round. So "may flow to" is
// just `<=`, and the order IS the security policy: get it wrong and
// restricted data leaks into a public report.
//
// In Rust, `<=` on your own type needs an order: `PartialOrd`, and for a
// total order like this one, where every two labels compare, also `Ord`.
// `derive` can write both, and the order it writes is the order in which
// the enum's variants are declared, from the first (lowest) to the last.
//
// `InformationLevel` below has no order yet, and its variants were listed
// alphabetically. Make `can_flow_to` compile and follow the policy above.
// Done when the tests pass; they are the definition of done, do not edit
// them.

// TODO: `<=` below needs an order, and derive takes it from the declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InformationLevel {
    Confidential,
    Internal,
    Public,
    Restricted,
}

/// Whether data labelled `from` may go into something labelled `to`.
fn can_flow_to(from: InformationLevel, to: InformationLevel) -> bool {
    from <= to
}

fn main() {
    use InformationLevel::{Confidential, Internal, Public, Restricted};
    let all = [Public, Internal, Confidential, Restricted];
    for from in all {
        let targets: Vec<String> = all
            .iter()
            .filter(|to| can_flow_to(from, **to))
            .map(|to| format!("{to:?}"))
            .collect();
        println!("{from:?} may flow to {}", targets.join(", "));
    }
}

#[cfg(test)]
mod tests {
    use super::InformationLevel::{Confidential, Internal, Public, Restricted};
    use super::*;

    #[test]
    fn public_data_may_flow_up() {
        assert!(
            can_flow_to(Public, Confidential),
            "public data may go into a confidential report"
        );
    }

    #[test]
    fn confidential_data_may_not_flow_down() {
        assert!(
            !can_flow_to(Confidential, Public),
            "confidential data must not flow into a public report"
        );
        assert!(
            !can_flow_to(Restricted, Internal),
            "restricted data must not flow into an internal report"
        );
    }

    #[test]
    fn the_order_is_the_policy() {
        // Lowest to highest; data may flow exactly from a level to any level
        // at or after it in this list.
        let policy = [Public, Internal, Confidential, Restricted];
        for (i, from) in policy.iter().enumerate() {
            for (j, to) in policy.iter().enumerate() {
                assert_eq!(
                    can_flow_to(*from, *to),
                    i <= j,
                    "{from:?} may flow to {to:?}: {}",
                    i <= j
                );
            }
        }
    }

    #[test]
    fn every_level_flows_to_itself() {
        for level in [Public, Internal, Confidential, Restricted] {
            assert!(can_flow_to(level, level), "{level:?} must flow to itself");
        }
    }
}
