//! Catalog entries: one YAML file per rule, the single source of a rule's id, category,
//! default level, summary and docs, and for declarative rules their whole definition.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::diagnostic::Level;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Correctness,
    Security,
    Reliability,
    BestPractice,
    Pedantic,
    Restriction,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Correctness,
        Category::Security,
        Category::Reliability,
        Category::BestPractice,
        Category::Pedantic,
        Category::Restriction,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Correctness => "correctness",
            Category::Security => "security",
            Category::Reliability => "reliability",
            Category::BestPractice => "best-practice",
            Category::Pedantic => "pedantic",
            Category::Restriction => "restriction",
        }
    }

    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// What a declarative rule's schema is applied to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Target {
    /// Every container and init container of every pod spec.
    Container,
    /// Every pod spec (Pods and all workload templates).
    PodSpec,
    /// Every object (optionally only `kinds`).
    Object,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleMeta {
    pub id: String,
    pub category: Category,
    /// The default level (`off` for rules a user must turn on).
    pub level: Level,
    pub summary: String,
    /// Markdown with the headings `What it does`, `Why is this bad?`, `Example`, `Use instead`.
    pub docs: String,
    /// Declarative rules only: what the schema applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    /// Declarative `object` rules: the kinds they apply to (all when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<String>,
    /// Declarative rules only: each violation of this JSON Schema is one finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Value>,
    /// Declarative rules: the message; `{container}`, `{kind}`, `{name}` and `{field}` are
    /// filled in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The checks of other linters this rule stands for, so that a kube-linter, kube-score,
    /// Polaris or checkov configuration can be carried over.
    #[serde(default, skip_serializing_if = "Peers::is_empty")]
    pub peers: Peers,
    /// Settings a user may change in the config file (`options: {<rule>: {<name>: value}}`),
    /// each with its default and what it means.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub options: std::collections::BTreeMap<String, RuleOption>,
}

/// Names of the corresponding checks in other linters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Peers {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kube_linter: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kube_score: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub polaris: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checkov: Vec<String>,
}

impl Peers {
    pub fn is_empty(&self) -> bool {
        self.kube_linter.is_empty()
            && self.kube_score.is_empty()
            && self.polaris.is_empty()
            && self.checkov.is_empty()
    }

    /// Each peer tool with the names of its checks, tools without one left out.
    pub fn by_tool(&self) -> Vec<(&'static str, &[String])> {
        [
            ("kube-linter", &self.kube_linter),
            ("kube-score", &self.kube_score),
            ("polaris", &self.polaris),
            ("checkov", &self.checkov),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(t, v)| (t, v.as_slice()))
        .collect()
    }
}

/// One setting of a rule.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleOption {
    pub default: Value,
    pub doc: String,
}

impl RuleMeta {
    /// Checks what serde cannot: the id's form and the docs' headings.
    pub fn validate(&self) -> Result<(), String> {
        let id_ok = !self.id.is_empty()
            && self
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !self.id.starts_with('-')
            && !self.id.ends_with('-');
        if !id_ok {
            return Err(format!("rule id `{}` is not kebab-case", self.id));
        }
        if Category::parse(&self.id).is_some() || self.id == "all" {
            return Err(format!("rule id `{}` is taken by a category", self.id));
        }
        for heading in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Use instead",
        ] {
            if !self.docs.contains(heading) {
                return Err(format!(
                    "docs of `{}` lack the heading `{heading}`",
                    self.id
                ));
            }
        }
        match (&self.schema, self.target, &self.message) {
            (Some(_), Some(_), Some(_)) | (None, None, None) => Ok(()),
            (Some(_), _, _) => Err(format!(
                "declarative rule `{}` needs `target` and `message`",
                self.id
            )),
            (None, _, _) => Err(format!(
                "`target` and `message` of `{}` need a `schema`",
                self.id
            )),
        }
    }
}
