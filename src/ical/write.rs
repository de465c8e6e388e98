//! RFC 5545 content lines: escaping, parameter quoting and folding, written
//! straight into one buffer.
//!
//! Every user string goes through here. TEXT values escape `\`, `;`, `,` and
//! newlines; control characters (CR, LF, TAB, ...) and the Unicode line and
//! paragraph separators (U+2028, U+2029) become spaces in single-line values
//! (line breaks in multi-line ones) and are removed from parameters;
//! bidirectional embedding, override and isolate controls are removed
//! everywhere; lines fold at 75 octets on a character boundary, never inside
//! a `\n`-style escape.

/// Octets per line before the CRLF (RFC 5545 section 3.1).
const LIMIT: usize = 75;

/// Octets buffered before a streaming writer hands them on.
const FLUSH_AT: usize = 64 * 1024;

/// Builds an iCalendar stream: into one string, or through a bounded
/// buffer into any [`std::io::Write`] (flushed after each component once
/// the buffer holds [`FLUSH_AT`] octets).
#[derive(Default)]
pub(crate) struct Writer<'s> {
    buf: String,
    /// Octets on the current line so far.
    col: usize,
    /// Where a streaming writer sends its octets.
    sink: Option<&'s mut dyn std::io::Write>,
    /// The first error the sink returned (nothing is written after it).
    error: Option<std::io::Error>,
}

impl std::fmt::Debug for Writer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer")
            .field("buffered", &self.buf.len())
            .field("streaming", &self.sink.is_some())
            .finish()
    }
}

impl Writer<'static> {
    pub(crate) fn with_capacity(n: usize) -> Writer<'static> {
        Writer {
            buf: String::with_capacity(n),
            ..Writer::default()
        }
    }

    pub(crate) fn finish(self) -> String {
        self.buf
    }
}

