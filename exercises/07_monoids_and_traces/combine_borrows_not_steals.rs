// Chapter 7.2: combining reads both values and builds a new one
//
// A pipeline trace lists the arrows that ran, in order. Traces form a monoid:
// the empty trace, and `combine`, which puts one trace after another.
// `combine` takes both traces by shared reference (`&self`, `&Self`): it may
// read them, and the caller keeps both, for instance to log a stage's trace
// and still fold it into the whole run's trace.
//
// `RunLog::combine` tries to take the names out of `self` instead of copying
// them. Make it build the new list without taking anything. Done when the
// file compiles and the tests pass; the tests at the bottom are the
// definition of done, do not edit them.

use typed_ai::Monoid;

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
        // TODO: `self` is only borrowed here.
        let mut names = self.0;
        names.extend(other.0.iter().cloned());
        RunLog(names)
    }
}

fn main() {
    let encode = RunLog::step("tokenize").combine(&RunLog::step("embed"));
    let decode = RunLog::step("linear_to_logits").combine(&RunLog::step("softmax"));
    let run = encode.combine(&decode);
    println!("encode stage: {:?}", encode.0);
    println!("whole run:    {:?}", run.0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::check_monoid_associativity;

    #[test]
    fn combine_puts_the_second_trace_after_the_first() {
        let run = RunLog::step("tokenize").combine(&RunLog::step("embed"));
        assert_eq!(run.0, ["tokenize", "embed"]);
    }

    #[test]
    fn both_traces_are_still_there_afterwards() {
        let encode = RunLog::step("embed");
        let decode = RunLog::step("softmax");
        let run = encode.combine(&decode);
        assert_eq!(run.0.len(), 2);
        assert_eq!(encode.0, ["embed"], "combining must not change its inputs");
        assert_eq!(
            decode.0,
            ["softmax"],
            "combining must not change its inputs"
        );
    }

    #[test]
    fn the_empty_log_changes_nothing_and_grouping_does_not_matter() {
        let a = RunLog::step("tokenize");
        assert_eq!(RunLog::empty().combine(&a), a);
        assert_eq!(a.combine(&RunLog::empty()), a);
        let (b, c) = (RunLog::step("embed"), RunLog::step("softmax"));
        assert_eq!(check_monoid_associativity(&a, &b, &c), Ok(()));
    }
}
