//! Naming the findings of a document by the fields of the chosen reflections.

use super::*;
use crate::export::identifiers::Kind;

fn finding_in(text: &str, words: &str) -> Finding {
    let start = text.find(words).expect("the words are in the text");
    Finding {
        kind: Kind::TitleAndName,
        text: words.to_string(),
        start,
        end: start + words.len(),
    }
}

fn field_of(fields: &mut Fields, reflection: &str, field: &str, text: &str, words: &str) {
    let located = Located {
        reflection_id: reflection.to_string(),
        field: field.to_string(),
        place: None,
        finding: finding_in(text, words),
    };
    fields.add(text, located);
}

/// The words given found in each text, in the sections of the reflection given, if any.
fn named(fields: &Fields, found: Vec<(&str, Text, Option<&str>, &str)>) -> Vec<(String, String)> {
    let found = found.into_iter().map(|(place, text, reflection, found)| {
        let finding = finding_in(text.as_str(), found);
        let text_words = words(text.as_str()).into();
        Found::new(place.to_string(), &text, reflection, finding, text_words)
    });
    let named = fields.name(found.collect()).into_iter();
    named.map(|l| (l.reflection_id, l.field)).collect()
}

fn pairs<const N: usize>(expected: [(&str, &str); N]) -> Vec<(String, String)> {
    expected
        .map(|(r, f)| (r.to_string(), f.to_string()))
        .to_vec()
}

#[test]
fn a_field_quoted_is_named_by_its_own_reflection_though_others_have_its_words() {
    let answers = ["Saw Mr Smith.", "Saw Mr Smith.", "Saw Mr Smith."].map(String::from);
    let mut fields = Fields::default();
    for (n, answer) in answers.iter().enumerate() {
        field_of(&mut fields, &format!("r{n}"), "answer", answer, "Mr Smith");
    }
    // The second and third quoted as they stand, and trimmed.
    let found = vec![
        ("Two", Text::Lasting(&answers[1]), None, "Mr Smith"),
        ("Three", Text::Lasting(&answers[2][4..]), None, "Mr Smith"),
    ];
    let expected = pairs([("r1", "answer"), ("r2", "answer")]);
    assert_eq!(named(&fields, found), expected);
}

#[test]
fn a_made_text_is_named_by_the_field_of_its_reflection_it_was_made_from() {
    let mut fields = Fields::default();
    // Each reflection's fields are texts of their own, as in a workbook.
    let title = String::from("Visit with Mr Smith");
    let answer = String::from("Mr Smith was seen at home.  We talked about his fall.");
    let texts = [[title.clone(), answer.clone()], [title, answer]];
    for (r, [title, answer]) in ["r1", "r2"].into_iter().zip(&texts) {
        field_of(&mut fields, r, "title", title, "Mr Smith");
        field_of(&mut fields, r, "answer", answer, "Mr Smith");
    }
    let made = |text: &str| Text::Made(text.to_string());
    let found = vec![
        (
            "Account 2",
            made("Account 2: Visit with Mr Smith"),
            Some("r2"),
            "Mr Smith",
        ),
        (
            "Account 2",
            made("What happened?\nMr Smith was seen at home. We talked about his fall."),
            Some("r2"),
            "Mr Smith",
        ),
        // An answer's first sentence, cut.
        (
            "r1",
            made("Mr Smith was seen at home. …"),
            Some("r1"),
            "Mr Smith",
        ),
        // Written for the export, in r1's section: from none of its fields.
        (
            "Account 1 · Nature",
            made("Notes for Mr Smith"),
            Some("r1"),
            "Mr Smith",
        ),
    ];
    let expected = pairs([
        ("r2", "title"),
        ("r2", "answer"),
        ("r1", "answer"),
        ("r1", "Account 1 · Nature"),
    ]);
    assert_eq!(named(&fields, found), expected);
}

