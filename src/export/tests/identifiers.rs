//! Tests of the identifier check.

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

#[test]
fn the_modulus_11_check() {
    assert!(nhs_number_is_valid("9434765919"));
    assert!(!nhs_number_is_valid("9434765918"));
    assert!(nhs_number_is_valid("4010232137"));
    assert!(
        !nhs_number_is_valid("9876544321"),
        "Wikipedia's format example fails"
    );
    for last in 0..10 {
        // 11 - remainder is 10: never issued, whatever the last digit.
        assert!(!nhs_number_is_valid(&format!("943476596{last}")));
    }
    for bad in [
        "943476591",
        "94347659190",
        "",
        "943 476 5919",
        "94347659１9",
        "abcdefghij",
    ] {
        assert!(!nhs_number_is_valid(bad), "{bad:?}");
    }
}

#[test]
fn a_check_digit_of_eleven_means_zero() {
    // 4,0,1,0,2,3,2,1,1 weighted 10 down to 2: 40+0+8+0+12+15+8+3+2 = 88 = 8 * 11.
    assert!(nhs_number_is_valid("4010232110"));
    assert!(!nhs_number_is_valid("4010232111"));
}

#[test]
fn nhs_numbers_plain_spaced_or_hyphenated_when_the_check_digit_holds() {
    assert_one(
        Kind::NhsNumber,
        &[
            ("NHS 943 476 5919 on the letter", "943 476 5919"),
            ("number 9434765919.", "9434765919"),
            ("(943-476-5919)", "943-476-5919"),
            ("401 023 2137", ""),
        ],
    );
    assert_none(
        Some(Kind::NhsNumber),
        &[
            "943 476 5918",
            "9434765918",
            "987 654 4321",
            "943 476 591",
            "94347659",
            "943476591",
            "94347659190",
            "943 476 59190",
            "x9434765919",
        ],
    );
}

#[test]
fn an_nhs_label_with_a_failing_number_is_still_a_record_number() {
    assert_one(
        Kind::RecordNumber,
        &[("NHS no. 943 476 5918", ""), ("NHS number: 9876544321", "")],
    );
    assert_one(Kind::NhsNumber, &[("NHS no 943 476 5919", "943 476 5919")]);
}

#[test]
fn dates_of_birth() {
    assert_one(
        Kind::DateOfBirth,
        &[
            ("DOB 12/03/1950", ""),
            ("dob: 12.03.50", ""),
            ("D.O.B. 12 March 1950", ""),
            ("her date of birth is on file", "date of birth"),
            ("Date of birth: 1 Jan 1950", ""),
            ("born 12 March 1950", ""),
            ("he was born on 12/03/1950 in Leeds", "born on 12/03/1950"),
            ("born in 1950", ""),
            ("DOB 1950", ""),
        ],
    );
    assert_none(
        Some(Kind::DateOfBirth),
        &["first born", "born and raised locally", "born on a Tuesday"],
    );
}

#[test]
fn full_dates_in_the_narrative() {
    assert_one(
        Kind::FullDate,
        &[
            ("12/03/2024", ""),
            ("on 12-03-2024 we met", "12-03-2024"),
            ("12.03.24", ""),
            ("1/3/24", ""),
            ("2024-03-12", ""),
            ("12 March 2024", ""),
            ("the 12th of March 2024", "12th of March 2024"),
            ("3 Sept 2024", ""),
            ("12 Mar. 2024", ""),
            ("March 12th 2024", ""),
            ("March 12, 2024", ""),
            ("12-Mar-2024", ""),
            ("12/Mar/24", ""),
            ("seen on 1st may 2023.", "1st may 2023"),
        ],
    );
    assert_none(
        Some(Kind::FullDate),
        &[
            "March 2024",
            "in 2024",
            "12 March",
            "14:30",
            "3 of 5",
            "32/03/2024",
            "12/13/2024",
            "12/03",
            "version 1.2.3.4",
            "10.0.12.2024",
            "12/03-2024",
            "12 March 24 hours later",
        ],
    );
}

#[test]
fn exact_ages() {
    assert_one(
        Kind::ExactAge,
        &[
            ("aged 87", ""),
            ("Age: 87", ""),
            ("an 87 years old man", "87 years old"),
            ("an 87-year-old", "87-year-old"),
            ("87yo", ""),
            ("87 yo", ""),
            ("87 y/o", ""),
            ("87y.o", ""),
            ("87yrs old", ""),
            ("a 6-week-old baby", "6-week-old"),
            ("87 years of age", ""),
            ("aged 87 years old", ""),
        ],
    );
    assert_none(
        Some(Kind::ExactAge),
        &[
            "7 days",
            "for 20 years",
            "a 10-minute call",
            "aged 65 and over",
            "aged 18-25",
            "aged 18 to 25",
            "aged 65+",
            "children under age 5",
            "old age",
            "Stage 3",
            "1000 years old",
        ],
    );
}

