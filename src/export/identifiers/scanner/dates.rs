//! Full dates, dates of birth and exact ages.

use super::{AGE_UNITS, MONTHS, Scan, loose, number, short, spaces, split_number};

/// A month's name or its three-letter abbreviation (or "Sept"), in any case.
fn month(word: &str) -> bool {
    let abbreviates = |m: &&str| {
        (word.len() == 3 && m[..3].eq_ignore_ascii_case(word)) || m.eq_ignore_ascii_case(word)
    };
    word.len() >= 3 && (MONTHS.iter().any(abbreviates) || word.eq_ignore_ascii_case("sept"))
}

/// "12", "3rd", "21st": a day of the month.
fn day(word: &str) -> bool {
    let (digits, suffix) = split_number(word);
    let ordinal = |s: &&str| suffix.eq_ignore_ascii_case(s);
    let suffix_ok = suffix.is_empty() || ["st", "nd", "rd", "th"].iter().any(ordinal);
    digits.len() <= 2 && suffix_ok && number(digits).is_some_and(|d| (1..=31).contains(&d))
}

fn year(word: &str) -> bool {
    word.len() == 4 && number(word).is_some_and(|y| (1800..=2199).contains(&y))
}

/// An age-like number: one to three digits, at most 130.
fn age_value(digits: &str) -> bool {
    digits.len() <= 3 && number(digits).is_some_and(|n| n <= 130)
}

