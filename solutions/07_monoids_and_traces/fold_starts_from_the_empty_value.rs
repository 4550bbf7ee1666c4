// Chapter 7.3: a fold starts from the empty value
//
// Combining a list of values two at a time needs only an associative
// `combine` (a semigroup). That is what `Iterator::reduce` does: it starts
// from the first item. For an empty list it has no first item and no answer,
// so it returns an `Option`, `None` for nothing.
//
// A monoid has an answer for nothing: its empty value. Starting from
// `empty()` and combining every item in turn is a fold, and it is total: the
// fold of no items is `empty()`. A run that had no stages has a trace, the
// empty one, and a training loop that logs "nothing ran" must not crash.
//
// A training script runs in stages (tokenize, forward pass, loss), and each
// stage records the library's `PipelineTrace` of the arrows it ran.
// `whole_run` joins them with `reduce`, and rustc points out what that
// returns. Make `whole_run` give a trace for every list of stages, the empty
// list included. Done when the file compiles and the tests pass; the tests
// at the bottom are the definition of done, do not edit them.

use typed_ai::{Monoid, PipelineTrace};

/// The trace of a whole run: the stages' traces, one after another.
fn whole_run(stages: &[PipelineTrace]) -> PipelineTrace {
    // A fold from the empty trace is total: no stages give `empty()`, where
    // `reduce` would have nothing to start from.
    stages
        .iter()
        .fold(PipelineTrace::empty(), |run, stage| run.combine(stage))
}

fn stages() -> Vec<PipelineTrace> {
    vec![
        PipelineTrace::step("tokenize"),
        PipelineTrace::step("embedding").combine(&PipelineTrace::step("softmax")),
        PipelineTrace::step("cross_entropy"),
    ]
}

fn main() {
    println!("whole run: {}", whole_run(&stages()));
    println!("no stages: {}", whole_run(&[]));
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::fold_all;

    #[test]
    fn stages_are_joined_in_order() {
        let run = whole_run(&stages());
        assert_eq!(
            run.names(),
            ["tokenize", "embedding", "softmax", "cross_entropy"]
        );
    }

    #[test]
    fn a_run_with_no_stages_has_the_empty_trace() {
        assert_eq!(
            whole_run(&[]),
            PipelineTrace::empty(),
            "a run with no stages ran no arrow: its trace is the monoid's empty value"
        );
    }

    #[test]
    fn one_stage_is_its_own_trace() {
        let only = PipelineTrace::step("tokenize");
        assert_eq!(whole_run(std::slice::from_ref(&only)), only);
    }

    #[test]
    fn agrees_with_the_library_fold() {
        assert_eq!(whole_run(&stages()), fold_all(stages()));
        assert_eq!(whole_run(&[]), fold_all(Vec::<PipelineTrace>::new()));
    }
}

// Wrong fixes this file's tests reject:
// - `.expect(...)` or `.unwrap()` after `reduce` (rustc's suggestion): it
//   compiles, and a run with no stages panics, so
//   `a_run_with_no_stages_has_the_empty_trace` fails.
// - `.unwrap_or(PipelineTrace::step("nothing"))`: a made-up stage is not the
//   empty trace; combining with it would add a step, and the same test fails.
// Equally right: keeping `reduce` and giving `None` the monoid's answer,
// `.unwrap_or(PipelineTrace::empty())` (or `.unwrap_or_else(PipelineTrace::empty)`).
// `.unwrap_or_default()` does not compile: `PipelineTrace` has no `Default`,
// because the value for "nothing" is the monoid's `empty()`.
