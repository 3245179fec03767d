//! NHS and record numbers, dates, dates of birth and ages.

use super::*;

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
