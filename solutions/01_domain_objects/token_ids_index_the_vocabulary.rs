// Chapter 1.1: a token id is a position in the vocabulary
//
// A language model never reads characters, only token ids. The vocabulary
// lists each distinct character once, and a character's token id is its
// position in that list: with the vocabulary [e, h, l, o], "l" is token 2
// wherever it appears in a text. A position in the text ("the third
// character") is a `usize` too, and so is a count, which is how the numbers
// get mixed up. The library gives token ids a type of their own, `TokenId`:
// a `usize` becomes one only through `TokenId::new`, the one place where the
// code vouches that this number is a vocabulary position.
//
// `encode` should turn a text into its token ids, one per character. It
// collects the wrong numbers, and the types notice. Done when the file
// compiles and the tests pass (do not edit the tests).

use typed_ai::{MlResult, TokenId, TokenSequence};

/// The vocabulary of "hello": each distinct character once, in sorted order.
const VOCABULARY: [char; 4] = ['e', 'h', 'l', 'o'];

/// Where `character` sits in the vocabulary. The texts in this file use no
/// other characters.
fn vocabulary_position(character: char) -> usize {
    VOCABULARY
        .iter()
        .position(|&known| known == character)
        .expect("the texts in this file use only the vocabulary's characters")
}

/// The character a token id stands for. An id past the end of the
/// vocabulary stands for no character: that is a bug in whoever built it.
fn decode(token: TokenId) -> char {
    match VOCABULARY.get(token.index()) {
        Some(&character) => character,
        None => panic!(
            "token id {} stands for no character: the vocabulary has {} entries, \
             so every token id is a position below {}",
            token.index(),
            VOCABULARY.len(),
            VOCABULARY.len()
        ),
    }
}

/// `text` as token ids, one per character.
fn encode(text: &str) -> MlResult<TokenSequence> {
    let mut tokens = Vec::new();
    for character in text.chars() {
        // The id is where the character sits in the vocabulary, not where it
        // sits in the text: both l's of "hello" are token 2.
        tokens.push(TokenId::new(vocabulary_position(character)));
    }
    TokenSequence::new(tokens)
}

fn main() -> MlResult<()> {
    let tokens = encode("hello")?;
    let ids: Vec<usize> = tokens.tokens().iter().map(|token| token.index()).collect();
    let text: String = tokens.tokens().iter().map(|&token| decode(token)).collect();
    println!("\"hello\" encodes as {ids:?}, which decodes to {text:?}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<usize> {
        encode(text)
            .unwrap()
            .tokens()
            .iter()
            .map(|token| token.index())
            .collect()
    }

    #[test]
    fn hello_is_encoded_by_vocabulary_position() {
        assert_eq!(
            ids("hello"),
            [1, 0, 2, 2, 3],
            "in the vocabulary [e, h, l, o], h is token 1, e token 0, l token 2 \
             (both times) and o token 3; [0, 1, 2, 3, 4] would be each \
             character's position in the text"
        );
    }

    #[test]
    fn a_character_keeps_its_id_wherever_it_appears() {
        assert_eq!(
            ids("lol"),
            [2, 3, 2],
            "\"lol\" is l, o, l: token 2, token 3, token 2 again"
        );
    }

    #[test]
    fn decoding_the_ids_gives_the_text_back() {
        for text in ["hello", "hole", "eel"] {
            let tokens = encode(text).unwrap();
            let decoded: String = tokens.tokens().iter().map(|&token| decode(token)).collect();
            assert_eq!(
                decoded, text,
                "decoding the ids of {text:?} must give {text:?} back"
            );
        }
    }
}

// Wrong fixes this file's tests reject: `tokens.push(TokenId::new(position))`
// (the position in the text: "hello" would be [0, 1, 2, 3, 4] and its fifth
// id would have no vocabulary entry), and `TokenId::new(character as usize)`
// (the character's Unicode number, 104 for h, far outside the vocabulary).