impl<'s> Writer<'s> {
    /// A writer that streams into `sink`.
    pub(crate) fn streaming(sink: &'s mut dyn std::io::Write) -> Writer<'s> {
        Writer {
            buf: String::with_capacity(FLUSH_AT + FLUSH_AT / 4),
            col: 0,
            sink: Some(sink),
            error: None,
        }
    }

    /// Hands the buffered octets to the sink (streaming writers only).
    fn flush_buffer(&mut self) {
        let Some(sink) = self.sink.as_mut() else {
            return;
        };
        if self.error.is_none() {
            if let Err(e) = sink.write_all(self.buf.as_bytes()) {
                self.error = Some(e);
            }
        }
        self.buf.clear();
    }

    /// Writes what is left and flushes the sink.
    pub(crate) fn finish_stream(mut self) -> std::io::Result<()> {
        self.flush_buffer();
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        match self.sink.as_mut() {
            Some(sink) => sink.flush(),
            None => Ok(()),
        }
    }

    /// Appends one unit (a character or an escape pair) that must not be
    /// split, folding first when it would pass the limit.
    #[inline]
    fn unit(&mut self, s: &str) {
        if self.col + s.len() > LIMIT {
            self.buf.push_str("\r\n ");
            self.col = 1;
        }
        self.buf.push_str(s);
        self.col += s.len();
    }

    /// Appends ASCII text that needs no escaping (names, dates, numbers).
    #[inline]
    fn raw(&mut self, s: &str) {
        if self.col + s.len() <= LIMIT {
            self.buf.push_str(s);
            self.col += s.len();
        } else if s.is_ascii() {
            self.ascii_run(s);
        } else {
            let mut b = [0u8; 4];
            for c in s.chars() {
                self.unit(c.encode_utf8(&mut b));
            }
        }
    }

    fn end_line(&mut self) {
        self.buf.push_str("\r\n");
        self.col = 0;
    }

    /// `NAME:value` with a value that needs no escaping (dates, numbers,
    /// enumerated values the library itself writes).
    pub(crate) fn plain(&mut self, name: &str, value: &str) {
        if self.col + name.len() + 1 + value.len() <= LIMIT {
            // The whole line fits: no fold to look for.
            self.buf.push_str(name);
            self.buf.push(':');
            self.buf.push_str(value);
            self.end_line();
            return;
        }
        self.raw(name);
        self.raw(":");
        self.raw(value);
        self.end_line();
    }

    /// Appends lines already written and folded (each ending in CRLF).
    pub(crate) fn raw_block(&mut self, lines: &str) {
        self.buf.push_str(lines);
        self.col = 0;
    }

    /// `BEGIN:X`.
    pub(crate) fn begin(&mut self, component: &str) {
        self.plain("BEGIN", component);
    }

    /// `END:X`; a streaming writer hands its buffer on once it is full.
    pub(crate) fn end(&mut self, component: &str) {
        self.plain("END", component);
        if self.sink.is_some() && self.buf.len() >= FLUSH_AT {
            self.flush_buffer();
        }
    }

    /// Starts a property with parameters: `NAME;K=V;K2="v 2":`. The value
    /// follows with [`Writer::value_text`] or [`Writer::value_raw`].
    /// Inlined: the writers of each VEVENT, in other modules, start most
    /// of their properties with it (about 1% of a feed's instructions as a
    /// call).
    #[inline]
    pub(crate) fn start(&mut self, name: &str, params: &[(&str, &str)]) {
        if params.is_empty() && self.col + name.len() < LIMIT {
            self.buf.push_str(name);
            self.buf.push(':');
            self.col += name.len() + 1;
            return;
        }
        self.raw(name);
        for (k, v) in params {
            self.raw(";");
            self.raw(k);
            self.raw("=");
            self.param_value(v);
        }
        self.raw(":");
    }

    /// A parameter value: control characters, line separators, bidi controls
    /// and DQUOTE removed (they cannot appear), quoted when it holds `:`, `;`
    /// or `,`.
    fn param_value(&mut self, v: &str) {
        let needs_quotes = v.contains([':', ';', ',']);
        if needs_quotes {
            self.unit("\"");
        }
        let mut b = [0u8; 4];
        for c in v.chars() {
            if c.is_control() || c == '"' || is_line_separator(c) || is_bidi_control(c) {
                continue;
            }
            self.unit(c.encode_utf8(&mut b));
        }
        if needs_quotes {
            self.unit("\"");
        }
    }

    /// Ends a property whose value needs no escaping.
    pub(crate) fn value_raw(&mut self, value: &str) {
        self.raw(value);
        self.end_line();
    }

    /// Ends a property with an escaped TEXT value. With `multiline`, line
    /// breaks (CR, LF, CRLF, U+2028, U+2029) become `\n`; without, every
    /// control character and line separator becomes a space. Bidi
    /// embedding, override and isolate controls are dropped.
    pub(crate) fn value_text(&mut self, value: &str, multiline: bool) {
        self.text_units(value, multiline);
        self.end_line();
    }

    fn text_units(&mut self, value: &str, multiline: bool) {
        let bytes = value.as_bytes();
        let mut b = [0u8; 4];
        let mut i = 0;
        while let Some(&next) = bytes.get(i) {
            // Fast path: plain printable ASCII is copied as far as the line
            // has room; a fold comes only before an octet that follows.
            let room = LIMIT.saturating_sub(self.col);
            if room == 0 && is_plain(next) {
                self.buf.push_str("\r\n ");
                self.col = 1;
                continue;
            }
            let mut next = next;
            let n = plain_prefix(&bytes[i..bytes.len().min(i + room)]);
            if n > 0 {
                self.buf.push_str(&value[i..i + n]);
                self.col += n;
                i += n;
                // The run ends at the end of the value, at the end of the
                // line (fold before a plain octet), or before an octet that
                // is not plain (written next).
                let Some(&after) = bytes.get(i) else {
                    break;
                };
                if is_plain(after) {
                    self.buf.push_str("\r\n ");
                    self.col = 1;
                    continue;
                }
                next = after;
            }
            // An octet that is not plain: an escape, a control character,
            // or the start of a non-ASCII character.
            if next.is_ascii() {
                i += 1;
                match next {
                    b'\\' => self.unit("\\\\"),
                    b';' => self.unit("\\;"),
                    b',' => self.unit("\\,"),
                    b'\r' | b'\n' if multiline => {
                        if next == b'\r' && bytes.get(i) == Some(&b'\n') {
                            i += 1;
                        }
                        self.unit("\\n");
                    }
                    // The other ASCII control characters (C0 and DEL).
                    _ => self.unit(" "),
                }
                continue;
            }
            let Some(c) = value[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            match c {
                '\u{2028}' | '\u{2029}' if multiline => self.unit("\\n"),
                c if c.is_control() || is_line_separator(c) => self.unit(" "),
                c if is_bidi_control(c) => {}
                c => self.unit(c.encode_utf8(&mut b)),
            }
        }
    }

    /// Appends printable ASCII (any split is a character boundary),
    /// folding as needed.
    #[inline]
    fn ascii_run(&mut self, mut s: &str) {
        while !s.is_empty() {
            let room = LIMIT - self.col;
            if room == 0 {
                self.buf.push_str("\r\n ");
                self.col = 1;
                continue;
            }
            let take = room.min(s.len());
            self.buf.push_str(&s[..take]);
            self.col += take;
            s = &s[take..];
        }
    }

    /// A whole line of ASCII that needs no escaping (`STATUS:CONFIRMED`).
    pub(crate) fn line(&mut self, line: &str) {
        self.raw(line);
        self.end_line();
    }

    /// Appends part of a single-line TEXT value after [`Writer::start`]:
    /// the parts read as one value, escaped and folded as if joined (a
    /// single-line value has no escape that spans two characters).
    pub(crate) fn text_part(&mut self, value: &str) {
        self.text_units(value, false);
    }

    /// Ends a value written in parts.
    pub(crate) fn end_value(&mut self) {
        self.end_line();
    }

    /// `NAME:text` (single-line TEXT).
    pub(crate) fn text(&mut self, name: &str, value: &str) {
        self.start(name, &[]);
        self.value_text(value, false);
    }

    /// `NAME:text` with line breaks kept as `\n` (DESCRIPTION).
    pub(crate) fn text_multiline(&mut self, name: &str, value: &str) {
        self.start(name, &[]);
        self.value_text(value, true);
    }

    /// `NAME:a,b,c` (a list of TEXT values, each escaped).
    pub(crate) fn text_list(&mut self, name: &str, values: &[&str]) {
        self.start(name, &[]);
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.unit(",");
            }
            self.text_units(v, false);
        }
        self.end_line();
    }
}

