//! The VEVENT of an event: all-day, or timed in the court's zone (or in
//! UTC), with its LOCATION.

use chrono::{NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

use super::dates::{next_day, stamp, ymd_in};
use super::vevent::{begin_summary, party_name, push_who, write_categories, Buffers, Shared};
use super::write::Writer;
use super::Feed;
use crate::docket::{EventEntry, EventStatus, Fold};

impl Feed<'_> {
    /// The dates, SUMMARY, DESCRIPTION, LOCATION, CATEGORIES and STATUS of
    /// an event.
    pub(super) fn write_event<'c>(
        &self,
        w: &mut Writer<'_>,
        s: &Shared<'c>,
        b: &mut Buffers<'c>,
        e: &'c EventEntry,
    ) {
        match e.at {
            Some(at) => self.timed(w, s.c.tz, at, e.ends, e.fold),
            None => {
                w.plain("DTSTART;VALUE=DATE", ymd_in(e.date, &mut [0u8; 8]));
                w.plain("DTEND;VALUE=DATE", ymd_in(next_day(e.date), &mut [0u8; 8]));
            }
        }
        begin_summary(&mut b.summary, s.case_label.as_deref());
        b.summary.push_str(&e.title);
        w.text("SUMMARY", &b.summary);
        b.names
            .extend(e.parties.iter().map(|id| party_name(s.d, id)));
        event_description(&mut b.desc, &s.header, e, &b.names);
        w.text_multiline("DESCRIPTION", &b.desc);
        if let Some(l) = &e.location {
            w.text("LOCATION", l);
        }
        write_categories(w, &b.names);
        w.line(match e.status {
            EventStatus::Cancelled => "STATUS:CANCELLED",
            _ => "STATUS:CONFIRMED",
        });
    }

    /// DTSTART and DTEND of an event at `at` (until `ends`, else an hour
    /// later) in `tz`: with TZID, or in UTC.
    fn timed(
        &self,
        w: &mut Writer<'_>,
        tz: Tz,
        at: NaiveDateTime,
        ends: Option<NaiveTime>,
        fold: Option<Fold>,
    ) {
        // The moments the docket means: a local time that occurs twice is
        // the one its `fold` names (a checked docket has no time that does
        // not exist, nor one that occurs twice without a fold). Without an
        // end, the event lasts an hour of real time.
        let start = crate::docket::resolve_local(tz, at, fold).ok();
        let end = match ends {
            Some(t) if t > at.time() => at.date().and_time(t),
            _ => at + chrono::Duration::hours(1),
        };
        let end_moment = match (ends, start) {
            (Some(t), _) if t > at.time() => crate::docket::resolve_local(tz, end, fold).ok(),
            (_, Some(s)) => Some(s + chrono::Duration::hours(1)),
            _ => None,
        };
        for (name, t, moment) in [("DTSTART", at, start), ("DTEND", end, end_moment)] {
            // A local time with TZID means the first of two (RFC 5545
            // 3.3.5): the second is written in UTC.
            let second = moment.is_some_and(|m| {
                tz.from_local_datetime(&m.naive_local())
                    .earliest()
                    .is_some_and(|first| first != m)
            });
            if self.opts.utc_times || second {
                // In a spring-forward gap the wall time does not exist: use
                // the offset in force just before it.
                let hour = chrono::Duration::hours(1);
                let utc = moment
                    .map(|x| x.naive_utc())
                    .or_else(|| {
                        tz.from_local_datetime(&(t - hour))
                            .earliest()
                            .map(|x| x.naive_utc() + hour)
                    })
                    .unwrap_or(t);
                w.plain(name, &stamp(utc));
            } else {
                let local = moment.map_or(t, |m| m.naive_local());
                w.start(name, &[("TZID", tz.name())]);
                w.value_raw(&local.format("%Y%m%dT%H%M%S").to_string());
            }
        }
    }
}

/// An event's DESCRIPTION: the case, who, how its date was found, and the
/// id.
fn event_description(desc: &mut String, header: &str, e: &EventEntry, names: &[&str]) {
    desc.clear();
    desc.push_str(header);
    push_who(desc, names);
    for s in e.explain.iter() {
        desc.push_str("\n- ");
        desc.push_str(s);
    }
    desc.push_str("\nId: ");
    desc.push_str(&e.id);
}
