//! Where an object or array ends, found 64 bytes at a time.
//!
//! Following each string with `memchr`, two calls a string, cost some 27 million
//! instructions over a 2,000-reflection workbook: most strings are short keys, and each call
//! has its setup. Here each block of 64 bytes gives a bit mask of its quotes, backslashes
//! and brackets (four compares of 16 bytes a mask); which bytes stand inside strings follows
//! from the quotes by a prefix XOR, and only the brackets outside strings are looked at one
//! by one. The technique is simdjson's first stage, without its wider vectors.
//!
//! A backslash is taken to escape the next byte wherever it stands. Outside a string that is
//! not JSON, and the reflection it falls in fails to read (see `outline`).

const BLOCK: usize = 64;

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
        let block = block_at(bytes, start);
        let [quotes, backslashes, opens, closes] = masks(&block, [b'"', b'\\', open, close]);
        let escaped = escaped_by(backslashes, &mut escapes_first);
        let inside = prefix_xor(quotes & !escaped) ^ in_string;
        in_string = 0u64.wrapping_sub(inside >> 63);
        let mut brackets = (opens | closes) & !inside;
        while brackets != 0 {
            let j = brackets.trailing_zeros();
            brackets &= brackets - 1;
            if opens >> j & 1 == 1 {
                depth += 1;
            } else {
                // A close before any open: `at` was not at an open bracket.
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(start + j as usize + 1);
                }
            }
        }
        start += BLOCK;
    }
    None
}

/// The 64 bytes from `start`, the last block padded with spaces, which match nothing.
fn block_at(bytes: &[u8], start: usize) -> [u8; BLOCK] {
    let rest = &bytes[start..];
    match rest.first_chunk::<BLOCK>() {
        Some(block) => *block,
        None => {
            let mut block = [b' '; BLOCK];
            block[..rest.len()].copy_from_slice(rest);
            block
        }
    }
}

/// Bit `j` of each mask set where byte `j` of `block` is the matching byte of `bytes`.
#[cfg(target_arch = "x86_64")]
fn masks<const N: usize>(block: &[u8; BLOCK], bytes: [u8; N]) -> [u64; N] {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
    };
    let mut masks = [0u64; N];
    for (k, sixteen) in block.chunks_exact(16).enumerate() {
        for (mask, &byte) in masks.iter_mut().zip(&bytes) {
            // SAFETY: SSE2 is part of every x86_64 processor, and `sixteen` is 16 readable
            // bytes, which this load needs no alignment for.
            let hits = unsafe {
                let vector = _mm_loadu_si128(sixteen.as_ptr().cast::<__m128i>());
                _mm_movemask_epi8(_mm_cmpeq_epi8(vector, _mm_set1_epi8(byte as i8)))
            };
            // The movemask sets the low 16 bits only.
            *mask |= u64::from(hits as u16) << (16 * k);
        }
    }
    masks
}

#[cfg(not(target_arch = "x86_64"))]
fn masks<const N: usize>(block: &[u8; BLOCK], bytes: [u8; N]) -> [u64; N] {
    let mut masks = [0u64; N];
    for (j, &b) in block.iter().enumerate() {
        for (mask, &byte) in masks.iter_mut().zip(&bytes) {
            *mask |= u64::from(b == byte) << j;
        }
    }
    masks
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
    fn masks_mark_each_byte_where_it_stands() {
        let mut block = [b'a'; BLOCK];
        for j in [0, 15, 16, 33, 63] {
            block[j] = b'"';
        }
        let [quotes, others] = masks(&block, [b'"', b'a']);
        assert_eq!(quotes, 1 | 1 << 15 | 1 << 16 | 1 << 33 | 1 << 63);
        assert_eq!(others, !quotes);
    }

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
