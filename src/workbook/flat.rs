//! Small sorted maps and sets, for what each reflection holds.
//!
//! A reflection keeps a few answers, a prompt or two per area and a handful of ticked
//! activities. A `BTreeMap` gives each of those collections a node with room for eleven
//! entries: with thousands of reflections, the empty room took more memory than the text the
//! user wrote, and filling it was much of the time taken to open a workbook. These keep their
//! entries in one sorted vector, with the same order, the same JSON (an object for a map, an
//! array for a set) and the same answer for a repeated key (the last one wins).
//!
//! Lookups are binary searches and changes move the entries after the changed one: fine for
//! the tens of entries a reflection has.

use std::borrow::Borrow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, Serializer};

/// A map kept as one vector of entries sorted by key, each key once.
#[derive(Clone, PartialEq, Eq)]
pub struct FlatMap<K, V>(Vec<(K, V)>);

/// A set kept as one sorted vector, each item once.
#[derive(Clone, PartialEq, Eq)]
pub struct FlatSet<T>(Vec<T>);

impl<K, V> Default for FlatMap<K, V> {
    fn default() -> Self {
        FlatMap(Vec::new())
    }
}

impl<T> Default for FlatSet<T> {
    fn default() -> Self {
        FlatSet(Vec::new())
    }
}

impl<K: Ord, V> FlatMap<K, V> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    fn position<Q>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.0.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.position(key).ok().map(|at| &self.0[at].1)
    }

    pub fn get_key_value<Q>(&self, key: &Q) -> Option<(&K, &V)>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.position(key).ok().map(|at| {
            let (k, v) = &self.0[at];
            (k, v)
        })
    }

    pub fn contains_key<Q>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.position(key).is_ok()
    }

    /// Sets `key` to `value`, giving back the value it replaced.
    pub fn insert(&mut self, key: impl Into<K>, value: V) -> Option<V> {
        let key = key.into();
        // Entries read from a file come in order: appending them is the common case.
        if self.0.last().is_none_or(|(last, _)| *last < key) {
            self.0.push((key, value));
            return None;
        }
        match self.position(&key) {
            Ok(at) => Some(std::mem::replace(&mut self.0[at].1, value)),
            Err(at) => {
                self.0.insert(at, (key, value));
                None
            }
        }
    }

    pub fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.position(key).ok().map(|at| self.0.remove(at).1)
    }

    /// The value of `key`, inserting `make()` first if there is none.
    pub fn get_or_insert_with(&mut self, key: impl Into<K>, make: impl FnOnce() -> V) -> &mut V {
        let key = key.into();
        let at = match self.position(&key) {
            Ok(at) => at,
            Err(at) => {
                self.0.insert(at, (key, make()));
                at
            }
        };
        &mut self.0[at].1
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        self.0.retain_mut(|(k, v)| keep(k, v));
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&K, &V)> + ExactSizeIterator {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &K> + ExactSizeIterator {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator {
        self.0.iter().map(|(_, v)| v)
    }
}

impl<T: Ord> FlatSet<T> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn contains<Q>(&self, item: &Q) -> bool
    where
        T: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.0.binary_search_by(|t| t.borrow().cmp(item)).is_ok()
    }

    /// Adds `item`; false if it was there already.
    pub fn insert(&mut self, item: impl Into<T>) -> bool {
        let item = item.into();
        match self.0.binary_search(&item) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, item);
                true
            }
        }
    }

    /// Takes `item` out; false if it was not there.
    pub fn remove<Q>(&mut self, item: &Q) -> bool
    where
        T: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        match self.0.binary_search_by(|t| t.borrow().cmp(item)) {
            Ok(at) => {
                self.0.remove(at);
                true
            }
            Err(_) => false,
        }
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }
}

impl<K: Ord, V, Q: Into<K>> FromIterator<(Q, V)> for FlatMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (Q, V)>>(entries: I) -> Self {
        let mut map = FlatMap::new();
        map.extend(entries);
        map
    }
}

impl<K: Ord, V, Q: Into<K>> Extend<(Q, V)> for FlatMap<K, V> {
    fn extend<I: IntoIterator<Item = (Q, V)>>(&mut self, entries: I) {
        for (key, value) in entries {
            self.insert(key, value);
        }
    }
}

impl<T: Ord, Q: Into<T>> FromIterator<Q> for FlatSet<T> {
    fn from_iter<I: IntoIterator<Item = Q>>(items: I) -> Self {
        let mut items: Vec<T> = items.into_iter().map(Into::into).collect();
        items.sort();
        items.dedup();
        FlatSet(items)
    }
}

impl<T: Ord, Q: Into<T>> Extend<Q> for FlatSet<T> {
    fn extend<I: IntoIterator<Item = Q>>(&mut self, items: I) {
        for item in items {
            self.insert(item);
        }
    }
}

impl<K: Ord, V, Q: Into<K>, const N: usize> From<[(Q, V); N]> for FlatMap<K, V> {
    fn from(entries: [(Q, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<T: Ord, Q: Into<T>, const N: usize> From<[Q; N]> for FlatSet<T> {
    fn from(items: [Q; N]) -> Self {
        items.into_iter().collect()
    }
}

impl<'a, K, V> IntoIterator for &'a FlatMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<K, V> IntoIterator for FlatMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a FlatSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T> IntoIterator for FlatSet<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for FlatMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.iter().map(|(k, v)| (k, v)))
            .finish()
    }
}

impl<T: fmt::Debug> fmt::Debug for FlatSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(&self.0).finish()
    }
}

impl<K: Serialize, V: Serialize> Serialize for FlatMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<T: Serialize> Serialize for FlatSet<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(&self.0)
    }
}

/// Entries in order are appended; a repeated key keeps its last value.
impl<'de, K: Ord + Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for FlatMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<K, V>(PhantomData<fn() -> (K, V)>);

        impl<'de, K: Ord + Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for MapVisitor<K, V> {
            type Value = FlatMap<K, V>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                // A hint from the file is not trusted beyond a size every reflection stays under.
                // Without one (the workbook's reader gives none), room for 16 at the first
                // entry saves two of the doublings a reflection's 40 ratings grow by from 4;
                // what is not used is given back below, and an empty map takes none.
                let room = access.size_hint().unwrap_or(16).min(64);
                let mut map = FlatMap(Vec::new());
                while let Some((key, value)) = access.next_entry::<K, V>()? {
                    if map.0.capacity() == 0 {
                        map.0.reserve(room);
                    }
                    map.insert(key, value);
                }
                map.0.shrink_to_fit();
                Ok(map)
            }
        }

        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

impl<'de, T: Ord + Deserialize<'de>> Deserialize<'de> for FlatSet<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SetVisitor<T>(PhantomData<fn() -> T>);

        impl<'de, T: Ord + Deserialize<'de>> Visitor<'de> for SetVisitor<T> {
            type Value = FlatSet<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                // As a BTreeSet says it, so that a damaged file is described as it always was.
                f.write_str("a sequence")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut items: Vec<T> = Vec::with_capacity(access.size_hint().unwrap_or(0).min(64));
                while let Some(item) = access.next_element()? {
                    items.push(item);
                }
                Ok(items.into_iter().collect())
            }
        }

        deserializer.deserialize_seq(SetVisitor(PhantomData))
    }
}

#[cfg(test)]
#[path = "tests/flat.rs"]
mod tests;
