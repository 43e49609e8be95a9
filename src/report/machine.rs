//! Formats for machines: `short`, `json` (our contract), `sarif` 2.1.0, `github` workflow
//! commands, `junit` and `gitlab` (Code Quality).

use std::io::Write;

use serde_json::{json, Value};

use crate::diagnostic::Level;
use crate::rules::Registry;

use super::{Finding, Report};

pub(super) fn short(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    for f in report.findings() {
        writeln!(
            out,
            "{}:{}:{}: {}[{}]: {}",
            f.file, f.line, f.column, f.level, f.rule, f.message
        )?;
    }
    Ok(())
}

pub(super) fn json(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let diagnostics: Vec<&Finding> = report.findings().collect();
    let errors: Vec<Value> = report
        .input_errors
        .iter()
        .map(|e| json!({"file": e.name, "message": e.message}))
        .collect();
    let v = json!({
        "diagnostics": diagnostics,
        "input_errors": errors,
        "summary": report.summary(),
    });
    serde_json::to_writer_pretty(&mut *out, &v)?;
    writeln!(out)
}

fn sarif_level(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "note",
        Level::Off => "none",
    }
}

/// A file name as a SARIF `uri-reference`: relative paths stay relative, unsafe bytes are
/// percent-encoded.
fn uri(name: &str) -> String {
    if name == "<stdin>" {
        return "stdin".into();
    }
    let mut s = String::new();
    for b in name.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

pub(super) fn sarif(
    report: &Report,
    registry: &Registry,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let rules: Vec<Value> = registry
        .rules
        .iter()
        .map(|r| {
            json!({
                "id": r.meta.id,
                "shortDescription": {"text": r.meta.summary},
                "fullDescription": {"text": r.meta.summary},
                "help": {"text": r.meta.docs, "markdown": r.meta.docs},
                "defaultConfiguration": {"level": sarif_level(r.meta.level), "enabled": r.meta.level != Level::Off},
                "properties": {"category": r.meta.category.as_str(), "tags": [r.meta.category.as_str()]},
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings()
        .map(|f| {
            let mut r = json!({
                "ruleId": &*f.rule,
                "level": sarif_level(f.level),
                "message": {"text": f.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(&f.file)},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": f.end_column,
                        }
                    },
                    "logicalLocations": f.object.as_ref().map(|o| vec![json!({
                        "name": o.name,
                        "fullyQualifiedName": if f.path.is_empty() { format!("{}/{}", o.kind, o.name) } else { format!("{}/{}.{}", o.kind, o.name, f.path) },
                        "kind": "object",
                    })]).unwrap_or_default(),
                }],
            });
            if let Some(i) = registry.rules.iter().position(|r| *r.id == *f.rule) {
                r["ruleIndex"] = json!(i);
            }
            if !f.related.is_empty() {
                r["relatedLocations"] = f
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, rel)| {
                        json!({
                            "id": i,
                            "message": {"text": rel.message},
                            "physicalLocation": {
                                "artifactLocation": {"uri": uri(rel.file.as_deref().unwrap_or(&f.file))},
                                "region": {"startLine": rel.line, "startColumn": rel.column},
                            }
                        })
                    })
                    .collect();
            }
            if let Some(e) = &f.api_error {
                r["properties"] = json!({"api_error": e});
            }
            r
        })
        .collect();
    let v = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "kubectl-lint",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &v)?;
    writeln!(out)
}

fn gh_escape(s: &str, property: bool) -> String {
    let mut o = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        o = o.replace(':', "%3A").replace(',', "%2C");
    }
    o
}

pub(super) fn github(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    for f in report.findings() {
        let cmd = match f.level {
            Level::Error => "error",
            Level::Warning => "warning",
            _ => "notice",
        };
        writeln!(
            out,
            "::{cmd} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            gh_escape(&f.file, true),
            f.line,
            f.column,
            f.end_line,
            f.end_column,
            gh_escape(&f.rule, true),
            gh_escape(&f.message, false)
        )?;
    }
    Ok(())
}

fn xml(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => o.push('\u{fffd}'),
            c => o.push(c),
        }
    }
    o
}

