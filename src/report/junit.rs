//! JUnit XML, the report CI systems read: a `<testsuites>` document of
//! suites of test cases, each passed, failed, in error or skipped, with the
//! counts every reader expects on the suite and document tags.
//!
//! The three reports that offer `--format junit` (`verify`, `verify --pack`,
//! `challenge check`) build a [`Report`] and write it with
//! `document::write_junit`. Only what they use is here: no timestamps,
//! properties, reruns or standard error, so the runner needs no date or XML
//! library (this file replaced one that pulled in both). Text is made safe
//! for XML 1.0: ANSI colour codes and the control characters XML forbids are
//! removed, and markup characters escaped.

use std::fmt::Write as _;
use std::time::Duration;

use crate::text::strip_ansi;

/// Indentation of one nesting level.
const INDENT: &str = "    ";

/// How a test case that did not pass went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NonSuccessKind {
    /// The check ran and found a problem (`<failure>`).
    Failure,
    /// The check could not run (`<error>`).
    Error,
}

/// What became of one test case, with its message and details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestCaseStatus {
    outcome: Outcome,
    message: Option<String>,
    description: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Success,
    Skipped,
    NonSuccess(NonSuccessKind),
}

impl TestCaseStatus {
    /// It passed.
    pub fn success() -> Self {
        Self::with(Outcome::Success)
    }

    /// It did not run.
    pub fn skipped() -> Self {
        Self::with(Outcome::Skipped)
    }

    /// It failed, or could not run, as `kind` says.
    pub fn non_success(kind: NonSuccessKind) -> Self {
        Self::with(Outcome::NonSuccess(kind))
    }

    fn with(outcome: Outcome) -> Self {
        Self {
            outcome,
            message: None,
            description: None,
        }
    }

    /// A one-line summary (the `message` attribute). Ignored on a success.
    pub fn set_message(&mut self, message: impl Into<String>) -> &mut Self {
        self.message = Some(message.into());
        self
    }

    /// The details (the element's text). Ignored on a success.
    pub fn set_description(&mut self, description: impl Into<String>) -> &mut Self {
        self.description = Some(description.into());
        self
    }
}

/// One test case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestCase {
    name: String,
    classname: Option<String>,
    time: Option<Duration>,
    status: TestCaseStatus,
    system_out: Option<String>,
}

impl TestCase {
    /// A case called `name` that ended as `status`.
    pub fn new(name: impl Into<String>, status: TestCaseStatus) -> Self {
        Self {
            name: name.into(),
            classname: None,
            time: None,
            status,
            system_out: None,
        }
    }

    /// The group it belongs to (CI systems show `classname.name`).
    pub fn set_classname(&mut self, classname: impl Into<String>) -> &mut Self {
        self.classname = Some(classname.into());
        self
    }

    /// How long it took.
    pub fn set_time(&mut self, time: Duration) -> &mut Self {
        self.time = Some(time);
        self
    }

    /// What it printed.
    pub fn set_system_out(&mut self, output: impl Into<String>) -> &mut Self {
        self.system_out = Some(output.into());
        self
    }
}

/// A named group of test cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestSuite {
    name: String,
    cases: Vec<TestCase>,
}

impl TestSuite {
    /// An empty suite called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            cases: Vec::new(),
        }
    }

    /// Adds a case at the end.
    pub fn add_test_case(&mut self, case: TestCase) -> &mut Self {
        self.cases.push(case);
        self
    }

    /// Whether it has no case yet.
    pub fn is_empty(&self) -> bool {
        self.cases.is_empty()
    }

    fn counts(&self) -> Counts {
        let mut counts = Counts {
            tests: self.cases.len(),
            ..Counts::default()
        };
        for case in &self.cases {
            match case.status.outcome {
                Outcome::Success => {}
                Outcome::Skipped => counts.skipped += 1,
                Outcome::NonSuccess(NonSuccessKind::Failure) => counts.failures += 1,
                Outcome::NonSuccess(NonSuccessKind::Error) => counts.errors += 1,
            }
        }
        counts
    }
}

