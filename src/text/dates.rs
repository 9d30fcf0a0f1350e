//! Dates in the text: "on Monday", "on August 5", "Oct. 7", "July 31, 2024",
//! "yesterday", resolved to ISO dates against the article's date when the
//! text leaves out the year or names a weekday.

use crate::lexicon::Lexicon;
use crate::text::parsed::ParsedArticle;

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub y: i64,
    /// Month, 1 to 12.
    pub m: u32,
    /// Day, 1 to 31.
    pub d: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD` (anything after the day, such as a time, is ignored).
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let (y, rest) = s.split_once('-')?;
        let (m, rest) = rest.split_once('-')?;
        let d: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let date = Date {
            y: y.parse().ok()?,
            m: m.parse().ok()?,
            d: d.parse().ok()?,
        };
        date.valid().then_some(date)
    }

    /// Parses a date given on the command line: exactly `YYYY-MM-DD`, a
    /// time after it (`T...` or a space) allowed.
    pub fn parse_strict(s: &str) -> Option<Date> {
        let d = s.trim();
        let shape = d.get(..10).is_some_and(|day| {
            day.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            })
        });
        let tail_ok = d
            .get(10..)
            .is_some_and(|t| t.is_empty() || t.starts_with(['T', ' ']));
        if shape && tail_ok {
            Date::parse(d)
        } else {
            None
        }
    }

    fn valid(self) -> bool {
        (1..=12).contains(&self.m) && self.d >= 1 && self.d <= days_in_month(self.y, self.m)
    }

    /// Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm).
    pub fn days(self) -> i64 {
        let y = if self.m <= 2 { self.y - 1 } else { self.y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (self.m as i64 + 9) % 12;
        let doy = (153 * mp + 2) / 5 + self.d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
        Date { y, m, d }
    }

    /// Day of the week, 0 = Monday.
    pub fn weekday(self) -> i64 {
        (self.days() + 3).rem_euclid(7)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The month a word names (1 to 12): "August", "Aug", "Aug.", "Sept".
fn month(lex: &Lexicon, word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    lex.words
        .months
        .iter()
        .position(|m| m == w || (w.len() >= 3 && m.starts_with(w) && (w.len() == 3 || w == "sept")))
        .map(|i| i as u32 + 1)
}

/// The dates sentence `s` gives, with the token each starts at, resolved
/// against `article` (the article's date) where needed. A date without a
/// year takes the article's year (the year before, if that would put it
/// more than a week after the article); a weekday is the last such day on
/// or before the article's date.
pub(crate) fn in_sentence(
    doc: &ParsedArticle,
    lex: &Lexicon,
    s: usize,
    article: Option<Date>,
) -> Vec<(usize, Date)> {
    let n = doc.len(s);
    let info = &doc.info[s];
    let number = |k: usize| -> Option<i64> {
        (k < n)
            .then(|| info.word(k))
            .and_then(|w| w.trim_end_matches(|c: char| c.is_alphabetic()).parse().ok())
    };
    let mut out = Vec::new();
    for k in 0..n {
        let w = info.word(k);
        // "August 5", "Aug. 5, 2024", "5 August 2024"
        if let Some(m) = month(lex, w) {
            let (day, year_at) = match number(k + 1) {
                Some(d) if (1..=31).contains(&d) => (
                    Some(d as u32),
                    if info.word((k + 2).min(n - 1)) == "," {
                        k + 3
                    } else {
                        k + 2
                    },
                ),
                _ => (None, k + 1),
            };
            let day = day.or_else(|| {
                k.checked_sub(1)
                    .and_then(number)
                    .filter(|d| (1..=31).contains(d))
                    .map(|d| d as u32)
            });
            let Some(d) = day else { continue };
            let year = number(year_at).filter(|y| (1900..=2200).contains(y));
            let date = match (year, article) {
                (Some(y), _) => Some(Date { y, m, d }),
                (None, Some(a)) => {
                    let this = Date { y: a.y, m, d };
                    Some(if this.valid() && this.days() > a.days() + 7 {
                        Date { y: a.y - 1, m, d }
                    } else {
                        this
                    })
                }
                (None, None) => None,
            };
            if let Some(date) = date.filter(|x| x.valid()) {
                out.push((k, date));
            }
            continue;
        }
        let Some(a) = article else { continue };
        if let Some(wd) = lex.words.weekdays.iter().position(|d| d == w) {
            let back = (a.weekday() - wd as i64).rem_euclid(7);
            out.push((k, Date::from_days(a.days() - back)));
        } else if w == "yesterday" {
            out.push((k, Date::from_days(a.days() - 1)));
        } else if w == "today" {
            out.push((k, a));
        }
    }
    out
}

/// Lowercase words that may come before a dateline's date on its line
/// ("Published on 12 March 2023"); any other lowercase word makes the line
/// body text.
const DATELINE_WORDS: &[&str] = &["on", "published", "updated", "posted"];

/// The date of a dateline at the start of `text`, as news wires write them:
/// "WASHINGTON, Jan. 5, 2024 —", "KYIV, Ukraine (AP) — March 3, 2022",
/// "Published on 12 March 2023", "2024-01-05", "Monday, 5 February 2024".
/// Only the first three lines and 300 characters are read; the date must
/// have a year, be a real day, come after a short capitalised lead and end
/// its line or be followed by a dash or a parenthesis. Dates in body
/// sentences are not datelines.
pub fn dateline(lex: &Lexicon, text: &str) -> Option<Date> {
    let head: String = text.trim_start().chars().take(300).collect();
    for line in head.lines().take(3) {
        if let Some(r) = line_date(lex, line) {
            return r;
        }
    }
    None
}

/// A line's dateline date: `None` when the line has no date at its start,
/// `Some(None)` when it has one that is not a real day.
fn line_date(lex: &Lexicon, line: &str) -> Option<Option<Date>> {
    // Words with their byte ranges.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            words.push((s, i));
        }
    }
    if let Some(s) = start {
        words.push((s, line.len()));
    }
    let word = |k: usize| words.get(k).map(|&(a, b)| &line[a..b]);
    let number = |k: usize| word(k).filter(|w| w.bytes().all(|b| b.is_ascii_digit()));
    let day = |k: usize| {
        number(k)
            .filter(|w| w.len() <= 2)
            .and_then(|w| w.parse::<u32>().ok())
    };
    let year = |k: usize| {
        number(k)
            .filter(|w| w.len() == 4)
            .and_then(|w| w.parse::<i64>().ok())
    };
    let ends_well = |end: usize| {
        let rest = line[end..].trim_start_matches([' ', '\t', ',', '.']);
        rest.is_empty() || rest.starts_with(['—', '–', '-', '(', '|'])
    };
    let lead_ok = |k: usize| {
        k <= 6
            && (0..k).all(|i| {
                let w = word(i).unwrap_or("");
                !w.starts_with(char::is_lowercase) || DATELINE_WORDS.contains(&w)
            })
    };
    for k in 0..words.len().min(12) {
        // (first word, last word, year, month, day)
        let found = if let (Some(y), true) = (year(k), line[words[k].1..].starts_with('-')) {
            // 2024-01-05
            let (m, d) = (number(k + 1), number(k + 2));
            match (m, d) {
                (Some(m), Some(d)) if line[words[k + 1].1..].starts_with('-') => {
                    Some((k, k + 2, y, m.parse().ok()?, d.parse().ok()?))
                }
                _ => None,
            }
        } else if let Some(m) = word(k).and_then(|w| month(lex, &w.to_lowercase())) {
            if let (Some(d), Some(y)) = (day(k + 1), year(k + 2)) {
                Some((k, k + 2, y, m, d))
            } else if let (Some(d), Some(y)) = (k.checked_sub(1).and_then(day), year(k + 1)) {
                Some((k - 1, k + 1, y, m, d))
            } else {
                None
            }
        } else {
            None
        };
        if let Some((first, last, y, m, d)) = found {
            if !lead_ok(first) || !ends_well(words[last].1) {
                return None;
            }
            let date = Date { y, m, d };
            return Some(date.valid().then_some(date));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar() {
        let d = Date::parse("2024-08-06").unwrap();
        assert_eq!(Date::from_days(d.days()), d);
        assert_eq!(d.weekday(), 1, "2024-08-06 was a Tuesday");
        assert_eq!(
            Date::from_days(Date::parse("2024-03-01").unwrap().days() - 1).to_string(),
            "2024-02-29"
        );
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(Date::parse("2024-08-06T10:00:00Z"), Some(d));
    }

    fn dates(text: &str, article: Option<&str>) -> Vec<String> {
        let lex = Lexicon::embedded();
        let doc = ParsedArticle::new("t", text, None, lex);
        in_sentence(&doc, lex, 0, article.and_then(Date::parse))
            .into_iter()
            .map(|(_, d)| d.to_string())
            .collect()
    }

    #[test]
    fn datelines() {
        let lex = Lexicon::embedded();
        let rows: &[(&str, Option<&str>)] = &[
            ("LIMA, Feb. 9, 2021 — Ministers met.", Some("2021-02-09")),
            ("LIMA, Feb 9, 2021 – Ministers met.", Some("2021-02-09")),
            (
                "OSLO, Norway (AP) — Sept. 14, 2019\nThe talks ended.",
                Some("2019-09-14"),
            ),
            (
                "Published on 21 June 2020\n\nA storm hit.",
                Some("2020-06-21"),
            ),
            ("2018-11-30\nThe vote was held.", Some("2018-11-30")),
            ("April 2, 2017\nThe vote was held.", Some("2017-04-02")),
            (
                "Tuesday, 6 August 2024\nThe vote was held.",
                Some("2024-08-06"),
            ),
            ("CAIRO, 3 DECEMBER 2015 - Talks began.", Some("2015-12-03")),
            (
                "Headline here\nBy A Writer\nMay 1, 2016 — Text.",
                Some("2016-05-01"),
            ),
            // no year: no date
            ("Jun 4 (Reuters) - Ministers met.", None),
            // not a real day
            ("LIMA, Feb. 30, 2021 — Ministers met.", None),
            ("2021-02-29\nText.", None),
            // dates in the body
            ("The army said on April 9, 2014, that it had left.", None),
            (
                "Ministers met.\nThey recalled that on March 1, 2003 a war began.",
                None,
            ),
            ("First.\nSecond.\nThird.\nJuly 4, 2011", None),
            ("", None),
        ];
        for (text, want) in rows {
            let got = dateline(lex, text).map(|d| d.to_string());
            assert_eq!(got.as_deref(), *want, "{text:?}");
        }
        let long = format!("{}\nMay 1, 2016", "x".repeat(320));
        assert_eq!(dateline(lex, &long), None);
    }

    #[test]
    fn date_table() {
        let rows: &[(&str, Option<&str>, &[&str])] = &[
            (
                "It happened on August 5.",
                Some("2024-08-06"),
                &["2024-08-05"],
            ),
            ("It happened on Aug. 5, 2023.", None, &["2023-08-05"]),
            ("It happened on 5 August 2022.", None, &["2022-08-05"]),
            (
                "It happened on Monday.",
                Some("2024-08-06"),
                &["2024-08-05"],
            ),
            (
                "It happened on Tuesday.",
                Some("2024-08-06"),
                &["2024-08-06"],
            ),
            (
                "It happened yesterday.",
                Some("2024-03-01"),
                &["2024-02-29"],
            ),
            (
                "It began on December 30.",
                Some("2024-01-02"),
                &["2023-12-30"],
            ),
            ("It happened on Monday.", None, &[]),
            ("It happened on August 5.", None, &[]),
            ("May the talks go well.", Some("2024-08-06"), &[]),
        ];
        for (i, (text, article, want)) in rows.iter().enumerate() {
            assert_eq!(dates(text, *article), *want, "row {}: {text}", i + 1);
        }
    }
}
