// Chapter 9.5: query and key widths agree
//
// A score is a dot product of one query with one key, and a dot product only
// exists between vectors of the same length. So the query projection and the
// key projection of a head must map the hidden width to the SAME head
// dimension d_k. Values are not dotted with anything, so their width is free.
//
// This library's sequence types do not carry their width (a width is a
// number the program learns when it runs), so this boundary is guarded by
// the arrow itself: `ScaledDotProductScores` returns a `ShapeMismatch` error
// that names both widths. (Chapter 11 shows how a width known while you
// write the code can become part of a type.) Run the file, read the error,
// and fix the head so `main` finishes. Done means `main` returns `Ok(())`.

use typed_ai::{
    HiddenSequence, KeyProjection, Matrix, MlResult, Morphism, Product, QueryProjection,
    ScaledDotProductScores, ValueProjection,
};

fn main() -> MlResult<()> {
    // Three positions of a model of width 2.
    let hidden = HiddenSequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]])?;

    // One head. Each weight is (hidden width) x (output width): one row per
    // input feature, and the output width is the number of columns. That is
    // the transpose of PyTorch's `nn.Linear.weight`, which is stored
    // (out_features x in_features).
    let query_weight = Matrix::new(vec![vec![1.0, 0.0], vec![0.0, 1.0]])?;
    // The key projection maps width 2 to the head dimension 2, like the
    // query projection, so every query can be dotted with every key.
    let key_weight = Matrix::new(vec![vec![1.0, 0.0], vec![0.0, 1.0]])?;
    // Values may have any width: here 3.
    let value_weight = Matrix::new(vec![vec![1.0, 0.0, 1.0], vec![0.0, 1.0, 1.0]])?;

    let queries = QueryProjection::new(query_weight).project(&hidden)?;
    let keys = KeyProjection::new(key_weight).project(&hidden)?;
    let values = ValueProjection::new(value_weight).project(&hidden)?;
    println!(
        "queries {} x {}, keys {} x {}, values {} x {}",
        queries.len(),
        queries.width(),
        keys.len(),
        keys.width(),
        values.len(),
        values.width()
    );

    let scores = ScaledDotProductScores.apply(Product::new(queries, keys))?;
    println!(
        "scores ({} queries x {} keys):",
        scores.query_len(),
        scores.key_len()
    );
    for row in scores.rows() {
        println!("  {row:?}");
    }
    Ok(())
}

// Wrong fixes `main` rejects:
// - dropping the last entry of one row of `key_weight` only: the rows then
//   have different lengths, and `Matrix::new` returns a `ShapeMismatch`
//   before any score is computed.
// - narrowing `value_weight` instead: the values were never the problem, and
//   the scores arrow still reports query width 2 against key width 3.
// (Widening the query weight to three columns also runs: d_k is a choice,
// as long as queries and keys make the same one.)
