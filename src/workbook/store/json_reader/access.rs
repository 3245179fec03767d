//! How the reader goes through an object's entries, an array's elements and an enum's variant.

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};

use super::{GaveUp, Reader, Result};

/// The entries of an object whose `{` has been taken; its `}` is left for the caller.
pub(super) struct Entries<'r, 'de, 's> {
    reader: &'r mut Reader<'de, 's>,
    first: bool,
}

impl<'r, 'de, 's> Entries<'r, 'de, 's> {
    pub(super) fn new(reader: &'r mut Reader<'de, 's>) -> Self {
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
pub(super) struct Elements<'r, 'de, 's> {
    reader: &'r mut Reader<'de, 's>,
    first: bool,
}

impl<'r, 'de, 's> Elements<'r, 'de, 's> {
    pub(super) fn new(reader: &'r mut Reader<'de, 's>) -> Self {
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
