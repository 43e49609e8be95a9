//! Byte offsets to 1-based line and character column, and back, for one source text.

/// A 1-based line and a 1-based column counted in characters (not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Line starts of one text, built once, so that every lookup is a binary search instead of
/// a rescan from the start of the file.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    ascii: bool,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
            }
        }
        LineIndex {
            starts,
            ascii: text.is_ascii(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line number holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where 0-based `line` starts (the text length past the end).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(usize::MAX)
    }

    /// Byte range of 0-based `line` without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.line_start(line).min(text.len());
        let mut end = self.line_start(line + 1).min(text.len());
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        (start, end)
    }

    /// 1-based line and character column of a byte offset. Offsets inside a multi-byte
    /// character or past the end are clamped.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.starts[line];
        let column = if self.ascii {
            offset - start
        } else {
            let mut end = offset;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let prefix = &text[start..end];
            // A byte-order mark is not a column anyone can see.
            let bom = usize::from(line == 0 && prefix.starts_with('\u{feff}'));
            prefix.chars().count() - bom
        };
        Position {
            line: line + 1,
            column: column + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "a: \"héllo\" # ünïcode\nimage: x\n";
        let idx = LineIndex::new(text);
        let at = text.find("# ü").unwrap();
        // `a: "héllo" ` is 11 characters but 12 bytes.
        assert_eq!(
            idx.position(text, at),
            Position {
                line: 1,
                column: 12
            }
        );
        let img = text.find("image").unwrap();
        assert_eq!(idx.position(text, img), Position { line: 2, column: 1 });
    }

    #[test]
    fn bom_does_not_shift_columns() {
        let text = "\u{feff}kind: Pod\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, text.find("Pod").unwrap()).column, 7);
    }
}
