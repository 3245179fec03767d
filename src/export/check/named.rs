//! Naming each finding of a document by the field of a chosen reflection it stands in, so
//! that a person told what to edit is told each reflection: the same number in the answers of
//! three reflections is three answers to edit, not one found again after each edit.
//!
//! A document that quotes a field as it stands, or trimmed (an answer in a record), quotes
//! the field's own bytes: a finding there is known by where its first byte stands in memory,
//! which is the field's and no other's. A text made from a field (a heading with the title
//! and a date, an account's answer after its question, an answer's first sentence) stands in
//! a section its template says is a reflection's: it is that reflection's field whose words
//! the text holds, or that the text begins. A text in no reflection's section (a CPD log's
//! rows, questions to bring) is named by the first field with the same words.

use rustc_hash::{FxHashMap, FxHashSet};

use super::super::identifiers::{Finding, Located};
use super::super::sink::Text;
use super::Found;

impl Found {
    /// `finding`, in `text` at `place`, in the sections of `reflection` if they are one's.
    pub(super) fn new(
        place: String,
        text: &Text,
        reflection: Option<&str>,
        finding: Finding,
    ) -> Self {
        let address = match text {
            Text::Lasting(lasting) => Some(lasting.as_ptr() as usize + finding.start),
            Text::Made(_) | Text::Passing(_) => None,
        };
        Found {
            place,
            finding,
            address,
            reflection: reflection.map(str::to_string),
            words: words(text.as_str()),
        }
    }
}

/// `text` with each run of whitespace folded to one space, and none at either end: templates
/// fold a text's spaces (summaries), so texts are compared by their words.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every finding in the chosen reflections' own fields, to name the document's findings by.
#[derive(Default)]
pub(super) struct Fields {
    located: Vec<Located>,
    /// The words of each finding's field.
    texts: Vec<String>,
    /// Each finding by where its first byte stands in memory.
    by_address: FxHashMap<usize, usize>,
    /// The first finding of each words, in the order the reflections were scanned.
    first_by_words: FxHashMap<String, usize>,
    /// Each reflection's findings, by its id and their words, in the order of its fields.
    by_reflection: FxHashMap<(String, String), Vec<usize>>,
}

impl Fields {
    /// `located`, a finding in `field`, the text of one of a chosen reflection's fields.
    pub(super) fn add(&mut self, field: &str, located: Located) {
        let index = self.located.len();
        let address = field.as_ptr() as usize + located.finding.start;
        // Findings in one text never overlap, so each address is one finding's.
        self.by_address.insert(address, index);
        let words = words(&located.finding.text);
        self.first_by_words.entry(words.clone()).or_insert(index);
        let key = (located.reflection_id.clone(), words);
        self.by_reflection.entry(key).or_default().push(index);
        self.texts.push(self::words(field));
        self.located.push(located);
    }

    /// Each finding of the document, in its order, named by the field it is quoted from, or
    /// made from (see the module's own words); failing those, by its place in the document,
    /// and its reflection if it is in one's sections. Each field's finding is named once.
    pub(super) fn name(&self, found: Vec<Found>) -> Vec<Located> {
        let mut named = Named::default();
        for found in found {
            let finding_words = words(&found.finding.text);
            let quoted = found
                .address
                .and_then(|address| self.by_address.get(&address));
            // The same bytes, and so the same words, unless a template quoted only the start
            // of a finding (cut a long answer short within a number, say).
            let quoted = quoted.filter(|&&i| self.located[i].finding.text == found.finding.text);
            let (field, reflection) = match (quoted, found.address, found.reflection) {
                (Some(&index), _, _) => (Some(index), None),
                // Made for one reflection's sections: from one of its fields, or none.
                (None, None, Some(reflection)) => {
                    let key = (reflection, finding_words);
                    let fields = self.by_reflection.get(&key).map_or(&[][..], Vec::as_slice);
                    (self.made_from(fields, &found.words), Some(key.0))
                }
                (None, _, _) => {
                    let first = self.first_by_words.get(&finding_words);
                    let fields = first.map_or(&[][..], std::slice::from_ref);
                    (self.made_from(fields, &found.words), None)
                }
            };
            named.add(match field {
                Some(index) => self.located[index].clone(),
                None => Located {
                    reflection_id: reflection.unwrap_or_default(),
                    field: found.place,
                    place: None,
                    finding: found.finding,
                },
            });
        }
        named.located
    }

    /// Which of `fields`, one reflection's findings of the same words, the text `made` (its
    /// words) was made from: the first whose words it holds, or that holds it whole (a
    /// summary's first sentence, cut with "…").
    fn made_from(&self, fields: &[usize], made: &str) -> Option<usize> {
        let cut = made.trim_end_matches(['…', ' ']);
        fields.iter().copied().find(|&index| {
            let field = self.texts[index].as_str();
            made.contains(field) || (!cut.is_empty() && field.contains(cut))
        })
    }
}

/// The findings named so far, each once.
#[derive(Default)]
struct Named {
    located: Vec<Located>,
    /// Each by its reflection, field and words: a field may hold the same words twice.
    keys: FxHashSet<(String, String, String)>,
}

impl Named {
    fn add(&mut self, located: Located) {
        let key = (
            located.reflection_id.clone(),
            located.field.clone(),
            located.finding.text.clone(),
        );
        if self.keys.insert(key) {
            self.located.push(located);
        }
    }
}

#[cfg(test)]
mod tests {
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

    /// `words` found in each text, in the sections of the reflection given, if any.
    fn named(
        fields: &Fields,
        found: Vec<(&str, Text, Option<&str>, &str)>,
    ) -> Vec<(String, String)> {
        let found = found.into_iter().map(|(place, text, reflection, words)| {
            let finding = finding_in(text.as_str(), words);
            Found::new(place.to_string(), &text, reflection, finding)
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
        for r in ["r1", "r2"] {
            field_of(&mut fields, r, "title", "Visit with Mr Smith", "Mr Smith");
            let answer = "Mr Smith was seen at home.  We talked about his fall.";
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
}