/// Printable ASCII that TEXT values carry as is.
#[inline]
fn is_plain(b: u8) -> bool {
    (0x20..0x7f).contains(&b) && !matches!(b, b'\\' | b';' | b',')
}

/// How many of the leading octets of `b` are plain ([`is_plain`]), eight
/// at a time.
#[inline]
fn plain_prefix(b: &[u8]) -> usize {
    let mut chunks = b.chunks_exact(8);
    let mut n = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let special = special_octets(u64::from_le_bytes(word));
        if special != 0 {
            return n + (special.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + chunks
        .remainder()
        .iter()
        .take_while(|b| is_plain(**b))
        .count()
}

/// The high bit of each octet of `x` (little-endian) that is not plain:
/// below 0x20, 0x7f and above, `\`, `;` or `,`. Octets after the first such
/// one may be marked too (borrows carry upwards), so only the lowest mark
/// is exact; it is the only one read.
#[inline]
fn special_octets(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Octets equal to zero in `v`, high bit clear (exact up to the first).
    let zero = |v: u64| v.wrapping_sub(ONES) & !v;
    // Below 0x20: the subtraction wraps; 0x7f: the addition reaches 0x80;
    // 0x80 and above: the octet's own high bit. A borrow or carry comes
    // only out of an octet that is marked itself.
    let outside = x.wrapping_sub(ONES * 0x20) | x.wrapping_add(ONES) | x;
    (outside
        | zero(x ^ (ONES * u64::from(b'\\')))
        | zero(x ^ (ONES * u64::from(b';')))
        | zero(x ^ (ONES * u64::from(b','))))
        & HIGH
}

/// Unicode LINE SEPARATOR and PARAGRAPH SEPARATOR: some clients break lines
/// at them, so they are line breaks (or spaces) like CR and LF.
fn is_line_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// Bidirectional embedding, override and isolate controls (U+202A-U+202E,
/// U+2066-U+2069). They reorder how the rest of a line is displayed, so a
/// title could show a different date or name than it holds ("Trojan
/// Source", CVE-2021-42574); text values never carry them. The implicit
/// marks U+200E, U+200F and U+061C are kept: they only set the direction of
/// neighbouring neutral characters, cannot hide or reorder text, and names
/// that mix Hebrew or Arabic with Latin letters and digits need them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// What a title reads back as once written into a feed: control characters
/// and U+2028/U+2029 become spaces, bidi embedding, override and isolate
/// controls (U+202A-U+202E, U+2066-U+2069) are removed. Exposed so callers
/// and tests can compare.
///
/// # Example
/// ```
/// use docket::ical::sanitize_line;
/// assert_eq!(sanitize_line("Reply\u{2028}brief\u{202E}fdp.exe"), "Reply brieffdp.exe");
/// ```
pub fn sanitize_line(s: &str) -> String {
    s.chars()
        .filter(|c| !is_bidi_control(*c))
        .map(|c| {
            if c.is_control() || is_line_separator(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<&str> {
        s.split("\r\n").filter(|l| !l.is_empty()).collect()
    }

    #[test]
    fn escapes_text_and_strips_controls() {
        let mut w = Writer::default();
        w.text("SUMMARY", "a;b,c\\d\r\nBEGIN:VEVENT\u{7}");
        let out = w.finish();
        assert_eq!(out, "SUMMARY:a\\;b\\,c\\\\d  BEGIN:VEVENT \r\n");
        let mut w = Writer::default();
        w.text_multiline("DESCRIPTION", "one\r\ntwo\nthree\rfour");
        assert_eq!(w.finish(), "DESCRIPTION:one\\ntwo\\nthree\\nfour\r\n");
    }

    #[test]
    fn line_separators_and_bidi_controls() {
        let mut w = Writer::default();
        w.text("SUMMARY", "a\u{2028}b\u{2029}c\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}d\u{2066}\u{2067}\u{2068}\u{2069}e\u{200E}\u{200F}\u{61C}f\u{85}g");
        assert_eq!(w.finish(), "SUMMARY:a b cde\u{200E}\u{200F}\u{61C}f g\r\n");
        let mut w = Writer::default();
        w.text_multiline("DESCRIPTION", "one\u{2028}two\u{2029}three\u{202E}");
        assert_eq!(w.finish(), "DESCRIPTION:one\\ntwo\\nthree\r\n");
        let mut w = Writer::default();
        w.text_list("CATEGORIES", &["p\u{2028}q", "\u{2067}r"]);
        assert_eq!(w.finish(), "CATEGORIES:p q,r\r\n");
        let mut w = Writer::default();
        w.start("X-A", &[("CN", "Doe\u{2028}\u{202E}Esq")]);
        w.value_raw("1");
        assert_eq!(w.finish(), "X-A;CN=DoeEsq:1\r\n");
        // sanitize_line says what a single-line value reads back as.
        let s = "a\u{2028}b\u{2029}c\u{202A}\u{202E}d\u{2066}\u{2069}e\u{200E}\r\n\u{7}";
        assert_eq!(sanitize_line(s), "a b cde\u{200E}   ");
    }

    #[test]
    fn quotes_parameters() {
        let mut w = Writer::default();
        w.start("X-A", &[("CN", "Doe, John: \"Esq\"\r\n")]);
        w.value_raw("1");
        assert_eq!(w.finish(), "X-A;CN=\"Doe, John: Esq\":1\r\n");
    }

    /// Escapes and folds a TEXT value one character at a time, as the
    /// writer did before it copied plain runs whole: the reference the
    /// writer must match.
    fn reference_text(start_col: usize, value: &str, multiline: bool) -> String {
        let mut out = String::new();
        let mut col = start_col;
        let mut unit = |out: &mut String, s: &str| {
            if col + s.len() > LIMIT {
                out.push_str("\r\n ");
                col = 1;
            }
            out.push_str(s);
            col += s.len();
        };
        let mut chars = value.chars().peekable();
        let mut b = [0u8; 4];
        while let Some(c) = chars.next() {
            match c {
                '\\' => unit(&mut out, "\\\\"),
                ';' => unit(&mut out, "\\;"),
                ',' => unit(&mut out, "\\,"),
                '\r' | '\n' if multiline => {
                    if c == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    unit(&mut out, "\\n");
                }
                '\u{2028}' | '\u{2029}' if multiline => unit(&mut out, "\\n"),
                c if c.is_control() || is_line_separator(c) => unit(&mut out, " "),
                c if is_bidi_control(c) => {}
                c => unit(&mut out, c.encode_utf8(&mut b)),
            }
        }
        out
    }

    #[test]
    fn plain_prefix_matches_is_plain_for_every_octet_and_position() {
        for octet in 0..=255u8 {
            for at in 0..20 {
                let mut v = vec![b'a'; 20];
                v[at] = octet;
                let expected = if is_plain(octet) { 20 } else { at };
                assert_eq!(plain_prefix(&v), expected, "octet {octet:#x} at {at}");
                // Whatever follows the first special octet.
                v[(at + 1).min(19)] = 0x00;
                let expected = v.iter().take_while(|b| is_plain(**b)).count();
                assert_eq!(plain_prefix(&v), expected, "octet {octet:#x} at {at}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_lowest_mark_is_the_first_octet_that_is_not_plain(
            // Mostly printable ASCII, so that the first special octet falls
            // anywhere in the word.
            word in proptest::array::uniform8(proptest::prop_oneof![
                12 => 0x20u8..0x7f,
                1 => proptest::num::u8::ANY,
            ])
        ) {
            let marks = special_octets(u64::from_le_bytes(word));
            let first = word.iter().position(|b| !is_plain(*b));
            let lowest = (marks != 0).then(|| (marks.trailing_zeros() / 8) as usize);
            proptest::prop_assert_eq!(lowest, first);
        }

        #[test]
        fn text_is_escaped_and_folded_as_one_character_at_a_time(
            prefix in 0usize..80,
            value in "[a-z ,;\\\\\r\n\t\u{7f}\u{85}\u{2028}\u{202e}\u{200f}é€😀]{0,200}",
            multiline in proptest::bool::ANY,
        ) {
            // A property name of `prefix` octets puts the value anywhere on
            // the line.
            let name = "X".repeat(prefix.max(1));
            let mut w = Writer::default();
            w.start(&name, &[]);
            let col = w.col;
            let before = w.buf.len();
            w.value_text(&value, multiline);
            let out = w.finish();
            let expected = reference_text(col, &value, multiline) + "\r\n";
            proptest::prop_assert_eq!(&out[before..], expected.as_str());
            // Written in parts, a single-line value reads the same.
            if !multiline {
                let mut w = Writer::default();
                w.start(&name, &[]);
                let (a, b) = value.split_at(value.char_indices().nth(value.chars().count() / 2).map_or(0, |(i, _)| i));
                w.text_part(a);
                w.text_part(b);
                w.end_value();
                proptest::prop_assert_eq!(&w.finish()[before..], expected.as_str());
            }
        }
    }

    #[test]
    fn folds_at_75_octets_without_splitting_chars_or_escapes() {
        let title: String = "é\\n;".repeat(60);
        let mut w = Writer::default();
        w.text_multiline("DESCRIPTION", &title);
        let out = w.finish();
        for l in lines(&out) {
            assert!(l.len() <= 75, "{} octets: {l:?}", l.len());
            // No line ends in a lone backslash (a split escape).
            let trailing = l.chars().rev().take_while(|c| *c == '\\').count();
            assert_eq!(trailing % 2, 0, "split escape at end of {l:?}");
        }
        // Unfolding restores the escaped text exactly.
        let unfolded = out.replace("\r\n ", "");
        assert!(unfolded.starts_with("DESCRIPTION:é\\\\n\\;é"));
        assert_eq!(unfolded.matches("é").count(), 60);
    }
}
