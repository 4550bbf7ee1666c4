//! From raw text to next-token training data, one typed arrow at a time:
//!
//! ```text
//! Text --tokenize--> TokenSequence --next_token_windows--> TrainingSet
//! ```
//!
//! Run it with `cargo run -p typed-ai --example 01_token_sequence`. Every
//! stage prints the object it produced, so you can check each step by hand.

use typed_ai::{
    Compose, MlResult, Morphism, NextTokenWindows, Text, TokenId, TokenSequence, Tokenizer,
    TrainingSet,
};

fn main() -> MlResult<()> {
    let corpus = "the cat sat";

    println!("1. Text: the raw input, validated only as non-empty");
    let text = Text::new(corpus)?;
    println!("   {:?}\n", text.as_str());

    println!("2. Vocabulary: every distinct character gets an id, in sorted order");
    let tokenizer = Tokenizer::from_corpus(corpus)?;
    let vocab = tokenizer.vocab_size();
    println!("   {} tokens:", vocab.get());
    for index in 0..vocab.get() {
        let character = tokenizer.character(TokenId::new(index))?;
        println!("   id {index} = {character:?}");
    }
    println!();

    println!(
        "3. TokenSequence: {}: Text -> TokenSequence",
        tokenizer.name()
    );
    let sequence: TokenSequence = tokenizer.apply(text.clone())?;
    let ids: Vec<usize> = sequence.tokens().iter().map(|t| t.index()).collect();
    println!("   ids     {ids:?}");
    println!("   decoded {:?}", tokenizer.decode(&sequence)?);
    println!("   length  {}\n", sequence.len());

    println!(
        "4. TrainingSet: {}: TokenSequence -> TrainingSet",
        Morphism::<TokenSequence, TrainingSet>::name(&NextTokenWindows)
    );
    let examples: TrainingSet = NextTokenWindows.apply(sequence.clone())?;
    for example in examples.examples() {
        println!(
            "   after {:?} (id {}) comes {:?} (id {})",
            tokenizer.character(example.input())?,
            example.input().index(),
            tokenizer.character(example.target())?,
            example.target().index()
        );
    }
    println!(
        "   {} tokens give {} examples: every adjacent pair, overlapping\n",
        sequence.len(),
        examples.len()
    );

    println!("5. The same two arrows composed into one, Text -> TrainingSet");
    let text_to_examples = Compose::<_, _, TokenSequence>::new(tokenizer.clone(), NextTokenWindows);
    let composed: TrainingSet = text_to_examples.apply(text)?;
    println!(
        "   {}  (read right to left: tokenize runs first)",
        Morphism::<Text, TrainingSet>::name(&text_to_examples)
    );
    println!(
        "   same {} examples as stages 3 and 4: {}\n",
        composed.len(),
        composed == examples
    );

    println!("6. A character outside the vocabulary is rejected, not guessed");
    match tokenizer.apply(Text::new("the dog")?) {
        Ok(sequence) => println!("   unexpectedly tokenized: {sequence:?}"),
        Err(error) => println!("   Err({error:?})\n   {error}"),
    }
    Ok(())
}
