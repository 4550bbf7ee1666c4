//! Whether a paper reference is well formed: an arXiv identifier, a stable
//! URL, a year that can be a publication year.
//!
//! Pure functions, each returning what is wrong (or `None`), so the manifest
//! loader can locate the problem at the field. Nothing here goes online: a
//! well-formed identifier may still name the wrong paper, which is for a
//! reviewer to catch.

use std::time::{SystemTime, UNIX_EPOCH};

/// The earliest year accepted: older papers exist, but not among the ones a
/// Rust ML challenge compiles, so an earlier year is almost surely a typo.
pub const EARLIEST_YEAR: i64 = 1900;

/// What is wrong with `id` as an arXiv identifier, if anything.
///
/// New-style identifiers are `YYMM.NNNN` (April 2007 to December 2014) or
/// `YYMM.NNNNN` (from January 2015), with an optional version `vN`;
/// old-style ones are `archive/YYMMNNN` or `archive.XX/YYMMNNN` (up to
/// March 2007), such as `cs/0112017` or `math.GT/0309136`.
pub fn arxiv_problem(id: &str, current_year: i64) -> Option<String> {
    let bare = id.trim();
    if bare != id || id.is_empty() {
        return Some(format!(
            "`{id}` is not an arXiv identifier: write it without spaces, e.g. 1412.6980"
        ));
    }
    if let Some(rest) = id
        .strip_prefix("arXiv:")
        .or_else(|| id.strip_prefix("arxiv:"))
    {
        return Some(format!(
            "write the bare identifier `{rest}`, without the `arXiv:` prefix"
        ));
    }
    if id.contains("arxiv.org") {
        return Some(format!(
            "`{id}` is a URL: put the identifier alone in `arxiv` (e.g. 1412.6980), or the URL in `url`"
        ));
    }
    let (id, version) = split_version(id);
    if let Some(version) = version
        && (version.is_empty()
            || !version.bytes().all(|b| b.is_ascii_digit())
            || version.starts_with('0'))
    {
        return Some(format!(
            "`{id}v{version}`: a version is `v` and a number from 1, e.g. 1412.6980v9"
        ));
    }
    if id.contains('/') {
        return old_style_problem(id);
    }
    new_style_problem(id, current_year)
}

/// Splits `1412.6980v9` into the identifier and the version digits.
fn split_version(id: &str) -> (&str, Option<&str>) {
    match id.rfind('v') {
        // A `v` in an old-style archive name (`solv-int/...`) comes before
        // the slash and is not a version.
        Some(at) if id[..at].contains('/') || !id.contains('/') => (&id[..at], Some(&id[at + 1..])),
        _ => (id, None),
    }
}

fn new_style_problem(id: &str, current_year: i64) -> Option<String> {
    let example = "e.g. 1412.6980 (2014) or 1706.03762 (2015 on)";
    let Some((yymm, number)) = id.split_once('.') else {
        return Some(format!(
            "`{id}` is not an arXiv identifier: expected YYMM.NNNNN, {example}"
        ));
    };
    let digits = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    if yymm.len() != 4 || !digits(yymm) || !digits(number) {
        return Some(format!(
            "`{id}` is not an arXiv identifier: expected YYMM.NNNNN, {example}"
        ));
    }
    let year = 2000 + i64::from(yymm[..2].parse::<u8>().unwrap_or(0));
    let month: u8 = yymm[2..].parse().unwrap_or(0);
    if !(1..=12).contains(&month) {
        return Some(format!(
            "`{id}`: the month in YYMM must be 01 to 12, not {month:02}"
        ));
    }
    if (year, month) < (2007, 4) {
        return Some(format!(
            "`{id}`: identifiers of this form start in April 2007 (0704.NNNN); older papers have ids such as cs/0112017"
        ));
    }
    if year > current_year {
        return Some(format!(
            "`{id}` would be from {year}, which has not happened yet"
        ));
    }
    let expected = if year < 2015 { 4 } else { 5 };
    if number.len() != expected {
        return Some(format!(
            "`{id}`: identifiers from {} have {expected} digits after the dot",
            if year < 2015 {
                "April 2007 to December 2014"
            } else {
                "January 2015 on"
            }
        ));
    }
    None
}

fn old_style_problem(id: &str) -> Option<String> {
    let example = "e.g. cs/0112017 or math.GT/0309136";
    let (archive, number) = id.split_once('/')?;
    let (name, class) = match archive.split_once('.') {
        Some((name, class)) => (name, Some(class)),
        None => (archive, None),
    };
    let name_ok = !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
    let class_ok =
        class.is_none_or(|class| class.len() == 2 && class.bytes().all(|b| b.is_ascii_uppercase()));
    let number_ok = number.len() == 7 && number.bytes().all(|b| b.is_ascii_digit());
    if !(name_ok && class_ok && number_ok) {
        return Some(format!(
            "`{id}` is not an arXiv identifier: expected archive/YYMMNNN, {example}"
        ));
    }
    let month: u8 = number[2..4].parse().unwrap_or(0);
    if !(1..=12).contains(&month) {
        return Some(format!(
            "`{id}`: the month in YYMM must be 01 to 12, not {month:02}"
        ));
    }
    None
}

