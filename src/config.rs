//! The configuration file (`.kubectl-lint.yaml`, found by walking up from the working
//! directory, or `--config`) and the resolution of every rule's level from the catalog
//! defaults, the file, and `--warn`/`--deny`/`--allow` in the order given.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Level;
use crate::rules::{Category, Registry};
use crate::yaml::{parse_stream, Limits};

pub const FILE_NAMES: [&str; 2] = [".kubectl-lint.yaml", ".kubectl-lint.yml"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Rule id, category or `all` → `off` | `info` | `warning` | `error`. YAML 1.1 reads a
    /// bare `off` as the boolean `false`, so `false` means off too.
    #[serde(default)]
    pub rules: BTreeMap<String, serde_json::Value>,
    /// Globs of paths that are never linted (`vendor/**`, `*.json`, `charts`).
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub fail_on: Option<String>,
    #[serde(default)]
    pub kubernetes_version: Option<String>,
    /// Directories of declarative rules, relative to the config file.
    #[serde(default)]
    pub rule_dirs: Vec<PathBuf>,
    /// Rule id → the settings of that rule its catalog entry declares (`options:`), such as
    /// the minimum replica count or the label every object must carry.
    #[serde(default)]
    pub options: BTreeMap<String, serde_json::Map<String, serde_json::Value>>,
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct ConfigError {
    pub origin: String,
    pub message: String,
}

fn err(origin: &str, message: impl Into<String>) -> ConfigError {
    ConfigError {
        origin: origin.to_string(),
        message: message.into(),
    }
}

/// The nearest config file in `start` or a parent directory.
pub fn find(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        for name in FILE_NAMES {
            let p = d.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
        dir = d.parent();
    }
    None
}

/// Reads the configuration file at `path`, refusing one larger than `max_bytes`
/// (`--max-file-size`: the configuration comes with the manifests, from whoever wrote them).
pub fn load(path: &Path, max_bytes: u64) -> Result<Config, ConfigError> {
    let origin = path.display().to_string();
    let text = crate::source::read_text(path, max_bytes).map_err(|m| err(&origin, m))?;
    let stream = parse_stream(&text, Limits::default());
    if let Some(e) = stream.error {
        return Err(err(&origin, format!("invalid YAML: {}", e.message)));
    }
    let mut config: Config = match stream.documents.first() {
        None => Config::default(),
        Some(d) if d.is_null(d.root) => Config::default(),
        Some(d) => {
            let json = d
                .to_json(d.root)
                .map_err(|_| err(&origin, "nested too deeply"))?;
            serde_json::from_value(json).map_err(|e| err(&origin, e.to_string()))?
        }
    };
    let base = path.parent().unwrap_or(Path::new("."));
    config.rule_dirs = config.rule_dirs.iter().map(|d| base.join(d)).collect();
    config.path = Some(path.to_path_buf());
    Ok(config)
}

/// What a `--warn`/`--deny`/`--allow` or a config entry names.
enum Selector {
    All,
    Category(Category),
    Rule(String),
}

fn selector(registry: &Registry, name: &str) -> Option<Selector> {
    if name == "all" {
        Some(Selector::All)
    } else if let Some(c) = Category::parse(name) {
        Some(Selector::Category(c))
    } else if registry.get(name).is_some() {
        Some(Selector::Rule(name.to_string()))
    } else {
        None
    }
}

fn apply(levels: &mut HashMap<String, Level>, registry: &Registry, sel: &Selector, level: Level) {
    for r in &registry.rules {
        let hit = match sel {
            Selector::All => true,
            Selector::Category(c) => r.meta.category == *c,
            Selector::Rule(id) => r.meta.id == *id,
        };
        if hit {
            levels.insert(r.meta.id.clone(), level);
        }
    }
}

fn unknown(registry: &Registry, name: &str) -> String {
    let close = registry
        .rules
        .iter()
        .map(|r| r.meta.id.as_str())
        .chain(Category::ALL.iter().map(|c| c.as_str()))
        .min_by_key(|c| edit_distance(c, name))
        .filter(|c| edit_distance(c, name) <= 3);
    match close {
        Some(c) => format!("unknown rule or category `{name}` (did you mean `{c}`?)"),
        None => format!("unknown rule or category `{name}` (`kubectl lint rules` lists them)"),
    }
}

/// The level of every rule: catalog default, then the config file (`all`, then categories,
/// then rule ids), then the command line in the order given.
pub fn levels(
    registry: &Registry,
    config: &Config,
    overrides: &[(Level, String)],
) -> Result<HashMap<String, Level>, ConfigError> {
    let mut levels: HashMap<String, Level> = registry
        .rules
        .iter()
        .map(|r| (r.meta.id.clone(), r.meta.level))
        .collect();
    let origin = config
        .path
        .as_ref()
        .map_or_else(|| "config".to_string(), |p| p.display().to_string());
    let mut entries: Vec<(u8, Selector, Level)> = Vec::new();
    for (name, value) in &config.rules {
        let level = match value {
            serde_json::Value::Bool(false) => Some(Level::Off),
            serde_json::Value::String(s) => Level::parse(s),
            _ => None,
        }
        .ok_or_else(|| {
            err(
                &origin,
                format!("`{value}` is not a level for `{name}` (off, info, warning, error)"),
            )
        })?;
        let sel = selector(registry, name).ok_or_else(|| err(&origin, unknown(registry, name)))?;
        let rank = match sel {
            Selector::All => 0,
            Selector::Category(_) => 1,
            Selector::Rule(_) => 2,
        };
        entries.push((rank, sel, level));
    }
    entries.sort_by_key(|e| e.0);
    for (_, sel, level) in &entries {
        apply(&mut levels, registry, sel, *level);
    }
    for (level, name) in overrides {
        let sel =
            selector(registry, name).ok_or_else(|| err("command line", unknown(registry, name)))?;
        apply(&mut levels, registry, &sel, *level);
    }
    Ok(levels)
}

/// Every rule's settings: the catalog defaults, overridden by the config file's `options:`.
/// An unknown rule, an option the rule does not declare, or a value of another JSON type than
/// the default is an error.
pub fn options(
    registry: &Registry,
    config: &Config,
) -> Result<crate::model::RuleOptions, ConfigError> {
    let origin = config
        .path
        .as_ref()
        .map_or_else(|| "config".to_string(), |p| p.display().to_string());
    let mut out = crate::model::RuleOptions::default();
    for r in &registry.rules {
        if !r.meta.options.is_empty() {
            out.insert(
                r.meta.id.clone(),
                r.meta
                    .options
                    .iter()
                    .map(|(k, o)| (k.clone(), o.default.clone()))
                    .collect(),
            );
        }
    }
    for (rule, values) in &config.options {
        let Some(entry) = registry.get(rule) else {
            return Err(err(&origin, unknown(registry, rule)));
        };
        for (name, value) in values {
            let Some(declared) = entry.meta.options.get(name) else {
                let known: Vec<&str> = entry.meta.options.keys().map(String::as_str).collect();
                return Err(err(
                    &origin,
                    if known.is_empty() {
                        format!("rule `{rule}` has no options (`{name}` given)")
                    } else {
                        format!(
                            "rule `{rule}` has no option `{name}` (it has: {})",
                            known.join(", ")
                        )
                    },
                ));
            };
            if std::mem::discriminant(value) != std::mem::discriminant(&declared.default)
                && !(value.is_number() && declared.default.is_number())
            {
                return Err(err(
                    &origin,
                    format!(
                        "option `{name}` of `{rule}` takes a value like `{}`, not `{value}`",
                        declared.default
                    ),
                ));
            }
            out.entry(rule.clone())
                .or_default()
                .insert(name.clone(), value.clone());
        }
    }
    Ok(out)
}

/// Levenshtein distance, for "did you mean" suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}
