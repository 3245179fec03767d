//! Tests of the shortcuts that keep the scan linear: they must never hide a match.

use proptest::strategy::{Just, Strategy};

use super::super::{Finding, scan, scan_all};
use super::contacts::same;
use super::*;

/// Texts rich in the pieces of every pattern, and anything else at all.
const TEXT: &str = "[0-9A-Za-z +()/.:,'’@é–\\-\n]{0,80}|\\PC{0,40}";

/// The pieces that patterns are built from, and the gaps they allow between them.
#[rustfmt::skip]
const WORDS: &[&str] = &[
    "Mr", "mrs", "Dr", "Sister", "Smith", "O", "Brien", "A", "The", "dob", "D", "o", "b",
    "date", "of", "birth", "born", "on", "in", "aged", "age", "87", "87yo", "y", "years",
    "old", "under", "12", "3rd", "March", "mar", "Sept", "2024", "1950", "24", "MRN", "ID",
    "NHS", "no", "hospital", "RXX1234567", "123456", "943", "476", "5919", "9434765919",
    "E1", "6AN", "sw1a1aa", "GIR", "0AA", "221B", "Baker", "St", "Street", "John", "s",
    "020", "7946", "0000", "07700", "900123", "44", "0", "to", "and", "over", "plus",
    "date of birth", "D.O.B", "Mr Smith", "café", "é",
];
#[rustfmt::skip]
const GAPS: &[&str] = &[
    " ", " ", " ", "  ", "-", "/", ".", ". ", ", ", ": ", "'", "’", "\n", "+", "(", ")", "#",
    "\u{a0}",
];

/// What [`may_hold_identifier`] decides, a byte and a word at a time.
fn plainly_may_hold(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.iter().any(|&b| b.is_ascii_digit() || b == b'@') {
        return true;
    }
    let mut at = 0;
    while at < bytes.len() {
        let len = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        if len > 0 && quick::names_or_labels(bytes, at, len) {
            return true;
        }
        at += len.max(1);
    }
    false
}

/// Fewer than `most` of `words`, each followed by one of `gaps`.
fn joined(
    words: &'static [&'static str],
    gaps: &'static [&'static str],
    most: usize,
) -> impl Strategy<Value = String> {
    let pair = (
        proptest::sample::select(words),
        proptest::sample::select(gaps),
    );
    proptest::collection::vec(pair, 0..most)
        .prop_map(|parts| parts.into_iter().flat_map(|(w, g)| [w, g]).collect())
}

/// Titles, labels and the words around them, without a digit or an `@`: text the quick
/// look decides by its words alone.
fn titles_and_labels() -> impl Strategy<Value = String> {
    const WORDS: &[&str] = &[
        "Mr", "mrs", "Dr", "DOB", "date", "d", "Sister", "Smith", "x",
    ];
    const GAPS: &[&str] = &[" ", ".", "-", "é", "", "\n"];
    joined(WORDS, GAPS, 12)
}

/// Up to thirty of `WORDS`, each followed by one of `GAPS`.
fn phrases() -> impl Strategy<Value = String> {
    joined(WORDS, GAPS, 30)
}

#[test]
fn every_word_a_pattern_can_begin_with_passes_the_filter() {
    let labels = [
        "dob", "d", "date", "born", "aged", "age", "mrn", "id", "gir", "sept",
    ];
    let abbreviations: Vec<&str> = MONTHS.iter().map(|m| &m[..3]).collect();
    let lists = [MONTHS, TITLES, RECORD_LABELS, &labels, &abbreviations];
    for word in lists.into_iter().flatten() {
        for case in [word.to_string(), word.to_uppercase(), word.to_lowercase()] {
            assert!(may_begin_pattern(&case), "{case}");
        }
    }
    for word in ["the", "and", "carer", "Monday", "née", "", "é"] {
        assert!(!may_begin_pattern(word), "{word}");
    }
}

