// Chapter 11.5: epsilon goes under the root
//
// Layer normalisation rescales each position on its own: subtract the mean
// of that position's features, divide by their standard deviation,
//     y_i = (x_i − mean) / √(variance + ε).
// The ε > 0 is not decoration. A position whose features are all equal has
// variance 0, and without ε the division is 0 / 0 = NaN, which then spreads
// through every later layer. With ε under the root the same position becomes
// 0 / √ε = 0. (Putting ε outside the root, √variance + ε, also avoids the
// NaN but gives different numbers for every other position; PyTorch's
// `LayerNorm` and TensorFlow's `LayerNormalization` put it inside, as here.)
//
// `layer_norm` is our own layer norm without the learned scale and shift.
// Fix it so the tests pass. The tests at the bottom are the definition of
// done: read them, do not edit them.

use typed_ai::{HiddenSequence, MlResult, NormalizationEpsilon};

/// Normalises every position of `hidden` to mean 0 and variance about 1,
/// using statistics over that position's features only.
fn layer_norm(hidden: &HiddenSequence, epsilon: NormalizationEpsilon) -> MlResult<HiddenSequence> {
    let rows = hidden
        .rows()
        .map(|features| {
            let n = features.len() as f32;
            let mean = features.iter().sum::<f32>() / n;
            let variance = features.iter().map(|x| (x - mean).powi(2)).sum::<f32>() / n;
            // ε under the root keeps a constant position (variance 0) finite.
            let std = (variance + epsilon.value()).sqrt();
            features.iter().map(|x| (x - mean) / std).collect()
        })
        .collect();
    HiddenSequence::new(rows)
}

fn main() -> MlResult<()> {
    let hidden = HiddenSequence::new(vec![vec![1.0, 3.0], vec![2.0, 2.0]])?;
    let normalised = layer_norm(&hidden, NormalizationEpsilon::default())?;
    for (position, row) in normalised.rows().enumerate() {
        println!("position {position}: {row:?}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalise(rows: Vec<Vec<f32>>, epsilon: f32) -> Vec<Vec<f32>> {
        let hidden = HiddenSequence::new(rows.clone()).unwrap();
        let epsilon = NormalizationEpsilon::new(epsilon).unwrap();
        match layer_norm(&hidden, epsilon) {
            Ok(out) => out.to_rows(),
            Err(error) => panic!(
                "layer_norm of {rows:?} returned {error:?}; a position whose features are \
                 all equal has variance 0, and without ε under the root it divides 0 by 0"
            ),
        }
    }

    fn assert_close(got: &[f32], want: &[f32], what: &str) {
        let close = got.iter().zip(want).all(|(g, w)| (g - w).abs() < 1e-4);
        assert!(close, "{what}: got {got:?}, expected {want:?}");
    }

    #[test]
    fn a_constant_position_stays_finite() {
        // [2, 2]: mean 2, variance 0, so (2 − 2) / √(0 + ε) = 0.
        let out = normalise(vec![vec![2.0, 2.0]], 1e-5);
        assert_close(&out[0], &[0.0, 0.0], "the constant position [2, 2]");
    }

    #[test]
    fn each_position_is_normalised_on_its_own() {
        // [1, 3] and [2, 4] each have variance 1 around their own mean, so
        // both become ≈ [−1, 1]. Statistics over the column would give
        // [[−1, −1], [1, 1]] instead.
        let out = normalise(vec![vec![1.0, 3.0], vec![2.0, 4.0]], 1e-5);
        assert_close(&out[0], &[-1.0, 1.0], "position 0, [1, 3]");
        assert_close(&out[1], &[-1.0, 1.0], "position 1, [2, 4]");
    }

    #[test]
    fn epsilon_sits_under_the_root() {
        // A large ε makes its place visible. [1, 3] has variance 1; with
        // ε = 3, √(1 + 3) = 2, so the result is [−0.5, 0.5].
        // (√1 + 3 = 4 would give [−0.25, 0.25]; no ε would give [−1, 1].)
        let out = normalise(vec![vec![1.0, 3.0]], 3.0);
        assert_close(&out[0], &[-0.5, 0.5], "[1, 3] with ε = 3");
    }
}

// Wrong fixes this file's tests reject:
// - `variance.sqrt() + epsilon.value()` (ε outside the root): no NaN, but
//   [1, 3] with ε = 3 gives [−0.25, 0.25] instead of [−0.5, 0.5], so
//   `epsilon_sits_under_the_root` fails.
// - `(variance + 1e-5).sqrt()` (a hard-coded ε, ignoring the argument): the
//   same test uses ε = 3 and fails.
