//! Finding the area or the context an export is filtered by from what the owner typed: an
//! id, the pack's wording, or some of its words; and when nothing has them, what is near.

/// An item as (id, words): an area's id and title, a context's id and label.
type Item<'p> = (&'p str, &'p str);

/// Why `given` names no one item.
pub(super) enum Unnamed<'p> {
    /// Nothing has the words given: every item there is, and those with a word near one
    /// given.
    Unknown {
        all: Vec<Item<'p>>,
        near: Vec<Item<'p>>,
    },
    /// The items it could name.
    Ambiguous(Vec<Item<'p>>),
}

/// The items listed: "`incident` (An incident or event), …".
pub(super) fn listed(items: &[Item]) -> String {
    let listed: Vec<String> = items
        .iter()
        .map(|(id, words)| format!("`{id}` ({words})"))
        .collect();
    listed.join(", ")
}

/// " Did you mean `resilience` (Resilience)?", or nothing when nothing is near.
pub(super) fn did_you_mean(near: &[Item]) -> String {
    match near {
        [] => String::new(),
        near => format!(" Did you mean {}?", listed(near).replace("), `", "), or `")),
    }
}

/// At most this many are offered: more is a list, not a suggestion.
const MOST_NEAR: usize = 3;

/// The items with a word near a word given: one it begins ("resil"), or a letter or two
/// out ("resiliance", "communication"). Both words have four letters or more, so that
/// "hand" is not taken for "and".
fn near<'p>(items: &[Item<'p>], given: &str) -> Vec<Item<'p>> {
    let given = words(given);
    let close = |wanted: &str, word: &str| {
        let letters = wanted.chars().count();
        let most = if letters >= 7 { 2 } else { 1 };
        letters >= 4
            && word.chars().count() >= 4
            && (word.starts_with(wanted) || strsim::damerau_levenshtein(wanted, word) <= most)
    };
    let is_near = |(id, text): &&Item| {
        let theirs: Vec<String> = words(id).into_iter().chain(words(text)).collect();
        given.iter().any(|w| theirs.iter().any(|t| close(w, t)))
    };
    let near: Vec<Item> = items.iter().filter(is_near).copied().collect();
    match near.len() {
        0..=MOST_NEAR => near,
        _ => Vec::new(),
    }
}

/// The words of `text`, lower case: its runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The id of the item that `given` names: by its id or, ignoring case, its words; else the
/// one item whose id or words have the words given in a row ("incident", "service user",
/// "risk").
pub(super) fn named<'p, T>(
    items: &'p [T],
    given: &str,
    id_and_words: impl Fn(&'p T) -> (&'p String, &'p String),
) -> Result<&'p str, Unnamed<'p>> {
    let items: Vec<Item<'p>> = items
        .iter()
        .map(|item| {
            let (id, words) = id_and_words(item);
            (id.as_str(), words.as_str())
        })
        .collect();
    let exact = items
        .iter()
        .find(|(id, words)| *id == given || words.eq_ignore_ascii_case(given.trim()));
    if let Some((id, _)) = exact {
        return Ok(id);
    }
    let wanted = words(given);
    let has_wanted = |text: &str| {
        let words = words(text);
        !wanted.is_empty() && words.windows(wanted.len()).any(|run| run == wanted)
    };
    let found: Vec<Item> = items
        .iter()
        .filter(|(id, words)| has_wanted(id) || has_wanted(words))
        .copied()
        .collect();
    match found.as_slice() {
        [(id, _)] => Ok(id),
        [] => Err(Unnamed::Unknown {
            near: near(&items, given),
            all: items,
        }),
        _ => Err(Unnamed::Ambiguous(found)),
    }
}
