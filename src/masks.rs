//! Bit masks of 64-byte blocks: bit `j` of a mask is set where byte `j` of the block passes
//! a test. Scans over megabytes (the workbook's outline, the identifier check's quick look)
//! test a block's bytes all at once and then look only at the bits set. On x86_64 a test is
//! four SSE2 compares, which every x86_64 processor has; elsewhere each byte is tested.
//!
//! [`first_json_escape`] finds where a JSON string must stop or escape, for the workbook's
//! reader and the JSON export: strings are mostly short, so it looks 16 bytes at a time.

pub const BLOCK: usize = 64;

/// A block of 64 bytes, ready to test.
#[derive(Clone, Copy)]
pub struct Block {
    #[cfg(target_arch = "x86_64")]
    lanes: [std::arch::x86_64::__m128i; 4],
    #[cfg(not(target_arch = "x86_64"))]
    bytes: [u8; BLOCK],
}

impl Block {
    /// The 64 bytes of `bytes` from `start`; past their end, `padding`.
    pub fn at(bytes: &[u8], start: usize, padding: u8) -> Self {
        let rest = &bytes[start..];
        match rest.first_chunk::<BLOCK>() {
            Some(block) => Block::new(block),
            None => {
                let mut block = [padding; BLOCK];
                block[..rest.len()].copy_from_slice(rest);
                Block::new(&block)
            }
        }
    }

    /// Bytes `b` such that `b` is `byte`.
    pub fn eq(&self, byte: u8) -> u64 {
        self.any_of(&[byte])
    }

    /// Bytes `b` such that `b` is one of `bytes`.
    pub fn any_of(&self, bytes: &[u8]) -> u64 {
        self.mask(Test::AnyOf(bytes), false)
    }

    /// Bytes `b` such that `b` or its lower case (its 0x20 bit set) is one of `bytes`, which
    /// are lower-case ASCII letters.
    pub fn any_of_either_case(&self, bytes: &[u8]) -> u64 {
        debug_assert!(bytes.iter().all(u8::is_ascii_lowercase));
        self.mask(Test::AnyOf(bytes), true)
    }

    /// Bytes `b` such that `lowest <= b <= highest`.
    pub fn in_range(&self, lowest: u8, highest: u8) -> u64 {
        self.mask(Test::Range(lowest, highest - lowest), false)
    }

    /// ASCII letters of either case: the only bytes that are `a` to `z` with the 0x20 bit
    /// set.
    pub fn letters(&self) -> u64 {
        self.mask(Test::Range(b'a', b'z' - b'a'), true)
    }
}

#[derive(Clone, Copy)]
enum Test<'b> {
    AnyOf(&'b [u8]),
    /// At least the first, by at most the second.
    Range(u8, u8),
}

#[cfg(target_arch = "x86_64")]
impl Block {
    pub fn new(block: &[u8; BLOCK]) -> Self {
        use std::arch::x86_64::{__m128i, _mm_loadu_si128};
        let lane = |k: usize| {
            // SAFETY: SSE2 is part of every x86_64 processor, and the 16 bytes from `16 * k`
            // are in `block`; this load needs no alignment.
            unsafe { _mm_loadu_si128(block.as_ptr().add(16 * k).cast::<__m128i>()) }
        };
        Block {
            lanes: [lane(0), lane(1), lane(2), lane(3)],
        }
    }

    /// The bytes passing `test`, each with its 0x20 bit set first if `folded`.
    fn mask(&self, test: Test, folded: bool) -> u64 {
        use std::arch::x86_64::{
            _mm_cmpeq_epi8, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
            _mm_setzero_si128, _mm_sub_epi8,
        };
        let mut mask = 0u64;
        for (k, &lane) in self.lanes.iter().enumerate() {
            // SAFETY: SSE2 is part of every x86_64 processor; these touch no memory.
            let hits = unsafe {
                let lane = match folded {
                    true => _mm_or_si128(lane, _mm_set1_epi8(0x20)),
                    false => lane,
                };
                let matched = match test {
                    Test::AnyOf(bytes) => bytes.iter().fold(_mm_setzero_si128(), |any, &b| {
                        _mm_or_si128(any, _mm_cmpeq_epi8(lane, _mm_set1_epi8(b as i8)))
                    }),
                    Test::Range(lowest, span) => {
                        // `b - lowest`, wrapping, is at most `span` exactly in the range.
                        let above = _mm_sub_epi8(lane, _mm_set1_epi8(lowest as i8));
                        _mm_cmpeq_epi8(_mm_min_epu8(above, _mm_set1_epi8(span as i8)), above)
                    }
                };
                _mm_movemask_epi8(matched)
            };
            // The movemask sets the low 16 bits only.
            mask |= u64::from(hits as u16) << (16 * k);
        }
        mask
    }
}

