//! Secret values never reach the output (DESIGN.md invariant 5). One place decides what is
//! secret, and two functions keep it out of every format:
//!
//! - [`shown_text`]: the text code frames draw, with every secret value masked byte for byte
//!   (positions stay right);
//! - [`scrub_findings`]: removes secret values that a rule quoted in a message, label, help,
//!   API error or related message, whatever the output format.
//!
//! Both take the file's [`Secrets`], found once per file.
//!
//! What is secret (the README's "Secret values never appear" lists it for users): every
//! value of a `Secret` (any `apiVersion`, a misspelled kind, a `List` or `SecretList` item, a
//! skipped document) but those of `apiVersion`, `kind`, `type`, `immutable` and ObjectMeta
//! written in their own shape, followed through aliases and merge keys to where it is
//! written, plus the base64-decoded text of `data` values; every field but the name of an
//! env var or HTTP header whose name looks like a credential ([`is_credential_name`]); any
//! value, argument or probe path holding an address with a password or a `password=`
//! setting ([`holds_credential`]); such values in a `last-applied-configuration`; kustomize's
//! `secretGenerator` literals; a kubeconfig's users.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::model::{File, Workspace};
use crate::yaml::{Document, NodeId, NodeKind, Span};

use super::{Finding, ObjectInfo};

/// The character a code frame draws for each character of a secret value, by the value
/// character's length in bytes (`*`, `×`, `∗`, `🞶`).
const MASK_OF_WIDTH: [&str; 4] = ["*", "\u{d7}", "\u{2217}", "\u{1f7b6}"];

/// What a secret value quoted in a message becomes.
pub(crate) const MASK: &str = "***";

/// Whether an env var of this name probably holds a credential: its name mentions a
/// password, secret, token, credential, API/access/private key, auth, a DSN, a JWT, a
/// webhook or a salt, ends in `KEY`, `PASS`, `PW` or `PAT`, or names a datastore's URL
/// (`DATABASE_URL`, `MONGO_URI`).
pub fn is_credential_name(name: &str) -> bool {
    // The name's ASCII letters and digits in upper case, on the stack for a name of up to 64
    // bytes (every env var's name comes here).
    let mut stack = [0u8; 64];
    let mut heap = Vec::new();
    let buf: &mut [u8] = if name.len() <= stack.len() {
        &mut stack[..]
    } else {
        heap.resize(name.len(), 0);
        &mut heap[..]
    };
    let mut len = 0;
    for b in name.bytes().filter(u8::is_ascii_alphanumeric) {
        buf[len] = b.to_ascii_uppercase();
        len += 1;
    }
    let n = &buf[..len];
    // Each word is compared only where a word's first letter is.
    (0..n.len()).any(|i| {
        CREDENTIAL_FIRST[usize::from(n[i])]
            && CREDENTIAL_WORDS
                .iter()
                .any(|w| n[i..].starts_with(w.as_bytes()))
    }) || n.ends_with(b"KEY")
        || n.ends_with(b"PASS")
        // `PASS` or `PW` as a word of its own anywhere (`DB_PASS_PROD`, `pw-admin`).
        || name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case("pass") || w.eq_ignore_ascii_case("pw"))
        || n.ends_with(b"PW")
        || n.ends_with(b"PAT")
        || ((n.ends_with(b"URL") || n.ends_with(b"URI"))
            && STORE_WORDS
                .iter()
                .any(|w| n.windows(w.len()).any(|x| x == w.as_bytes())))
}

/// What [`is_credential_name`] looks for anywhere in a name (upper case, letters and digits).
const CREDENTIAL_WORDS: [&str; 26] = [
    "PASSWORD",
    "PASSWD",
    "PASSPHRASE",
    "PWD",
    "SECRET",
    "TOKEN",
    "CREDENTIAL",
    "APIKEY",
    "ACCESSKEY",
    "PRIVATEKEY",
    "AUTH",
    "DSN",
    "CONNECTIONSTRING",
    "COOKIE",
    "JWT",
    "PASSWORT",
    "WEBHOOK",
    "SALT",
    "SASURL",
    "KEYDATA",
    "CREDS",
    "HMAC",
    "SSHKEY",
    "KEYFILE",
    "KUBECONFIG",
    "CONNSTR",
];

/// What a name that ends in `URL` or `URI` mentions when the address is a datastore's or a
/// broker's, which commonly carries its password (`DATABASE_URL`, `MONGO_URI`, `REDIS_URL`).
const STORE_WORDS: [&str; 10] = [
    "DATABASE", "DB", "REDIS", "MONGO", "AMQP", "RABBIT", "POSTGRES", "MYSQL", "BROKER", "SQL",
];

