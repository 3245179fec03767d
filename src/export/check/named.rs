//! Naming each finding of a document by the field of a chosen reflection it stands in, so
//! that a person told what to edit is told each reflection: the same number in the answers of
//! three reflections is three answers to edit, not one found again after each edit.
//!
//! A document that quotes a field as it stands, or trimmed (an answer in a record), quotes
//! the field's own bytes: a finding there is known by where its first byte stands in memory,
//! which is the field's and no other's. A text made from a field (a heading with the title
//! and a date, an account's answer after its question, an answer's first sentence) stands in
//! a section its template says is a reflection's: it is that reflection's field whose words
//! the text holds, or that holds the text whole (a summary cut with "…"), else it is named by
//! its place and that reflection. A text in no reflection's section (a CPD log's rows, a
//! question to bring) is named by the first field with the same words if it holds that
//! field's words, else by its place. No finding goes unnamed.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::super::identifiers::{Finding, Located};
use super::super::sink::Text;

/// A likely identifier found in the document, where it stands there, and what it was found
/// in, to name it by the field of a chosen reflection it stands in.
/// (`place`, `finding` and `words` are read by the check's tests too.)
pub struct Found {
    pub(super) place: String,
    pub(super) finding: Finding,
    /// Where the finding's first byte stands in memory, if it was found in a lasting text.
    address: Option<usize>,
    /// The reflection whose sections it was found in, if they were one's.
    reflection: Option<String>,
    /// The words of the text it was found in.
    pub(super) words: Arc<str>,
}

impl Found {
    /// `finding`, in `text` at `place`, in the sections of `reflection` if they are one's;
    /// `words`, the text's words, are shared by every finding in it.
    pub(super) fn new(
        place: String,
        text: &Text,
        reflection: Option<&str>,
        finding: Finding,
        words: Arc<str>,
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
            words,
        }
    }
}

/// `text` with each run of whitespace folded to one space, and none at either end: templates
/// fold a text's spaces (summaries), so texts are compared by their words.
pub(super) fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every finding in the chosen reflections' own fields, to name the document's findings by.
#[derive(Default)]
pub(super) struct Fields {
    located: Vec<Located>,
    /// Each finding's field.
    fields: Vec<Field>,
    /// Each finding by where its first byte stands in memory.
    by_address: FxHashMap<usize, usize>,
    /// The first finding of each words, in the order the reflections were scanned.
    first_by_words: FxHashMap<String, usize>,
    /// Each reflection's findings, by its id and their words, in the order of its fields.
    by_reflection: FxHashMap<(String, String), Vec<usize>>,
}

/// A chosen reflection's field that holds a finding.
struct Field {
    /// Which field and words: where the field stands in memory, and the first finding of
    /// the same words. A field may hold the same words twice, and two fields may have the
    /// same name (two actions in one area).
    which: (usize, usize),
    /// The field's words, shared by its findings.
    words: Arc<str>,
}

impl Fields {
    /// `located`, a finding in `field`, the text of one of a chosen reflection's fields.
    pub(super) fn add(&mut self, field: &str, located: Located) {
        let index = self.located.len();
        let address = field.as_ptr() as usize + located.finding.start;
        // Findings in one text never overlap, so each address is one finding's.
        self.by_address.insert(address, index);
        let words = words(&located.finding.text);
        let first = *self.first_by_words.entry(words.clone()).or_insert(index);
        let key = (located.reflection_id.clone(), words);
        let at = field.as_ptr() as usize;
        // One finding a field: a field holding the words many times is compared once.
        let of_reflection = self.by_reflection.entry(key).or_default();
        if of_reflection
            .last()
            .is_none_or(|&last| self.fields[last].which.0 != at)
        {
            of_reflection.push(index);
        }
        let words = match self.fields.last() {
            Some(last) if last.which.0 == at => last.words.clone(),
            _ => self::words(field).into(),
        };
        self.fields.push(Field {
            which: (at, first),
            words,
        });
        self.located.push(located);
    }

