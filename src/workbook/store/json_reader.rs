//! A quicker reader of the JSON a workbook is kept in. serde_json spent about a third of the
//! time `list` takes finding where strings end and stepping over the spaces of the file's
//! pretty layout, eight bytes at a time; this reader looks at 16 at a time (`crate::masks`).
//!
//! It reads only what serde_json reads, to the same value, and gives up on anything else: on
//! anything it cannot read it gives `None`, and the caller reads the bytes with serde_json,
//! which says what is wrong and where. So it never needs to explain an error, and whatever
//! is rare (a number with a fraction or a sign) it hands to serde_json to read. What a type
//! asks for by its hint (a map, a string, a number) is read only where serde_json would read
//! that hint, so a type that would take more than its hint is given no more than serde_json
//! gives it.

use serde::Deserialize;
use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{self, Visitor};

mod access;
mod strings;
use access::{Holding, Items};
use strings::{Text, visit_text};

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
    /// How many arrays and objects the next byte is inside.
    depth: usize,
    scratch: &'s mut String,
}

/// How a number with a fraction is rounded: as serde_json rounds for what is asked of it.
#[derive(Clone, Copy)]
enum Precision {
    Single,
    Any,
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

    /// A number. Only a whole number of at most 19 digits, which fits a `u64`, is read
    /// here; any other is read by serde_json, which knows every rule of JSON's numbers and
    /// rounds a fraction as it always does: straight to an `f32` where one is asked for, as
    /// rounding to an `f64` first could round it twice.
    fn number<V: Visitor<'de>>(&mut self, visitor: V, precision: Precision) -> Result<V::Value> {
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
        let value = match precision {
            Precision::Single => de::Deserializer::deserialize_f32(&mut json, visitor),
            Precision::Any => de::Deserializer::deserialize_any(&mut json, visitor),
        };
        let value = value.map_err(|_| GaveUp)?;
        json.end().map_err(|_| GaveUp)?;
        self.at = end;
        Ok(value)
    }

    /// The value whose first byte, `first`, is next.
    fn value<V: Visitor<'de>>(&mut self, first: u8, visitor: V) -> Result<V::Value> {
        match first {
            b'"' => {
                self.at += 1;
                let text = self.string()?;
                visit_text(text, visitor)
            }
            b'{' => self.inside(b'}', |reader| visitor.visit_map(Items::<b'}'>::new(reader))),
            b'[' => self.inside(b']', |reader| visitor.visit_seq(Items::<b']'>::new(reader))),
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
            b'-' | b'0'..=b'9' => self.number(visitor, Precision::Any),
            _ => Err(GaveUp),
        }
    }

    /// What `read` reads inside the bracket that is the next byte, then the closing bracket,
    /// `close`: one level deeper, or `GaveUp` past [`DEEPEST`].
    fn inside<T>(&mut self, close: u8, read: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.at += 1;
        self.depth += 1;
        if self.depth > DEEPEST {
            return Err(GaveUp);
        }
        let value = read(self)?;
        self.depth -= 1;
        self.expect(close)?;
        Ok(value)
    }
}

/// What serde asks for by a type's hint, read only where the next value is of a kind serde_json
/// reads for that hint, and then as any value: a visitor that takes more than its hint (a map
/// from `null`, say) is given only what serde_json would give it.
macro_rules! hinted {
    ($(($first:pat) => $($method:ident),+;)+) => {
        $($(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
                match self.peek() {
                    Some(first @ $first) => self.value(first, visitor),
                    _ => Err(GaveUp),
                }
            }
        )+)+
    };
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de, '_> {
    type Error = GaveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let first = self.peek().ok_or(GaveUp)?;
        self.value(first, visitor)
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
            Some(b'{') => self.inside(b'}', |reader| visitor.visit_enum(Holding(reader))),
            _ => Err(GaveUp),
        }
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => self.number(visitor, Precision::Single),
            _ => Err(GaveUp),
        }
    }

    /// Bytes are no part of a workbook, and serde_json reads them from strings its own way.
    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GaveUp)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GaveUp)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    hinted! {
        (b't' | b'f') => deserialize_bool;
        (b'-' | b'0'..=b'9') => deserialize_i8, deserialize_i16, deserialize_i32,
            deserialize_i64, deserialize_i128, deserialize_u8, deserialize_u16,
            deserialize_u32, deserialize_u64, deserialize_u128, deserialize_f64;
        (b'"') => deserialize_char, deserialize_str, deserialize_string,
            deserialize_identifier;
        (b'n') => deserialize_unit;
        (b'[') => deserialize_seq;
        (b'{') => deserialize_map;
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    /// An object, or an array of the fields in order, as serde_json reads a struct.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.peek() {
            Some(first @ (b'{' | b'[')) => self.value(first, visitor),
            _ => Err(GaveUp),
        }
    }
}

#[cfg(test)]
#[path = "tests/json_reader.rs"]
mod tests;