/// The first letters of [`CREDENTIAL_WORDS`].
const CREDENTIAL_FIRST: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < CREDENTIAL_WORDS.len() {
        t[CREDENTIAL_WORDS[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    t
};

/// The secret values of one file: where they are written, and their texts.
#[derive(Default)]
pub(crate) struct Secrets {
    pub spans: Vec<Span>,
    pub texts: Vec<String>,
}

impl Secrets {
    pub fn of(file: &File) -> Secrets {
        Secrets::find(file, true)
    }

    /// [`of`](Self::of); `applied`: whether a `last-applied-configuration` is read as the
    /// object it holds (not in one read so: the object inside one is not read again).
    fn find(file: &File, applied: bool) -> Secrets {
        let mut s = Secrets::default();
        let text = file.text();
        // A cheap test before looking at every mapping: a field name written with an escape
        // (`"\u0065nv"`) needs a backslash, or in base64 a `binary` tag (`!!binary`,
        // `!<tag:yaml.org,2002:binary>`, or a `%TAG` handle for it). Kinds are looked at in
        // every mapping that has one: a misspelled `Secret` is masked too.
        let escapes = text.contains('\\') || text.contains("binary") || text.contains('%');
        let env = escapes
            || text.contains("env")
            || text.contains("Env")
            || text.contains("ENV")
            || text.contains("eaders")
            || text.contains("EADERS");
        let mut kinds = KindMemo::default();
        for doc in &file.documents {
            let mut seen = HashSet::new();
            for id in 0..doc.nodes.len() as NodeId {
                let NodeKind::Map(entries) = &doc.node(id).kind else {
                    continue;
                };
                // `fields` finds nothing in a mapping with no entry of that key and no merge
                // key: one look at its keys skips most mappings, and the fields it has say
                // which of the looks below can find anything (all of them with a merge key).
                let present = entries
                    .iter()
                    .filter_map(|e| doc.str(e.key))
                    .fold(0, |bits, k| bits | key_bit(k));
                if present == 0 {
                    continue;
                }
                let has = |bit: u16| present & (bit | bit::MERGE) != 0;
                // The values of the field `key` when the mapping may have it.
                let field = |bit: u16, key: &'static str| {
                    has(bit).then(|| fields(doc, id, key)).into_iter().flatten()
                };
                let (secret, secret_list) = if has(bit::KIND) {
                    core_secret_kinds(doc, id, &mut kinds)
                } else {
                    (false, false)
                };
                if secret {
                    s.collect_secret(doc, text, id, &mut seen);
                }
                if secret_list {
                    // A `SecretList` (what the API returns for a list of Secrets): its items
                    // need not say their kind.
                    for item in fields(doc, id, "items").flat_map(|l| doc.items(l)) {
                        let item = doc.deref(*item);
                        if doc.is_map(item) {
                            s.collect_secret(doc, text, item, &mut seen);
                        }
                    }
                }
                if env && has(bit::ENV) {
                    // A probe's `httpHeaders` (`Authorization: Bearer ...`) are name/value
                    // pairs as `env` is.
                    // Misspelled too (`Env`, `environment`, `headers`): such a field is
                    // reported with its frame.
                    let lists = fields(doc, id, "env")
                        .chain(fields(doc, id, "httpHeaders"))
                        .chain(misspelled(doc, id, &ENV_LIKE));
                    for list in lists {
                        let list = doc.deref(list);
                        for item in doc.items(list) {
                            let item = doc.deref(*item);
                            let entries = doc.effective_entries(item);
                            // The name, under its key in any case (`NAME:`), also of the
                            // wrong shape (`[DB_PASSWORD]`).
                            let naming = |e: &crate::yaml::Entry| {
                                doc.str(e.key)
                                    .is_some_and(|k| k.eq_ignore_ascii_case("name"))
                                    && std::iter::once(e.value)
                                        .chain(doc.items(e.value).iter().copied())
                                        .any(|n| {
                                            string(doc, n).is_some_and(|n| is_credential_name(&n))
                                        })
                            };
                            let credential = entries.iter().any(naming);
                            for e in entries.iter() {
                                // Of a credential, every field but its name and `valueFrom`
                                // (a misspelled `valeu:` holds the value too). A URL with a
                                // password or a `password=` setting is a credential whatever
                                // the variable is called.
                                let from = doc.str(e.key) == Some("valueFrom");
                                let named = credential && !naming(e) && !from;
                                if named
                                    || string(doc, e.value).is_some_and(|v| holds_credential(&v))
                                {
                                    s.collect(doc, text, e.value, &mut seen, false, true);
                                } else if from && credential {
                                    s.value_from(doc, text, e.value, &mut seen);
                                }
                            }
                        }
                        // `env` written as a mapping (`DB_PASSWORD: x`, as docker-compose
                        // writes it): the API server refuses it, the value is still shown.
                        for e in doc.entries(list) {
                            if string(doc, e.key).is_some_and(|k| is_credential_name(&k)) {
                                s.collect(doc, text, e.value, &mut seen, false, true);
                            }
                        }
                    }
                }
                // kustomize's `secretGenerator` literals (`password=...`): the whole entry,
                // and the value after `=` where a copy of it is written.
                for generators in fields(doc, id, "secretGenerator").filter(|_| has(bit::GENERATOR))
                {
                    for g in doc.items(generators) {
                        for literals in fields(doc, doc.deref(*g), "literals") {
                            for l in doc.items(literals) {
                                s.collect(doc, text, *l, &mut seen, false, true);
                                if let Some((_, value)) =
                                    string(doc, *l).as_deref().and_then(|l| l.split_once('='))
                                {
                                    s.texts.push(value.to_string());
                                }
                            }
                        }
                    }
                }
                // A container's `args` and `command` (a probe's `exec` too): a setting
                // such as `--password=x`, and the item after a flag named like a credential
                // (`--db-password x`).
                // The two read as one command line (`command: [app, --password]`, `args:
                // [pw]`), misspelled ones too.
                let items: Vec<NodeId> = if !has(bit::ARGS | bit::MOUNT_OPTIONS) {
                    Vec::new()
                } else {
                    fields(doc, id, "command")
                        .chain(fields(doc, id, "args"))
                        .chain(misspelled(doc, id, &ARGS_LIKE))
                        // A PersistentVolume's mount options (`password=` of a CIFS mount).
                        .chain(field(bit::MOUNT_OPTIONS, "mountOptions"))
                        .flat_map(|l| listed(doc, l))
                        .collect()
                };
                {
                    for (i, item) in items.iter().enumerate() {
                        let Some(arg) = string(doc, *item) else {
                            continue;
                        };
                        if holds_credential(&arg) {
                            s.collect(doc, text, *item, &mut seen, false, true);
                        } else if arg.starts_with('-')
                            && !arg.contains('=')
                            && is_credential_name(&arg)
                        {
                            if let Some(next) = items.get(i + 1) {
                                s.collect(doc, text, *next, &mut seen, false, true);
                            }
                        }
                    }
                }
                // An annotation's value (`nginx.ingress.kubernetes.io/auth-url`) or an image
                // reference that holds an address with a password; a CSI volume's attributes
                // (`password`, `clientSecret`) as annotations are.
                let maps = field(bit::ANNOTATIONS, "annotations")
                    .chain(field(bit::VOLUME_ATTRIBUTES, "volumeAttributes"))
                    // A FlexVolume driver's `options` (CIFS plugins take a password there).
                    .chain(
                        field(bit::VOLUME_ATTRIBUTES, "flexVolume")
                            .filter_map(|f| doc.get(doc.deref(f), "options")),
                    );
                // Merge keys followed; attributes written as a list of mappings too.
                let maps = maps.flat_map(|m| {
                    let m = doc.deref(m);
                    std::iter::once(m).chain(doc.items(m).iter().map(|i| doc.deref(*i)))
                });
                for map in maps {
                    // What merge keys bring in (none, and nothing read twice, without them).
                    let effective = doc.effective_entries(map);
                    let merged: &[crate::yaml::Entry] = match &effective {
                        Cow::Owned(all) => all,
                        Cow::Borrowed(_) => &[],
                    };
                    for e in doc.entries(map).iter().chain(merged) {
                        // Named like a credential (`api-token`), or holding one. (An
                        // annotation's key is at most 317 bytes.)
                        let named = doc.str(e.key).is_some_and(|k| {
                            k.len() <= 320 && k != LAST_APPLIED && is_credential_name(k)
                        });
                        if named || string(doc, e.value).is_some_and(|v| holds_credential(&v)) {
                            s.collect(doc, text, e.value, &mut seen, false, true);
                        }
                    }
                }
                // So do a `gitRepo` volume's repository and a webhook's client URL.
                // In any case (`URL`), and written as a list.
                // Other than an image reference, a token in the query too (`?token=...`).
                let images = field(bit::IMAGE, "image").map(|a| (a, false));
                let addresses = field(bit::ADDRESS, "repository")
                    .chain(field(bit::ADDRESS, "url"))
                    .chain(
                        has(bit::ADDRESS)
                            .then(|| misspelled(doc, id, &ADDRESS_LIKE))
                            .into_iter()
                            .flatten(),
                    )
                    .map(|a| (a, true));
                for (list, query) in images.chain(addresses) {
                    for address in listed(doc, list) {
                        let credential = string(doc, address).is_some_and(|v| {
                            has_url_password(&v) || (query && has_credential_setting(&v))
                        });
                        if credential {
                            s.collect(doc, text, address, &mut seen, false, true);
                        }
                    }
                }
                // A probe's or hook's `httpGet.path` with a token in its query.
                for get in fields(doc, id, "httpGet").filter(|_| has(bit::HTTP_GET)) {
                    for path in fields(doc, doc.deref(get), "path") {
                        if string(doc, path).is_some_and(|p| holds_credential(&p)) {
                            s.collect(doc, text, path, &mut seen, false, true);
                        }
                    }
                }
                // A kind no API server serves but named like one (`SealedSecret`,
                // `TLSSecret` with `data`): its `data` and `stringData` values.
                if !secret
                    && has(bit::KIND)
                    && doc.get_str(id, "kind").is_some_and(|k| {
                        // Compared as bytes: every object's kind comes here.
                        let k = k.as_bytes();
                        k.len() >= 6 && k[k.len() - 6..].eq_ignore_ascii_case(b"secret")
                    })
                {
                    for field in ["data", "stringData"] {
                        for v in fields(doc, id, field) {
                            s.collect(doc, text, v, &mut seen, field == "data", false);
                        }
                    }
                }
                // A kubeconfig (`kind: Config`): its users' tokens, keys and passwords.
                if has(bit::KIND)
                    && doc.get_str(id, "kind") == Some("Config")
                    && doc.get_str(id, "apiVersion") == Some("v1")
                {
                    for users in fields(doc, id, "users") {
                        s.collect(doc, text, users, &mut seen, true, false);
                    }
                }
                // Any object's `last-applied-configuration` copies its env and headers as
                // JSON: the credentials in it, though the object now reads them elsewhere.
                // One that holds a credential, or is not JSON text, is masked whole.
                if !secret && has(bit::LAST_APPLIED) {
                    for v in fields(doc, id, LAST_APPLIED) {
                        let whole = !applied
                            || string(doc, v)
                                .is_none_or(|json| applied_credentials(&json, &mut s.texts));
                        if whole {
                            s.collect(doc, text, v, &mut seen, false, true);
                        }
                    }
                }
            }
        }
        // A custom resource (a group with a dot, not a Kubernetes one): operators read
        // passwords from their own fields (`spec.auth.password`, a Flux `HelmRelease`'s
        // values, an Argo CD `Application`'s Helm parameters). The text under a key named like
        // a credential, and the other texts of a `{name, value}` item whose name is one.
        for o in &file.objects {
            let g = o.group();
            if !g.contains('.') || g.ends_with(".k8s.io") {
                continue;
            }
            let doc = file.document(o);
            let mut seen = HashSet::new();
            let mut stack = vec![o.root];
            let mut visits = 0usize;
            while let Some(n) = stack.pop() {
                visits += 1;
                if visits > 1_000_000 {
                    break;
                }
                match &doc.node(n).kind {
                    NodeKind::Map(entries) => {
                        let named = entries.iter().any(|e| {
                            doc.str(e.key) == Some("name")
                                && string(doc, e.value).is_some_and(|v| is_credential_name(&v))
                        });
                        for e in entries.iter() {
                            let key = doc.str(e.key);
                            let text = matches!(
                                doc.scalar(e.value).map(|v| v.resolve()),
                                Some(crate::yaml::Resolved::Str(_))
                            );
                            // (`key` names a key: of a label selector, of a Secret.)
                            let credential = key.is_some_and(|k| {
                                k.len() <= 64
                                    && !k.eq_ignore_ascii_case("key")
                                    && !k.ends_with("Ref")
                                    && is_credential_name(k)
                            });
                            if text
                                && ((credential || (named && key != Some("name")))
                                    || string(doc, e.value).is_some_and(|v| holds_credential(&v)))
                            {
                                s.collect(doc, file.text(), e.value, &mut seen, false, true);
                            } else {
                                stack.push(e.value);
                            }
                        }
                    }
                    NodeKind::Seq(items) => stack.extend(items.iter().copied()),
                    _ => {}
                }
            }
        }
        // A document that is not a Kubernetes object (a Helm values file, a compose file, a
        // Secret whose `kind` key is misspelled or not text) is shown only by its note, with
        // its values masked: nothing says what they hold.
        for skipped in &file.skipped {
            if let Some(doc) = file.documents.get(skipped.document) {
                let mut stack = vec![skipped.node];
                while let Some(n) = stack.pop() {
                    match &doc.node(n).kind {
                        NodeKind::Scalar(_) => s.spans.push(doc.node(n).span),
                        // What the note names the document by (`kind: Kustomization`) stays.
                        NodeKind::Map(entries) if n == skipped.node => stack.extend(
                            entries
                                .iter()
                                .filter(|e| {
                                    !matches!(doc.str(e.key), Some("apiVersion" | "kind"))
                                        || doc.scalar(e.value).is_none()
                                })
                                .map(|e| e.value),
                        ),
                        NodeKind::Map(entries) => stack.extend(entries.iter().map(|e| e.value)),
                        NodeKind::Seq(items) => stack.extend(items.iter().copied()),
                        NodeKind::Alias(_) => {}
                    }
                }
            }
        }
        if file.error.is_some() {
            // What follows the last complete document did not parse: whether it is a Secret
            // is unknown, so its values are masked unless it plainly holds none.
            let start = file
                .documents
                .last()
                .map_or(0, |d| d.node(d.root).span.end.min(text.len()));
            unparsed_values(text, start, &mut s.spans);
        }
        // Literal credentials the `literal-secret-env` and `sensitive-configmap-data` rules
        // report (their own idea of a credential-looking name or value).
        for (span, value) in crate::rules::sensitive::spans(file) {
            s.spans.push(span);
            if let Some(raw) = text.get(span.start..span.end) {
                s.texts.push(raw.to_string());
                s.texts.push(raw.trim_matches(['"', '\'']).to_string());
            }
            s.texts.push(value);
        }
        // A value quoted inside JSON text is escaped as Go's encoder escapes it
        // (`last-applied-configuration`) or as serde_json does (a rule's message quoting a
        // list); a rule that quotes a long value cuts it (`rules::QUOTE_MAX` characters).
        let mut variants: Vec<String> = Vec::new();
        for t in &s.texts {
            let go = go_json_escape(t);
            let json = serde_json::Value::from(t.as_str()).to_string();
            let json = &json[1..json.len() - 1];
            if json != t {
                variants.push(json.to_string());
            }
            if go != *t && go != json {
                variants.push(go);
            }
        }
        s.texts.extend(variants);
        let cut: Vec<String> = s
            .texts
            .iter()
            .filter(|t| t.chars().count() > crate::rules::QUOTE_MAX)
            .map(|t| t.chars().take(crate::rules::QUOTE_MAX).collect())
            .collect();
        s.texts.extend(cut);
        s.texts.retain(|t| !t.is_empty());
        s.texts.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        s.texts.dedup();
        if escapes && !s.texts.is_empty() {
            s.escaped_copies(file);
        }
        s
    }

    /// Copies of a secret value written so that the text differs from the value: with
    /// escapes in a double-quoted scalar (`"pass\x77ord"`, a line folded with `\`) or as
    /// `!!binary`. Such a scalar is masked whole where it is written, and a `!!binary` one's
    /// base64 also where a rule quotes it.
    fn escaped_copies(&mut self, file: &File) {
        let text = file.text();
        let long: Vec<&str> = self
            .texts
            .iter()
            .map(String::as_str)
            .filter(|t| t.len() >= 6)
            .collect();
        let Some(search) = Search::new(&long) else {
            return;
        };
        let mut found = Vec::new();
        for doc in &file.documents {
            for n in &doc.nodes {
                let NodeKind::Scalar(sc) = &n.kind else {
                    continue;
                };
                let raw = text.get(n.span.start..n.span.end).unwrap_or("");
                let binary = sc
                    .tag
                    .as_deref()
                    .is_some_and(|t| t == "!!binary" || t.ends_with("tag:yaml.org,2002:binary"));
                // The parser decoded a `!!binary` scalar's base64; an escaped one its escapes.
                if !binary && !raw.contains('\\') {
                    continue;
                }
                let mut hit = false;
                let complete = search.each(&sc.text, |_, _| hit = true);
                hit |= !complete;
                if hit {
                    found.push((n.span, binary.then(|| raw.trim().to_string())));
                }
            }
        }
        for (span, base64) in found {
            self.spans.push(span);
            self.texts.extend(base64);
        }
        self.texts
            .sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        self.texts.dedup();
    }

    /// The values of a core Secret's `data` and `stringData` (every such field, when a key is
    /// repeated), and its `last-applied-configuration` annotation, which copies them as JSON.
    fn collect_secret(
        &mut self,
        doc: &Document,
        text: &str,
        secret: NodeId,
        seen: &mut HashSet<NodeId>,
    ) {
        for field in ["data", "stringData"] {
            for v in fields(doc, secret, field) {
                self.collect(doc, text, v, seen, field == "data", false);
            }
        }
        // A misspelled or misplaced `data` (`stringdata`, `DATA`, `stringData` indented under
        // `metadata`): the API server refuses the field, and the frames that say so would
        // show its values. Every field that is not known to hold none is masked.
        self.collect_unknown(doc, text, secret, &SECRET_PLAIN, seen, 0);
        for meta in fields(doc, secret, "metadata") {
            self.collect_unknown(doc, text, meta, &METADATA_PLAIN, seen, 0);
            for annotations in fields(doc, meta, "annotations") {
                for v in fields(doc, annotations, LAST_APPLIED) {
                    self.collect(doc, text, v, seen, false, true);
                }
            }
        }
    }

    /// The values of every field of the mapping `id` not named in `plain` (through merge
    /// keys), as a Secret's `data` values: their keys are names, their values secret.
    fn collect_unknown(
        &mut self,
        doc: &Document,
        text: &str,
        id: NodeId,
        plain: &[&str],
        seen: &mut HashSet<NodeId>,
        depth: usize,
    ) {
        let id = doc.deref(id);
        if depth > MERGE_DEPTH {
            // Deeper than anything writes by hand: all of it is masked.
            self.collect(doc, text, id, seen, true, false);
            return;
        }
        for e in doc.entries(id) {
            let key = doc.scalar(e.key);
            let merge =
                key.is_some_and(|k| k.style == crate::yaml::ScalarStyle::Plain && &*k.text == "<<");
            if merge {
                let merged = doc.deref(e.value);
                for m in std::iter::once(merged).chain(doc.items(merged).iter().copied()) {
                    if doc.is_map(doc.deref(m)) {
                        self.collect_unknown(doc, text, m, plain, seen, depth + 1);
                    }
                }
            } else {
                let key = doc.str(e.key).filter(|k| plain.contains(k));
                let value = doc.deref(e.value);
                let shape_ok = match key {
                    None => false,
                    // Handled by the caller, field by field.
                    Some("metadata") => true,
                    // Maps of strings: a value written as a mapping or list holds what a
                    // misplaced field would.
                    Some("labels" | "annotations") => {
                        // A label or annotation of a Secret named like a credential holds one.
                        for l in doc.entries(value) {
                            if doc.str(l.key).is_some_and(is_credential_name)
                                && doc.str(l.key) != Some(LAST_APPLIED)
                            {
                                self.collect(doc, text, l.value, seen, false, true);
                            }
                        }
                        doc.entries(value).iter().all(|l| {
                            let v = doc.deref(l.value);
                            !doc.is_map(v) && !doc.is_seq(v)
                        })
                    }
                    Some(_) => !doc.is_map(value) && !doc.is_seq(value),
                };
                if !shape_ok {
                    self.collect(doc, text, e.value, seen, true, false);
                }
            }
        }
    }

    /// Every value under `node`, through aliases and merge keys, and the keys of mappings
    /// inside a value (a value written as a mapping by mistake holds secret text in its keys
    /// too). `is_value` says whether `node` itself is a value (an env var's) or holds them
    /// (a Secret's `data`, whose keys are the names of the values).
    /// A credential env var's `valueFrom`: only the references it is known to hold (a
    /// `secretKeyRef`'s `name`, `key` and `optional`, ...) are shown; anything else (a
    /// `value` indented under it, `valueFrom` written as text, an unknown field) is masked.
    fn value_from(&mut self, doc: &Document, text: &str, node: NodeId, seen: &mut HashSet<NodeId>) {
        const REFS: [&str; 4] = [
            "secretKeyRef",
            "configMapKeyRef",
            "fieldRef",
            "resourceFieldRef",
        ];
        const REF_FIELDS: [&str; 7] = [
            "name",
            "key",
            "optional",
            "fieldPath",
            "apiVersion",
            "resource",
            "containerName",
        ];
        let node = doc.deref(node);
        if !doc.is_map(node) {
            return self.collect(doc, text, node, seen, false, true);
        }
        for e in doc.effective_entries(node).iter() {
            let known = doc.str(e.key).is_some_and(|k| REFS.contains(&k));
            let r = doc.deref(e.value);
            if !known || !doc.is_map(r) {
                self.collect(doc, text, e.value, seen, false, true);
                continue;
            }
            for f in doc.effective_entries(r).iter() {
                if !doc
                    .str(f.key)
                    .is_some_and(|k| REF_FIELDS.contains(&k) || k == "divisor")
                {
                    self.collect(doc, text, f.value, seen, false, true);
                }
            }
        }
    }

    fn collect(
        &mut self,
        doc: &Document,
        text: &str,
        node: NodeId,
        seen: &mut HashSet<NodeId>,
        base64: bool,
        is_value: bool,
    ) {
        let mut stack = vec![(node, is_value)];
        while let Some((id, inside)) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            let n = doc.node(id);
            match &n.kind {
                NodeKind::Alias(target) => {
                    self.spans.push(n.span);
                    stack.push((*target, inside));
                }
                NodeKind::Scalar(sc) => {
                    self.spans.push(n.span);
                    let raw = text.get(n.span.start..n.span.end).unwrap_or("");
                    // A number as the JSON conversion writes it (`0x1E240` is `123456` where
                    // a rule quotes the value it reads).
                    if let r @ (crate::yaml::Resolved::Int(_) | crate::yaml::Resolved::Float(_)) =
                        sc.resolve()
                    {
                        self.texts.push(crate::yaml::scalar_json(r).to_string());
                    }
                    for t in [&*sc.text, raw] {
                        self.texts.push(t.to_string());
                        // A rule may quote one line of a multi-line value.
                        if t.contains('\n') {
                            self.texts.extend(
                                t.lines()
                                    .map(str::trim)
                                    .filter(|l| l.len() >= 6)
                                    .map(String::from),
                            );
                        }
                    }
                    if base64 {
                        if let Some(decoded) = decode_base64(&sc.text) {
                            // `echo pw | base64` encodes a new line too: the value a copy
                            // holds is the text without it.
                            let trimmed = decoded.trim();
                            if trimmed.len() != decoded.len() {
                                self.texts.push(trimmed.to_string());
                            }
                            // And one line of a multi-line value (a `.env` file, a key).
                            if trimmed.contains('\n') {
                                self.texts.extend(
                                    trimmed
                                        .lines()
                                        .map(str::trim)
                                        .filter(|l| l.len() >= 6)
                                        .map(String::from),
                                );
                            }
                            self.texts.push(decoded);
                        }
                    }
                }
                NodeKind::Map(entries) => {
                    if entries.is_empty() {
                        self.spans.push(n.span);
                    }
                    if inside {
                        stack.extend(entries.iter().map(|e| (e.key, true)));
                    }
                    stack.extend(entries.iter().map(|e| (e.value, true)));
                }
                NodeKind::Seq(items) => {
                    if items.is_empty() {
                        self.spans.push(n.span);
                    }
                    stack.extend(items.iter().map(|i| (*i, true)));
                }
            }
        }
    }
}

