//! A cheap hash for the schema tables, whose keys are names (field names, definition names,
//! groups, versions and kinds): eight bytes at a step instead of SipHash's rounds.
//!
//! A CRD's schema is input, and its field names fill these tables too: without a key, names
//! chosen to collide (the mixing is invertible, so they are cheap to find) would make every
//! insertion and lookup probe all of them. The hasher therefore starts from a seed drawn once
//! per process from the standard library's random hash keys; names that collide under one
//! seed do not under another. It is not a keyed cryptographic hash: it only keeps colliding
//! names from being computed ahead of a run.

use std::hash::{BuildHasherDefault, Hasher};

/// The hasher of the schema tables' names.
pub struct NameHasher(u64);

/// The seed every [`NameHasher`] starts from: drawn once per process.
fn seed() -> u64 {
    static SEED: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *SEED.get_or_init(|| {
        use std::hash::BuildHasher;
        std::collections::hash_map::RandomState::new().hash_one(0x6b75_6265_u64) | 1
    })
}

impl Default for NameHasher {
    fn default() -> Self {
        NameHasher(seed())
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(start: u64, bytes: &[u8]) -> u64 {
        let mut h = NameHasher(start);
        h.write(bytes);
        h.finish()
    }

    /// Two 16-byte names made to collide from a zero start (the second word cancels the first's
    /// difference, as an attacker would compute it) no longer collide from the process's seed.
    #[test]
    fn names_made_to_collide_without_a_seed_differ_with_it() {
        const K: u64 = 0x9e37_79b9_7f4a_7c15;
        let (a1, a2, b1) = (
            u64::from_le_bytes(*b"metadata"),
            u64::from_le_bytes(*b"replicas"),
            u64::from_le_bytes(*b"template"),
        );
        let b2 = (a1.wrapping_mul(K)).rotate_left(5) ^ a2 ^ (b1.wrapping_mul(K)).rotate_left(5);
        let a = [a1.to_le_bytes(), a2.to_le_bytes()].concat();
        let b = [b1.to_le_bytes(), b2.to_le_bytes()].concat();
        assert_ne!(a, b);
        assert_eq!(hash(0, &a), hash(0, &b), "the names collide without a seed");
        assert_ne!(hash(seed(), &a), hash(seed(), &b));
        assert_eq!(hash(seed(), &a), hash(seed(), &a));
    }
}
