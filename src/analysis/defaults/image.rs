//! `imagePullPolicy` from the image reference, as `SetDefaults_Container` decides it.

/// The pull policy the API server gives a container that sets none: `Always` when the
/// parsed tag is `latest` (which is also the tag of a reference with neither tag nor
/// digest), `IfNotPresent` otherwise, including references that do not parse.
/// source: pkg/apis/core/v1/defaults.go SetDefaults_Container; pkg/util/parsers
/// ParseImageName (tag `latest` when both tag and digest are absent, parse errors ignored)
pub fn pull_policy(image: &str) -> &'static str {
    match parse(image) {
        Some((Some("latest"), _)) | Some((None, None)) => "Always",
        _ => "IfNotPresent",
    }
}

/// `(tag, digest)` of a reference, or `None` when `ParseNormalizedNamed` would refuse it.
/// The grammar is the one of github.com/distribution/reference (`reference.go`).
fn parse(image: &str) -> Option<(Option<&str>, Option<&str>)> {
    // A bare 64-hex identifier is refused as ambiguous with an image id.
    if image.len() == 64
        && image
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return None;
    }
    let (rest, digest) = match image.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (image, None),
    };
    if let Some(d) = digest {
        valid_digest(d).then_some(())?;
    }
    let (name, tag) = match rest.rfind(':') {
        Some(i) if !rest[i + 1..].contains('/') => (&rest[..i], Some(&rest[i + 1..])),
        _ => (rest, None),
    };
    if let Some(t) = tag {
        valid_tag(t).then_some(())?;
    }
    valid_name(name).then_some((tag, digest))
}

fn valid_tag(t: &str) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let b = t.as_bytes();
    !b.is_empty()
        && b.len() <= 128
        && word(b[0])
        && b[1..].iter().all(|&c| word(c) || c == b'.' || c == b'-')
}

/// `algorithm:encoded`, with the length the algorithm needs.
fn valid_digest(d: &str) -> bool {
    let Some((alg, hex)) = d.split_once(':') else {
        return false;
    };
    let len = match alg {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => return false,
    };
    hex.len() == len && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

fn valid_name(name: &str) -> bool {
    if name.is_empty() || name.len() > 255 {
        return false;
    }
    // The first component is a registry when it looks like a host (`splitDockerDomain`).
    let remainder = match name.split_once('/') {
        Some((first, rest))
            if first.contains(['.', ':'])
                || first == "localhost"
                || first.bytes().any(|b| b.is_ascii_uppercase()) =>
        {
            if !valid_domain(first) {
                return false;
            }
            rest
        }
        _ => name,
    };
    // "repository name must be lowercase"
    !remainder.is_empty() && remainder.split('/').all(valid_path_component)
}

fn valid_domain(d: &str) -> bool {
    let (host, port) = if let Some(v6) = d.strip_prefix('[') {
        let Some((addr, after)) = v6.split_once(']') else {
            return false;
        };
        if addr.is_empty() || !addr.bytes().all(|b| b.is_ascii_hexdigit() || b == b':') {
            return false;
        }
        return after.is_empty()
            || after
                .strip_prefix(':')
                .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    } else {
        match d.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (d, None),
        }
    };
    if port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    !host.is_empty()
        && host.split('.').all(|c| {
            let b = c.as_bytes();
            !b.is_empty()
                && b[0].is_ascii_alphanumeric()
                && b[b.len() - 1].is_ascii_alphanumeric()
                && b.iter().all(|&x| x.is_ascii_alphanumeric() || x == b'-')
        })
}

/// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`
fn valid_path_component(c: &str) -> bool {
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let b = c.as_bytes();
    if b.is_empty() || !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !alnum(b[i]) {
            i += 1;
        }
        let sep = &c[start..i];
        if !(sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|x| x == b'-')) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::pull_policy;

    // source: pkg/apis/core/v1/defaults.go SetDefaults_Container; pkg/util/parsers
    // ParseImageName; github.com/distribution/reference grammar
    #[test]
    fn pull_policy_follows_the_tag() {
        let digest = "sha256:".to_string() + &"a".repeat(64);
        let cases = [
            ("nginx", "Always"),
            ("nginx:latest", "Always"),
            ("nginx:1.27", "IfNotPresent"),
            ("docker.io/library/nginx:1.27", "IfNotPresent"),
            ("localhost:5000/app", "Always"),
            ("localhost:5000/app:v2", "IfNotPresent"),
            ("registry.example.com:443/team/app:latest", "Always"),
            ("[::1]:5000/app", "Always"),
            (&format!("nginx@{digest}"), "IfNotPresent"),
            (&format!("nginx:latest@{digest}"), "Always"),
            (&format!("nginx:1.2@{digest}"), "IfNotPresent"),
            // Parse errors leave the tag empty: IfNotPresent.
            ("Nginx", "IfNotPresent"),
            ("nginx:latest@sha256:abc", "IfNotPresent"),
            ("", "IfNotPresent"),
            ("nginx:", "IfNotPresent"),
            ("a..b", "IfNotPresent"),
            ("my_app__x-y---z", "Always"),
            ("Registry.Example.com/app", "Always"),
        ];
        for (image, want) in cases {
            assert_eq!(pull_policy(image), want, "{image}");
        }
    }
}
