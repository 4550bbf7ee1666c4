// Chapter 4.2: a token id must name a row of the embedding table
//
// An embedding is a lookup table: row i holds the vector of token i. A
// `TokenId` on its own is just an index and does not know how large the
// vocabulary is, so the type system cannot stop a bad one. The lookup is the
// first arrow that checks it, and it rejects an id that has no row with a
// typed error.
//
// Run this file and read the error `main` returns. Fix the id that is wrong.
// Done means `main` embeds the whole sentence and returns `Ok(())`.

use typed_ai::{Embedding, Matrix, MlResult, Morphism, TokenId};

fn main() -> MlResult<()> {
    // One row per token, two features per row. The last row is a special
    // marker token for "the text ends here".
    let embedding = Embedding::new(Matrix::new(vec![
        vec![1.0, 0.0],  // token 0: 'a'
        vec![0.0, 1.0],  // token 1: 'b'
        vec![1.0, 1.0],  // token 2: 'c'
        vec![-1.0, 0.0], // token 3: 'd'
        vec![0.0, 0.0],  // end of text
    ])?);
    let vocab = embedding.vocab_size();
    println!("vocabulary size: {}", vocab.get());

    // TODO: which id does the last row of the table have?
    let end_of_text = TokenId::new(vocab.get());

    // "bad", then the end marker.
    let sentence = [
        TokenId::new(1),
        TokenId::new(0),
        TokenId::new(3),
        end_of_text,
    ];
    for token in sentence {
        let vector = embedding.apply(token)?;
        println!("token {} -> {:?}", token.index(), vector.values());
    }
    Ok(())
}
