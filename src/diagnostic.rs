//! The data a check hands to the reporter: which rule, what it says, and the field it is
//! about. Plain data shared by every stage; resolving, sorting and rendering belong to
//! `report`.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::yaml::{FieldPath, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        Some(match s {
            "off" | "allow" => Level::Off,
            "info" => Level::Info,
            "warning" | "warn" => Level::Warning,
            "error" | "deny" => Level::Error,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The refusal the API server would answer with: `field.Error` as `kubectl apply` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiError {
    pub field: String,
    /// `Invalid`, `Required`, `Forbidden`, `NotSupported`, `Duplicate`, `TooLong`, `TooMany`.
    #[serde(rename = "type")]
    pub kind: String,
    pub detail: String,
}

/// A label or help text: most are literals, the catalog's are shared by every finding of a
/// rule; only the rest is allocated per finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Static(&'static str),
    Shared(Arc<str>),
    Owned(String),
}

impl Text {
    pub fn as_str(&self) -> &str {
        match self {
            Text::Static(s) => s,
            Text::Shared(s) => s,
            Text::Owned(s) => s,
        }
    }

    /// The text to change in place (copied first unless it is already owned).
    pub fn to_mut(&mut self) -> &mut String {
        if !matches!(self, Text::Owned(_)) {
            *self = Text::Owned(self.as_str().to_string());
        }
        match self {
            Text::Owned(s) => s,
            _ => unreachable!("made owned above"),
        }
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl From<&'static str> for Text {
    fn from(s: &'static str) -> Self {
        Text::Static(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text::Owned(s)
    }
}

impl From<Arc<str>> for Text {
    fn from(s: Arc<str>) -> Self {
        Text::Shared(s)
    }
}

/// Where a diagnostic points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A field of an object (or of a document that is not an object), resolved to a span
    /// by the reporter; a missing field resolves to its nearest existing parent.
    Field {
        doc: usize,
        /// Index into the file's objects, or `None` for a document that is not an object.
        object: Option<usize>,
        path: FieldPath,
    },
    /// The key of a field (an unknown field is wrong by its name, not its value).
    Key {
        doc: usize,
        object: Option<usize>,
        path: FieldPath,
    },
    /// A raw span in the file, for what is not inside a parsed document (syntax errors).
    Span(Span),
    /// A place in another file (the old version of an updated object), already resolved;
    /// only for related labels.
    Elsewhere {
        file: Arc<str>,
        line: usize,
        column: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub target: Target,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: Arc<str>,
    /// Set from the configuration when the diagnostic is emitted.
    pub level: Level,
    pub message: String,
    pub target: Target,
    /// Text of the primary label, under the offending value.
    pub label: Option<Text>,
    pub related: Vec<Related>,
    pub help: Option<Text>,
    pub api_error: Option<ApiError>,
}

impl Diagnostic {
    pub fn new(message: impl Into<String>, target: Target) -> Self {
        Diagnostic {
            rule: Arc::from(""),
            level: Level::Error,
            message: message.into(),
            target,
            label: None,
            related: Vec::new(),
            help: None,
            api_error: None,
        }
    }

    pub fn label(mut self, text: impl Into<Text>) -> Self {
        self.label = Some(text.into());
        self
    }

    pub fn help(mut self, text: impl Into<Text>) -> Self {
        self.help = Some(text.into());
        self
    }

    pub fn related(mut self, target: Target, label: impl Into<String>) -> Self {
        self.related.push(Related {
            target,
            label: label.into(),
        });
        self
    }

    pub fn api_error(
        mut self,
        field: impl Into<String>,
        kind: &str,
        detail: impl Into<String>,
    ) -> Self {
        self.api_error = Some(ApiError {
            field: field.into(),
            kind: kind.to_string(),
            detail: detail.into(),
        });
        self
    }
}
