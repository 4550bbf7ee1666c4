//! UTC timestamps for backup file names, e.g. `20261125T180200Z`.
//!
//! A compact, sortable stamp that a learner can read is all the store needs;
//! the civil-date conversion below is short enough that a date crate would
//! add more than it saves. Time zones and formatting for display are not
//! handled here.

use std::time::{SystemTime, UNIX_EPOCH};

/// `time` as `YYYYMMDDTHHMMSSZ` in UTC (times before 1970 count as 1970).
pub(super) fn utc_stamp(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = secs / 86_400;
    let rest = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The proleptic Gregorian date `days` after 1970-01-01.
///
/// Shifts the epoch to 0000-03-01 so that leap days fall at the end of a
/// year, then splits into 400-year eras (146 097 days each) and years of
/// 365 days with the 4/100/400 leap corrections; months then follow the
/// 153-days-per-5-months pattern of March..July and August..December.
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468; // days from 0000-03-01 to 1970-01-01
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn at(secs: u64) -> String {
        utc_stamp(UNIX_EPOCH + Duration::from_secs(secs))
    }

    #[test]
    fn the_epoch_is_the_first_of_january_1970() {
        assert_eq!(at(0), "19700101T000000Z");
    }

    #[test]
    fn a_leap_day_in_a_400_year_leap_year() {
        // 2000-02-29: 30 years = 10957 days (7 leap days from 1972..1996),
        // plus 31 (January) + 28 = 59 days: 11016 days * 86400 = 951782400.
        assert_eq!(at(951_782_400), "20000229T000000Z");
        assert_eq!(at(951_782_400 + 86_400), "20000301T000000Z");
    }

    #[test]
    fn a_familiar_moment_with_hours_minutes_seconds() {
        // 1_700_000_000 s = 19675 days + 80000 s; 80000 s = 22 h 13 min 20 s;
        // day 19675 after the epoch is 2023-11-14.
        assert_eq!(at(1_700_000_000), "20231114T221320Z");
    }

    #[test]
    fn the_last_second_of_a_year() {
        // 2024-01-01T00:00:00Z is 1704067200; one second earlier.
        assert_eq!(at(1_704_067_199), "20231231T235959Z");
    }
}
