//! The scanners behind [`super::scan`]: a tokeniser and one matcher a kind of identifier.

use super::nhs_number_is_valid;

// ----------------------------------------------------------------------------------------

/// A run of alphanumeric characters.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok<'a> {
    s: &'a str,
    pub(super) start: usize,
    end: usize,
}

pub(super) fn tokens(text: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut open = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_alphanumeric(), open) {
            (true, None) => open = Some(i),
            (false, Some(start)) => {
                let s = &text[start..i];
                toks.push(Tok { s, start, end: i });
                open = None;
            }
            _ => {}
        }
    }
    toks
}

const MONTHS: &str =
    "january february march april may june july august september october november december";
const TITLES: &str = "Mr Mrs Ms Miss Mx Dr Prof Professor Sister mr mrs ms mx dr prof";
/// Capitalised words that start sentences rather than name people: "I spoke to Ms. Then ...".
const NOT_NAMES: &str = "After Afterwards Also An And As At Because But During Finally For He Her His \
    However If In It Later Meanwhile My Next No Now Of On Our She So Still That The Their Then \
    There These They This Today We When";
const STREET_TYPES: &str = "Street St Road Rd Avenue Ave Lane Close Way Drive Court Gardens Place \
    Square Crescent Terrace Grove Hill Park";
const RECORD_LABELS: &str = "hospital hosp unit case record patient client nhs";
const NUMBER_WORDS: &str = "no number num nbr id";
const AGE_UNITS: &str = "year years yr yrs month months week weeks day days";

