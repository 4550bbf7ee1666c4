// Chapter 1.2: a raw index is not a token
//
// A `TokenId` is a position in the vocabulary. Underneath it is a `usize`,
// but a `usize` could just as well be a count, a position in the sentence or
// a batch size. Giving token ids their own type lets the compiler stop any of
// those from landing where a vocabulary position belongs.
//
// A model scores every vocabulary entry; its prediction is the entry with the
// highest score. `predicted_character` finds where that score sits, then hands
// `decode` the bare position. Turn the position into a token id. Done when the
// file compiles and the tests pass (the tests are not the thing to edit).

use typed_ai::TokenId;

/// The vocabulary of "hello". A character's position here is its token id.
const VOCABULARY: [char; 4] = ['e', 'h', 'l', 'o'];

/// The character a token stands for.
fn decode(token: TokenId) -> char {
    VOCABULARY[token.index()]
}

/// Where the largest score sits (the first one on a tie).
fn position_of_highest(scores: &[f32]) -> usize {
    let mut best = 0;
    for (position, &score) in scores.iter().enumerate() {
        if score > scores[best] {
            best = position;
        }
    }
    best
}

/// The character the model predicts: the vocabulary entry with the highest
/// score. `scores[i]` is the score of token `i`.
fn predicted_character(scores: &[f32]) -> char {
    let raw_index = position_of_highest(scores);
    // Wrapping the position says, in the type, that it is a vocabulary index.
    decode(TokenId::new(raw_index))
}

fn main() {
    let scores = [0.1, 2.0, -1.0, 0.5];
    println!(
        "scores {scores:?} for {VOCABULARY:?} predict {:?}",
        predicted_character(&scores)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highest_score_picks_h() {
        assert_eq!(
            predicted_character(&[0.1, 2.0, -1.0, 0.5]),
            'h',
            "scores for [e, h, l, o] are [0.1, 2.0, -1.0, 0.5]: h scores highest"
        );
    }

    #[test]
    fn last_entry_can_win() {
        assert_eq!(
            predicted_character(&[0.0, 0.0, 0.0, 3.0]),
            'o',
            "scores for [e, h, l, o] are [0, 0, 0, 3]: o scores highest"
        );
    }
}
