//! A quicker reader of the JSON a workbook is kept in. serde_json spent about a third of the
//! time `list` takes finding where strings end and stepping over the spaces of the file's
//! pretty layout, eight bytes at a time; this reader looks at 16 at a time (`crate::masks`).
//!
//! It reads only what serde_json reads, to the same value, and gives up on anything else: on
//! anything it cannot read it gives `None`, and the caller reads the bytes with serde_json,
//! which says what is wrong and where. So it never needs to explain an error, and whatever
//! is rare (a number with a fraction or a sign) it hands to serde_json to read.

use serde::Deserialize;
use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{self, DeserializeSeed, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};

use crate::masks::first_json_escape;

/// `text` read as a `T`, or `None` where serde_json is needed: damaged or unusual JSON, or
/// JSON that is not a `T`.
pub fn from_str<'de, T: Deserialize<'de>>(text: &'de str) -> Option<T> {
    from_str_reusing(text, &mut String::new())
}

/// [`from_str`], unescaping strings in `scratch`: for texts read one after another, which
/// would each grow a scratch of their own.
pub fn from_str_reusing<'de, T: Deserialize<'de>>(
    text: &'de str,
    scratch: &mut String,
) -> Option<T> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        depth: 0,
        scratch,
    };
    let value = T::deserialize(&mut reader).ok()?;
    reader.skip_whitespace();
    (reader.at == reader.bytes.len()).then_some(value)
}

/// Arrays and objects nested deeper than this are left to serde_json, which refuses them
/// from 128 levels: reading them here would recurse as deep as the file asks.
const DEEPEST: usize = 100;

/// The reader gave up; serde_json reads the bytes again to say why.
#[derive(Debug)]
pub struct GaveUp;

impl std::fmt::Display for GaveUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("left to serde_json")
    }
}

impl std::error::Error for GaveUp {}

impl de::Error for GaveUp {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        GaveUp
    }
}

type Result<T> = std::result::Result<T, GaveUp>;

struct Reader<'de, 's> {
    text: &'de str,
    bytes: &'de [u8],
    /// The next byte to read.
    at: usize,
    depth: usize,
    scratch: &'s mut String,
}

/// A string as the file has it, borrowed when it has no escapes, as nearly all do; else
/// unescaped into the reader's scratch, from which what it is read into copies it at its
/// own length, as serde_json does. A string grown as it is unescaped would keep up to twice
/// the memory its text needs.
enum Text<'de, 's> {
    Borrowed(&'de str),
    Unescaped(&'s str),
}

impl<'de> Reader<'de, '_> {
    /// The next byte that is not whitespace, not taken.
    fn peek(&mut self) -> Option<u8> {
        self.skip_whitespace();
        self.bytes.get(self.at).copied()
    }

    /// Steps over whitespace. A pretty file's is a line break and a run of spaces, which
    /// are passed eight at a time.
    fn skip_whitespace(&mut self) {
        const SPACES: u64 = u64::from_ne_bytes([b' '; 8]);
        while let Some(&byte) = self.bytes.get(self.at) {
            match byte {
                b' ' | b'\n' | b'\t' | b'\r' => self.at += 1,
                _ => return,
            }
            while let Some(word) = self.bytes[self.at..].first_chunk::<8>() {
                let others = u64::from_le_bytes(*word) ^ SPACES;
                if others != 0 {
                    self.at += others.trailing_zeros() as usize / 8;
                    break;
                }
                self.at += 8;
            }
        }
    }

    /// Takes `byte`, after any whitespace.
    fn expect(&mut self, byte: u8) -> Result<()> {
        match self.peek() {
            Some(found) if found == byte => {
                self.at += 1;
                Ok(())
            }
            _ => Err(GaveUp),
        }
    }

    /// Takes `word` (`null`, `true` or `false`), its first byte already seen.
    fn literal(&mut self, word: &[u8]) -> Result<()> {
        match self.bytes[self.at..].starts_with(word) {
            true => {
                self.at += word.len();
                Ok(())
            }
            false => Err(GaveUp),
        }
    }

    /// Where the next `"`, `\` or control character stands from `from`, the only bytes a
    /// string's reading stops at.
    fn stop_from(&self, from: usize) -> Result<usize> {
        let stop = first_json_escape(&self.bytes[from..]).ok_or(GaveUp)?;
        Ok(from + stop)
    }

    /// The string whose opening quote has just been taken.
    fn string(&mut self) -> Result<Text<'de, '_>> {
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

    /// A number. Only a whole number of at most 19 digits, which fits a `u64`, is read
    /// here; any other is read by serde_json, which knows every rule of JSON's numbers and
    /// rounds a fraction as it always does.
    fn number<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let start = self.at;
        let digits = self.bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit());
        let end = start + digits.count();
        let whole = end > start
            && end - start <= 19
            && (self.bytes[start] != b'0' || end - start == 1)
            && !matches!(self.bytes.get(end), Some(b'.' | b'e' | b'E'));
        if whole {
            let value = self.bytes[start..end]
                .iter()
                .fold(0u64, |value, &digit| value * 10 + u64::from(digit - b'0'));
            self.at = end;
            return visitor.visit_u64(value);
        }
        let number = |b: &&u8| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E');
        let end = start + self.bytes[start..].iter().take_while(number).count();
        let mut json = serde_json::Deserializer::from_str(&self.text[start..end]);
        let value = de::Deserializer::deserialize_any(&mut json, visitor).map_err(|_| GaveUp)?;
        json.end().map_err(|_| GaveUp)?;
        self.at = end;
        Ok(value)
    }