/// Whether `value` holds an address with a password (`scheme://user:password@host`, also
/// without the scheme: `user:password@host`, or a token of 16 characters or more as the user
/// after a scheme): before an `@`, back to white space or `/`, a user and a password
/// separated by `:`. (`git@host:repo` and `image@sha256:...` have no `:`
/// before their `@`.) One pass, whatever the number of `@`.
fn has_url_password(value: &str) -> bool {
    // Where the current run of text starts, after a separator, and its first `:`.
    let mut start = 0;
    let mut colon: Option<usize> = None;
    for (i, c) in value.char_indices() {
        // `=` separates a setting from its value (`url=u:pw@h`), except in a password after
        // the user's `:` (base64 passwords end in `=`).
        let separator = c == '/'
            || c.is_whitespace()
            || matches!(c, '"' | '\'')
            || (c == '=' && colon.is_none());
        if separator {
            start = i + c.len_utf8();
            colon = None;
        } else if c == ':' && colon.is_none() {
            colon = Some(i);
        } else if c == '@' {
            if let Some(colon) = colon {
                // `redis://:password@host` names no user.
                let user = colon > start || value[..start].ends_with("//");
                if user && i > colon + 1 {
                    return true;
                }
            } else if i - start >= 16 && value[..start].ends_with("//") {
                // A token as the whole user part (`https://ghp_...@github.com/org/repo`, as
                // git-sync and CI clone URLs carry one); a user name is seldom that long.
                return true;
            }
        }
    }
    false
}

/// The credentials in a `last-applied-configuration` (JSON text of an object as applied),
/// added to `out`: the text is loaded as a file of its own and read as [`Secrets::of`] reads
/// a file, so that the object kept there is held to every rule the object itself is (one
/// that is no Kubernetes object has its values masked); what it masks there (its texts, and
/// the text at each place) is masked wherever a copy is written. Whether the annotation is to
/// be masked whole: when it holds a credential (a place inside it is not a place in the file:
/// the annotation is a YAML string with escapes of its own), or is not JSON.
fn applied_credentials(json: &str, out: &mut Vec<String>) -> bool {
    if serde_json::from_str::<serde::de::IgnoredAny>(json).is_err() {
        return true;
    }
    let source = crate::source::from_bytes(LAST_APPLIED.to_string(), json.as_bytes().to_vec());
    let file = crate::model::load(source, crate::yaml::Limits::default());
    if file.error.is_some() {
        return true;
    }
    let inner = Secrets::find(&file, false);
    let text = file.text();
    for span in &inner.spans {
        if let Some(raw) = text.get(span.start..span.end) {
            out.push(raw.to_string());
            out.push(raw.trim_matches('"').to_string());
        }
    }
    let found = !inner.spans.is_empty() || !inner.texts.is_empty();
    out.extend(inner.texts);
    found
}

/// Whether a value holds a credential whatever it is called: a URL with a password, or a
/// setting such as `password=...`, `--token=...` (a JDBC or libpq connection string, a
/// command-line flag).
fn holds_credential(value: &str) -> bool {
    has_url_password(value) || has_credential_setting(value)
}

