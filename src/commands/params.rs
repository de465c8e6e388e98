//! Options given as name-value pairs: a URL query string or a JSON object,
//! named like the command line's flags (`court_days=3`, `{"court_days": 3}`).

use std::str::FromStr;

use crate::{Error, ErrorKind, Result};

/// Most options one request may give.
const MAX_PARAMS: usize = 64;

/// The options of one request, taken one by one; what is left over is
/// refused by [`Params::finish`].
#[derive(Debug, Default)]
pub(crate) struct Params {
    pairs: Vec<(String, String)>,
    problems: Vec<String>,
}

fn invalid(m: String) -> Error {
    Error::new(ErrorKind::Invalid, m)
}

impl Params {
    /// From a URL query string (`court=nysb&days=14`; `+` is a space).
    #[cfg(any(feature = "serve", test))]
    pub(crate) fn from_query(query: &str) -> Result<Params> {
        let mut pairs = Vec::new();
        for part in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            pairs.push((decode(k)?, decode(v)?));
            if pairs.len() > MAX_PARAMS {
                return Err(invalid(format!("more than {MAX_PARAMS} query parameters")));
            }
        }
        Ok(Params {
            pairs,
            problems: Vec::new(),
        })
    }

    /// From a JSON object: numbers and booleans as their text, arrays as the
    /// option given once per element, `null` as not given.
    pub(crate) fn from_json(text: &[u8]) -> Result<Params> {
        let value: serde_json::Value = serde_json::from_slice(text)
            .map_err(|e| Error::new(ErrorKind::Parse, format!("not JSON: {e}")))?;
        Params::from_value(value)
    }

    /// From a TOML table, as [`Params::from_json`] (dates, quoted or not,
    /// as their text).
    pub(crate) fn from_toml(text: &str) -> Result<Params> {
        let table: toml::Table = toml::from_str(text).map_err(|e| {
            Error::new(
                ErrorKind::Parse,
                format!("not TOML: {}", e.message().replace('\n', " ")),
            )
        })?;
        fn json(v: toml::Value) -> serde_json::Value {
            match v {
                toml::Value::String(s) => s.into(),
                toml::Value::Integer(n) => n.into(),
                toml::Value::Float(f) => f.into(),
                toml::Value::Boolean(b) => b.into(),
                toml::Value::Datetime(d) => d.to_string().into(),
                toml::Value::Array(a) => a.into_iter().map(json).collect(),
                toml::Value::Table(t) => {
                    serde_json::Value::Object(t.into_iter().map(|(k, v)| (k, json(v))).collect())
                }
            }
        }
        Params::from_value(json(toml::Value::Table(table)))
    }

    /// From a JSON value, which must be an object.
    pub(crate) fn from_value(value: serde_json::Value) -> Result<Params> {
        let serde_json::Value::Object(map) = value else {
            return Err(invalid("expected an object of options".into()));
        };
        if map.len() > MAX_PARAMS {
            return Err(invalid(format!("more than {MAX_PARAMS} fields")));
        }
        let mut pairs = Vec::new();
        for (k, v) in map {
            let items = match v {
                serde_json::Value::Array(a) => a,
                other => vec![other],
            };
            for item in items {
                let text = match item {
                    serde_json::Value::Null => continue,
                    serde_json::Value::String(s) => s,
                    serde_json::Value::Number(n) => n.to_string(),
                    serde_json::Value::Bool(b) => b.to_string(),
                    _ => {
                        return Err(invalid(format!(
                            "{k}: expected a string, number or boolean"
                        )))
                    }
                };
                pairs.push((k.clone(), text));
            }
        }
        Ok(Params {
            pairs,
            problems: Vec::new(),
        })
    }

    /// Every value given for `name`, taken.
    pub(crate) fn list(&mut self, name: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.pairs.retain(|(k, v)| {
            if k == name {
                out.push(v.clone());
                false
            } else {
                true
            }
        });
        out
    }

    /// The value of `name`, if given (once).
    pub(crate) fn string(&mut self, name: &str) -> Option<String> {
        let mut all = self.list(name);
        if all.len() > 1 {
            self.problems
                .push(format!("{name}: given {} times; give it once", all.len()));
        }
        all.pop()
    }

    /// The number `name`, if given.
    pub(crate) fn number<T: FromStr>(&mut self, name: &str) -> Option<T> {
        let v = self.string(name)?;
        match v.trim().parse() {
            Ok(n) => Some(n),
            Err(_) => {
                self.problems
                    .push(format!("{name}: \"{v}\" is not a whole number"));
                None
            }
        }
    }

    /// Every number given for `name`.
    #[cfg(any(feature = "serve", test))]
    pub(crate) fn numbers<T: FromStr>(&mut self, name: &str) -> Vec<T> {
        let mut out = Vec::new();
        for v in self.list(name) {
            match v.trim().parse() {
                Ok(n) => out.push(n),
                Err(_) => self
                    .problems
                    .push(format!("{name}: \"{v}\" is not a whole number")),
            }
        }
        out
    }

    /// The switch `name`: `true`, `1`, `yes`, `on` or empty (given bare, as
    /// `?explain`) for on; `false`, `0`, `no`, `off` or absent for off.
    pub(crate) fn flag(&mut self, name: &str) -> bool {
        match self.string(name).map(|v| v.to_ascii_lowercase()) {
            None => false,
            Some(v) => match v.as_str() {
                "" | "true" | "1" | "yes" | "on" => true,
                "false" | "0" | "no" | "off" => false,
                _ => {
                    self.problems
                        .push(format!("{name}: \"{v}\" is not true or false"));
                    false
                }
            },
        }
    }

    /// Every problem found, and a name given that the command does not take
    /// (`known` lists those it takes).
    pub(crate) fn finish(self, known: &[&str]) -> Result<()> {
        let mut problems = self.problems;
        let mut seen: Vec<&str> = Vec::new();
        for (k, _) in &self.pairs {
            if seen.contains(&k.as_str()) {
                continue;
            }
            seen.push(k);
            let k: String = k.chars().take(64).collect();
            problems.push(format!(
                "{k}: unknown option (options: {})",
                known.join(", ")
            ));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::many(ErrorKind::Invalid, problems))
        }
    }
}

