//! Building dockets in code: constructors and chainable setters for the
//! model's values (each also has `Default`, for struct update syntax).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::model::{
    Case, Docket, Event, EventStatus, Fold, Obligation, ObligationStatus, Party, Relative, Repeat,
    Until, When,
};
use crate::compute::{Direction, Period, Roll, Service};

impl Docket {
    /// An empty docket for `case` (add its court or calendar, parties,
    /// events and obligations).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use docket::docket::{parse_local_datetime, Case, Docket, Event, Obligation, Relative, Repeat, ScheduleOptions};
    /// use docket::Period;
    ///
    /// let date = |s: &str| s.parse::<NaiveDate>().unwrap();
    /// let docket = Docket::new(Case::new("demo").court("nysb").number("25-10001"))
    ///     .party("debtors", "The Debtors")
    ///     .event("hearing", Event::at("Hearing", parse_local_datetime("2025-03-03T10:00")?).location("Courtroom 501"))
    ///     .obligation(
    ///         "objection",
    ///         Obligation::relative("Objection deadline", Relative::before(Period::days(7), "hearing"))
    ///             .party("debtors"),
    ///     )
    ///     .obligation(
    ///         "report",
    ///         Obligation::recurring("Status report", date("2025-01-15"), Repeat::every(Period::months(1)).count(3)),
    ///     );
    /// let schedule = docket.schedule(&ScheduleOptions::new())?;
    /// let due: Vec<String> = schedule.deadlines.iter().map(|d| format!("{} {}", d.id, d.due)).collect();
    /// assert_eq!(due, [
    ///     "demo/report/1 2025-01-15",
    ///     "demo/report/2 2025-02-15", // a grid set by order: due as set, even on a Saturday
    ///     "demo/objection/1 2025-02-24",
    ///     "demo/report/3 2025-03-15",
    /// ]);
    /// // The next court day is a later reading (question `fixed-date-roll`).
    /// assert_eq!(schedule.deadlines[1].readings[0].date.to_string(), "2025-02-18");
    /// # Ok::<(), docket::Error>(())
    /// ```
    pub fn new(case: Case) -> Docket {
        Docket {
            case,
            ..Docket::default()
        }
    }

    /// The docket with a party (`[parties.<id>]`).
    pub fn party(mut self, id: impl Into<String>, name: impl Into<String>) -> Docket {
        self.parties.insert(id.into(), Party::new(name));
        self
    }

    /// The docket with an event (`[events.<id>]`; one of the same id is
    /// replaced).
    pub fn event(mut self, id: impl Into<String>, event: Event) -> Docket {
        self.events.insert(id.into(), event);
        self
    }

    /// The docket with an obligation (`[obligations.<id>]`; one of the same
    /// id is replaced).
    pub fn obligation(mut self, id: impl Into<String>, obligation: Obligation) -> Docket {
        self.obligations.insert(id.into(), obligation);
        self
    }
}

impl Case {
    /// A case with its id (a slug: part of every deadline id and UID).
    ///
    /// ```
    /// use docket::docket::Case;
    ///
    /// let case = Case::new("lexington").court("nysb").number("08-11153-MG").judge("Hon. Martin Glenn");
    /// assert_eq!(case.court.as_deref(), Some("nysb"));
    /// ```
    pub fn new(id: impl Into<String>) -> Case {
        Case {
            id: id.into(),
            ..Case::default()
        }
    }

    /// The built-in court (`nysb`).
    pub fn court(mut self, court: impl Into<String>) -> Case {
        self.court = Some(court.into());
        self
    }

    /// The case number.
    pub fn number(mut self, number: impl Into<String>) -> Case {
        self.number = Some(number.into());
        self
    }

    /// The caption.
    pub fn caption(mut self, caption: impl Into<String>) -> Case {
        self.caption = Some(caption.into());
        self
    }

    /// The judge.
    pub fn judge(mut self, judge: impl Into<String>) -> Case {
        self.judge = Some(judge.into());
        self
    }
}