/// Whether `value` sets a credential-named key with `=` to something (`password=pw`,
/// `--api-key=k`, `?user=a&pwd=b`): the text before each `=`, back to a separator, looks
/// like a credential's name; or gives one as a quoted JSON key (`{"password": ...}`) or as a
/// flag followed by a space and a value (`--password pw`). One pass, whatever the number of
/// `=`.
fn has_credential_setting(value: &str) -> bool {
    let mut start = 0;
    // The last two `"` seen.
    let mut quotes: (Option<usize>, Option<usize>) = (None, None);
    // A flag named like a credential just ended (`--password`): a value after white space
    // (`--password  pw`) is one.
    let mut flag = false;
    // Where the last character that is not white space ends.
    let mut last_solid = 0;
    let mut chars = value.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if flag && !c.is_whitespace() {
            if c != '-' {
                return true;
            }
            flag = false;
        }
        if c.is_whitespace() || matches!(c, '&' | '?' | ';' | ',' | '"' | '\'') {
            let token = &value[start..i];
            if c.is_whitespace()
                && token.starts_with('-')
                && token.len() <= 64
                && is_credential_name(token.trim_start_matches('-'))
            {
                flag = true;
            }
            if c == '"' {
                quotes = (quotes.1, Some(i));
            }
            start = i + c.len_utf8();
        } else if c == ':'
            && i > start
            && i - start <= 64
            && chars.peek().is_some_and(|(_, n)| *n == ' ')
            && is_credential_name(value[start..i].trim_start_matches('-'))
        {
            // A YAML or header line in text (`password: pw`, `Authorization: Bearer x`).
            return true;
        } else if c == ':' && quotes.1.is_some_and(|q| q + 1 == last_solid) {
            // A quoted key in JSON text (`{"password": "pw"}`, `{"password" : "pw"}`):
            // between the last two quotes.
            if let (Some(open), Some(close)) = quotes {
                let name = &value[open + 1..close];
                if !name.is_empty() && name.len() <= 64 && is_credential_name(name) {
                    return true;
                }
            }
        } else if c == '=' && i - start <= 128 {
            // (A longer run is no name: not trimmed again at every `=` of `---...=b=b`.)
            let name = value[start..i].trim_start_matches('-');
            let set = chars
                .peek()
                .is_some_and(|(_, n)| !n.is_whitespace() && !matches!(n, '&' | ';' | ','));
            if set && !name.is_empty() && name.len() <= 64 && is_credential_name(name) {
                return true;
            }
        }
        if !c.is_whitespace() {
            last_solid = i + c.len_utf8();
        }
    }
    false
}

/// The top-level fields of a Secret that hold no secret value.
const SECRET_PLAIN: [&str; 5] = ["apiVersion", "kind", "metadata", "type", "immutable"];

/// The fields of an object's `metadata` (ObjectMeta) that hold no secret value when they
/// have their shape (`ownerReferences`, `finalizers` and `managedFields`, rare in manifests,
/// are masked as any other field).
/// source: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go ObjectMeta
const METADATA_PLAIN: [&str; 12] = [
    "name",
    "generateName",
    "namespace",
    "selfLink",
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "labels",
    "annotations",
];

/// How many merge keys deep the fields of a Secret are told apart; below that, everything
/// is masked.
const MERGE_DEPTH: usize = 16;

/// Where `kubectl apply` keeps the object as it was applied, as JSON text.
const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// Every value of the field `key` of the mapping `id`: the one a lookup finds (merge keys
/// included) and any other entry of the same key (a repeated key: which one a reader takes
/// differs between readers, so every one counts).
fn fields<'d>(doc: &'d Document, id: NodeId, key: &'d str) -> impl Iterator<Item = NodeId> + 'd {
    let found = doc.get(id, key);
    found.into_iter().chain(
        doc.entries(id)
            .iter()
            .filter(move |e| doc.str(e.key) == Some(key) && Some(e.value) != found)
            .map(|e| e.value),
    )
}

/// The keys [`Secrets::of`] looks for in a mapping, as bits.
mod bit {
    pub const KIND: u16 = 1;
    pub const ENV: u16 = 2;
    pub const GENERATOR: u16 = 4;
    pub const ARGS: u16 = 8;
    pub const HTTP_GET: u16 = 16;
    pub const ANNOTATIONS: u16 = 32;
    pub const IMAGE: u16 = 64;
    pub const LAST_APPLIED: u16 = 128;
    /// A merge key (`<<`): any key may come from it.
    pub const MERGE: u16 = 256;
    pub const MOUNT_OPTIONS: u16 = 512;
    pub const VOLUME_ATTRIBUTES: u16 = 1024;
    /// `repository` (a `gitRepo` volume's) or `url` (a webhook's `clientConfig`).
    pub const ADDRESS: u16 = 2048;
}

/// The bit of a key [`Secrets::of`] looks for (0 for any other key).
fn key_bit(k: &str) -> u16 {
    match k {
        "kind" | "users" => bit::KIND,
        "env" | "httpHeaders" => bit::ENV,
        "secretGenerator" => bit::GENERATOR,
        "args" | "command" => bit::ARGS,
        "mountOptions" => bit::MOUNT_OPTIONS,
        "httpGet" => bit::HTTP_GET,
        "annotations" => bit::ANNOTATIONS,
        "volumeAttributes" | "flexVolume" => bit::VOLUME_ATTRIBUTES,
        "image" => bit::IMAGE,
        "repository" | "url" => bit::ADDRESS,
        "<<" => bit::MERGE,
        LAST_APPLIED => bit::LAST_APPLIED,
        _ if k.len() > 11 => 0,
        _ if ENV_LIKE.iter().any(|n| k.eq_ignore_ascii_case(n)) => bit::ENV,
        _ if ARGS_LIKE.iter().any(|n| k.eq_ignore_ascii_case(n)) => bit::ARGS,
        _ if ADDRESS_LIKE.iter().any(|n| k.eq_ignore_ascii_case(n)) => bit::ADDRESS,
        _ => 0,
    }
}

/// Misspelled names of the lists whose items may hold credentials: `env` and a probe's
/// `httpHeaders` (name/value items), a container's `command` and `args`. Compared in any case;
/// the right spelling is read by [`fields`] (merge keys included).
const ENV_LIKE: [&str; 5] = ["env", "envs", "environment", "httpheaders", "headers"];
const ARGS_LIKE: [&str; 6] = ["args", "arg", "command", "commands", "cmd", "argv"];
/// Fields that hold an address (an image reference, a `gitRepo` repository, a webhook's URL),
/// in any case.
const ADDRESS_LIKE: [&str; 3] = ["image", "repository", "url"];

/// The items of a list; of a mapping where a list belongs, its values; a text where a list
/// belongs, itself (`mountOptions: password=x`).
fn listed(doc: &Document, node: NodeId) -> Listed<'_> {
    let node = doc.deref(node);
    if doc.is_seq(node) {
        Listed::Items(doc.items(node).iter())
    } else if doc.is_map(node) {
        let values: Vec<NodeId> = doc
            .effective_entries(node)
            .iter()
            .map(|e| e.value)
            .collect();
        Listed::Values(values.into_iter())
    } else {
        Listed::One(Some(node))
    }
}

/// [`listed`]'s nodes, without allocating for a list or a text (every container's `image`
/// and `args` come through here).
enum Listed<'d> {
    Items(std::slice::Iter<'d, NodeId>),
    Values(std::vec::IntoIter<NodeId>),
    One(Option<NodeId>),
}

impl Iterator for Listed<'_> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        match self {
            Listed::Items(i) => i.next().copied(),
            Listed::Values(v) => v.next(),
            Listed::One(n) => n.take(),
        }
    }
}

/// The values of the entries of `id` whose key is one of `names` in another case or spelling
/// than the API's (`Env`, `environment`).
fn misspelled<'d>(
    doc: &'d Document,
    id: NodeId,
    names: &'d [&'d str],
) -> impl Iterator<Item = NodeId> + 'd {
    doc.entries(id)
        .iter()
        .filter(move |e| {
            doc.str(e.key).is_some_and(|k| {
                !matches!(k, "env" | "httpHeaders" | "args" | "command")
                    && names.iter().any(|n| k.eq_ignore_ascii_case(n))
            })
        })
        .map(|e| e.value)
}

/// Whether the mapping is a `Secret` and whether it is a `SecretList`: any of its `kind`s is
/// that kind or [`like_kind`] it, whatever its `apiVersion`. Each kind is read once for both.
fn core_secret_kinds<'d>(doc: &'d Document, id: NodeId, memo: &mut KindMemo<'d>) -> (bool, bool) {
    let (mut secret, mut list) = (false, false);
    for k in fields(doc, id, "kind") {
        let (s, l) = match string(doc, k) {
            Some(Cow::Borrowed(k)) => memo.like_secret(k),
            Some(Cow::Owned(k)) => (like_kind(&k, "Secret"), like_kind(&k, "SecretList")),
            None => (false, false),
        };
        secret |= s;
        list |= l;
    }
    if !secret && !list {
        return (false, false);
    }
    // Whatever the `apiVersion`: `core/v1` or `apps/v1` is a common mistake, and the
    // findings about it would show the values.
    (secret, list)
}

/// What [`like_kind`] said of the kinds met so far in a file, by their exact text: a file
/// holds a handful of kinds, each written many times. Holds up to `KindMemo::MAX`
/// kinds; others are looked at each time.
#[derive(Default)]
struct KindMemo<'d> {
    /// Each kind's text, and whether it is like `Secret` and like `SecretList`.
    seen: Vec<(&'d str, bool, bool)>,
}

impl<'d> KindMemo<'d> {
    const MAX: usize = 16;

    fn like_secret(&mut self, kind: &'d str) -> (bool, bool) {
        if let Some(&(_, s, l)) = self.seen.iter().find(|(k, ..)| *k == kind) {
            return (s, l);
        }
        let (s, l) = (like_kind(kind, "Secret"), like_kind(kind, "SecretList"));
        if self.seen.len() < Self::MAX {
            self.seen.push((kind, s, l));
        }
        (s, l)
    }
}

/// Whether `found` is `kind` or a misspelling of it: any case, spaces and invisible characters
/// dropped, up to two letters off (`secret`, `Secrets`, `Secert`, a Cyrillic `е`). kubectl
/// refuses such a kind, but the frames of the findings that say so would show the values; a
/// name that only resembles `Secret` is masked, the safe side.
///
/// Every object's kind comes here (twice): it is answered without allocating, most kinds by
/// their number of letters alone.
fn like_kind(found: &str, kind: &str) -> bool {
    if found == kind {
        return true;
    }
    let letters = found.chars().filter(|c| c.is_alphanumeric()).count();
    if letters.abs_diff(kind.len()) > 2 {
        return false;
    }
    // `found`'s letters in lower case (a letter may lower to more than one character): more
    // than two over the length of `kind` is more than two edits away.
    let want = kind.as_bytes();
    let mut norm = ['\0'; MAX_KIND + 2];
    let mut n = 0;
    for c in found
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
    {
        if n == want.len() + 2 || n == norm.len() {
            return false;
        }
        norm[n] = c;
        n += 1;
    }
    within_two_edits(&norm[..n], want)
}

/// The longest kind [`like_kind`] is asked about (`SecretList`).
const MAX_KIND: usize = 10;

