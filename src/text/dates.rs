//! Dates in the text: "on Monday", "on August 5", "Oct. 7", "July 31, 2024",
//! "yesterday", resolved to ISO dates against the article's date when the
//! text leaves out the year or names a weekday.

use crate::lexicon::Lexicon;
use crate::text::document::Document;

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
    doc: &Document,
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
        let doc = Document::new("t", text, None, lex);
        in_sentence(&doc, lex, 0, article.and_then(Date::parse))
            .into_iter()
            .map(|(_, d)| d.to_string())
            .collect()
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