#[test]
fn tokens_are_the_runs_of_alphanumeric_characters() {
    let text = "café – Mr O'Brien, 87yo; 谢谢 x9 ½ ２";
    let got: Vec<(&str, usize, bool)> = tokens(text)
        .iter()
        .map(|t| (t.s, t.start, t.has_digit))
        .collect();
    assert_eq!(
        got,
        [
            ("café", 0, false),
            ("Mr", 10, false),
            ("O", 13, false),
            ("Brien", 15, false),
            ("87yo", 22, true),
            ("谢谢", 28, false),
            ("x9", 35, true),
            ("½", 38, false),
            ("２", 41, false),
        ]
    );
}

#[test]
fn phone_numbers_start_at_a_plus_a_bracket_or_a_token_starting_with_0() {
    let s = Scan::new("call +44 7700 900123 or (020) 7946 0000, not x07700 900123 or 1020");
    let starts: Vec<&str> = s.phone_starts().map(|i| &s.text[i..i + 2]).collect();
    assert_eq!(starts, ["+4", "(0", "02", "00"]);
}

#[test]
fn nothing_but_an_alphanumeric_character_is_the_same_as_one_ignoring_case() {
    let all = || (0..=0x10FFFF_u32).filter_map(char::from_u32);
    let lowered = |c: char| c.to_lowercase().collect::<String>();
    let alphanumeric: std::collections::HashSet<String> =
        all().filter(|c| c.is_alphanumeric()).map(lowered).collect();
    for c in all().filter(|c| !c.is_alphanumeric()) {
        assert!(
            !alphanumeric.contains(&lowered(c)),
            "{c:?} U+{:04X}",
            c as u32
        );
    }
    assert!(same('K', 'k') && same('\u{212A}', 'k') && same('’', '\''));
}

#[test]
fn the_quick_look_passes_only_texts_that_may_hold_an_identifier() {
    let padding = "a".repeat(61);
    for text in [
        "Mr Smith",
        "ward 4",
        "jo@x.org",
        "her DOB",
        "d.o.b.",
        "Date",
        "café Mr Ng",
        "Seen by dr. Ng",
        &format!("{padding}, Dr Ng"),
        &format!("{padding}. Sister"),
    ] {
        assert!(may_hold_identifier(text), "{text:?}");
    }
    for text in [
        "",
        "The carer felt unheard, and I'd say so.",
        "Professional drama: Mrsmith, Drs and Misses.",
        "Dans la salle, déjà vu – “Miło mi”.",
        &format!("{padding}Mr Ng"),
    ] {
        assert!(!may_hold_identifier(text), "{text:?}");
    }
}

