//! From diagnostics to what the user reads: resolves each field path to a span once, applies
//! suppressions, sorts by position, renders the chosen format, and decides the exit code.
//!
//! Nothing here prints; renderers write into the `Write` they are given.

mod human;
mod machine;
mod pipeline;
mod redact;
mod resolve;
mod side_inputs;
mod yaml_emit;

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostic::{ApiError, Level, Text};
use crate::rules::{Registry, RuleEntry};
use crate::source::{InputError, InputNote};
use crate::yaml::{Limits, Position, Span};

pub use human::{json_visible, visible, visible_lines, HumanStyle};
pub use pipeline::{lint_inputs, lint_inputs_each};
pub use redact::{
    is_credential_name, is_secret_kind, scrub, secret_texts, CopyMask, FileMask, Scrubber,
};
pub use yaml_emit::to_yaml;

/// Output formats (`-o`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Short,
    Json,
    Sarif,
    Github,
    Junit,
    // GitLab's Code Quality report (`artifacts:reports:codequality`).
    Gitlab,
}

/// The object a finding belongs to, as the JSON contract names it.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectInfo {
    #[serde(rename = "apiVersion")]
    pub api_version: String,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    pub name: String,
    pub document: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<usize>,
}

/// A secondary label, resolved.
#[derive(Debug, Clone, Serialize)]
pub struct RelatedInfo {
    /// Another file than the finding's (the old version of an updated object).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<Arc<str>>,
    pub line: usize,
    pub column: usize,
    pub message: String,
    #[serde(skip)]
    pub span: Span,
}

/// A diagnostic resolved to its place in the file.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: Arc<str>,
    pub level: Level,
    pub message: String,
    pub file: Arc<str>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// The field, relative to the object (empty for syntax errors).
    pub path: String,
    /// Shared with the file's `objects`: one per object, not one per finding.
    pub object: Option<Arc<ObjectInfo>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_error: Option<ApiError>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<RelatedInfo>,
    #[serde(skip)]
    pub span: Span,
}

impl Finding {
    pub fn start(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }
}

/// What one file yielded.
#[derive(Debug, Clone, Default)]
pub struct FileReport {
    pub name: Arc<str>,
    pub objects: Vec<Arc<ObjectInfo>>,
    pub findings: Vec<Finding>,
    /// Human output for this file, rendered while its text was at hand.
    pub human: String,
}

/// Everything a run produced.
#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
    pub input_errors: Vec<InputError>,
    pub notes: Vec<InputNote>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub objects: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Report {
    /// Lets the report go with its files freed on every core: as many small allocations as
    /// the checks made (a finding holds several strings), which one thread would free alone
    /// after the output is written.
    pub fn free(self) {
        use rayon::prelude::*;
        self.files.into_par_iter().for_each(drop);
    }

    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.files.iter().flat_map(|f| f.findings.iter())
    }

    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            files: self.files.len(),
            objects: self.files.iter().map(|f| f.objects.len()).sum(),
            ..Summary::default()
        };
        for f in self.findings() {
            match f.level {
                Level::Error => s.errors += 1,
                Level::Warning => s.warnings += 1,
                Level::Info => s.infos += 1,
                Level::Off => {}
            }
        }
        s
    }

    /// 2 for input errors, 1 for findings at or above `fail_on`, else 0.
    pub fn exit_code(&self, fail_on: Level) -> u8 {
        if !self.input_errors.is_empty() {
            2
        } else if self
            .findings()
            .any(|f| f.level >= fail_on && f.level != Level::Off)
        {
            1
        } else {
            0
        }
    }
}

/// What the pipeline needs to know besides the inputs.
pub struct Settings<'a> {
    pub registry: &'a Registry,
    /// The rules that run, each with its level.
    pub enabled: Vec<(&'a RuleEntry, Level)>,
    /// The level of every rule id (including `off`).
    pub levels: HashMap<String, Level>,
    pub limits: Limits,
    pub max_file_bytes: u64,
    /// The targeted Kubernetes version.
    pub version: crate::rules::Version,
    /// `-n/--namespace`, when given.
    pub namespace: Option<String>,
    /// `--crd` inputs: read for their CRDs only, not linted.
    pub crd_inputs: Vec<crate::source::Input>,
    /// `diff OLD NEW`: the OLD inputs, the previous version of the objects linted.
    pub old_inputs: Vec<crate::source::Input>,
    /// `--base REV`: the previous version of each input is the same file at that git revision.
    pub base: Option<String>,
    /// `diff --live`: the previous version is the live object (read-only GET).
    pub live: Option<crate::source::live::LiveOptions>,
    /// Render human output while each file is at hand.
    pub human: Option<HumanStyle>,
    /// The cluster snapshot to schedule pod templates on (`--nodes`, `--cluster`, `--live`).
    pub cluster: Option<std::sync::Arc<crate::model::cluster::Snapshot>>,
    /// Every rule's settings (catalog defaults and the config file's `options:`).
    pub options: crate::model::workspace::RuleOptions,
}

/// Writes the report in `format`.
pub fn render(
    report: &Report,
    format: Format,
    registry: &Registry,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Human => human::render(report, out),
        Format::Short => machine::short(report, out),
        Format::Json => machine::json(report, out),
        Format::Sarif => machine::sarif(report, registry, out),
        Format::Github => machine::github(report, out),
        Format::Junit => machine::junit(report, out),
        Format::Gitlab => machine::gitlab(report, out),
    }
}