/// A whole JUnit document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    name: String,
    suites: Vec<TestSuite>,
}

impl Report {
    /// An empty document called `name` (e.g. the command that made it).
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            suites: Vec::new(),
        }
    }

    /// Adds a suite at the end.
    pub fn add_test_suite(&mut self, suite: TestSuite) -> &mut Self {
        self.suites.push(suite);
        self
    }

    /// The document as XML 1.0 text, ending with a newline.
    pub fn to_xml(&self) -> String {
        let total = self
            .suites
            .iter()
            .map(TestSuite::counts)
            .fold(Counts::default(), Counts::add);
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = write!(
            xml,
            "<testsuites name=\"{}\" tests=\"{}\" skipped=\"{}\" failures=\"{}\" errors=\"{}\"",
            escape(&self.name),
            total.tests,
            total.skipped,
            total.failures,
            total.errors
        );
        if self.suites.is_empty() {
            xml.push_str("/>\n");
            return xml;
        }
        xml.push_str(">\n");
        for suite in &self.suites {
            write_suite(&mut xml, suite);
        }
        xml.push_str("</testsuites>\n");
        xml
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    tests: usize,
    skipped: usize,
    failures: usize,
    errors: usize,
}

impl Counts {
    fn add(self, other: Counts) -> Counts {
        Counts {
            tests: self.tests + other.tests,
            skipped: self.skipped + other.skipped,
            failures: self.failures + other.failures,
            errors: self.errors + other.errors,
        }
    }
}

fn write_suite(xml: &mut String, suite: &TestSuite) {
    let counts = suite.counts();
    let _ = write!(
        xml,
        "{INDENT}<testsuite name=\"{}\" tests=\"{}\" skipped=\"{}\" errors=\"{}\" failures=\"{}\"",
        escape(&suite.name),
        counts.tests,
        counts.skipped,
        counts.errors,
        counts.failures
    );
    if suite.cases.is_empty() {
        xml.push_str("/>\n");
        return;
    }
    xml.push_str(">\n");
    for case in &suite.cases {
        write_case(xml, case);
    }
    let _ = writeln!(xml, "{INDENT}</testsuite>");
}

fn write_case(xml: &mut String, case: &TestCase) {
    let _ = write!(
        xml,
        "{INDENT}{INDENT}<testcase name=\"{}\"",
        escape(&case.name)
    );
    if let Some(classname) = &case.classname {
        let _ = write!(xml, " classname=\"{}\"", escape(classname));
    }
    if let Some(time) = case.time {
        // Seconds with three decimals, as JUnit readers expect.
        let _ = write!(xml, " time=\"{:.3}\"", time.as_secs_f64());
    }
    let status = &case.status;
    let tag = match status.outcome {
        Outcome::Success => None,
        Outcome::Skipped => Some("skipped"),
        Outcome::NonSuccess(NonSuccessKind::Failure) => Some("failure"),
        Outcome::NonSuccess(NonSuccessKind::Error) => Some("error"),
    };
    if tag.is_none() && case.system_out.is_none() {
        xml.push_str("/>\n");
        return;
    }
    xml.push_str(">\n");
    if let Some(tag) = tag {
        let _ = write!(xml, "{INDENT}{INDENT}{INDENT}<{tag}");
        if let Some(message) = &status.message {
            let _ = write!(xml, " message=\"{}\"", escape(message));
        }
        match &status.description {
            Some(description) => {
                let _ = writeln!(xml, ">{}</{tag}>", escape(description));
            }
            None => xml.push_str("/>\n"),
        }
    }
    if let Some(output) = &case.system_out {
        let _ = writeln!(
            xml,
            "{INDENT}{INDENT}{INDENT}<system-out>{}</system-out>",
            escape(output)
        );
    }
    let _ = writeln!(xml, "{INDENT}{INDENT}</testcase>");
}

