//! The columns a text takes in a terminal or in plain text, as `unicode-width` counts them,
//! for the screens, `wheelbook list` and the plain-text export alike.

use unicode_width::UnicodeWidthStr;

/// The columns `text` takes, as `unicode-width` counts them. Text of printable ASCII alone,
/// one column a byte, is counted without looking each character up: `wheelbook list`
/// measures some 36,000 cells of 2,000 reflections, and the lookups were a tenth of all it
/// did.
pub fn columns(text: &str) -> usize {
    // Without stopping at the first other byte, so that the compiler takes many at a time.
    let printable = |all: bool, byte: u8| all & matches!(byte, b' '..=b'~');
    if text.bytes().fold(true, printable) {
        text.len()
    } else {
        text.width()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_counted_as_unicode_width_counts_them() {
        let texts = [
            "",
            "Joint visit with occupational therapy (2023-11-01)",
            " !~",
            "tab\there",
            "line\nbreak",
            "\u{7f} delete",
            "café",
            "日本語のテキスト",
            "e\u{301} combining",
            "👩‍⚕️ nurse",
        ];
        for text in texts {
            assert_eq!(columns(text), text.width(), "{text:?}");
        }
    }
}