    /// Each finding of the document, in its order, named by the field it is quoted from, or
    /// made from (see the module's own words); failing those, by its place in the document,
    /// and its reflection if it is in one's sections. Each field's finding is named once.
    pub(super) fn name(&self, found: Vec<Found>) -> Vec<Located> {
        let mut named = Named::default();
        // The fields each made text holds, by the text and the fields looked among (no list
        // of fields but the empty one is another's, and it holds nothing whatever the text):
        // a text with many findings is compared with its fields once. The text is kept with
        // them, so that its address is no other's while it is a key, and how far into them
        // every field is named.
        let mut held: FxHashMap<(usize, usize), Held> = FxHashMap::default();
        for found in found {
            let finding_words = words(&found.finding.text);
            let quoted = found
                .address
                .and_then(|address| self.by_address.get(&address));
            // The same bytes, and so the same words, unless a template quoted only the start
            // of a finding (cut a long answer short within a number, say).
            let quoted = quoted.filter(|&&i| self.located[i].finding.text == found.finding.text);
            let (candidates, reflection) = match (found.address, found.reflection) {
                // Made for one reflection's sections: from one of its fields, or none.
                (None, Some(reflection)) => {
                    let key = (reflection, finding_words);
                    let fields = self.by_reflection.get(&key).map_or(&[][..], Vec::as_slice);
                    (fields, Some(key.0))
                }
                _ => {
                    let first = self.first_by_words.get(&finding_words);
                    (first.map_or(&[][..], std::slice::from_ref), None)
                }
            };
            let in_reflection = reflection.is_some();
            let field = quoted.copied().or_else(|| {
                let text = Arc::as_ptr(&found.words).cast::<u8>() as usize;
                let key = (text, candidates.as_ptr() as usize);
                let held = held.entry(key).or_insert_with(|| Held {
                    fields: self.held_by(candidates, &found.words, &found.finding, in_reflection),
                    named: 0,
                    _text: found.words.clone(),
                });
                // Each field the text holds in turn: two answers in one account are two. A
                // field once named stays named, so those before `named` are passed for good.
                let is_named = |&i: &usize| named.fields.contains(&self.fields[i].which);
                let unnamed = held.fields[held.named..].iter().take_while(|i| is_named(i));
                held.named += unnamed.count();
                held.fields.get(held.named).or(held.fields.first()).copied()
            });
            match field {
                Some(index) => named.add_field(&self.fields[index], &self.located[index]),
                None => named.add_place(Located {
                    reflection_id: reflection.unwrap_or_default(),
                    field: found.place,
                    place: None,
                    finding: found.finding,
                }),
            }
        }
        named.located
    }

    /// Which of `fields` (findings of the same words) the text with words `made` was made from:
    /// those whose words it holds, or that hold it whole (a summary's first sentence, cut with
    /// "…"). Outside a reflection's sections, a field of nothing but the finding's words tells
    /// nothing of where a text came from (a question typed to bring may name the person a
    /// title is): only a text of those words alone is taken for it.
    fn held_by(
        &self,
        fields: &[usize],
        made: &str,
        finding: &Finding,
        in_reflection: bool,
    ) -> Vec<usize> {
        let cut = made.trim_end_matches(['…', ' ']);
        let finding = words(&finding.text);
        let holds = |&index: &usize| {
            let field = &*self.fields[index].words;
            if field == finding && !in_reflection {
                return made == field;
            }
            let cut_holds = !cut.is_empty() && (in_reflection || cut != finding);
            made.contains(field) || (cut_holds && field.contains(cut))
        };
        fields.iter().copied().filter(holds).collect()
    }
}

/// The fields a made text holds, and how many of them, from the first, are named.
struct Held {
    fields: Vec<usize>,
    named: usize,
    /// The text's words, kept while its address is a key.
    _text: Arc<str>,
}

/// The findings named so far, each once.
#[derive(Default)]
struct Named {
    located: Vec<Located>,
    /// Those named by a field, by [`Field::which`].
    fields: FxHashSet<(usize, usize)>,
    /// Those named by their place, by reflection, place and words.
    places: FxHashSet<(String, String, String)>,
}

impl Named {
    fn add_field(&mut self, field: &Field, located: &Located) {
        if self.fields.insert(field.which) {
            self.located.push(located.clone());
        }
    }

    fn add_place(&mut self, located: Located) {
        let key = (
            located.reflection_id.clone(),
            located.field.clone(),
            located.finding.text.clone(),
        );
        if self.places.insert(key) {
            self.located.push(located);
        }
    }
}

#[cfg(test)]
#[path = "../tests/named.rs"]
mod tests;