proptest::proptest! {
    /// A text the quick look passes over holds nothing the full scan would find.
    #[test]
    fn the_quick_look_misses_nothing(text in proptest::prop_oneof![phrases(), TEXT]) {
        if !may_hold_identifier(&text) {
            proptest::prop_assert_eq!(scan_all(&text, &[]), vec![]);
        }
    }

    /// The quick look, 64 bytes at a time, says what a plain look says, wherever its
    /// blocks fall: a digit, an `@`, or a whole word of ASCII letters that is a title or a
    /// label.
    #[test]
    fn the_quick_look_is_a_plain_look_in_blocks(
        // Often just short of a block, so that a word runs on into the next.
        before in proptest::prop_oneof![Just(63usize), Just(64), Just(127), 0usize..130],
        letters in proptest::bool::ANY,
        text in proptest::prop_oneof![phrases(), TEXT, titles_and_labels()],
    ) {
        let text = if letters { "x" } else { " " }.repeat(before) + &text;
        proptest::prop_assert_eq!(may_hold_identifier(&text), plainly_may_hold(&text));
    }

    /// ASCII text, 64 bytes at a time, has the tokens it has a character at a time, wherever
    /// its blocks fall: their places, and whether each has a digit or is digits only.
    #[test]
    fn ascii_tokens_by_blocks_are_those_by_characters(
        before in proptest::prop_oneof![Just(63usize), Just(64), Just(127), 0usize..130],
        letters in proptest::bool::ANY,
        text in "[0-9A-Za-z .:/-]{0,200}",
    ) {
        let text = if letters { "x9" } else { " " }.repeat(before / 2) + &text;
        let seen = |toks: Vec<tokens::Tok>| -> Vec<(usize, usize, bool, bool)> {
            toks.iter().map(|t| (t.start, t.end, t.has_digit, t.digits)).collect()
        };
        let (mut by_blocks, mut by_characters) = (Vec::new(), Vec::new());
        tokens::ascii_tokens(&text, &mut by_blocks);
        tokens::any_tokens(&text, &mut by_characters);
        proptest::prop_assert_eq!(seen(by_blocks), seen(by_characters));
    }

    /// A token that fails the filter begins no pattern, so skipping it loses nothing.
    #[test]
    fn skipped_tokens_begin_no_pattern(text in proptest::prop_oneof![phrases(), TEXT]) {
        let s = Scan::new(&text);
        let tried: Vec<usize> = s.pattern_starts().map(|(i, _)| i).collect();
        for i in (0..s.toks.len()).filter(|i| !tried.contains(i)) {
            let found = [
                s.date_at(i), s.birth_at(i), s.nhs_at(i), s.age_at(i), s.name_at(i),
                s.postcode_at(i), s.street_at(i), s.record_at(i),
            ];
            proptest::prop_assert!(found.iter().all(Option::is_none), "{:?}", s.toks[i]);
        }
    }

    /// Every byte where a phone number is found is one of the starts tried.
    #[test]
    fn phone_starts_miss_no_number(text in proptest::prop_oneof![phrases(), TEXT]) {
        let s = Scan::new(&text);
        let starts: Vec<usize> = s.phone_starts().collect();
        for (i, _) in text.char_indices() {
            if s.phone_at(i).is_some() {
                proptest::prop_assert!(starts.contains(&i), "{i}");
            }
        }
    }
}

/// Identifiers and near misses, to sprinkle through generated prose.
const SPRINKLES: &[&str] = &[
    "Mr Smith of 12 Acacia Avenue, E1 6AN",
    "DOB 12/03/1950",
    "NHS 943 476 5919",
    "call 07700 900123 or (020) 7946 0000",
    "aged 87",
    "write to jo.bloggs@nhs.net",
    "MRN: RXX1234567",
    "seen on 1st may 2023",
    "Dr. The next step",
    "aged 65 and over",
    "ward 4 at 14:30",
    "Sister Agnes",
];

#[test]
fn a_long_text_holds_the_findings_of_its_paragraphs() {
    let pack = crate::content::PackSource::BuiltIn.load().expect("pack");
    let workbook = crate::workbook::generate::generate(&pack, 120, 7);
    let answers = workbook.reflections.iter().flat_map(|r| r.answers.values());
    // Five line breaks end every pattern: no gap a pattern allows is that long.
    let paragraphs: Vec<String> = answers
        .zip(SPRINKLES.iter().cycle())
        .enumerate()
        .map(|(n, (answer, sprinkle))| match n % 3 {
            0 => format!("{sprinkle}. {answer}"),
            1 => format!("{answer} {sprinkle}"),
            _ => answer.clone(),
        })
        .collect();
    let text = paragraphs.join("\n\n\n\n\n");
    assert!(text.len() > 200_000, "{}", text.len());

    let mut expected = Vec::new();
    let mut offset = 0;
    for paragraph in &paragraphs {
        expected.extend(scan(paragraph, &[]).into_iter().map(|f| Finding {
            start: f.start + offset,
            end: f.end + offset,
            ..f
        }));
        offset += paragraph.len() + "\n\n\n\n\n".len();
    }
    assert!(expected.len() > 300, "{}", expected.len());
    assert_eq!(scan(&text, &[]), expected);
}
