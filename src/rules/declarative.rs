//! Declarative rules: a catalog entry's JSON Schema applied to each container, pod spec or
//! object; every violation is a finding at the violating field (a missing property at the
//! thing that lacks it).

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
        let mut seen = Vec::new();
        for error in self.validator.iter_errors(instance) {
            let mut path = base.clone();
            for seg in error.instance_path().into_iter() {
                match seg {
                    jsonschema::paths::LocationSegment::Property(p) => {
                        // Keys of free-form maps (labels, data) print as `[key]`.
                        path = if is_identifier(&p) {
                            path.field(&p)
                        } else {
                            path.key(&p)
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
            let field = path
                .0
                .last()
                .map_or(String::new(), |s| FieldPath(vec![s.clone()]).to_string());
            let message = self
                .message
                .replace("{container}", container)
                .replace("{kind}", &cx.object.kind)
                .replace("{name}", &cx.object.name)
                .replace("{field}", field.trim_start_matches('['));
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
                    if let Some(instance) = spec.get(field).and_then(|l| l.get(idx)) {
                        self.apply(cx.object, instance, &c.path, c.name, out);
                    }
                }
            }
            Target::Object => {}
        }
    }
}
