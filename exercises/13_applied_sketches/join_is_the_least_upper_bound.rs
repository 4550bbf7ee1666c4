// Chapter 13.2: a join is the least upper bound
//
// The join of two labels is the lowest label both of them may flow to.
//
// A model trained on public and confidential data has seen confidential
// data, so it must be labelled at least Confidential; labelling it Restricted
// would lock it away for no reason. The right label is the *join* of its
// inputs' labels: the lowest level that both may flow to. In a total order
// such as `InformationLevel` (Public < Internal < Confidential < Restricted),
// that is simply the larger of the two.
//
// `join` below picks the wrong one. Fix the marked line. Done means the
// tests pass; they are the definition of done, do not edit them.

use typed_ai::InformationLevel;

/// The label a model needs when it is trained on data labelled `a` and `b`.
fn join(a: InformationLevel, b: InformationLevel) -> InformationLevel {
    // TODO: the label must be one that both `a` and `b` may flow to.
    a.min(b)
}

fn main() {
    use InformationLevel::{Confidential, Internal, Public};
    let training_data = [Public, Confidential, Internal];
    let label = training_data.into_iter().fold(Public, join);
    println!("a model trained on {training_data:?} is labelled {label:?}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::InformationLevel::{Confidential, Public};

    #[test]
    fn public_and_confidential_make_confidential() {
        assert_eq!(
            join(Public, Confidential),
            Confidential,
            "a model trained on public and confidential data has seen confidential data"
        );
    }

    #[test]
    fn join_is_an_upper_bound() {
        for a in InformationLevel::ALL {
            for b in InformationLevel::ALL {
                let j = join(a, b);
                assert!(
                    a.can_flow_to(j) && b.can_flow_to(j),
                    "join({a:?}, {b:?}) = {j:?}, but both inputs must be able to flow to it"
                );
            }
        }
    }

    #[test]
    fn join_is_the_least_upper_bound() {
        for a in InformationLevel::ALL {
            for b in InformationLevel::ALL {
                for c in InformationLevel::ALL {
                    if a.can_flow_to(c) && b.can_flow_to(c) {
                        let j = join(a, b);
                        assert!(
                            j.can_flow_to(c),
                            "{c:?} is an upper bound of {a:?} and {b:?}, yet join gave the higher {j:?}"
                        );
                    }
                }
            }
        }
    }
}
