//! The runner's own hints, keyed by rustc error code. Used when the
//! exercise has no `hint_on` rule for an error.
//!
//! Each code has two texts: one written for this repository's course, which
//! names the `typed_ai` library's types (`Logits`, `TokenId`, `Morphism`...),
//! and one that holds for any course pack, whose library has other types.
//! [`BuiltinHints`] picks the voice from the library's crate name. Each text
//! says what the error means and what kind of change fixes it, without
//! giving any one exercise's answer away.

/// The crate name of this repository's course library.
const COURSE_LIBRARY_CRATE: &str = "typed_ai";

/// Which texts of the table a course gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuiltinHints {
    /// The course's library is `typed_ai`: hints name its types.
    TypedAi,
    /// Any other library (a third-party pack): hints name no library type.
    Generic,
}

impl BuiltinHints {
    /// The voice for a course whose exercises `use` the crate `library`
    /// (`None`: unknown, so generic).
    pub fn for_library(library: Option<&str>) -> BuiltinHints {
        if library == Some(COURSE_LIBRARY_CRATE) {
            BuiltinHints::TypedAi
        } else {
            BuiltinHints::Generic
        }
    }

    /// The built-in hint for `code` in this voice, if the table has one.
    pub fn hint(self, code: &str) -> Option<&'static str> {
        TABLE
            .iter()
            .find(|entry| entry.code == code)
            .map(|entry| match self {
                BuiltinHints::TypedAi => entry.course,
                BuiltinHints::Generic => entry.generic,
            })
    }
}

/// One error code's two texts.
struct Entry {
    code: &'static str,
    /// For the `typed_ai` course.
    course: &'static str,
    /// For any other library.
    generic: &'static str,
}

