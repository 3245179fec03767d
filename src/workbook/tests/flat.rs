use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::*;

proptest! {
    /// Whatever is done to it, a FlatMap holds what a BTreeMap would, in the same order,
    /// and reads and writes the same JSON.
    #[test]
    fn a_map_behaves_as_a_btree_map(
        steps in prop::collection::vec((0u8..3, 0u8..20, any::<u16>()), 0..60)
    ) {
        let (mut flat, mut btree) = (FlatMap::new(), BTreeMap::new());
        for (step, key, value) in steps {
            let key = format!("k{key}");
            match step {
                0 => prop_assert_eq!(flat.insert(key.clone(), value), btree.insert(key, value)),
                1 => prop_assert_eq!(flat.remove(&key), btree.remove(&key)),
                _ => {
                    let v = flat.get_or_insert_with(key.clone(), || value);
                    *v = v.wrapping_add(1);
                    let v = btree.entry(key).or_insert(value);
                    *v = v.wrapping_add(1);
                }
            }
        }
        prop_assert!(flat.iter().eq(btree.iter()));
        prop_assert_eq!(flat.len(), btree.len());
        let json = serde_json::to_string(&flat).expect("json");
        prop_assert_eq!(&json, &serde_json::to_string(&btree).expect("json"));
        prop_assert_eq!(serde_json::from_str::<FlatMap<String, u16>>(&json).expect("read"), flat);
    }

    #[test]
    fn a_set_behaves_as_a_btree_set(steps in prop::collection::vec((any::<bool>(), 0u8..20), 0..60)) {
        let (mut flat, mut btree) = (FlatSet::<u8>::new(), BTreeSet::new());
        for (add, item) in steps {
            if add {
                prop_assert_eq!(flat.insert(item), btree.insert(item));
            } else {
                prop_assert_eq!(flat.remove(&item), btree.remove(&item));
            }
            prop_assert_eq!(flat.contains(&item), btree.contains(&item));
        }
        prop_assert!(flat.iter().eq(btree.iter()));
        let json = serde_json::to_string(&flat).expect("json");
        prop_assert_eq!(&json, &serde_json::to_string(&btree).expect("json"));
    }
}

#[test]
fn reading_sorts_and_keeps_the_last_of_a_repeated_key() {
    let map: FlatMap<String, u8> =
        serde_json::from_str(r#"{"b": 1, "a": 2, "b": 3}"#).expect("map");
    assert_eq!(format!("{map:?}"), r#"{"a": 2, "b": 3}"#);
    let set: FlatSet<String> = serde_json::from_str(r#"["b", "a", "b"]"#).expect("set");
    assert_eq!(format!("{set:?}"), r#"{"a", "b"}"#);
    assert_eq!(
        serde_json::to_string(&FlatMap::<String, u8>::new()).expect("json"),
        "{}"
    );
    assert_eq!(
        serde_json::to_string(&FlatSet::<String>::new()).expect("json"),
        "[]"
    );
}

#[test]
fn a_list_is_not_read_as_a_map_nor_a_map_as_a_list_and_the_errors_are_btrees() {
    let error = |result: Result<(), serde_json::Error>| result.expect_err("refused").to_string();
    assert_eq!(
        error(serde_json::from_str::<FlatMap<String, u8>>(r#"[["a", 1]]"#).map(drop)),
        error(serde_json::from_str::<BTreeMap<String, u8>>(r#"[["a", 1]]"#).map(drop)),
    );
    assert_eq!(
        error(serde_json::from_str::<FlatSet<String>>(r#"{"a": 1}"#).map(drop)),
        error(serde_json::from_str::<BTreeSet<String>>(r#"{"a": 1}"#).map(drop)),
    );
}
