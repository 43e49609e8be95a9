//! The registry: every catalog entry joined to its implementation (native or declarative),
//! checked once at start-up.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use super::catalog::RuleMeta;
use super::declarative::Declarative;
use super::Rule;
use crate::yaml::{parse_stream, Limits};

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

pub enum Impl {
    Native(&'static dyn Rule),
    Declarative(Box<Declarative>),
}

pub struct RuleEntry {
    pub meta: RuleMeta,
    pub id: Arc<str>,
    /// Where the entry came from (`rules/x.yaml`, or a user's file).
    pub origin: String,
    pub imp: Impl,
}

impl RuleEntry {
    pub fn rule(&self) -> &dyn Rule {
        match &self.imp {
            Impl::Native(r) => *r,
            Impl::Declarative(d) => d.as_ref(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct CatalogError {
    pub origin: String,
    pub message: String,
}

pub struct Registry {
    pub rules: Vec<RuleEntry>,
    by_id: HashMap<Arc<str>, usize>,
}

impl Registry {
    /// The built-in catalog plus every `*.yaml` in `extra` directories, each file at most
    /// [`crate::source::DEFAULT_MAX_FILE_SIZE`] bytes.
    pub fn load(extra: &[impl AsRef<Path>]) -> Result<Registry, CatalogError> {
        Self::load_limited(extra, crate::source::DEFAULT_MAX_FILE_SIZE)
    }

    /// [`Registry::load`], refusing a rule file larger than `max_bytes` (`--max-file-size`).
    pub fn load_limited(
        extra: &[impl AsRef<Path>],
        max_bytes: u64,
    ) -> Result<Registry, CatalogError> {
        let mut sources: Vec<(String, String)> = EMBEDDED
            .iter()
            .map(|(name, text)| (format!("rules/{name}"), text.to_string()))
            .collect();
        for dir in extra {
            let dir = dir.as_ref();
            let err = |message: String| CatalogError {
                origin: dir.display().to_string(),
                message,
            };
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .map_err(|e| err(format!("cannot read rules directory: {e}")))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
                .collect();
            files.sort();
            for path in files {
                // A FIFO or device named `*.yaml` would block or never end: refuse it, as a
                // directory or a dangling link is refused by the read below.
                if std::fs::metadata(&path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
                    return Err(CatalogError {
                        origin: path.display().to_string(),
                        message: "not a regular file".into(),
                    });
                }
                let text =
                    crate::source::read_text(&path, max_bytes).map_err(|message| CatalogError {
                        origin: path.display().to_string(),
                        message,
                    })?;
                sources.push((path.display().to_string(), text));
            }
        }
        let mut natives: HashMap<&str, &'static dyn Rule> =
            super::native().into_iter().map(|r| (r.id(), r)).collect();
        let mut rules = Vec::new();
        let mut by_id = HashMap::new();
        for (origin, text) in sources {
            let err = |message: String| CatalogError {
                origin: origin.clone(),
                message,
            };
            let stream = parse_stream(&text, Limits::default());
            if let Some(e) = stream.error {
                return Err(err(format!("invalid YAML: {}", e.message)));
            }
            let doc = stream
                .documents
                .first()
                .ok_or_else(|| err("empty rule file".into()))?;
            let json = doc
                .to_json(doc.root)
                .map_err(|_| err("nested too deeply".into()))?;
            let meta: RuleMeta =
                serde_json::from_value(json).map_err(|e| err(format!("invalid rule: {e}")))?;
            meta.validate().map_err(err)?;
            let id: Arc<str> = Arc::from(meta.id.as_str());
            if by_id.contains_key(&id) {
                return Err(err(format!("rule `{id}` is defined twice")));
            }
            let imp = if meta.schema.is_some() {
                if natives.contains_key(meta.id.as_str()) {
                    return Err(err(format!(
                        "rule `{id}` has both a schema and a native implementation"
                    )));
                }
                Impl::Declarative(Box::new(Declarative::new(&meta).map_err(err)?))
            } else {
                match natives.remove(meta.id.as_str()) {
                    Some(r) => Impl::Native(r),
                    None => {
                        return Err(err(format!(
                            "rule `{id}` has no `schema` and no native implementation"
                        )))
                    }
                }
            };
            by_id.insert(id.clone(), rules.len());
            rules.push(RuleEntry {
                meta,
                id,
                origin,
                imp,
            });
        }
        if let Some(id) = natives.keys().next() {
            return Err(CatalogError {
                origin: "rules/".into(),
                message: format!("native rule `{id}` has no catalog entry rules/{id}.yaml"),
            });
        }
        rules.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        let by_id = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        Ok(Registry { rules, by_id })
    }

    pub fn get(&self, id: &str) -> Option<&RuleEntry> {
        self.by_id.get(id).map(|i| &self.rules[*i])
    }
}
