//! Ways to reach a person, found by byte offset rather than by token: phone numbers, email
//! addresses, and the names on the user's watch-list.

use super::{Scan, wordy};

/// Whether `a` and `b` are the same letter ignoring case, or both apostrophes. Nearly every
/// pair is ASCII, where no case tables are needed.
pub(super) fn same(a: char, b: char) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(&b);
    }
    a.to_lowercase().eq(b.to_lowercase()) || ("'’".contains(a) && "'’".contains(b))
}

/// The length of `needle` at the start of `hay`, ignoring case, any run of whitespace in
/// `needle` matching any run in `hay`, and either apostrophe matching the other.
fn match_ci(hay: &str, needle: &str) -> Option<usize> {
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

/// The digits of a national number as they are gathered: how many, and the first two, which
/// is all a UK number's checks look at.
#[derive(Default)]
struct National {
    len: usize,
    head: [u8; 2],
}

impl National {
    fn push(&mut self, digits: &[u8]) {
        for (slot, &digit) in self.head.iter_mut().skip(self.len).zip(digits) {
            *slot = digit;
        }
        self.len += digits.len();
    }
}

impl Scan<'_> {
    /// The byte offsets where [`Self::phone_at`] could find a number, in order: each `+` and
    /// `(`, and each token starting with `0`. A number starts with one of those three, after
    /// a character that is not alphanumeric, so any other `0` is inside a token.
    pub(in crate::export::identifiers) fn phone_starts(&self) -> impl Iterator<Item = usize> {
        let b = self.text.as_bytes();
        let gap_starts = std::iter::once(0).chain(self.toks.iter().map(|t| t.end));
        let gap_ends = self.toks.iter().map(|t| t.start).chain([b.len()]);
        let zeros = self
            .toks
            .iter()
            .map(|t| t.s.starts_with('0').then_some(t.start))
            .chain([None]);
        gap_starts
            .zip(gap_ends)
            .zip(zeros)
            .flat_map(move |((start, end), zero)| {
                let opening = (start..end).filter(|&p| matches!(b[p], b'+' | b'('));
                opening.chain(zero)
            })
    }

    /// A UK phone number at byte `i`: "020 7946 0000", "07700 900123", "+44 (0)7700 900123",
    /// "(020) 7946 0000".
    pub(in crate::export::identifiers) fn phone_at(&self, i: usize) -> Option<usize> {
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
        let (mut national, mut p) = (National::default(), i);
        if b[i..].starts_with(b"+44") {
            national.push(b"0");
            p = skip_space(i + 3);
            if b[p..].starts_with(b"(0)") {
                p = skip_space(p + 3);
            }
        } else if b[i] == b'(' {
            let close = i + 1 + run(i + 1);
            if b.get(i + 1) != Some(&b'0') || b.get(close) != Some(&b')') {
                return None;
            }
            national.push(&b[i + 1..close]);
            p = skip_space(close + 1);
        }
        // Groups of digits joined by single spaces or hyphens, up to eleven digits in all.
        let mut end = p;
        while run(p) > 0 && national.len + run(p) <= 11 {
            national.push(&b[p..p + run(p)]);
            end = p + run(p);
            let joined = matches!(b.get(end), Some(b' ' | b'-')) && run(end + 1) > 0;
            p = if joined { end + 1 } else { end };
        }
        let [first, second] = national.head;
        let ok = (10..=11).contains(&national.len)
            && first == b'0'
            && matches!(second, b'1' | b'2' | b'3' | b'5' | b'7' | b'8' | b'9')
            && !wordy(text[end..].chars().next());
        ok.then_some(end)
    }

    /// Email addresses, as (start, end).
    pub(in crate::export::identifiers) fn emails(
        &self,
    ) -> impl Iterator<Item = (usize, usize)> + '_ {
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
    pub(in crate::export::identifiers) fn watched(
        &self,
        entries: &[String],
    ) -> impl Iterator<Item = (usize, usize)> {
        let text = self.text;
        let needles = entries.iter().map(|e| e.trim()).filter(|e| !e.is_empty());
        needles.flat_map(move |needle| {
            // Whole words: nothing wordy may run on at an end of the entry that is wordy.
            let first = needle.chars().next().unwrap_or(' ');
            let starts_wordy = wordy(Some(first));
            let ends_wordy = wordy(needle.chars().next_back());
            self.match_starts(starts_wordy).filter_map(move |i| {
                let opening = text[i..].chars().next().unwrap_or(' ');
                if !same(opening, first) || (starts_wordy && wordy(text[..i].chars().next_back())) {
                    return None;
                }
                let end = i + match_ci(&text[i..], needle)?;
                (!(ends_wordy && wordy(text[end..].chars().next()))).then_some((i, end))
            })
        })
    }

    /// Where a watch-list entry could match: every character, or if the entry starts with an
    /// alphanumeric character, only the starts of tokens. A character the same as an
    /// alphanumeric one ignoring case is itself alphanumeric (a test checks all of Unicode),
    /// and a whole-word match cannot follow an alphanumeric character, so it starts a token.
    fn match_starts(&self, starts_wordy: bool) -> impl Iterator<Item = usize> + '_ {
        let tokens = starts_wordy.then(|| self.toks.iter().map(|t| t.start));
        let chars = (!starts_wordy).then(|| self.text.char_indices().map(|(i, _)| i));
        tokens
            .into_iter()
            .flatten()
            .chain(chars.into_iter().flatten())
    }
}