const TABLE: &[Entry] = &[
    Entry {
        code: "E0308",
        course: "The types do not line up. In this course a type is a promise: `Logits` are raw scores, a `Distribution` is probabilities that sum to 1, a `TokenId` is an index into the vocabulary. Read the `expected ..., found ...` label: instead of forcing the value into the other type, find the arrow (a `Morphism`, used through `.apply(...)`) or the constructor that turns one into the other.",
        generic: "The types do not line up. Read the `expected ..., found ...` label: it names the type this place needs and the type the code gives. Each of the library's types is a promise about its value, so instead of forcing one into the other, look for the function or constructor that turns the value you have into the one that is expected.",
    },
    Entry {
        code: "E0277",
        course: "A trait bound is not met: the type does not have the ability the code asks for. Often an arrow is applied or composed with the wrong types (it does not implement `Morphism<Input, Output>` for this input and output), or a value is printed, compared or summed where its type cannot be. The `required by a bound` note says which type needs what.",
        generic: "A trait bound is not met: the type does not have the ability the code asks for (it does not implement the trait rustc names). The `required by a bound` note says which type needs which trait; often the wrong value was passed, or a value is printed, compared or added where its type cannot be.",
    },
    Entry {
        code: "E0599",
        course: "This type has no method of that name. Each noun has its own accessors (`Vector::values`, `Logits::scores`, `Distribution::probabilities`, `TokenId::index`), and steps of the pipeline are arrows: you call `.apply(input)` on the arrow, not a method on the data. If the method belongs to a trait, bring the trait into scope (for example `use typed_ai::Morphism;`).",
        generic: "This type has no method of that name. Check the library's documentation for the accessor or operation you need (`cargo doc --open` in the course folder); if the method belongs to a trait, bring the trait into scope with a `use` line.",
    },
    Entry {
        code: "E0061",
        course: "The call has the wrong number of arguments. Compare it with the signature rustc shows: constructors such as `Product::new(first, second)` or `Compose::new(f, g)` take exactly the parts of what they build, no more and no fewer.",
        generic: "The call has the wrong number of arguments. Compare it with the signature rustc shows: pass exactly the parameters the function declares, no more and no fewer.",
    },
    Entry {
        code: "E0382",
        course: "A value is used after it was moved. `Vector`, `Logits`, `Distribution` and `Matrix` own their numbers and are not `Copy`: passing one by value (to `apply`, to a constructor) gives it away. Borrow it with `&`, reorder the code so the move is the last use, or `.clone()` it when two copies are really needed.",
        generic: "A value is used after it was moved. Passing a value that is not `Copy` by value gives it away. Borrow it with `&`, reorder the code so the move is the last use, or `.clone()` it when two copies are really needed.",
    },
    Entry {
        code: "E0384",
        course: "A variable is assigned twice but was not declared `mut`. If the value really changes over time (parameters updated by a training step, a running loss), declare it with `let mut`; otherwise give the new value its own `let`.",
        generic: "A variable is assigned twice but was not declared `mut`. If the value really changes over time, declare it with `let mut`; otherwise give the new value its own `let`.",
    },
    Entry {
        code: "E0433",
        course: "A path does not resolve: this module, crate or type is unknown here. Check the spelling and the `use` lines at the top; the library's items are re-exported from its root, e.g. `use typed_ai::{Vector, MlResult};`.",
        generic: "A path does not resolve: this module, crate or type is unknown here. Check the spelling and the `use` lines at the top of the file; the library's documentation shows the public path of each item.",
    },
    Entry {
        code: "E0423",
        course: "A type name is used where a value is expected. The library's types keep their fields private and are built through constructors that check them: write `TokenId::new(3)` or `Vector::new(vec![0.5, 1.0])?`, not `TokenId(3)`.",
        generic: "A type name is used where a value is expected. Types whose fields are private are built through a constructor (such as `Type::new(...)`), not written like a tuple or struct literal.",
    },
    Entry {
        code: "E0616",
        course: "That field is private. The library checks a value once, in its constructor, and hides the fields so the promise cannot be broken later (a `Distribution` that no longer sums to 1). Use the accessor instead: `.values()`, `.scores()`, `.probabilities()`, `.index()`, `.value()`.",
        generic: "That field is private. The library checks a value in its constructor and hides the fields so nothing can break the rule later: use the accessor method it offers instead.",
    },
    Entry {
        code: "E0004",
        course: "The `match` does not cover every case. `MlError` is exhaustive on purpose: `EmptyInput`, `OutOfRange`, `ShapeMismatch`, `InvalidProbability`, `InvalidScalar` and `InvalidLoss` are different ways ML code goes wrong, and each deserves its own arm. Add the patterns rustc lists rather than a catch-all `_`, which would silently swallow a failure added later.",
        generic: "The `match` does not cover every case. Add an arm for each pattern rustc lists rather than a catch-all `_`, which would silently swallow a case added later.",
    },
    Entry {
        code: "E0046",
        course: "The `impl` is missing items its trait requires. Implementing `Morphism<Input, Output>` needs both `fn name(&self) -> String` and `fn apply(&self, input: Input) -> MlResult<Output>`; rustc lists what is missing.",
        generic: "The `impl` is missing items its trait requires; rustc lists them. Add each one with exactly the signature the trait declares.",
    },
    Entry {
        code: "E0053",
        course: "A method in the `impl` does not match the trait's signature. For `Morphism<Input, Output>`, `apply` takes `&self` and the `Input` by value and returns `MlResult<Output>`: use exactly the types named on the `impl Morphism<..., ...> for ...` line.",
        generic: "A method in the `impl` does not match the trait's signature. Use exactly the parameter and return types the trait declares; rustc shows the expected signature.",
    },
    Entry {
        code: "E0507",
        course: "This moves a value out of something that is only borrowed (a field behind `&self`, an element of a slice). Borrow it instead (`&self.weight`), clone it when a copy is really needed, or take ownership of the whole value first.",
        generic: "This moves a value out of something that is only borrowed (a field behind `&self`, an element of a slice). Borrow it instead, clone it when a copy is really needed, or take ownership of the whole value first.",
    },
    Entry {
        code: "E0594",
        course: "This changes something reached through a shared borrow or an immutable binding. Arrows take `&self` and return a new value instead of changing their input: build and return the new value, or, where changing in place is the point, declare the binding `mut` and borrow it with `&mut`.",
        generic: "This changes something reached through a shared borrow or an immutable binding. Either build and return a new value, or, where changing in place is the point, declare the binding `mut` and borrow it with `&mut`.",
    },
    Entry {
        code: "E0369",
        course: "This operator is not defined for these types. The library's nouns deliberately do not implement `+`, `-` or `*`: adding `Logits` to a `Distribution` would mean nothing. Work on the numbers through the accessors (`.values()`, `.scores()`, `.value()`) or use the library's operation for the job (such as `Vector::dot` or `Matrix::mul_vector`).",
        generic: "This operator is not defined for these types. Work on the numbers inside through the types' accessors, or use the operation the library provides for the job.",
    },
    Entry {
        code: "E0425",
        course: "This name is not defined here: a typo, a variable used outside the block that declares it, or an associated function called without its type (`Vector::new`, not `new`).",
        generic: "This name is not defined here: a typo, a variable used outside the block that declares it, or an associated function called without its type (`Type::new`, not `new`).",
    },
    Entry {
        code: "E0412",
        course: "This type name is unknown here. Library types need a `use typed_ai::...;` line (or the full path, `typed_ai::Distribution`), spelled exactly.",
        generic: "This type name is unknown here. Library types need a `use` line naming the library crate (or the full path), spelled exactly.",
    },
    Entry {
        code: "E0432",
        course: "A `use` line names something that does not exist at that path. The library re-exports its nouns and arrows at the top: `use typed_ai::{TokenId, Vector, Logits, Morphism};`.",
        generic: "A `use` line names something that does not exist at that path. Check the library's documentation for the public path of the item.",
    },
    Entry {
        code: "E0603",
        course: "That item is private to its module. Use the public path the library offers, usually its re-export at the top (`typed_ai::Vector`).",
        generic: "That item is private to its module. Use the public path the library offers, usually a re-export at its top.",
    },
    Entry {
        code: "E0624",
        course: "That method is private to the library. Look for the public way to do the same: a constructor, an accessor, or an arrow's `apply`.",
        generic: "That method is private to the library. Look for the public way to do the same: a constructor, an accessor or another public method.",
    },
    Entry {
        code: "E0282",
        course: "rustc cannot work out a type here. Say which one you mean: annotate the variable (`let probabilities: Distribution = ...`) or name the middle type of a composition (`Compose::<_, _, Logits>::new(f, g)`).",
        generic: "rustc cannot work out a type here. Say which one you mean: annotate the variable (`let value: Type = ...`) or name the type parameter with `::<...>`.",
    },
    Entry {
        code: "E0106",
        course: "A returned reference must say what it borrows from. Often the clearer fix is to return an owned value (`Vector`, `String`) instead of a reference.",
        generic: "A returned reference must say what it borrows from. Often the clearer fix is to return an owned value instead of a reference.",
    },
    Entry {
        code: "E0502",
        course: "A value is borrowed mutably while a shared borrow of it is still in use. Finish with the shared borrow first (copy out the numbers you need from `.values()`), then change the value.",
        generic: "A value is borrowed mutably while a shared borrow of it is still in use. Finish with the shared borrow first (copy out what you need), then change the value.",
    },
    Entry {
        code: "E0499",
        course: "A value is borrowed mutably twice at once. Finish one change before starting the next, or split the work so each step borrows only what it needs.",
        generic: "A value is borrowed mutably twice at once. Finish one change before starting the next, or split the work so each step borrows only what it needs.",
    },
    Entry {
        code: "E0560",
        course: "That struct has no field of that name, and the library's structs are not built with struct literals anyway: use their constructors (`Product::new(a, b)`, `TrainingExample::new(input, target)`).",
        generic: "That struct has no field of that name. Check the fields rustc lists; a library type with private fields is built through its constructor instead.",
    },
    Entry {
        code: "E0463",
        course: "rustc cannot find the course library. This is a setup problem, not your code: run the runner from inside the course folder; if it persists, report it.",
        generic: "rustc cannot find the course library. This is a setup problem, not your code: run the runner from inside the course folder; if it persists, report it to the course's authors.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Names of the `typed_ai` library's items, which a third-party pack
    /// does not have.
    const COURSE_WORDS: &[&str] = &[
        "typed_ai",
        "Logits",
        "Distribution",
        "TokenId",
        "Vector",
        "Matrix",
        "Morphism",
        "MlError",
        "MlResult",
        "Product",
        "Compose",
        "Parameters",
        "TrainingExample",
        "Softmax",
    ];

    #[test]
    fn the_table_covers_the_codes_the_design_requires_once_each() {
        let required = [
            "E0308", "E0277", "E0599", "E0061", "E0382", "E0384", "E0433", "E0423", "E0616",
            "E0004", "E0046", "E0053", "E0507", "E0594", "E0369",
        ];
        for code in required {
            for voice in [BuiltinHints::TypedAi, BuiltinHints::Generic] {
                assert!(voice.hint(code).is_some(), "{code} has a {voice:?} hint");
            }
        }
        let mut codes: Vec<&str> = TABLE.iter().map(|entry| entry.code).collect();
        let count = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), count, "no code appears twice");
        for entry in TABLE {
            assert!(
                entry.code.len() == 5 && entry.code.starts_with('E'),
                "{} is an error code",
                entry.code
            );
            assert!(
                entry.course.len() > 60,
                "{}'s hint says something",
                entry.code
            );
            assert!(
                entry.generic.len() > 60,
                "{}'s hint says something",
                entry.code
            );
        }
    }

    #[test]
    fn only_the_typed_ai_course_hears_about_typed_ai_types() {
        assert_eq!(
            BuiltinHints::for_library(Some("typed_ai")),
            BuiltinHints::TypedAi
        );
        for other in [Some("tiny_stats"), Some("typed_ai_extra"), None] {
            assert_eq!(BuiltinHints::for_library(other), BuiltinHints::Generic);
        }
        assert!(
            BuiltinHints::TypedAi
                .hint("E0308")
                .is_some_and(|text| text.contains("`Logits`"))
        );
        for entry in TABLE {
            for word in COURSE_WORDS {
                assert!(
                    !entry.generic.contains(word),
                    "the generic {} hint names `{word}`: {}",
                    entry.code,
                    entry.generic
                );
            }
        }
    }
}
