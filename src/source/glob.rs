//! Path globs for ignore lists: `*` and `?` within a path component, `**` across components.
//! A pattern without `/` matches a file or directory name at any depth, as in `.gitignore`.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob {
    pattern: String,
    anchored: bool,
}

impl Glob {
    pub fn new(pattern: &str) -> Self {
        let p = pattern.strip_prefix("./").unwrap_or(pattern);
        let p = p.strip_suffix('/').unwrap_or(p);
        Glob {
            anchored: p.contains('/'),
            pattern: p.to_string(),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    pub fn matches(&self, path: &str) -> bool {
        if self.anchored {
            let pat: Vec<&str> = self.pattern.split('/').collect();
            let parts: Vec<&str> = path.split('/').collect();
            // A directory pattern also covers everything under it: it may match any prefix.
            match_prefixes(&pat, &parts).into_iter().any(|m| m)
        } else {
            path.split('/').any(|c| match_component(&self.pattern, c))
        }
    }
}

/// For every `j` in `0..=parts.len()`, whether `pat` matches the first `j` components of
/// `parts` exactly, `**` standing for any number of components.
///
/// Dynamic programming over (pattern index, path index): `ok[j]` says whether the pattern
/// read so far matches the first `j` components. O(pattern × path) time, whatever the
/// number of `**`: the plain recursion tried every split of the path between them, which is
/// exponential in their number, and the config file (where `ignore:` comes from) is input.
fn match_prefixes(pat: &[&str], parts: &[&str]) -> Vec<bool> {
    let mut ok = vec![false; parts.len() + 1];
    ok[0] = true;
    for p in pat {
        if *p == "**" {
            // Any number of components: once reachable, every longer prefix is too.
            for j in 1..ok.len() {
                ok[j] = ok[j] || ok[j - 1];
            }
        } else {
            // One component: shift by one where it matches (right to left, in place).
            for j in (1..ok.len()).rev() {
                ok[j] = ok[j - 1] && match_component(p, parts[j - 1]);
            }
            ok[0] = false;
        }
    }
    ok
}

fn match_component(pat: &str, s: &str) -> bool {
    let p: Vec<char> = pat.chars().collect();
    let t: Vec<char> = s.chars().collect();
    // Iterative wildcard matching with one backtrack point: linear, no recursion.
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::Glob;

    #[test]
    fn globs() {
        assert!(Glob::new("charts/**").matches("charts/a/b.yaml"));
        assert!(Glob::new("charts").matches("deploy/charts/x.yaml"));
        assert!(Glob::new("*.json").matches("a/b/c.json"));
        assert!(!Glob::new("*.json").matches("a/b/c.yaml"));
        assert!(Glob::new("deploy/*.yaml").matches("deploy/x.yaml"));
        assert!(!Glob::new("deploy/*.yaml").matches("other/deploy/x.yaml"));
        assert!(Glob::new("**/templates").matches("a/b/templates/x.yaml"));
    }

    #[test]
    fn anchored_globs() {
        assert!(Glob::new("./deploy/").matches("deploy/x.yaml"));
        assert!(Glob::new("a/**/b").matches("a/b"));
        assert!(Glob::new("a/**/b").matches("a/x/y/b/z.yaml"));
        assert!(!Glob::new("a/**/b").matches("a/x/y/c"));
        assert!(!Glob::new("a/**/b").matches("x/a/b"));
        assert!(Glob::new("**/**").matches("anything"));
        assert!(Glob::new("a/*/c").matches("a/b/c"));
        assert!(!Glob::new("a/*/c").matches("a/b/x/c"));
        assert!(Glob::new("a/?/c/**").matches("a/b/c"));
        assert!(!Glob::new("a/b/c/d").matches("a/b/c"));
    }

    /// The recursion this module used before, kept as the reference for the matcher.
    fn reference(pat: &[&str], parts: &[&str]) -> bool {
        match pat.split_first() {
            None => parts.is_empty(),
            Some((&"**", rest)) => (0..=parts.len()).any(|i| reference(rest, &parts[i..])),
            Some((p, rest)) => match parts.split_first() {
                Some((c, more)) => super::match_component(p, c) && reference(rest, more),
                None => false,
            },
        }
    }

    /// Every pattern of up to four components from `**`, `*`, `a`, `?` against every path of
    /// up to four components from `a`, `b`, `ab`: the same answer as the recursion.
    #[test]
    fn same_answers_as_the_recursion() {
        fn all<'a>(alphabet: &[&'a str], max: usize) -> Vec<Vec<&'a str>> {
            let mut out = vec![Vec::new()];
            let mut last = vec![Vec::new()];
            for _ in 0..max {
                let next: Vec<Vec<&str>> = last
                    .iter()
                    .flat_map(|v: &Vec<&str>| {
                        alphabet.iter().map(move |a| {
                            let mut v = v.clone();
                            v.push(*a);
                            v
                        })
                    })
                    .collect();
                out.extend(next.iter().cloned());
                last = next;
            }
            out
        }
        let mut checked = 0;
        for pat in all(&["**", "*", "a", "?"], 4) {
            for parts in all(&["a", "b", "ab"], 4) {
                let got = super::match_prefixes(&pat, &parts);
                for (n, g) in got.iter().enumerate() {
                    assert_eq!(*g, reference(&pat, &parts[..n]), "{pat:?} {parts:?} {n}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000);
    }

    /// Thirty `**` over forty components: the recursion that tried every way of splitting the
    /// path between the `**` ran C(70, 30) ≈ 10^19 times here before failing.
    #[test]
    fn many_double_stars_over_a_deep_path() {
        let pattern = format!("{}vendor", "**/".repeat(30));
        let deep: Vec<String> = (0..40).map(|i| format!("d{i}")).collect();
        let path = deep.join("/");
        let glob = Glob::new(&pattern);
        assert!(!glob.matches(&format!("{path}/x.yaml")));
        assert!(glob.matches(&format!("{path}/vendor/x.yaml")));
        assert!(glob.matches("vendor"));
    }
}
