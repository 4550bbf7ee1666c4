// Chapter 2.2: `?` needs somewhere to send the error
//
// `?` means: if this is an error, stop here and return it to my caller. So
// it only works inside a function whose return type can carry an `MlError`,
// such as `MlResult<T>`. `main` can return one too: when `main` returns
// `Err`, Rust prints the error and the program exits with a failure code.
//
// This `main` builds a model's prediction with `?`, but it is declared to
// return nothing, so the errors have nowhere to go. Give them a way out.
// Done when the file compiles and `main` runs to the end: this exercise is
// judged by running `main`, not by tests.

use typed_ai::{Distribution, MlResult};

// TODO: the `?`s below have nowhere to send an error.
fn main() {
    // After "q", English text almost always continues with "u".
    // The vocabulary is [a, e, u].
    let after_q = Distribution::new(vec![0.05, 0.05, 0.9])?;
    let best = after_q.argmax();
    println!(
        "after \"q\" the model expects token {} with probability {}",
        best.index(),
        after_q.probability(best)?
    );
}