/// What is wrong with `url` as a stable link to a paper, if anything:
/// `https://` or `http://`, a host with a dot, no spaces.
pub fn url_problem(url: &str) -> Option<String> {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return Some(format!(
            "`{url}` is not a web address: it must start with https:// (or http://)"
        ));
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(format!("`{url}` contains spaces: encode them as %20"));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority
        .rsplit_once(':')
        .map_or(authority, |(host, port)| {
            if port.bytes().all(|b| b.is_ascii_digit()) && !port.is_empty() {
                host
            } else {
                authority
            }
        });
    let host_ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    if !host_ok {
        return Some(format!(
            "`{url}` has no valid host name (such as arxiv.org or proceedings.mlr.press)"
        ));
    }
    None
}

/// What is wrong with `year` as a publication year, if anything.
pub fn year_problem(year: i64, current_year: i64) -> Option<String> {
    if year < EARLIEST_YEAR {
        return Some(format!(
            "{year} is before {EARLIEST_YEAR}: write the year the paper appeared, e.g. 2014"
        ));
    }
    if year > current_year {
        return Some(format!(
            "{year} has not happened yet (it is {current_year}): write the year the paper appeared"
        ));
    }
    None
}

/// The current year (UTC), from the system clock.
pub fn current_year() -> i64 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    year_of(secs)
}

/// The UTC year of a Unix time.
fn year_of(unix_secs: u64) -> i64 {
    let mut days = unix_secs / 86_400;
    let mut year: i64 = 1970;
    loop {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let length = if leap { 366 } else { 365 };
        if days < length {
            return year;
        }
        days -= length;
        year += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eight_cards_have_well_formed_ids() {
        for id in [
            "1412.6980",
            "1706.03762",
            "1607.06450",
            "1711.05101",
            "1512.03385",
            "1207.0580",
            "1512.00567",
            "1502.01852",
            "1412.6980v9",
            "0704.0001",
            "cs/0112017",
            "math.GT/0309136",
            "hep-th/9901001v2",
            "solv-int/9901001",
        ] {
            assert_eq!(arxiv_problem(id, 2026), None, "{id}");
        }
    }

    #[test]
    fn malformed_ids_say_what_is_wrong() {
        let cases = [
            ("arXiv:1412.6980", "without the `arXiv:` prefix"),
            ("https://arxiv.org/abs/1412.6980", "is a URL"),
            ("1412.69800", "4 digits after the dot"),
            ("1706.0376", "5 digits after the dot"),
            ("1413.6980", "month in YYMM must be 01 to 12, not 13"),
            ("0612.1234", "start in April 2007"),
            ("9912.12345", "has not happened yet"),
            ("1412-6980", "expected YYMM.NNNNN"),
            ("TODO", "expected YYMM.NNNNN"),
            ("1412.6980v0", "a version is `v` and a number from 1"),
            ("1412.6980v", "a version is `v` and a number from 1"),
            ("CS/0112017", "expected archive/YYMMNNN"),
            ("cs/011201", "expected archive/YYMMNNN"),
            ("cs/0113017", "not 13"),
            (" 1412.6980", "without spaces"),
            ("", "without spaces"),
        ];
        for (id, fragment) in cases {
            let problem = arxiv_problem(id, 2026).unwrap_or_else(|| panic!("{id:?} accepted"));
            assert!(problem.contains(fragment), "{id:?}: {problem}");
        }
    }

    #[test]
    fn urls_need_a_scheme_and_a_host() {
        for url in [
            "https://proceedings.mlr.press/v9/glorot10a.html",
            "https://jmlr.org/papers/v15/srivastava14a.html",
            "http://example.org:8080/paper.pdf",
            "https://arxiv.org/abs/1412.6980",
        ] {
            assert_eq!(url_problem(url), None, "{url}");
        }
        for (url, fragment) in [
            (
                "proceedings.mlr.press/v9/glorot10a.html",
                "must start with https://",
            ),
            ("ftp://example.org/x", "must start with https://"),
            ("https://example.org/a paper", "contains spaces"),
            ("https://localhost/x", "no valid host"),
            ("https:///x", "no valid host"),
            ("https://exa_mple.org/x", "no valid host"),
            ("TODO", "must start with https://"),
        ] {
            let problem = url_problem(url).unwrap_or_else(|| panic!("{url:?} accepted"));
            assert!(problem.contains(fragment), "{url:?}: {problem}");
        }
    }

    #[test]
    fn years_are_between_1900_and_now() {
        assert_eq!(year_problem(2014, 2026), None);
        assert_eq!(year_problem(2026, 2026), None);
        assert!(
            year_problem(2027, 2026)
                .unwrap()
                .contains("not happened yet")
        );
        assert!(year_problem(14, 2026).unwrap().contains("before 1900"));
    }

    #[test]
    fn the_year_of_a_unix_time() {
        assert_eq!(year_of(0), 1970);
        // 2000-01-01T00:00:00Z is 946684800; one second earlier is 1999.
        assert_eq!(year_of(946_684_800), 2000);
        assert_eq!(year_of(946_684_799), 1999);
        // 2024 is a leap year: 2024-12-31T23:59:59Z is 1735689599.
        assert_eq!(year_of(1_735_689_599), 2024);
        assert_eq!(year_of(1_735_689_600), 2025);
        assert!(current_year() >= 2025);
    }
}
