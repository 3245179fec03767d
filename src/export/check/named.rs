//! Naming each finding of a document by the field of a chosen reflection it stands in, so
//! that a person told what to edit is told every reflection and field: the same name or
//! number in three reflections is three places to edit, not one found again after each edit.
//!
//! A document quotes a field as it stands (an answer in a record), or part of it (a title
//! trimmed), which is known by where its words stand in memory; or it makes a text from it
//! (a heading with the title and a date, an account's answer after its question, an
//! answer's first sentence), which is known by the words either side of the finding.

use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashMap;

use super::super::identifiers::{Finding, Located};
use super::super::sink::Text;

/// How many characters either side of a finding are kept to tell where it came from.
const CONTEXT: usize = 24;

/// How many bytes either side must agree, where neither side is shorter, for a text made
/// from a field to be taken for that field's: enough for a few words, so that one word in
/// common ("with") is not enough, and a text cut short ("…") still agrees.
const ENOUGH: usize = 8;

/// What a finding was found in, to tell which chosen reflection's field it came from.
pub(super) struct Source {
    /// Where the finding's first byte stands in memory, if it was found in a lasting text:
    /// the same as in the field the document quotes.
    address: Option<usize>,
    context: Context,
}

impl Source {
    pub(super) fn of(text: &Text, finding: &Finding) -> Self {
        let address = match text {
            Text::Lasting(lasting) => Some(lasting.as_ptr() as usize + finding.start),
            Text::Made(_) | Text::Passing(_) => None,
        };
        Source {
            address,
            context: Context::around(text.as_str(), finding),
        }
    }
}

/// The words either side of a finding, each run of whitespace folded to one space (templates
/// fold them in summaries), up to [`CONTEXT`] characters each side.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(super) struct Context {
    before: String,
    after: String,
}

impl Context {
    pub(super) fn around(text: &str, finding: &Finding) -> Self {
        // A window of bytes wide enough for the characters kept, even folded, so that a long
        // answer is not folded whole.
        let window = 4 * CONTEXT;
        let mut from = finding.start.saturating_sub(window);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = text.len().min(finding.end + window);
        while !text.is_char_boundary(to) {
            to += 1;
        }
        let before = folded(&text[from..finding.start]);
        let after = folded(&text[finding.end..to]);
        let skip = before.chars().count().saturating_sub(CONTEXT);
        Context {
            before: before.chars().skip(skip).collect(),
            after: after.chars().take(CONTEXT).collect(),
        }
    }

    /// Whether a finding with this context may have been made from a field with `field`'s:
    /// on each side, the words nearest the finding agree, as far as the shorter side runs or
    /// for [`ENOUGH`] bytes. A heading "Account 3: Visit with Mr Smith" agrees with a title
    /// "Visit with Mr Smith"; "Call with Mr Smith" does not.
    fn agrees(&self, field: &Context) -> bool {
        let (mine, theirs) = (self.before.as_bytes(), field.before.as_bytes());
        let before = mine.iter().rev().zip(theirs.iter().rev());
        let before = before.take_while(|(a, b)| a == b).count();
        let (mine_after, theirs_after) = (self.after.as_bytes(), field.after.as_bytes());
        let after = mine_after.iter().zip(theirs_after);
        let after = after.take_while(|(a, b)| a == b).count();
        let side = |common: usize, a: &[u8], b: &[u8]| common >= ENOUGH.min(a.len().min(b.len()));
        side(before, mine, theirs) && side(after, mine_after, theirs_after)
    }
}

/// `text` with each run of whitespace folded to one space.
fn folded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// `text` with each run of whitespace folded to one space, and none at either end: templates
/// may fold a text's spaces, so findings are compared by their words, not their spacing.
pub(super) fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every finding in the chosen reflections' own fields, to name the document's findings by.
#[derive(Default)]
pub(super) struct Fields {
    located: Vec<Located>,
    words: Vec<String>,
    contexts: Vec<Context>,
    /// Each finding by where its first byte stands in memory.
    by_address: FxHashMap<usize, usize>,
    /// Each finding by its words: the first, in the order the reflections were scanned,
    /// and those not yet named.
    by_words: HashMap<String, (usize, Vec<usize>)>,
}

impl Fields {
    /// `located`, a finding in `field`, the text of one of a chosen reflection's fields.
    pub(super) fn add(&mut self, field: &str, located: Located) {
        let index = self.located.len();
        let address = field.as_ptr() as usize + located.finding.start;
        self.by_address.entry(address).or_insert(index);
        let words = words(&located.finding.text);
        let by_words = self.by_words.entry(words.clone());
        by_words.or_insert((index, Vec::new())).1.push(index);
        self.words.push(words);
        self.contexts.push(Context::around(field, &located.finding));
        self.located.push(located);
    }

    /// Each finding of the document, in its order, named by the field it stands in: the one
    /// it is quoted from, or every one whose words either side agree with a text made from
    /// it; failing those, the first field holding the same words, and failing that, its place
    /// in the document. Each field's finding is named once.
    pub(super) fn name(
        mut self,
        found: impl IntoIterator<Item = (String, Finding, Source)>,
    ) -> Vec<Located> {
        let mut named = Naming::new(self.located.len());
        for (place, finding, source) in found {
            let words = words(&finding.text);
            let quoted = source.address.and_then(|a| self.by_address.get(&a));
            if let Some(&index) = quoted.filter(|&&i| self.words[i] == words) {
                named.report(index, &self.located);
                continue;
            }
            let Some((first, fields)) = self.by_words.get_mut(&words) else {
                named.report_place(place, finding);
                continue;
            };
            // Only the fields not yet named are compared: a title shared by a thousand
            // reflections is compared a thousand times, not a million.
            fields.retain(|&i| !named.done[i]);
            let mut agreed = false;
            for &index in fields.iter() {
                if source.context.agrees(&self.contexts[index]) {
                    named.report(index, &self.located);
                    agreed = true;
                }
            }
            if !agreed {
                named.report(*first, &self.located);
            }
        }
        named.located
    }
}

