//! How options are named in messages: as flags or as fields.

use chrono::NaiveDate;

use crate::{Error, Result};

/// How a command's options are named in its messages: the words the user
/// typed.
///
/// ```
/// use docket::commands::Style;
///
/// assert_eq!(Style::Flags.name("court_days"), "--court-days");
/// assert_eq!(Style::Fields.name("court_days"), "court_days");
/// assert_eq!(Style::Flags.given("days", "-3"), "--days -3");
/// assert_eq!(Style::Fields.given("days", "-3"), "days=-3");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// Command-line flags: `--court-days 3`.
    #[default]
    Flags,
    /// JSON fields and URL query parameters: `court_days=3`.
    Fields,
}

impl Style {
    /// The option `field` (snake case) as the user writes it.
    pub fn name(self, field: &str) -> String {
        match self {
            Style::Flags => format!("--{}", field.replace('_', "-")),
            Style::Fields => field.to_string(),
        }
    }

    /// The option `field` given `value`, as the user wrote it.
    pub fn given(self, field: &str, value: &str) -> String {
        match self {
            Style::Flags => format!("{} {value}", self.name(field)),
            Style::Fields => format!("{field}={value}"),
        }
    }

    /// Several options given, as the user wrote them (`--extend brief --to
    /// 2025-01-01`, or `extend=brief&to=2025-01-01`).
    pub(crate) fn all_given(self, given: &[(&str, String)]) -> String {
        let parts: Vec<String> = given.iter().map(|(f, v)| self.given(f, v)).collect();
        match self {
            Style::Flags => parts.join(" "),
            Style::Fields => parts.join("&"),
        }
    }

    /// A date option (`YYYY-MM-DD`), read exactly.
    pub(crate) fn date(self, field: &str, value: &str) -> Result<NaiveDate> {
        crate::docket::parse_date(value).map_err(|_| {
            super::invalid(format!(
                "{}: \"{value}\" is not a date (YYYY-MM-DD)",
                self.name(field)
            ))
        })
    }

    /// An optional date option.
    pub(crate) fn opt_date(self, field: &str, value: Option<&str>) -> Result<Option<NaiveDate>> {
        value.map(|v| self.date(field, v)).transpose()
    }

    /// An error about `field`, its message prefixed with the option's name
    /// (unless it already names it).
    pub(crate) fn about(self, field: &str, e: Error) -> Error {
        let name = self.name(field);
        if e.problems().iter().all(|p| p.starts_with(&name)) {
            e
        } else {
            e.context(name)
        }
    }
}
