//! [`ScoreGrid<R, C>`]: a grid of scores whose orientation is in its type,
//! the role on the rows `R` and the role on the columns `C`.
//!
//! QKᵀ and KQᵀ hold the same numbers, transposed, and both are "a matrix of
//! dot products"; only the first is attention scores, whose rows the
//! softmax normalises, one per query. Here the grid is built by pairing
//! every row of the `R` sequence with every row of the `C` sequence, in
//! that order, so its type says which way round it is, and only a
//! `ScoreGrid<QuerySequence, KeySequence>` becomes `AttentionScores`. Keys
//! on the rows is therefore a type error, not a shape a test has to catch.
//! What each cell holds (the dot product, the scaling) is `scores.rs`'s.

use std::marker::PhantomData;

use typed_ai::{AttentionScores, KeySequence, MlError, MlResult, QuerySequence};

/// A sequence that can stand on one side of a score grid: its rows and
/// their width, under the name reports use.
pub trait Role {
    /// "queries" or "keys".
    const NAME: &'static str;

    /// The rows, one per position, in order.
    fn role_rows(&self) -> Vec<&[f32]>;

    /// The width of every row (d_k for queries and keys).
    fn role_width(&self) -> usize;
}

impl Role for QuerySequence {
    const NAME: &'static str = "queries";

    fn role_rows(&self) -> Vec<&[f32]> {
        self.rows().collect()
    }

    fn role_width(&self) -> usize {
        self.width()
    }
}

impl Role for KeySequence {
    const NAME: &'static str = "keys";

    fn role_rows(&self) -> Vec<&[f32]> {
        self.rows().collect()
    }

    fn role_width(&self) -> usize {
        self.width()
    }
}

/// One score per (row of `R`, row of `C`) pair: `R` on the rows, `C` on
/// the columns.
///
/// ```
/// use scaled_dot_product_attention::ScoreGrid;
/// use typed_ai::{KeySequence, QuerySequence};
/// let queries = QuerySequence::new(vec![vec![1.0, 0.0]])?;
/// let keys = KeySequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]])?;
/// let grid = ScoreGrid::pairing(&queries, &keys, |q, k| q[0] * k[0] + q[1] * k[1])?;
/// assert_eq!(grid.shape(), (1, 3)); // one query row, three key columns
/// let scores = grid.into_attention_scores()?;
/// assert_eq!(scores.row(0)?, &[1.0, 0.0, 1.0]);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreGrid<R, C> {
    cells: Vec<Vec<f32>>,
    roles: PhantomData<(R, C)>,
}

impl<R: Role, C: Role> ScoreGrid<R, C> {
    /// `score(r, c)` for every row `r` of `rows` (outer, the grid's rows)
    /// and every row `c` of `columns` (inner, its columns). Both sides must
    /// have the same width, since a score compares them entry by entry
    /// (`ShapeMismatch { op: "scaled dot-product attention scores" }`).
    pub fn pairing(rows: &R, columns: &C, score: impl Fn(&[f32], &[f32]) -> f32) -> MlResult<Self> {
        if columns.role_width() != rows.role_width() {
            return Err(MlError::ShapeMismatch {
                op: "scaled dot-product attention scores",
                expected: format!(
                    "{} of width {} (the width of the {}, d_k)",
                    C::NAME,
                    rows.role_width(),
                    R::NAME
                ),
                got: format!("{} of width {}", C::NAME, columns.role_width()),
            });
        }
        let column_rows = columns.role_rows();
        let cells = rows
            .role_rows()
            .into_iter()
            .map(|row| {
                column_rows
                    .iter()
                    .map(|column| score(row, column))
                    .collect()
            })
            .collect();
        Ok(Self {
            cells,
            roles: PhantomData,
        })
    }

    /// (rows, columns): (length of `R`, length of `C`).
    pub fn shape(&self) -> (usize, usize) {
        (self.cells.len(), self.cells.first().map_or(0, Vec::len))
    }
}

impl ScoreGrid<QuerySequence, KeySequence> {
    /// The grid as attention scores: queries on the rows, keys on the
    /// columns, so that the softmax runs over the keys of each query. Only
    /// this orientation has the method.
    pub fn into_attention_scores(self) -> MlResult<AttentionScores> {
        AttentionScores::new(self.cells)
    }
}