#[test]
fn titles_with_names() {
    assert_one(
        Kind::TitleAndName,
        &[
            ("Mr Smith", ""),
            ("I spoke to Mrs. Patel today", "Mrs. Patel"),
            ("Dr Jones", ""),
            ("Ms Okafor", ""),
            ("Miss Brown", ""),
            ("Mx Taylor", ""),
            ("Prof Whitty", ""),
            ("Dr Sarah Jones said", "Dr Sarah Jones"),
            ("Dr A. Smith", ""),
            ("Dr A Smith", ""),
            ("Mr O'Brien", ""),
            ("Mrs Smith-Jones", ""),
            ("Mr Smith's view", "Mr Smith"),
            ("mr Ólafsson", ""),
            ("Sister Agnes", ""),
        ],
    );
    assert_none(
        Some(Kind::TitleAndName),
        &[
            "the Dr said",
            "I spoke to Ms.",
            "I spoke to the Ms. Then I left",
            "Dr. The next step",
            "MS and MR are abbreviations",
            "the Dr A",
            "Ms. A nurse helped",
            "Mrs 3",
            "Mrsmith",
            "miss Monday's meeting",
        ],
    );
}

#[test]
fn full_postcodes_but_not_districts() {
    for code in [
        "E1 6AN", "SW1A 1AA", "EC1A 1BB", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "GIR 0AA",
    ] {
        assert_one(Kind::Postcode, &[(code, "")]);
        let lower = code.to_lowercase();
        assert_one(Kind::Postcode, &[(lower.as_str(), "")]);
        let tight = code.replace(' ', "");
        assert_one(Kind::Postcode, &[(tight.as_str(), "")]);
    }
    assert_one(
        Kind::Postcode,
        &[("lives near E1 6AN, by the park", "E1 6AN")],
    );
    assert_none(
        Some(Kind::Postcode),
        &[
            "E1",
            "lives in E1",
            "SW1A",
            "ward B3 2nd floor",
            "Q1 1AA",
            "E1 6CN",
            "AB1 23C",
            "COVID19",
            "level 3",
        ],
    );
}

#[test]
fn street_addresses() {
    assert_one(
        Kind::StreetAddress,
        &[
            ("12 Acacia Avenue", ""),
            ("visited 221B Baker Street today", "221B Baker Street"),
            ("3 Mile End Road", ""),
            ("14 St John's Road", ""),
            ("10, Downing Street", ""),
            ("2 Park Lane", ""),
            ("7 Laburnum Rd", ""),
        ],
    );
    assert_none(
        Some(Kind::StreetAddress),
        &[
            "3 Park",
            "12 acacia avenue",
            "ward 4 Road",
            "Band 6 staff",
            "12345 Acacia Avenue",
            "3 Mile End",
        ],
    );
}

#[test]
fn hospital_and_record_numbers() {
    assert_one(
        Kind::RecordNumber,
        &[
            ("MRN 123456", ""),
            ("MRN: RXX1234567", ""),
            ("hospital number 1234567", ""),
            ("Hosp no. 7654321", ""),
            ("record no. 12345", ""),
            ("ID 12345678", ""),
            ("patient ID: 123456", ""),
            ("case #123456", ""),
            ("RXX1234567", ""),
            ("see A1234567B", "A1234567B"),
        ],
    );
    assert_none(
        Some(Kind::RecordNumber),
        &[
            "her hospital number was on the wristband",
            "ID 12345",
            "record 12345",
            "Band 6",
            "level 3",
            "ward 4",
            "COVID19",
            "Rxx1234567",
            "ABCD1234567",
            "the 2019 joint statement",
        ],
    );
}

#[test]
fn uk_phone_numbers() {
    assert_one(
        Kind::PhoneNumber,
        &[
            ("020 7946 0000", ""),
            ("call 07700 900123.", "07700 900123"),
            ("+44 7700 900123", ""),
            ("+447700900123", ""),
            ("+44 (0)20 7946 0000", ""),
            ("(020) 7946 0000", ""),
            ("0161 496 0000", ""),
            ("01632 960000", ""),
            ("07700-900-123", ""),
            ("0800 123 456", ""),
        ],
    );
    assert_none(
        Some(Kind::PhoneNumber),
        &[
            "14:30",
            "07:30",
            "0.5 mg",
            "2019",
            "020 7946",
            "12 0207",
            "x07700900123",
            "07700900123x",
            "+33 1 23 45 67 89",
            "04 1234 5678",
        ],
    );
}

#[test]
fn email_addresses() {
    assert_one(
        Kind::Email,
        &[
            ("jo.bloggs@nhs.net", ""),
            ("write to jo+work@example.co.uk.", "jo+work@example.co.uk"),
            ("(a_b@x-y.org)", "a_b@x-y.org"),
        ],
    );
    assert_none(
        Some(Kind::Email),
        &["@team", "meet @ 3", "jo@localhost", "jo@x.c0m", "@nhs.net"],
    );
}

#[test]
fn the_watch_list_matches_whole_words_ignoring_case() {
    let watch = vec![
        "Nightingale Ward".to_string(),
        "Priya".to_string(),
        String::new(),
        "   ".to_string(),
        "Zoë".to_string(),
    ];
    let hits = |text: &str| -> Vec<String> {
        scan(text, &watch)
            .into_iter()
            .filter(|f| f.kind == Kind::WatchList)
            .map(|f| f.text)
            .collect()
    };
    assert_eq!(
        hits("On nightingale  ward, PRIYA helped."),
        ["nightingale  ward", "PRIYA"]
    );
    assert_eq!(hits("Nightingale\nWard"), ["Nightingale\nWard"]);
    assert_eq!(hits("ZOË and Zoë"), ["ZOË", "Zoë"]);
    assert!(hits("Priyanka on Nightingale Wards").is_empty());
    assert!(hits("Zoëy").is_empty());
    assert!(scan("anything at all", &[String::new()]).is_empty());
}

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