/// Whether the Levenshtein distance (in characters, as `config::edit_distance` counts it)
/// between `found` and the ASCII `kind` in lower case is at most 2. One row at a time, on the
/// stack; it stops as soon as every entry of a row is over 2 (the row minimum never drops).
fn within_two_edits(found: &[char], kind: &[u8]) -> bool {
    if found.len().abs_diff(kind.len()) > 2 || kind.len() > MAX_KIND {
        return false;
    }
    let mut prev = [0usize; MAX_KIND + 1];
    let mut cur = [0usize; MAX_KIND + 1];
    for (j, p) in prev.iter_mut().enumerate().take(kind.len() + 1) {
        *p = j;
    }
    for (i, &ca) in found.iter().enumerate() {
        cur[0] = i + 1;
        let mut least = cur[0];
        for (j, &cb) in kind.iter().enumerate() {
            let same = ca == char::from(cb.to_ascii_lowercase());
            cur[j + 1] = (prev[j] + usize::from(!same))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
            least = least.min(cur[j + 1]);
        }
        if least > 2 {
            return false;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[kind.len()] <= 2
}

/// A string scalar's text as a YAML-to-JSON conversion reads it (a `!!binary` one is decoded
/// by the parser, as go-yaml decodes it: `kind: !!binary U2VjcmV0` is a Secret to kubectl).
fn string(doc: &Document, id: NodeId) -> Option<Cow<'_, str>> {
    doc.str(id).map(Cow::Borrowed)
}

/// Whether an object of `kind` is masked as a Secret: `Secret` or a misspelling of it
/// ([`like_kind`]), whatever its `apiVersion` (`core/v1` is a common mistake, and the
/// findings about it would show the values).
pub fn is_secret_kind(_api_version: &str, kind: &str) -> bool {
    like_kind(kind, "Secret")
}

/// `text` as Go's `encoding/json` writes it inside a string (without the quotes): `"` and `\`
/// escaped, control characters, `<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX` or their short
/// escapes. source: encoding/json encode.go appendString
fn go_json_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}') => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// Masks the values of the text from `start` on, which did not parse, unless it plainly holds
/// no secret: it names no Secret (in any case, nor a kind a typo away from it), has no
/// `stringData` key, no escape, and no word in it looks like a credential's name. Line by line, a `key:` at the start of a line (after indentation and
/// `- `) stays; everything else that is not blank is masked, so that a syntax error's code
/// frame still shows the structure and its caret stays right.
fn unparsed_values(text: &str, start: usize, spans: &mut Vec<Span>) {
    let Some(rest) = text.get(start..) else {
        return;
    };
    // A Secret's own field, or a kind a typo away from `Secret` (`Secert`).
    let secret_like = rest.lines().any(|l| {
        let l = l
            .trim_start_matches([' ', '\t', '-', '{', '"', '\''])
            .to_ascii_lowercase();
        l.strip_prefix("stringdata")
            .is_some_and(|r| r.trim_start_matches(['"', '\'']).starts_with(':'))
            || l.strip_prefix("kind")
                .map(|r| r.trim_start_matches(['"', '\'', ':', ' ']))
                .is_some_and(|v| {
                    let v = v.trim_end_matches([',', '"', '\'', ' ']);
                    crate::config::edit_distance(v, "secret") <= 2
                })
    });
    // NULs (a UTF-16 file read as UTF-8) would hide every word.
    let harmless = !secret_like
        && !rest.to_ascii_lowercase().contains("secret")
        && !rest.contains("binary")
        && !rest.contains(['\\', '\0', '%'])
        && !rest.split_whitespace().any(holds_credential)
        && !rest
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .any(is_credential_name);
    if harmless {
        return;
    }
    let mut at = start;
    for line in rest.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let b = body.as_bytes();
        // A document marker stays (`--- ` may be followed by content).
        let marker = (body.starts_with("---") || body.starts_with("..."))
            && matches!(b.get(3), None | Some(b' ' | b'\t'));
        let mut i = if marker { 3 } else { 0 };
        loop {
            while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                i += 1;
            }
            if b.get(i) == Some(&b'-') && matches!(b.get(i + 1), None | Some(b' ' | b'\t')) {
                i += 1;
                continue;
            }
            break;
        }
        if let Some(colon) = plain_key_end(&body[i..]) {
            i += colon + 1;
            while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                i += 1;
            }
        }
        if i < body.len() {
            spans.push(Span {
                start: at + i,
                end: at + body.len(),
            });
        }
        at += line.len();
    }
}

/// The offset of the `:` that ends a plain key at the start of `s` (`name:`, `app.kubernetes.io/name: x`).
fn plain_key_end(s: &str) -> Option<usize> {
    let first = s.chars().next()?;
    if "{}[],#&*!|>'\"%@`?:-".contains(first) {
        return None;
    }
    let b = s.as_bytes();
    (0..b.len())
        .find(|&i| b[i] == b':' && matches!(b.get(i + 1), None | Some(b' ' | b'\t')))
        .filter(|&i| !s[..i].contains(['{', '}', '[', ']', ',', '#', '"', '\'']))
}

/// Standard or URL-safe base64 (padding optional, whitespace ignored) to UTF-8 text.
fn decode_base64(s: &str) -> Option<String> {
    let mut bits: u32 = 0;
    let mut n = 0;
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' | b' ' | b'\n' | b'\r' | b'\t' => continue,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(v);
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    String::from_utf8(out).ok().filter(|t| !t.trim().is_empty())
}

/// The texts of every secret value of `file` (for a subcommand that prints objects).
pub fn secret_texts(file: &File) -> Vec<String> {
    Secrets::of(file).texts
}

/// What the code frames of a file mask, for a subcommand that prints its objects
/// (`defaults`): built once per file.
pub struct FileMask {
    /// The masked spans in order of their start, and the furthest end of those up to each.
    spans: Vec<(Span, usize)>,
    /// The file's secret texts, longest first.
    texts: Vec<String>,
}

impl FileMask {
    pub fn of(file: &File) -> FileMask {
        let secrets = Secrets::of(file);
        let mut spans = secrets.spans;
        spans.sort_unstable_by_key(|s| (s.start, s.end));
        let mut reach = 0;
        let spans = spans
            .into_iter()
            .map(|s| {
                reach = s.end.max(reach);
                (s, reach)
            })
            .collect();
        let mut texts = secrets.texts;
        texts.sort_by(|a, b| cmp_longest_first(a, b));
        texts.dedup();
        FileMask { spans, texts }
    }

    /// Finds the file's secret texts in strings (one search for all of them).
    pub fn scrubber(&self) -> Scrubber<'_> {
        Scrubber::new(&self.texts)
    }

    /// An object of the file as JSON (`Document::to_json`): as written, and with every node
    /// its code frames mask replaced by the mask, whatever the node's type or shape (a
    /// Secret's values and misspelled fields, a credential env var's value, ...).
    pub fn json(
        &self,
        doc: &Document,
        id: NodeId,
    ) -> Result<(serde_json::Value, serde_json::Value), crate::yaml::TooDeep> {
        // Masked when a span that starts at or before the node ends at or after it.
        let masked = |n: NodeId| {
            let span = doc.node(n).span;
            let k = self.spans.partition_point(|(s, _)| s.start <= span.start);
            (k > 0 && self.spans[k - 1].1 >= span.end)
                .then(|| serde_json::Value::String(MASK.to_string()))
        };
        Ok((doc.to_json(id)?, doc.to_json_with(id, &masked)?))
    }

    /// Masks in `shown` (computed from `original`, [`Self::json`]'s first value, by adding
    /// fields: the defaulted object) what `masked` masks of `original`, then every copy of a
    /// secret value of the file in its strings (`scrubber`, [`Self::scrubber`]).
    pub fn mask(
        &self,
        shown: &mut serde_json::Value,
        original: &serde_json::Value,
        masked: &serde_json::Value,
        scrubber: &Scrubber<'_>,
    ) {
        use serde_json::Value;
        let mut stack = vec![(&mut *shown, original, masked)];
        while let Some((s, o, m)) = stack.pop() {
            match (m, o) {
                (Value::String(t), _) if t == MASK && o != m => *s = Value::String(MASK.into()),
                (Value::Object(mo), Value::Object(oo)) => {
                    if let Value::Object(so) = s {
                        for (k, sv) in so.iter_mut() {
                            if let (Some(ov), Some(mv)) = (oo.get(k), mo.get(k)) {
                                stack.push((sv, ov, mv));
                            }
                        }
                    }
                }
                (Value::Array(ma), Value::Array(oa)) => {
                    if let Value::Array(sa) = s {
                        for ((sv, ov), mv) in sa.iter_mut().zip(oa).zip(ma) {
                            stack.push((sv, ov, mv));
                        }
                    }
                }
                _ => {}
            }
        }
        let mut stack = vec![shown];
        while let Some(v) = stack.pop() {
            match v {
                Value::String(s) => scrubber.scrub(s),
                Value::Object(o) => stack.extend(o.values_mut()),
                Value::Array(a) => stack.extend(a.iter_mut()),
                _ => {}
            }
        }
    }
}

/// The secret values of every file of a run (of 6 bytes or more, on one line), searched for
/// once more in each file's findings and code frames: a copy in a file other than the
/// Secret's (a Deployment named after a password kept in `secrets.yaml`) is masked too. The
/// values are searched for all at once, built once per run.
pub(super) struct RunCopies<'t> {
    texts: Vec<&'t str>,
    search: Search,
    scrubber: Scrubber<'t>,
}

impl<'t> RunCopies<'t> {
    /// The long values of `secrets` (those of `files`, one each) that are written in a file
    /// other than one whose own value they are, longest first. A rule quotes names and
    /// values from the files of the run, so a value written in no other file cannot reach
    /// another file's findings; each file is searched once, for all values at once.
    /// Each file comes with its own texts, sorted as [`Secrets::texts`] are (longest first);
    /// the files that hold previous versions of the run's objects (`diff`'s OLD, `--base`)
    /// are among them: a value of an old Secret written in a new file is a copy too.
    pub(super) fn texts(files: &[(&File, &[String])]) -> Vec<String> {
        if files.len() < 2 {
            return Vec::new();
        }
        let mut all: Vec<&str> = files
            .iter()
            .flat_map(|(_, texts)| texts.iter())
            .map(String::as_str)
            .filter(|t| t.len() >= 6 && !t.contains('\n'))
            .collect();
        all.sort_unstable();
        all.dedup();
        if all.is_empty() {
            return Vec::new();
        }
        let Some(search) = Search::new(&all) else {
            return Vec::new();
        };
        let mut copied = vec![false; all.len()];
        for (file, own) in files {
            let complete = search.each(file.text(), |i, _| {
                if !copied[i]
                    && own
                        .binary_search_by(|t| cmp_longest_first(t, all[i]))
                        .is_err()
                {
                    copied[i] = true;
                }
            });
            if !complete {
                copied.iter_mut().for_each(|c| *c = true);
            }
        }
        let mut out: Vec<String> = all
            .iter()
            .zip(copied)
            .filter(|(_, c)| *c)
            .map(|(t, _)| t.to_string())
            .collect();
        out.sort_by(|a, b| cmp_longest_first(a, b));
        out
    }

    /// Over `texts` ([`RunCopies::texts`]); `None` when there are none.
    pub(super) fn new(texts: &'t [String]) -> Option<Self> {
        if texts.is_empty() {
            return None;
        }
        let strs: Vec<&str> = texts.iter().map(String::as_str).collect();
        Some(RunCopies {
            search: Search::new(&strs)?,
            texts: strs,
            scrubber: Scrubber::new(texts),
        })
    }

    fn finds(&self, text: &str) -> bool {
        let mut any = false;
        !self.search.each(text, |_, _| any = true) || any
    }
}

