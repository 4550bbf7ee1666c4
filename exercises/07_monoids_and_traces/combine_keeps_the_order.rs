// Chapter 7.2: associativity regroups, it never reorders
//
// A run log lists the arrows a training run went through, first to last.
// Logs form a monoid: the empty log, and `combine`, where `a.combine(&b)`
// means "a, then b". Associativity lets a long run be logged in pieces on
// different workers and the pieces joined in any grouping:
// (a ⊕ b) ⊕ c = a ⊕ (b ⊕ c). It does not let the pieces swap places:
// a ⊕ b is usually not b ⊕ a. A monoid that is not commutative can be
// folded in parallel only if every piece keeps its place in the order.
//
// The laws alone do not pin a combine down. `RunLog::combine` below is
// associative and has an empty value, so it passes both law checks, and it
// still tells the story of the run backwards. Done when the tests pass; the
// tests at the bottom are the definition of done, do not edit them.

use typed_ai::{Monoid, fold_all};

/// The names of the arrows a run went through, first to last.
#[derive(Debug, Clone, PartialEq)]
struct RunLog(Vec<String>);

impl RunLog {
    fn step(name: &str) -> Self {
        RunLog(vec![name.to_string()])
    }
}

impl Monoid for RunLog {
    fn empty() -> Self {
        RunLog(Vec::new())
    }

    fn combine(&self, other: &Self) -> Self {
        // TODO: `self.combine(other)` is "self, then other".
        let mut names = other.0.clone();
        names.extend(self.0.iter().cloned());
        RunLog(names)
    }
}

/// The log of a run made of the given stages, one after another.
fn log_of(stages: &[&str]) -> RunLog {
    fold_all(stages.iter().map(|name| RunLog::step(name)))
}

fn main() {
    let encode = log_of(&["tokenize", "embed"]);
    let decode = log_of(&["linear_to_logits", "softmax"]);
    println!("encode stage: {:?}", encode.0);
    println!("decode stage: {:?}", decode.0);
    println!("whole run:    {:?}", encode.combine(&decode).0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::{check_monoid_associativity, check_monoid_identity};

    #[test]
    fn the_laws_hold() {
        // Both hold for the backwards combine too: the laws are necessary,
        // not sufficient.
        let (a, b, c) = (
            RunLog::step("tokenize"),
            RunLog::step("embed"),
            RunLog::step("softmax"),
        );
        assert_eq!(check_monoid_identity(&a), Ok(()));
        assert_eq!(check_monoid_associativity(&a, &b, &c), Ok(()));
    }

    #[test]
    fn combine_puts_the_second_log_after_the_first() {
        let run = RunLog::step("tokenize").combine(&RunLog::step("embed"));
        assert_eq!(
            run.0,
            ["tokenize", "embed"],
            "`a.combine(&b)` is a, then b: the tokenizer ran before the embedding"
        );
    }

    #[test]
    fn pieces_logged_apart_join_in_order() {
        // Two workers log two halves of one run; joining them must give the
        // run as it happened, in any grouping.
        let (encode, decode) = (
            log_of(&["tokenize", "embed"]),
            log_of(&["linear_to_logits", "softmax"]),
        );
        let in_order = ["tokenize", "embed", "linear_to_logits", "softmax"];
        assert_eq!(
            encode.combine(&decode).0,
            in_order,
            "joining the encode log and the decode log must keep both in order"
        );
        assert_eq!(log_of(&in_order).0, in_order, "folding stage by stage");
    }

    #[test]
    fn order_matters() {
        let (a, b) = (RunLog::step("tokenize"), RunLog::step("embed"));
        assert_ne!(
            a.combine(&b),
            b.combine(&a),
            "this monoid is not commutative: tokenize-then-embed is not embed-then-tokenize"
        );
    }
}
