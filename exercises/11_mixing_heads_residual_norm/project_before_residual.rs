// Chapter 11.4: project before the residual, and make the widths types
//
// A residual connection adds a sublayer's output back onto the stream it
// read, x + F(x), position by position and feature by feature. That sum is
// only defined between equal widths. Multi-head attention ends with the
// heads concatenated: h heads of width d give h·d features per position.
// The usual setup picks d = d_model / h, so h·d already equals the model
// width, and the output projection W_O (h·d × d_model) mixes the heads'
// features without changing the width. This file breaks that habit on
// purpose: 2 heads of width 2 give 4 features against a model width of 2,
// so W_O (4 × 2 here) must also bring the width back, and only after it may
// the heads be added onto the stream. Forgetting W_O then leaves the widths
// unequal, a mistake types can catch (with h·d = d_model no width check could
// see it).
//
// The library checks these widths when the program runs. Here they are
// known while you write the code, and then Rust can check them when it
// compiles: `[f32; 4]` and `[f32; 2]` are different types, and a const
// generic parameter carries a width in a type,
//     type Rows<const WIDTH: usize> = Vec<[f32; WIDTH]>;
// so that `Rows<2>` and `Rows<4>` cannot be mixed up, and
//     fn f<const IN: usize, const OUT: usize>(.., weight: &[[f32; OUT]; IN])
// names a weight's fan-in and fan-out.
//
// Below, every width is a bare `Vec`. `add_residual` zips two rows, and
// `zip` stops at the shorter one, so adding 4 features onto 2 silently drops
// two of them; `attention_sublayer` forgot W_O, and the test catches the
// wrong numbers. This is a design exercise: fix it in two moves.
//   1. Put the widths in the types: `Rows<const WIDTH: usize>`, the stream
//      `Rows<2>`, the heads `Rows<4>`, W_O `[[f32; 2]; 4]`, and generic
//      `project` and `add_residual` whose signatures say which widths must
//      agree. rustc then points at the missing projection.
//   2. Project before adding.
// Adding the projection alone makes the tests pass but leaves the door open:
// the course also requires that these misuses no longer compile,
//     let _ = add_residual(&stream(), &heads());
//     let _ = project(&stream(), &output_projection());
// and once the runner checks that, a file that only added the call does not
// pass. Done when the tests pass and both lines are type errors.

/// Positions × features, one `Vec` per position.
// TODO: nothing in this type says how wide a row is.
type Rows = Vec<Vec<f32>>;

/// The residual stream: 2 positions at the model width 2.
fn stream() -> Rows {
    vec![vec![1.0, 2.0], vec![3.0, 4.0]]
}

/// The two heads concatenated: 2 positions × (2 heads · width 2).
fn heads() -> Rows {
    vec![vec![0.0, 1.0, 1.0, 2.0], vec![2.0, 3.0, 3.0, 4.0]]
}

/// W_O, fan-in 4 and fan-out 2: it averages the two heads feature by
/// feature, [a, b, c, d] ↦ [(a + c) / 2, (b + d) / 2].
fn output_projection() -> Vec<Vec<f32>> {
    vec![
        vec![0.5, 0.0],
        vec![0.0, 0.5],
        vec![0.5, 0.0],
        vec![0.0, 0.5],
    ]
}

/// `rows · weight`: row i of `weight` says where input feature i goes.
fn project(rows: &Rows, weight: &[Vec<f32>]) -> Rows {
    let fan_out = weight.first().map_or(0, Vec::len);
    rows.iter()
        .map(|row| {
            let mut out = vec![0.0; fan_out];
            for (x, weight_row) in row.iter().zip(weight) {
                for (o, w) in out.iter_mut().zip(weight_row) {
                    *o += x * w;
                }
            }
            out
        })
        .collect()
}

/// x + update, position by position and feature by feature.
fn add_residual(x: &Rows, update: &Rows) -> Rows {
    x.iter()
        .zip(update)
        .map(|(a, b)| a.iter().zip(b).map(|(a, b)| a + b).collect())
        .collect()
}

/// The stream after the attention sublayer: x + W_O(heads).
fn attention_sublayer(x: &Rows, heads: &Rows) -> Rows {
    add_residual(x, heads)
}

fn main() {
    let next = attention_sublayer(&stream(), &heads());
    println!("stream after attention: {next:?}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::{
        AttentionOutputProjection, HiddenSequence, Matrix, Morphism, MultiHeadOutput, Product,
        ResidualConnection,
    };

    /// Rows of any width as plain vectors, to compare with numbers by hand.
    fn plain<R: AsRef<[f32]>>(rows: &[R]) -> Vec<Vec<f32>> {
        rows.iter().map(|row| row.as_ref().to_vec()).collect()
    }

    #[test]
    fn residual_adds_the_projected_heads() {
        // W_O averages the heads: [0, 1, 1, 2] ↦ [0.5, 1.5] and
        // [2, 3, 3, 4] ↦ [2.5, 3.5]. Adding them to [[1, 2], [3, 4]] gives
        // [[1.5, 3.5], [5.5, 7.5]]. (Zipping the raw heads onto the stream
        // would give [[1, 3], [5, 7]]: two features silently dropped.)
        assert_eq!(
            plain(&attention_sublayer(&stream(), &heads())),
            vec![vec![1.5, 3.5], vec![5.5, 7.5]],
            "x + W_O(heads) for x = [[1, 2], [3, 4]]"
        );
    }

    #[test]
    fn the_projection_averages_the_heads() {
        assert_eq!(
            plain(&project(&heads(), &output_projection())),
            vec![vec![0.5, 1.5], vec![2.5, 3.5]],
            "W_O maps 4 features to the model width 2"
        );
    }

    #[test]
    fn a_residual_adds_feature_by_feature() {
        assert_eq!(
            plain(&add_residual(&stream(), &stream())),
            vec![vec![2.0, 4.0], vec![6.0, 8.0]],
            "x + x doubles every feature"
        );
    }

    #[test]
    fn agrees_with_the_library() {
        // The library's arrows compute the same sublayer, and check the same
        // widths when they run.
        let hidden = HiddenSequence::new(plain(&stream())).unwrap();
        let concatenated = MultiHeadOutput::new(plain(&heads())).unwrap();
        let w_o = AttentionOutputProjection::new(Matrix::new(plain(&output_projection())).unwrap());
        let projected = w_o.apply(concatenated).unwrap();
        let library = ResidualConnection
            .apply(Product::new(hidden, projected))
            .unwrap();
        assert_eq!(
            plain(&attention_sublayer(&stream(), &heads())),
            library.to_rows()
        );
    }
}
