// Chapter 1.1: tokens need an import
//
// A language model never sees text, only token ids: every character (or word)
// is replaced by its position in the vocabulary. In this course every ML
// noun, `TokenId` included, is a type from the shared `typed_ai` library, and
// a name from another crate must be brought into scope before you can use it.
//
// `hello_as_tokens` writes the word "hello" as token ids, but the compiler
// does not know what a `TokenId` is. Done when the file compiles and the tests
// at the bottom pass. The tests define done: do not edit them.

// `TokenId` is a library type like the others: naming it needs an import.
use typed_ai::{MlResult, TokenId, TokenSequence};

/// The vocabulary of "hello": each distinct character once, in sorted order.
/// A character's position in this list is its token id.
const VOCABULARY: [char; 4] = ['e', 'h', 'l', 'o'];

/// "hello", one token per character: h, e, l, l, o.
fn hello_as_tokens() -> MlResult<TokenSequence> {
    let positions = [1, 0, 2, 2, 3];
    // Each vocabulary position becomes a `TokenId`.
    TokenSequence::new(positions.into_iter().map(TokenId::new).collect())
}

/// Turns tokens back into text by looking each id up in the vocabulary.
fn decode(sequence: &TokenSequence) -> String {
    sequence
        .tokens()
        .iter()
        .map(|token| VOCABULARY[token.index()])
        .collect()
}

fn main() -> MlResult<()> {
    let tokens = hello_as_tokens()?;
    println!("{} tokens decode to {:?}", tokens.len(), decode(&tokens));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hello_is_five_tokens() {
        let tokens = hello_as_tokens().unwrap();
        assert_eq!(tokens.len(), 5, "\"hello\" has 5 characters, so 5 tokens");
    }

    #[test]
    fn tokens_decode_back_to_hello() {
        let tokens = hello_as_tokens().unwrap();
        assert_eq!(
            decode(&tokens),
            "hello",
            "the ids [1, 0, 2, 2, 3] should spell h, e, l, l, o in the vocabulary [e, h, l, o]"
        );
    }
}