/// The order of [`Secrets::texts`]: longest first, then by bytes.
fn cmp_longest_first(a: &str, b: &str) -> std::cmp::Ordering {
    b.len().cmp(&a.len()).then(a.cmp(b))
}

/// The text to show for `file`, with its `secrets` (`Secrets::of(file)`) and the copies of
/// the run's other values (`run`) masked (borrowed when there are none).
pub(super) fn shown_text<'a>(
    file: &'a File,
    secrets: &Secrets,
    run: Option<&RunCopies<'_>>,
) -> Cow<'a, str> {
    let text = file.text();
    let run = run.filter(|r| r.finds(text));
    if secrets.spans.is_empty() && secrets.texts.is_empty() && run.is_none() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    let mut mask = |start: usize, end: usize| {
        let end = end.min(text.len());
        let mut at = start.min(end);
        while at < end {
            // Each character becomes one mask character of as many bytes: byte offsets and
            // columns stay right. Line structure is kept.
            let width = match text.as_bytes()[at] {
                b'\n' | b'\r' => {
                    at += 1;
                    continue;
                }
                b if b < 0xC0 => 1,
                b if b < 0xE0 => 2,
                b if b < 0xF0 => 3,
                _ => 4,
            };
            let width = width.min(end - at);
            bytes[at..at + width].copy_from_slice(&MASK_OF_WIDTH[width - 1].as_bytes()[..width]);
            at += width;
        }
    };
    for r in &secrets.spans {
        // A block scalar's span runs on to the indentation of the next line: white space at
        // the end holds nothing to hide, and masking it would draw the next key askew.
        let end = text
            .get(r.start..r.end)
            .map_or(r.end, |v| r.start + v.trim_end().len());
        mask(r.start, end);
    }
    // The same value written elsewhere (a label that copies a password) is masked too: every
    // value searched for at once (one pass over the text however many values there are).
    let long: Vec<&str> = secrets
        .texts
        .iter()
        .map(String::as_str)
        .filter(|t| t.len() >= 6 && !t.contains('\n'))
        .collect();
    if let Some(search) = Search::new(&long) {
        if !search.each(text, |i, at| mask(at, at + long[i].len())) {
            mask(0, text.len());
        }
    }
    if let Some(r) = run {
        if !r.search.each(text, |i, at| mask(at, at + r.texts[i].len())) {
            mask(0, text.len());
        }
    }
    // Masking whole bytes of multi-byte characters with ASCII keeps the text valid UTF-8.
    Cow::Owned(
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}

/// The secret texts of every file that holds a previous version of an object of the run
/// (`diff OLD NEW`, `--base`), found once per file: an old file paired with a thousand new
/// files was searched a thousand times.
#[derive(Default)]
pub(super) struct OldTexts(HashMap<usize, (Arc<File>, Vec<String>)>);

impl OldTexts {
    pub(super) fn of(workspace: &Workspace) -> OldTexts {
        use rayon::prelude::*;
        let mut files: Vec<&Arc<File>> = workspace
            .old
            .values()
            .chain(workspace.old_single.as_ref())
            .map(|o| &o.file)
            .collect();
        files.sort_unstable_by_key(|f| Arc::as_ptr(f));
        files.dedup_by_key(|f| Arc::as_ptr(f));
        OldTexts(
            files
                .par_iter()
                .map(|f| {
                    let mut texts = Secrets::of(f).texts;
                    texts.sort_by(|a, b| cmp_longest_first(a, b));
                    texts.dedup();
                    (Arc::as_ptr(f) as usize, (Arc::clone(f), texts))
                })
                .collect(),
        )
    }

    /// Each old file with its texts (longest first), for [`RunCopies::texts`].
    pub(super) fn files(&self) -> impl Iterator<Item = (&File, &[String])> {
        self.0.values().map(|(f, texts)| (&**f, &texts[..]))
    }

    /// A [`Scrubber`] for each file's values, and one for those of 6 bytes or more (names).
    pub(super) fn scrubbers(&self) -> OldScrubbers<'_> {
        OldScrubbers(
            self.0
                .iter()
                .map(|(k, (_, texts))| {
                    let long = &texts[..texts.partition_point(|t| t.len() >= 6)];
                    (*k, (Scrubber::new(texts), Scrubber::new(long)))
                })
                .collect(),
        )
    }
}

/// [`OldTexts::scrubbers`].
pub(super) struct OldScrubbers<'t>(HashMap<usize, (Scrubber<'t>, Scrubber<'t>)>);

impl OldScrubbers<'_> {
    fn of_file(&self, file: &File) -> Option<&(Scrubber<'_>, Scrubber<'_>)> {
        self.0.get(&(file as *const File as usize))
    }
}

/// Removes from `findings` every secret value of `file` (its `secrets`, `Secrets::of(file)`),
/// and of the previous versions of its objects (an update rule may quote the old value), that
/// a rule quoted.
pub(super) fn scrub_findings(
    file: &File,
    secrets: &Secrets,
    run: Option<&RunCopies<'_>>,
    (workspace, old_scrubbers): (&Workspace, &OldScrubbers<'_>),
    objects: &mut [Arc<ObjectInfo>],
    findings: &mut [Finding],
) {
    if findings.is_empty() {
        return;
    }
    if let Some(run) = run {
        // Copies of other files' values: all of 6 bytes or more, masked wherever they are.
        let renamed = rename_objects(objects, |t| run.finds(t), |t| run.scrubber.scrub(t));
        for f in findings.iter_mut() {
            if let Some(new) = f.object.as_ref().and_then(|o| renamed.get(&Arc::as_ptr(o))) {
                f.object = Some(Arc::clone(new));
            }
            for s in [&mut f.path, &mut f.message]
                .into_iter()
                .chain(
                    f.api_error
                        .iter_mut()
                        .flat_map(|e| [&mut e.detail, &mut e.field]),
                )
                .chain(f.related.iter_mut().map(|r| &mut r.message))
            {
                if run.finds(s) {
                    run.scrubber.scrub(s);
                }
            }
            for s in [&mut f.label, &mut f.help].into_iter().flatten() {
                if run.finds(s) {
                    run.scrubber.scrub(s.to_mut());
                }
            }
        }
    }
    // The file's own values, and those of the files that hold its objects' previous
    // versions (an update rule quotes the old value), each searched for once per run.
    let mut olds: Vec<&(Scrubber<'_>, Scrubber<'_>)> = Vec::new();
    if !workspace.old.is_empty() || workspace.old_single.is_some() {
        let mut files: Vec<*const File> = Vec::new();
        for o in &file.objects {
            if let Some(old) = workspace.old_version(o) {
                let f: *const File = &*old.file;
                if !files.contains(&f) {
                    files.push(f);
                    olds.extend(old_scrubbers.of_file(&old.file));
                }
            }
        }
    }
    if secrets.texts.is_empty() && olds.is_empty() {
        return;
    }
    let texts = &secrets.texts;
    let own = Scrubber::new(texts);
    let all: Vec<&Scrubber<'_>> = std::iter::once(&own)
        .filter(|_| !texts.is_empty())
        .chain(olds.iter().map(|p| &p.0))
        .collect();
    let finds = |t: &str| all.iter().any(|s| s.finds(t));
    let scrub = |t: &mut String| {
        if finds(t) {
            scrub_with(t, &all);
        }
    };
    // An object named (or namespaced) with a copy of a secret value: the name is masked
    // wherever it is written (the JSON `object`, SARIF's logical location, a JUnit test case),
    // as it is in messages. Findings share their object's entry: each changed entry is
    // replaced once, and the findings pointing at it are repointed in one pass.
    // Only copies of 6 bytes or more count there (a 3-letter value such as `api` would mask
    // every object of that name); `texts` is longest first, so they are a prefix of it.
    let long = &texts[..texts.partition_point(|t| t.len() >= 6)];
    let own_names = std::cell::OnceCell::new();
    let names = || {
        let own = own_names.get_or_init(|| Scrubber::new(long));
        std::iter::once(own)
            .filter(|_| !long.is_empty())
            .chain(olds.iter().map(|p| &p.1))
            .collect::<Vec<_>>()
    };
    let name_hit = |t: &str| finds(t) && names().iter().any(|s| s.finds(t));
    let renamed = rename_objects(objects, name_hit, |t| scrub_with(t, &names()));
    for f in findings {
        if let Some(new) = f.object.as_ref().and_then(|o| renamed.get(&Arc::as_ptr(o))) {
            f.object = Some(Arc::clone(new));
        }
        if name_hit(&f.path) {
            scrub_with(&mut f.path, &names());
        }
        scrub(&mut f.message);
        for s in [&mut f.label, &mut f.help].into_iter().flatten() {
            if finds(s) {
                scrub_with(s.to_mut(), &all);
            }
        }
        if let Some(e) = &mut f.api_error {
            scrub(&mut e.detail);
            scrub(&mut e.field);
        }
        for r in &mut f.related {
            scrub(&mut r.message);
        }
    }
}

/// Replaces each object of `objects` whose name or namespace `hit`s by a copy with both
/// `scrub`bed; returns the replaced entries by their old address, so that the findings
/// pointing at one are repointed (findings share their object's entry).
fn rename_objects(
    objects: &mut [Arc<ObjectInfo>],
    hit: impl Fn(&str) -> bool,
    scrub: impl Fn(&mut String),
) -> HashMap<*const ObjectInfo, Arc<ObjectInfo>> {
    let mut renamed = HashMap::new();
    for o in objects.iter_mut() {
        if hit(&o.name) || o.namespace.as_deref().is_some_and(&hit) {
            let mut c = (**o).clone();
            scrub(&mut c.name);
            if let Some(n) = &mut c.namespace {
                scrub(n);
            }
            let new = Arc::new(c);
            renamed.insert(Arc::as_ptr(o), Arc::clone(&new));
            *o = new;
        }
    }
    renamed
}

/// [`scrub`] for many texts against one set of secrets: the secrets are searched for all at
/// once, so that a file with thousands of secret values and thousands of findings is not
/// quadratic, and a value a rule cut short (`it was `ghp_abc…``) is masked too.
pub struct Scrubber<'t> {
    /// Longest first, as [`scrub`] wants them.
    texts: &'t [String],
    search: Option<Search>,
    /// In byte order, to find the values that begin with a given text.
    sorted: Vec<&'t str>,
}

/// Copies of many texts (of 6 bytes or more, longest first) found and masked wherever they
/// are, for the subcommands that print what they read (`timeline`, `defaults`): owns its
/// texts, and its search is linear in memory however long they are.
pub struct CopyMask {
    texts: Vec<String>,
    search: Option<Search>,
}