impl Party {
    /// A party with its name.
    pub fn new(name: impl Into<String>) -> Party {
        Party { name: name.into() }
    }
}

impl From<NaiveDate> for When {
    fn from(d: NaiveDate) -> When {
        When::Date(d)
    }
}

impl From<Relative> for When {
    fn from(r: Relative) -> When {
        When::Relative(r)
    }
}

impl Event {
    /// An event on a day (untimed).
    ///
    /// ```
    /// use docket::docket::{Event, EventStatus};
    ///
    /// let e = Event::on("Status conference", "2025-03-03".parse().unwrap())
    ///     .party("debtors")
    ///     .status(EventStatus::Held);
    /// assert_eq!(e.parties, ["debtors"]);
    /// ```
    pub fn on(title: impl Into<String>, date: NaiveDate) -> Event {
        Event::when(title, When::Date(date))
    }

    /// An event at a local date-time at the court.
    ///
    /// ```
    /// use docket::docket::{parse_local_datetime, Event};
    ///
    /// let e = Event::at("Hearing", parse_local_datetime("2025-03-03T10:00")?)
    ///     .ends("12:00".parse().unwrap())
    ///     .location("Courtroom 501");
    /// assert_eq!(e.at.unwrap().to_string(), "2025-03-03 10:00:00");
    /// # Ok::<(), docket::Error>(())
    /// ```
    pub fn at(title: impl Into<String>, at: NaiveDateTime) -> Event {
        Event {
            title: title.into(),
            at: Some(at),
            ..Event::default()
        }
    }

    /// An event on a day given as a date or counted from another item.
    ///
    /// ```
    /// use docket::docket::{Event, Relative};
    /// use docket::Period;
    ///
    /// let e = Event::when("Reply hearing", Relative::after(Period::days(21), "hearing"));
    /// assert!(e.date.is_some());
    /// ```
    pub fn when(title: impl Into<String>, date: impl Into<When>) -> Event {
        Event {
            title: title.into(),
            date: Some(date.into()),
            ..Event::default()
        }
    }

    /// When it ends (a timed event).
    pub fn ends(mut self, ends: NaiveTime) -> Event {
        self.ends = Some(ends);
        self
    }

    /// Where it happens.
    pub fn location(mut self, location: impl Into<String>) -> Event {
        self.location = Some(location.into());
        self
    }

    /// A party taking part (a `[parties]` id), after those already listed.
    pub fn party(mut self, id: impl Into<String>) -> Event {
        self.parties.push(id.into());
        self
    }

    /// Scheduled, held or cancelled.
    pub fn status(mut self, status: EventStatus) -> Event {
        self.status = status;
        self
    }

    /// Which moment `at` means when the local time occurs twice.
    pub fn fold(mut self, fold: Fold) -> Event {
        self.fold = Some(fold);
        self
    }

    /// A set of rules whose deadlines the event brings (`post-judgment`).
    pub fn rules(mut self, set: impl Into<String>) -> Event {
        self.rules = Some(set.into());
        self
    }

    /// The first date set for the event, when it was continued before.
    pub fn first_set(mut self, date: NaiveDate) -> Event {
        self.first_set = Some(date);
        self
    }
}

impl Obligation {
    /// A one-off obligation due on a date set by order (not computed, never
    /// rolled).
    ///
    /// ```
    /// use docket::docket::Obligation;
    ///
    /// let o = Obligation::due_on("Bullet summary", "2009-04-22".parse().unwrap())
    ///     .party("debtors")
    ///     .cite("Order (Dkt. 12)");
    /// assert_eq!(o.cite.as_deref(), Some("Order (Dkt. 12)"));
    /// ```
    pub fn due_on(title: impl Into<String>, date: NaiveDate) -> Obligation {
        Obligation::due(title, When::Date(date))
    }

