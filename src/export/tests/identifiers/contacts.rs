//! Names with titles, postcodes, street addresses, phone numbers, email addresses and the
//! watch list.

use super::*;

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
