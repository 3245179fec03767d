//! A quick look over a whole text for what every pattern needs, so that the many texts with
//! nothing of the kind are never tokenised.
//!
//! Every pattern but two needs an ASCII digit (dates, ages, numbers, codes, postcodes, house
//! numbers, phone numbers) or an `@` (email). The two are a title before a name and a date
//! of birth label ("DOB", "D.O.B.", "date of birth"), which can stand alone. So a text
//! without a digit, an `@`, a title or a label holds no identifier, and that is decided 64
//! bytes at a time with bit masks ([`crate::masks`]).

use super::TITLES;

use crate::masks::{BLOCK, Block};

/// Whether `text` may hold an identifier: it has an ASCII digit, an `@`, or a word that is a
/// title or begins a date of birth label. When this is false, no pattern can match.
pub(in crate::export::identifiers) fn may_hold_identifier(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Whether the byte before the block is an ASCII letter.
    let mut after_word = false;
    for (k, start) in (0..bytes.len()).step_by(BLOCK).enumerate() {
        // The last, short block is padded with zeros, which are neither digits nor letters.
        let block = Block::at(bytes, start, 0);
        if block.in_range(b'0', b'9') | block.eq(b'@') != 0 {
            return true;
        }
        // Words are looked at by their ASCII letters alone (there are no digits by now): a
        // title or a label is all ASCII, and the characters around it are not letters, so
        // it is found whole. A part of a longer word taken for one costs only a full scan.
        let letters = block.letters();
        let initials = block.any_of_either_case(b"mdp") | block.eq(b'S');
        let starts = letters & !(letters << 1 | u64::from(after_word));
        let mut candidates = starts & initials;
        while candidates != 0 {
            let j = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            // The word's length from the mask, unless it runs on into the next block.
            let run = (!(letters >> j)).trailing_zeros() as usize;
            let at = k * BLOCK + j;
            let len = if j + run < BLOCK {
                run
            } else {
                let word = bytes[at..].iter().take_while(|b| b.is_ascii_alphabetic());
                word.count()
            };
            if names_or_labels(bytes, at, len) {
                return true;
            }
        }
        after_word = letters >> 63 == 1;
    }
    false
}

/// Whether the `len` ASCII letters at `at` are a title, or "DOB", "date" or "D." in any case.
pub(super) fn names_or_labels(bytes: &[u8], at: usize, len: usize) -> bool {
    let word = &bytes[at..at + len];
    TITLES.iter().any(|title| title.as_bytes() == word)
        || word.eq_ignore_ascii_case(b"dob")
        || word.eq_ignore_ascii_case(b"date")
        || (word.eq_ignore_ascii_case(b"d") && bytes.get(at + len) == Some(&b'.'))
}