    /// A one-off obligation due a period after or before another item,
    /// computed under the court's rule.
    ///
    /// ```
    /// use docket::docket::{Obligation, Relative};
    /// use docket::{Period, Service};
    ///
    /// let o = Obligation::relative(
    ///     "Response",
    ///     Relative::after(Period::days(14), "motion").service(Service::Mail),
    /// );
    /// assert!(o.due.is_some());
    /// ```
    pub fn relative(title: impl Into<String>, due: Relative) -> Obligation {
        Obligation::due(title, When::Relative(due))
    }

    /// A one-off obligation due on a date or a computed date.
    pub fn due(title: impl Into<String>, due: impl Into<When>) -> Obligation {
        Obligation {
            title: title.into(),
            due: Some(due.into()),
            ..Obligation::default()
        }
    }

    /// A recurring duty: its first due date and how it repeats.
    ///
    /// ```
    /// use docket::docket::{Obligation, Repeat};
    /// use docket::Period;
    ///
    /// let o = Obligation::recurring(
    ///     "Monthly operating report",
    ///     "2025-01-21".parse::<chrono::NaiveDate>().unwrap(),
    ///     Repeat::every(Period::months(1)).count(12),
    /// );
    /// assert_eq!(o.repeat.and_then(|r| r.count), Some(12));
    /// ```
    pub fn recurring(
        title: impl Into<String>,
        first_due: impl Into<When>,
        repeat: Repeat,
    ) -> Obligation {
        Obligation {
            title: title.into(),
            first_due: Some(first_due.into()),
            repeat: Some(repeat),
            ..Obligation::default()
        }
    }

    /// A party who must do it (a `[parties]` id), after those already listed.
    pub fn party(mut self, id: impl Into<String>) -> Obligation {
        self.parties.push(id.into());
        self
    }

    /// The rule or order that imposes it.
    pub fn cite(mut self, cite: impl Into<String>) -> Obligation {
        self.cite = Some(cite.into());
        self
    }

    /// A filing made on `date` (kept in date order).
    pub fn filed_on(mut self, date: NaiveDate) -> Obligation {
        let pos = self.filed.partition_point(|d| *d <= date);
        self.filed.insert(pos, date);
        self
    }

    /// In force or vacated.
    pub fn status(mut self, status: ObligationStatus) -> Obligation {
        self.status = status;
        self
    }
}

impl Relative {
    /// `period` after `reference` (an event or obligation id).
    pub fn after(period: Period, reference: impl Into<String>) -> Relative {
        Relative::new(period, Direction::After, reference)
    }

    /// `period` before `reference` (an event or obligation id).
    pub fn before(period: Period, reference: impl Into<String>) -> Relative {
        Relative::new(period, Direction::Before, reference)
    }

    /// The service method whose days are added.
    pub fn service(mut self, service: Service) -> Relative {
        self.service = Some(service);
        self
    }

    /// A roll other than the rule's.
    pub fn roll(mut self, roll: Roll) -> Relative {
        self.roll = Some(roll);
        self
    }

    /// Counted from this occurrence of a recurring reference only.
    pub fn occurrence(mut self, n: u32) -> Relative {
        self.occurrence = Some(n);
        self
    }
}

impl Repeat {
    /// Every `period` (`2 weeks`, `1 month`) from the first due date.
    pub fn every(period: Period) -> Repeat {
        Repeat {
            every: Some(period),
            ..Repeat::default()
        }
    }

    /// By an RFC 5545 recurrence rule (`FREQ=WEEKLY;INTERVAL=2`), its
    /// DTSTART being the first due date.
    pub fn rrule(rule: impl Into<String>) -> Repeat {
        Repeat {
            rrule: Some(rule.into()),
            ..Repeat::default()
        }
    }

    /// At most `n` occurrences.
    pub fn count(mut self, n: u32) -> Repeat {
        self.count = Some(n);
        self
    }

    /// No occurrence after a date or after an event's day.
    pub fn until(mut self, until: Until) -> Repeat {
        self.until = Some(until);
        self
    }
}
