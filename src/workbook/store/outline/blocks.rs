//! Where an object or array ends, found 64 bytes at a time.
//!
//! Following each string with `memchr`, two calls a string, cost some 27 million
//! instructions over a 2,000-reflection workbook: most strings are short keys, and each call
//! has its setup. Here each block of 64 bytes gives a bit mask of its quotes, backslashes
//! and brackets ([`crate::masks`]); which bytes stand inside strings follows
//! from the quotes by a prefix XOR, and only the brackets outside strings are looked at one
//! by one. The technique is simdjson's first stage, without its wider vectors.
//!
//! A backslash is taken to escape the next byte wherever it stands. Outside a string that is
//! not JSON, and the reflection it falls in fails to read (see `outline`).

use crate::masks::{BLOCK, Block};

/// The index just past the object or array that opens at `at` (`bytes[at]` is `open`),
/// counting only its own kind of bracket, or `None` if it does not end.
pub(super) fn skip_nested(bytes: &[u8], at: usize, open: u8, close: u8) -> Option<usize> {
    let mut depth = 0usize;
    // All ones where the block starts inside a string.
    let mut in_string = 0u64;
    // Whether the block's first byte is escaped by a backslash ending the block before.
    let mut escapes_first = false;
    let mut start = at;
    while start < bytes.len() {
        // Spaces past the end match nothing.
        let block = Block::at(bytes, start, b' ');
        let [quotes, backslashes] = [b'"', b'\\'].map(|b| block.eq(b));
        let escaped = escaped_by(backslashes, &mut escapes_first);
        let inside = prefix_xor(quotes & !escaped) ^ in_string;
        in_string = 0u64.wrapping_sub(inside >> 63);
        // Far fewer than the bytes: each is told open or close by itself.
        let mut brackets = block.any_of(&[open, close]) & !inside;
        while brackets != 0 {
            let j = brackets.trailing_zeros() as usize;
            brackets &= brackets - 1;
            if bytes[start + j] == open {
                depth += 1;
            } else {
                // A close before any open: `at` was not at an open bracket.
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(start + j + 1);
                }
            }
        }
        start += BLOCK;
    }
    None
}

/// The bytes escaped by the backslashes of a block: each backslash not itself escaped
/// escapes the byte after it. `escapes_first` says whether the block before ended in such a
/// backslash, and is set for the next block. Backslashes are rare, so they are taken one by
/// one.
fn escaped_by(backslashes: u64, escapes_first: &mut bool) -> u64 {
    let mut escaped = u64::from(*escapes_first);
    let mut escaping = backslashes & !escaped;
    *escapes_first = false;
    while escaping != 0 {
        let j = escaping.trailing_zeros();
        escaping &= escaping - 1;
        if j == 63 {
            *escapes_first = true;
        } else {
            escaped |= 1 << (j + 1);
            escaping &= !(1 << (j + 1));
        }
    }
    escaped
}

/// Bit `j` is the XOR of bits 0 to `j`: set from an opening quote up to its closing quote.
fn prefix_xor(mut bits: u64) -> u64 {
    for shift in [1, 2, 4, 8, 16, 32] {
        bits ^= bits << shift;
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_backslashes_escape_in_pairs_and_across_blocks() {
        let mut carry = false;
        // `\\\"`: the first escapes the second, the third the quote.
        assert_eq!(escaped_by(0b0111, &mut carry), 0b1010);
        assert!(!carry);
        assert_eq!(escaped_by(1 << 63, &mut carry), 0);
        assert!(carry);
        // The carried escape takes the first byte, a backslash that then escapes nothing.
        assert_eq!(escaped_by(0b01, &mut carry), 0b01);
        assert!(!carry);
    }

    #[test]
    fn prefix_xor_spans_each_string() {
        assert_eq!(prefix_xor(0b10_1001_0010), 0b01_1000_1110);
        assert_eq!(prefix_xor(1 << 63), 1 << 63);
    }
}
