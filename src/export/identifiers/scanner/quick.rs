//! A quick look over a whole text for what every pattern needs, so that the many texts with
//! nothing of the kind are never tokenised.
//!
//! Every pattern but two needs an ASCII digit (dates, ages, numbers, codes, postcodes, house
//! numbers, phone numbers) or an `@` (email). The two are a title before a name and a date
//! of birth label ("DOB", "D.O.B.", "date of birth"), which can stand alone. So a text
//! without a digit, an `@`, a title or a label holds no identifier, and that is decided 64
//! bytes at a time with bit masks, which the compiler turns into vector instructions.

use super::TITLES;

const BLOCK: usize = 64;

/// One bit a byte of `block`, bit `j` set where `test` holds for byte `j`.
pub(super) fn bits(block: &[u8; BLOCK], test: impl Fn(u8) -> bool) -> u64 {
    let mut flags = [0u8; BLOCK];
    for (flag, &byte) in flags.iter_mut().zip(block) {
        *flag = u8::from(test(byte));
    }
    // Eight flags of 0 or 1 read as a little-endian word, multiplied by this constant, land
    // in order in its top byte: each flag's bit meets exactly one of the constant's bits
    // there, and no two products overlap, so nothing carries.
    let gather = |eight: &[u8]| {
        let mut word = [0; 8];
        word.copy_from_slice(eight);
        u64::from_le_bytes(word).wrapping_mul(0x0102_0408_1020_4080) >> 56
    };
    let eights = flags.chunks_exact(8).enumerate();
    eights.fold(0, |mask, (k, eight)| mask | gather(eight) << (8 * k))
}

/// Whether `text` may hold an identifier: it has an ASCII digit, an `@`, or a word that is a
/// title or begins a date of birth label. When this is false, no pattern can match.
pub(in crate::export::identifiers) fn may_hold_identifier(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (blocks, rest) = bytes.as_chunks::<BLOCK>();
    // The last, short block is padded with zeros, which are neither digits nor letters.
    let mut last = [0u8; BLOCK];
    last[..rest.len()].copy_from_slice(rest);
    // Whether the byte before the block is an ASCII letter.
    let mut after_word = false;
    for (k, block) in blocks.iter().chain([&last]).enumerate() {
        let needed = |any: bool, &b: &u8| any | b.is_ascii_digit() | (b == b'@');
        if block.iter().fold(false, needed) {
            return true;
        }
        // Words are looked at by their ASCII letters alone (there are no digits by now): a
        // title or a label is all ASCII, and the characters around it are not letters, so
        // it is found whole. A part of a longer word taken for one costs only a full scan.
        let letters = bits(block, |b| b.is_ascii_alphabetic());
        let initials = bits(block, |b| {
            matches!(b, b'M' | b'm' | b'D' | b'd' | b'P' | b'p' | b'S')
        });
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
fn names_or_labels(bytes: &[u8], at: usize, len: usize) -> bool {
    let word = &bytes[at..at + len];
    TITLES.iter().any(|title| title.as_bytes() == word)
        || word.eq_ignore_ascii_case(b"dob")
        || word.eq_ignore_ascii_case(b"date")
        || (word.eq_ignore_ascii_case(b"d") && bytes.get(at + len) == Some(&b'.'))
}
