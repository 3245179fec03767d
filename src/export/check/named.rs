//! Naming each finding of a document by the field of a chosen reflection it stands in, so
//! that a person told what to edit is told each reflection: the same number in the answers of
//! three reflections is three answers to edit, not one found again after each edit.
//!
//! A document that quotes a field as it stands, or trimmed (an answer in a record), quotes
//! the field's own bytes: a finding there is known by where its first byte stands in memory,
//! which is the field's and no other's. A text made from a field (a heading with the title
//! and a date, an account's answer after its question, an answer's first sentence) is known
//! only by its words, and named, as before, by the first field holding the same words.

use rustc_hash::{FxHashMap, FxHashSet};

use super::super::identifiers::{Finding, Located};
use super::super::sink::Text;

/// Where `finding`'s first byte stands in memory, if `text` is lasting: borrowed from the
/// workbook, the pack or the template for the whole export, so the address stays its own.
pub(super) fn address(text: &Text, finding: &Finding) -> Option<usize> {
    match text {
        Text::Lasting(lasting) => Some(lasting.as_ptr() as usize + finding.start),
        Text::Made(_) | Text::Passing(_) => None,
    }
}

/// `text` with each run of whitespace folded to one space, and none at either end: templates
/// may fold a text's spaces (summaries), so findings are compared by their words.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every finding in the chosen reflections' own fields, to name the document's findings by.
#[derive(Default)]
pub(super) struct Fields {
    located: Vec<Located>,
    /// Each finding by where its first byte stands in memory.
    by_address: FxHashMap<usize, usize>,
    /// The first finding of each words, in the order the reflections were scanned.
    first_by_words: FxHashMap<String, usize>,
}

impl Fields {
    /// `located`, a finding in `field`, the text of one of a chosen reflection's fields.
    pub(super) fn add(&mut self, field: &str, located: Located) {
        let index = self.located.len();
        let address = field.as_ptr() as usize + located.finding.start;
        // Findings in one text never overlap, so each address is one finding's.
        self.by_address.insert(address, index);
        let words = words(&located.finding.text);
        self.first_by_words.entry(words).or_insert(index);
        self.located.push(located);
    }

    /// Each finding of the document, in its order, named by the field it is quoted from;
    /// else by the first field holding the same words; else by its place in the document.
    /// Each field's finding is named once.
    pub(super) fn name(
        &self,
        found: impl IntoIterator<Item = (String, Finding, Option<usize>)>,
    ) -> Vec<Located> {
        let mut named: Vec<Located> = Vec::new();
        let mut reported: FxHashSet<(String, String, String)> = FxHashSet::default();
        for (place, finding, address) in found {
            let quoted = address.and_then(|address| self.by_address.get(&address));
            // The same bytes, and so the same words, unless a template quoted only the start
            // of a finding (cut a long answer short within a number, say).
            let quoted = quoted.filter(|&&i| self.located[i].finding.text == finding.text);
            let field = quoted.or_else(|| self.first_by_words.get(&words(&finding.text)));
            let located = match field {
                Some(&index) => self.located[index].clone(),
                None => Located {
                    reflection_id: String::new(),
                    field: place,
                    place: None,
                    finding,
                },
            };
            let key = (
                located.reflection_id.clone(),
                located.field.clone(),
                located.finding.text.clone(),
            );
            if reported.insert(key) {
                named.push(located);
            }
        }
        named
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

    fn named(fields: &Fields, found: Vec<(&str, Text, &str)>) -> Vec<(String, String)> {
        let found = found.into_iter().map(|(place, text, words)| {
            let finding = finding_in(text.as_str(), words);
            let address = address(&text, &finding);
            (place.to_string(), finding, address)
        });
        let named = fields.name(found).into_iter();
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
            ("Two", Text::Lasting(&answers[1]), "Mr Smith"),
            ("Three", Text::Lasting(&answers[2][4..]), "Mr Smith"),
        ];
        let expected = pairs([("r1", "answer"), ("r2", "answer")]);
        assert_eq!(named(&fields, found), expected);
    }

    #[test]
    fn a_made_text_is_named_by_the_first_field_with_its_words_and_any_other_by_its_place() {
        let titles = ["Visit with Mr Smith", "Call with Mr Smith"].map(String::from);
        let mut fields = Fields::default();
        field_of(&mut fields, "r1", "title", &titles[0], "Mr Smith");
        field_of(&mut fields, "r2", "title", &titles[1], "Mr Smith");
        let copy = titles[1].clone();
        let found = vec![
            (
                "heading",
                Text::Made("Account 2: Call with Mr Smith".into()),
                "Mr Smith",
            ),
            ("notice", Text::Made("Mr Jones".into()), "Mr Jones"),
            // Another copy of the words is not the field's own: known by its words alone.
            ("Two", Text::Passing(&copy), "Mr Smith"),
        ];
        let expected = pairs([("r1", "title"), ("", "notice")]);
        assert_eq!(named(&fields, found), expected);
    }
}
