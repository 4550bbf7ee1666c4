//! Must not compile: a residual block around a sublayer that widens the
//! stream from 2 to 3 features. x + F(x) needs F(x) in x's shape; with the
//! width in the type, the sublayer's signature already says it does not fit.

use residual_connection::{Residual, Stream};
use typed_ai::{HiddenSequence, MlResult, Morphism};

/// F : Stream<2> → Stream<3>.
pub struct Widen;

impl Morphism<Stream<2>, Stream<3>> for Widen {
    fn name(&self) -> String {
        "widen".to_owned()
    }

    fn apply(&self, x: Stream<2>) -> MlResult<Stream<3>> {
        Stream::new(HiddenSequence::new(vec![vec![1.0; 3]; x.hidden().len()])?)
    }
}

/// A residual block of a width-2 model, x + Widen(x).
pub fn widened_block() -> impl Morphism<Stream<2>, Stream<2>> {
    Residual::new(Widen)
}