/// Percent-decoding of one query component (`+` is a space).
#[cfg(any(feature = "serve", test))]
fn decode(s: &str) -> Result<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| invalid(format!("bad percent-encoding in \"{s}\"")))?;
                out.push(hex);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| invalid(format!("\"{s}\" is not UTF-8 once decoded")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_and_objects() {
        let mut p = Params::from_query(
            "court=nysb&days=14&closure=2025-01-02&closure=2025-01-03&explain&x=%41+b",
        )
        .unwrap();
        assert_eq!(p.string("court").as_deref(), Some("nysb"));
        assert_eq!(p.number::<i64>("days"), Some(14));
        assert_eq!(p.list("closure").len(), 2);
        assert!(p.flag("explain"));
        assert!(!p.flag("before"));
        assert_eq!(p.string("x").as_deref(), Some("A b"));
        assert!(p.finish(&[]).is_ok());

        let mut p =
            Params::from_json(br#"{"days": 14, "before": true, "service": null, "alarm": [7, 1]}"#)
                .unwrap();
        assert_eq!(p.number::<i64>("days"), Some(14));
        assert!(p.flag("before"));
        assert_eq!(p.string("service"), None);
        assert_eq!(p.numbers::<u32>("alarm"), vec![7, 1]);
        assert!(p.finish(&[]).is_ok());

        let mut p = Params::from_query("days=x&days=3&dayz=1&before=maybe").unwrap();
        assert_eq!(p.number::<i64>("days"), Some(3));
        assert!(!p.flag("before"));
        let e = p.finish(&["days", "before"]).unwrap_err();
        assert_eq!(e.problems().len(), 3, "{e}");
        assert!(e.problems()[2].starts_with("dayz: unknown option (options: days, before)"));

        assert!(Params::from_query("a=%zz").is_err());
        assert!(Params::from_query("a=%ff").is_err());
        assert!(Params::from_json(b"[1]").is_err());
        assert!(Params::from_json(b"{\"a\": {}}").is_err());
        assert!(Params::from_json(b"{").is_err());
    }
}