#[cfg(not(target_arch = "x86_64"))]
impl Block {
    pub fn new(block: &[u8; BLOCK]) -> Self {
        Block { bytes: *block }
    }

    fn mask(&self, test: Test, folded: bool) -> u64 {
        let passes = |b: u8| {
            let b = if folded { b | 0x20 } else { b };
            match test {
                Test::AnyOf(bytes) => bytes.contains(&b),
                Test::Range(lowest, span) => b.wrapping_sub(lowest) <= span,
            }
        };
        let bits = self.bytes.iter().enumerate();
        bits.fold(0, |mask, (j, &b)| mask | u64::from(passes(b)) << j)
    }
}

/// Where the first of `set` stands in `bytes` from `from`, found 64 bytes at a time: for
/// escaping text whose special bytes are a few ASCII ones, copied a run at a time between
/// them.
pub fn next_of_any(bytes: &[u8], from: usize, set: &[u8]) -> Option<usize> {
    debug_assert!(!set.contains(&0), "past the end the block holds zeros");
    let mut start = from;
    while start < bytes.len() {
        let found = Block::at(bytes, start, 0).any_of(set);
        if found != 0 {
            return Some(start + found.trailing_zeros() as usize);
        }
        start += BLOCK;
    }
    None
}

/// Where the first byte of `bytes` stands that a JSON string holds only escaped: `"`, `\`
/// or a control character (below a space). The workbook's reader stops at these to find where
/// a string ends, and the JSON export to escape them. Most strings have none, so they are
/// looked at 16 bytes at a time (SSE2), else eight (the arithmetic of "Bit Twiddling Hacks",
/// `haszero` and `hasless`), and a byte alone only where one may be. The last 16 or eight
/// overlap those before them, which are known to hold none, rather than being looked at a
/// byte at a time.
#[inline]
pub fn first_json_escape(bytes: &[u8]) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if bytes.len() >= 16 {
        return first_in_steps(bytes.len(), 16, |at| {
            let lane = bytes[at..at + 16].try_into().expect("a step of 16 bytes");
            let lane = json_escapes_in_lane(lane);
            (lane != 0).then(|| at + lane.trailing_zeros() as usize)
        });
    }
    first_json_escape_by_words(bytes)
}

/// [`first_json_escape`] eight bytes at a time: on x86_64 for fewer than 16, elsewhere for all.
#[inline]
fn first_json_escape_by_words(bytes: &[u8]) -> Option<usize> {
    let stops = |byte: &u8| *byte < 0x20 || *byte == b'"' || *byte == b'\\';
    if bytes.len() < 8 {
        return bytes.iter().position(stops);
    }
    first_in_steps(bytes.len(), 8, |at| {
        let word: [u8; 8] = bytes[at..at + 8].try_into().expect("a step of 8 bytes");
        let found = may_need_json_escape(u64::from_ne_bytes(word));
        found
            .then(|| word.iter().position(stops).map(|j| at + j))
            .flatten()
    })
}

/// The first that `found` finds in steps of `step` bytes over `len`, at least `step`, the last
/// step moved back to end at `len`, over bytes already looked at.
#[inline]
fn first_in_steps(
    len: usize,
    step: usize,
    found: impl Fn(usize) -> Option<usize>,
) -> Option<usize> {
    debug_assert!(len >= step, "{len} bytes, steps of {step}");
    let last = len - step;
    let mut start = 0;
    loop {
        let at = start.min(last);
        if let Some(found) = found(at) {
            return Some(found);
        }
        if at == last {
            return None;
        }
        start += step;
    }
}

