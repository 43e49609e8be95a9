//! Read and parse every input once (files in parallel), index them into the workspace, then
//! check each file (in parallel): check, resolve, suppress, render. The parsed files stay in
//! memory until the report is made, since cross-object rules read any object of the run.
//!
//! The inputs used but not linted (`--crd` files, `diff`'s OLD, each file at `--base`) are
//! read here too, once each and within `--max-file-size`; what is wrong with one becomes an
//! input error or note ([`super::side_inputs`] words it).

use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Level, Target};
use crate::model::{self, Workspace};
use crate::rules::{self, suppression};
use crate::source::{self, Expanded, Input, InputError, InputNote, Source};

use super::redact::{RunCopies, Secrets};
use super::resolve::{finding, object_info, span_of};
use super::side_inputs;
use super::{human, FileReport, ObjectInfo, Report, Settings};

/// Files checked at once (in parallel) before [`lint_inputs_each`] hands them on.
const CHECK_BATCH: usize = 64;

/// Lints every input; the report keeps the input order, whatever the thread timing.
///
/// Every input is read and parsed once, in parallel; the parsed files form the workspace
/// (the other objects a rule may ask about), and then each file is checked, in parallel.
pub fn lint_inputs(expanded: Expanded, settings: &Settings<'_>) -> Report {
    lint_inputs_each(expanded, settings, &mut |_| {})
}

/// [`lint_inputs`], handing each file's report to `done`, in input order, as soon as the
/// files before it are done too (before it joins the report): the human output is written
/// from there, so that the text of every finding of the run is never in memory at once.
pub fn lint_inputs_each(
    expanded: Expanded,
    settings: &Settings<'_>,
    done: &mut dyn FnMut(&mut FileReport),
) -> Report {
    let checks = !settings.enabled.is_empty();
    let (loaded, ()) = rayon::join(
        || -> Vec<Result<Arc<model::File>, InputError>> {
            expanded
                .inputs
                .par_iter()
                .map(|input| {
                    source::read(input, settings.max_file_bytes)
                        .map(|src| Arc::new(model::load(src, settings.limits)))
                })
                .collect()
        },
        // The schema catalog, decompressed while the inputs are parsed rather than by the
        // first check while the other threads wait for it.
        || {
            if checks {
                crate::schema::catalog();
            }
        },
    );
    let (crd_files, crd_errors) = read_crds(settings);
    let mut workspace = Workspace::for_namespace(settings.namespace.clone());
    workspace.options = settings.options.clone();
    for f in loaded.iter().flatten() {
        workspace.add_file(f.clone());
    }
    for f in &crd_files {
        workspace.add(f);
    }
    drop(crd_files);
    workspace.cluster = settings.cluster.clone();
    let old = read_old_versions(&expanded.inputs, settings);
    let mut live_errors = Vec::new();
    if let Some(opts) = &settings.live {
        if let Err(e) = add_live_versions(&mut workspace, &loaded, settings, opts) {
            live_errors.push(e);
        }
    } else {
        add_old_versions(&mut workspace, old.files, &loaded, settings);
    }
    let mut input_errors = expanded.errors;
    input_errors.extend(old.errors);
    input_errors.extend(crd_errors);
    input_errors.extend(live_errors);
    let mut notes = expanded.notes;
    notes.extend(old.notes);
    let mut report = Report {
        input_errors,
        notes,
        ..Report::default()
    };
    // Each file's secrets, found before the checks: the values of every file are masked in
    // every other file's findings and frames too (`redact::RunCopies`). Found while the
    // run-wide indexes are built (which the checks would otherwise build one at a time, the
    // other threads waiting): the pod-template index takes longest, and the other core
    // builds the scaling index and then finds secrets.
    let mut secrets: Vec<Secrets> = if checks {
        let ((), secrets) = rayon::join(
            || {
                workspace.index();
            },
            || {
                workspace.scaling();
                loaded
                    .par_iter()
                    .map(|f| f.as_ref().map(|f| Secrets::of(f)).unwrap_or_default())
                    .collect()
            },
        );
        secrets
    } else {
        loaded.iter().map(|_| Secrets::default()).collect()
    };
    let old_texts = if checks {
        super::redact::OldTexts::of(&workspace)
    } else {
        Default::default()
    };
    let run_texts = {
        let files: Vec<(&model::File, &[String])> = loaded
            .iter()
            .zip(&secrets)
            .filter_map(|(f, s)| f.as_ref().ok().map(|f| (&**f, &s.texts[..])))
            .chain(old_texts.files())
            .collect();
        RunCopies::texts(&files)
    };
    let run = RunCopies::new(&run_texts);
    let old_scrubbers = old_texts.scrubbers();
    for (batch, batch_secrets) in loaded
        .chunks(CHECK_BATCH)
        .zip(secrets.chunks_mut(CHECK_BATCH))
    {
        let results: Vec<Result<FileReport, InputError>> = batch
            .par_iter()
            .zip(batch_secrets.par_iter_mut())
            .map(|(file, s)| match file {
                Ok(f) => Ok(lint_one(
                    f,
                    settings,
                    &workspace,
                    std::mem::take(s),
                    (run.as_ref(), &old_scrubbers),
                )),
                Err(e) => Err(e.clone()),
            })
            .collect();
        for r in results {
            match r {
                Ok(mut f) => {
                    done(&mut f);
                    report.files.push(f);
                }
                Err(e) => report.input_errors.push(e),
            }
        }
    }
    // The parsed files are freed on every core: as many small allocations as parsing made.
    drop(workspace);
    loaded.into_par_iter().for_each(drop);
    report
}

