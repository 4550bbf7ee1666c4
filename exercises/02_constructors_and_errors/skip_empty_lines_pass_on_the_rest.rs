// Chapter 2.5: handle the failure you expect, pass on the rest
//
// `?` after a fallible call means: if this is an `Err`, return it to my
// caller. It only works in a function whose return type can carry the
// error, such as `MlResult<T>`, and that includes `main`: when `main`
// returns `Err`, Rust prints the error and the program exits with a failure
// code.
//
// Not every error is a bug to pass on. A training corpus often holds empty
// lines, and a line can also hold a character the tokenizer does not know.
// `tokenize_line` below meets both: `Text::new` refuses an empty line with
// `MlError::EmptyInput`, and the tokenizer refuses an unknown character
// (with `MlError::ShapeMismatch`). An empty line has nothing to learn from,
// so the right reaction is to skip it. An unknown character is another
// matter: the vocabulary was built from a different text, a real bug that
// the caller must hear of. Both failures come out of the one call as an
// `Err`; because errors are values of an enum, the code can tell them apart
// by their variant.
//
// `tokenize_lines` should skip the empty lines of a corpus and pass every
// other failure on. Done when the file compiles and the tests pass (do not
// edit the tests).

use typed_ai::{MlError, MlResult, Morphism, Text, TokenSequence, Tokenizer};

/// One line as a token sequence. Fails with `EmptyInput` for an empty line
/// and with `ShapeMismatch` for a character outside the tokenizer's corpus.
fn tokenize_line(tokenizer: &Tokenizer, line: &str) -> MlResult<TokenSequence> {
    tokenizer.apply(Text::new(line)?)
}

/// Every line of `corpus` as a token sequence, in order. Empty lines are
/// skipped; any other failure is returned to the caller.
fn tokenize_lines(tokenizer: &Tokenizer, corpus: &str) -> MlResult<Vec<TokenSequence>> {
    let mut sequences: Vec<TokenSequence> = Vec::new();
    for line in corpus.lines() {
        // TODO: an empty line is expected; what must happen to it, and to
        // every other failure?
        sequences.push(tokenize_line(tokenizer, line));
    }
    Ok(sequences)
}

fn main() -> MlResult<()> {
    let tokenizer = Tokenizer::from_corpus("hello")?;
    let corpus = "hello\n\nhole\n";
    for sequence in tokenize_lines(&tokenizer, corpus)? {
        println!("{:?}", tokenizer.decode(&sequence)?);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokenizer() -> Tokenizer {
        Tokenizer::from_corpus("hello").unwrap()
    }

    fn decoded(corpus: &str) -> Vec<String> {
        let tokenizer = tokenizer();
        match tokenize_lines(&tokenizer, corpus) {
            Ok(sequences) => sequences
                .iter()
                .map(|sequence| tokenizer.decode(sequence).unwrap())
                .collect(),
            Err(error) => panic!("tokenize_lines({corpus:?}) returned Err({error:?})"),
        }
    }

    #[test]
    fn empty_lines_are_skipped() {
        assert_eq!(
            decoded("hello\n\nhole\n\n"),
            ["hello", "hole"],
            "the corpus has two lines of text and two empty lines: an empty line \
             has nothing to learn from, so it gives no sequence and no error"
        );
    }

    #[test]
    fn every_line_of_text_is_kept_in_order() {
        assert_eq!(decoded("hole\nhello"), ["hole", "hello"]);
    }

    #[test]
    fn an_unknown_character_reaches_the_caller() {
        assert_eq!(
            tokenize_lines(&tokenizer(), "hello\nhalo"),
            Err(MlError::ShapeMismatch {
                op: "tokenize",
                expected: "a character of the tokenizer's corpus".to_string(),
                got: "'a'".to_string(),
            }),
            "the tokenizer was built from \"hello\" and has no token for 'a': that \
             is a bug in the data pipeline, and the caller must receive its error"
        );
    }
}
