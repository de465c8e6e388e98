//! The VEVENT of a deadline: an all-day item on the due date whose
//! DESCRIPTION says by what time it is due and how it was computed, with a
//! VALARM per reminder while it is open.

use chrono::{NaiveDateTime, NaiveTime};

use super::dates::{next_day, weekday};
use super::vevent::{
    begin_summary, party_name, push_joined, push_who, write_categories, Buffers, Shared,
};
use super::write::Writer;
use crate::docket::date_text::{push_date, push_hour_minute, push_ymd};
use crate::docket::{Deadline, DeadlineStatus};

/// The all-day dates, SUMMARY, DESCRIPTION, CATEGORIES, TRANSP, STATUS and
/// reminders of a deadline.
pub(super) fn write_deadline<'c>(
    w: &mut Writer<'_>,
    s: &Shared<'c>,
    b: &mut Buffers<'c>,
    dl: &'c Deadline,
    stem: &str,
    occurrence: Option<&str>,
) {
    b.date.clear();
    push_ymd(&mut b.date, dl.due, None);
    w.plain("DTSTART;VALUE=DATE", &b.date);
    b.date.clear();
    push_ymd(&mut b.date, next_day(dl.due), None);
    w.plain("DTEND;VALUE=DATE", &b.date);
    b.names
        .extend(dl.parties.iter().map(|id| party_name(s.d, id)));
    begin_summary(&mut b.summary, s.case_label.as_deref());
    b.summary.push_str("Due: ");
    b.summary.push_str(&dl.title);
    if !b.names.is_empty() {
        b.summary.push_str(" (");
        push_joined(&mut b.summary, &b.names, ", ");
        b.summary.push(')');
    }
    w.text("SUMMARY", &b.summary);
    deadline_description(&mut b.desc, s, dl, &b.names, stem, occurrence);
    w.text_multiline("DESCRIPTION", &b.desc);
    write_categories(w, &b.names);
    w.line("TRANSP:TRANSPARENT");
    let cancelled = dl.status == DeadlineStatus::Vacated;
    w.line(if cancelled {
        "STATUS:CANCELLED"
    } else {
        "STATUS:CONFIRMED"
    });
    if !cancelled && dl.status == DeadlineStatus::Open {
        write_alarms(w, &s.alarms, &b.summary);
    }
}

/// A deadline's DESCRIPTION: the case, the due date and by what time, the
/// status, a later reading, the rule, who, how it was computed, the
/// changes, and the id.
fn deadline_description(
    desc: &mut String,
    s: &Shared<'_>,
    dl: &Deadline,
    names: &[&str],
    stem: &str,
    occurrence: Option<&str>,
) {
    desc.clear();
    desc.push_str(&s.header);
    desc.push_str("\nDue ");
    push_date(desc, dl.due);
    desc.push_str(" (");
    desc.push_str(weekday(dl.due));
    desc.push(')');
    push_due_time(desc, dl.at, s.c.cutoff, s.c.tz.name());
    desc.push_str("\nStatus: ");
    desc.push_str(dl.status.as_str());
    if let Some(f) = dl.filed {
        desc.push_str(" (filed ");
        push_date(desc, f);
        desc.push(')');
    }
    if let (Some(l), Some(r)) = (dl.latest, &dl.latest_reason) {
        desc.push_str("\nLater reading: ");
        push_date(desc, l);
        desc.push_str(" (");
        desc.push_str(r.as_str());
        desc.push_str("). Due shows the earliest safe date.");
    }
    if let Some(cite) = &dl.cite {
        desc.push_str("\nImposed by: ");
        desc.push_str(cite);
    }
    push_who(desc, names);
    if !dl.explain.is_empty() {
        desc.push_str("\nHow it was computed:");
        for s in dl.explain.iter().filter(|s| !s.starts_with("imposed by ")) {
            desc.push_str("\n- ");
            desc.push_str(s);
        }
    }
    for ch in dl.changes.iter() {
        desc.push_str("\nChanged on ");
        push_date(desc, ch.on);
        desc.push_str(": ");
        desc.push_str(&ch.by);
    }
    desc.push_str("\nId: ");
    desc.push_str(stem);
    if let Some(n) = occurrence {
        desc.push('/');
        desc.push_str(n);
    }
}

/// By what time on the last day a deadline is due: the time a period in
/// hours ends at, else the court's filing cutoff, else midnight.
#[inline]
fn push_due_time(
    desc: &mut String,
    at: Option<NaiveDateTime>,
    cutoff: Option<NaiveTime>,
    zone: &str,
) {
    match (at, cutoff) {
        (Some(at), _) => {
            desc.push_str(", by ");
            push_hour_minute(desc, at.time());
            desc.push(' ');
            desc.push_str(zone);
            desc.push_str(" (a period in hours)");
        }
        (None, Some(t)) => {
            desc.push_str(", by ");
            push_hour_minute(desc, t);
            desc.push(' ');
            desc.push_str(zone);
            desc.push_str(" (court's filing cutoff)");
        }
        (None, None) => {
            desc.push_str(", by midnight ");
            desc.push_str(zone);
            desc.push_str(" for electronic filing");
        }
    }
}

/// One VALARM per reminder, each saying the deadline's SUMMARY and how
/// many days remain.
#[inline]
fn write_alarms(w: &mut Writer<'_>, alarms: &[(String, String)], summary: &str) {
    for (trigger, in_days) in alarms {
        w.begin("VALARM");
        w.line("ACTION:DISPLAY");
        w.plain("TRIGGER", trigger);
        w.start("DESCRIPTION", &[]);
        w.text_part(summary);
        w.text_part(in_days);
        w.end_value();
        w.end("VALARM");
    }
}
