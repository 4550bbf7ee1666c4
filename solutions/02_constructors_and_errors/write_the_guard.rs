// Chapter 2.4: write the guard yourself
//
// You have used validated constructors; now write one. A model reads its
// input in windows of a fixed number of tokens, and that number has a rule:
// a window of zero tokens gives the model nothing to predict from. Code that
// receives a `SequenceLength` should be able to trust that, for instance to
// divide by it, without checking again.
//
// `SequenceLength::new` accepts every number. Make it refuse 0 with the
// library's error for empty input, naming what was empty:
// `MlError::EmptyInput("sequence length")`. (The library has its own
// `typed_ai::SequenceLength` with this very guard; the attention chapters use
// it. Here you write it.) Done when the tests pass (do not edit the tests).

use typed_ai::{MlError, MlResult};

/// How many tokens a model reads at once: at least 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SequenceLength(usize);

impl SequenceLength {
    /// A window of `tokens` tokens. Zero is rejected.
    fn new(tokens: usize) -> MlResult<Self> {
        // The one check, done once here, lets every user of a `SequenceLength`
        // (such as `whole_windows`, which divides by it) skip it.
        if tokens == 0 {
            return Err(MlError::EmptyInput("sequence length"));
        }
        Ok(Self(tokens))
    }

    /// The number of tokens in a window.
    fn get(self) -> usize {
        self.0
    }
}

/// How many whole windows of `length` tokens fit in a text of `tokens`
/// tokens. It divides without checking: a `SequenceLength` is never 0.
fn whole_windows(tokens: usize, length: SequenceLength) -> usize {
    tokens / length.get()
}

fn main() -> MlResult<()> {
    let length = SequenceLength::new(3)?;
    println!(
        "a text of 10 tokens holds {} whole windows of {} tokens",
        whole_windows(10, length),
        length.get()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_length_rejects_zero() {
        assert_eq!(
            SequenceLength::new(0),
            Err(MlError::EmptyInput("sequence length")),
            "a window of 0 tokens gives the model nothing to read: SequenceLength::new(0) must fail"
        );
    }

    #[test]
    fn positive_lengths_are_kept() {
        assert_eq!(
            SequenceLength::new(1).map(SequenceLength::get),
            Ok(1),
            "a window of 1 token is the smallest a model can read"
        );
        assert_eq!(
            SequenceLength::new(3).map(SequenceLength::get),
            Ok(3),
            "a window of 3 tokens is a valid length and keeps its value"
        );
    }

    #[test]
    fn ten_tokens_hold_three_windows_of_three() {
        let length = SequenceLength::new(3).unwrap();
        assert_eq!(
            whole_windows(10, length),
            3,
            "10 tokens make 3 whole windows of 3 tokens, with 1 token left over"
        );
    }
}

// Wrong fixes this file's tests reject: `assert!(tokens > 0)` or any other
// panic (the caller must get the error as a value it can handle), and
// returning another variant such as `MlError::InvalidScalar` (the test wants
// the library's error for an empty input, naming what was empty).
