//! Tests of the identifier check: the helpers and what holds of every kind here, each kind
//! in `numbers` (numbers, dates and ages) or `contacts` (names, places, phones, emails and
//! the watch list).

use super::*;
use crate::workbook::{ActionStatus, Focus, OwnActivity, PackRef, Timestamp};

/// The findings in `text` as (kind, matched text).
fn found(text: &str) -> Vec<(Kind, String)> {
    scan(text, &[])
        .into_iter()
        .map(|f| (f.kind, f.text))
        .collect()
}

/// Asserts that each text holds exactly one finding, of `kind`, matching `expected` (the
/// whole text when `expected` is empty).
fn assert_one(kind: Kind, cases: &[(&str, &str)]) {
    for &(text, expected) in cases {
        let expected = if expected.is_empty() { text } else { expected };
        assert_eq!(
            found(text),
            vec![(kind, expected.to_string())],
            "scanning {text:?}"
        );
    }
}

/// Asserts that no text has a finding of `kind` (or, for `None`, any finding at all).
fn assert_none(kind: Option<Kind>, texts: &[&str]) {
    for text in texts {
        let hits: Vec<_> = found(text)
            .into_iter()
            .filter(|(k, _)| kind.is_none_or(|kind| *k == kind))
            .collect();
        assert!(hits.is_empty(), "scanning {text:?} found {hits:?}");
    }
}

mod contacts;
mod numbers;

#[test]
fn offsets_are_bytes_in_the_scanned_text() {
    let text = "café – Mr Smith, 87yo";
    let findings = scan(text, &[]);
    assert_eq!(findings.len(), 2);
    let mr = &findings[0];
    assert_eq!(mr.start, "café – ".len());
    assert_eq!(&text[mr.start..mr.end], "Mr Smith");
    assert_eq!(mr.text, "Mr Smith");
    assert_eq!(&text[findings[1].start..findings[1].end], "87yo");

    let text = "Zoë’s patient — Dr Ng";
    let f = scan(text, &["zoë".to_string()]);
    assert_eq!(
        f.iter().map(|f| &text[f.start..f.end]).collect::<Vec<_>>(),
        ["Zoë", "Dr Ng"]
    );
}

#[test]
fn findings_are_sorted_and_never_overlap() {
    let text = "DOB 12/03/1950. Mr Smith of 12 Acacia Avenue, E1 6AN, tel 020 7946 0000, \
                NHS 943 476 5919, aged 87, Smith again.";
    let findings = scan(text, &["Smith".to_string()]);
    let kinds: Vec<Kind> = findings.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        [
            Kind::DateOfBirth,
            Kind::TitleAndName,
            Kind::StreetAddress,
            Kind::Postcode,
            Kind::PhoneNumber,
            Kind::NhsNumber,
            Kind::ExactAge,
            Kind::WatchList,
        ]
    );
    for pair in findings.windows(2) {
        assert!(pair[0].end <= pair[1].start, "{pair:?}");
    }
    for f in &findings {
        assert_eq!(text[f.start..f.end], f.text);
    }
}

#[test]
fn ordinary_clinical_prose_is_left_alone() {
    assert_none(
        None,
        &[
            "Over 7 days I spent 2 hours a day on ward 4, scoring 3 of 5.",
            "The 2019 joint statement on reflection shaped how I wrote this.",
            "As a Band 6 nurse at level 3, a 10-minute call at 14:30 helped.",
            "In March 2024 the Dr said the plan was sound. I asked the Ms.",
            "We had 35 hours of CPD, 20 participatory, over 3 years (2022 to 2025).",
            "An older adult with COVID-19 was discharged after 5 days; MS clinic on Tuesday.",
            "Shift patterns: 07:30-20:00, 1 in 4 weekends. Dose 0.5 mg twice daily.",
            "I followed the NMC Code sections 1.1 to 1.5 and NICE NG97.",
            "Team of 12 staff, 3 students and 2 bank nurses across 2 sites.",
            "24/7 care, BP 120/80, SpO2 94%, 0.9% saline, 1:1 support, NEWS2 of 5, Room 101.",
            "Pain 5/10 at 09:15; GCS 15; B12 and CO2 checked; 4-6 weeks; 2-3 times a day.",
            "Seen by the GP and the Dr on Ward 7B; Mr and Mrs attended; see NICE NG12.",
        ],
    );
}

#[test]
fn every_kind_has_words() {
    use Kind::*;
    let all = [
        NhsNumber,
        DateOfBirth,
        FullDate,
        ExactAge,
        TitleAndName,
        Postcode,
        StreetAddress,
        RecordNumber,
        PhoneNumber,
        Email,
        WatchList,
    ];
    for kind in all {
        assert!(!kind.description().is_empty());
        assert!(kind.advice().ends_with('.'), "{kind:?}");
    }
}

#[test]
fn scan_reflection_names_each_field() {
    let at: Timestamp = "2026-03-01T10:00:00+00:00".parse().expect("a timestamp");
    let mut r = Reflection::draft(
        "r1".to_string(),
        at,
        "Visit to Mr Smith".to_string(),
        "service-user".to_string(),
        Focus::WholeWheel,
        PackRef {
            id: "p".into(),
            version: "1".into(),
        },
    );
    r.answers
        .insert("resilience.q2", "Call 07700 900123".to_string());
    r.answers
        .insert("resilience.q1", "Nothing to see".to_string());
    let prompts = r.prompts.get_or_insert_with("resilience", Default::default);
    prompts.insert("comments", "aged 87".to_string());
    prompts.insert("develop", "email jo@nhs.net".to_string());
    r.own_activities.push(OwnActivity {
        area: "resilience".into(),
        text: "Shadow Priya".to_string(),
    });
    r.cpd.method = Some("supervision with Dr Jones".to_string());
    let action = Action {
        id: "a1".to_string(),
        created: at,
        updated: at,
        text: "Visit 12 Acacia Avenue".to_string(),
        area: "resilience".into(),
        reflection: Some("r1".to_string()),
        due: None,
        status: ActionStatus::Open,
    };
    let located = scan_reflection(&r, &[&action], &["priya".to_string()]);
    let got: Vec<(&str, Kind, &str)> = located
        .iter()
        .map(|l| (l.field.as_str(), l.finding.kind, l.finding.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("title", Kind::TitleAndName, "Mr Smith"),
            ("answer to resilience.q2", Kind::PhoneNumber, "07700 900123"),
            ("comments on resilience", Kind::ExactAge, "aged 87"),
            ("development plan for resilience", Kind::Email, "jo@nhs.net"),
            ("own activity in resilience", Kind::WatchList, "Priya"),
            ("CPD method", Kind::TitleAndName, "Dr Jones"),
            (
                "action for resilience",
                Kind::StreetAddress,
                "12 Acacia Avenue"
            ),
        ]
    );
    assert!(located.iter().all(|l| l.reflection_id == "r1"));
    assert_eq!(located[0].finding.start, "Visit to ".len());
}

proptest::proptest! {
    /// Any text, however odd: no panic, and every finding is a sorted, disjoint slice of it.
    #[test]
    fn findings_are_always_slices_of_the_text(
        text in "[0-9A-Za-z +()/.:,'’@é–\\-\n]{0,60}|\\PC{0,40}",
        entry in "[A-Za-zé ]{0,6}",
    ) {
        let findings = scan(&text, &[entry]);
        let mut reached = 0;
        for f in &findings {
            proptest::prop_assert!(f.start >= reached && f.start < f.end);
            proptest::prop_assert_eq!(text.get(f.start..f.end), Some(f.text.as_str()));
            reached = f.end;
        }
    }
}