impl CopyMask {
    pub fn new(texts: Vec<String>) -> CopyMask {
        let strs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let search = if texts.is_empty() {
            None
        } else {
            Search::new(&strs)
        };
        CopyMask { texts, search }
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// Whether `text` holds a copy (or may: the search stopped at its budget).
    pub fn finds(&self, text: &str) -> bool {
        match &self.search {
            Some(search) => {
                let mut any = false;
                !search.each(text, |_, _| any = true) || any
            }
            None => !self.texts.is_empty(),
        }
    }

    /// `text` with every copy masked (overlapping ones together).
    pub fn mask(&self, text: &mut String) {
        let mut found: Vec<usize> = Vec::new();
        let complete = match &self.search {
            Some(search) => search.each(text, |i, _| found.push(i)),
            None => false,
        };
        if !complete {
            found = (0..self.texts.len()).collect();
        }
        found.sort_unstable();
        found.dedup();
        let hits: Vec<&str> = found.iter().map(|i| self.texts[*i].as_str()).collect();
        scrub(text, &hits);
    }
}

/// Where any of many texts occurs in a text, in time linear in the text and in memory linear
/// in the number of texts. A text of 6 bytes or more is found by its first bytes (all of them
/// up to 8): every window of the text is looked up in a table of those, behind a bit filter,
/// and a text longer than 8 bytes is then checked whole. Only shorter texts go into an
/// Aho-Corasick automaton (whose states cost tens of bytes per byte of the texts it holds:
/// megabytes of long values took gigabytes). Every occurrence is reported, those that overlap
/// too. Hostile input (a long run of one character, values that are runs of it) could make
/// the occurrences, or the checking, quadratic: past a budget linear in the text,
/// [`Search::each`] stops and says so, and its callers then mask as if everything matched.
struct Search {
    /// A copy of the texts (a caller's may not outlive it).
    texts: Vec<Box<str>>,
    /// Index into `texts` of each pattern of `short`.
    short_ids: Vec<usize>,
    short: Option<aho_corasick::AhoCorasick>,
    /// The texts of 6, 7, and 8 bytes or more, by their first 6, 7 or 8 bytes.
    windows: Vec<Windows>,
}

/// Texts by their first `width` bytes (as a little-endian number), behind a bit filter.
struct Windows {
    width: usize,
    /// The low `width` bytes of a `u64`.
    mask: u64,
    /// One bit per hash of a window some text begins with.
    filter: Vec<u64>,
    shift: u32,
    by_start: HashMap<u64, Vec<usize>>,
}

impl Windows {
    fn new(width: usize, texts: &[&str], ids: impl Iterator<Item = usize>) -> Option<Windows> {
        let mask = if width == 8 {
            u64::MAX
        } else {
            (1u64 << (8 * width)) - 1
        };
        let mut by_start: HashMap<u64, Vec<usize>> = HashMap::new();
        for i in ids {
            by_start
                .entry(window(texts[i].as_bytes(), 0) & mask)
                .or_default()
                .push(i);
        }
        if by_start.is_empty() {
            return None;
        }
        // About 16 bits per start, at least 64.
        let bits = (by_start.len() * 16).next_power_of_two().max(64);
        let shift = 64 - bits.trailing_zeros();
        let mut filter = vec![0u64; bits / 64];
        for k in by_start.keys() {
            let h = hash_window(*k, shift);
            filter[h / 64] |= 1 << (h % 64);
        }
        Some(Windows {
            width,
            mask,
            filter,
            shift,
            by_start,
        })
    }

    fn starting(&self, w: u64) -> Option<&Vec<usize>> {
        let k = w & self.mask;
        let h = hash_window(k, self.shift);
        if self.filter[h / 64] & (1 << (h % 64)) == 0 {
            return None;
        }
        self.by_start.get(&k)
    }
}

/// The 8 bytes of `b` from `at` as a little-endian number (zeros past the end).
fn window(b: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    let end = (at + 8).min(b.len());
    w[..end - at].copy_from_slice(&b[at..end]);
    u64::from_le_bytes(w)
}

fn hash_window(k: u64, shift: u32) -> usize {
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize
}

impl Search {
    /// Texts of this many bytes or more are found by their first bytes.
    const WINDOW: usize = 6;

    fn new(texts: &[&str]) -> Option<Self> {
        let (short_ids, long_ids): (Vec<usize>, Vec<usize>) =
            (0..texts.len()).partition(|i| texts[*i].len() < Self::WINDOW);
        // The noncontiguous NFA builds in time linear in the patterns. Standard semantics, so
        // that every overlapping occurrence of every pattern is reported.
        let short = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(short_ids.iter().map(|i| texts[*i]))
            .ok()?;
        let windows = (Self::WINDOW..=8)
            .filter_map(|width| {
                let ids = long_ids.iter().copied().filter(|i| {
                    let len = texts[*i].len();
                    len == width || (width == 8 && len > 8)
                });
                Windows::new(width, texts, ids)
            })
            .collect();
        Some(Search {
            texts: texts.iter().map(|t| Box::from(*t)).collect(),
            short_ids,
            short: Some(short),
            windows,
        })
    }

    /// Calls `found(index of the text, offset)` for occurrences of the texts in `hay`; `false`
    /// when it stopped short at its budget (occurrences and bytes compared, linear in `hay`),
    /// for hostile input: the caller must then treat `hay` as if it held every text.
    fn each(&self, hay: &str, mut found: impl FnMut(usize, usize)) -> bool {
        let mut budget = 8 * hay.len() + 65_536;
        let mut spend = |n: usize| {
            budget = budget.saturating_sub(n.max(1));
            budget > 0
        };
        if let Some(short) = &self.short {
            for m in short.find_overlapping_iter(hay) {
                if !spend(1) {
                    return false;
                }
                found(self.short_ids[m.pattern().as_usize()], m.start());
            }
        }
        if self.windows.is_empty() {
            return true;
        }
        let b = hay.as_bytes();
        for at in 0..b.len() {
            let w = window(b, at);
            for t in &self.windows {
                if at + t.width > b.len() {
                    continue;
                }
                let Some(ids) = t.starting(w) else { continue };
                for &i in ids {
                    let text = self.texts[i].as_bytes();
                    // A text of 6 or 7 bytes is its window; a longer one is checked whole.
                    let hit = text.len() <= 8 || {
                        if !spend(text.len()) {
                            return false;
                        }
                        b[at..].starts_with(text)
                    };
                    if hit {
                        if !spend(1) {
                            return false;
                        }
                        found(i, at);
                    }
                }
            }
        }
        true
    }
}

impl<'t> Scrubber<'t> {
    fn new(texts: &'t [String]) -> Self {
        let all: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut sorted = all.clone();
        sorted.sort_unstable();
        Scrubber {
            texts,
            search: Search::new(&all),
            sorted,
        }
    }

    fn finds(&self, text: &str) -> bool {
        match &self.search {
            Some(search) => {
                let mut any = false;
                !search.each(text, |_, _| any = true) || any || text.contains('…')
            }
            None => true,
        }
    }

    fn scrub(&self, text: &mut String) {
        scrub_with(text, &[self]);
    }

    /// The texts that occur in `text` (all of them when the search stopped at its budget).
    fn hits(&self, text: &str) -> Vec<&'t str> {
        let Some(search) = &self.search else {
            return self.texts.iter().map(String::as_str).collect();
        };
        let mut found: Vec<usize> = Vec::new();
        if !search.each(text, |i, _| found.push(i)) {
            found = (0..self.texts.len()).collect();
        }
        found.sort_unstable();
        found.dedup();
        found.iter().map(|i| self.texts[*i].as_str()).collect()
    }

    /// Masks the end of a value cut short before `…` when a secret value begins with it (4
    /// characters or more, up to the cut length).
    fn scrub_cut(&self, text: &mut String) {
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(at) = rest.find('…') {
            let before = &rest[..at];
            let starts: Vec<usize> = before
                .char_indices()
                .rev()
                .take(crate::rules::QUOTE_MAX)
                .map(|(i, _)| i)
                .collect();
            // The longest end of `before` that a secret begins with.
            let cut = starts.iter().rev().copied().find(|&i| {
                let tail = &before[i..];
                tail.chars().count() >= 4 && {
                    let k = self.sorted.partition_point(|s| *s < tail);
                    self.sorted.get(k).is_some_and(|s| s.starts_with(tail))
                }
            });
            match cut {
                Some(i) => {
                    out.push_str(&before[..i]);
                    out.push_str(MASK);
                }
                None => out.push_str(before),
            }
            out.push('…');
            rest = &rest[at + '…'.len_utf8()..];
        }
        out.push_str(rest);
        *text = out;
    }
}

