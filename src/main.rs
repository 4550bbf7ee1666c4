//! The `typed-ai-rustlings` runner. The commands arrive with the runner issue;
//! for now it prints its version and help.

fn main() {
    println!(
        "typed-ai-rustlings {}\nLearn machine learning through Rust types.",
        env!("CARGO_PKG_VERSION")
    );
}
