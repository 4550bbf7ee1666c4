// Chapter 2.1: a constructor that can say no returns a Result
//
// A probability distribution has rules: no negative entries, and all entries
// sum to 1. `Distribution::new` checks those rules, so it cannot promise to
// hand back a `Distribution`: given bad numbers, it hands back an error. Its
// return type says so, `MlResult<Distribution>`, which is short for
// `Result<Distribution, MlError>`.
//
// `most_likely_vowel_after_h` wants a `Distribution` but is given the
// `Result` the constructor returns. Take the distribution out of the Result,
// and pass any error on to this function's caller. Done when the file
// compiles and the tests pass (do not edit the tests).

use typed_ai::{Distribution, MlResult, TokenId};

/// The vowel a model expects after "h", and how sure it is. The model's
/// vocabulary is the vowels [a, e, i, o].
fn most_likely_vowel_after_h() -> MlResult<(TokenId, f32)> {
    // `?` takes the distribution out of the Result, or returns the
    // constructor's error from this function if the numbers were invalid.
    let prediction: Distribution = Distribution::new(vec![0.2, 0.5, 0.2, 0.1])?;
    let best = prediction.argmax();
    Ok((best, prediction.probability(best)?))
}

fn main() -> MlResult<()> {
    let (vowel, probability) = most_likely_vowel_after_h()?;
    println!("after \"h\" the model expects vowel {vowel:?} with probability {probability}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e_is_the_most_likely_vowel_after_h() {
        let (vowel, probability) = most_likely_vowel_after_h().unwrap();
        assert_eq!(
            vowel,
            TokenId::new(1),
            "probabilities [0.2, 0.5, 0.2, 0.1] for [a, e, i, o]: e (token 1) is most likely"
        );
        assert_eq!(probability, 0.5, "the model gives e probability 0.5");
    }
}
