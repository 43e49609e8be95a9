//! A cheap hash for the schema tables, whose keys are names (field names, definition names,
//! groups, versions and kinds): eight bytes at a step instead of SipHash's rounds.
//!
//! Not keyed, so not resistant to chosen collisions; it serves only tables whose contents are
//! fixed (the embedded catalog, a schema's own field names): a document's keys are only
//! looked up in them, so they can make a lookup hash more bytes, never probe longer.

use std::hash::{BuildHasherDefault, Hasher};

/// The hasher of the schema tables' names.
#[derive(Default)]
pub struct NameHasher(u64);

/// Builds a [`NameHasher`] (for `HashMap<_, _, NameHash>`).
pub type NameHash = BuildHasherDefault<NameHasher>;

impl NameHasher {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x9e3779b97f4a7c15);
    }
}

impl Hasher for NameHasher {
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 29)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.mix(u64::from_le_bytes(word));
        }
        // The last 1 to 7 bytes by fixed-size reads (a copy of a variable length would call
        // `memcpy` for every name): they cover every byte, so with the length mixed in, names
        // of one length still differ.
        let rest = chunks.remainder();
        let n = rest.len();
        let last = match n {
            0 => 0,
            1..=3 => {
                u64::from(rest[0]) | u64::from(rest[n / 2]) << 8 | u64::from(rest[n - 1]) << 16
            }
            _ => {
                let half = |at: usize| {
                    let mut w = [0u8; 4];
                    w.copy_from_slice(&rest[at..at + 4]);
                    u64::from(u32::from_le_bytes(w))
                };
                half(0) | half(n - 4) << 32
            }
        };
        self.mix(last ^ ((bytes.len() as u64) << 56));
    }
    fn write_u8(&mut self, n: u8) {
        self.mix(u64::from(n));
    }
}
