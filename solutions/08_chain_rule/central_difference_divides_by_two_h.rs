// Chapter 8.5: check gradients with a central difference
//
// A backward rule can be wrong in ways no type catches, so every gradient in
// this course is checked against a number computed without calculus: sample
// the function just left and just right of x and take the slope between the
// two samples, (f(x + h) − f(x − h)) / (distance between x − h and x + h).
// For a smooth f the central difference is off from the true derivative by
// f'''(x)·h²/6 plus smaller terms: halve h and the error drops fourfold,
// while a one-sided difference (f(x + h) − f(x)) / h only halves its error.
// (Too small an h loses to rounding instead, so h = 0.01 is used here.)
//
// `numeric_derivative` divides by the wrong distance, so it reports twice the
// slope and would "refute" a correct backward rule. Done when the tests pass;
// the tests at the bottom are the definition of done, do not edit them.

use typed_ai::{DifferenceStep, MlResult};

/// The slope of `f` at `x` from samples at x − h and x + h.
fn numeric_derivative(f: impl Fn(f32) -> f32, x: f32, step: DifferenceStep) -> f32 {
    let h = step.value();
    // The samples sit at x − h and x + h, 2h apart: the slope between them
    // divides by 2h.
    (f(x + h) - f(x - h)) / (2.0 * h)
}

fn main() -> MlResult<()> {
    let h = DifferenceStep::new(1e-2)?;
    let slope = numeric_derivative(|x| x * x, 1.5, h);
    println!("d(x²)/dx at 1.5: analytic 2 · 1.5 = 3, numeric {slope}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::{GradientTolerance, central_difference, check_gradient};

    fn h() -> DifferenceStep {
        DifferenceStep::new(1e-2).unwrap()
    }

    #[test]
    fn slope_of_x_squared_at_one_and_a_half() {
        // (1.51² − 1.49²) / 0.02 = (2.2801 − 2.2201) / 0.02 = 0.06 / 0.02 = 3
        let numeric = numeric_derivative(|x| x * x, 1.5, h());
        assert!(
            (numeric - 3.0).abs() < 1e-3,
            "numeric {numeric:.4} vs analytic 3.0 for d(x²)/dx at x = 1.5"
        );
    }

    #[test]
    fn a_straight_line_has_its_own_slope() {
        let numeric = numeric_derivative(|x| 2.0 * x + 1.0, -4.0, h());
        assert!(
            (numeric - 2.0).abs() < 1e-3,
            "numeric {numeric} vs 2.0 for 2x + 1"
        );
    }

    #[test]
    fn agrees_with_the_library() {
        let f = |x: f32| x * x * x;
        let ours = numeric_derivative(f, 1.0, h());
        let library = central_difference(f, 1.0, h()).unwrap();
        assert!(
            (ours - library).abs() < 1e-4,
            "ours {ours}, library {library}"
        );
    }

    #[test]
    fn catches_a_wrong_backward_rule_and_accepts_a_right_one() {
        // A rule claiming d(x²)/dx = x (it is 2x) at x = 1.5 says 1.5; the
        // right rule says 3.
        let numeric = numeric_derivative(|x| x * x, 1.5, h());
        let tolerance = GradientTolerance::new(1e-3).unwrap();
        let wrong = check_gradient(1.5, numeric, tolerance);
        let right = check_gradient(3.0, numeric, tolerance);
        assert!(
            !wrong.agrees(),
            "the checker let a wrong rule through: {wrong}"
        );
        assert!(
            right.agrees(),
            "the checker rejected the right rule: {right}"
        );
    }
}

// Wrong fixes this file's tests reject:
// - `/ 2.0 * h` without the parentheses: that is (rise / 2) · h, 0.0003
//   instead of 3, so every slope test fails.
// - the forward difference (f(x + h) − f(x)) / h: its error shrinks only like
//   h, giving 3.01 for d(x²)/dx at 1.5, outside the tolerance of
//   `slope_of_x_squared_at_one_and_a_half`.
