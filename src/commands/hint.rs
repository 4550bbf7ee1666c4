//! `hint [NAME] [--all]`: reveal the next progressive hint of an exercise
//! and show every hint revealed so far, newest last.
//!
//! The hint level is part of the learner's progress (it moves only when
//! they ask, and persists); the hints themselves come from info.toml. Hints
//! chosen from a compiler error are the engine's business, not this file's.

use std::io::Write;

use colored::Colorize;

use crate::error::Error;
use crate::exit_code;
use crate::location::Cwd;
use crate::open;

/// Runs `hint` on the learner's course (paths shown relative to `cwd`):
/// moves the hint level of `name` (default: the current exercise) one step,
/// or to the last hint with `all`, and prints the hints up to it.
pub fn run(cwd: &Cwd, name: Option<&str>, all: bool, out: &mut dyn Write) -> Result<u8, Error> {
    let mut opened = open::learner(cwd)?;
    opened.announce_notes();
    let exercise = opened.named_or_current(name)?;
    let available = u32::try_from(exercise.hints.len()).unwrap_or(u32::MAX);
    let (before, level) = opened.store.update(|state| {
        let before = state.hint_level(&exercise.name);
        let level = if all {
            state.reveal_all_hints(&exercise.name, available)
        } else {
            state.bump_hint_level(&exercise.name, available)
        };
        (before, level)
    })?;
    let path = cwd.show(&opened.course.exercise_path(exercise));
    let text = render(
        &exercise.name,
        &path.display().to_string(),
        &exercise.hints,
        before,
        level,
        name.is_some(),
    );
    out.write_all(text.as_bytes())
        .map_err(|source| Error::Output { source })?;
    Ok(exit_code::SUCCESS)
}

/// The hint screen: the hints `1..=level`, those new since `before`
/// highlighted, and what to do next.
fn render(
    name: &str,
    path: &str,
    hints: &[String],
    before: u32,
    level: u32,
    named: bool,
) -> String {
    let total = hints.len();
    let shown = usize::try_from(level).unwrap_or(usize::MAX).min(total);
    let mut text = if shown == total {
        format!("{} ({path}), all {total} hints:\n\n", name.bold())
    } else {
        format!("{} ({path}), hint {shown} of {total}:\n\n", name.bold())
    };
    for (index, hint) in hints.iter().take(shown).enumerate() {
        let number = format!("{:>3}. ", index + 1);
        // Later lines of a long hint line up under its first line.
        let body = hint
            .trim()
            .replace('\n', &format!("\n{}", " ".repeat(number.len())));
        let is_new = u32::try_from(index).is_ok_and(|index| index >= before);
        if is_new {
            text.push_str(&format!("{}{}\n", number.bold(), body.bold()));
        } else {
            text.push_str(&format!("{number}{}\n", body.dimmed()));
        }
    }
    text.push('\n');
    if shown == total {
        text.push_str(&format!(
            "That is every hint. The tests in the file define done; `typed-ai-rustlings run{}` checks your fix.\n",
            if named { format!(" {name}") } else { String::new() }
        ));
    } else {
        text.push_str(&format!(
            "`typed-ai-rustlings hint{}` shows the next one.\n",
            if named {
                format!(" {name}")
            } else {
                String::new()
            }
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::strip_ansi;

    fn hints() -> Vec<String> {
        vec![
            "Look at the literal.".into(),
            "The function wants a u32.\nNot a &str.".into(),
            "Write 42.".into(),
        ]
    }

    #[test]
    fn shows_every_hint_so_far_and_how_to_get_the_next() {
        let text = render("intro", "exercises/01/intro.rs", &hints(), 1, 2, false);
        assert_eq!(
            strip_ansi(&text),
            "intro (exercises/01/intro.rs), hint 2 of 3:\n\n  1. Look at the literal.\n  2. The function wants a u32.\n     Not a &str.\n\n`typed-ai-rustlings hint` shows the next one.\n"
        );
    }

    #[test]
    fn the_last_hint_says_so_and_points_at_the_check() {
        let text = render("intro", "x.rs", &hints(), 3, 3, true);
        let plain = strip_ansi(&text);
        assert!(plain.starts_with("intro (x.rs), all 3 hints:"), "{plain}");
        assert!(plain.contains("  3. Write 42.\n"), "{plain}");
        assert!(
            plain.ends_with("`typed-ai-rustlings run intro` checks your fix.\n"),
            "{plain}"
        );
    }
}
