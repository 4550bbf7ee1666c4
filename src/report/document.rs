//! What the machine-readable reports of `verify`, `verify --pack` and
//! `challenge check` share:
//! the JSON schema version, how a JSON or JUnit document is written, and
//! durations as whole milliseconds. Each report's own shape stays in its
//! own file.

use std::io::{self, Write};
use std::time::Duration;

use serde::Serialize;

use super::junit;

/// The JSON reports' schema version; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// `document` as pretty JSON, then a newline.
pub fn write_json(out: &mut dyn Write, document: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, document).map_err(io::Error::other)?;
    writeln!(out)
}

/// `report` as JUnit XML.
pub fn write_junit(out: &mut dyn Write, report: &junit::Report) -> io::Result<()> {
    out.write_all(report.to_xml().as_bytes())
}

/// `duration` in whole milliseconds, saturating.
pub fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}
