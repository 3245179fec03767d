//! How the reader goes through an object's entries, an array's elements and an enum's variant.

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};

use super::{GaveUp, Reader, Result};

/// The items of an object or an array whose opening bracket has been taken, with commas
/// between them: an object's entries (`CLOSE` is `}`) or an array's elements (`]`). The
/// closing bracket is left for the caller.
pub(super) struct Items<'r, 'de, 's, const CLOSE: u8> {
    reader: &'r mut Reader<'de, 's>,
    first: bool,
}

impl<'r, 'de, 's, const CLOSE: u8> Items<'r, 'de, 's, CLOSE> {
    pub(super) fn new(reader: &'r mut Reader<'de, 's>) -> Self {
        Items {
            reader,
            first: true,
        }
    }

    /// The first byte of the next item, the comma before it taken; `None` where the closing
    /// bracket is. Never a closing bracket straight after a comma, which serde_json refuses.
    // Inlined into each of its two callers: left out of line, `list` made 3% more
    // instructions.
    #[inline(always)]
    fn next(&mut self) -> Result<Option<u8>> {
        let reader = &mut *self.reader;
        let first = match reader.peek() {
            Some(byte) if byte == CLOSE => return Ok(None),
            Some(b',') if !self.first => {
                reader.at += 1;
                reader.peek().filter(|&byte| byte != CLOSE)
            }
            found if self.first => found,
            _ => None,
        };
        self.first = false;
        first.map(Some).ok_or(GaveUp)
    }
}

impl<'de> MapAccess<'de> for Items<'_, 'de, '_, b'}'> {
    type Error = GaveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        match self.next()? {
            // A key is a string.
            Some(b'"') => seed.deserialize(&mut *self.reader).map(Some),
            Some(_) => Err(GaveUp),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.reader.expect(b':')?;
        seed.deserialize(&mut *self.reader)
    }
}

impl<'de> SeqAccess<'de> for Items<'_, 'de, '_, b']'> {
    type Error = GaveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        match self.next()? {
            Some(_) => seed.deserialize(&mut *self.reader).map(Some),
            None => Ok(None),
        }
    }
}

/// The one entry of an object that is an enum's variant: its name, then what it holds.
pub(super) struct Holding<'r, 'de, 's>(pub(super) &'r mut Reader<'de, 's>);

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
