// Chapter 2.1: no way around the constructor
//
// A probability distribution has rules: no negative entries, and the
// entries sum to 1. `Distribution` keeps its numbers in a private field, so
// outside the library the only way to make one is `Distribution::new`, which
// checks the rules first. It cannot promise to hand back a `Distribution`, so
// its return type says so: `MlResult<Distribution>`, short for
// `Result<Distribution, MlError>`, is either `Ok` with the distribution or
// `Err` naming the rule the numbers broke. Every `Distribution` you will ever
// hold has passed that check: no code path skips it.
//
// `guess_after_q` copies a model's guess from a report and writes the
// distribution directly, as if the field were public. Build it the way the
// library allows; the check will then tell you whether the numbers are a
// distribution. Done when the file compiles and the tests pass (do not edit
// the tests).

use typed_ai::{Distribution, MlResult, TokenId};

/// A small model's guess for the letter after "q", over the vocabulary
/// [e, u]. The report it comes from reads: e 25%, u 75%.
fn guess_after_q() -> MlResult<Distribution> {
    // TODO: outside the library, this is not how a `Distribution` is made.
    Ok(Distribution(vec![25.0, 75.0]))
}

fn main() -> MlResult<()> {
    let guess = guess_after_q()?;
    println!(
        "p(e) = {}, p(u) = {}",
        guess.probability(TokenId::new(0))?,
        guess.probability(TokenId::new(1))?
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn u_is_three_times_as_likely_as_e() {
        let guess = match guess_after_q() {
            Ok(guess) => guess,
            Err(error) => panic!(
                "guess_after_q returned Err({error:?}): `Distribution::new` refused \
                 the numbers: a distribution's entries must sum to 1"
            ),
        };
        assert_eq!(
            guess.probabilities(),
            &[0.25, 0.75],
            "the report says e 25%, u 75%: p(e) = 0.25 and p(u) = 0.75"
        );
        assert_eq!(
            guess.argmax(),
            TokenId::new(1),
            "u (token 1) is the most likely letter after \"q\""
        );
    }
}
