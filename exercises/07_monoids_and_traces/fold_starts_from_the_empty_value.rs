// Chapter 7.3: a fold starts from the empty value
//
// Folding a list of monoid values means: start from `empty()`, then combine
// the values in one by one. Starting from `empty()` is what makes the fold of
// an empty list well defined: a run with no stages has the empty trace.
//
// A training script runs in stages (tokenize, forward pass, loss), and each
// stage records the library's `PipelineTrace` of the arrows it ran.
// `whole_run` folds them into the trace of the whole run, but it starts the
// fold from the wrong thing. Done when the file compiles and the tests pass;
// the tests at the bottom are the definition of done, do not edit them.

use typed_ai::{Monoid, PipelineTrace};

/// The trace of a whole run: the stages' traces, one after another.
fn whole_run(stages: &[PipelineTrace]) -> PipelineTrace {
    // TODO: what does the fold start from?
    stages
        .iter()
        .fold(PipelineTrace::empty, |run: PipelineTrace, stage| {
            run.combine(stage)
        })
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
        assert_eq!(whole_run(&[]), PipelineTrace::empty());
    }

    #[test]
    fn agrees_with_the_library_fold() {
        assert_eq!(whole_run(&stages()), fold_all(stages()));
    }
}
