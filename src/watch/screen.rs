//! What watch mode draws: the session and the progress turned into exactly
//! `height` rows of at most `width` columns each.
//!
//! Layout, top to bottom: the header (course progress with a bar, the
//! chapter, the current file as a link, its concept), a rule, one status
//! line, the scrollable body (the verdict, hints, the pass and what comes
//! next), a line for notices or the scroll position, and the keys. Long
//! bodies scroll; nothing ever pushes the key line off the screen. Pure: the
//! terminal layer (`terminal.rs`) only prints the rows.

use std::path::Path;

use colored::Colorize;

use crate::course::{Exercise, Mode};
use crate::engine::{Level, Outcome, Verdict};
use crate::hints::{BuiltinHints, annotate_errors};
use crate::location::Cwd;
use crate::report::words::{
    Mark, WayBack, conclusion, obligation_details, obligation_line, tests_differ,
};
use crate::state::State;
use crate::text::{cut, display_width, reflow, strip_ansi, wrap, wrap_words};

use super::session::{Body, Checking, Screen, Session, Watching};

/// At most this many body rows are kept; the rest is summarised in one line
/// (the full output is one `typed-ai-rustlings run` away).
const MAX_BODY_ROWS: usize = 2000;

/// How a frame is drawn, besides the session.
#[derive(Debug, Clone)]
pub struct Style {
    /// Colours and links (off for `--color never` and NO_COLOR).
    pub styled: bool,
    /// Where the learner is: paths are shown relative to it.
    pub cwd: Cwd,
}

/// One screenful.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// Exactly the terminal's height of rows, each at most its width.
    pub rows: Vec<String>,
    /// The largest useful scroll position of the body.
    pub max_scroll: usize,
}

/// Draws `session` with the progress `state` on a `width` x `height` terminal.
pub fn draw(session: &Session<'_>, state: &State, style: &Style, width: u16, height: u16) -> Frame {
    let width = usize::from(width).max(1);
    let height = usize::from(height).max(1);
    let painter = Painter { style, width };
    let mut top = Vec::new();
    let body;
    let status;
    let keys;
    match session.screen() {
        Screen::Welcome => {
            top.push(painter.title_row(session, state));
            top.push(painter.rule());
            status = None;
            let mut lines: Vec<String> = session
                .notes()
                .iter()
                .flat_map(|note| wrap_words(note, width, "  "))
                .map(|row| painter.yellow(&row))
                .collect();
            if !lines.is_empty() {
                lines.push(String::new());
            }
            lines.extend(wrap_words(
                session.course().welcome_message().trim_end(),
                width,
                "",
            ));
            body = lines;
            keys = painter.keys(&[("Enter", "start"), ("q", "quit")]);
        }
        Screen::List { cursor } => {
            top.push(painter.title_row(session, state));
            top.push(painter.rule());
            status = Some(painter.bold("Pick an exercise to work on (✓ done, ▶ current):"));
            let rows_available = height.saturating_sub(top.len() + 3);
            body = painter.list(session, state, cursor, rows_available);
            keys = painter.keys(&[
                ("↑↓", "move"),
                ("Enter", "open"),
                ("Esc", "back"),
                ("Ctrl-C", "quit"),
            ]);
        }
        Screen::Main | Screen::ConfirmReset => {
            top = painter.header(session, state);
            status = Some(painter.status(session));
            body = painter.body(session, state);
            keys = if session.screen() == Screen::ConfirmReset {
                painter.keys(&[("y", "reset it"), ("any other key", "keep it")])
            } else {
                let mut keys = vec![
                    ("h", "hint"),
                    ("n", "next"),
                    ("l", "list"),
                    ("r", "re-run"),
                    ("c", "check all"),
                    ("x", "reset"),
                ];
                if matches!(session.body(), Body::Verdict { verdict, .. } if verdict.tests_differ.is_some())
                {
                    keys.push(("t", "restore tests"));
                }
                keys.push(("q", "quit"));
                painter.keys(&keys)
            };
        }
    }
    painter.compose(session, top, status, body, keys, height)
}

struct Painter<'a> {
    style: &'a Style,
    width: usize,
}

