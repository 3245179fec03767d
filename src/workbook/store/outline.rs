//! Where each reflection of a workbook file starts and ends, found without reading them.
//!
//! Reading a large workbook on two threads needs the reflections apart first. Asking
//! serde_json for them as raw values made it check and skip the whole file once before
//! either thread could start: a third of all the work of opening a workbook, on one thread.
//! This scan only follows strings and brackets, and where a reflection is laid out as
//! wheelbook writes it, only looks for the line that closes it. It checks nothing else: every
//! reflection is then read by serde_json, and so is everything around them, so a file this
//! scan misreads fails to read and is read again the ordinary way, which says exactly what
//! is wrong.

use std::ops::Range;

mod blocks;

/// The byte ranges of the elements of the top-level `"reflections"` array, and the range of
/// everything inside its brackets; `None` if the file is not laid out as a workbook object
/// with one such array (the ordinary reader then decides what it is).
#[cfg(test)]
#[derive(Debug, PartialEq, Eq)]
pub struct Outline {
    pub reflections: Vec<Range<usize>>,
    pub inside: Range<usize>,
}

#[cfg(test)]
pub fn scan(bytes: &[u8]) -> Option<Outline> {
    scan_with(bytes, Ends::ByLayout)
}

/// [`scan`], finding where reflections end as `ends` says.
#[cfg(test)]
fn scan_with(bytes: &[u8], ends: Ends) -> Option<Outline> {
    let mut reflections = Vec::new();
    let inside = scan_each_with(bytes, ends, |range| reflections.push(range))?;
    Some(Outline {
        reflections,
        inside,
    })
}

/// How the end of each reflection is found.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ends {
    /// By the layout wheelbook writes ([`end_as_laid_out`]), while the reflections have it;
    /// from the first that has not, by following strings and brackets.
    ByLayout,
    /// By following strings and brackets.
    ByBrackets,
}

/// Like [`scan`], handing each reflection's range to `each` as soon as it is found, so that
/// reading can begin before the scan ends. Gives the range inside the array's brackets.
pub fn scan_each(bytes: &[u8], each: impl FnMut(Range<usize>)) -> Option<Range<usize>> {
    scan_each_with(bytes, Ends::ByLayout, each)
}

fn scan_each_with(
    bytes: &[u8],
    ends: Ends,
    mut each: impl FnMut(Range<usize>),
) -> Option<Range<usize>> {
    let mut at = skip_space(bytes, 0);
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    at += 1;
    let mut found = None;
    loop {
        at = skip_space(bytes, at);
        match bytes.get(at)? {
            b'}' => return found,
            b',' => at = skip_space(bytes, at + 1),
            _ => {}
        }
        let key_start = at;
        at = skip_string(bytes, at)?;
        let key = &bytes[key_start..at];
        at = skip_space(bytes, at);
        if bytes.get(at) != Some(&b':') {
            return None;
        }
        at = skip_space(bytes, at + 1);
        if key == b"\"reflections\"" {
            if found.is_some() || bytes.get(at) != Some(&b'[') {
                return None;
            }
            let (inside, end) = scan_array(bytes, at, ends, &mut each)?;
            found = Some(inside);
            at = end;
        } else {
            at = skip_value(bytes, at)?;
        }
    }
}

/// Hands each element of the array whose `[` is at `open` to `each`, ended as `ends` says;
/// gives the range inside the brackets and the index just past the `]`.
fn scan_array(
    bytes: &[u8],
    open: usize,
    mut ends: Ends,
    each: &mut impl FnMut(Range<usize>),
) -> Option<(Range<usize>, usize)> {
    let mut at = skip_space(bytes, open + 1);
    if bytes.get(at) == Some(&b']') {
        return Some((open + 1..at, at + 1));
    }
    loop {
        let laid_out = (ends == Ends::ByLayout)
            .then(|| end_as_laid_out(bytes, at))
            .flatten();
        // Once one is not, looking for the layout again could search to the end of the
        // file for each reflection.
        let end = match laid_out {
            Some(end) => end,
            None => {
                ends = Ends::ByBrackets;
                skip_value(bytes, at)?
            }
        };
        each(at..end);
        at = skip_space(bytes, end);
        match bytes.get(at)? {
            b',' => at = skip_space(bytes, at + 1),
            b']' => return Some((open + 1..at, at + 1)),
            _ => return None,
        }
    }
}

/// How wheelbook lays out a reflection in its file (serde_json's pretty printing): it
/// opens after a line break and four spaces, and closes with a line of its own indented
/// the same, while everything inside it is indented further.
const REFLECTION_INDENT: &[u8] = b"\n    ";

