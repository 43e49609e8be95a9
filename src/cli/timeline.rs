//! `kubectl lint timeline`: for each pod spec, what the kubelet will do and when, by the
//! lifecycle analysis: effective probes, start order, earliest Ready, probe deadlines,
//! termination, phases.

use std::fmt::Write as _;

use serde_json::{json, Map, Value};

use crate::analysis::lifecycle::{phases, probes, termination, timing};
use crate::rules::{ObjectCx, PodCx};

use super::{for_each_file, Cli, InputArgs, Io, TimelineFormat};

fn num(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

fn secs(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{} s", v as i64)
    } else {
        format!("{v:.1} s")
    }
}

/// The analysis of one pod spec as the JSON contract of the issue names it.
pub fn analyse(
    spec: &k8s_openapi::api::core::v1::PodSpec,
    version: crate::analysis::lifecycle::Version,
) -> Value {
    let mut effective = Map::new();
    for c in crate::analysis::lifecycle::containers(spec, version) {
        for (field, p) in probes::probes(c.container) {
            if let Some(p) = p {
                effective.insert(format!("{}.{field}", c.name()), json!(probes::effective(p)));
            }
        }
    }
    let t = timing::timing(spec, version);
    let mut liveness = Map::new();
    let mut startup = Map::new();
    for c in &t.containers {
        if let Some(b) = c.liveness_kill_after {
            liveness.insert(
                c.name.clone(),
                json!({"earliest": num(b.earliest), "docs_bound": num(b.docs_bound)}),
            );
        }
        if let Some(b) = c.startup_budget {
            startup.insert(
                c.name.clone(),
                json!({"earliest": num(b.earliest), "docs_bound": num(b.docs_bound)}),
            );
        }
    }
    let containers: Vec<Value> = t
        .containers
        .iter()
        .map(|c| {
            json!({
                "name": c.name,
                "role": c.role,
                "starts_at": num(c.starts_at),
                "started_after": num(c.started_after),
                "ready_after": c.ready_after.map(num),
                "post_start_seconds": c.post_start_seconds.map(num),
                "gates_next": c.gates_next,
            })
        })
        .collect();
    let term: Vec<Value> = termination::termination(spec, version)
        .iter()
        .map(|s| {
            let mut v = json!({
                "trigger": s.trigger,
                "container": s.container,
                "grace_seconds": s.grace_seconds,
                "grace_from": s.grace_from,
                "prestop_runs": s.prestop_runs,
                "prestop_ends_at": s.prestop_ends_at.map(num),
                "prestop_cut_off": s.prestop_cut_off,
                "stop_signal_at": s.stop_signal_at.map(num),
                "sigkill_at_latest": num(s.sigkill_at_latest),
            });
            if !s.waits_for.is_empty() {
                v["waits_for"] = json!(s.waits_for);
            }
            v
        })
        .collect();
    let stages: Vec<Value> = phases::stages(spec, version)
        .iter()
        .map(|s| {
            let conds: Map<String, Value> = s
                .conditions
                .iter()
                .map(|(k, v)| (k.to_string(), json!(v)))
                .collect();
            json!({"step": s.step, "phase": s.phase, "conditions": conds})
        })
        .collect();
    json!({
        "effective_probes": effective,
        "start_order": t.start_order,
        "timing": {
            "earliest_ready_seconds": t.earliest_ready_seconds.map(num),
            "liveness_kill_after_seconds": liveness,
            "startup_budget_seconds": startup,
            "containers": containers,
        },
        "termination": term,
        "phases": {
            "restart_policy": crate::analysis::lifecycle::restart_policy(spec),
            "stages": stages,
            "outcomes": phases::outcomes(spec, version),
        },
    })
}