impl Painter<'_> {
    fn compose(
        &self,
        session: &Session<'_>,
        mut top: Vec<String>,
        status: Option<String>,
        body: Vec<String>,
        keys: String,
        height: usize,
    ) -> Frame {
        // Fixed rows: the header, the status line, the notice/scroll line, the keys.
        let fixed_bottom = 2;
        if let Some(status) = status {
            top.push(status);
        }
        // On a tiny terminal the header gives way first, the keys last.
        while top.len() + fixed_bottom + 1 > height && top.len() > 1 {
            top.remove(0);
        }
        let viewport = height.saturating_sub(top.len() + fixed_bottom);
        let mut body = body;
        if body.len() > MAX_BODY_ROWS {
            let hidden = body.len() - MAX_BODY_ROWS;
            body.truncate(MAX_BODY_ROWS);
            body.push(self.dim(&format!(
                "[{hidden} more lines not shown; `typed-ai-rustlings run` prints everything]"
            )));
        }
        let max_scroll = body.len().saturating_sub(viewport);
        let scroll = session.scroll().min(max_scroll);
        let mut rows = top;
        rows.extend(body.iter().skip(scroll).take(viewport).cloned());
        let shown_until = (scroll + viewport).min(body.len());
        while rows.len() < height.saturating_sub(fixed_bottom) {
            rows.push(String::new());
        }
        let below = body.len() - shown_until;
        let notice_row = match (session.notice(), session.screen()) {
            (_, Screen::ConfirmReset) => self.yellow(&cut(
                &format!(
                    "Reset {} to the original? Your version is kept as a backup.",
                    session.current_exercise().name
                ),
                self.width,
                false,
            )),
            (Some(notice), _) => {
                let text = cut(&notice.text, self.width, false);
                if notice.warning {
                    self.yellow(&text)
                } else {
                    self.cyan(&text)
                }
            }
            (None, _) if below > 0 || scroll > 0 => {
                let label = if below > 0 {
                    format!("── ↓ {below} more line{} (↑↓ scroll) ", plural(below))
                } else {
                    "── ↑ more above (Home: top) ".to_owned()
                };
                let fill = self.width.saturating_sub(display_width(&label));
                self.dim(&cut(
                    &format!("{label}{}", "─".repeat(fill)),
                    self.width,
                    false,
                ))
            }
            (None, _) => match session.watching() {
                Watching::Manual { reason } => self.yellow(&cut(
                    &format!("Not watching files ({reason}): press r after you save."),
                    self.width,
                    false,
                )),
                Watching::Files => self.rule(),
            },
        };
        if height >= 2 {
            rows.push(notice_row);
        }
        rows.push(keys);
        rows.truncate(height);
        for row in &mut rows {
            // Rows made here already fit; this is the guard for the others
            // (a long title on a narrow terminal). Cutting drops a link, so
            // only rows that do not fit are cut.
            if display_width(row) > self.width {
                *row = cut(row, self.width, self.style.styled);
            }
        }
        Frame { rows, max_scroll }
    }

    fn title_row(&self, session: &Session<'_>, state: &State) -> String {
        let exercises = session.course().exercises();
        let total = exercises.len();
        let done = exercises
            .iter()
            .filter(|exercise| state.is_done(&exercise.name))
            .count();
        let counts = format!(" {done}/{total} done");
        let name = "typed-ai-rustlings";
        let bar_width = self
            .width
            .saturating_sub(name.len() + counts.len() + 4)
            .min(30);
        if bar_width < 5 {
            return cut(&format!("{name}{counts}"), self.width, false);
        }
        let filled = bar_width * done / total.max(1);
        let bar = format!(
            "{}{}",
            self.green(&"█".repeat(filled)),
            self.dim(&"░".repeat(bar_width - filled))
        );
        let left = self.bold(name);
        let gap = self
            .width
            .saturating_sub(name.len() + bar_width + counts.len() + 2);
        format!("{left}{}[{bar}]{counts}", " ".repeat(gap.max(1)))
    }

    fn header(&self, session: &Session<'_>, state: &State) -> Vec<String> {
        let course = session.course();
        let exercise = session.current_exercise();
        let mut rows = vec![self.title_row(session, state)];
        if let Some(chapter) = course.chapter(&exercise.chapter) {
            // The number is the folder's (`06_...` is chapter 6), as in the
            // exercise headers and `list`; "of" the highest folder number.
            let position = chapter_position(session, exercise);
            rows.push(cut(
                &format!(
                    "{} {} of {} · {} · exercise {}/{}",
                    self.dim("Chapter"),
                    chapter.number(),
                    course.last_chapter_number(),
                    self.bold(&chapter.title),
                    position.0,
                    position.1
                ),
                self.width,
                self.style.styled,
            ));
        }
        let path = course.exercise_path(exercise);
        rows.push(self.link(&path, &format!("▶ {}", self.shown(&path))));
        for row in wrap_words(&reflow(&exercise.concept), self.width, "  ")
            .into_iter()
            .take(2)
        {
            rows.push(self.italic(&row));
        }
        rows.push(self.rule());
        rows
    }

    fn status(&self, session: &Session<'_>) -> String {
        let exercise = session.current_exercise();
        let text = match session.checking() {
            Some(Checking::One(_)) => self.yellow(&format!("⋯ Checking {}…", exercise.name)),
            Some(Checking::All { finished, total }) => {
                let bar_width = 20;
                let filled = bar_width * finished / total.max(1);
                self.yellow(&format!(
                    "⋯ Checking every exercise: {finished}/{total} [{}{}]",
                    "#".repeat(filled),
                    "-".repeat(bar_width - filled)
                ))
            }
            None => match session.body() {
                Body::Starting => self.dim("Save the file to check it."),
                Body::Verdict { verdict, .. } => self.conclusion(exercise, verdict),
                Body::CheckFailed(_) => {
                    self.red(&format!("✗ {} could not be checked", exercise.name))
                }
                Body::Advanced { passed, .. } => self.green(&format!(
                    "✓ {} passes! On to the next exercise.",
                    session.course().exercises()[*passed].name
                )),
                Body::Reset { .. } => self.cyan(&format!("↺ {} was reset", exercise.name)),
                Body::CheckedAll { failing, total } => {
                    let passing = total - failing.len();
                    self.cyan(&format!("Checked all {total}: {passing} pass."))
                }
                Body::Finished { .. } => self.green(&format!(
                    "★ All {} exercises pass.",
                    session.course().exercises().len()
                )),
            },
        };
        cut(&text, self.width, self.style.styled)
    }

    fn conclusion(&self, exercise: &Exercise, verdict: &Verdict) -> String {
        let conclusion = conclusion(exercise, verdict);
        let text = format!("{} {}", conclusion.mark.symbol(), conclusion.text);
        match conclusion.mark {
            Mark::Pass => self.green(&text),
            Mark::Fail => self.red(&text),
        }
    }

    fn body(&self, session: &Session<'_>, state: &State) -> Vec<String> {
        let course = session.course();
        let exercise = session.current_exercise();
        let mut lines: Vec<String> = Vec::new();
        for note in session.notes() {
            lines.extend(
                wrap_words(note, self.width, "  ")
                    .iter()
                    .map(|row| self.yellow(row)),
            );
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        let hints_seen = state.hint_level(&exercise.name) as usize;
        let finished = matches!(session.body(), Body::Finished { .. });
        if !finished && hints_seen > 0 {
            let level = hints_seen.min(exercise.hints.len());
            let label = format!("Hint {level} of {}:", exercise.hints.len());
            let text = format!("{label} {}", reflow(&exercise.hints[level - 1]));
            for (row_index, row) in wrap_words(&text, self.width, "  ").into_iter().enumerate() {
                lines.push(if row_index == 0 {
                    row.replacen(&label, &self.cyan(&label), 1)
                } else {
                    row
                });
            }
            lines.push(String::new());
        }
        match session.body() {
            Body::Starting => {
                if session.checking().is_none() {
                    lines.extend(self.prose(&format!(
                        "Open {} in your editor. Every save is checked.",
                        self.shown(&course.exercise_path(exercise))
                    )));
                }
            }
            Body::Verdict {
                verdict,
                solution,
                change,
            } => {
                if let Some(change) = change {
                    lines.extend(
                        self.prose(&format!("→ {change}"))
                            .iter()
                            .map(|row| self.cyan(row)),
                    );
                    lines.push(String::new());
                }
                if let Some(differ) = &verdict.tests_differ {
                    lines.extend(
                        self.prose(&tests_differ(exercise, differ, WayBack::Key('t')))
                            .iter()
                            .map(|row| self.yellow(row)),
                    );
                    lines.push(String::new());
                }
                let builtin = BuiltinHints::for_library(course.library_crate());
                self.verdict(&mut lines, exercise, verdict, hints_seen, builtin);
                if verdict.passed() {
                    if let Some(solution) = solution {
                        lines.push(String::new());
                        lines.extend(self.prose(&format!(
                            "Compare with the reference solution: {}",
                            self.shown(solution)
                        )));
                    }
                    lines.push(String::new());
                    lines.extend(self.prose("n moves on to the next exercise not done yet."));
                } else {
                    let streak = state.same_failure_streak(&exercise.name);
                    if streak >= 3 && hints_seen < exercise.hints.len() {
                        lines.push(String::new());
                        lines.push(self.cyan(&cut(
                            &format!("The same failure {streak} times in a row: h shows a hint."),
                            self.width,
                            false,
                        )));
                    }
                }
            }
            Body::CheckFailed(problem) => {
                lines.extend(
                    self.prose(problem)
                        .into_iter()
                        .map(|row| self.red(&row))
                        .collect::<Vec<_>>(),
                );
            }
            Body::Advanced {
                passed,
                verdict,
                solution,
                next,
            } => {
                let passed = &course.exercises()[*passed];
                let next = &course.exercises()[*next];
                if let Some(solution) = solution {
                    lines.extend(self.prose(&format!(
                        "Compare your fix with the reference solution: {}",
                        self.shown(solution)
                    )));
                }
                self.program_output(&mut lines, passed, verdict);
                if let Some(differ) = &verdict.tests_differ {
                    // `t` would act on the next exercise: name the command.
                    lines.extend(
                        self.prose(&tests_differ(passed, differ, WayBack::Command))
                            .iter()
                            .map(|row| self.yellow(row)),
                    );
                }
                lines.push(String::new());
                lines.push(self.link(
                    &course.exercise_path(next),
                    &format!("Next: {}", self.shown(&course.exercise_path(next))),
                ));
                lines.extend(self.prose(&reflow(&next.concept)));
                lines.extend(
                    self.prose(
                        "Open it in your editor: your next save is checked (r checks it now).",
                    ),
                );
                if next.chapter != passed.chapter
                    && let Some(chapter) = course.chapter(&next.chapter)
                {
                    lines.push(String::new());
                    lines.push(self.bold(&cut(
                        &format!("New chapter: {}", chapter.title),
                        self.width,
                        false,
                    )));
                    lines.extend(wrap_words(&reflow(&chapter.intro), self.width, ""));
                }
            }
            Body::Reset { backup } => {
                lines.extend(self.prose(&format!(
                    "{} is back to how the course ships it.",
                    self.shown(&course.exercise_path(exercise))
                )));
                if let Some(backup) = backup {
                    lines.extend(
                        self.prose(&format!("Your version is kept in {}.", self.shown(backup))),
                    );
                }
            }
            Body::CheckedAll { failing, total } => {
                if failing.is_empty() {
                    lines.extend(self.prose(&format!("All {total} exercises pass.")));
                } else {
                    lines.push(format!("Not passing ({} of {total}):", failing.len()));
                    for (index, reason) in failing {
                        let failed = &course.exercises()[*index];
                        lines.push(cut(
                            &format!("  {} {}: {reason}", self.red("✗"), failed.name),
                            self.width,
                            self.style.styled,
                        ));
                    }
                    lines.push(String::new());
                    lines.extend(self.prose(&format!(
                        "Your current exercise is now the first one not done: {}",
                        self.shown(&course.exercise_path(exercise))
                    )));
                }
            }
            Body::Finished { last } => {
                if let Some((last, solution)) = last {
                    lines.push(
                        self.green(&format!("✓ `{}` passes.", course.exercises()[*last].name)),
                    );
                    if let Some(solution) = solution {
                        lines.extend(self.prose(&format!(
                            "Compare with the reference solution: {}",
                            self.shown(solution)
                        )));
                    }
                    lines.push(String::new());
                }
                lines.extend(wrap_words(
                    course.final_message().trim_end(),
                    self.width,
                    "",
                ));
                lines.push(String::new());
                let exercises = course.exercises();
                let checks: u32 = exercises
                    .iter()
                    .map(|exercise| state.attempts(&exercise.name))
                    .sum();
                let hints: u32 = exercises
                    .iter()
                    .map(|exercise| state.hint_level(&exercise.name))
                    .sum();
                lines.extend(self.prose(&format!(
                    "Summary: {} exercises in {} chapters, {checks} checks, {hints} hint{} asked for.",
                    exercises.len(),
                    course.chapters().len(),
                    plural(hints as usize)
                )));
                lines.extend(self.prose(
                    "l lists every exercise to revisit one; the solutions are in solutions/. q quits.",
                ));
            }
        }
        lines
    }

    fn verdict(
        &self,
        lines: &mut Vec<String>,
        exercise: &Exercise,
        verdict: &Verdict,
        hints_seen: usize,
        builtin: BuiltinHints,
    ) {
        let annotated = annotate_errors(exercise, &verdict.compiler.messages, hints_seen, builtin);
        let mut errors = annotated.iter();
        let mut warnings_after: Vec<&str> = Vec::new();
        for message in &verdict.compiler.messages {
            if message.rendered.trim().is_empty() {
                continue;
            }
            if message.level == Level::Warning
                && !verdict.passed()
                && verdict.compiler.errors().next().is_some()
            {
                // Errors first: a warning next to an error is noise for now.
                continue;
            }
            if message.level == Level::Warning && verdict.passed() {
                // The pass is the news: warnings follow it, dimmed, once each.
                let rendered = message.rendered.trim_end();
                if !warnings_after.contains(&rendered) {
                    warnings_after.push(rendered);
                }
                continue;
            }
            for line in message.rendered.trim_end().lines() {
                lines.extend(wrap(line, self.width, self.style.styled));
            }
            if message.is_error()
                && let Some(hint) = errors.next().and_then(|error| error.hint.as_ref())
            {
                let text = format!("hint: {}", reflow(&hint.text));
                for (index, row) in wrap_words(&text, self.width, "      ")
                    .into_iter()
                    .enumerate()
                {
                    lines.push(if index == 0 {
                        row.replacen("hint:", &self.cyan("hint:"), 1)
                    } else {
                        row
                    });
                }
            }
            lines.push(String::new());
        }
        for line in &verdict.compiler.text {
            lines.extend(wrap(line, self.width, self.style.styled));
        }
        match &verdict.outcome {
            Outcome::CompileError if verdict.compiler.errors().next().is_none() => {
                lines.extend(self.prose(
                    "The compiler stopped without an error message (was it killed?). Press r to try again.",
                ));
            }
            Outcome::TestsFailed { output, .. }
            | Outcome::RunFailed { output, .. }
            | Outcome::TimedOut { output, .. } => {
                let what = match exercise.mode {
                    Mode::Test => "the tests printed",
                    Mode::Run => "the program printed",
                };
                if output.text.trim().is_empty() {
                    lines.push(self.dim(&format!("({what} nothing)")));
                } else {
                    lines.push(self.dim(&format!("── {what} ──")));
                    self.output(lines, &output.text);
                }
            }
            Outcome::Passed { .. } => self.program_output(lines, exercise, verdict),
            _ => {}
        }
        self.obligations(lines, exercise, verdict);
        for warning in warnings_after {
            lines.push(String::new());
            for line in strip_ansi(warning).lines() {
                lines.extend(
                    wrap(line, self.width, false)
                        .iter()
                        .map(|row| self.dim(row)),
                );
            }
        }
    }

    /// Each `must_not_compile` obligation: one line with its mark, and for
    /// one that does not hold, the misuse, why, and rustc's words.
    fn obligations(&self, lines: &mut Vec<String>, exercise: &Exercise, verdict: &Verdict) {
        if verdict.obligations.is_empty() {
            return;
        }
        lines.push(self.dim("── must not compile ──"));
        for result in &verdict.obligations {
            let (mark, line) = obligation_line(result);
            let mark = match mark {
                Mark::Pass => self.green(mark.symbol()),
                Mark::Fail => self.red(mark.symbol()),
            };
            lines.extend(wrap(
                &format!("{mark} {line}"),
                self.width,
                self.style.styled,
            ));
            let details = exercise
                .must_not_compile
                .iter()
                .find(|obligation| obligation.name == result.name)
                .map(|obligation| obligation_details(obligation, result))
                .unwrap_or_default();
            for detail in details {
                lines.extend(wrap(
                    &format!("    {detail}"),
                    self.width,
                    self.style.styled,
                ));
            }
        }
    }

    /// What the program printed, under its heading, after a pass: `main`'s
    /// output in test mode (the payoff the tests do not show), the run's
    /// output in run mode.
    fn program_output(&self, lines: &mut Vec<String>, exercise: &Exercise, verdict: &Verdict) {
        let printed = match exercise.mode {
            Mode::Test => verdict.program_output.as_ref(),
            Mode::Run => verdict.outcome.output(),
        };
        if let Some(printed) = printed
            && !printed.text.trim().is_empty()
        {
            lines.push(self.dim("── program output ──"));
            self.output(lines, &printed.text);
        }
    }

    fn output(&self, lines: &mut Vec<String>, text: &str) {
        for line in text.trim_end().lines() {
            lines.extend(wrap(line, self.width, self.style.styled));
        }
    }

    fn list(
        &self,
        session: &Session<'_>,
        state: &State,
        cursor: usize,
        rows: usize,
    ) -> Vec<String> {
        let exercises = session.course().exercises();
        let rows = rows.max(1);
        let name_width = exercises
            .iter()
            .map(|exercise| exercise.name.len())
            .max()
            .unwrap_or(0)
            .min(self.width / 2);
        // Keep the cursor in view, a little above the middle.
        let first = cursor
            .saturating_sub(rows / 3)
            .min(exercises.len().saturating_sub(rows));
        exercises
            .iter()
            .enumerate()
            .skip(first)
            .take(rows)
            .map(|(index, exercise)| {
                let mark = if index == session.current() {
                    "▶"
                } else if state.is_done(&exercise.name) {
                    "✓"
                } else {
                    " "
                };
                let chapter = exercise.chapter.split('_').next().unwrap_or_default();
                let text = cut(
                    &format!(
                        "{mark} {chapter} {:<name_width$}  {}",
                        exercise.name,
                        reflow(&exercise.concept)
                    ),
                    self.width,
                    false,
                );
                if index == cursor {
                    self.reverse(&format!(
                        "{text}{}",
                        " ".repeat(self.width.saturating_sub(display_width(&text)))
                    ))
                } else if state.is_done(&exercise.name) {
                    self.green_text_mark(&text)
                } else {
                    text
                }
            })
            .collect()
    }

    fn keys(&self, keys: &[(&str, &str)]) -> String {
        let mut row = String::new();
        let mut used = 0;
        for (key, action) in keys {
            let piece_width = display_width(key) + 1 + display_width(action) + 2;
            if used + piece_width > self.width + 2 {
                break;
            }
            if !row.is_empty() {
                row.push_str("  ");
            }
            row.push_str(&format!("{} {action}", self.bold(key)));
            used += piece_width;
        }
        row
    }

    fn prose(&self, text: &str) -> Vec<String> {
        wrap_words(text, self.width, "  ")
    }

    fn rule(&self) -> String {
        self.dim(&"─".repeat(self.width))
    }

    /// `path` as the learner reads it: relative to their folder when below it.
    fn shown(&self, path: &Path) -> String {
        self.style.cwd.show(path).display().to_string()
    }

    /// `text` (cut to the width) as a link to the file `path` (OSC 8), for
    /// terminals that open links; others show the text alone.
    fn link(&self, path: &Path, text: &str) -> String {
        let text = cut(text, self.width, false);
        if !self.style.styled {
            return text;
        }
        format!(
            "\u{1b}]8;;{}\u{1b}\\{}\u{1b}]8;;\u{1b}\\",
            file_url(path),
            text.bold()
        )
    }

    fn paint(&self, text: &str, paint: impl Fn(&str) -> colored::ColoredString) -> String {
        if self.style.styled {
            paint(text).to_string()
        } else {
            text.to_owned()
        }
    }

    fn bold(&self, text: &str) -> String {
        self.paint(text, |text| text.bold())
    }
    fn dim(&self, text: &str) -> String {
        self.paint(text, |text| text.dimmed())
    }
    fn italic(&self, text: &str) -> String {
        self.paint(text, |text| text.italic())
    }
    fn green(&self, text: &str) -> String {
        self.paint(text, |text| text.green().bold())
    }
    fn red(&self, text: &str) -> String {
        self.paint(text, |text| text.red().bold())
    }
    fn yellow(&self, text: &str) -> String {
        self.paint(text, |text| text.yellow())
    }
    fn cyan(&self, text: &str) -> String {
        self.paint(text, |text| text.cyan().bold())
    }
    fn reverse(&self, text: &str) -> String {
        self.paint(text, |text| text.reversed())
    }
    fn green_text_mark(&self, text: &str) -> String {
        match text.strip_prefix('✓') {
            Some(rest) if self.style.styled => format!("{}{rest}", "✓".green()),
            _ => text.to_owned(),
        }
    }
}

