//! Must not compile: λ·p added to the loss gradient, the textbook L2 term.
//! A decay pull and a loss gradient are different things with no `+`
//! between them, so the decay cannot reach the moments this way.

use adamw::{DecayPull, LossGradient};

/// g + λ·p.
pub fn coupled(gradient: LossGradient, pull: DecayPull) -> LossGradient {
    gradient + pull
}