fn human(out: &mut String, title: &str, v: &Value) {
    let _ = writeln!(out, "{title}");
    let t = &v["timing"];
    let _ = writeln!(out, "  start");
    for c in t["containers"].as_array().into_iter().flatten() {
        let role = match c["role"].as_str().unwrap_or("") {
            "init" => "init   ",
            "sidecar" => "sidecar",
            _ => "app    ",
        };
        let mut line = format!(
            "    {:>7}  {role}  {:<16} next waits for: {}",
            format!("+{}", secs(c["starts_at"].as_f64().unwrap_or(0.0))),
            c["name"].as_str().unwrap_or(""),
            c["gates_next"].as_str().unwrap_or("")
        );
        if let Some(r) = c["ready_after"].as_f64() {
            let _ = write!(line, "; Ready {} after its start at the earliest", secs(r));
        }
        let _ = writeln!(out, "{line}");
    }
    match t["earliest_ready_seconds"].as_f64() {
        Some(r) => {
            let _ = writeln!(out, "  earliest Ready: {} after the pod starts", secs(r));
        }
        None => {
            let _ = writeln!(out, "  Ready: never by the kubelet alone; readiness gates need their conditions set by a controller");
        }
    }
    if let Some(p) = v["effective_probes"].as_object().filter(|p| !p.is_empty()) {
        let _ = writeln!(out, "  probes after defaults");
        for (k, e) in p {
            let grace = e["terminationGracePeriodSeconds"]
                .as_i64()
                .map(|g| format!(", grace {g} s"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "    {k:<32} delay {} s, timeout {} s, period {} s, success {}, failure {}{grace}",
                e["initialDelaySeconds"],
                e["timeoutSeconds"],
                e["periodSeconds"],
                e["successThreshold"],
                e["failureThreshold"]
            );
        }
    }
    for (key, what) in [
        (
            "startup_budget_seconds",
            "startup probe kills it if it is not started",
        ),
        (
            "liveness_kill_after_seconds",
            "liveness probe kills it if it never becomes healthy",
        ),
    ] {
        for (name, b) in t[key].as_object().into_iter().flatten() {
            let _ = writeln!(
                out,
                "  {name}: the {what} {} after its start at the earliest ({} by the docs' bound)",
                secs(b["earliest"].as_f64().unwrap_or(0.0)),
                secs(b["docs_bound"].as_f64().unwrap_or(0.0))
            );
        }
    }
    let _ = writeln!(out, "  termination (seconds from the start of the kill)");
    for s in v["termination"].as_array().into_iter().flatten() {
        let prestop = if s["prestop_runs"] == true {
            match s["prestop_ends_at"].as_f64() {
                Some(e) if s["prestop_cut_off"] == true => {
                    format!("preStop cut off at {}", secs(e))
                }
                Some(e) => format!("preStop until {}", secs(e)),
                None => "preStop (length unknown)".to_string(),
            }
        } else {
            "no preStop".to_string()
        };
        let signal = s["stop_signal_at"]
            .as_f64()
            .map_or("stop signal after the preStop".to_string(), |t| {
                format!("stop signal at {}", secs(t))
            });
        let waits = s["waits_for"].as_array().map(|w| {
            format!(
                ", after {}",
                w.iter()
                    .filter_map(|x| x.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        });
        let _ = writeln!(
            out,
            "    {:<9} {:<16} grace {} s ({}): {prestop}, {signal}{}, SIGKILL by {}",
            s["trigger"].as_str().unwrap_or(""),
            s["container"].as_str().unwrap_or(""),
            s["grace_seconds"],
            s["grace_from"].as_str().unwrap_or(""),
            waits.unwrap_or_default(),
            secs(s["sigkill_at_latest"].as_f64().unwrap_or(0.0))
        );
    }
    let ph = &v["phases"];
    let _ = writeln!(
        out,
        "  phases (restartPolicy {})",
        ph["restart_policy"].as_str().unwrap_or("")
    );
    for s in ph["stages"].as_array().into_iter().flatten() {
        let held: Vec<&str> = s["conditions"]
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(_, v)| **v == true)
            .map(|(k, _)| k.as_str())
            .collect();
        let _ = writeln!(
            out,
            "    {:<8} {}: {}",
            s["phase"].as_str().unwrap_or(""),
            s["step"].as_str().unwrap_or(""),
            held.join(", ")
        );
    }
    for o in ph["outcomes"].as_array().into_iter().flatten() {
        let _ = writeln!(
            out,
            "    if {}: {}; the kubelet {}",
            o["outcome"].as_str().unwrap_or(""),
            o["phase"].as_str().unwrap_or(""),
            o["kubelet"].as_str().unwrap_or("")
        );
    }
    out.push('\n');
}

pub(super) fn run(
    cli: &Cli,
    input: &InputArgs,
    format: TimelineFormat,
    io: &mut Io<'_>,
) -> Result<u8, String> {
    let version = cli
        .global
        .kubernetes_version
        .unwrap_or(crate::rules::NEWEST);
    let mut results = Vec::new();
    let mut text = String::new();
    let mut secrets = super::masked::RunSecrets::default();
    let code = for_each_file(
        cli,
        input,
        "kubectl lint timeline -f pod.yaml",
        io,
        &mut secrets,
        |file, secrets, io| {
            let ws = crate::model::Workspace::default();
            for i in 0..file.objects.len() {
                let ocx = ObjectCx::new(file, i, version, &ws);
                let Some(path) = ocx.object.pod_spec.clone() else {
                    continue;
                };
                let Some(node) = ocx.node(&path) else {
                    continue;
                };
                let pcx = PodCx::new(&ocx, &path, ocx.doc.deref(node));
                let o = ocx.object;
                let line = file
                    .lines
                    .position(file.text(), ocx.doc.node(o.root).span.start)
                    .line;
                let Some(spec) = pcx.spec() else {
                    let _ = writeln!(
                    io.err,
                    "warning: {}:{line}: {} has a pod spec of the wrong shape; `kubectl lint` says why",
                    crate::report::visible(&file.source.name),
                    crate::report::visible(&secrets.str(&o.display_name()))
                );
                    continue;
                };
                let mut v = analyse(spec, version);
                v["object"] = json!({"apiVersion": o.api_version, "kind": o.kind, "namespace": o.namespace, "name": o.name, "document": o.document});
                v["file"] = json!(file.source.name);
                v["line"] = json!(line);
                if format == TimelineFormat::Human {
                    human(
                        &mut text,
                        &format!(
                            "{} ({}:{line}, pod spec at `{path}`)",
                            o.display_name(),
                            file.source.name
                        ),
                        &v,
                    );
                }
                results.push(v);
            }
            0
        },
    )?;
    super::write_results(
        io,
        format == TimelineFormat::Json,
        results,
        text,
        "no pod specs found",
        &secrets,
    )?;
    Ok(code)
}