/// One test case per object (and one per file for what belongs to no object); a failure
/// per finding.
pub(super) fn junit(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let total_cases: usize = report
        .files
        .iter()
        .map(|f| f.objects.len() + usize::from(f.findings.iter().any(|x| x.object.is_none())))
        .sum();
    let failures = report.findings().count();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="kubectl-lint" tests="{total_cases}" failures="{failures}">"#
    )?;
    for file in &report.files {
        let loose: Vec<&Finding> = file
            .findings
            .iter()
            .filter(|f| f.object.is_none())
            .collect();
        let cases = file.objects.len() + usize::from(!loose.is_empty());
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{cases}" failures="{}">"#,
            xml(&file.name),
            file.findings.len()
        )?;
        let case = |out: &mut dyn Write, name: &str, fs: &[&Finding]| -> std::io::Result<()> {
            if fs.is_empty() {
                return writeln!(
                    out,
                    r#"    <testcase name="{}" classname="{}"/>"#,
                    xml(name),
                    xml(&file.name)
                );
            }
            writeln!(
                out,
                r#"    <testcase name="{}" classname="{}">"#,
                xml(name),
                xml(&file.name)
            )?;
            for f in fs {
                writeln!(
                    out,
                    r#"      <failure message="{}" type="{}">{}:{}:{}: {}[{}]: {}</failure>"#,
                    xml(&f.message),
                    xml(&f.rule),
                    xml(&f.file),
                    f.line,
                    f.column,
                    f.level,
                    xml(&f.rule),
                    xml(&f.message)
                )?;
            }
            writeln!(out, "    </testcase>")
        };
        for o in &file.objects {
            let fs: Vec<&Finding> = file
                .findings
                .iter()
                .filter(|f| {
                    f.object.as_ref().is_some_and(|x| {
                        x.document == o.document
                            && x.item == o.item
                            && x.name == o.name
                            && x.kind == o.kind
                    })
                })
                .collect();
            let name = match &o.namespace {
                Some(ns) => format!("{} {}/{}", o.kind, ns, o.name),
                None => format!("{} {}", o.kind, o.name),
            };
            case(out, &name, &fs)?;
        }
        if !loose.is_empty() {
            case(out, &file.name, &loose)?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// FNV-1a, 128 bits: a fingerprint that stays the same from run to run and release to release
/// (std's hasher promises neither), with no dependency.
fn fnv1a_128(parts: &[&str]) -> String {
    let mut h: u128 = 0x6c62272e07bb014262b821756295c58d;
    for part in parts {
        // A separator byte that text cannot hold keeps ("ab", "c") apart from ("a", "bc").
        for b in part.bytes().chain([0xff]) {
            h ^= u128::from(b);
            h = h.wrapping_mul(0x0000000001000000000000000000013b);
        }
    }
    format!("{h:032x}")
}

/// GitLab Code Quality: a JSON array of issues with `description`, `check_name`,
/// `fingerprint`, `severity` and `location.path`/`location.lines.begin`. The fingerprint
/// hashes what identifies a finding (rule, file, object, field, message) but not its line, so
/// an issue keeps its identity when lines above it move; equal ones are numbered.
pub(super) fn gitlab(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let issues: Vec<Value> = report
        .findings()
        .map(|f| {
            let object = f
                .object
                .as_ref()
                .map(|o| {
                    format!(
                        "{}/{}/{}/{}",
                        o.api_version,
                        o.kind,
                        o.namespace.as_deref().unwrap_or(""),
                        o.name
                    )
                })
                .unwrap_or_default();
            let base = fnv1a_128(&[&f.rule, &f.file, &object, &f.path, &f.message]);
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            let fingerprint = if *n == 1 {
                base
            } else {
                fnv1a_128(&[&base, &n.to_string()])
            };
            json!({
                "type": "issue",
                "check_name": &*f.rule,
                "description": f.message,
                "severity": match f.level {
                    Level::Error => "major",
                    Level::Warning => "minor",
                    _ => "info",
                },
                "fingerprint": fingerprint,
                "location": {
                    "path": f.file,
                    "lines": {"begin": f.line, "end": f.end_line},
                },
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}