/// [`scrub`] with the values of several [`Scrubber`]s (a file's own and those of the files
/// that hold its objects' previous versions), masked together, each searched for at once.
fn scrub_with(text: &mut String, scrubbers: &[&Scrubber<'_>]) {
    let mut hits: Vec<&str> = scrubbers.iter().flat_map(|s| s.hits(text)).collect();
    if !hits.is_empty() {
        hits.sort_by(|a, b| cmp_longest_first(a, b));
        hits.dedup();
        scrub(text, &hits);
    }
    if text.contains('…') {
        for s in scrubbers {
            s.scrub_cut(text);
        }
    }
}

/// Replaces each of `secrets` (longest first) where `text` quotes it. A value of six bytes or
/// more is replaced wherever it appears; a shorter one only as a whole word (between
/// non-alphanumeric characters, or next to a longer value's place), and one of one or two
/// bytes only inside quotes or backticks, so that a short value does not mask ordinary words.
/// Every place is found in the text as given and the places are masked together: values that
/// overlap (`AAAAQ7Q7` and `Q7Q7ZZZZ` in `AAAAQ7Q7ZZZZ`) are masked whole, not one by one,
/// which left the part of the second outside the first. Occurrences of one value are found
/// as `str::match_indices` finds them (not overlapping each other).
pub fn scrub<S: AsRef<str>>(text: &mut String, secrets: &[S]) {
    let mut places: Vec<(usize, usize)> = Vec::new();
    // The bytes inside the places of the longer values found so far.
    let mut covered: Vec<bool> = Vec::new();
    for s in secrets {
        let s = s.as_ref();
        if s.is_empty() || !text.contains(s) {
            continue;
        }
        let first = places.len();
        for (at, _) in text.match_indices(s) {
            let end = at + s.len();
            let hit = s.len() >= 6 || {
                let before = text[..at].chars().next_back();
                let after = text[end..].chars().next();
                let next_to_place = |i: usize| covered.get(i).copied().unwrap_or(false);
                let word = |c: Option<char>, i: usize| {
                    c.is_some_and(char::is_alphanumeric) && !next_to_place(i)
                };
                let quote = |c: Option<char>| matches!(c, Some('`' | '"' | '\''));
                if s.len() <= 2 {
                    quote(before) && quote(after)
                } else {
                    !word(before, at.wrapping_sub(1)) && !word(after, end)
                }
            };
            if hit {
                places.push((at, end));
            }
        }
        if places.len() > first {
            covered.resize(text.len(), false);
            for &(a, b) in &places[first..] {
                covered[a..b].iter_mut().for_each(|c| *c = true);
            }
        }
    }
    if places.is_empty() {
        return;
    }
    places.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < places.len() {
        let (start, mut end) = places[i];
        while i + 1 < places.len() && places[i + 1].0 <= end {
            i += 1;
            end = end.max(places[i].1);
        }
        out.push_str(&text[copied..start]);
        out.push_str(MASK);
        copied = end;
        i += 1;
    }
    out.push_str(&text[copied..]);
    *text = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_names() {
        for n in [
            "PASSWORD",
            "DB_PASSWORD",
            "db-password",
            "API_KEY",
            "ApiKey",
            "GITHUB_TOKEN",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_ACCESS_KEY_ID",
            "MYSQL_ROOT_PASS",
            "SENTRY_DSN",
            "CLIENT_SECRET",
            "BASIC_AUTH",
            "SESSION_COOKIE_SECRET",
            "SIGNING_KEY",
            "JWT",
            "Passwort",
            "DATABASE_URL",
            "MONGO_URI",
            "REDIS_URL",
            "SAS_URL",
            "SLACK_WEBHOOK_URL",
            "GITHUB_PAT",
            "ENCRYPTION_SALT",
        ] {
            assert!(is_credential_name(n), "{n}");
        }
        for n in [
            "LOG_LEVEL",
            "PORT",
            "HOSTNAME",
            "JAVA_OPTS",
            "KEYCLOAK_URL",
            "PATH",
            "SERVICE_URL",
        ] {
            assert!(!is_credential_name(n), "{n}");
        }
    }

    #[test]
    fn urls_with_a_password() {
        assert!(has_url_password("postgres://app:pw@db:5432/app"));
        assert!(has_url_password("jdbc:mysql://u:p@h/x?ssl=true"));
        assert!(has_url_password("x amqp://guest:guest@rabbit"));
        assert!(!has_url_password("redis://redis:6379"));
        assert!(has_url_password("redis://:pw@[::1]:6379/0"));
        assert!(has_url_password("u:pw@h:5432/d"));
        assert!(has_url_password("//u:pw@h/d"));
        assert!(!has_url_password("git@github.com:org/repo.git"));
        assert!(!has_url_password("nginx@sha256:0123abcd"));
        assert!(!has_url_password("a:@b"));
        // Multi-byte separators before the address or the setting.
        assert!(has_url_password("x\u{3000}u:pw@h"));
        assert!(!has_url_password("\u{3000}@"));
        assert!(has_credential_setting("x\u{3000}password=pw"));
        assert!(!has_credential_setting("\u{3000}="));
        // Linear in the number of `@` and `=`: a megabyte of them takes no time.
        assert!(!has_url_password(&"a@".repeat(500_000)));
        assert!(!has_credential_setting(&"a=".repeat(500_000)));
        // Review round 3, L10: a token as the user part, a quoted JSON key, a flag and its
        // value in one string; none of the shapes around them, and nothing that could slice
        // out of order (`":` right after the first quote panicked in a draft).
        assert!(has_url_password(
            "https://ghp_0123456789abcdef@github.com/o/r"
        ));
        assert!(!has_url_password("ssh://git@github.com/o/r"));
        assert!(!has_url_password("user@example.com"));
        assert!(has_credential_setting(r#"{"password":"pw"}"#));
        assert!(has_credential_setting(r#"{"db": {"apiKey" : "k"}}"#));
        assert!(has_credential_setting("--password  pw"));
        assert!(has_credential_setting("auth:\n  password: pw\n"));
        assert!(has_credential_setting("Authorization: Bearer x"));
        assert!(!has_credential_setting("level: debug\nname: web"));
        assert!(has_credential_setting(r#"{"db": {"apiKey": "k"}}"#));
        assert!(!has_credential_setting(r#"{"name":"password"}"#));
        assert!(has_credential_setting("--password pw"));
        assert!(has_credential_setting("run --db-password s3 --x"));
        assert!(!has_credential_setting("--password --verbose"));
        assert!(!has_credential_setting("--password  "));
        for hostile in ["\":", "\"\":", ":\"", "\":\":\":", "- ", "--password"] {
            has_credential_setting(hostile);
        }
        assert!(!has_credential_setting(&"\"\":".repeat(300_000)));
        assert!(!has_credential_setting(&"-x ".repeat(300_000)));
        // Review round 4: a run of dashes before many `=` was trimmed again at each.
        let dashes = format!("{}{}", "-".repeat(100_000), "=b".repeat(100_000));
        assert!(!has_credential_setting(&dashes));
        // A base64 password ends in `=`.
        assert!(has_url_password("redis://default:UVELeak9+Kx7=@redis:6379"));
        assert!(has_url_password("postgres://u:pw=x@h/db"));
        assert!(has_url_password("url=u:pw@h"));
        assert!(has_credential_setting(
            "jdbc:postgresql://h/d?user=u&password=pw"
        ));
        assert!(has_credential_setting(
            "Server=h;Database=d;User Id=u;Password=pw;"
        ));
        assert!(has_credential_setting("host=db password=pw"));
        assert!(has_credential_setting("--api-key=k"));
        assert!(!has_credential_setting("--password="));
        assert!(!has_credential_setting("--log-level=debug"));
        assert!(!has_credential_setting("a=b"));
    }

    #[test]
    fn credentials_in_an_applied_configuration() {
        let mut out = Vec::new();
        let whole = applied_credentials(
            r#"{"apiVersion":"v1","kind":"Pod","spec":{"containers":[{"env":[{"name":"DB_PASSWORD","value":"a1"},{"name":"MODE","value":"b2"},{"name":"URL","value":"redis://:p@r"}],"readinessProbe":{"httpGet":{"httpHeaders":[{"name":"Authorization","value":"Bearer c3"}]}}}]}}"#,
            &mut out,
        );
        assert!(whole);
        // Each value as it reads and as it is written in the JSON text; nothing else.
        let values = |out: &[String]| {
            let mut v: Vec<String> = out
                .iter()
                .map(|t| t.trim_matches(['"', '\\']).to_string())
                .collect();
            v.sort();
            v.dedup();
            v
        };
        assert_eq!(values(&out), ["Bearer c3", "a1", "redis://:p@r"]);
        // Nothing to mask: shown as it is.
        out.clear();
        assert!(!applied_credentials(
            r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"}}"#,
            &mut out
        ));
        assert!(out.is_empty(), "{out:?}");
        // No Kubernetes object (a misspelled `Kind`): every value is masked.
        assert!(applied_credentials(
            r#"{"Kind":"Secret","stringData":{"a":"s3"}}"#,
            &mut out
        ));
        assert!(values(&out).contains(&"s3".to_string()), "{out:?}");
        out.clear();
        assert!(applied_credentials("not json", &mut out));
        assert!(out.is_empty());
    }

    /// What `like_kind` answered before it was made not to allocate.
    fn like_kind_reference(found: &str, kind: &str) -> bool {
        let norm: String = found
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let want = kind.to_ascii_lowercase();
        norm == want
            || (norm.chars().count().abs_diff(want.len()) <= 2
                && crate::config::edit_distance(&norm, &want) <= 2)
    }

    #[test]
    fn kinds_like_secret_as_an_edit_distance_finds_them() {
        let mut found = vec![
            "Secret",
            "secret",
            "SECRET",
            "Secrets",
            "Secert",
            "Secre",
            "Sec",
            "Scret",
            "S e c r e t",
            "Se\u{200b}cret",
            "S\u{435}cret",
            "\u{130}Secret",
            "Se\u{130}\u{130}t",
            "SecretList",
            "SecretLists",
            "secretlist",
            "Secret_List",
            "SecretLis",
            "SecretLst",
            "Deployment",
            "Service",
            "ConfigMap",
            "CronJob",
            "Sercet",
            "ecrets",
            "Sxcrxt",
            "Sxxret",
            "Sxxxet",
            "",
            "ß",
            "Secreẞ",
            "SeCrEtLiSt",
            "XSecretListX",
            "Sekrit",
        ];
        // Every one- and two-letter change of `Secret` and `SecretList`.
        let letters = ['s', 'E', 'x', 't', '\u{435}', '\u{130}', '1'];
        let mut edits = Vec::new();
        for kind in ["Secret", "SecretList"] {
            let chars: Vec<char> = kind.chars().collect();
            for i in 0..=chars.len() {
                for &c in &letters {
                    let mut ins = chars.clone();
                    ins.insert(i, c);
                    edits.push(ins.iter().collect::<String>());
                    if i < chars.len() {
                        let mut sub = chars.clone();
                        sub[i] = c;
                        edits.push(sub.iter().collect::<String>());
                        for j in 0..chars.len() {
                            let mut two = sub.clone();
                            two[j] = 'q';
                            edits.push(two.iter().collect::<String>());
                            two.remove(i.min(two.len() - 1));
                            edits.push(two.iter().collect::<String>());
                        }
                    }
                }
                if i < chars.len() {
                    let mut del = chars.clone();
                    del.remove(i);
                    edits.push(del.iter().collect::<String>());
                }
            }
        }
        found.extend(edits.iter().map(String::as_str));
        for f in found {
            for kind in ["Secret", "SecretList"] {
                assert_eq!(
                    like_kind(f, kind),
                    like_kind_reference(f, kind),
                    "{f:?} {kind}"
                );
            }
        }
    }

    #[test]
    fn credential_words_are_found_anywhere() {
        for w in CREDENTIAL_WORDS {
            for name in [w.to_string(), format!("x_{w}_y"), w.to_lowercase()] {
                assert!(is_credential_name(&name), "{name}");
            }
        }
        let long = format!("{}_password", "x".repeat(100));
        assert!(is_credential_name(&long));
        assert!(!is_credential_name(&"x".repeat(100)));
        assert!(is_credential_name("P-A-S-S-W-O-R-D_x"));
        assert!(is_credential_name("db\u{e9}_pass"));
    }

    #[test]
    fn scrub_masks_long_values_anywhere_and_short_ones_as_words() {
        let secrets = vec!["hunter22".to_string(), "abc".to_string(), "x".to_string()];
        let mut m = "value `hunter22` and prefix-hunter22-suffix".to_string();
        scrub(&mut m, &secrets);
        assert_eq!(m, "value `***` and prefix-***-suffix");
        let mut m = "`abc` is abcd but not xabc; abc.".to_string();
        scrub(&mut m, &secrets);
        assert_eq!(m, "`***` is abcd but not xabc; ***.");
        let mut m = "`x` next to x and box".to_string();
        scrub(&mut m, &secrets);
        assert_eq!(m, "`***` next to x and box");
    }

    /// Review round 3, L11: two values that overlap in a text were replaced one after the
    /// other, so the first replacement hid the second's start and its end was shown.
    #[test]
    fn scrub_masks_overlapping_values_together() {
        let secrets = ["AAAAAAQ7Q7Q7", "Q7Q7Q7ZZZZZZ"];
        let mut m = "label `AAAAAAQ7Q7Q7ZZZZZZ!` is invalid".to_string();
        scrub(&mut m, &secrets);
        assert_eq!(m, "label `***!` is invalid");
        // A short value next to a longer one's place counts as a word there.
        let mut m = "x=hunter22abc".to_string();
        scrub(&mut m, &["hunter22", "abc"]);
        assert_eq!(m, "x=***");
    }

    #[test]
    fn json_escapes_as_go_writes_them() {
        assert_eq!(
            go_json_escape("a&<>\"\\\n\u{1}\u{2028}é"),
            "a\\u0026\\u003c\\u003e\\\"\\\\\\n\\u0001\\u2028é"
        );
    }

    #[test]
    fn base64_decodes_both_alphabets() {
        assert_eq!(decode_base64("aHVudGVyMg==").as_deref(), Some("hunter2"));
        assert_eq!(decode_base64("aHVudGVyMg").as_deref(), Some("hunter2"));
        assert_eq!(decode_base64("not base64!"), None);
    }
}