/// `file://` URL of an absolute path, percent-encoding what a URL cannot hold.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-_.~".contains(&byte) {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// The exercise's position within its chapter and the chapter's size (1-based).
fn chapter_position(session: &Session<'_>, exercise: &Exercise) -> (usize, usize) {
    let in_chapter: Vec<&Exercise> = session
        .course()
        .exercises()
        .iter()
        .filter(|other| other.chapter == exercise.chapter)
        .collect();
    let position = in_chapter
        .iter()
        .position(|other| other.name == exercise.name)
        .map_or(1, |index| index + 1);
    (position, in_chapter.len())
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::course::Course;
    use crate::engine::{
        CapturedOutput, CompilerMessage, Location, ObligationResult, ObligationStatus, Origin,
    };
    use crate::test_support::{fixture_course, verdict};
    use crate::text::strip_ansi;
    use crate::watch::event::{Checked, Key};
    use crate::watch::session::Effect;

    fn course() -> Course {
        fixture_course()
    }

    fn style(styled: bool) -> Style {
        Style {
            styled,
            cwd: Cwd::new(course().root()),
        }
    }

    /// An E0308 whose rendered text is `lines` lines long, in colour.
    fn long_error(lines: usize) -> CompilerMessage {
        let mut rendered =
            String::from("\u{1b}[1m\u{1b}[38;5;9merror[E0308]\u{1b}[0m: mismatched types\n");
        for line in 0..lines {
            rendered.push_str(&format!(
                "\u{1b}[38;5;12m{line:>3} |\u{1b}[0m     typed_ai::check(\"forty-two\"); // a long source line that goes past the edge of an 80 column terminal\n"
            ));
        }
        CompilerMessage {
            level: Level::Error,
            code: Some("E0308".into()),
            message: "mismatched types".into(),
            rendered,
            location: Some(Location {
                file: "exercises/01_basics/intro.rs".into(),
                line: 6,
                column: 21,
            }),
            origin: Origin::File,
        }
    }

    fn text(frame: &Frame) -> Vec<String> {
        frame
            .rows
            .iter()
            .map(|row| strip_ansi(row).into_owned())
            .collect()
    }

    fn assert_fits(frame: &Frame, width: usize, height: usize) {
        assert_eq!(frame.rows.len(), height, "{:#?}", text(frame));
        for row in &frame.rows {
            assert!(
                display_width(row) <= width,
                "a row wider than {width}: {:?}",
                strip_ansi(row)
            );
        }
    }

    fn failing_session<'c>(course: &'c Course, state: &State, lines: usize) -> Session<'c> {
        let (mut session, _) = Session::start(course, state, Watching::Files, Vec::new());
        session.key(Key::Enter, state);
        session.checked(Checked {
            exercise: 0,
            hash: Some("h".into()),
            change: None,
            result: Ok(verdict(Outcome::CompileError, vec![long_error(lines)])),
        });
        session
    }

    #[test]
    fn the_header_numbers_the_chapter_by_its_folder_not_its_position() {
        // The fixture with a chapter 0 and a gap: the first chapter is
        // chapter 0, and the last number, not the count, follows "of".
        let dir = tempfile::tempdir().expect("temp dir");
        let library = crate::test_support::fixture_course_dir().join("crates/typed-ai");
        let info =
            std::fs::read_to_string(crate::test_support::fixture_course_dir().join("info.toml"))
                .expect("the fixture's info.toml")
                .replace("01_basics", "00_basics")
                .replace("02_more", "06_more")
                .replace(
                    "library = \"crates/typed-ai\"",
                    &format!("library = {:?}", library.display().to_string()),
                );
        std::fs::write(dir.path().join("info.toml"), info).expect("write info.toml");
        let course = Course::load(dir.path()).expect("the renumbered course loads");
        let state = State::default();
        let (mut session, _) = Session::start(&course, &state, Watching::Files, Vec::new());
        session.key(Key::Enter, &state);
        let rows = text(&draw(&session, &state, &style(false), 80, 24));
        assert!(
            rows[1].contains("Chapter 0 of 6 · Basics · exercise 1/2"),
            "{rows:#?}"
        );
    }

    #[test]
    fn a_long_error_scrolls_and_never_pushes_the_keys_off_an_80x24_screen() {
        let course = course();
        let state = State::default();
        let mut session = failing_session(&course, &state, 60);
        for styled in [true, false] {
            let frame = draw(&session, &state, &style(styled), 80, 24);
            assert_fits(&frame, 80, 24);
            let rows = text(&frame);
            assert!(rows[0].starts_with("typed-ai-rustlings"), "{rows:#?}");
            assert!(rows[0].ends_with("0/3 done"), "{rows:#?}");
            assert!(
                rows[1].contains("Chapter 1 of 2 · Basics · exercise 1/2"),
                "{rows:#?}"
            );
            assert!(
                rows[2].contains("exercises/01_basics/intro.rs"),
                "{rows:#?}"
            );
            assert!(rows[3].contains("A number has a type."), "{rows:#?}");
            assert!(
                rows.iter()
                    .any(|row| row.contains("does not compile yet (1 error)")),
                "{rows:#?}"
            );
            assert!(rows[22].contains("more lines (↑↓ scroll)"), "{rows:#?}");
            assert!(rows[23].starts_with("h hint  n next  l list"), "{rows:#?}");
            assert!(frame.max_scroll > 0);
        }
        // Scrolled to the end: the hint under the error is in view.
        session.key(Key::End, &state);
        let frame = draw(&session, &state, &style(true), 80, 24);
        session.clamp_scroll(frame.max_scroll);
        let rows = text(&frame);
        assert!(
            rows.iter().any(|row| row.starts_with("hint: ")),
            "{rows:#?}"
        );
        assert!(rows[23].starts_with("h hint"), "{rows:#?}");
    }

    #[test]
    fn a_misuse_that_compiles_is_on_the_screen_with_its_mark() {
        let course = course();
        let state = State::default();
        let (mut session, _) = Session::start(&course, &state, Watching::Files, Vec::new());
        session.key(Key::Enter, &state);
        let mut failed = verdict(
            Outcome::ObligationsFailed {
                failed: vec!["raw_index".into()],
                output: CapturedOutput::default(),
            },
            Vec::new(),
        );
        failed.obligations = vec![ObligationResult {
            name: "raw_index".into(),
            status: ObligationStatus::Compiles,
            errors: Vec::new(),
        }];
        session.checked(Checked {
            exercise: 0,
            hash: Some("h".into()),
            result: Ok(failed),
            change: None,
        });
        let frame = draw(&session, &state, &style(false), 80, 24);
        assert_fits(&frame, 80, 24);
        let rows = text(&frame);
        assert!(
            rows.iter().any(|row| row == "── must not compile ──"),
            "{rows:#?}"
        );
        assert!(
            rows.iter()
                .any(|row| row == "✗ `raw_index`: this compiles but must not"),
            "{rows:#?}"
        );
        assert!(
            rows.iter()
                .any(|row| row.contains("but its types must still forbid 1 misuse")),
            "{rows:#?}"
        );
    }

    #[test]
    fn every_screen_fits_any_size_from_tiny_to_wide() {
        let course = course();
        let mut state = State::default();
        state.bump_hint_level("intro", 3);
        let mut session = failing_session(&course, &state, 5);
        // The main screen, the list, the reset question.
        let steps: [&[Key]; 3] = [&[], &[Key::Char('l')], &[Key::Escape, Key::Char('x')]];
        for keys in steps {
            for key in keys {
                session.key(*key, &State::default());
            }
            for (width, height) in [(80, 24), (20, 5), (1, 1), (200, 60), (40, 12)] {
                let frame = draw(&session, &state, &style(true), width, height);
                assert_fits(&frame, usize::from(width), usize::from(height));
            }
        }
    }

    #[test]
    fn a_revealed_hint_is_shown_above_the_verdict() {
        let course = course();
        let mut state = State::default();
        let session = failing_session(&course, &state, 3);
        state.bump_hint_level("intro", 3);
        let rows = text(&draw(&session, &state, &style(false), 80, 24));
        let hint = rows
            .iter()
            .position(|row| row == "Hint 1 of 3: Look at the literal.")
            .unwrap_or_else(|| panic!("{rows:#?}"));
        let error = rows
            .iter()
            .position(|row| row.starts_with("error[E0308]"))
            .unwrap_or_else(|| panic!("{rows:#?}"));
        assert!(hint < error);
    }

    #[test]
    fn a_pass_shows_the_solution_then_the_next_file_and_its_concept() {
        let course = course();
        let state = State::default();
        let (mut session, _) = Session::start(&course, &state, Watching::Files, Vec::new());
        session.key(Key::Enter, &state);
        let effects = session.checked(Checked {
            exercise: 0,
            hash: Some("h".into()),
            change: None,
            result: Ok(verdict(
                Outcome::Passed {
                    output: CapturedOutput {
                        text: "the answer is 42\n".into(),
                        omitted_bytes: 0,
                    },
                },
                Vec::new(),
            )),
        });
        assert!(matches!(effects[0], Effect::Record { advance: true, .. }));
        session.advanced(
            0,
            Some(course.root().join("solutions/01_basics/intro.rs")),
            Some(1),
        );
        let rows = text(&draw(&session, &state, &style(true), 80, 24));
        let joined = rows.join("\n");
        assert!(
            joined.contains("✓ intro passes! On to the next exercise."),
            "{joined}"
        );
        assert!(
            joined.contains(
                "Compare your fix with the reference solution: solutions/01_basics/intro.rs"
            ),
            "{joined}"
        );
        assert!(joined.contains("the answer is 42"), "{joined}");
        assert!(
            joined.contains("Next: exercises/01_basics/shapes.rs"),
            "{joined}"
        );
        assert!(joined.contains("A shape is two numbers."), "{joined}");
        // The header already names the new current exercise.
        assert!(
            rows[2].contains("exercises/01_basics/shapes.rs"),
            "{rows:#?}"
        );
    }

    #[test]
    fn the_link_to_the_file_is_an_osc8_hyperlink_only_when_styled() {
        let course = course();
        let state = State::default();
        let session = failing_session(&course, &state, 1);
        let styled = draw(&session, &state, &style(true), 80, 24);
        assert!(
            styled.rows[2].contains("\u{1b}]8;;file:///"),
            "{:?}",
            styled.rows[2]
        );
        assert!(
            styled.rows[2].contains("intro.rs\u{1b}\\"),
            "{:?}",
            styled.rows[2]
        );
        let plain = draw(&session, &state, &style(false), 80, 24);
        assert!(!plain.rows.iter().any(|row| row.contains('\u{1b}')));
    }

    #[test]
    fn file_urls_escape_what_urls_cannot_hold() {
        assert_eq!(
            file_url(Path::new("/home/a b/ex#1.rs")),
            "file:///home/a%20b/ex%231.rs"
        );
    }

    #[test]
    fn manual_mode_says_why_in_place_of_the_rule() {
        let course = course();
        let state = State::default();
        let (mut session, _) = Session::start(
            &course,
            &state,
            Watching::Manual {
                reason: "--manual".into(),
            },
            Vec::new(),
        );
        session.key(Key::Enter, &state);
        let rows = text(&draw(&session, &state, &style(false), 80, 24));
        assert!(
            rows[22].starts_with("Not watching files (--manual): press r after you save."),
            "{rows:#?}"
        );
    }

    #[test]
    fn a_revisited_pass_shows_the_tests_line_the_program_output_then_the_warnings() {
        let course = course();
        let mut state = State::default();
        state.mark_done("intro");
        state.mark_done("shapes");
        state.set_current("shapes");
        let (mut session, _) = Session::start(&course, &state, Watching::Files, Vec::new());
        let warning = CompilerMessage {
            level: Level::Warning,
            code: Some("unused_imports".into()),
            message: "unused import: `Vector`".into(),
            rendered: "warning: unused import: `Vector`\n --> exercises/01_basics/shapes.rs:1:5\n"
                .into(),
            location: None,
            origin: Origin::File,
        };
        let mut passed = verdict(
            Outcome::Passed {
                output: CapturedOutput {
                    text: "running 1 test\ntest tests::shape_is_two_by_three ... ok\n".into(),
                    omitted_bytes: 0,
                },
            },
            vec![warning.clone(), warning],
        );
        passed.program_output = Some(CapturedOutput {
            text: "(2, 3)\n".into(),
            omitted_bytes: 0,
        });
        passed.tests_differ = Some(crate::engine::TestsDiffer {
            missing: Vec::new(),
            absent: false,
        });
        session.checked(Checked {
            exercise: 1,
            hash: Some("h".into()),
            change: Some("compiles now; 1 of 1 tests pass".into()),
            result: Ok(passed),
        });
        let rows = text(&draw(&session, &state, &style(false), 100, 40));
        let position = |needle: &str| {
            rows.iter()
                .position(|row| row.contains(needle))
                .unwrap_or_else(|| panic!("{needle:?} in {rows:#?}"))
        };
        assert!(rows[position("`shapes` passes.")].starts_with('✓'));
        let change = position("→ compiles now; 1 of 1 tests pass");
        let differ = position("Your `mod tests` differs from the course's");
        let program = position("── program output ──");
        let warning = position("warning: unused import: `Vector`");
        assert!(
            change < differ && differ < program && program < warning,
            "{rows:#?}"
        );
        assert_eq!(rows[program + 1], "(2, 3)");
        assert!(
            rows[differ..].join(" ").contains("t puts them back"),
            "{rows:#?}"
        );
        assert_eq!(
            rows.iter()
                .filter(|row| row.contains("unused import"))
                .count(),
            1,
            "shown once: {rows:#?}"
        );
        assert!(
            rows[39].contains("x reset  t restore tests  q quit"),
            "{:?}",
            rows[39]
        );
    }

    #[test]
    fn the_restore_key_is_offered_only_when_the_tests_differ() {
        let course = course();
        let state = State::default();
        let session = failing_session(&course, &state, 1);
        let rows = text(&draw(&session, &state, &style(false), 100, 24));
        assert!(!rows[23].contains("t restore tests"), "{:?}", rows[23]);
    }
}
