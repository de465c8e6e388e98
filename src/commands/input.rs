//! Docket text, from a file, stdin or a request body.

use std::str::FromStr;

use crate::docket::{Docket, Format};
use crate::{Error, ErrorKind, Result};

/// The text of a docket (TOML or JSON) and the name it was read under (a
/// file's path, `<stdin>`, or none for a request body), so that every error
/// names it.
///
/// ```
/// use docket::commands::DocketText;
/// use docket::docket::Format;
///
/// let text = "[case]\nid = \"demo\"\ncourt = \"nysb\"\n";
/// let docket = DocketText::new(Some("demo.toml"), Format::Toml, text).parse()?;
/// assert_eq!(docket.case.id, "demo");
///
/// // Formats are told apart when not given.
/// assert_eq!(DocketText::sniff("{\"case\": {}}"), Format::Json);
/// let err = DocketText::new(Some("<stdin>"), DocketText::sniff("[case"), "[case").parse();
/// assert!(err.unwrap_err().to_string().starts_with("<stdin>: "));
/// # Ok::<(), docket::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocketText {
    name: Option<String>,
    format: Format,
    text: String,
    base_dir: Option<std::path::PathBuf>,
}

impl DocketText {
    /// Docket `text` in `format`, read under `name`.
    pub fn new(name: Option<&str>, format: Format, text: impl Into<String>) -> DocketText {
        DocketText {
            name: name.map(str::to_string),
            format,
            text: text.into(),
            base_dir: None,
        }
    }

    /// The folder of the file the text was read from: the docket's `[rules]
    /// packs` are found there. Text without one (stdin, a request body)
    /// cannot name rule packs.
    pub fn base_dir(mut self, dir: Option<std::path::PathBuf>) -> DocketText {
        self.base_dir = dir;
        self
    }

    /// The format `text` is most likely in: JSON when it starts with `{`
    /// (or is a list of objects, `[{`), else TOML (whose tables start with
    /// `[name]`).
    pub fn sniff(text: &str) -> Format {
        let t = text.trim_start_matches('\u{feff}').trim_start();
        let list_of_objects = t
            .strip_prefix('[')
            .is_some_and(|rest| rest.trim_start().starts_with(['{', ']']));
        if t.starts_with('{') || list_of_objects {
            Format::Json
        } else {
            Format::Toml
        }
    }

    /// A JSON list of dockets (`[{...}, {...}]`) as one text each, named
    /// `dockets[0]`, `dockets[1]`, ...; `None` for one docket.
    ///
    /// # Errors
    /// Not JSON, a key given twice in an object, an empty list, or an
    /// element that is not an object.
    #[cfg(feature = "serve")]
    pub(crate) fn split_list(&self) -> Result<Option<Vec<DocketText>>> {
        let t = self.text.trim_start_matches('\u{feff}').trim_start();
        if self.format != Format::Json || !t.starts_with('[') {
            return Ok(None);
        }
        crate::docket::check_unique_keys(t).map_err(|e| self.named(e))?;
        let list: Vec<serde_json::Value> = serde_json::from_str(t)
            .map_err(|e| self.named(Error::parse(format!("a list of dockets: {e}"))))?;
        if list.is_empty() {
            return Err(self.named(Error::invalid("an empty list: send one docket or more")));
        }
        let mut out = Vec::with_capacity(list.len());
        for (i, item) in list.into_iter().enumerate() {
            let name = format!("dockets[{i}]");
            if !item.is_object() {
                return Err(Error::invalid(format!(
                    "{name}: not a docket (a JSON object)"
                )));
            }
            let text = serde_json::to_string(&item).map_err(|e| Error::parse(e.to_string()))?;
            out.push(
                DocketText::new(Some(&name), Format::Json, text).base_dir(self.base_dir.clone()),
            );
        }
        Ok(Some(out))
    }

    /// The name it was read under.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// Its format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Its text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Prefixes an error with the name (when there is one).
    pub(crate) fn named(&self, e: Error) -> Error {
        match &self.name {
            Some(n) => e.context(n),
            None => e,
        }
    }

    /// The docket, parsed and validated, as [`Docket::load`] reads a file:
    /// every message starts with the name.
    ///
    /// # Errors
    /// The text cannot be parsed or the docket fails validation.
    pub fn parse(&self) -> Result<Docket> {
        let docket = match self.format {
            Format::Toml => Docket::from_toml_str(&self.text),
            Format::Json => Docket::from_json_str(&self.text),
        }
        .map_err(|e| self.named(e))?;
        // `[rules] packs` are found next to the file (validation reads them).
        let mut docket = docket;
        docket.base_dir = self.base_dir.clone();
        docket.validate().map_err(|e| self.named(e))?;
        Ok(docket)
    }
}

impl FromStr for Format {
    type Err = Error;

    /// `toml` or `json` (any case).
    fn from_str(s: &str) -> Result<Format> {
        match s.to_ascii_lowercase().as_str() {
            "toml" => Ok(Format::Toml),
            "json" => Ok(Format::Json),
            _ => Err(Error::new(
                ErrorKind::Invalid,
                format!("\"{s}\" is not a docket format (toml or json)"),
            )),
        }
    }
}
