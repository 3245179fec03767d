//! Shared copies of the ids that repeat through a workbook.
//!
//! A workbook of 2,000 whole-wheel reflections holds some 80,000 ratings of the same few dozen
//! competencies. As a `String` each, the keys took more memory than everything the user wrote
//! and most of the time spent reading the file; shared, each id is stored once.

use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

use rustc_hash::FxHashSet;
use serde::de::{Deserializer, Visitor};

use crate::workbook::flat::{self, FlatMap};

/// An id held once however often it is used.
pub type SharedId = Arc<str>;

/// Ids beyond this many distinct ones are not shared: a hostile or odd file must not make the
/// table grow without bound. Packs have tens of ids; this leaves room for many packs.
const MAX_SHARED: usize = 4096;

thread_local! {
    // The ids are the pack's and the user's own, so a hostile key order is no concern, and a
    // quick hash matters: a large workbook looks up tens of thousands of them.
    static IDS: RefCell<FxHashSet<SharedId>> = RefCell::new(FxHashSet::default());
}

/// The shared copy of `id`.
pub fn intern(id: &str) -> SharedId {
    IDS.with(|ids| {
        let mut ids = ids.borrow_mut();
        if let Some(shared) = ids.get(id) {
            return shared.clone();
        }
        let shared: SharedId = Arc::from(id);
        if ids.len() < MAX_SHARED {
            ids.insert(shared.clone());
        }
        shared
    })
}

/// Reads a JSON object of id to value, sharing the ids. Later duplicates win, as for any map.
pub fn deserialize_map<'de, D, V>(deserializer: D) -> Result<FlatMap<SharedId, V>, D::Error>
where
    D: Deserializer<'de>,
    V: serde::Deserialize<'de>,
{
    flat::deserialize_map_with(deserializer, |key: Key| key.0)
}

/// A map key read straight from the input into its shared copy, with no `String` in between.
struct Key(SharedId);

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl Visitor<'_> for KeyVisitor {
            type Value = Key;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an id")
            }

            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<Key, E> {
                Ok(Key(intern(id)))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_id_is_stored_once() {
        let first = intern("resilience.c1");
        let second = intern(&String::from("resilience.c1"));
        assert!(Arc::ptr_eq(&first, &second));
        assert!(!Arc::ptr_eq(&first, &intern("resilience.c2")));
    }

    #[test]
    fn maps_share_their_keys_and_keep_the_last_duplicate() {
        let a: FlatMap<SharedId, u8> = deserialize_map(&mut serde_json::Deserializer::from_str(
            r#"{"x.c1": 1, "x.c2": 2}"#,
        ))
        .expect("map");
        let b: FlatMap<SharedId, u8> = deserialize_map(&mut serde_json::Deserializer::from_str(
            r#"{"x.c1": 3, "x.c1": 4, "x\u002ec3": 5}"#,
        ))
        .expect("map");
        let key = |m: &FlatMap<SharedId, u8>, id: &str| m.get_key_value(id).map(|(k, _)| k.clone());
        let (a1, b1) = (key(&a, "x.c1").expect("a"), key(&b, "x.c1").expect("b"));
        assert!(Arc::ptr_eq(&a1, &b1));
        assert_eq!(b.get("x.c1"), Some(&4));
        assert_eq!(b.get("x.c3"), Some(&5), "escaped keys are read too");
    }

    #[test]
    fn a_flood_of_distinct_ids_is_not_kept() {
        for n in 0..MAX_SHARED + 10 {
            intern(&format!("flood.{n}"));
        }
        IDS.with(|ids| assert!(ids.borrow().len() <= MAX_SHARED));
        assert_eq!(&*intern("flood.overflow"), "flood.overflow");
    }
}
