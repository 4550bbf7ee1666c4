// Chapter 3.2: every arrow has a name
//
// An arrow is more than a function: it has a source type, a target type and
// a name. The name is how a chain of arrows describes itself, so a model can
// print its pipeline as "softmax ∘ temperature", and an error report can say
// which step failed. The `Morphism` trait therefore asks for two items:
// `name` and `apply`.
//
// `Temperature` divides every score by a temperature before softmax: above 1
// it flattens the prediction, below 1 it sharpens it. Its `Morphism` impl is
// missing one of the trait's items. Done when the file compiles and the tests
// pass (do not edit the tests).

use typed_ai::{Logits, MlResult, Morphism};

/// Divides every score by the temperature `self.0`: an arrow
/// `Logits -> Logits` whose name in pipelines is `temperature`.
struct Temperature(f32);

impl Morphism<Logits, Logits> for Temperature {
    // The name is part of what an arrow is: composites build their own name
    // from it, so traces read "softmax ∘ temperature".
    fn name(&self) -> String {
        "temperature".to_string()
    }

    fn apply(&self, input: Logits) -> MlResult<Logits> {
        Logits::new(input.scores().iter().map(|score| score / self.0).collect())
    }
}

fn main() -> MlResult<()> {
    let flatten = Temperature(2.0);
    let scores = flatten.apply(Logits::new(vec![2.0, 4.0, -6.0])?)?;
    println!("{}: {:?}", flatten.name(), scores.scores());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::{Compose, Distribution, Softmax};

    #[test]
    fn temperature_two_halves_every_score() {
        let scores = Temperature(2.0)
            .apply(Logits::new(vec![2.0, 4.0, -6.0]).unwrap())
            .unwrap();
        assert_eq!(
            scores.scores(),
            &[1.0, 2.0, -3.0],
            "scores [2, 4, -6] divided by temperature 2 are [1, 2, -3]"
        );
    }

    #[test]
    fn the_arrow_is_called_temperature() {
        assert_eq!(
            Temperature(2.0).name(),
            "temperature",
            "the arrow's name in pipeline traces is `temperature`, as its doc comment says"
        );
    }

    #[test]
    fn a_pipeline_names_its_steps() {
        let sampler = Compose::<_, _, Logits>::new(Temperature(2.0), Softmax);
        assert_eq!(
            Morphism::<Logits, Distribution>::name(&sampler),
            "softmax ∘ temperature",
            "softmax after temperature names itself from its two steps' names"
        );
    }
}