/// The `--crd` files, each read (within the size limit) and parsed once: those that may hold
/// a CRD or a Service, for the workspace, and what is wrong with any of them (input errors).
fn read_crds(settings: &Settings<'_>) -> (Vec<model::File>, Vec<InputError>) {
    let read: Vec<(Option<model::File>, Vec<InputError>)> = settings
        .crd_inputs
        .par_iter()
        .map(|input| match source::read(input, settings.max_file_bytes) {
            Err(e) => (None, vec![side_inputs::crd_unreadable(e)]),
            Ok(src) => {
                // Every file is parsed, to say where one stops parsing; only those that may
                // hold something the workspace indexes are kept.
                let wanted = model::workspace::may_contribute(&src.text);
                let file = model::load(src, settings.limits);
                let errors = side_inputs::crd_problems(&file);
                (wanted.then_some(file), errors)
            }
        })
        .collect();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for (file, e) in read {
        files.extend(file);
        errors.extend(e);
    }
    (files, errors)
}

/// The previous versions the run was given, each read (within the size limit) and parsed
/// once, and what is wrong with them.
struct OldVersions {
    /// The old side: each input at `--base` when every version there could be read, else
    /// `diff`'s OLD files (empty without either).
    files: Vec<Arc<model::File>>,
    errors: Vec<InputError>,
    notes: Vec<InputNote>,
}

/// Reads each input at the `--base` revision and `diff`'s OLD files. Their problems are
/// reported whichever side is used (`diff --live` compares with the cluster instead).
fn read_old_versions(inputs: &[Input], settings: &Settings<'_>) -> OldVersions {
    let load = |src: Source| Arc::new(model::load(src, settings.limits));
    let mut errors = Vec::new();
    let mut notes = Vec::new();
    let base = settings.base.as_ref().and_then(|rev| {
        let read: Vec<Result<Option<Arc<model::File>>, InputError>> = inputs
            .par_iter()
            .map(|input| match input {
                Input::File { path, name } => {
                    source::git::show_limited(rev, path, name, settings.max_file_bytes)
                        .map(|src| src.map(load))
                }
                Input::Stdin => Ok(None),
            })
            .collect();
        let mut files = Vec::new();
        let mut all_read = true;
        for r in read {
            match r {
                Ok(None) => {}
                Ok(Some(f)) => {
                    notes.extend(side_inputs::base_broken(&f));
                    files.push(f);
                }
                Err(e) => {
                    // One version left unread would pass its update as a new object.
                    all_read = false;
                    errors.push(side_inputs::base_unreadable(e, rev));
                }
            }
        }
        all_read.then_some(files)
    });
    let read: Vec<Result<Arc<model::File>, InputError>> = settings
        .old_inputs
        .par_iter()
        .map(|input| source::read(input, settings.max_file_bytes).map(load))
        .collect();
    let mut old_files = Vec::new();
    for r in read {
        match r {
            Ok(f) => {
                errors.extend(side_inputs::old_broken(&f));
                old_files.push(f);
            }
            Err(e) => errors.push(side_inputs::old_unreadable(e)),
        }
    }
    OldVersions {
        files: base.unwrap_or(old_files),
        errors,
        notes,
    }
}

/// Records the previous version of the objects (`old`, from [`read_old_versions`]). With one
/// object on each side, `diff` pairs them whatever their names, if they are of the same kind
/// (an object never becomes another kind: a Secret beside a ConfigMap is no update; its group
/// may change, `extensions/v1beta1` to `apps/v1`).
fn add_old_versions(
    workspace: &mut Workspace,
    old: Vec<Arc<model::File>>,
    loaded: &[Result<Arc<model::File>, InputError>],
    settings: &Settings<'_>,
) {
    if !settings.old_inputs.is_empty() {
        let old_count: usize = old.iter().map(|f| f.objects.len()).sum();
        let new_count: usize = loaded.iter().flatten().map(|f| f.objects.len()).sum();
        if old_count == 1 && new_count == 1 {
            let new = loaded
                .iter()
                .flatten()
                .find_map(|f| f.objects.first().map(|o| o.kind.clone()));
            if let Some(f) = old.iter().find(|f| !f.objects.is_empty()) {
                let o = &f.objects[0];
                if new.is_some_and(|kind| o.kind == kind) {
                    workspace.old_single = Some(model::workspace::OldObject {
                        file: f.clone(),
                        index: 0,
                    });
                }
            }
        }
    }
    for f in old {
        workspace.add_old(f);
    }
}

