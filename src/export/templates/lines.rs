//! Lines a template makes for a reflection (its heading, its CPD details, its own
//! activities, its actions), written one after another into one buffer that is kept from
//! one reflection to the next.

/// Lines made into one buffer and handed to a sink as passing texts. Made each as a `String`
/// of its own, they were some ten allocations and frees for every reflection, twice in an
/// export checked before it is written.
#[derive(Debug, Default)]
pub struct Lines {
    text: String,
    /// Where each line ends in `text`.
    ends: Vec<usize>,
}

impl Lines {
    /// Forgets every line, keeping the room they took.
    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    /// Adds a line of `parts` put together.
    pub fn push(&mut self, parts: &[&str]) {
        parts.iter().for_each(|part| self.text.push_str(part));
        self.end_line();
    }

    /// Adds the line `write` writes onto the end of the buffer.
    pub fn push_with(&mut self, write: impl FnOnce(&mut String)) {
        write(&mut self.text);
        self.end_line();
    }

    fn end_line(&mut self) {
        self.ends.push(self.text.len());
    }

    /// The line added last, or nothing.
    pub fn last(&self) -> &str {
        let start = self.ends.len().checked_sub(2).map_or(0, |k| self.ends[k]);
        self.ends.last().map_or("", |&end| &self.text[start..end])
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The lines, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.text[start..end])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_come_back_as_added_and_a_cleared_buffer_holds_none() {
        let mut lines = Lines::default();
        assert!(lines.is_empty());
        lines.push(&["Hours: ", "2"]);
        lines.push(&[]);
        lines.push_with(|text| text.push_str("due 2026-12-03"));
        assert_eq!(
            lines.iter().collect::<Vec<_>>(),
            ["Hours: 2", "", "due 2026-12-03"]
        );
        assert_eq!(lines.last(), "due 2026-12-03");
        lines.clear();
        assert!(lines.is_empty());
        assert_eq!((lines.iter().count(), lines.last()), (0, ""));
        lines.push(&["again"]);
        assert_eq!(lines.iter().collect::<Vec<_>>(), ["again"]);
        assert_eq!(lines.last(), "again");
    }
}
