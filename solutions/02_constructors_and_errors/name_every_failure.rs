// Chapter 2.6: name every failure
//
// `MlError` is an enum: each variant is one kind of failure and carries its
// details. Because errors are data, a training loop can decide what to do
// about each kind on purpose. Rust checks that a `match` handles every
// variant, and that check is only worth something if you do not hide cases
// behind a catch-all `_`.
//
// `react_to` handles two of `MlError`'s six variants. Add an arm for each
// missing one, following the policy written on `Reaction`. Done when the file
// compiles and the tests pass (do not edit the tests).

use typed_ai::MlError;

/// What a training loop does when one training example fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reaction {
    /// The example is bad data: it is empty (`EmptyInput`), or it holds an
    /// index outside its range, such as a token outside the vocabulary
    /// (`OutOfRange`). Skip the example and keep training.
    SkipExample,
    /// Two pieces of the model do not fit together (`ShapeMismatch`). That
    /// is a bug in the model's code: stop and fix the model.
    FixTheModel,
    /// The numbers have gone wrong: probabilities that are not a distribution
    /// (`InvalidProbability`), a NaN or out-of-range number such as a learning
    /// rate (`InvalidScalar`), a negative or infinite loss (`InvalidLoss`).
    /// Training has diverged: stop training.
    StopTraining,
}

fn react_to(error: &MlError) -> Reaction {
    // One arm per variant and no `_`: if the library ever gains a seventh
    // kind of failure, this match stops compiling until someone decides how
    // training should react to it.
    match error {
        MlError::EmptyInput(_) => Reaction::SkipExample,
        MlError::OutOfRange { .. } => Reaction::SkipExample,
        MlError::ShapeMismatch { .. } => Reaction::FixTheModel,
        MlError::InvalidProbability(_) => Reaction::StopTraining,
        MlError::InvalidScalar { .. } => Reaction::StopTraining,
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
    fn shape_bugs_need_a_code_fix() {
        let error = MlError::ShapeMismatch {
            op: "linear to logits",
            expected: "hidden vector of length 2".to_string(),
            got: "length 3".to_string(),
        };
        assert_eq!(
            react_to(&error),
            Reaction::FixTheModel,
            "a hidden vector of the wrong length is a bug in the model: fix it"
        );
    }

    #[test]
    fn diverged_numbers_stop_training() {
        assert_eq!(
            react_to(&MlError::InvalidProbability("softmax")),
            Reaction::StopTraining,
            "softmax produced something that is not a distribution: training diverged"
        );
        assert_eq!(
            react_to(&MlError::InvalidScalar {
                kind: "parameter after a training step",
                value: f32::NAN
            }),
            Reaction::StopTraining,
            "a NaN weight means training diverged"
        );
        assert_eq!(
            react_to(&MlError::InvalidLoss(-0.5)),
            Reaction::StopTraining,
            "a negative loss means the numbers are wrong: stop"
        );
    }
}