/// Reads the live version of every object of the inputs (GET only), keeps of it only what the
/// manifest sets (as `kubectl apply` compares), and records it as the previous version.
fn add_live_versions(
    workspace: &mut Workspace,
    loaded: &[Result<Arc<model::File>, InputError>],
    settings: &Settings<'_>,
    opts: &source::live::LiveOptions,
) -> Result<(), InputError> {
    let live = source::live::Live::connect(opts)?;
    for file in loaded.iter().flatten() {
        let name = file.source.name.clone();
        let mut text = String::new();
        for o in &file.objects {
            let Ok(manifest) = file.document(o).to_json(o.root) else {
                continue;
            };
            let namespace = o.namespace.as_deref().or(settings.namespace.as_deref());
            if let Some(obj) = live.get(&o.api_version, &o.kind, namespace, &o.name)? {
                let seen = crate::analysis::project::project(&obj, &manifest);
                text.push_str("---\n");
                text.push_str(&super::to_yaml(&seen));
            }
        }
        if !text.is_empty() {
            let old = source::from_bytes(format!("{name} (live)"), text.into_bytes());
            workspace.add_old(std::sync::Arc::new(model::load(old, settings.limits)));
        }
    }
    Ok(())
}

fn object_of(d: &Diagnostic) -> Option<usize> {
    match &d.target {
        Target::Field { object, .. } | Target::Key { object, .. } => *object,
        Target::Span(_) | Target::Elsewhere { .. } => None,
    }
}

/// Checks `file` and builds its report; `secrets` are its own (`Secrets::of(file)`), `run` the
/// values of every file of the run.
fn lint_one(
    file: &model::File,
    settings: &Settings<'_>,
    workspace: &Workspace,
    secrets: Secrets,
    (run, old_scrubbers): (Option<&RunCopies<'_>>, &super::redact::OldScrubbers<'_>),
) -> FileReport {
    let name: Arc<str> = Arc::from(file.source.name.as_str());
    let mut diags = rules::check_file(file, &settings.enabled, settings.version, workspace);

    let sups = suppression::suppressions(file);
    if !sups.is_empty() {
        let mut used = vec![false; sups.len()];
        diags.retain(|d| {
            let line = file.lines.line_of(span_of(file, &d.target).start);
            let object = object_of(d);
            let mut keep = true;
            for (i, s) in sups.iter().enumerate() {
                if suppression::covers(s, &d.rule, line, object) {
                    used[i] = true;
                    keep = false;
                }
            }
            keep
        });
        let level = settings
            .levels
            .get("unused-suppression")
            .copied()
            .unwrap_or(Level::Off);
        if level != Level::Off {
            for (s, used) in sups.iter().zip(used) {
                let known = match settings.levels.get(&s.rule) {
                    None => false,
                    Some(Level::Off) => continue,
                    Some(_) => true,
                };
                if !used {
                    let mut d = suppression::unused(s, known);
                    d.rule = Arc::from("unused-suppression");
                    d.level = level;
                    diags.push(d);
                }
            }
        }
    }

    let mut objects: Vec<Arc<ObjectInfo>> = (0..file.objects.len())
        .map(|i| Arc::new(object_info(file, i)))
        .collect();
    let mut findings: Vec<_> = diags
        .into_iter()
        .map(|d| finding(file, &name, &objects, d))
        .collect();
    super::redact::scrub_findings(
        file,
        &secrets,
        run,
        (workspace, old_scrubbers),
        &mut objects,
        &mut findings,
    );
    sort_findings(&mut findings);
    findings.dedup_by(|a, b| a.span == b.span && a.rule == b.rule && a.message == b.message);
    let human = match &settings.human {
        Some(style) if !findings.is_empty() => {
            human::render_file(file, &findings, style, &secrets, run)
        }
        _ => String::new(),
    };
    FileReport {
        objects,
        name,
        findings,
        human,
    }
}

/// Orders findings by position, then rule, then message, keeping the emission order of equal
/// ones. Sorts small keys and moves each finding once: a finding is a few hundred bytes.
/// Positions are sorted as numbers first; only findings at the same place (several rules on
/// one field) are then ordered by rule and message.
fn sort_findings(findings: &mut Vec<super::Finding>) {
    // Each finding's place, and its index to keep equal ones in emission order.
    let mut order: Vec<(usize, usize, usize)> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| (f.span.start, f.span.end, i))
        .collect();
    order.sort_unstable();
    let mut run = 0;
    while run < order.len() {
        let place = (order[run].0, order[run].1);
        let end = run
            + order[run..]
                .iter()
                .take_while(|o| (o.0, o.1) == place)
                .count();
        if end - run > 1 {
            // Stable, and the run is in emission order already.
            order[run..end].sort_by(|a, b| {
                let (a, b) = (&findings[a.2], &findings[b.2]);
                (&a.rule, &a.message).cmp(&(&b.rule, &b.message))
            });
        }
        run = end;
    }
    let mut slots: Vec<Option<super::Finding>> = findings.drain(..).map(Some).collect();
    findings.extend(order.into_iter().filter_map(|(_, _, i)| slots[i].take()));
}