#[test]
fn a_made_text_in_no_reflection_is_named_by_the_first_field_with_its_words_if_it_holds_it() {
    let titles = ["Visit with Mr Smith", "Call with Mr Smith"].map(String::from);
    let mut fields = Fields::default();
    field_of(&mut fields, "r1", "title", &titles[0], "Mr Smith");
    field_of(&mut fields, "r2", "title", &titles[1], "Mr Smith");
    let made = |text: &str| Text::Made(text.to_string());
    let found = vec![
        (
            "CPD log · Topic",
            made("Visit with Mr Smith. Focus: all"),
            None,
            "Mr Smith",
        ),
        // Known by its words alone, and not the first field's: named by its place.
        (
            "CPD log · Topic",
            made("Call with Mr Smith. Focus: all"),
            None,
            "Mr Smith",
        ),
        (
            "Questions",
            made("How do I support Mr Smith?"),
            None,
            "Mr Smith",
        ),
        ("notice", made("Mr Jones"), None, "Mr Jones"),
    ];
    let expected = pairs([
        ("r1", "title"),
        ("", "CPD log · Topic"),
        ("", "Questions"),
        ("", "notice"),
    ]);
    assert_eq!(named(&fields, found), expected);
}

#[test]
fn two_fields_of_a_reflection_in_one_made_text_are_both_named() {
    let mut fields = Fields::default();
    let (first, second) = ("Rang 943 476 5919 twice.", "Wrote to 943 476 5919.");
    field_of(&mut fields, "r1", "first answer", first, "943 476 5919");
    field_of(&mut fields, "r1", "second answer", second, "943 476 5919");
    let account = Text::Made(format!("What I learnt: {first} And: {second}"));
    let number = "943 476 5919";
    let at = |n| {
        let text = account.as_str();
        let start = text.match_indices(number).nth(n).expect("twice").0;
        Finding {
            kind: Kind::NhsNumber,
            text: number.into(),
            start,
            end: start + number.len(),
        }
    };
    let words: Arc<str> = words(account.as_str()).into();
    let found = (0..2).map(|n| {
        Found::new(
            "Account 1".into(),
            &account,
            Some("r1"),
            at(n),
            words.clone(),
        )
    });
    let named = fields.name(found.collect());
    let named: Vec<&str> = named.iter().map(|l| l.field.as_str()).collect();
    assert_eq!(named, ["first answer", "second answer"]);
}

#[test]
fn outside_a_reflection_a_field_of_nothing_but_the_finding_is_taken_only_for_it_alone() {
    let mut fields = Fields::default();
    let title = String::from("Mr Smith");
    field_of(&mut fields, "r1", "title", &title, "Mr Smith");
    let made = |text: &str| Text::Made(text.to_string());
    let found = vec![
        (
            "Questions",
            made("How do I support Mr Smith?"),
            None,
            "Mr Smith",
        ),
        ("Log", made("Mr Smith"), None, "Mr Smith"),
    ];
    let expected = pairs([("", "Questions"), ("r1", "title")]);
    assert_eq!(named(&fields, found.clone()), expected);
    // In the reflection's own sections, its title: an account's nature, its heading.
    let found = vec![
        (
            "Account 1",
            made("Account 1: Mr Smith"),
            Some("r1"),
            "Mr Smith",
        ),
        (
            "Nature",
            made("Mr Smith.\nContext: a team"),
            Some("r1"),
            "Mr Smith",
        ),
    ];
    assert_eq!(named(&fields, found), pairs([("r1", "title")]));
}

#[test]
fn a_field_holding_its_words_many_times_keeps_one_copy_of_its_text() {
    let answer = "Saw Mr Smith at home. ".repeat(1000);
    let mut fields = Fields::default();
    let mut start = 0;
    while let Some(at) = answer[start..].find("Mr Smith") {
        let finding = Finding {
            kind: Kind::TitleAndName,
            text: "Mr Smith".into(),
            start: start + at,
            end: start + at + 8,
        };
        let located = Located {
            reflection_id: "r1".into(),
            field: "answer".into(),
            place: None,
            finding,
        };
        fields.add(&answer, located);
        start += at + 8;
    }
    assert_eq!(fields.fields.len(), 1000);
    assert_eq!(Arc::strong_count(&fields.fields[0].words), 1000);
}
