// Chapter 2.6: name every failure
//
// `MlError` is an enum: each variant is one kind of failure and carries its
// details. Because errors are data, a training loop can decide what to do
// about each kind on purpose. Rust checks that a `match` handles every
// variant, and that check is only worth something if you do not hide cases
// behind a catch-all `_`.
//
// The library documents its six variants like this:
//   EmptyInput(what)                    something that must hold at least one
//                                       element was empty
//   OutOfRange { kind, index, limit }   an index not below its limit, such
//                                       as a token id outside the vocabulary
//   ShapeMismatch { op, expected, got } two objects an operation combines do
//                                       not fit together
//   InvalidProbability(where)           values meant to be a distribution
//                                       are not one
//   InvalidScalar { kind, value }       a number broke its own rule: NaN,
//                                       infinite, or out of its range
//   InvalidLoss(value)                  a loss that is negative or infinite
//
// `react_to` handles two of them. Add an arm for each missing one, choosing
// the reaction from the policy written on `Reaction`: for each kind of
// failure, ask what it says about the data, the code and the numbers. Done
// when the file compiles and the tests pass (do not edit the tests).

use typed_ai::MlError;

/// What a training loop does when one step on one example fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reaction {
    /// The example itself is bad data, and the model's code is fine: skip
    /// the example and keep training.
    SkipExample,
    /// The model's code is wrong: its pieces do not fit together, or it
    /// computed a value that its own type rules out. Softmax of finite
    /// scores is always a distribution and cross-entropy is never negative,
    /// so a value that breaks such a rule was computed by a wrong formula.
    /// Stop, and fix the code.
    FixTheCode,
    /// The numbers themselves blew up: a weight or a score became NaN or
    /// infinite, which is how divergent training shows. Stop training, and
    /// restart with a smaller learning rate.
    StopTraining,
}

fn react_to(error: &MlError) -> Reaction {
    // TODO: four kinds of failure have no arm yet.
    match error {
        MlError::EmptyInput(_) => Reaction::SkipExample,
        MlError::ShapeMismatch { .. } => Reaction::FixTheCode,
    }
}

fn main() {
    let error = MlError::OutOfRange {
        kind: "token",
        index: 7,
        limit: 5,
    };
    println!("{error} -> {:?}", react_to(&error));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_examples_are_skipped() {
        assert_eq!(
            react_to(&MlError::EmptyInput("token sequence")),
            Reaction::SkipExample,
            "an empty example is bad data: skip it"
        );
        assert_eq!(
            react_to(&MlError::OutOfRange {
                kind: "token",
                index: 7,
                limit: 5
            }),
            Reaction::SkipExample,
            "token 7 does not exist in a vocabulary of 5: the example is bad data, skip it"
        );
    }

    #[test]
    fn shapes_that_do_not_fit_are_code_bugs() {
        let error = MlError::ShapeMismatch {
            op: "linear to logits",
            expected: "hidden vector of length 2".to_string(),
            got: "length 3".to_string(),
        };
        assert_eq!(
            react_to(&error),
            Reaction::FixTheCode,
            "a hidden vector of the wrong length is a bug in the model's code"
        );
    }

    #[test]
    fn impossible_values_are_code_bugs() {
        assert_eq!(
            react_to(&MlError::InvalidProbability("distribution")),
            Reaction::FixTheCode,
            "a value meant to be a distribution is not one: the code that \
             computed it is wrong (chapter 2.2 divided counts by the wrong \
             number), so fix the code"
        );
        assert_eq!(
            react_to(&MlError::InvalidLoss(-0.1278)),
            Reaction::FixTheCode,
            "cross-entropy is never negative, so a negative loss comes from a wrong \
             formula, not from the data or from diverging numbers"
        );
    }

    #[test]
    fn numbers_that_blew_up_stop_training() {
        assert_eq!(
            react_to(&MlError::InvalidScalar {
                kind: "parameter after a training step",
                value: f32::NAN
            }),
            Reaction::StopTraining,
            "a weight that became NaN during training means training diverged"
        );
    }
}
