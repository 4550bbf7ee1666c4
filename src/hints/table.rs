//! The runner's own hints, keyed by rustc error code, written for this
//! course's types. Used when the exercise has no `hint_on` rule for an error.
//!
//! Each text says what the error means in the course's terms and what kind of
//! change fixes it, without giving any one exercise's answer away.

/// The built-in hint for `code`, if the table has one.
pub fn builtin_hint(code: &str) -> Option<&'static str> {
    TABLE
        .iter()
        .find(|(known, _)| *known == code)
        .map(|(_, text)| *text)
}

const TABLE: &[(&str, &str)] = &[
    (
        "E0308",
        "The types do not line up. In this course a type is a promise: `Logits` are raw scores, a `Distribution` is probabilities that sum to 1, a `TokenId` is an index into the vocabulary. Read the `expected ..., found ...` label: instead of forcing the value into the other type, find the arrow (a `Morphism`, used through `.apply(...)`) or the constructor that turns one into the other.",
    ),
    (
        "E0277",
        "A trait bound is not met: the type does not have the ability the code asks for. Often an arrow is applied or composed with the wrong types (it does not implement `Morphism<Input, Output>` for this input and output), or a value is printed, compared or summed where its type cannot be. The `required by a bound` note says which type needs what.",
    ),
    (
        "E0599",
        "This type has no method of that name. Each noun has its own accessors (`Vector::values`, `Logits::scores`, `Distribution::probabilities`, `TokenId::index`), and steps of the pipeline are arrows: you call `.apply(input)` on the arrow, not a method on the data. If the method belongs to a trait, bring the trait into scope (for example `use typed_ai::Morphism;`).",
    ),
    (
        "E0061",
        "The call has the wrong number of arguments. Compare it with the signature rustc shows: constructors such as `Product::new(first, second)` or `Compose::new(f, g)` take exactly the parts of what they build, no more and no fewer.",
    ),
    (
        "E0382",
        "A value is used after it was moved. `Vector`, `Logits`, `Distribution` and `Matrix` own their numbers and are not `Copy`: passing one by value (to `apply`, to a constructor) gives it away. Borrow it with `&`, reorder the code so the move is the last use, or `.clone()` it when two copies are really needed.",
    ),
    (
        "E0384",
        "A variable is assigned twice but was not declared `mut`. If the value really changes over time (parameters updated by a training step, a running loss), declare it with `let mut`; otherwise give the new value its own `let`.",
    ),
    (
        "E0433",
        "A path does not resolve: this module, crate or type is unknown here. Check the spelling and the `use` lines at the top; the library's items are re-exported from its root, e.g. `use typed_ai::{Vector, MlResult};`.",
    ),
    (
        "E0423",
        "A type name is used where a value is expected. The library's types keep their fields private and are built through constructors that check them: write `TokenId::new(3)` or `Vector::new(vec![0.5, 1.0])?`, not `TokenId(3)`.",
    ),
    (
        "E0616",
        "That field is private. The library checks a value once, in its constructor, and hides the fields so the promise cannot be broken later (a `Distribution` that no longer sums to 1). Use the accessor instead: `.values()`, `.scores()`, `.probabilities()`, `.index()`, `.value()`.",
    ),
    (
        "E0004",
        "The `match` does not cover every case. `MlError` is exhaustive on purpose: `EmptyInput`, `OutOfRange`, `ShapeMismatch`, `InvalidProbability`, `InvalidScalar` and `InvalidLoss` are different ways ML code goes wrong, and each deserves its own arm. Add the patterns rustc lists rather than a catch-all `_`, which would silently swallow a failure added later.",
    ),
    (
        "E0046",
        "The `impl` is missing items its trait requires. Implementing `Morphism<Input, Output>` needs both `fn name(&self) -> String` and `fn apply(&self, input: Input) -> MlResult<Output>`; rustc lists what is missing.",
    ),
    (
        "E0053",
        "A method in the `impl` does not match the trait's signature. For `Morphism<Input, Output>`, `apply` takes `&self` and the `Input` by value and returns `MlResult<Output>`: use exactly the types named on the `impl Morphism<..., ...> for ...` line.",
    ),
    (
        "E0507",
        "This moves a value out of something that is only borrowed (a field behind `&self`, an element of a slice). Borrow it instead (`&self.weight`), clone it when a copy is really needed, or take ownership of the whole value first.",
    ),
    (
        "E0594",
        "This changes something reached through a shared borrow or an immutable binding. Arrows take `&self` and return a new value instead of changing their input: build and return the new value, or, where changing in place is the point, declare the binding `mut` and borrow it with `&mut`.",
    ),
    (
        "E0369",
        "This operator is not defined for these types. The library's nouns deliberately do not implement `+`, `-` or `*`: adding `Logits` to a `Distribution` would mean nothing. Work on the numbers through the accessors (`.values()`, `.scores()`, `.value()`) or use the library's operation for the job (such as `Vector::dot` or `Matrix::mul_vector`).",
    ),
    (
        "E0425",
        "This name is not defined here: a typo, a variable used outside the block that declares it, or an associated function called without its type (`Vector::new`, not `new`).",
    ),
    (
        "E0412",
        "This type name is unknown here. Library types need a `use typed_ai::...;` line (or the full path, `typed_ai::Distribution`), spelled exactly.",
    ),
    (
        "E0432",
        "A `use` line names something that does not exist at that path. The library re-exports its nouns and arrows at the top: `use typed_ai::{TokenId, Vector, Logits, Morphism};`.",
    ),
    (
        "E0603",
        "That item is private to its module. Use the public path the library offers, usually its re-export at the top (`typed_ai::Vector`).",
    ),
    (
        "E0624",
        "That method is private to the library. Look for the public way to do the same: a constructor, an accessor, or an arrow's `apply`.",
    ),
    (
        "E0282",
        "rustc cannot work out a type here. Say which one you mean: annotate the variable (`let probabilities: Distribution = ...`) or name the middle type of a composition (`Compose::<_, _, Logits>::new(f, g)`).",
    ),
    (
        "E0106",
        "A returned reference must say what it borrows from. Often the clearer fix is to return an owned value (`Vector`, `String`) instead of a reference.",
    ),
    (
        "E0502",
        "A value is borrowed mutably while a shared borrow of it is still in use. Finish with the shared borrow first (copy out the numbers you need from `.values()`), then change the value.",
    ),
    (
        "E0499",
        "A value is borrowed mutably twice at once. Finish one change before starting the next, or split the work so each step borrows only what it needs.",
    ),
    (
        "E0560",
        "That struct has no field of that name, and the library's structs are not built with struct literals anyway: use their constructors (`Product::new(a, b)`, `TrainingExample::new(input, target)`).",
    ),
    (
        "E0463",
        "rustc cannot find the course library. This is a setup problem, not your code: run the runner from inside the course folder; if it persists, report it.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_covers_the_codes_the_design_requires_once_each() {
        let required = [
            "E0308", "E0277", "E0599", "E0061", "E0382", "E0384", "E0433", "E0423", "E0616",
            "E0004", "E0046", "E0053", "E0507", "E0594", "E0369",
        ];
        for code in required {
            assert!(builtin_hint(code).is_some(), "{code} has a built-in hint");
        }
        let mut codes: Vec<&str> = TABLE.iter().map(|(code, _)| *code).collect();
        let count = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), count, "no code appears twice");
        for code in codes {
            assert!(
                code.len() == 5 && code.starts_with('E'),
                "{code} is an error code"
            );
            assert!(
                builtin_hint(code).is_some_and(|text| text.len() > 60),
                "{code}'s hint says something"
            );
        }
    }
}