    /// One level deeper, or `GaveUp` past [`DEEPEST`].
    fn deeper(&mut self) -> Result<()> {
        self.depth += 1;
        match self.depth > DEEPEST {
            true => Err(GaveUp),
            false => Ok(()),
        }
    }
}

fn visit_text<'de, V: Visitor<'de>>(text: Text<'de, '_>, visitor: V) -> Result<V::Value> {
    match text {
        Text::Borrowed(text) => visitor.visit_borrowed_str(text),
        Text::Unescaped(text) => visitor.visit_str(text),
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de, '_> {
    type Error = GaveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek().ok_or(GaveUp)? {
            b'"' => {
                self.at += 1;
                let text = self.string()?;
                visit_text(text, visitor)
            }
            b'{' => {
                self.at += 1;
                self.deeper()?;
                let value = visitor.visit_map(Entries::new(self))?;
                self.depth -= 1;
                self.expect(b'}')?;
                Ok(value)
            }
            b'[' => {
                self.at += 1;
                self.deeper()?;
                let value = visitor.visit_seq(Elements::new(self))?;
                self.depth -= 1;
                self.expect(b']')?;
                Ok(value)
            }
            b'n' => {
                self.literal(b"null")?;
                visitor.visit_unit()
            }
            b't' => {
                self.literal(b"true")?;
                visitor.visit_bool(true)
            }
            b'f' => {
                self.literal(b"false")?;
                visitor.visit_bool(false)
            }
            b'-' | b'0'..=b'9' => self.number(visitor),
            _ => Err(GaveUp),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek() {
            Some(b'n') => {
                self.literal(b"null")?;
                visitor.visit_none()
            }
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    /// A variant as serde_json writes it: a string for one that holds nothing, else an
    /// object of one entry, the variant's name and what it holds.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.peek() {
            Some(b'"') => {
                self.at += 1;
                match self.string()? {
                    Text::Borrowed(name) => visitor.visit_enum(BorrowedStrDeserializer::new(name)),
                    Text::Unescaped(name) => {
                        visitor.visit_enum(StringDeserializer::new(name.to_owned()))
                    }
                }
            }
            Some(b'{') => {
                self.at += 1;
                self.deeper()?;
                let value = visitor.visit_enum(Holding(&mut *self))?;
                self.depth -= 1;
                self.expect(b'}')?;
                Ok(value)
            }
            _ => Err(GaveUp),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

/// The entries of an object whose `{` has been taken; its `}` is left for the caller.
struct Entries<'r, 'de, 's> {
    reader: &'r mut Reader<'de, 's>,
    first: bool,
}

impl<'r, 'de, 's> Entries<'r, 'de, 's> {
    fn new(reader: &'r mut Reader<'de, 's>) -> Self {
        Entries {
            reader,
            first: true,
        }
    }
}

impl<'de> MapAccess<'de> for Entries<'_, 'de, '_> {
    type Error = GaveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let reader = &mut *self.reader;
        match reader.peek() {
            Some(b'}') => return Ok(None),
            Some(b',') if !self.first => reader.at += 1,
            Some(_) if self.first => {}
            _ => return Err(GaveUp),
        }
        self.first = false;
        // A key is a string: after a comma, not a closing brace.
        if reader.peek() != Some(b'"') {
            return Err(GaveUp);
        }
        seed.deserialize(reader).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.reader.expect(b':')?;
        seed.deserialize(&mut *self.reader)
    }
}

/// The elements of an array whose `[` has been taken; its `]` is left for the caller.
struct Elements<'r, 'de, 's> {
    reader: &'r mut Reader<'de, 's>,
    first: bool,
}

impl<'r, 'de, 's> Elements<'r, 'de, 's> {
    fn new(reader: &'r mut Reader<'de, 's>) -> Self {
        Elements {
            reader,
            first: true,
        }
    }
}

impl<'de> SeqAccess<'de> for Elements<'_, 'de, '_> {
    type Error = GaveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        let reader = &mut *self.reader;
        match reader.peek() {
            Some(b']') => return Ok(None),
            Some(b',') if !self.first => {
                reader.at += 1;
                // After a comma, an element, not a closing bracket.
                if reader.peek() == Some(b']') {
                    return Err(GaveUp);
                }
            }
            Some(_) if self.first => {}
            _ => return Err(GaveUp),
        }
        self.first = false;
        seed.deserialize(reader).map(Some)
    }
}

/// The one entry of an object that is an enum's variant: its name, then what it holds.
struct Holding<'r, 'de, 's>(&'r mut Reader<'de, 's>);

impl<'de> EnumAccess<'de> for Holding<'_, 'de, '_> {
    type Error = GaveUp;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        if self.0.peek() != Some(b'"') {
            return Err(GaveUp);
        }
        let name = seed.deserialize(&mut *self.0)?;
        self.0.expect(b':')?;
        Ok((name, self))
    }
}

impl<'de> VariantAccess<'de> for Holding<'_, 'de, '_> {
    type Error = GaveUp;

    fn unit_variant(self) -> Result<()> {
        <()>::deserialize(self.0)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        seed.deserialize(self.0)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_seq(self.0, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        de::Deserializer::deserialize_map(self.0, visitor)
    }
}

#[cfg(test)]
#[path = "tests/json_reader.rs"]
mod tests;
