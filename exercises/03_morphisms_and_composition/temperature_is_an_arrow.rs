// Chapter 3.1: an arrow is a named, typed step
//
// In this course every step of a model is an arrow: a value that implements
// the trait `Morphism<Input, Output>`. Types are the objects; the trait asks
// for two items:
//     fn name(&self) -> String                            what a chain calls it
//     fn apply(&self, input: Input) -> MlResult<Output>   the step; it may fail
// `apply` belongs to the trait, not to the type, so calling it needs the
// trait in scope: that is why every file in this chapter imports `Morphism`.
//
// Temperature is the knob a sampler turns before softmax (the arrow that
// turns scores into probabilities: the exp of each score divided by the sum
// of the exps; chapter 4 builds it). It divides every score by a
// temperature T > 0. Above 1 the scores move closer together and the
// probabilities flatten; below 1 they spread apart and the most likely token
// takes more. Dividing by a positive number keeps the scores' order, so the
// most likely token stays the most likely; a negative T would reverse it, and
// T = 0 has no quotient at all, which is why `Temperature::new` refuses both.
//
// `Temperature` has its name but not its step. Write `apply`. Done when the
// file compiles and the tests pass (do not edit the tests).

use typed_ai::{Logits, MlError, MlResult, Morphism};

/// Divides every score by the temperature `self.0` (positive): an arrow
/// `Logits -> Logits`.
struct Temperature(f32);

impl Temperature {
    /// A temperature T, finite and above 0; anything else is
    /// `MlError::InvalidScalar`.
    fn new(t: f32) -> MlResult<Self> {
        if t.is_finite() && t > 0.0 {
            Ok(Self(t))
        } else {
            Err(MlError::InvalidScalar {
                kind: "temperature",
                value: t,
            })
        }
    }
}

impl Morphism<Logits, Logits> for Temperature {
    fn name(&self) -> String {
        "temperature".to_string()
    }

    // TODO: the trait asks for a second item, the step itself.
}

fn main() -> MlResult<()> {
    let scores = Logits::new(vec![2.0, 4.0, -6.0])?;
    for temperature in [0.5, 1.0, 2.0] {
        let cooled = Temperature::new(temperature)?.apply(scores.clone())?;
        println!("T = {temperature}: {:?}", cooled.scores());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::{Compose, Distribution, Softmax};

    fn assert_close(got: &[f32], want: &[f32], why: &str) {
        let close =
            got.len() == want.len() && got.iter().zip(want).all(|(g, w)| (g - w).abs() < 1e-5);
        assert!(close, "got {got:?}, expected {want:?}: {why}");
    }

    #[test]
    fn temperature_two_halves_every_score() {
        let scores = Temperature::new(2.0)
            .unwrap()
            .apply(Logits::new(vec![2.0, 4.0, -6.0]).unwrap())
            .unwrap();
        assert_eq!(
            scores.scores(),
            &[1.0, 2.0, -3.0],
            "scores [2, 4, -6] divided by the temperature 2 are [1, 2, -3]"
        );
    }

    #[test]
    fn temperature_one_half_doubles_every_score() {
        let scores = Temperature::new(0.5)
            .unwrap()
            .apply(Logits::new(vec![1.0, 2.0, -3.0]).unwrap())
            .unwrap();
        assert_eq!(
            scores.scores(),
            &[2.0, 4.0, -6.0],
            "dividing by 0.5 doubles: [1, 2, -3] becomes [2, 4, -6]"
        );
    }

    #[test]
    fn a_high_temperature_flattens_the_prediction() {
        // Scores [0, ln 9]: softmax gives 1/10 and 9/10. At T = 2 they become
        // [0, ln 9 / 2] = [0, ln 3], and softmax gives 1/4 and 3/4.
        let sampler = Compose::<_, _, Logits>::new(Temperature::new(2.0).unwrap(), Softmax);
        let flatter: Distribution = sampler
            .apply(Logits::new(vec![0.0, 9f32.ln()]).unwrap())
            .unwrap();
        assert_close(
            flatter.probabilities(),
            &[0.25, 0.75],
            "at temperature 2 the scores [0, ln 9] become [0, ln 3]: 1/4 and 3/4 \
             instead of 1/10 and 9/10, a flatter prediction",
        );
    }

    #[test]
    fn a_temperature_is_positive() {
        // T = -1 would turn [1, 2] into [-1, -2]: the least likely token would
        // become the most likely. T = 0 would divide by zero.
        for t in [0.0, -1.0, f32::NAN, f32::INFINITY] {
            assert!(
                matches!(
                    Temperature::new(t),
                    Err(MlError::InvalidScalar {
                        kind: "temperature",
                        ..
                    })
                ),
                "a temperature of {t} must be refused: only T > 0 keeps the scores' order"
            );
        }
    }

    #[test]
    fn a_pipeline_names_its_steps() {
        let sampler = Compose::<_, _, Logits>::new(Temperature::new(2.0).unwrap(), Softmax);
        assert_eq!(
            Morphism::<Logits, Distribution>::name(&sampler),
            "softmax ∘ temperature",
            "softmax after temperature names itself from its two steps' names"
        );
    }
}
