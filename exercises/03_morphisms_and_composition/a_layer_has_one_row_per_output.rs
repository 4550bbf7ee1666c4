// Chapter 3.3: a layer's weights have one row per output
//
// A linear layer is an arrow from n features to m outputs: y = W·x + b,
// where output i is row i of W dotted with x, plus b_i. So W has one row per
// output and one column per input, m × n, and b has one entry per output.
// The arrow's source and target fix that shape. For the library's
// `LinearToLogits`, the arrow `Vector -> Logits` that scores a vocabulary,
// it means one row per token and one column per feature. The library checks
// the shapes when the layer is built and when it is applied.
//
// `scoring_layer` copies its weights from a design note that lists them
// feature by feature, and builds the matrix in the note's layout. Done when
// the tests pass (do not edit the tests).

use typed_ai::{LinearToLogits, Matrix, MlResult, Morphism, Vector};

/// The vocabulary of the model: 4 tokens. The model has 2 features.
const VOCABULARY: [char; 4] = ['e', 'h', 'l', 'o'];

/// The scoring layer of the model. The design note lists its weights one
/// feature at a time, with that feature's weight for each token:
///     feature 0:  e 1.0,  h 0.0,  l -1.0,  o 2.0
///     feature 1:  e 0.5,  h 1.0,  l  0.0,  o 0.0
/// and its biases:  e 0.0,  h 0.0,  l  0.5,  o -1.0
fn scoring_layer() -> MlResult<LinearToLogits> {
    // TODO: one row of the weight matrix per what?
    let weights = Matrix::new(vec![vec![1.0, 0.0, -1.0, 2.0], vec![0.5, 1.0, 0.0, 0.0]])?;
    let bias = Vector::new(vec![0.0, 0.0, 0.5, -1.0])?;
    LinearToLogits::new(weights, bias)
}

fn main() -> MlResult<()> {
    let layer = scoring_layer()?;
    let scores = layer.apply(Vector::new(vec![2.0, -1.0])?)?;
    for (token, score) in VOCABULARY.iter().zip(scores.scores()) {
        println!("{token}: {score}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer() -> LinearToLogits {
        match scoring_layer() {
            Ok(layer) => layer,
            Err(error) => panic!("scoring_layer() returned Err({error:?})"),
        }
    }

    #[test]
    fn the_weights_are_one_row_per_token() {
        let layer = layer();
        assert_eq!(
            (layer.weight().rows(), layer.weight().cols()),
            (4, 2),
            "a layer from 2 features to 4 scores has a 4 × 2 weight matrix: one \
             row per output (token), one column per input (feature)"
        );
    }

    #[test]
    fn every_token_is_scored() {
        // With the features x = [2, -1]:
        //   e:  1.0 * 2 + 0.5 * -1 + 0.0 =  1.5
        //   h:  0.0 * 2 + 1.0 * -1 + 0.0 = -1.0
        //   l: -1.0 * 2 + 0.0 * -1 + 0.5 = -1.5
        //   o:  2.0 * 2 + 0.0 * -1 - 1.0 =  3.0
        let scores = layer()
            .apply(Vector::new(vec![2.0, -1.0]).unwrap())
            .unwrap();
        assert_eq!(
            scores.scores(),
            &[1.5, -1.0, -1.5, 3.0],
            "score i is token i's row of weights · features + bias i"
        );
    }
}