/// Whether `word` is one of the `words`, which are separated by whitespace.
fn listed(words: &str, word: &str) -> bool {
    words.split_whitespace().any(|w| w == word)
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn number(s: &str) -> Option<u32> {
    is_digits(s).then(|| s.parse().ok()).flatten()
}

/// The leading ASCII digits of `s` and the rest.
fn split_number(s: &str) -> (&str, &str) {
    s.split_at(s.bytes().take_while(u8::is_ascii_digit).count())
}

/// Whitespace only, with at most one line break.
fn spaces(gap: &str) -> bool {
    let n = gap.chars().count();
    n > 0 && n <= 3 && gap.trim().is_empty() && gap.matches('\n').count() <= 1
}

/// Spaces after an optional comma or full stop: "March 12, 2024", "Mar. 2024".
fn loose(gap: &str) -> bool {
    spaces(gap.strip_prefix([',', '.']).unwrap_or(gap))
}

/// Up to four characters of whitespace and `punctuation`: "DOB: ", "no. ".
fn short(gap: &str, punctuation: &str) -> bool {
    gap.chars().count() <= 4
        && gap
            .chars()
            .all(|c| c.is_whitespace() || punctuation.contains(c))
}

fn month(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    let abbreviates = |m: &str| m.starts_with(&w) && (w.len() == 3 || m == w);
    w.len() >= 3 && (MONTHS.split(' ').any(abbreviates) || w == "sept")
}

/// "12", "3rd", "21st": a day of the month.
fn day(word: &str) -> bool {
    let (digits, suffix) = split_number(word);
    let suffix_ok = listed("st nd rd th", &suffix.to_ascii_lowercase()) || suffix.is_empty();
    digits.len() <= 2 && suffix_ok && number(digits).is_some_and(|d| (1..=31).contains(&d))
}

fn year(word: &str) -> bool {
    word.len() == 4 && number(word).is_some_and(|y| (1800..=2199).contains(&y))
}

/// An age-like number: one to three digits, at most 130.
fn age_value(digits: &str) -> bool {
    digits.len() <= 3 && number(digits).is_some_and(|n| n <= 130)
}

/// Whether `c` would run on from a word, so a match beside it is not a whole word.
fn wordy(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// The length of `needle` at the start of `hay`, ignoring case, any run of whitespace in
/// `needle` matching any run in `hay`, and either apostrophe matching the other.
fn match_ci(hay: &str, needle: &str) -> Option<usize> {
    let same = |a: char, b: char| {
        a.to_lowercase().eq(b.to_lowercase()) || ("'’".contains(a) && "'’".contains(b))
    };
    let mut h = hay.char_indices().peekable();
    let mut n = needle.chars().peekable();
    while let Some(nc) = n.next() {
        if nc.is_whitespace() {
            while n.next_if(|c| c.is_whitespace()).is_some() {}
            h.next_if(|(_, c)| c.is_whitespace())?;
            while h.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        } else if !h.next().is_some_and(|(_, hc)| same(hc, nc)) {
            return None;
        }
    }
    Some(h.peek().map_or(hay.len(), |&(i, _)| i))
}

/// Up to three letters, `min_digits` or more digits, and perhaps one letter: "RXX1234567".
fn record_value(value: &str, min_digits: usize) -> bool {
    let letters = value.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (digits, tail) = split_number(&value[letters..]);
    letters <= 3
        && (min_digits..=12).contains(&digits.len())
        && tail.len() <= 1
        && tail.bytes().all(|b| b.is_ascii_alphabetic())
}

/// Royal Mail's rules for a full postcode, given the outward and inward codes.
fn postcode(outward: &str, inward: &str) -> bool {
    if outward.eq_ignore_ascii_case("GIR") && inward.eq_ignore_ascii_case("0AA") {
        return true;
    }
    // Mixed case with a lower-case inward code reads as an ordinal: "B3 2nd floor".
    let ordinal = inward.bytes().any(|b| b.is_ascii_lowercase())
        && outward.bytes().any(|b| b.is_ascii_uppercase());
    if !outward.is_ascii() || !inward.is_ascii() || ordinal {
        return false;
    }
    let (o, i) = (outward.to_ascii_uppercase(), inward.to_ascii_uppercase());
    let (o, i) = (o.as_bytes(), i.as_bytes());
    let shape: String = o
        .iter()
        .map(|b| if b.is_ascii_digit() { '9' } else { 'A' })
        .collect();
    let outward_ok = match shape.as_str() {
        "A9" | "A99" => true,
        "A9A" => b"ABCDEFGHJKPSTUW".contains(&o[2]),
        "AA9" | "AA99" => !b"IJZ".contains(&o[1]),
        "AA9A" => !b"IJZ".contains(&o[1]) && b"ABEHMNPRVWXY".contains(&o[3]),
        _ => false,
    } && !b"QVX".contains(&o[0]);
    let inward_ok = i.len() == 3
        && i[0].is_ascii_digit()
        && i[1..].iter().all(|b| b"ABDEFGHJLNPQRSTUWXYZ".contains(b));
    outward_ok && inward_ok
}

pub(super) struct Scan<'a> {
    pub(super) text: &'a str,
    pub(super) toks: Vec<Tok<'a>>,
}

/// Each `*_at` method looks for one pattern starting at token `i` and gives the byte offset
/// where the match ends.
impl<'a> Scan<'a> {
    fn tok(&self, i: usize) -> Option<Tok<'a>> {
        self.toks.get(i).copied()
    }

    /// The text after token `i`, up to the next token or the end.
    fn gap(&self, i: usize) -> &'a str {
        let start = self.toks.get(i).map_or(self.text.len(), |t| t.end);
        let end = self.toks.get(i + 1).map_or(self.text.len(), |t| t.start);
        &self.text[start..end]
    }

    /// Token `i + 1`, if the gap before it passes `ok`.
    fn next_if(&self, i: usize, ok: impl Fn(&str) -> bool) -> Option<Tok<'a>> {
        self.tok(i + 1).filter(|_| ok(self.gap(i)))
    }

    /// Token `i + 1`, if the gap before it passes `ok` and it is one of `words`.
    fn next_is(&self, i: usize, ok: fn(&str) -> bool, words: &str) -> Option<Tok<'a>> {
        self.next_if(i, ok).filter(|_| self.word_is(i + 1, words))
    }

    /// Whether token `i` is one of the space-separated `words`, ignoring ASCII case.
    fn word_is(&self, i: usize, words: &str) -> bool {
        self.tok(i)
            .is_some_and(|t| words.split(' ').any(|w| t.s.eq_ignore_ascii_case(w)))
    }

    /// The index of the last token of the space-separated `words` found from token `i`,
    /// ignoring case, with each gap passing `ok`.
    fn phrase(&self, i: usize, words: &str, ok: fn(&str) -> bool) -> Option<usize> {
        let mut last = i;
        for (k, word) in words.split(' ').enumerate() {
            last = i + k;
            if !self.word_is(last, word) || (k > 0 && !ok(self.gap(last - 1))) {
                return None;
            }
        }
        Some(last)
    }

    /// A capitalised word at token `i`, with any `O'Brien` or `Smith-Jones` parts and, if
    /// `possessive`, a `'s`: the index of its last token and its end.
    fn name_word(&self, i: usize, possessive: bool) -> Option<(usize, usize)> {
        let t = self.tok(i)?;
        let capitalised = t.s.chars().next().is_some_and(char::is_uppercase);
        if !capitalised || !t.s.chars().all(char::is_alphabetic) {
            return None;
        }
        let mut last = i;
        while let Some(part) = self.next_if(last, |g| matches!(g, "'" | "’" | "-")) {
            let is_s = part.s == "s" && self.gap(last) != "-";
            if !part.s.chars().all(char::is_alphabetic) || (is_s && !possessive) {
                break;
            }
            last += 1;
        }
        Some((last, self.toks[last].end))
    }

    /// Digit tokens from `i` of exactly the lengths `shape`, joined by one space or hyphen:
    /// the index of the last and the digits.
    fn digit_groups(&self, i: usize, shape: &[usize]) -> Option<(usize, String)> {
        let mut digits = String::new();
        for (k, &len) in shape.iter().enumerate() {
            let t = self.tok(i + k)?;
            let joined = k == 0 || matches!(self.gap(i + k - 1), " " | "-");
            if !joined || t.s.len() != len || !is_digits(t.s) {
                return None;
            }
            digits.push_str(t.s);
        }
        Some((i + shape.len() - 1, digits))
    }

    /// Ten digits, plain or grouped 3-3-4 (or 3-7, 6-4).
    fn nhs_groups(&self, i: usize) -> Option<(usize, String)> {
        [&[10][..], &[3, 3, 4], &[3, 7], &[6, 4]]
            .iter()
            .find_map(|shape| self.digit_groups(i, shape))
    }

    pub(super) fn nhs_at(&self, i: usize) -> Option<usize> {
        let (last, digits) = self.nhs_groups(i)?;
        nhs_number_is_valid(&digits).then(|| self.toks[last].end)
    }

    /// A full date: 12/03/2024, 12-03-24, 12.03.24, 2024-03-12, 12 March 2024, 12th of
    /// Mar. 2024, March 12th, 2024. A month and year alone is not a full date.
    pub(super) fn date_at(&self, i: usize) -> Option<usize> {
        self.numeric_date(i)
            .or_else(|| self.day_month_year(i))
            .or_else(|| self.month_day_year(i))
    }

    fn numeric_date(&self, i: usize) -> Option<usize> {
        let (a, b, c) = (self.tok(i)?, self.tok(i + 1)?, self.tok(i + 2)?);
        let sep = self.gap(i);
        let (x, y, z) = (number(a.s)?, number(b.s)?, number(c.s)?);
        let (day, month) = (1..=31, 1..=12);
        let dmy = a.s.len() <= 2 && b.s.len() <= 2 && matches!(c.s.len(), 2 | 4);
        let ymd = a.s.len() == 4 && sep != "." && b.s.len() <= 2 && c.s.len() <= 2;
        let valid = (dmy && day.contains(&x) && month.contains(&y))
            || (ymd && month.contains(&y) && day.contains(&z));
        // Not part of a longer run, such as a version or an IP address: 1.2.3.4
        let digits_at = |k: usize| self.tok(k).is_some_and(|t| is_digits(t.s));
        let run = (i > 0 && self.gap(i - 1) == sep && digits_at(i - 1))
            || (self.gap(i + 2) == sep && digits_at(i + 3));
        let separated = matches!(sep, "/" | "-" | ".") && self.gap(i + 1) == sep;
        (valid && separated && !run).then_some(c.end)
    }

    /// "12 March 2024", "12th of March, 2024", "12-Mar-2024", "12/Mar/24".
    fn day_month_year(&self, i: usize) -> Option<usize> {
        let (d, sep) = (self.tok(i)?, self.gap(i));
        if matches!(sep, "-" | "/" | ".") {
            let (mo, y) = (self.tok(i + 1)?, self.next_if(i + 1, |g| g == sep)?);
            let y_ok = year(y.s) || (y.s.len() == 2 && is_digits(y.s));
            return (day(d.s) && month(mo.s) && y_ok).then_some(y.end);
        }
        let m = if self.next_is(i, spaces, "of").is_some() {
            i + 2
        } else {
            i + 1
        };
        let y = self.next_if(m, loose)?;
        let ok = day(d.s) && spaces(self.gap(m - 1)) && spaces(sep);
        (ok && month(self.tok(m)?.s) && year(y.s)).then_some(y.end)
    }

    fn month_day_year(&self, i: usize) -> Option<usize> {
        let d = self.next_if(i, loose)?;
        let y = self.next_if(i + 1, loose)?;
        (month(self.tok(i)?.s) && day(d.s) && year(y.s)).then_some(y.end)
    }

    /// "DOB", "d.o.b." and "date of birth", with any date or year after them; "born" only
    /// with a date or year: "born 12 March 1950", "born in 1950".
    pub(super) fn birth_at(&self, i: usize) -> Option<usize> {
        let label = self
            .phrase(i, "dob", spaces)
            .or_else(|| self.phrase(i, "d o b", |g| g == "."))
            .or_else(|| self.phrase(i, "date of birth", spaces));
        let born = self.word_is(i, "born");
        let mut last = label.or(born.then_some(i))?;
        if born && self.next_is(i, spaces, "on in").is_some() {
            last += 1;
        }
        let next = self.next_if(last, |g| short(g, ":-.=(,"));
        let dated = next.and_then(|n| self.date_at(last + 1).or(year(n.s).then_some(n.end)));
        dated.or(label.map(|l| self.toks[l].end))
    }

    /// "aged 87", "age: 87", "87 years old", "87-year-old", "87yo", "87 y/o", "6-week-old",
    /// "87 years of age"; not "aged 65 and over" or "aged 18-25".
    pub(super) fn age_at(&self, i: usize) -> Option<usize> {
        let dash = |g: &str| matches!(g, " " | "-");
        // "under age 5" is a band, not an age.
        let band = i > 0 && self.word_is(i - 1, "under over below above");
        if self.word_is(i, "aged age") && !band {
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
        match unit.to_ascii_lowercase().as_str() {
            "yo" => Some(self.toks[k].end),
            "y" => self
                .next_is(k, |g| matches!(g, "/" | "."), "o")
                .map(|o| o.end),
            u if listed(AGE_UNITS, u) => {
                self.next_is(k, dash, "old").map(|o| o.end).or_else(|| {
                    self.next_is(k, spaces, "of")?;
                    self.next_is(k + 1, spaces, "age").map(|a| a.end)
                })
            }
            _ => None,
        }
    }

    /// Whether the number at token `k` opens a range or band: "65+", "18-25", "18 to 25",
    /// "65 and over".
    fn is_range(&self, k: usize) -> bool {
        let gap = self.gap(k);
        let digits_at = |k: usize| self.tok(k).is_some_and(|t| is_digits(t.s));
        let then = |words: &str| self.next_is(k, spaces, words).is_some();
        gap.starts_with('+')
            || (matches!(gap, "-" | "–" | "/") && digits_at(k + 1))
            || then("plus")
            || (then("to") && digits_at(k + 2))
            || (then("and or") && self.word_is(k + 2, "over above under older younger"))
    }

    /// A title and a capitalised name: "Mr Smith", "Mrs. O'Brien", "Dr A. Jones".
    pub(super) fn name_at(&self, i: usize) -> Option<usize> {
        let gap = self.gap(i);
        let titled = listed(TITLES, self.tok(i)?.s) && spaces(gap.strip_prefix('.').unwrap_or(gap));
        if !titled || listed(NOT_NAMES, self.tok(i + 1)?.s) {
            return None;
        }
        let (mut last, mut end) = self.name_word(i + 1, false)?;
        for _ in 1..3 {
            let gap = self.gap(last);
            let joined = gap == " " || (self.toks[last].s.chars().count() == 1 && gap == ". ");
            match self.name_word(last + 1, false) {
                Some(word) if joined && !listed(NOT_NAMES, self.toks[last + 1].s) => {
                    (last, end) = word;
                }
                _ => break,
            }
        }
        // A lone initial is not a name: "Ms. A nurse".
        (last > i + 1 || self.toks[i + 1].s.chars().count() > 1).then_some(end)
    }

    /// A full postcode, with or without the space: "E1 6AN", "sw1a1aa".
    pub(super) fn postcode_at(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        if let Some(inward) = self.next_if(i, |g| matches!(g, " " | "  " | "\u{a0}"))
            && postcode(t.s, inward.s)
        {
            return Some(inward.end);
        }
        let joined = t.s.is_ascii() && t.s.len() >= 5;
        (joined && postcode(&t.s[..t.s.len() - 3], &t.s[t.s.len() - 3..])).then_some(t.end)
    }

    /// A house number, then capitalised words ending in a street type: "12 Acacia Avenue",
    /// "221B Baker Street", "14 St John's Road".
    pub(super) fn street_at(&self, i: usize) -> Option<usize> {
        let (digits, suffix) = split_number(self.tok(i)?.s);
        let gap = self.gap(i);
        let numbered = (1..=4).contains(&digits.len())
            && (suffix.is_empty() || (suffix.len() == 1 && suffix.is_ascii()))
            && spaces(gap.strip_prefix(',').unwrap_or(gap));
        if !numbered {
            return None;
        }
        let (mut j, mut end) = (i + 1, None);
        for words in 0..5 {
            let Some((last, e)) = self.name_word(j, true) else {
                break;
            };
            if words > 0 && last == j && listed(STREET_TYPES, self.toks[j].s) {
                end = Some(e);
            }
            if self.gap(last) != " " {
                break;
            }
            j = last + 1;
        }
        end
    }

    /// A label and a number: "MRN 123456", "hospital no. 1234567", "record number: RXX12345",
    /// "ID 12345678" (5 or more digits after "MRN" or a label with "no", "number" or "ID"; 6
    /// or more after "ID" or a bare label); or a code like "RXX1234567" on its own.
    pub(super) fn record_at(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        let (last, min) = if self.word_is(i, "mrn") {
            (i, 5)
        } else if self.word_is(i, "id") {
            (i, 6)
        } else if !self.word_is(i, RECORD_LABELS) {
            let capitals = t.s.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
                && !t.s.bytes().any(|b| b.is_ascii_lowercase());
            return (capitals && record_value(t.s, 6)).then_some(t.end);
        } else if self.next_is(i, spaces, NUMBER_WORDS).is_some() {
            (i + 1, 5)
        } else {
            (i, 6)
        };
        let value = self.next_if(last, |g| short(g, ".:#-"))?;
        if self.word_is(i, "nhs")
            && let Some((end, digits)) = self.nhs_groups(last + 1)
        {
            // A valid number is reported as an NHS number on its own.
            return (!nhs_number_is_valid(&digits)).then(|| self.toks[end].end);
        }
        record_value(value.s, min).then_some(value.end)
    }

    /// A UK phone number at byte `i`: "020 7946 0000", "07700 900123", "+44 (0)7700 900123",
    /// "(020) 7946 0000".
    pub(super) fn phone_at(&self, i: usize) -> Option<usize> {
        let (text, b) = (self.text, self.text.as_bytes());
        let run = |p: usize| {
            b.get(p..)
                .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count())
        };
        let skip_space = |p: usize| p + usize::from(b.get(p) == Some(&b' '));
        let after_word = |c: char| c.is_alphanumeric() || "+(".contains(c);
        if !matches!(b.get(i), Some(b'+' | b'(' | b'0'))
            || text[..i].chars().next_back().is_some_and(after_word)
        {
            return None;
        }
        let (mut national, mut p) = (String::new(), i);
        if b[i..].starts_with(b"+44") {
            national.push('0');
            p = skip_space(i + 3);
            if b[p..].starts_with(b"(0)") {
                p = skip_space(p + 3);
            }
        } else if b[i] == b'(' {
            let close = i + 1 + run(i + 1);
            if b.get(i + 1) != Some(&b'0') || b.get(close) != Some(&b')') {
                return None;
            }
            national.push_str(&text[i + 1..close]);
            p = skip_space(close + 1);
        }
        // Groups of digits joined by single spaces or hyphens, up to eleven digits in all.
        let mut end = p;
        while run(p) > 0 && national.len() + run(p) <= 11 {
            national.push_str(&text[p..p + run(p)]);
            end = p + run(p);
            let joined = matches!(b.get(end), Some(b' ' | b'-')) && run(end + 1) > 0;
            p = if joined { end + 1 } else { end };
        }
        let second = national.as_bytes().get(1);
        let ok = (10..=11).contains(&national.len())
            && national.starts_with('0')
            && matches!(second, Some(b'1' | b'2' | b'3' | b'5' | b'7' | b'8' | b'9'))
            && !wordy(text[end..].chars().next());
        ok.then_some(end)
    }

    /// Email addresses, as (start, end).
    pub(super) fn emails(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let b = self.text.as_bytes();
        self.text.match_indices('@').filter_map(move |(at, _)| {
            let local = |c: &&u8| c.is_ascii_alphanumeric() || b"._%+-'".contains(c);
            let start = at - b[..at].iter().rev().take_while(local).count();
            let start = start + b[start..at].iter().take_while(|&&c| c == b'.').count();
            let host = b[at + 1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || b".-".contains(c));
            let domain = self.text[at + 1..at + 1 + host.count()].trim_end_matches(['.', '-']);
            let tld = domain.rsplit('.').next().unwrap_or("");
            let ok = start < at
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.contains("..")
                && tld.len() >= 2
                && tld.bytes().all(|c| c.is_ascii_alphabetic());
            ok.then_some((start, at + 1 + domain.len()))
        })
    }

    /// Matches of the watch-list entries, as (start, end).
    pub(super) fn watched(&self, entries: &[String]) -> impl Iterator<Item = (usize, usize)> {
        let text = self.text;
        let needles = entries.iter().map(|e| e.trim()).filter(|e| !e.is_empty());
        needles.flat_map(move |needle| {
            // Whole words: nothing wordy may run on at an end of the entry that is wordy.
            let starts_wordy = wordy(needle.chars().next());
            let ends_wordy = wordy(needle.chars().next_back());
            text.char_indices().filter_map(move |(i, _)| {
                if starts_wordy && wordy(text[..i].chars().next_back()) {
                    return None;
                }
                let end = i + match_ci(&text[i..], needle)?;
                (!(ends_wordy && wordy(text[end..].chars().next()))).then_some((i, end))
            })
        })
    }
}
