//! Property tests: any workbook survives a trip through JSON unchanged.
//!
//! The workbook file is the user's only copy of what they wrote, so saving and loading must
//! never lose or alter anything. The strategies (`workbook_strategies/`) are written by hand
//! for every type in the model, deliberately including the awkward corners.

mod workbook_strategies;

use chrono::{DateTime, FixedOffset, TimeZone};
use proptest::prelude::*;
use wheelbook::workbook::Workbook;
use wheelbook::workbook::flat::{FlatMap, FlatSet};
use workbook_strategies::*;

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

/// `DateTime`'s `PartialEq` compares instants only, so a timestamp that came back at the
/// same instant but in UTC would still compare equal. The user's offset is part of the data.
fn offsets(wb: &Workbook) -> Vec<FixedOffset> {
    let mut all = vec![wb.created.offset(), wb.updated.offset()];
    for r in &wb.reflections {
        all.extend([r.created.offset(), r.updated.offset()]);
    }
    for a in &wb.actions {
        all.extend([a.created.offset(), a.updated.offset()]);
    }
    all.into_iter().copied().collect()
}

/// The CPD hours bit for bit (`PartialEq` on `f64` would equate 0.0 and -0.0).
fn hours_bits(wb: &Workbook) -> Vec<Option<u64>> {
    wb.reflections
        .iter()
        .map(|r| r.cpd.hours.map(f64::to_bits))
        .collect()
}

fn assert_same(original: &Workbook, read_back: &Workbook) -> Result<(), TestCaseError> {
    prop_assert_eq!(read_back, original);
    prop_assert_eq!(offsets(read_back), offsets(original));
    prop_assert_eq!(hours_bits(read_back), hours_bits(original));
    Ok(())
}

/// The same workbook with every map and set rebuilt in reverse insertion order.
fn rebuilt_in_reverse(wb: &Workbook) -> Workbook {
    fn rev_map<K: Clone + Ord, V: Clone>(m: &FlatMap<K, V>) -> FlatMap<K, V> {
        let mut out = FlatMap::new();
        for (k, v) in m.iter().rev() {
            out.insert(k.clone(), v.clone());
        }
        out
    }
    let mut wb = wb.clone();
    for r in wb.reflections_mut() {
        r.ratings = rev_map(&r.ratings);
        r.answers = rev_map(&r.answers);
        r.ticked_activities = r
            .ticked_activities
            .iter()
            .rev()
            .cloned()
            .collect::<FlatSet<_>>();
        r.prompts = r
            .prompts
            .iter()
            .rev()
            .map(|(area, inner)| (area.clone(), rev_map(inner)))
            .collect();
    }
    wb
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        // Shrinking is cheap here; let it reach a truly small workbook on failure.
        max_shrink_iters: 20_000,
        ..ProptestConfig::default()
    })]

    /// Compact JSON, as a string.
    #[test]
    fn compact_json_round_trips(wb in workbook()) {
        let json = serde_json::to_string(&wb).unwrap();
        let read_back: Workbook = serde_json::from_str(&json).unwrap();
        assert_same(&wb, &read_back)?;
        // Writing what was read gives the very same document.
        prop_assert_eq!(serde_json::to_string(&read_back).unwrap(), json);
    }

    /// Pretty JSON, as bytes (the way the store writes the file).
    #[test]
    fn pretty_json_round_trips(wb in workbook()) {
        let bytes = serde_json::to_vec_pretty(&wb).unwrap();
        let read_back: Workbook = serde_json::from_slice(&bytes).unwrap();
        assert_same(&wb, &read_back)?;
        prop_assert_eq!(serde_json::to_vec_pretty(&read_back).unwrap(), bytes);
    }

    /// Serialising is deterministic: the same workbook always gives the same bytes, however
    /// its maps and sets were built, so saving an unchanged workbook changes nothing on disk.
    #[test]
    fn serialising_is_deterministic(wb in workbook()) {
        let first = serde_json::to_vec_pretty(&wb).unwrap();
        prop_assert_eq!(serde_json::to_vec_pretty(&wb).unwrap(), first.clone());
        prop_assert_eq!(serde_json::to_vec_pretty(&wb.clone()).unwrap(), first);
        prop_assert_eq!(
            serde_json::to_string(&rebuilt_in_reverse(&wb)).unwrap(),
            serde_json::to_string(&wb).unwrap()
        );
    }
}

/// A field this build does not know (written by a newer build, or by hand) is an error, not
/// something to drop: silently dropping it would lose the user's words on the next save.
#[test]
fn unknown_field_is_rejected() {
    let doc = |extra: &str| {
        format!(
            r#"{{
  "schema_version": 1,
  "created": "2025-03-01T09:30:00+01:00",
  "updated": "2025-03-01T09:30:00.123456789-05:30",
  "mode": "team",
  "reflections": [
    {{
      "id": "r1",
      "created": "2025-03-01T09:30:00Z",
      "updated": "2025-03-01T09:30:00Z",
      "title": "Night shift",
      "context": "incident",
      "focus": {{ "areas": ["communication"] }},
      "pack": {{ "id": "wheel", "version": "1" }},
      "status": "draft"{extra}
    }}
  ],
  "actions": []
}}"#
        )
    };

    let known: Workbook = serde_json::from_str(&doc("")).expect("the document without it reads");
    assert_eq!(known.reflections.len(), 1);

    let err = serde_json::from_str::<Workbook>(&doc(",\n      \"mood\": 3"))
        .expect_err("an unknown field must be rejected");
    assert!(
        err.to_string().contains("unknown field `mood`"),
        "unexpected error: {err}"
    );
}

/// Seven minutes of CPD, in hours, as the app would compute it. serde_json writes the
/// shortest exact form (`0.11666666666666667`), but without its `float_roundtrip` feature it
/// reads that back one bit off (`0.11666666666666668`).
#[test]
fn seven_minutes_in_hours_round_trips() {
    let hours = 7.0_f64 / 60.0;
    let json = serde_json::to_string(&hours).unwrap();
    let read_back: f64 = serde_json::from_str(&json).unwrap();
    assert_eq!(
        read_back.to_bits(),
        hours.to_bits(),
        "{json} read back as {read_back}"
    );
}

/// Timestamps are written as RFC 3339 with the user's offset (a sanity check on the format
/// the properties above rely on).
#[test]
fn timestamp_keeps_its_offset_in_json() {
    let ts: DateTime<FixedOffset> = FixedOffset::east_opt(-(3 * 3600 + 30 * 60))
        .unwrap()
        .with_ymd_and_hms(2025, 1, 2, 3, 4, 5)
        .unwrap();
    assert_eq!(
        serde_json::to_string(&ts).unwrap(),
        "\"2025-01-02T03:04:05-03:30\""
    );
}