/// The index just past the reflection that opens at `at`, if it is laid out as wheelbook
/// writes one: its end is then the first `}` that begins a line of its own at its indent.
/// A JSON string cannot hold a line break, so no brace in a string passes for it, and the
/// braces of what the reflection holds stand further in. Looking only for that brace costs
/// a fifth of following every string and bracket. A file laid out otherwise by hand may be
/// misread here, like any the scan misreads: its reflections then fail to read, and it is
/// read the ordinary way.
fn end_as_laid_out(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'{') || !bytes[..at].ends_with(REFLECTION_INDENT) {
        return None;
    }
    let mut from = at + 1;
    loop {
        let close = from + memchr::memchr(b'}', bytes.get(from..)?)?;
        if bytes[..close].ends_with(REFLECTION_INDENT) {
            return Some(close + 1);
        }
        from = close + 1;
    }
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(at) {
        at += 1;
    }
    at
}

/// The index just past the string that starts (with its quote) at `at`.
fn skip_string(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'"') {
        return None;
    }
    let mut at = at + 1;
    loop {
        at += memchr::memchr2(b'"', b'\\', bytes.get(at..)?)?;
        if bytes[at] == b'"' {
            return Some(at + 1);
        }
        // An escape: whatever follows the backslash is not the end of the string.
        at += 2;
    }
}

/// The index just past the value that starts at `at`: a string, an object or array with
/// everything in it, or a number, `true`, `false` or `null`.
fn skip_value(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at)? {
        b'"' => skip_string(bytes, at),
        b'{' => blocks::skip_nested(bytes, at, b'{', b'}'),
        b'[' => blocks::skip_nested(bytes, at, b'[', b']'),
        _ => {
            let rest = &bytes[at..];
            let length = rest
                .iter()
                .position(|b| matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t'))
                .unwrap_or(rest.len());
            (length > 0).then_some(at + length)
        }
    }
}

