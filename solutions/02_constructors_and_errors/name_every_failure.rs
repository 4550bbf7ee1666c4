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
//                                       infinite, or out of its range (a
//                                       learning rate that is not positive)
//   InvalidLoss(value)                  a loss that is negative or not finite
//
// Two of them lump together failures with different causes. A weight that
// became NaN and a learning rate set to -0.1 are both `InvalidScalar`; a
// negative loss and an infinite one are both `InvalidLoss`. Where the
// variant alone cannot tell what went wrong, what it carries can.
//
// `react_to` handles two kinds. Add arms for the others, choosing each
// reaction from the policy written on `Reaction`: for each failure, ask
// whether the data, the program or the numbers went wrong. Done when the
// file compiles and the tests pass (do not edit the tests).
//
// The tests can catch a catch-all `_` that gives kinds with different causes
// the same reaction, but not one that happens to give today's six kinds the
// right answers. Its cost comes later: when the library gains a seventh kind,
// a match without `_` stops compiling until someone decides what that kind
// means for training, and a match with `_` quietly files it somewhere.

use typed_ai::MlError;

/// What a training loop does when one step on one example fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reaction {
    /// The example itself is bad data, and the program is fine: skip the
    /// example and keep training.
    SkipExample,
    /// The program is wrong, not one example and not the numbers. Its pieces
    /// do not fit together; or it computed a value that its own type rules
    /// out (softmax, the function that turns a model's scores into
    /// probabilities, always gives a distribution for finite scores, and
    /// cross-entropy, the loss that grows as the model gives the right token
    /// less probability, is never negative: both are chapter 4); or a
    /// setting is out of its range (a finite learning rate of -0.1 did not
    /// blow up, it was written down wrong). A token id outside the
    /// vocabulary belongs here too: the data was encoded with a different
    /// vocabulary than the model's, as in chapter 2.5, and skipping those
    /// examples would hide the mismatch. Stop, and fix the code or its
    /// settings.
    FixTheCode,
    /// The numbers themselves blew up: a weight, a score or the loss became
    /// NaN or infinite, which is how divergent training shows. Stop
    /// training, and restart with a smaller learning rate.
    StopTraining,
}

fn react_to(error: &MlError) -> Reaction {
    // One arm per kind of failure and no `_`: if the library ever gains a
    // seventh kind, this match stops compiling until someone decides how
    // training should react to it.
    match error {
        MlError::EmptyInput(_) => Reaction::SkipExample,
        // The data and the model disagree on the vocabulary: a pipeline bug.
        MlError::OutOfRange { .. } => Reaction::FixTheCode,
        MlError::ShapeMismatch { .. } => Reaction::FixTheCode,
        // A value its own type rules out comes from a wrong formula.
        MlError::InvalidProbability(_) => Reaction::FixTheCode,
        // Where the variant covers two causes, the payload tells them apart:
        // a finite number out of its range was set wrong, a NaN or infinite
        // one blew up.
        MlError::InvalidScalar { value, .. } if value.is_finite() => Reaction::FixTheCode,
        MlError::InvalidScalar { .. } => Reaction::StopTraining,
        // Cross-entropy is never negative: a negative loss is a wrong
        // formula; an infinite (or NaN) one is divergence.
        MlError::InvalidLoss(value) if *value < 0.0 => Reaction::FixTheCode,
        MlError::InvalidLoss(_) => Reaction::StopTraining,
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

    fn nan_weight() -> MlError {
        MlError::InvalidScalar {
            kind: "parameter after a training step",
            value: f32::NAN,
        }
    }

    fn negative_learning_rate() -> MlError {
        MlError::InvalidScalar {
            kind: "learning rate",
            value: -0.1,
        }
    }

    #[test]
    fn bad_examples_are_skipped() {
        assert_eq!(
            react_to(&MlError::EmptyInput("token sequence")),
            Reaction::SkipExample,
            "an empty example is bad data: skip it"
        );
    }

    #[test]
    fn a_token_outside_the_vocabulary_is_a_pipeline_bug() {
        assert_eq!(
            react_to(&MlError::OutOfRange {
                kind: "token",
                index: 7,
                limit: 5
            }),
            Reaction::FixTheCode,
            "token 7 does not exist in a vocabulary of 5: the data was encoded \
             with another vocabulary than the model's, as in chapter 2.5, and \
             skipping such examples would hide the mismatch; fix the pipeline"
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
    fn a_setting_out_of_its_range_is_a_code_bug() {
        assert_eq!(
            react_to(&negative_learning_rate()),
            Reaction::FixTheCode,
            "a learning rate of -0.1 is a finite number that broke its rule: \
             nothing blew up, the setting was written down wrong, and \
             restarting with a smaller learning rate cannot fix it. Look at the \
             value InvalidScalar carries, not only at the variant"
        );
    }

    #[test]
    fn numbers_that_blew_up_stop_training() {
        assert_eq!(
            react_to(&nan_weight()),
            Reaction::StopTraining,
            "a weight that became NaN during training means training diverged"
        );
        assert_eq!(
            react_to(&MlError::InvalidLoss(f32::INFINITY)),
            Reaction::StopTraining,
            "an infinite loss is not a wrong formula (that gives a negative \
             loss): the numbers blew up, as they do when training diverges. Look \
             at the value InvalidLoss carries, not only at the variant"
        );
    }

    #[test]
    fn one_arm_cannot_answer_for_the_four_missing_kinds() {
        // The four kinds that had no arm, with the reaction each needs:
        // OutOfRange and InvalidProbability fix the code; InvalidScalar and
        // InvalidLoss need both reactions, depending on what they carry.
        let reactions = [
            react_to(&MlError::OutOfRange {
                kind: "token",
                index: 7,
                limit: 5,
            }),
            react_to(&MlError::InvalidProbability("distribution")),
            react_to(&nan_weight()),
            react_to(&negative_learning_rate()),
            react_to(&MlError::InvalidLoss(-0.1278)),
            react_to(&MlError::InvalidLoss(f32::INFINITY)),
        ];
        assert!(
            reactions.iter().any(|r| *r != reactions[0]),
            "all four kinds got {:?}: one arm (such as a catch-all `_`) gives \
             every kind it covers the same reaction, but a NaN weight and a \
             learning rate of -0.1 are both InvalidScalar and need different ones",
            reactions[0]
        );
    }
}

// Wrong fixes this file's tests reject:
// - a catch-all `_ => Reaction::FixTheCode` (or any one reaction) for the
//   four missing kinds: a NaN weight and a learning rate of -0.1 are both
//   `InvalidScalar` and need different reactions
//   (`one_arm_cannot_answer_for_the_four_missing_kinds`, and the two tests
//   of the kind it gets wrong);
// - `MlError::InvalidScalar { .. } => Reaction::StopTraining` with no look
//   at the value: a learning rate of -0.1 did not diverge, it was set wrong;
// - `MlError::InvalidLoss(_) => Reaction::FixTheCode`: an infinite loss is
//   divergence, not a wrong formula;
// - `MlError::OutOfRange { .. } => Reaction::SkipExample`: a token outside
//   the vocabulary is the mismatch chapter 2.5 returns to the caller.
// What no test can see: a final `_` after arms that already give today's six
// kinds their right reactions. It answers every current error correctly; it
// only differs on a kind the library does not have yet, which is why the
// solution names every variant.
