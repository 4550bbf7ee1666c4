// One source, three roles.
//
// In self-attention one hidden sequence plays three parts at once. It is
// projected into queries (what each position is looking for), keys (what
// each position offers to be matched against) and values (what each position
// hands over when it is chosen). Three projections, one source.
//
// A `HiddenSequence` owns its numbers, and an arrow's `apply` takes its input
// by value, so passing `hidden` to the first projection moves it there.
//
// Fix `project_three_ways` so it compiles and the tests pass. The tests at
// the bottom are the definition of done: read them, do not edit them.

use typed_ai::{
    HiddenSequence, KeyProjection, KeySequence, Matrix, MlResult, Morphism, QueryProjection,
    QuerySequence, ValueProjection, ValueSequence,
};

/// The three projections of one attention head. Positions are rows, so each
/// projection computes `hidden · W`.
struct Projections {
    query: QueryProjection,
    key: KeyProjection,
    value: ValueProjection,
}

fn projections() -> MlResult<Projections> {
    Ok(Projections {
        // [a, b] · [[1], [0]] = [a]: the query reads feature 0.
        query: QueryProjection::new(Matrix::new(vec![vec![1.0], vec![0.0]])?),
        // [a, b] · [[0], [1]] = [b]: the key reads feature 1.
        key: KeyProjection::new(Matrix::new(vec![vec![0.0], vec![1.0]])?),
        // [a, b] · [[2, 0], [0, 2]] = [2a, 2b]: the value doubles both.
        value: ValueProjection::new(Matrix::new(vec![vec![2.0, 0.0], vec![0.0, 2.0]])?),
    })
}

/// Projects one hidden sequence into its three roles.
fn project_three_ways(
    hidden: HiddenSequence,
    projections: &Projections,
) -> MlResult<(QuerySequence, KeySequence, ValueSequence)> {
    // TODO: one hidden sequence must feed all three projections.
    let queries = projections.query.apply(hidden)?;
    let keys = projections.key.apply(hidden)?;
    let values = projections.value.apply(hidden)?;
    Ok((queries, keys, values))
}

fn main() -> MlResult<()> {
    let hidden = HiddenSequence::new(vec![vec![1.0, 2.0], vec![3.0, 4.0]])?;
    let (queries, keys, values) = project_three_ways(hidden, &projections()?)?;
    println!("queries {:?}", queries.to_rows());
    println!("keys    {:?}", keys.to_rows());
    println!("values  {:?}", values.to_rows());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles() -> (QuerySequence, KeySequence, ValueSequence) {
        let hidden = HiddenSequence::new(vec![vec![1.0, 2.0], vec![3.0, 4.0]]).unwrap();
        project_three_ways(hidden, &projections().unwrap()).unwrap()
    }

    #[test]
    fn queries_read_feature_zero() {
        assert_eq!(
            roles().0.to_rows(),
            vec![vec![1.0], vec![3.0]],
            "queries are hidden · W_Q: feature 0 of [1, 2] and [3, 4]"
        );
    }

    #[test]
    fn keys_read_feature_one() {
        assert_eq!(
            roles().1.to_rows(),
            vec![vec![2.0], vec![4.0]],
            "keys are hidden · W_K: feature 1 of [1, 2] and [3, 4]"
        );
    }

    #[test]
    fn values_double_the_hidden_rows() {
        assert_eq!(
            roles().2.to_rows(),
            vec![vec![2.0, 4.0], vec![6.0, 8.0]],
            "values are hidden · W_V = 2 · hidden"
        );
    }

    #[test]
    fn every_role_keeps_one_row_per_position() {
        let (queries, keys, values) = roles();
        let lengths = [queries.len(), keys.len(), values.len()];
        assert_eq!(
            lengths,
            [2, 2, 2],
            "each role must have one row per hidden position"
        );
    }
}
