// Chapter 1.5: token ids copy, vectors move
//
// A `TokenId` is one small number, so it is `Copy`: passing it somewhere hands
// over a copy, and the original stays usable. A `Vector` owns a buffer of
// numbers that can be large, so passing it by value *moves* it: the data now
// belongs to the receiver and the old name is no longer usable. In ML code
// that matters. Copying a big tensor costs memory and time, so Rust makes you
// ask for a copy with `.clone()`, and every move shows where the data went.
//
// `cache_entry` stores a token together with its hidden vector, then measures
// the vector after giving it away. The token is used the same way and is
// fine. Keep the vector usable for both jobs. Done when the file compiles and
// the tests pass (do not edit the tests).

use typed_ai::{MlResult, Product, TokenId, Vector};

/// Pairs `token` with the hidden vector the model computed for it, in a
/// `Product` (the library's pair of two values), and measures that vector's
/// squared length (its dot product with itself).
fn cache_entry(token: TokenId, hidden: Vector) -> MlResult<(Product<TokenId, Vector>, f32)> {
    let entry = Product::new(token, hidden);
    // TODO: after the line above, who owns `hidden`?
    let squared_length = hidden.dot(&hidden)?;
    println!(
        "cached token {} with squared length {squared_length}",
        token.index()
    );
    Ok((entry, squared_length))
}

fn main() -> MlResult<()> {
    let (entry, squared_length) = cache_entry(TokenId::new(2), Vector::new(vec![3.0, 4.0])?)?;
    println!("{entry:?} has squared length {squared_length}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_keeps_token_and_vector() {
        let token = TokenId::new(2);
        let (entry, _) = cache_entry(token, Vector::new(vec![3.0, 4.0]).unwrap()).unwrap();
        // `token` was passed by value above and is still usable: it is Copy.
        assert_eq!(*entry.first(), token, "the entry holds token 2");
        assert_eq!(
            entry.second().values(),
            &[3.0, 4.0],
            "the entry holds the hidden vector [3, 4]"
        );
    }

    #[test]
    fn squared_length_is_the_sum_of_squares() {
        let (_, squared_length) =
            cache_entry(TokenId::new(2), Vector::new(vec![3.0, 4.0]).unwrap()).unwrap();
        assert_eq!(
            squared_length, 25.0,
            "the squared length of [3, 4] is 3*3 + 4*4 = 25"
        );
    }
}
