//! Shared copies of the ids that repeat through a workbook.
//!
//! A workbook of 2,000 whole-wheel reflections holds some 80,000 ratings of the same few dozen
//! competencies, and tens of thousands of answers, prompts and ticks keyed by the same few
//! hundred ids. As a `String` each, the keys took more memory than everything the user wrote
//! and much of the time spent reading the file; shared, each id is stored once.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

use rustc_hash::FxHashSet;
use serde::de::{Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// An id held once however often it is used: read from a file, or made from a string, it is
/// the shared copy. It compares, orders and hashes as its text.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SharedId(Arc<str>);

/// Ids beyond this many distinct ones are not shared: a hostile or odd file must not make the
/// table grow without bound. Packs have hundreds of ids; this leaves room for many packs.
const MAX_SHARED: usize = 4096;

thread_local! {
    // One table a thread, so that the two threads reading a workbook never wait for each
    // other: an id is then stored once a thread, which is still a few hundred copies at most.
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
        let shared = SharedId(Arc::from(id));
        if ids.len() < MAX_SHARED {
            ids.insert(shared.clone());
        }
        shared
    })
}

impl SharedId {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `self` and `other` are the one shared copy.
    pub fn ptr_eq(&self, other: &SharedId) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for SharedId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for SharedId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for SharedId {
    fn from(id: &str) -> Self {
        intern(id)
    }
}

impl From<String> for SharedId {
    fn from(id: String) -> Self {
        intern(&id)
    }
}

impl From<&String> for SharedId {
    fn from(id: &String) -> Self {
        intern(id)
    }
}

impl PartialEq<str> for SharedId {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for SharedId {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for SharedId {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<SharedId> for String {
    fn eq(&self, other: &SharedId) -> bool {
        **self == *other.0
    }
}

impl PartialEq<SharedId> for str {
    fn eq(&self, other: &SharedId) -> bool {
        *self == *other.0
    }
}

impl fmt::Debug for SharedId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for SharedId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for SharedId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// Read straight from the input into its shared copy, with no `String` in between.
impl<'de> Deserialize<'de> for SharedId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdVisitor;

        impl Visitor<'_> for IdVisitor {
            type Value = SharedId;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                // As a String says it, so that a damaged file is described as it always was.
                f.write_str("a string")
            }

            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<SharedId, E> {
                Ok(intern(id))
            }
        }

        deserializer.deserialize_str(IdVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_an_id_is_worded_as_for_a_string() {
        for json in ["5", "null", "[\"resilience\"]", "{}", "\"unterminated"] {
            let ours = serde_json::from_str::<SharedId>(json).expect_err("not an id");
            let strings = serde_json::from_str::<String>(json).expect_err("not a string");
            assert_eq!(ours.to_string(), strings.to_string(), "{json}");
        }
    }

    #[test]
    fn one_id_is_stored_once() {
        let first = intern("resilience.c1");
        let second = intern(&String::from("resilience.c1"));
        assert!(first.ptr_eq(&second));
        assert!(!first.ptr_eq(&intern("resilience.c2")));
    }

    #[test]
    fn maps_and_sets_read_from_a_file_share_their_ids_and_keep_the_last_duplicate() {
        use crate::workbook::flat::{FlatMap, FlatSet};
        let a: FlatMap<SharedId, u8> =
            serde_json::from_str(r#"{"x.c1": 1, "x.c2": 2}"#).expect("map");
        let b: FlatMap<SharedId, FlatMap<SharedId, u8>> =
            serde_json::from_str(r#"{"x": {"x.c1": 3, "x.c1": 4, "x\u002ec3": 5}}"#).expect("map");
        let c: FlatSet<SharedId> = serde_json::from_str(r#"["x.c1"]"#).expect("set");
        let inner = b.get("x").expect("inner map");
        let key = |m: &FlatMap<SharedId, u8>, id: &str| m.get_key_value(id).map(|(k, _)| k.clone());
        let (a1, b1) = (key(&a, "x.c1").expect("a"), key(inner, "x.c1").expect("b"));
        assert!(a1.ptr_eq(&b1));
        assert!(c.iter().next().expect("c").ptr_eq(&a1));
        assert_eq!(inner.get("x.c1"), Some(&4));
        assert_eq!(inner.get("x.c3"), Some(&5), "escaped keys are read too");
        assert_eq!(
            serde_json::to_string(&b).expect("json"),
            r#"{"x":{"x.c1":4,"x.c3":5}}"#
        );
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