/// `text` as XML 1.0 character data or attribute value: ANSI colour codes
/// dropped, characters XML 1.0 cannot hold at all dropped (control
/// characters other than tab, newline and carriage return), and the five
/// markup characters escaped.
fn escape(text: &str) -> String {
    let plain = strip_ansi(text);
    let mut out = String::with_capacity(plain.len());
    for c in plain.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(message: &str, description: Option<&str>) -> TestCaseStatus {
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
        status.set_message(message);
        if let Some(description) = description {
            status.set_description(description);
        }
        status
    }

    #[test]
    fn a_report_counts_each_outcome_on_its_suite_and_in_total() {
        let mut first = TestSuite::new("01_tokens");
        first.add_test_case(TestCase::new("a", TestCaseStatus::success()));
        first.add_test_case(TestCase::new("b", failure("failed tests: t", None)));
        let mut second = TestSuite::new("02_vectors");
        second.add_test_case(TestCase::new(
            "c",
            TestCaseStatus::non_success(NonSuccessKind::Error),
        ));
        second.add_test_case(TestCase::new("d", TestCaseStatus::skipped()));
        let mut report = Report::new("typed-ai-rustlings verify");
        report.add_test_suite(first).add_test_suite(second);
        let xml = report.to_xml();
        assert_eq!(
            xml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <testsuites name=\"typed-ai-rustlings verify\" tests=\"4\" skipped=\"1\" failures=\"1\" errors=\"1\">\n\
             \x20   <testsuite name=\"01_tokens\" tests=\"2\" skipped=\"0\" errors=\"0\" failures=\"1\">\n\
             \x20       <testcase name=\"a\"/>\n\
             \x20       <testcase name=\"b\">\n\
             \x20           <failure message=\"failed tests: t\"/>\n\
             \x20       </testcase>\n\
             \x20   </testsuite>\n\
             \x20   <testsuite name=\"02_vectors\" tests=\"2\" skipped=\"1\" errors=\"1\" failures=\"0\">\n\
             \x20       <testcase name=\"c\">\n\
             \x20           <error/>\n\
             \x20       </testcase>\n\
             \x20       <testcase name=\"d\">\n\
             \x20           <skipped/>\n\
             \x20       </testcase>\n\
             \x20   </testsuite>\n\
             </testsuites>\n"
        );
    }

    #[test]
    fn a_case_carries_its_class_time_details_and_output() {
        let mut case = TestCase::new(
            "probabilities",
            failure("it failed", Some("line 1\nline 2")),
        );
        case.set_classname("01_outcomes")
            .set_time(Duration::from_millis(1234))
            .set_system_out("printed");
        let mut suite = TestSuite::new("s");
        suite.add_test_case(case);
        let mut report = Report::new("r");
        report.add_test_suite(suite);
        let xml = report.to_xml();
        assert!(
            xml.contains(
                "<testcase name=\"probabilities\" classname=\"01_outcomes\" time=\"1.234\">\n\
                 \x20           <failure message=\"it failed\">line 1\nline 2</failure>\n\
                 \x20           <system-out>printed</system-out>\n\
                 \x20       </testcase>\n"
            ),
            "{xml}"
        );
    }

    #[test]
    fn text_is_escaped_and_stripped_of_what_xml_cannot_hold() {
        assert_eq!(
            escape("a < b && \"c\" > 'd'"),
            "a &lt; b &amp;&amp; &quot;c&quot; &gt; &apos;d&apos;"
        );
        assert_eq!(escape("\u{1b}[31merror\u{1b}[0m: x"), "error: x");
        assert_eq!(
            escape("bell\u{7} nul\u{0} tab\tok\r\n"),
            "bell nul tab\tok\r\n"
        );
        assert_eq!(escape("θ → √d_k"), "θ → √d_k", "any other character stays");
    }

    #[test]
    fn an_empty_report_is_still_a_document() {
        assert_eq!(
            Report::new("none").to_xml(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <testsuites name=\"none\" tests=\"0\" skipped=\"0\" failures=\"0\" errors=\"0\"/>\n"
        );
    }
}