/// The index just past the object or array that opens at `at`. Only its own kind of bracket
/// is counted: in JSON the other kind always comes in pairs inside it, outside strings.
/// [`blocks::skip_nested`] does this quicker; this, plainer, is what it is tested against.
#[cfg(test)]
fn skip_nested(bytes: &[u8], at: usize, open: u8, close: u8) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = at;
    loop {
        at += memchr::memchr3(b'"', open, close, bytes.get(at..)?)?;
        match bytes[at] {
            b'"' => {
                at = skip_string(bytes, at)?;
                continue;
            }
            byte if byte == open => depth += 1,
            _ => {
                depth -= 1;
                if depth == 0 {
                    return Some(at + 1);
                }
            }
        }
        at += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// JSON values whose strings hold quotes, backslashes, brackets and runs of backslashes,
    /// nested deep enough and long enough to cross several 64-byte blocks.
    fn value() -> impl Strategy<Value = serde_json::Value> {
        let text = prop::collection::vec(
            prop_oneof![
                Just(r#""\\\""#.to_string()),
                Just("\\".to_string()),
                Just("{[}]".to_string()),
                Just("é—’".to_string()),
                Just("a longer run of plain words".to_string()),
                any::<char>().prop_map(String::from),
            ],
            0..8,
        )
        .prop_map(|parts| parts.concat());
        let leaf = prop_oneof![
            text.clone().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            Just(serde_json::Value::Null),
        ];
        leaf.prop_recursive(4, 48, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
                prop::collection::vec((text.clone(), inner), 0..6)
                    .prop_map(|fields| serde_json::Value::Object(fields.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn blocks_find_the_end_the_plain_way_finds(
            value in value(),
            pretty in any::<bool>(),
            cut in any::<prop::sample::Index>(),
        ) {
            let wrapped = serde_json::json!([{"value": value}, {"after": "}]"}]);
            let text = match pretty {
                true => serde_json::to_vec_pretty(&wrapped),
                false => serde_json::to_vec(&wrapped),
            }
            .expect("json");
            // The first brace opens the object around the value; the last, the one after it.
            let first = text.iter().position(|&b| b == b'{').expect("an object");
            let last = text.iter().rposition(|&b| b == b'{').expect("an object");
            let starts = [(0, b'[', b']'), (first, b'{', b'}'), (last, b'{', b'}')];
            for (at, open, close) in starts {
                let plain = skip_nested(&text, at, open, close);
                prop_assert_eq!(blocks::skip_nested(&text, at, open, close), plain);
                // Cut short, neither finds an end, or both the same one before the cut.
                let short = &text[..cut.index(text.len())];
                if at < short.len() {
                    let plain = skip_nested(short, at, open, close);
                    prop_assert_eq!(blocks::skip_nested(short, at, open, close), plain);
                }
            }
        }
    }

    proptest! {
        #[test]
        fn the_layout_ends_each_reflection_where_its_brackets_do(
            values in prop::collection::vec(value(), 1..5),
        ) {
            // Laid out as wheelbook writes a workbook: objects whose strings may hold line
            // breaks, braces and the text of a reflection's last line.
            let reflections: Vec<_> = values
                .into_iter()
                .map(|value| serde_json::json!({"value": value, "text": "\n    }, {\n    }"}))
                .collect();
            let workbook = serde_json::json!({"schema_version": 2, "reflections": reflections});
            let text = serde_json::to_vec_pretty(&workbook).expect("json");
            let outline = scan(&text).expect("a workbook's layout");
            let plain = scan_with(&text, Ends::ByBrackets);
            prop_assert_eq!(Some(&outline), plain.as_ref());
            for reflection in &outline.reflections {
                let end = end_as_laid_out(&text, reflection.start);
                prop_assert_eq!(end, Some(reflection.end), "ended by the layout");
            }
        }
    }

    #[test]
    fn a_reflection_laid_out_otherwise_is_ended_by_its_brackets() {
        let compact = br#"{"reflections": [{"a": {"b": 1}}, {}]}"#;
        assert_eq!(end_as_laid_out(compact, 17), None);
        let closed_otherwise = b"{\n  \"reflections\": [\n    {\"a\": 1},\n    {\"b\": {}}\n  ]\n}";
        let outline = scan(closed_otherwise).expect("a workbook's layout");
        assert_eq!(outline.reflections.len(), 2);
        assert_eq!(Some(outline), scan_with(closed_otherwise, Ends::ByBrackets));
        // A brace closing something inside it at its indent is taken for its end: the scan
        // then misreads the file, which is read the ordinary way.
        let misleading = b"{\n  \"reflections\": [\n    {\n      \"a\": {\n    },\n      \"b\": 1\n    }\n  ]\n}";
        let inside = std::str::from_utf8(misleading)
            .expect("utf-8")
            .find("    {");
        let first = inside.expect("a reflection") + 4;
        assert_eq!(end_as_laid_out(misleading, first), Some(first + 20));
        assert!(scan_with(misleading, Ends::ByBrackets).is_some());
        assert_ne!(scan(misleading), scan_with(misleading, Ends::ByBrackets));
    }

    fn texts<'a>(bytes: &'a [u8], outline: &Outline) -> Vec<&'a str> {
        outline
            .reflections
            .iter()
            .map(|r| std::str::from_utf8(&bytes[r.clone()]).expect("utf-8"))
            .collect()
    }

    #[test]
    fn finds_each_reflection_whatever_is_in_its_strings() {
        let json = br#" {"schema_version": 2, "a": {"reflections": [1]}, "b": [{"x": "]}"}],
            "reflections" : [ {"t": "a \"quoted\" } ] { [ text", "n": [1, {"m": null}]},
            {"t": "\\"}, 3.5e2 , "s", true ] , "actions": [] } "#;
        let outline = scan(json).expect("a workbook's layout");
        assert_eq!(
            texts(json, &outline),
            [
                r#"{"t": "a \"quoted\" } ] { [ text", "n": [1, {"m": null}]}"#,
                r#"{"t": "\\"}"#,
                "3.5e2",
                r#""s""#,
                "true",
            ]
        );
        let inside = std::str::from_utf8(&json[outline.inside]).expect("utf-8");
        assert!(
            inside.starts_with(" {\"t\"") && inside.ends_with("true "),
            "{inside}"
        );
    }

    #[test]
    fn an_empty_or_missing_array_is_told_apart() {
        let empty = scan(br#"{"reflections": [ ], "actions": []}"#).expect("layout");
        assert!(empty.reflections.is_empty());
        assert_eq!(empty.inside, 17..18);
        assert_eq!(scan(br#"{"actions": []}"#), None);
        assert_eq!(scan(b"{}"), None);
    }

    #[test]
    fn anything_else_is_left_to_the_ordinary_reader() {
        for bad in [
            &b""[..],
            b"[]",
            br#"{"reflections": [{"a": 1}"#,
            br#"{"reflections": [{"a": "unterminated}]}"#,
            br#"{"reflections": [{} {}]}"#,
            br#"{"reflections": [], "reflections": []}"#,
            br#"{"reflections": {}}"#,
            br#"{"reflections" []}"#,
            br#"{"reflections": [,]}"#,
        ] {
            assert_eq!(scan(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }
}
