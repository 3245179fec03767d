//! The words and numbers of a text, and the few words that can begin a pattern.

use crate::masks::{BLOCK, Block};

/// A run of alphanumeric characters.
#[derive(Debug, Clone, Copy)]
pub(in crate::export::identifiers) struct Tok<'a> {
    pub(in crate::export::identifiers) s: &'a str,
    pub(in crate::export::identifiers) start: usize,
    pub(in crate::export::identifiers) end: usize,
    /// Whether it holds an ASCII digit: every pattern but a few labels and titles needs one.
    pub(super) has_digit: bool,
    /// Whether it is ASCII digits only: a number.
    pub(super) digits: bool,
}

impl<'a> Tok<'a> {
    fn new(text: &'a str, start: usize, end: usize, has_digit: bool, digits: bool) -> Self {
        Tok {
            s: &text[start..end],
            start,
            end,
            has_digit,
            digits,
        }
    }
}

/// Whether the character at byte `i` is alphanumeric, and its length in bytes. Plain ASCII is
/// decided from the byte alone: that is nearly all of any text, and decoding is the cost.
fn alphanumeric_at(text: &str, i: usize) -> (bool, usize) {
    let byte = text.as_bytes()[i];
    if byte.is_ascii() {
        return (byte.is_ascii_alphanumeric(), 1);
    }
    text[i..]
        .chars()
        .next()
        .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8()))
}

/// The runs of alphanumeric characters in `text`, in order.
pub(in crate::export::identifiers) fn tokens(text: &str) -> Vec<Tok<'_>> {
    // Room enough for most texts (a word and a space run to five or six bytes), so that the
    // vector seldom grows.
    let mut toks = Vec::with_capacity(text.len() / 4 + 1);
    if text.is_ascii() {
        ascii_tokens(text, &mut toks);
    } else {
        any_tokens(text, &mut toks);
    }
    toks
}

/// The tokens of ASCII `text`, found 64 bytes at a time: the letters and digits of a
/// block are bit masks ([`crate::masks`]), and each token a run of ones in them. Nearly
/// every text the check scans is plain ASCII, and a byte at a time cost twenty instructions.
pub(super) fn ascii_tokens<'a>(text: &'a str, toks: &mut Vec<Tok<'a>>) {
    let bytes = text.as_bytes();
    // The token begun and not yet ended: its start, whether it has a digit, whether it is
    // digits only.
    let mut open: Option<(usize, bool, bool)> = None;
    for base in (0..bytes.len()).step_by(BLOCK) {
        // Past the end the block holds zeros, which end any token.
        let block = Block::at(bytes, base, 0);
        let digits = block.in_range(b'0', b'9');
        let alphanumeric = block.letters() | digits;
        let mut at = 0;
        while at < BLOCK {
            let ahead = alphanumeric >> at;
            let Some((start, has_digit, all_digits)) = open else {
                if ahead == 0 {
                    break;
                }
                at += ahead.trailing_zeros() as usize;
                open = Some((base + at, false, true));
                continue;
            };
            // The token goes on for the ones from `at`.
            let len = (!ahead).trailing_zeros() as usize;
            let run = ones(len) << at;
            let (has_digit, all_digits) = (
                has_digit || digits & run != 0,
                all_digits && digits & run == run,
            );
            at += len;
            if at == BLOCK {
                open = Some((start, has_digit, all_digits));
            } else {
                toks.push(Tok::new(text, start, base + at, has_digit, all_digits));
                open = None;
            }
        }
    }
    if let Some((start, has_digit, all_digits)) = open {
        toks.push(Tok::new(text, start, bytes.len(), has_digit, all_digits));
    }
}

/// A mask of the `len` lowest bits.
fn ones(len: usize) -> u64 {
    if len >= 64 { u64::MAX } else { (1 << len) - 1 }
}

/// The tokens of any `text`, a character at a time.
pub(super) fn any_tokens<'a>(text: &'a str, toks: &mut Vec<Tok<'a>>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let (alphanumeric, width) = alphanumeric_at(text, i);
        if !alphanumeric {
            i += width;
            continue;
        }
        let (start, mut has_digit, mut all_digits) = (i, false, true);
        while i < bytes.len() {
            let (alphanumeric, width) = alphanumeric_at(text, i);
            if !alphanumeric {
                break;
            }
            has_digit |= bytes[i].is_ascii_digit();
            all_digits &= bytes[i].is_ascii_digit();
            i += width;
        }
        toks.push(Tok::new(text, start, i, has_digit, all_digits));
    }
}

/// Whether a word without digits can begin a pattern: a title, a month, or the first word of
/// a label ("DOB", "date of birth", "born", "aged", "MRN", "hospital no.", "GIR 0AA"), in any
/// case. Every other pattern starts with a number or a code holding digits. This is checked
/// for every word of every text, so it dispatches on the first letter rather than searching
/// the word lists; a test keeps it in step with them.
pub(super) fn may_begin_pattern(word: &str) -> bool {
    let Some(first) = word.bytes().next() else {
        return false;
    };
    let candidates: &[&str] = match first.to_ascii_lowercase() {
        b'a' => &["age", "aged", "apr", "april", "aug", "august"],
        b'b' => &["born"],
        b'c' => &["case", "client"],
        b'd' => &["d", "date", "dec", "december", "dob", "dr"],
        b'f' => &["feb", "february"],
        b'g' => &["gir"],
        b'h' => &["hosp", "hospital"],
        b'i' => &["id"],
        b'j' => &["jan", "january", "jul", "july", "jun", "june"],
        b'm' => &[
            "mar", "march", "may", "miss", "mr", "mrn", "mrs", "ms", "mx",
        ],
        b'n' => &["nhs", "nov", "november"],
        b'o' => &["oct", "october"],
        b'p' => &["patient", "prof", "professor"],
        b'r' => &["record"],
        b's' => &["sep", "sept", "september", "sister"],
        b'u' => &["unit"],
        _ => return false,
    };
    candidates.iter().any(|c| c.eq_ignore_ascii_case(word))
}
