//! Standard base64 exactly as Go's `encoding/base64` `StdEncoding` decodes it, which is how the
//! Kubernetes client reads a `!!binary` scalar and how the API server decodes a `[]byte` field
//! (a Secret's `data`, a ConfigMap's `binaryData`): padding required, line breaks (`\r`,
//! `\n`) ignored anywhere, nothing after the padding. An error carries the byte offset Go
//! reports (`illegal base64 data at input byte N`).
//! source: encoding/base64/base64.go (Encoding.Decode, decodeQuantum, CorruptInputError);
//! encoding/json decode.go literalStore (`[]byte` is base64.StdEncoding)

/// The value of a base64 digit, or `None`.
fn digit(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

fn line_break(c: u8) -> bool {
    c == b'\n' || c == b'\r'
}

/// The decoded bytes, or the offset of the first byte Go's decoder refuses.
pub fn decode(src: &[u8]) -> Result<Vec<u8>, usize> {
    let mut out = Vec::with_capacity(src.len() / 4 * 3 + 3);
    let mut si = 0;
    loop {
        // One quantum: four digits, or fewer then padding, line breaks skipped.
        let mut quantum = [0u8; 4];
        let mut j = 0;
        let mut len = 4;
        while j < 4 {
            let Some(&c) = src.get(si) else {
                // The end: between quanta it is the end of the input; inside one it is an
                // error at the quantum's first byte (Go counts back `j` bytes).
                if j == 0 {
                    return Ok(out);
                }
                return Err(si - j);
            };
            si += 1;
            if let Some(v) = digit(c) {
                quantum[j] = v;
                j += 1;
                continue;
            }
            if line_break(c) {
                continue;
            }
            if c != b'=' || j < 2 {
                return Err(si - 1);
            }
            // Padding: `==` after two digits, `=` after three.
            if j == 2 {
                while src.get(si).copied().is_some_and(line_break) {
                    si += 1;
                }
                match src.get(si) {
                    None => return Err(src.len()),
                    Some(b'=') => si += 1,
                    Some(_) => return Err(si - 1),
                }
            }
            while src.get(si).copied().is_some_and(line_break) {
                si += 1;
            }
            if si < src.len() {
                return Err(si);
            }
            len = j;
            break;
        }
        let bits = quantum
            .iter()
            .fold(0u32, |acc, v| (acc << 6) | u32::from(*v));
        out.extend_from_slice(&bits.to_be_bytes()[1..len]);
        if len < 4 {
            return Ok(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes_as_go_decodes() {
        // Outcomes and offsets as Go's base64.StdEncoding.DecodeString gives them
        // (go doc encoding/base64; the errors are CorruptInputError offsets).
        let cases: &[(&str, Result<&[u8], usize>)] = &[
            ("", Ok(b"")),
            ("aGVsbG8=", Ok(b"hello")),
            ("aGVsbG8h", Ok(b"hello!")),
            ("aGVsbA==", Ok(b"hell")),
            ("aGVs\nbA=\r\n=\n", Ok(b"hell")),
            ("aGVsbG8", Err(4)),
            ("aGVsbA=", Err(7)),
            ("aGVsbA", Err(4)),
            ("a", Err(0)),
            ("hello world", Err(5)),
            ("aGVsbA==x", Err(8)),
            ("aGVsbA==\n\nx", Err(10)),
            ("aGVsbG8=aGVs", Err(8)),
            ("aGV=", Ok(b"he")),
            ("a===", Err(1)),
            ("=", Err(0)),
            ("aG=x", Err(2)),
            ("pässwörd", Err(1)),
        ];
        for (text, want) in cases {
            let got = decode(text.as_bytes());
            assert_eq!(got.as_deref().map_err(|e| *e), *want, "{text:?}");
        }
    }
}
