//! How the reader reads a string: where it ends, and what its escapes stand for.

use serde::de::Visitor;

use super::{GaveUp, Reader, Result};
use crate::masks::first_json_escape;

/// A string as the file has it, borrowed when it has no escapes, as nearly all do; else
/// unescaped into the reader's scratch, from which what it is read into copies it at its
/// own length, as serde_json does. A string grown as it is unescaped would keep up to twice
/// the memory its text needs.
pub(super) enum Text<'de, 's> {
    Borrowed(&'de str),
    Unescaped(&'s str),
}

impl<'de> Reader<'de, '_> {
    /// Where the next `"`, `\` or control character stands from `from`, the only bytes a
    /// string's reading stops at.
    fn stop_from(&self, from: usize) -> Result<usize> {
        let stop = first_json_escape(&self.bytes[from..]).ok_or(GaveUp)?;
        Ok(from + stop)
    }

    /// The string whose opening quote has just been taken.
    pub(super) fn string(&mut self) -> Result<Text<'de, '_>> {
        let start = self.at;
        let stop = self.stop_from(start)?;
        match self.bytes[stop] {
            b'"' => {
                self.at = stop + 1;
                // The bytes stopped at are ASCII, so both ends are on character boundaries.
                Ok(Text::Borrowed(&self.text[start..stop]))
            }
            b'\\' => {
                self.unescape(start, stop)?;
                Ok(Text::Unescaped(self.scratch))
            }
            _ => Err(GaveUp),
        }
    }

    /// The string from `start` that has an escape at `stop`, unescaped into the scratch.
    fn unescape(&mut self, start: usize, mut stop: usize) -> Result<()> {
        let mut text = std::mem::take(self.scratch);
        text.clear();
        let mut from = start;
        loop {
            text.push_str(&self.text[from..stop]);
            match self.bytes[stop] {
                b'"' => {
                    self.at = stop + 1;
                    *self.scratch = text;
                    return Ok(());
                }
                b'\\' => {
                    self.at = stop + 1;
                    self.escape(&mut text)?;
                    from = self.at;
                }
                _ => return Err(GaveUp),
            }
            stop = self.stop_from(from)?;
        }
    }

    /// The escape after a backslash, onto `text`.
    fn escape(&mut self, text: &mut String) -> Result<()> {
        let byte = *self.bytes.get(self.at).ok_or(GaveUp)?;
        self.at += 1;
        let short = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex_unit()?;
                let code = match unit {
                    0xd800..=0xdbff => {
                        // A character past U+FFFF is two escapes, a surrogate pair.
                        self.literal(b"\\u")?;
                        let low = self.hex_unit()?;
                        if !(0xdc00..=0xdfff).contains(&low) {
                            return Err(GaveUp);
                        }
                        0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00)
                    }
                    _ => unit,
                };
                // A lone low surrogate is no character: serde_json refuses it too.
                char::from_u32(code).ok_or(GaveUp)?
            }
            _ => return Err(GaveUp),
        };
        text.push(short);
        Ok(())
    }

    /// The four hex digits of a `\u` escape.
    fn hex_unit(&mut self) -> Result<u32> {
        let digits = self.bytes.get(self.at..self.at + 4).ok_or(GaveUp)?;
        let unit = digits.iter().try_fold(0, |unit, &digit| {
            let value = char::from(digit).to_digit(16)?;
            Some(unit << 4 | value)
        });
        self.at += 4;
        unit.ok_or(GaveUp)
    }
}

pub(super) fn visit_text<'de, V: Visitor<'de>>(
    text: Text<'de, '_>,
    visitor: V,
) -> Result<V::Value> {
    match text {
        Text::Borrowed(text) => visitor.visit_borrowed_str(text),
        Text::Unescaped(text) => visitor.visit_str(text),
    }
}
