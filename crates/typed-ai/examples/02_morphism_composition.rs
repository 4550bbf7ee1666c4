//! The tiny model as composed arrows, with every middle object on show:
//!
//! ```text
//! TokenId --embedding--> Vector --linear_to_logits--> Logits --softmax--> Distribution
//! ```
//!
//! Run it with `cargo run -p typed-ai --example 02_morphism_composition`.
//! The weights are small whole numbers, so every printed value can be
//! checked by hand.

use typed_ai::{
    Compose, Distribution, Embedding, Identity, LinearToLogits, Logits, Matrix, MlResult, Morphism,
    Softmax, TokenId, Vector,
};

/// Multiplies every score by a factor (a factor above 1 sharpens the
/// distribution softmax will make of them).
struct Scale(f32);

impl Morphism<Logits, Logits> for Scale {
    fn name(&self) -> String {
        format!("scale({})", self.0)
    }

    fn apply(&self, input: Logits) -> MlResult<Logits> {
        Logits::new(input.scores().iter().map(|s| s * self.0).collect())
    }
}

/// Adds one point to the score of a single token.
struct Boost(TokenId);

impl Morphism<Logits, Logits> for Boost {
    fn name(&self) -> String {
        format!("boost({})", self.0.index())
    }

    fn apply(&self, input: Logits) -> MlResult<Logits> {
        let mut scores = input.scores().to_vec();
        if let Some(score) = scores.get_mut(self.0.index()) {
            *score += 1.0;
        }
        Logits::new(scores)
    }
}

/// Values to four decimals, as a list.
fn show(values: &[f32]) -> String {
    let parts: Vec<String> = values.iter().map(|v| format!("{v:.4}")).collect();
    format!("[{}]", parts.join(", "))
}

fn main() -> MlResult<()> {
    // Three tokens, two features. Token 0 is (1, 0), token 1 is (0, 1),
    // token 2 is (1, 1).
    let embedding = Embedding::new(Matrix::new(vec![
        vec![1.0, 0.0],
        vec![0.0, 1.0],
        vec![1.0, 1.0],
    ])?);
    // Score of token v = row v of W, dotted with the vector, plus b[v].
    let to_logits = LinearToLogits::new(
        Matrix::new(vec![vec![2.0, 0.0], vec![0.0, 1.0], vec![1.0, -1.0]])?,
        Vector::new(vec![0.0, 0.0, 0.5])?,
    )?;
    let token = TokenId::new(2);

    println!("1. One arrow at a time, for token {}", token.index());
    let hidden: Vector = embedding.apply(token)?;
    println!("   {}: TokenId -> Vector", embedding.name());
    println!("      Vector {:?}", hidden.values());
    let scores: Logits = to_logits.apply(hidden.clone())?;
    println!("   {}: Vector -> Logits", to_logits.name());
    println!(
        "      Logits {:?}   (2*1 + 0*1 + 0, 0*1 + 1*1 + 0, 1*1 - 1*1 + 0.5)",
        scores.scores()
    );
    let by_hand: Distribution = Softmax.apply(scores.clone())?;
    println!(
        "   {}: Logits -> Distribution",
        Morphism::<Logits, Distribution>::name(&Softmax)
    );
    println!(
        "      Distribution {}   (e^2, e^1, e^0.5, each over their sum 11.7561)\n",
        show(by_hand.probabilities())
    );

    println!("2. The same three arrows composed into one, TokenId -> Distribution");
    // Compose::new(first, second) is "second after first". The type names
    // the middle object, so the halves must meet there: composing
    // `Softmax` before `LinearToLogits` would not compile, because softmax
    // produces a Distribution and the linear layer takes a Vector.
    let token_to_logits = Compose::<_, _, Vector>::new(embedding, to_logits);
    let model = Compose::<_, _, Logits>::new(token_to_logits, Softmax);
    let composed: Distribution = model.apply(token)?;
    println!(
        "   {}  (read right to left: embedding runs first)",
        Morphism::<TokenId, Distribution>::name(&model)
    );
    println!(
        "   {}   equal to stage 1: {}\n",
        show(composed.probabilities()),
        composed == by_hand
    );

    println!("3. Identity is neutral on either side");
    let identity_first = Compose::<_, _, TokenId>::new(Identity, model.clone());
    let identity_last = Compose::<_, _, Distribution>::new(model.clone(), Identity);
    let first = identity_first.apply(token)?;
    let last = identity_last.apply(token)?;
    println!(
        "   {}: {}",
        Morphism::<TokenId, Distribution>::name(&identity_first),
        show(first.probabilities())
    );
    println!(
        "   {}: {}",
        Morphism::<TokenId, Distribution>::name(&identity_last),
        show(last.probabilities())
    );
    println!(
        "   both equal the model alone: {}\n",
        first == composed && last == composed
    );

    println!(
        "4. Order matters: second after first, on the scores {:?}",
        scores.scores()
    );
    let boost_then_scale = Compose::<_, _, Logits>::new(Boost(TokenId::new(1)), Scale(2.0));
    let scale_then_boost = Compose::<_, _, Logits>::new(Scale(2.0), Boost(TokenId::new(1)));
    println!(
        "   Compose::new(boost(1), scale(2)) = {}: {:?}   ((1 + 1) * 2 = 4 for token 1)",
        Morphism::<Logits, Logits>::name(&boost_then_scale),
        boost_then_scale.apply(scores.clone())?.scores()
    );
    println!(
        "   Compose::new(scale(2), boost(1)) = {}: {:?}   (1 * 2 + 1 = 3 for token 1)",
        Morphism::<Logits, Logits>::name(&scale_then_boost),
        scale_then_boost.apply(scores)?.scores()
    );
    Ok(())
}
