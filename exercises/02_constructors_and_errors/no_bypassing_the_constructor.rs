// Chapter 2.3: no way around the constructor
//
// `Distribution` keeps its numbers in a private field. Outside the library
// the only way to make one is `Distribution::new`, which checks the rules of
// probability first (no negative entries, a sum of 1). That is why every
// `Distribution` you will ever hold can be trusted: no code path skips the
// check.
//
// `guess_after_q` writes the distribution directly, as if the field were
// public. Build it the way the library allows. Done when the file compiles
// and the tests pass (do not edit the tests).

use typed_ai::{Distribution, MlResult, TokenId};

/// A small model's guess for the letter after "q", over the vocabulary [e, u].
fn guess_after_q() -> MlResult<Distribution> {
    // TODO: outside the library, this is not how a `Distribution` is made.
    Ok(Distribution(vec![0.25, 0.75]))
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
        let guess = guess_after_q().unwrap();
        assert_eq!(
            guess.probabilities(),
            &[0.25, 0.75],
            "the guess after \"q\" is p(e) = 0.25, p(u) = 0.75"
        );
        assert_eq!(
            guess.argmax(),
            TokenId::new(1),
            "u (token 1) is the most likely letter after \"q\""
        );
    }
}