/// Whether the eight bytes of `word` may hold one that JSON escapes: the high bit of a byte is
/// set in the differences below where it is `"`, `\` or below a space, and may be set where
/// a borrow from one that is runs on, never in a word without one.
fn may_need_json_escape(word: u64) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGHS: u64 = ONES * 0x80;
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    let quote = quote.wrapping_sub(ONES) & !quote;
    let backslash = backslash.wrapping_sub(ONES) & !backslash;
    (below_space | quote | backslash) & HIGHS != 0
}

/// Bit `j` set where byte `j` of `lane` is one that JSON escapes.
#[cfg(target_arch = "x86_64")]
#[inline]
fn json_escapes_in_lane(lane: &[u8; 16]) -> u32 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of every x86_64 processor, and `lane` is 16 bytes; this load needs
    // no alignment.
    let stops = unsafe {
        let lane = _mm_loadu_si128(lane.as_ptr().cast::<__m128i>());
        let quote = _mm_cmpeq_epi8(lane, _mm_set1_epi8(b'"' as i8));
        let backslash = _mm_cmpeq_epi8(lane, _mm_set1_epi8(b'\\' as i8));
        // A byte is below a space exactly where its minimum with 0x1f is itself.
        let control = _mm_cmpeq_epi8(_mm_min_epu8(lane, _mm_set1_epi8(0x1f)), lane);
        _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control))
    };
    // The movemask sets the low 16 bits only.
    u32::from(stops as u16)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn each_test_marks_each_byte_that_passes_where_it_stands() {
        // Every byte value at every place in some block, and blocks cut short by the end.
        let bytes: Vec<u8> = (0..=255u8).cycle().take(256 * 3 + 7).collect();
        for start in (0..=bytes.len()).step_by(5) {
            let block = Block::at(&bytes, start, b'x');
            let byte_at = |j: usize| bytes.get(start + j).copied().unwrap_or(b'x');
            for (lowest, highest) in [(b'0', b'9'), (0, 0x1f), (b'a', b'z'), (0x80, 0xff)] {
                let expected = (0..BLOCK).fold(0u64, |mask, j| {
                    mask | u64::from((lowest..=highest).contains(&byte_at(j))) << j
                });
                assert_eq!(
                    block.in_range(lowest, highest),
                    expected,
                    "{start} {lowest}"
                );
            }
            let mask_of = |passes: &dyn Fn(u8) -> bool| {
                (0..BLOCK).fold(0u64, |mask, j| mask | u64::from(passes(byte_at(j))) << j)
            };
            for byte in [b'"', 0, 0xff, b'x'] {
                assert_eq!(block.eq(byte), mask_of(&|b| b == byte), "{start} {byte}");
            }
            let some = [b'm', b'd', b'p'];
            assert_eq!(block.any_of(&some), mask_of(&|b| some.contains(&b)));
            let either_case = |b: u8| some.contains(&b.to_ascii_lowercase());
            assert_eq!(block.any_of_either_case(&some), mask_of(&either_case));
            assert_eq!(block.letters(), mask_of(&|b| b.is_ascii_alphabetic()));
        }
    }

    proptest! {
        #[test]
        fn the_first_json_escape_is_the_first_byte_that_json_escapes(
            bytes in prop::collection::vec(
                prop_oneof![Just(b'"'), Just(b'\\'), 0u8..0x20, 0x20u8..=0xff],
                0..40,
            ),
            plain in 0usize..80,
        ) {
            // A run of plain bytes first, so that the escape falls in any step of 16 or 8,
            // the last of them overlapping the one before, or in a text under eight bytes.
            let bytes = [vec![b'a'; plain], bytes].concat();
            let stops = |byte: &u8| *byte < 0x20 || *byte == b'"' || *byte == b'\\';
            let expected = bytes.iter().position(stops);
            prop_assert_eq!(first_json_escape(&bytes), expected);
            // The way every other processor takes, whatever this one is.
            prop_assert_eq!(first_json_escape_by_words(&bytes), expected);
        }
    }
}
