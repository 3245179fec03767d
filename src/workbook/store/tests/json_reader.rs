//! serde_json is the reference: whatever this reader reads, serde_json reads to the same
//! value, and where the two differ this reader has given up.

use proptest::prelude::*;
use serde_json::Value;

use super::*;
use crate::content::PackSource;
use crate::workbook::generate::generate;
use crate::workbook::{Reflection, Workbook};

/// What this reader makes of `text`, held to serde_json: the same value, or nothing.
fn read_as_serde_json_does<'de, T>(text: &'de str) -> Option<T>
where
    T: Deserialize<'de> + PartialEq + std::fmt::Debug,
{
    let read = from_str::<T>(text);
    if let Some(read) = &read {
        let reference: T = serde_json::from_str(text)
            .unwrap_or_else(|error| panic!("serde_json refuses what was read: {error}\n{text}"));
        assert_eq!(read, &reference, "{text}");
    }
    read
}

#[test]
fn reads_a_generated_workbook_as_serde_json_does() {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let mut workbook = generate(&pack, 40, 3);
    workbook.display_name = Some("Sam \"S\" O'Neill\n\u{1f600}".into());
    for text in [
        serde_json::to_string_pretty(&workbook).expect("json"),
        serde_json::to_string(&workbook).expect("json"),
    ] {
        let read: Workbook = read_as_serde_json_does(&text).expect("read");
        assert_eq!(read, workbook);
        let reflection = serde_json::to_string_pretty(&workbook.reflections[7]).expect("json");
        let read: Reflection = read_as_serde_json_does(&reflection).expect("read");
        assert_eq!(&read, &*workbook.reflections[7]);
    }
}

#[test]
fn reads_escapes_numbers_and_literals_as_serde_json_does() {
    for text in [
        r#""plain""#,
        r#""a \"quote\", a \\ and \/ \b\f\n\r\t""#,
        r#""\u00e9\u20AC \ud83d\ude00 \u0000""#,
        "[0, 7, 19, 1234567890123456789, 12345678901234567890, 123456789012345678901]",
        "[-0, -1, 0.5, 7.25, 1e3, 1E-2, -1.5e+10, 2.2250738585072014e-308]",
        r#"{"a": [true, false, null], "b": {}, "c": [], "": ""}"#,
        " \n\t\r {\n                    \"deep\": [[[[1]]]]\n} \n",
    ] {
        read_as_serde_json_does::<Value>(text).unwrap_or_else(|| panic!("not read: {text}"));
    }
}

#[test]
fn gives_up_on_what_serde_json_refuses() {
    for text in [
        "",
        "[1,]",
        r#"{"a": 1,}"#,
        "[,1]",
        r#"{,"a": 1}"#,
        "[1 2]",
        r#"{"a" 1}"#,
        r#"{1: 1}"#,
        "[01]",
        "[1.]",
        "[.5]",
        "[+1]",
        "[nul]",
        "[True]",
        "\"a",
        "\"a\tb\"",
        "\"\\x\"",
        r#""\ud83d""#,
        r#""\ude00""#,
        r#""\ud83d\u0041""#,
        r#""\u12G4""#,
        "[1] [2]",
        "{\"a\": 1}}",
    ] {
        assert!(from_str::<Value>(text).is_none(), "read: {text}");
        assert!(
            serde_json::from_str::<Value>(text).is_err(),
            "serde_json reads: {text}"
        );
    }
}

#[test]
fn gives_up_on_nesting_deeper_than_it_reads_without_overflowing_the_stack() {
    let deep = |levels: usize| "[".repeat(levels) + &"]".repeat(levels);
    assert!(read_as_serde_json_does::<Value>(&deep(DEEPEST)).is_some());
    assert!(from_str::<Value>(&deep(DEEPEST + 1)).is_none());
    assert!(from_str::<Value>(&deep(100_000)).is_none());
}

#[test]
fn reads_a_variant_holding_something_and_gives_up_on_one_holding_more() {
    use crate::workbook::Focus;
    let areas = r#"{"areas": ["a", "b\u0063"]}"#;
    assert_eq!(
        read_as_serde_json_does::<Focus>(areas),
        Some(Focus::Areas(vec!["a".into(), "bc".into()]))
    );
    let whole = r#""whole-wheel""#;
    assert_eq!(
        read_as_serde_json_does::<Focus>(whole),
        Some(Focus::WholeWheel)
    );
    for refused in [
        r#"{"areas": [], "b": 1}"#,
        r#"{"whole-wheel": 1}"#,
        "[]",
        r#""wheel""#,
    ] {
        assert!(from_str::<Focus>(refused).is_none(), "{refused}");
    }
}

#[test]
fn gives_a_type_no_more_than_serde_json_gives_it_for_its_hint() {
    use serde_json::Map;
    // A map's visitor would take `null` as an empty map, were it offered.
    assert!(from_str::<Map<String, Value>>("null").is_none());
    assert!(serde_json::from_str::<Map<String, Value>>("null").is_err());
    assert!(from_str::<Vec<Value>>("{}").is_none());
    assert!(from_str::<String>("1").is_none());
    assert!(from_str::<u8>("\"1\"").is_none());
    assert!(from_str::<()>("[]").is_none());
    assert_eq!(read_as_serde_json_does::<()>("null"), Some(()));
    // Rounded to an f64 first, this would round twice, to 1.0.
    let close = "1.00000005960464477539062500001";
    assert_eq!(read_as_serde_json_does::<f32>(close), Some(1.000_000_1));
    assert!(from_str::<f32>("[3]").is_none());
    assert_eq!(
        read_as_serde_json_does::<f32>("16777217"),
        Some(16_777_216.0)
    );
}

