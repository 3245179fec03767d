//! What names a person outright: a title and name, an NHS number, a hospital or record
//! number.

use super::super::nhs_number_is_valid;
use super::{NOT_NAMES, NUMBER_WORDS, RECORD_LABELS, Scan, TITLES, short, spaces, split_number};

/// Up to three letters, `min_digits` or more digits, and perhaps one letter: "RXX1234567".
fn record_value(value: &str, min_digits: usize) -> bool {
    let letters = value.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (digits, tail) = split_number(&value[letters..]);
    letters <= 3
        && (min_digits..=12).contains(&digits.len())
        && tail.len() <= 1
        && tail.bytes().all(|b| b.is_ascii_alphabetic())
}

/// Whether ten ASCII digits are a valid NHS number.
fn valid(digits: &[u8; 10]) -> bool {
    std::str::from_utf8(digits).is_ok_and(nhs_number_is_valid)
}

impl Scan<'_> {
    /// Ten digits, plain or grouped 3-3-4 (or 3-7, 6-4).
    fn nhs_groups(&self, i: usize) -> Option<(usize, [u8; 10])> {
        let shapes: [&[usize]; 4] = [&[10], &[3, 3, 4], &[3, 7], &[6, 4]];
        // Only the shapes whose first group fits token `i` are tried: most numbers fit none.
        let first = self.tok(i).filter(|t| t.digits)?.s.len();
        shapes
            .iter()
            .filter(|shape| shape[0] == first)
            .find_map(|shape| self.ten_digits(i, shape))
    }

    pub(in crate::export::identifiers) fn nhs_at(&self, i: usize) -> Option<usize> {
        let (last, digits) = self.nhs_groups(i)?;
        valid(&digits).then(|| self.toks[last].end)
    }

    /// A title and a capitalised name: "Mr Smith", "Mrs. O'Brien", "Dr A. Jones".
    pub(in crate::export::identifiers) fn name_at(&self, i: usize) -> Option<usize> {
        if !TITLES.contains(&self.tok(i)?.s) {
            return None;
        }
        let gap = self.gap(i);
        let titled = spaces(gap.strip_prefix('.').unwrap_or(gap));
        if !titled || NOT_NAMES.contains(&self.tok(i + 1)?.s) {
            return None;
        }
        let (mut last, mut end) = self.name_word(i + 1, false)?;
        for _ in 1..3 {
            let gap = self.gap(last);
            let joined = gap == " " || (self.toks[last].s.chars().count() == 1 && gap == ". ");
            match self.name_word(last + 1, false) {
                Some(word) if joined && !NOT_NAMES.contains(&self.toks[last + 1].s) => {
                    (last, end) = word;
                }
                _ => break,
            }
        }
        // A lone initial is not a name: "Ms. A nurse".
        (last > i + 1 || self.toks[i + 1].s.chars().count() > 1).then_some(end)
    }

    /// A label and a number: "MRN 123456", "hospital no. 1234567", "record number: RXX12345",
    /// "ID 12345678" (5 or more digits after "MRN" or a label with "no", "number" or "ID"; 6
    /// or more after "ID" or a bare label); or a code like "RXX1234567" on its own.
    pub(in crate::export::identifiers) fn record_at(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        // Every label, and every code standing alone, begins with an ASCII letter.
        if !t.s.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let (last, min) = if self.word_is(i, &["mrn"]) {
            (i, 5)
        } else if self.word_is(i, &["id"]) {
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
        if self.word_is(i, &["nhs"])
            && let Some((end, digits)) = self.nhs_groups(last + 1)
        {
            // A valid number is reported as an NHS number on its own.
            return (!valid(&digits)).then(|| self.toks[end].end);
        }
        record_value(value.s, min).then_some(value.end)
    }
}
