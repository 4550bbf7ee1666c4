// Project before the residual.
//
// A residual connection adds a sublayer's output back onto the stream it
// read: x + F(x). Addition needs equal shapes, and the concatenated heads
// are not at the stream's width (h heads of width d give h·d features, here
// 2·2 = 4 against a model width of 2). The output projection W_O maps the
// heads back to the model width, and only that projected output may be
// added. The types say so: `ResidualConnection` accepts the stream plus a
// `ProjectedAttentionOutput` (or a `FeedForwardOutput`), and nothing else.
//
// Fix `attention_sublayer` so it compiles and the tests pass. The tests at
// the bottom are the definition of done: read them, do not edit them.

use typed_ai::{
    AttentionOutputProjection, HiddenSequence, Matrix, MlResult, Morphism, MultiHeadOutput,
    Product, ResidualConnection,
};

/// W_O, 4 x 2: averages the two heads feature by feature,
/// [a, b, c, d] ↦ [(a + c) / 2, (b + d) / 2].
fn output_projection() -> MlResult<AttentionOutputProjection> {
    Ok(AttentionOutputProjection::new(Matrix::new(vec![
        vec![0.5, 0.0],
        vec![0.0, 0.5],
        vec![0.5, 0.0],
        vec![0.0, 0.5],
    ])?))
}

/// The stream after the attention sublayer: x + W_O(heads).
fn attention_sublayer(
    hidden: HiddenSequence,
    heads: MultiHeadOutput,
    projection: &AttentionOutputProjection,
) -> MlResult<HiddenSequence> {
    // TODO: can 4 features per position be added to a stream of width 2?
    ResidualConnection.apply(Product::new(hidden, heads))
}

fn main() -> MlResult<()> {
    let hidden = HiddenSequence::new(vec![vec![1.0, 2.0], vec![3.0, 4.0]])?;
    let heads = MultiHeadOutput::new(vec![vec![0.0, 1.0, 1.0, 2.0], vec![2.0, 3.0, 3.0, 4.0]])?;
    let next = attention_sublayer(hidden, heads, &output_projection()?)?;
    println!("stream after attention: {:?}", next.to_rows());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn residual_adds_the_projected_heads() {
        // W_O averages the heads: [0, 1, 1, 2] ↦ [0.5, 1.5] and
        // [2, 3, 3, 4] ↦ [2.5, 3.5]. Adding them to [[1, 2], [3, 4]] gives
        // [[1.5, 3.5], [5.5, 7.5]].
        let hidden = HiddenSequence::new(vec![vec![1.0, 2.0], vec![3.0, 4.0]]).unwrap();
        let heads =
            MultiHeadOutput::new(vec![vec![0.0, 1.0, 1.0, 2.0], vec![2.0, 3.0, 3.0, 4.0]]).unwrap();
        let next = attention_sublayer(hidden, heads, &output_projection().unwrap()).unwrap();
        assert_eq!(
            next.to_rows(),
            vec![vec![1.5, 3.5], vec![5.5, 7.5]],
            "x + W_O(heads) for x = [[1, 2], [3, 4]]"
        );
    }

    #[test]
    fn zero_heads_leave_the_stream_unchanged() {
        // F(x) = 0 makes the residual the identity: x + 0 = x.
        let hidden = HiddenSequence::new(vec![vec![1.0, 2.0], vec![3.0, 4.0]]).unwrap();
        let heads = MultiHeadOutput::new(vec![vec![0.0; 4]; 2]).unwrap();
        let next = attention_sublayer(hidden.clone(), heads, &output_projection().unwrap());
        assert_eq!(
            next.unwrap(),
            hidden,
            "a residual around zero is the identity"
        );
    }
}