impl Scan<'_> {
    /// A full date: 12/03/2024, 12-03-24, 12.03.24, 2024-03-12, 12 March 2024, 12th of
    /// Mar. 2024, March 12th, 2024. A month and year alone is not a full date.
    pub(in crate::export::identifiers) fn date_at(&self, i: usize) -> Option<usize> {
        self.numeric_date(i)
            .or_else(|| self.day_month_year(i))
            .or_else(|| self.month_day_year(i))
    }

    fn numeric_date(&self, i: usize) -> Option<usize> {
        if !self.tok(i)?.digits {
            return None;
        }
        let sep = self.gap(i);
        let separated = matches!(sep, "/" | "-" | ".") && self.gap(i + 1) == sep;
        if !separated {
            return None;
        }
        let (a, b, c) = (self.tok(i)?, self.tok(i + 1)?, self.tok(i + 2)?);
        let (x, y, z) = (number(a.s)?, number(b.s)?, number(c.s)?);
        let (day, month) = (1..=31, 1..=12);
        let dmy = a.s.len() <= 2 && b.s.len() <= 2 && matches!(c.s.len(), 2 | 4);
        let ymd = a.s.len() == 4 && sep != "." && b.s.len() <= 2 && c.s.len() <= 2;
        let valid = (dmy && day.contains(&x) && month.contains(&y))
            || (ymd && month.contains(&y) && day.contains(&z));
        // Not part of a longer run, such as a version or an IP address: 1.2.3.4
        let digits_at = |k: usize| self.tok(k).is_some_and(|t| t.digits);
        let run = (i > 0 && self.gap(i - 1) == sep && digits_at(i - 1))
            || (self.gap(i + 2) == sep && digits_at(i + 3));
        (valid && !run).then_some(c.end)
    }

    /// "12 March 2024", "12th of March, 2024", "12-Mar-2024", "12/Mar/24".
    fn day_month_year(&self, i: usize) -> Option<usize> {
        let d = self.tok(i)?;
        if !day(d.s) {
            return None;
        }
        let sep = self.gap(i);
        if matches!(sep, "-" | "/" | ".") {
            let (mo, y) = (self.tok(i + 1)?, self.next_if(i + 1, |g| g == sep)?);
            let y_ok = year(y.s) || (y.s.len() == 2 && y.digits);
            return (month(mo.s) && y_ok).then_some(y.end);
        }
        let m = if self.next_is(i, spaces, &["of"]).is_some() {
            i + 2
        } else {
            i + 1
        };
        let y = self.next_if(m, loose)?;
        let ok = spaces(self.gap(m - 1)) && spaces(sep);
        (ok && month(self.tok(m)?.s) && year(y.s)).then_some(y.end)
    }

    fn month_day_year(&self, i: usize) -> Option<usize> {
        if !month(self.tok(i)?.s) {
            return None;
        }
        let d = self.next_if(i, loose)?;
        let y = self.next_if(i + 1, loose)?;
        (day(d.s) && year(y.s)).then_some(y.end)
    }

    /// "DOB", "d.o.b." and "date of birth", with any date or year after them; "born" only
    /// with a date or year: "born 12 March 1950", "born in 1950".
    pub(in crate::export::identifiers) fn birth_at(&self, i: usize) -> Option<usize> {
        // Every label begins with a d or a b: most words are passed over at once.
        if !self.tok(i)?.s.starts_with(['d', 'D', 'b', 'B']) {
            return None;
        }
        let label = self
            .phrase(i, &["dob"], spaces)
            .or_else(|| self.phrase(i, &["d", "o", "b"], |g| g == "."))
            .or_else(|| self.phrase(i, &["date", "of", "birth"], spaces));
        let born = self.word_is(i, &["born"]);
        let mut last = label.or(born.then_some(i))?;
        if born && self.next_is(i, spaces, &["on", "in"]).is_some() {
            last += 1;
        }
        let next = self.next_if(last, |g| short(g, ":-.=(,"));
        let dated = next.and_then(|n| self.date_at(last + 1).or(year(n.s).then_some(n.end)));
        dated.or(label.map(|l| self.toks[l].end))
    }

    /// "aged 87", "age: 87", "87 years old", "87-year-old", "87yo", "87 y/o", "6-week-old",
    /// "87 years of age"; not "aged 65 and over" or "aged 18-25".
    pub(in crate::export::identifiers) fn age_at(&self, i: usize) -> Option<usize> {
        let dash = |g: &str| matches!(g, " " | "-");
        // "under age 5" is a band, not an age.
        let band = || i > 0 && self.word_is(i - 1, &["under", "over", "below", "above"]);
        if self.word_is(i, &["aged", "age"]) && !band() {
            let n = self.next_if(i, |g| spaces(g.trim_start_matches(':')))?;
            let (digits, unit) = split_number(n.s);
            let unit_ok = matches!(unit, "" | "yo" | "y" | "yrs");
            return (age_value(digits) && unit_ok && !self.is_range(i + 1)).then_some(n.end);
        }
        let (digits, suffix) = split_number(self.tok(i)?.s);
        if !age_value(digits) {
            return None;
        }
        let (unit, k) = match suffix {
            "" => (self.next_if(i, dash)?.s, i + 1),
            _ => (suffix, i),
        };
        if unit.eq_ignore_ascii_case("yo") {
            Some(self.toks[k].end)
        } else if unit.eq_ignore_ascii_case("y") {
            self.next_is(k, |g| matches!(g, "/" | "."), &["o"])
                .map(|o| o.end)
        } else if AGE_UNITS.iter().any(|u| unit.eq_ignore_ascii_case(u)) {
            self.next_is(k, dash, &["old"]).map(|o| o.end).or_else(|| {
                self.next_is(k, spaces, &["of"])?;
                self.next_is(k + 1, spaces, &["age"]).map(|a| a.end)
            })
        } else {
            None
        }
    }

    /// Whether the number at token `k` opens a range or band: "65+", "18-25", "18 to 25",
    /// "65 and over".
    fn is_range(&self, k: usize) -> bool {
        let gap = self.gap(k);
        let digits_at = |k: usize| self.tok(k).is_some_and(|t| t.digits);
        let then = |words: &[&str]| self.next_is(k, spaces, words).is_some();
        let older = ["over", "above", "under", "older", "younger"];
        gap.starts_with('+')
            || (matches!(gap, "-" | "–" | "/") && digits_at(k + 1))
            || then(&["plus"])
            || (then(&["to"]) && digits_at(k + 2))
            || (then(&["and", "or"]) && self.word_is(k + 2, &older))
    }
}
