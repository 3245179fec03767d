//! Lasting texts seen to hold nothing, by where they stand in memory.

/// A fixed table of the addresses and lengths of texts seen to hold nothing, each in one slot
/// found from them, a newer text taking the slot of an older one. What it is for is the
/// pack's own wording, quoted at every reflection from one copy: a few hundred texts, met
/// thousands of times, which stay. A person's answers, met once each, pass through it. A set
/// of every text seen grew to tens of thousands of entries, and growing it was a sixth of an
/// export's fresh memory. Forgetting a text only costs a quick look at it again.
pub(in crate::export) struct Clean {
    /// Empty until the first text is kept; `(0, 0)` in a slot not yet taken, since no text
    /// stands at address 0.
    slots: Vec<(usize, usize)>,
}

/// Room for every text of a large pack several times over: the Wheel quotes some 300 in an
/// export. 64 KB.
const SLOTS: usize = 4096;

// A slot's number is the top bits of a spread key, which needs a power of two.
const _: () = assert!(SLOTS.is_power_of_two());

/// How far a slot's number is shifted down out of a spread key's top bits.
const SHIFT: u32 = u64::BITS - SLOTS.trailing_zeros();

impl Clean {
    pub(in crate::export) fn new() -> Self {
        Clean { slots: Vec::new() }
    }

    fn slot(key: (usize, usize)) -> usize {
        let (address, len) = (key.0 as u64, key.1 as u64);
        // Texts are allocated 16 bytes apart, so the low bits of an address tell them apart
        // least; a text and the start of it (a shorter length) share an address.
        let mixed = address.rotate_right(4) ^ len.wrapping_mul(0x2545_F491_4F6C_DD1D);
        (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> SHIFT) as usize
    }

    fn key(text: &str) -> (usize, usize) {
        (text.as_ptr() as usize, text.len())
    }

    /// Whether `text`, at its address and of its length, was kept and is still.
    pub(in crate::export) fn holds(&self, text: &str) -> bool {
        let key = Self::key(text);
        self.slots.get(Self::slot(key)) == Some(&key)
    }

    /// Keeps `text` as seen to hold nothing. Only a text that stays unchanged, at the same
    /// address, for as long as this table lives may be kept.
    pub(in crate::export) fn keep(&mut self, text: &str) {
        self.keep_key(Self::key(text));
    }

    fn keep_key(&mut self, key: (usize, usize)) {
        if self.slots.is_empty() {
            self.slots = vec![(0, 0); SLOTS];
        }
        self.slots[Self::slot(key)] = key;
    }

    /// Whether no text is kept.
    #[cfg(test)]
    pub(in crate::export) fn is_empty(&self) -> bool {
        self.slots.iter().all(|key| *key == (0, 0))
    }

    /// Keeps what `other` kept too, where its texts do not take a slot of this one's.
    pub(in crate::export) fn absorb(&mut self, other: Clean) {
        for key in other.slots {
            let taken = self
                .slots
                .get(Self::slot(key))
                .is_some_and(|k| *k != (0, 0));
            if key != (0, 0) && !taken {
                self.keep_key(key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_kept_is_held_at_its_address_and_length_only() {
        let words = String::from("Demonstrates an understanding of integrated care.");
        let same_words = words.clone();
        let mut clean = Clean::new();
        assert!(!clean.holds(&words));
        clean.keep(&words);
        assert!(clean.holds(&words));
        assert!(!clean.holds(&same_words), "another copy is another text");
        assert!(!clean.holds(&words[..12]), "its start is another text");
    }

    #[test]
    fn a_text_that_takes_a_slot_forgets_the_one_before() {
        let texts: Vec<String> = (0..SLOTS * 2).map(|n| format!("text {n}")).collect();
        let mut clean = Clean::new();
        for text in &texts {
            clean.keep(text);
        }
        let held = texts.iter().filter(|t| clean.holds(t)).count();
        assert!(held <= SLOTS, "{held} held in {SLOTS} slots");
        assert!(
            held > SLOTS / 4,
            "only {held} held: the slots are poorly spread"
        );
        assert!(
            clean.holds(texts.last().expect("texts")),
            "the newest is held"
        );
    }

    #[test]
    fn absorbing_keeps_the_other_tables_texts_where_they_fit() {
        let (one, two) = (String::from("one"), String::from("two"));
        let (mut mine, mut theirs) = (Clean::new(), Clean::new());
        mine.keep(&one);
        theirs.keep(&two);
        mine.absorb(theirs);
        assert!(mine.holds(&one));
        assert_eq!(
            mine.holds(&two),
            Clean::slot(Clean::key(&one)) != Clean::slot(Clean::key(&two))
        );
    }
}
