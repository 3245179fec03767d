//! The scanners behind [`super::scan`]: a tokeniser (`tokens`) and one matcher a kind of
//! identifier: dates and ages (`dates`), names and numbers that belong to a person
//! (`people`), addresses (`places`), and phone numbers, emails and the watch-list
//! (`contacts`). This file holds what they share: the word lists, small tests of a word or a
//! gap, and [`Scan`], which walks the tokens.

mod contacts;
mod dates;
mod people;
mod places;
mod quick;
mod tokens;

#[cfg(test)]
mod tests;

pub(super) use quick::may_hold_identifier;
use tokens::{Tok, may_begin_pattern, tokens};

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Prof",
    "Professor",
    "Sister",
    "mr",
    "mrs",
    "ms",
    "mx",
    "dr",
    "prof",
];
/// Capitalised words that start sentences rather than name people: "I spoke to Ms. Then ...".
#[rustfmt::skip]
const NOT_NAMES: &[&str] = &[
    "After", "Afterwards", "Also", "An", "And", "As", "At", "Because", "But", "During",
    "Finally", "For", "He", "Her", "His", "However", "If", "In", "It", "Later", "Meanwhile",
    "My", "Next", "No", "Now", "Of", "On", "Our", "She", "So", "Still", "That", "The", "Their",
    "Then", "There", "These", "They", "This", "Today", "We", "When",
];
#[rustfmt::skip]
const STREET_TYPES: &[&str] = &[
    "Street", "St", "Road", "Rd", "Avenue", "Ave", "Lane", "Close", "Way", "Drive", "Court",
    "Gardens", "Place", "Square", "Crescent", "Terrace", "Grove", "Hill", "Park",
];
const RECORD_LABELS: &[&str] = &[
    "hospital", "hosp", "unit", "case", "record", "patient", "client", "nhs",
];
const NUMBER_WORDS: &[&str] = &["no", "number", "num", "nbr", "id"];
const AGE_UNITS: &[&str] = &[
    "year", "years", "yr", "yrs", "month", "months", "week", "weeks", "day", "days",
];

/// The number `s` writes in ASCII digits alone, if it fits a `u32`.
fn number(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    s.bytes().try_fold(0u32, |n, b| {
        let digit = b.is_ascii_digit().then(|| u32::from(b - b'0'))?;
        n.checked_mul(10)?.checked_add(digit)
    })
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

/// Whether `c` would run on from a word, so a match beside it is not a whole word.
fn wordy(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

pub(super) struct Scan<'a> {
    text: &'a str,
    toks: Vec<Tok<'a>>,
}

/// Each `*_at` method looks for one pattern starting at token `i` and gives the byte offset
/// where the match ends.
impl<'a> Scan<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Scan {
            text,
            toks: tokens(text),
        }
    }

    /// The tokens at which some `*_at` pattern could begin, as (index, byte offset). Any other
    /// token is a word no pattern starts with, so skipping it changes nothing.
    pub(super) fn pattern_starts(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.toks
            .iter()
            .enumerate()
            .filter(|(_, t)| t.has_digit || may_begin_pattern(t.s))
            .map(|(i, t)| (i, t.start))
    }

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
    fn next_is(&self, i: usize, ok: fn(&str) -> bool, words: &[&str]) -> Option<Tok<'a>> {
        self.next_if(i, ok).filter(|_| self.word_is(i + 1, words))
    }

    /// Whether token `i` is one of `words`, ignoring ASCII case.
    fn word_is(&self, i: usize, words: &[&str]) -> bool {
        self.tok(i)
            .is_some_and(|t| words.iter().any(|w| t.s.eq_ignore_ascii_case(w)))
    }

    /// The index of the last token of `words` found from token `i`, ignoring case, with each
    /// gap passing `ok`.
    fn phrase(&self, i: usize, words: &[&str], ok: fn(&str) -> bool) -> Option<usize> {
        let mut last = i;
        for (k, word) in words.iter().enumerate() {
            last = i + k;
            if !self.word_is(last, std::slice::from_ref(word)) || (k > 0 && !ok(self.gap(last - 1)))
            {
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

    /// Digit tokens from `i` of exactly the lengths `shape`, ten digits in all, joined by one
    /// space or hyphen: the index of the last and the digits.
    fn ten_digits(&self, i: usize, shape: &[usize]) -> Option<(usize, [u8; 10])> {
        debug_assert_eq!(shape.iter().sum::<usize>(), 10);
        let mut digits = [0; 10];
        let mut filled = 0;
        for (k, &len) in shape.iter().enumerate() {
            let t = self.tok(i + k)?;
            if !t.digits || t.s.len() != len || filled + len > digits.len() {
                return None;
            }
            if k > 0 && !matches!(self.gap(i + k - 1), " " | "-") {
                return None;
            }
            digits[filled..filled + len].copy_from_slice(t.s.as_bytes());
            filled += len;
        }
        (filled == digits.len()).then_some((i + shape.len() - 1, digits))
    }
}