/// `text` as a JSON string with each character written as it is or escaped, at random: a
/// `\u` escape (a pair of them past U+FFFF) in either case of hex, or a short escape.
fn written_with_escapes(text: &[(char, u8)]) -> String {
    let mut json = String::from("\"");
    for &(c, how) in text {
        let short = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '/' => Some("\\/"),
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            _ => None,
        };
        let must = c < ' ' || c == '"' || c == '\\';
        match (how % 3, short) {
            (0, _) if !must => json.push(c),
            (1, Some(short)) => json.push_str(short),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let hex = match how >= 128 {
                        true => format!("\\u{unit:04X}"),
                        false => format!("\\u{unit:04x}"),
                    };
                    json.push_str(&hex);
                }
            }
        }
    }
    json.push('"');
    json
}

/// Any JSON value: strings of any character (serde_json escapes controls, quotes and
/// backslashes, and writes the rest as they are), numbers of every kind, and nesting.
fn value() -> impl Strategy<Value = Value> {
    let number = prop_oneof![
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        number,
        any::<String>().prop_map(Value::from),
        "[\\x00-\\x1f\"\\\\/ aé😀]{0,80}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::btree_map("[a-c\"\\\\é]{0,3}", inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// One change that may spoil JSON: a byte taken out, put in or replaced, or the text cut short.
/// `Beside` puts a byte in next to one of JSON's own (brackets, braces, commas, colons and
/// quotes), where most of its rules are; a byte put in anywhere mostly lands in a string.
#[derive(Debug, Clone)]
enum Spoil {
    Remove(usize),
    Insert(usize, u8),
    Beside(usize, u8, bool),
    Replace(usize, u8),
    Cut(usize),
}

fn spoil() -> impl Strategy<Value = Spoil> {
    let byte = prop::sample::select(b"{}[],:\" \\-.e0159nutlfa\x00\x1f".to_vec());
    let own = prop::sample::select(b"{}[],:\"".to_vec());
    prop_oneof![
        any::<usize>().prop_map(Spoil::Remove),
        (any::<usize>(), byte.clone()).prop_map(|(at, b)| Spoil::Insert(at, b)),
        (any::<usize>(), own, any::<bool>()).prop_map(|(at, b, after)| Spoil::Beside(at, b, after)),
        (any::<usize>(), byte).prop_map(|(at, b)| Spoil::Replace(at, b)),
        any::<usize>().prop_map(Spoil::Cut),
    ]
}

fn spoiled(text: &str, change: &Spoil) -> Option<String> {
    let mut bytes = text.as_bytes().to_vec();
    let at = |at: &usize, len: usize| if len == 0 { 0 } else { at % len };
    match change {
        Spoil::Remove(i) if !bytes.is_empty() => {
            bytes.remove(at(i, bytes.len()));
        }
        Spoil::Insert(i, b) => bytes.insert(at(i, bytes.len() + 1), *b),
        Spoil::Beside(i, b, after) => {
            let own = |b: &&u8| b"[]{},:\"".contains(b);
            let places: Vec<usize> = (0..bytes.len()).filter(|&j| own(&&bytes[j])).collect();
            if !places.is_empty() {
                let place = places[at(i, places.len())] + usize::from(*after);
                bytes.insert(place, *b);
            }
        }
        Spoil::Replace(i, b) if !bytes.is_empty() => {
            let i = at(i, bytes.len());
            bytes[i] = *b;
        }
        Spoil::Cut(i) => bytes.truncate(at(i, bytes.len() + 1)),
        _ => {}
    }
    String::from_utf8(bytes).ok()
}

proptest! {
    #[test]
    fn reads_any_json_as_serde_json_does(value in value(), pretty in any::<bool>()) {
        let text = match pretty {
            true => serde_json::to_string_pretty(&value),
            false => serde_json::to_string(&value),
        }.expect("json");
        let read = read_as_serde_json_does::<Value>(&text);
        prop_assert_eq!(read, Some(value));
    }

    #[test]
    fn reads_every_escape_as_serde_json_does(
        text in prop::collection::vec((any::<char>(), any::<u8>()), 0..40),
    ) {
        let json = written_with_escapes(&text);
        let expected: String = text.iter().map(|&(c, _)| c).collect();
        prop_assert_eq!(read_as_serde_json_does::<String>(&json), Some(expected));
    }
}

proptest! {
    // Each case is small and quick, and a rule is broken only by a change in the right place.
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn reads_spoiled_json_only_as_serde_json_does(
        value in value(),
        changes in prop::collection::vec(spoil(), 1..4),
    ) {
        let mut text = serde_json::to_string_pretty(&value).expect("json");
        for change in &changes {
            text = spoiled(&text, change).unwrap_or(text);
        }
        read_as_serde_json_does::<Value>(&text);
    }
}

proptest! {
    #[test]
    fn reads_a_spoiled_reflection_only_as_serde_json_does(
        seed in 0..50u64,
        changes in prop::collection::vec(spoil(), 1..3),
    ) {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let workbook = generate(&pack, 1, seed);
        let mut text = serde_json::to_string_pretty(&workbook.reflections[0]).expect("json");
        for change in &changes {
            text = spoiled(&text, change).unwrap_or(text);
        }
        read_as_serde_json_does::<Reflection>(&text);
    }

    #[test]
    fn reads_a_spoiled_workbook_only_as_serde_json_does(
        seed in 0..50u64,
        changes in prop::collection::vec(spoil(), 1..3),
    ) {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let mut workbook = generate(&pack, 2, seed);
        workbook.display_name = Some("Sam".into());
        let mut text = serde_json::to_string_pretty(&workbook).expect("json");
        for change in &changes {
            text = spoiled(&text, change).unwrap_or(text);
        }
        read_as_serde_json_does::<Workbook>(&text);
    }
}
