//! Declarative rules: a catalog entry's JSON Schema applied to each container, pod spec or
//! object; every violation is a finding at the violating field (a missing property at the
//! thing that lacks it).

use crate::rules::Pointer as _;
use jsonschema::Validator;
use serde_json::Value;

use super::catalog::{RuleMeta, Target};
use super::context::{ObjectCx, PodCx, Sink};
use super::Rule;
use crate::diagnostic::Diagnostic;
use crate::yaml::FieldPath;

pub struct Declarative {
    id: String,
    target: Target,
    kinds: Vec<String>,
    validator: Validator,
    message: String,
    label: Option<std::sync::Arc<str>>,
    help: Option<std::sync::Arc<str>>,
}

impl Declarative {
    pub fn new(meta: &RuleMeta) -> Result<Self, String> {
        let schema = meta.schema.as_ref().ok_or("no schema")?;
        let validator = jsonschema::validator_for(schema)
            .map_err(|e| format!("invalid schema in `{}`: {e}", meta.id))?;
        Ok(Declarative {
            id: meta.id.clone(),
            target: meta.target.ok_or("no target")?,
            kinds: meta.kinds.clone(),
            validator,
            message: meta.message.clone().ok_or("no message")?,
            label: meta.label.as_deref().map(std::sync::Arc::from),
            help: meta.help.as_deref().map(std::sync::Arc::from),
        })
    }

    /// Validates `instance` (found at `base`) and reports each violation.
    fn apply(
        &self,
        cx: &ObjectCx<'_>,
        instance: &Value,
        base: &FieldPath,
        container: &str,
        out: &mut Sink,
    ) {
        let mut seen: Vec<FieldPath> = Vec::new();
        for error in self.validator.iter_errors(instance) {
            let mut path = base.clone();
            for seg in error.instance_path().into_iter() {
                match seg {
                    jsonschema::paths::LocationSegment::Property(p) => {
                        // Keys of free-form maps (labels, data) print as `[key]`.
                        path = if is_identifier(&p) {
                            path.field(p.to_string())
                        } else {
                            path.key(p.to_string())
                        };
                    }
                    jsonschema::paths::LocationSegment::Index(i) => {
                        path = path.index(i);
                    }
                }
            }
            if seen.contains(&path) {
                continue;
            }
            seen.push(path.clone());
            let message = fill(&self.message, |name| match name {
                "container" => Some(container.into()),
                "kind" => Some(cx.object.kind.as_str().into()),
                "name" => Some(cx.object.name.as_str().into()),
                // The last segment as a path prints it, less an opening bracket.
                "field" => Some(
                    path.0
                        .last()
                        .map_or(String::new(), |s| FieldPath(vec![s.clone()]).to_string())
                        .trim_start_matches('[')
                        .to_string()
                        .into(),
                ),
                _ => None,
            });
            let mut d = Diagnostic::new(message, cx.at(path));
            if let Some(l) = &self.label {
                d = d.label(l.clone());
            }
            if let Some(h) = &self.help {
                d = d.help(h.clone());
            }
            out.emit(d);
        }
    }
}

/// `template` with each `{placeholder}` that `value` knows replaced, in one pass (a value is
/// never read as a template itself); other braces stay as they are.
fn fill<'v>(template: &str, value: impl Fn(&str) -> Option<std::borrow::Cow<'v, str>>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find('}')
            .and_then(|close| Some((close, value(&after[..close])?)))
        {
            Some((close, v)) => {
                out.push_str(&v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

impl Rule for Declarative {
    fn id(&self) -> &str {
        &self.id
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        if self.target != Target::Object {
            return;
        }
        if !self.kinds.is_empty() && !self.kinds.contains(&cx.object.kind) {
            return;
        }
        if let Some(json) = cx.json() {
            self.apply(cx, json, &FieldPath::root(), "", out);
        }
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        match self.target {
            Target::PodSpec => {
                if let Some(json) = cx.json() {
                    self.apply(cx.object, json, cx.path, "", out);
                }
            }
            Target::Container => {
                let Some(spec) = cx.json() else { return };
                for c in cx.containers() {
                    let field = if c.init {
                        "initContainers"
                    } else {
                        "containers"
                    };
                    let idx = match c.path.0.last() {
                        Some(crate::yaml::Segment::Index(i)) => *i,
                        _ => continue,
                    };
                    if let Some(instance) = spec.field(field).and_then(|l| l.get(idx)) {
                        self.apply(cx.object, instance, &c.path, c.name, out);
                    }
                }
            }
            Target::Object => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn placeholders_are_filled_in_one_pass() {
        let value = |name: &str| match name {
            "kind" => Some("Deployment".into()),
            "name" => Some("{kind}".into()),
            _ => None,
        };
        assert_eq!(
            fill("`{kind}` `{name}` has {no} `{field` {}", value),
            // A value is not a template; unknown and unclosed placeholders stay.
            "`Deployment` `{kind}` has {no} `{field` {}"
        );
        assert_eq!(fill("plain", value), "plain");
    }
}
