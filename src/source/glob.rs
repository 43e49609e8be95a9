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
            // A directory pattern also covers everything under it.
            (0..=parts.len()).any(|n| match_parts(&pat, &parts[..n]))
        } else {
            path.split('/').any(|c| match_component(&self.pattern, c))
        }
    }
}

fn match_parts(pat: &[&str], parts: &[&str]) -> bool {
    match pat.split_first() {
        None => parts.is_empty(),
        Some((&"**", rest)) => (0..=parts.len()).any(|i| match_parts(rest, &parts[i..])),
        Some((p, rest)) => match parts.split_first() {
            Some((c, more)) => match_component(p, c) && match_parts(rest, more),
            None => false,
        },
    }
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
}
