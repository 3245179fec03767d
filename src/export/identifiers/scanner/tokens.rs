//! The words and numbers of a text, and the few words that can begin a pattern.

/// A run of alphanumeric characters.
#[derive(Debug, Clone, Copy)]
pub(in crate::export::identifiers) struct Tok<'a> {
    pub(in crate::export::identifiers) s: &'a str,
    pub(in crate::export::identifiers) start: usize,
    pub(in crate::export::identifiers) end: usize,
    /// Whether it holds an ASCII digit: every pattern but a few labels and titles needs one.
    pub(super) has_digit: bool,
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
    let bytes = text.as_bytes();
    // Room enough for most texts (a word and a space run to five or six bytes), so that the
    // vector seldom grows.
    let mut toks = Vec::with_capacity(bytes.len() / 4 + 1);
    let mut i = 0;
    while i < bytes.len() {
        let (alphanumeric, width) = alphanumeric_at(text, i);
        if !alphanumeric {
            i += width;
            continue;
        }
        let (start, mut has_digit) = (i, false);
        while i < bytes.len() {
            let (alphanumeric, width) = alphanumeric_at(text, i);
            if !alphanumeric {
                break;
            }
            has_digit |= bytes[i].is_ascii_digit();
            i += width;
        }
        toks.push(Tok {
            s: &text[start..i],
            start,
            end: i,
            has_digit,
        });
    }
    toks
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
