// An order says which way information may flow.
//
// Data carries a sensitivity label, and labels are ordered:
//     Public < Internal < Confidential < Restricted.
// Data may flow into anything labelled at least as high: public data can go
// into a confidential report, never the other way round. So "may flow to" is
// just `<=`. In Rust, `<=` on your own type needs an order: `PartialOrd`, and
// for a total order like this one also `Ord`. `derive` can write both, and it
// orders an enum's variants in the order they are declared.
//
// Fix the marked line so that `can_flow_to` compiles. Done means the
// tests pass; they are the definition of done, do not edit them.

// `PartialOrd` gives `<`, `<=`, `>` and `>=`; `Ord` adds that every two
// levels compare (a total order), which also gives `max` and `min`. Both order
// the variants as declared, from Public (lowest) to Restricted (highest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum InformationLevel {
    Public,
    Internal,
    Confidential,
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
    fn every_level_flows_to_itself() {
        for level in [Public, Internal, Confidential, Restricted] {
            assert!(can_flow_to(level, level), "{level:?} must flow to itself");
        }
    }
}