/// The findings named so far.
struct Naming {
    located: Vec<Located>,
    /// Which of [`Fields`]'s findings are named.
    done: Vec<bool>,
    /// Each named by its reflection, field and words: a field may hold the same words twice.
    reported: HashSet<(String, String, String)>,
}

impl Naming {
    fn new(fields: usize) -> Self {
        Naming {
            located: Vec::new(),
            done: vec![false; fields],
            reported: HashSet::new(),
        }
    }

    fn report(&mut self, index: usize, fields: &[Located]) {
        if std::mem::replace(&mut self.done[index], true) {
            return;
        }
        let located = &fields[index];
        let key = (
            located.reflection_id.clone(),
            located.field.clone(),
            located.finding.text.clone(),
        );
        if self.reported.insert(key) {
            self.located.push(located.clone());
        }
    }

    /// A finding in no chosen reflection's field, named by its place in the document.
    fn report_place(&mut self, place: String, finding: Finding) {
        let key = (String::new(), place.clone(), finding.text.clone());
        if self.reported.insert(key) {
            self.located.push(Located {
                reflection_id: String::new(),
                field: place,
                place: None,
                finding,
            });
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

    fn context(text: &str, words: &str) -> Context {
        Context::around(text, &finding_in(text, words))
    }

    #[test]
    fn a_text_made_from_a_field_agrees_with_it() {
        let title = context("Visit with Mr Smith", "Mr Smith");
        for made in [
            "Account 3: Visit with Mr Smith",
            "2023-11-04 Visit with Mr Smith (untitled)",
            "Visit with   Mr Smith",
        ] {
            assert!(context(made, "Mr Smith").agrees(&title), "{made}");
        }
        let answer = context(
            "We met at his flat.\n\nSaw Mr Smith, NHS number 943 476 5919, at home. Then we left.",
            "943 476 5919",
        );
        let summary = context(
            "Saw Mr Smith, NHS number 943 476 5919, at home. …",
            "943 476 5919",
        );
        assert!(summary.agrees(&answer), "an answer's first sentence");
        let account = context(
            "What happened?\nSaw Mr Smith, NHS number 943 476 5919, at home.",
            "943 476 5919",
        );
        assert!(account.agrees(&answer), "an answer after its question");
    }

    #[test]
    fn a_text_made_from_another_field_does_not_agree() {
        let title = context("Visit with Mr Smith", "Mr Smith");
        for other in ["Call with Mr Smith", "Saw Mr Smith"] {
            assert!(!context(other, "Mr Smith").agrees(&title), "{other}");
        }
        let answer = context("Saw Mr Smith at home after his fall.", "Mr Smith");
        let other = context("Saw Mr Smith in clinic.", "Mr Smith");
        assert!(
            !other.agrees(&answer),
            "the same words before, others after"
        );
    }

    #[test]
    fn the_context_is_cut_to_whole_characters_either_side() {
        let text = format!("{}Mr Smith{}", "é".repeat(200), "ü".repeat(200));
        let around = context(&text, "Mr Smith");
        assert_eq!(around.before, "é".repeat(CONTEXT));
        assert_eq!(around.after, "ü".repeat(CONTEXT));
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

    fn named(fields: Fields, found: Vec<(&str, Text, &str)>) -> Vec<(String, String)> {
        let found = found.into_iter().map(|(place, text, words)| {
            let finding = finding_in(text.as_str(), words);
            let source = Source::of(&text, &finding);
            (place.to_string(), finding, source)
        });
        let named = fields.name(found).into_iter();
        named.map(|l| (l.reflection_id, l.field)).collect()
    }

    #[test]
    fn a_field_quoted_is_named_by_its_own_reflection_though_another_has_its_words() {
        let (first, second) = (String::from("Saw Mr Smith."), String::from("Saw Mr Smith."));
        let mut fields = Fields::default();
        field_of(&mut fields, "r1", "answer", &first, "Mr Smith");
        field_of(&mut fields, "r2", "answer", &second, "Mr Smith");
        let found = vec![("Two", Text::Lasting(&second), "Mr Smith")];
        assert_eq!(named(fields, found), [("r2".into(), "answer".into())]);
    }

    #[test]
    fn a_made_text_names_each_field_it_agrees_with_once() {
        let (first, second) = (
            String::from("Visit with Mr Smith"),
            String::from("Visit with Mr Smith"),
        );
        let third = String::from("Phoned Mr Smith");
        let mut fields = Fields::default();
        field_of(&mut fields, "r1", "title", &first, "Mr Smith");
        field_of(&mut fields, "r2", "title", &second, "Mr Smith");
        field_of(&mut fields, "r3", "title", &third, "Mr Smith");
        let heading = |n: usize| Text::Made(format!("Account {n}: Visit with Mr Smith"));
        let found = vec![
            ("heading", heading(1), "Mr Smith"),
            ("heading", heading(2), "Mr Smith"),
            // Like none: named by the first field with its words, named already.
            ("heading", Text::Made("Rang Mr Smith".into()), "Mr Smith"),
            ("notice", Text::Made("Mr Jones".into()), "Mr Jones"),
        ];
        let named = named(fields, found);
        let expected = [("r1", "title"), ("r2", "title"), ("", "notice")];
        let expected = expected.map(|(r, f)| (r.to_string(), f.to_string()));
        assert_eq!(named, expected, "r3's title is not in the document");
    }
}
