//! State legal holidays from statute (FRCP 6(a)(6)(C), FRBP 9006(a)(6)(C),
//! FRAP 26(a)(6)(C)), each with its citation and the years it is in force.
//!
//! Days the federal list already covers are repeated here when the state's
//! statute lists them, so a state calendar is complete on its own; a day that
//! is both federal and state counts as federal (in every direction).

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::holiday::{HolidayRule, Observance, Scope, When};
use crate::error::{Error, Result};

/// A state, the District of Columbia, or a commonwealth or territory: each a
/// "state" under FRCP 81(d)(1)-(2) whose declared holidays count under
/// FRCP 6(a)(6)(C). Every state, DC, Puerto Rico, Guam, the Virgin Islands
/// and the Northern Mariana Islands (the territories with a federal district
/// court), and American Samoa.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[non_exhaustive]
pub enum State {
    /// New York.
    NY,
    /// Delaware.
    DE,
    /// New Jersey.
    NJ,
    /// Texas.
    TX,
    /// California.
    CA,
    /// Illinois.
    IL,
    /// Florida.
    FL,
    /// The District of Columbia.
    DC,
    /// Pennsylvania (seat of the Third Circuit's clerk).
    PA,
    /// Louisiana (seat of the Fifth Circuit's clerk).
    LA,
    /// Georgia (seat of the Eleventh Circuit's clerk).
    GA,
    /// Alaska.
    AK,
    /// Alabama.
    AL,
    /// Arkansas.
    AR,
    /// American Samoa (a territory with no federal district court; listed for completeness).
    AS,
    /// Arizona.
    AZ,
    /// Colorado.
    CO,
    /// Connecticut.
    CT,
    /// Guam (a territory).
    GU,
    /// Hawaii.
    HI,
    /// Iowa.
    IA,
    /// Idaho.
    ID,
    /// Indiana.
    IN,
    /// Kansas.
    KS,
    /// Kentucky.
    KY,
    /// Massachusetts.
    MA,
    /// Maryland.
    MD,
    /// Maine.
    ME,
    /// Michigan.
    MI,
    /// Minnesota.
    MN,
    /// Missouri.
    MO,
    /// The Northern Mariana Islands (a commonwealth).
    MP,
    /// Mississippi.
    MS,
    /// Montana.
    MT,
    /// North Carolina.
    NC,
    /// North Dakota.
    ND,
    /// Nebraska.
    NE,
    /// New Hampshire.
    NH,
    /// New Mexico.
    NM,
    /// Nevada.
    NV,
    /// Ohio.
    OH,
    /// Oklahoma.
    OK,
    /// Oregon.
    OR,
    /// Puerto Rico (a commonwealth).
    PR,
    /// Rhode Island.
    RI,
    /// South Carolina.
    SC,
    /// South Dakota.
    SD,
    /// Tennessee.
    TN,
    /// Utah.
    UT,
    /// Virginia.
    VA,
    /// The United States Virgin Islands (a territory).
    VI,
    /// Vermont.
    VT,
    /// Washington.
    WA,
    /// Wisconsin.
    WI,
    /// West Virginia.
    WV,
    /// Wyoming.
    WY,
}

impl State {
    /// Every state, DC and territory, the first 11 in the order the library
    /// first knew them, then the others by code.
    pub const ALL: [State; 56] = [
        State::NY,
        State::DE,
        State::NJ,
        State::TX,
        State::CA,
        State::IL,
        State::FL,
        State::DC,
        State::PA,
        State::LA,
        State::GA,
        State::AK,
        State::AL,
        State::AR,
        State::AS,
        State::AZ,
        State::CO,
        State::CT,
        State::GU,
        State::HI,
        State::IA,
        State::ID,
        State::IN,
        State::KS,
        State::KY,
        State::MA,
        State::MD,
        State::ME,
        State::MI,
        State::MN,
        State::MO,
        State::MP,
        State::MS,
        State::MT,
        State::NC,
        State::ND,
        State::NE,
        State::NH,
        State::NM,
        State::NV,
        State::OH,
        State::OK,
        State::OR,
        State::PR,
        State::RI,
        State::SC,
        State::SD,
        State::TN,
        State::UT,
        State::VA,
        State::VI,
        State::VT,
        State::WA,
        State::WI,
        State::WV,
        State::WY,
    ];

    /// The two-letter postal code.
    pub fn code(self) -> &'static str {
        match self {
            State::NY => "NY",
            State::DE => "DE",
            State::NJ => "NJ",
            State::TX => "TX",
            State::CA => "CA",
            State::IL => "IL",
            State::FL => "FL",
            State::DC => "DC",
            State::PA => "PA",
            State::LA => "LA",
            State::GA => "GA",
            State::AK => "AK",
            State::AL => "AL",
            State::AR => "AR",
            State::AS => "AS",
            State::AZ => "AZ",
            State::CO => "CO",
            State::CT => "CT",
            State::GU => "GU",
            State::HI => "HI",
            State::IA => "IA",
            State::ID => "ID",
            State::IN => "IN",
            State::KS => "KS",
            State::KY => "KY",
            State::MA => "MA",
            State::MD => "MD",
            State::ME => "ME",
            State::MI => "MI",
            State::MN => "MN",
            State::MO => "MO",
            State::MP => "MP",
            State::MS => "MS",
            State::MT => "MT",
            State::NC => "NC",
            State::ND => "ND",
            State::NE => "NE",
            State::NH => "NH",
            State::NM => "NM",
            State::NV => "NV",
            State::OH => "OH",
            State::OK => "OK",
            State::OR => "OR",
            State::PR => "PR",
            State::RI => "RI",
            State::SC => "SC",
            State::SD => "SD",
            State::TN => "TN",
            State::UT => "UT",
            State::VA => "VA",
            State::VI => "VI",
            State::VT => "VT",
            State::WA => "WA",
            State::WI => "WI",
            State::WV => "WV",
            State::WY => "WY",
        }
    }

    /// The state's name.
    pub fn name(self) -> &'static str {
        match self {
            State::NY => "New York",
            State::DE => "Delaware",
            State::NJ => "New Jersey",
            State::TX => "Texas",
            State::CA => "California",
            State::IL => "Illinois",
            State::FL => "Florida",
            State::DC => "the District of Columbia",
            State::PA => "Pennsylvania",
            State::LA => "Louisiana",
            State::GA => "Georgia",
            State::AK => "Alaska",
            State::AL => "Alabama",
            State::AR => "Arkansas",
            State::AS => "American Samoa",
            State::AZ => "Arizona",
            State::CO => "Colorado",
            State::CT => "Connecticut",
            State::GU => "Guam",
            State::HI => "Hawaii",
            State::IA => "Iowa",
            State::ID => "Idaho",
            State::IN => "Indiana",
            State::KS => "Kansas",
            State::KY => "Kentucky",
            State::MA => "Massachusetts",
            State::MD => "Maryland",
            State::ME => "Maine",
            State::MI => "Michigan",
            State::MN => "Minnesota",
            State::MO => "Missouri",
            State::MP => "the Northern Mariana Islands",
            State::MS => "Mississippi",
            State::MT => "Montana",
            State::NC => "North Carolina",
            State::ND => "North Dakota",
            State::NE => "Nebraska",
            State::NH => "New Hampshire",
            State::NM => "New Mexico",
            State::NV => "Nevada",
            State::OH => "Ohio",
            State::OK => "Oklahoma",
            State::OR => "Oregon",
            State::PR => "Puerto Rico",
            State::RI => "Rhode Island",
            State::SC => "South Carolina",
            State::SD => "South Dakota",
            State::TN => "Tennessee",
            State::UT => "Utah",
            State::VA => "Virginia",
            State::VI => "the Virgin Islands",
            State::VT => "Vermont",
            State::WA => "Washington",
            State::WI => "Wisconsin",
            State::WV => "West Virginia",
            State::WY => "Wyoming",
        }
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for State {
    type Err = Error;
    fn from_str(s: &str) -> Result<State> {
        State::ALL
            .into_iter()
            .find(|st| st.code().eq_ignore_ascii_case(s))
            .ok_or_else(|| Error::invalid(format!("unknown state \"{s}\"")))
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn fixed(name: &'static str, month: u32, day: u32, source: &'static str) -> HolidayRule {
    HolidayRule::new(name, When::Fixed { month, day }, Scope::State, source)
}

fn nth(
    name: &'static str,
    month: u32,
    weekday: Weekday,
    n: u32,
    source: &'static str,
) -> HolidayRule {
    HolidayRule::new(name, When::Nth { month, weekday, n }, Scope::State, source)
}

fn last(name: &'static str, month: u32, weekday: Weekday, source: &'static str) -> HolidayRule {
    HolidayRule::new(name, When::Last { month, weekday }, Scope::State, source)
}

/// A day a number of days from Easter Sunday (Good Friday is -2).
fn from_easter(name: &'static str, offset: i32, source: &'static str) -> HolidayRule {
    HolidayRule::new(name, When::Easter { offset }, Scope::State, source)
}

/// A day a number of days from the n-th weekday of a month (the day after
/// Thanksgiving is 1 day after the fourth Thursday of November).
fn after_nth(
    name: &'static str,
    month: u32,
    weekday: Weekday,
    n: u32,
    offset: i32,
    source: &'static str,
) -> HolidayRule {
    HolidayRule::new(
        name,
        When::NthOffset {
            month,
            weekday,
            n,
            offset,
        },
        Scope::State,
        source,
    )
}

/// The Tuesday after the first Monday of November.
fn election_day(name: &'static str, source: &'static str) -> HolidayRule {
    HolidayRule::new(name, When::ElectionDay, Scope::State, source)
}

/// The holidays a state's statutes declare.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use docket::calendar::{state_rules, State};
///
/// let ny = state_rules(State::NY);
/// let lincoln = ny.iter().find(|r| r.name == "Lincoln's Birthday").unwrap();
/// assert_eq!(lincoln.observed_in(2025), NaiveDate::from_ymd_opt(2025, 2, 12));
/// assert!(lincoln.source.contains("Gen. Constr. Law"));
/// ```
pub fn state_rules(state: State) -> Vec<HolidayRule> {
    match state {
        State::NY => new_york(),
        State::DE => delaware(),
        State::NJ => new_jersey(),
        State::TX => texas(),
        State::CA => california(),
        State::IL => illinois(),
        State::FL => florida(),
        State::DC => district_of_columbia(),
        State::PA => pennsylvania(),
        State::LA => louisiana(),
        State::GA => georgia(),
        // Holiday data for these comes from data/states/ (in progress).
        _ => Vec::new(),
    }
}

/// N.Y. Gen. Constr. Law s.24: a holiday falling on Sunday (except Flag Day)
/// is observed the Monday after; one falling on Saturday does not move.
fn new_york() -> Vec<HolidayRule> {
    const S: &str = "N.Y. Gen. Constr. Law s.24";
    use Observance::SundayToMonday as Sun;
    use Weekday::{Mon, Sun as Sunday, Thu};
    vec![
        fixed("New Year's Day", 1, 1, S).observed(Sun),
        nth("Dr. Martin Luther King, Jr. Day", 1, Mon, 3, S),
        fixed("Lincoln's Birthday", 2, 12, S).observed(Sun),
        nth("Washington's Birthday", 2, Mon, 3, S),
        last("Memorial Day", 5, Mon, S),
        // Always a Sunday, and expressly not moved to Monday.
        nth("Flag Day", 6, Sunday, 2, S),
        fixed(
            "Juneteenth",
            6,
            19,
            "N.Y. Gen. Constr. Law s.24 (as amended 2020, from 2021)",
        )
        .observed(Sun)
        .in_force_from(date(2021, 1, 1)),
        fixed("Independence Day", 7, 4, S).observed(Sun),
        nth("Labor Day", 9, Mon, 1, S),
        nth("Columbus Day", 10, Mon, 2, S),
        fixed("Veterans' Day", 11, 11, S).observed(Sun),
        HolidayRule::new("General Election Day", When::ElectionDay, Scope::State, S),
        nth("Thanksgiving Day", 11, Thu, 4, S),
        fixed("Christmas Day", 12, 25, S).observed(Sun),
    ]
}

/// Del. Code tit. 1, s.501: a holiday falling on Sunday is observed the
/// Monday after, one falling on Saturday the Friday before. Presidents' Day
/// and Columbus Day are not in the current list (both are federal anyway);
/// "Saturdays" are listed too but are weekend days already.
fn delaware() -> Vec<HolidayRule> {
    const S: &str = "Del. Code tit. 1, s.501(a)";
    use Observance::FridayOrMonday as FriMon;
    use Weekday::{Mon, Thu};
    vec![
        fixed("New Year's Day", 1, 1, S).observed(FriMon),
        nth("Martin Luther King, Jr. Day", 1, Mon, 3, S),
        from_easter("Good Friday", -2, S),
        last("Memorial Day", 5, Mon, "Del. Code tit. 1, s.501(b)"),
        // Added 2021-2022; the federal holiday covers 2021 either way.
        fixed("Juneteenth", 6, 19, "Del. Code tit. 1, s.501(a) (as amended)")
            .observed(FriMon)
            .in_force_from(date(2022, 1, 1)),
        fixed("Independence Day", 7, 4, S).observed(FriMon),
        nth("Labor Day", 9, Mon, 1, S),
        // "The day of the General Election as it biennially occurs" (even
        // years). Confirmed in force from 2008; earlier years not verified,
        // so left out (the safe side).
        election_day("General Election Day", S)
            .every_years(2, 0)
            .in_force_from(date(2008, 1, 1)),
        // Thursday after the general election, from noon, Sussex County only.
        after_nth("Return Day (Sussex County, after noon)", 11, Mon, 1, 3, S)
            .every_years(2, 0)
            .unsettled("state-holiday-open-offices", 
                "a half-day holiday in Sussex County only, so not a statewide holiday for a federal court",
            ),
        fixed("Veterans' Day", 11, 11, S).observed(FriMon),
        nth("Thanksgiving Day", 11, Thu, 4, S),
        after_nth("Day after Thanksgiving", 11, Thu, 4, 1, S),
        fixed("Christmas Day", 12, 25, S).observed(FriMon),
    ]
}

/// N.J.S.A. 36:1-1 (Sunday -> Monday, subsection b) and 36:1-1.2 (Saturday ->
/// the Friday before). The day after Thanksgiving is sometimes proclaimed for
/// the judiciary only, year by year, and is left out.
fn new_jersey() -> Vec<HolidayRule> {
    const S: &str = "N.J.S.A. 36:1-1, 36:1-1.2";
    use Observance::FridayOrMonday as FriMon;
    use Weekday::{Fri, Mon, Thu};
    vec![
        fixed("New Year's Day", 1, 1, S).observed(FriMon),
        nth("Martin Luther King's Birthday", 1, Mon, 3, S),
        fixed("Lincoln's Birthday", 2, 12, S)
            .observed(FriMon)
            .in_force_until(date(2008, 12, 31)),
        fixed("Lincoln's Birthday", 2, 12, "N.J.S.A. 36:1-1(a), (d)")
            .observed(FriMon)
            .in_force_from(date(2009, 1, 1))
            .unsettled("state-holiday-open-offices", 
                "still a legal holiday under 36:1-1(a), but 36:1-1(d) (P.L.2008, c.89) keeps state offices open on it",
            ),
        nth("Washington's Birthday (Presidents Day)", 2, Mon, 3, S),
        from_easter("Good Friday", -2, S),
        last("Memorial Day", 5, Mon, S),
        // New Jersey observes Juneteenth on the third Friday in June, not on
        // June 19 (P.L.2020; 11A:6-24.1(a)(6)).
        nth(
            "Juneteenth Day",
            6,
            Fri,
            3,
            "N.J.S.A. 36:1-1 (as amended 2020, from 2021); 11A:6-24.1",
        )
        .in_force_from(date(2021, 1, 1)),
        fixed("Independence Day", 7, 4, S).observed(FriMon),
        nth("Labor Day", 9, Mon, 1, S),
        nth("Columbus Day", 10, Mon, 2, S),
        // New Jersey holds a general election every November.
        election_day("General Election Day", S),
        fixed("Veterans' Day", 11, 11, S).observed(FriMon),
        nth("Thanksgiving Day", 11, Thu, 4, S),
        fixed("Christmas Day", 12, 25, S).observed(FriMon),
    ]
}

/// Tex. Gov't Code s.662.003. The statute has no weekend rule: a holiday on a
/// Saturday or Sunday is not moved (s.662.004(b) speaks of state holidays
/// "that fall on a Saturday or Sunday"), so every rule here is unshifted.
/// Rosh Hashanah and Yom Kippur (optional holidays, s.662.003(c)) follow the
/// Hebrew calendar, which `When` cannot express; they are left out.
fn texas() -> Vec<HolidayRule> {
    const NAT: &str = "Tex. Gov't Code s.662.003(a)";
    const ST: &str = "Tex. Gov't Code s.662.003(b)";
    const SKELETON: &str = "a Texas state holiday on which agencies must stay open with enough staff (Tex. Gov't Code s.662.004), so courts may not treat it as a legal holiday";
    const OPTIONAL: &str = "an optional holiday an employee may take in place of another (Tex. Gov't Code s.662.006); state offices stay open";
    use Weekday::{Mon, Thu};
    vec![
        fixed("New Year's Day", 1, 1, NAT),
        nth("Martin Luther King, Jr., Day", 1, Mon, 3, NAT),
        fixed("Confederate Heroes Day", 1, 19, ST)
            .unsettled("state-holiday-open-offices", SKELETON),
        nth("Presidents' Day", 2, Mon, 3, NAT),
        fixed("Texas Independence Day", 3, 2, ST).unsettled("state-holiday-open-offices", SKELETON),
        // Optional holiday added by S.B. 107 (76th Leg.), effective
        // September 1, 1999: first observed 2000-03-31.
        fixed("Cesar Chavez Day", 3, 31, "Tex. Gov't Code s.662.013")
            .in_force_from(date(1999, 9, 1))
            .unsettled("state-holiday-open-offices", OPTIONAL),
        from_easter("Good Friday", -2, "Tex. Gov't Code s.662.003(c)")
            .unsettled("state-holiday-open-offices", OPTIONAL),
        fixed("San Jacinto Day", 4, 21, ST).unsettled("state-holiday-open-offices", SKELETON),
        last("Memorial Day", 5, Mon, NAT),
        fixed("Emancipation Day in Texas", 6, 19, ST)
            .unsettled("state-holiday-open-offices", SKELETON),
        fixed("Independence Day", 7, 4, NAT),
        fixed("Lyndon Baines Johnson Day", 8, 27, ST)
            .unsettled("state-holiday-open-offices", SKELETON),
        nth("Labor Day", 9, Mon, 1, NAT),
        fixed("Veterans Day", 11, 11, NAT),
        nth("Thanksgiving Day", 11, Thu, 4, NAT),
        // State offices close on these three (s.662.004(b)).
        after_nth("Friday after Thanksgiving", 11, Thu, 4, 1, ST),
        fixed("Christmas Eve", 12, 24, ST),
        fixed("Christmas Day", 12, 25, NAT),
        fixed("Day after Christmas", 12, 26, ST),
    ]
}

/// Cal. Gov't Code s.6700, with s.6701's weekend rule: January 1, February 12,
/// March 31, July 4, September 9, November 11 and December 25 move from Sunday
/// to Monday, and November 11 also from Saturday to Friday; other Saturday
/// holidays do not move by statute (the Judicial Council may pick another day
/// under Cal. Civ. Proc. Code s.135). Lincoln Day stopped being a paid day for
/// state employees in 2009 but is still in s.6700 and a judicial holiday.
/// Lunar New Year (s.6700, from 2023) follows the lunar calendar, which `When`
/// cannot express, and is not a judicial holiday (s.135); it is left out.
fn california() -> Vec<HolidayRule> {
    const S: &str = "Cal. Gov't Code s.6700, s.6701";
    const J: &str = "Cal. Civ. Proc. Code s.135";
    use Observance::{FridayOrMonday as FriMon, SundayToMonday as Sun};
    use Weekday::{Fri, Mon, Thu};
    let mut v = vec![
        fixed("New Year's Day", 1, 1, S).observed(Sun),
        nth("Dr. Martin Luther King, Jr. Day", 1, Mon, 3, S),
        fixed("Lincoln Day", 2, 12, S).observed(Sun),
        nth("Washington's Birthday", 2, Mon, 3, S),
        // Added by Stats. 2000 (SB 984), first observed 2001.
        fixed("Cesar Chavez Day", 3, 31, S)
            .observed(Sun)
            .in_force_from(date(2001, 1, 1)),
        // Good Friday is a holiday only from noon until 3 p.m.
        from_easter("Good Friday (12 noon to 3 p.m.)", -2, "Cal. Gov't Code s.6700")
            .unsettled("state-holiday-open-offices", "a holiday only from noon to 3 p.m., not a full day; not a judicial holiday (Cal. Civ. Proc. Code s.135)"),
        fixed("Genocide Remembrance Day", 4, 24, "Cal. Gov't Code s.6700 (as amended 2022)")
            .in_force_from(date(2023, 1, 1))
            .unsettled("state-holiday-open-offices", "listed in s.6700 since 2023 but excepted from judicial holidays (Cal. Civ. Proc. Code s.135); state offices stay open"),
        last("Memorial Day", 5, Mon, S),
        // Added to s.6700 by 2022 legislation (year approximate); the federal
        // holiday covers June 19 anyway.
        fixed("Juneteenth", 6, 19, "Cal. Gov't Code s.6700 (as amended)")
            .in_force_from(date(2023, 1, 1)),
        fixed("Independence Day", 7, 4, S).observed(Sun),
        nth("Labor Day", 9, Mon, 1, S),
        fixed("Admission Day", 9, 9, S)
            .observed(Sun)
            .unsettled("state-holiday-open-offices", "a s.6700 holiday, but expressly not a judicial holiday (Cal. Civ. Proc. Code s.135) and state offices stay open"),
        // A judicial holiday under s.135: the Judicial Council's court holiday
        // schedules (2024-2026) list the courts closed on it.
        nth(
            "Native American Day",
            9,
            Fri,
            4,
            "Cal. Gov't Code s.6700 (as amended by AB 1973, 2014); Cal. Civ. Proc. Code s.135; \
             court holiday schedules of the Superior Courts (e.g. San Bernardino, Fresno, 2024-2026)",
        )
        .in_force_from(date(2015, 1, 1)),
        nth("Columbus Day", 10, Mon, 2, S),
        fixed("Veterans Day", 11, 11, S).observed(FriMon),
        // The Thursday appointed by the President (s.6700(a), s.135).
        nth("Thanksgiving Day", 11, Thu, 4, "Cal. Gov't Code s.6700; Cal. Civ. Proc. Code s.135"),
        after_nth("Day after Thanksgiving", 11, Thu, 4, 1, J),
        fixed("Christmas Day", 12, 25, S).observed(Sun),
    ];
    // A judicial holiday on a Saturday is observed by the courts on the
    // Friday before (Cal. R. Ct. 1.11; Cal. Civ. Proc. Code s.135); whether
    // that Friday is "declared a holiday by the state" is unsettled.
    let fridays: Vec<HolidayRule> = v
        .iter()
        .filter(|r| r.observed == Sun && !r.status.is_disputed())
        .map(|r| {
            let mut f = r.clone().observed(Observance::FridayIfSaturday);
            f.name = format!("{} (observed by the courts on the Friday before)", r.name).into();
            f.source = "Cal. R. Ct. 1.11; Cal. Civ. Proc. Code s.135".into();
            f.unsettled(
                "state-observed-day",
                "California's courts observe a Saturday holiday on the Friday before (Cal. R. Ct. \
                 1.11); the statute declares the Saturday",
            )
        })
        .collect();
    v.extend(fridays);
    v
}

/// 205 ILCS 630/17 (the holiday list courts use under 5 ILCS 70/1.11), with 5
/// ILCS 490 (State Commemorative Dates Act). Section 17 has no weekend rule,
/// and 5 ILCS 490/63 expressly does not move Juneteenth, so nothing here is
/// shifted (state offices' Friday/Monday practice is administrative). The day
/// after Thanksgiving is a state-employee day by contract, not statute, and is
/// left out.
fn illinois() -> Vec<HolidayRule> {
    const S: &str = "205 ILCS 630/17; 5 ILCS 490";
    const ELECTION: &str = "205 ILCS 630/17 lists general election days (as bank holidays); state offices closed only when a special act said so";
    use Weekday::{Mon, Thu};
    vec![
        fixed("New Year's Day", 1, 1, S),
        nth("Dr. Martin Luther King, Jr.'s Birthday", 1, Mon, 3, S),
        fixed("Lincoln's Birthday", 2, 12, S),
        nth("Presidents Day", 2, Mon, 3, S),
        nth("Casimir Pulaski's Birthday", 3, Mon, 1, S).unsettled("state-holiday-open-offices", 
            "a legal holiday under 205 ILCS 630/17, but state offices stay open (Chicago and Cook County offices close)",
        ),
        from_easter("Good Friday", -2, S).unsettled("state-holiday-open-offices", 
            "listed in 205 ILCS 630/17, but state offices stay open since Metzl v. Leininger, 57 F.3d 618 (7th Cir. 1995)",
        ),
        last("Memorial Day", 5, Mon, S),
        // P.A. 102-14 (2021). June 19, 2021 was a Saturday, so 2022 is the
        // first year it can matter.
        fixed(
            "Juneteenth National Freedom Day",
            6,
            19,
            "5 ILCS 490/63 (P.A. 102-14); 205 ILCS 630/17",
        )
        .in_force_from(date(2022, 1, 1)),
        fixed("Independence Day", 7, 4, S),
        nth("Labor Day", 9, Mon, 1, S),
        nth("Columbus Day", 10, Mon, 2, S),
        election_day("General Election Day", "205 ILCS 630/17")
            .every_years(2, 0)
            .in_force_until(date(2019, 12, 31))
            .unsettled("state-holiday-open-offices", ELECTION),
        HolidayRule::new(
            "General Election Day",
            When::Date {
                date: date(2020, 11, 3),
            },
            Scope::State,
            "5 ILCS 490 (P.A. 101-642)",
        ),
        HolidayRule::new(
            "General Election Day",
            When::Date {
                date: date(2022, 11, 8),
            },
            Scope::State,
            "5 ILCS 490 (P.A. 102-15)",
        ),
        election_day("General Election Day", "205 ILCS 630/17")
            .every_years(2, 0)
            .in_force_from(date(2023, 1, 1))
            .unsettled("state-holiday-open-offices", ELECTION),
        fixed("Veterans' Day", 11, 11, S),
        nth("Thanksgiving Day", 11, Thu, 4, S),
        fixed("Christmas Day", 12, 25, S),
    ]
}

/// Fla. Stat. s.683.01 names many "legal holidays" on which state offices and
/// courts stay open; the paid holidays on which they close are those of Fla.
/// Stat. s.110.117 (Saturday -> Friday, Sunday -> Monday). Days in both are
/// settled; days only in s.683.01 (Sunday -> Monday under s.683.01(2)) are
/// disputed. Gasparilla Day (Hillsborough) and DeSoto Day (Manatee) are
/// county-only days with no fixed rule and are left out; Juneteenth is only a
/// day of observance (s.683.21).
fn florida() -> Vec<HolidayRule> {
    const PAID: &str = "Fla. Stat. s.110.117(1); s.683.01";
    const L: &str = "Fla. Stat. s.683.01(1)";
    const ONLY_683: &str = "a s.683.01 legal holiday but not a paid holiday (s.110.117): state offices and courts stay open";
    use Observance::{FridayOrMonday as FriMon, SundayToMonday as Sun};
    use Weekday::{Mon, Thu};
    vec![
        fixed("New Year's Day", 1, 1, PAID).observed(FriMon),
        nth("Birthday of Martin Luther King, Jr.", 1, Mon, 3, "Fla. Stat. s.110.117(1)(b)"),
        // s.683.01(1)(c) still fixes it on January 15.
        fixed("Birthday of Martin Luther King, Jr. (January 15)", 1, 15, L)
            .observed(Sun)
            .unsettled("state-holiday-open-offices", ONLY_683),
        fixed("Birthday of Robert E. Lee", 1, 19, L).observed(Sun).unsettled("state-holiday-open-offices", ONLY_683),
        fixed("Lincoln's Birthday", 2, 12, L).observed(Sun).unsettled("state-holiday-open-offices", ONLY_683),
        fixed("Susan B. Anthony's Birthday", 2, 15, L).observed(Sun).unsettled("state-holiday-open-offices", ONLY_683),
        nth("Washington's Birthday", 2, Mon, 3, L).unsettled("state-holiday-open-offices", ONLY_683),
        nth("Tuskegee Airmen Commemoration Day", 3, Thu, 4, "Fla. Stat. s.683.01(1)(h) (ch. 2024-83)")
            .in_force_from(date(2024, 7, 1))
            .unsettled("state-holiday-open-offices", ONLY_683),
        from_easter("Good Friday", -2, "Fla. Stat. s.683.01(1); s.683.19").unsettled("state-holiday-open-offices", 
            "a s.683.01 legal holiday, but a court holiday only where the chief circuit judge designates it (s.683.19)",
        ),
        fixed("Pascua Florida Day", 4, 2, L).observed(Sun).unsettled("state-holiday-open-offices", ONLY_683),
        fixed("Confederate Memorial Day", 4, 26, L).observed(Sun).unsettled("state-holiday-open-offices", ONLY_683),
        last("Memorial Day", 5, Mon, PAID),
        fixed("Birthday of Jefferson Davis", 6, 3, L).observed(Sun).unsettled("state-holiday-open-offices", ONLY_683),
        fixed("Flag Day", 6, 14, L).observed(Sun).unsettled("state-holiday-open-offices", ONLY_683),
        fixed("Independence Day", 7, 4, PAID).observed(FriMon),
        nth("Labor Day", 9, Mon, 1, PAID),
        nth("Columbus Day and Farmers' Day", 10, Mon, 2, L).unsettled("state-holiday-open-offices", ONLY_683),
        election_day("General Election Day", L).unsettled("state-holiday-open-offices", ONLY_683),
        fixed("Veterans' Day", 11, 11, PAID).observed(FriMon),
        nth("Thanksgiving Day", 11, Thu, 4, PAID),
        after_nth("Friday after Thanksgiving", 11, Thu, 4, 1, "Fla. Stat. s.110.117(1)(h)"),
        fixed("Christmas Day", 12, 25, PAID).observed(FriMon),
        from_easter("Shrove Tuesday (Mardi Gras)", -47, L).unsettled("state-holiday-open-offices", 
            "a legal holiday only in counties with carnival associations, not statewide",
        ),
    ]
}

/// D.C. Code s.1-612.02 (legal public holidays) and s.28-2701 (holidays "for
/// all purposes"): Saturday -> Friday, Sunday -> Monday, except Inauguration
/// Day, which moves only from Sunday to Monday (s.1-612.02(c); 5 U.S.C.
/// 6103(c)) and does not move from Saturday (s.28-2701). Emancipation Day was
/// a "legal private holiday" (s.1-612.02a) from 2001 and a legal public
/// holiday "beginning in the year 2007".
fn district_of_columbia() -> Vec<HolidayRule> {
    const S: &str = "D.C. Code s.1-612.02; s.28-2701";
    use Observance::{FridayOrMonday as FriMon, SundayToMonday as Sun};
    use Weekday::{Mon, Thu};
    vec![
        fixed("New Year's Day", 1, 1, S).observed(FriMon),
        fixed(
            "Inauguration Day",
            1,
            20,
            "D.C. Code s.1-612.02(c); s.28-2701; 5 U.S.C. 6103(c)",
        )
        .observed(Sun)
        .every_years(4, 1),
        nth("Dr. Martin Luther King, Jr.'s Birthday", 1, Mon, 3, S),
        nth("Washington's Birthday", 2, Mon, 3, S),
        fixed(
            "District of Columbia Emancipation Day",
            4,
            16,
            "D.C. Code s.1-612.02(a)(11), (b)(1); s.28-2701",
        )
        .observed(FriMon)
        .in_force_from(date(2007, 1, 1)),
        last("Memorial Day", 5, Mon, S),
        // s.1-612.02(a)(4A), added 2021-2022; the federal holiday covers 2021.
        fixed("Juneteenth National Independence Day", 6, 19, S)
            .observed(FriMon)
            .in_force_from(date(2022, 1, 1)),
        fixed("Independence Day", 7, 4, S).observed(FriMon),
        nth("Labor Day", 9, Mon, 1, S),
        // Renamed Indigenous Peoples' Day in 2019; same day.
        nth("Columbus Day / Indigenous Peoples' Day", 10, Mon, 2, S),
        fixed("Veterans Day", 11, 11, S).observed(FriMon),
        nth("Thanksgiving Day", 11, Thu, 4, S),
        fixed("Christmas Day", 12, 25, S).observed(FriMon),
    ]
}

/// 44 P.S. s.11, given effect for computing time by 1 Pa. C.S. s.1908 ("any
/// day made a legal holiday by the laws of this Commonwealth"). No weekend
/// rule for these days was confirmed in s.11, so nothing is shifted. Election
/// Day is every year (the first Tuesday after the first Monday of November).
/// Juneteenth is a state observance day only (and a federal holiday anyway),
/// so it is left out.
fn pennsylvania() -> Vec<HolidayRule> {
    const S: &str = "44 P.S. s.11; 1 Pa. C.S. s.1908";
    use Weekday::{Mon, Thu};
    vec![
        fixed("New Year's Day", 1, 1, S),
        nth("Dr. Martin Luther King, Jr. Day", 1, Mon, 3, S),
        nth("Presidents' Day", 2, Mon, 3, S),
        // The state courts close on it (Supreme Court holiday orders).
        from_easter("Good Friday", -2, S),
        last("Memorial Day", 5, Mon, S),
        fixed("Flag Day", 6, 14, S).unsettled(
            "state-holiday-open-offices",
            "listed in 44 P.S. s.11, but Commonwealth offices and courts stay open on it",
        ),
        fixed("Independence Day", 7, 4, S),
        nth("Labor Day", 9, Mon, 1, S),
        nth("Columbus Day", 10, Mon, 2, S),
        election_day("Election Day", S),
        fixed("Veterans' Day", 11, 11, S),
        nth("Thanksgiving Day", 11, Thu, 4, S),
        after_nth(
            "Day after Thanksgiving",
            11,
            Thu,
            4,
            1,
            "Pa. Supreme Court holiday orders; state-employee contracts",
        )
        .unsettled(
            "state-holiday-open-offices",
            "a holiday for courts and state employees by order and contract, not by statute",
        ),
        fixed("Christmas Day", 12, 25, S),
    ]
}

/// La. R.S. 1:55. Subsection A lists the legal holidays; state offices close
/// on those of subsection B, the others being "celebrated only in such manner
/// as the governor may proclaim"; subsection E closes the clerks of court on a
/// further list. Only New Year's Day, July 4 and Christmas move (Saturday ->
/// Friday, Sunday -> Monday, as applied under subsection E). Juneteenth has
/// been a holiday by governor's proclamation only (and is federal anyway), so
/// it is left out.
fn louisiana() -> Vec<HolidayRule> {
    const A: &str = "La. R.S. 1:55(A)(1)";
    const AB: &str = "La. R.S. 1:55(A)(1), (B)";
    const E: &str = "La. R.S. 1:55(E)";
    const PROCLAIM: &str =
        "a R.S. 1:55(A) legal holiday kept only as the governor proclaims; state offices stay open";
    const CLERKS: &str =
        "closes the clerks of court (R.S. 1:55(E)) but is not a general state holiday";
    use Observance::FridayOrMonday as FriMon;
    use Weekday::{Mon, Thu};
    vec![
        fixed("New Year's Day", 1, 1, AB).observed(FriMon),
        fixed("Battle of New Orleans", 1, 8, A).unsettled("state-holiday-open-offices", PROCLAIM),
        // Governor's inauguration in Baton Rouge: the second Monday of January
        // after the (odd-year) election (La. Const. art. IV, s.3).
        nth("Inauguration Day (Baton Rouge)", 1, Mon, 2, A)
            .every_years(4, 0)
            .unsettled("state-holiday-open-offices", "a legal holiday only in the city of Baton Rouge"),
        nth("Dr. Martin Luther King, Jr.'s Birthday", 1, Mon, 3, A),
        // Struck from R.S. 1:55 by Act 2022 (HB 248).
        fixed("Robert E. Lee Day", 1, 19, A)
            .in_force_until(date(2022, 7, 31))
            .unsettled("state-holiday-open-offices", PROCLAIM),
        nth("Washington's Birthday and Presidents' Day", 2, Mon, 3, A),
        from_easter("Mardi Gras", -47, AB),
        from_easter("Good Friday", -2, AB),
        last("National Memorial Day", 5, Mon, AB),
        fixed("Confederate Memorial Day", 6, 3, A)
            .in_force_until(date(2022, 7, 31))
            .unsettled("state-holiday-open-offices", PROCLAIM),
        fixed("Independence Day", 7, 4, AB).observed(FriMon),
        fixed("Huey P. Long Day", 8, 30, A).unsettled("state-holiday-open-offices", PROCLAIM),
        nth("Labor Day", 9, Mon, 1, AB),
        nth("Christopher Columbus Day", 10, Mon, 2, A),
        fixed("All Saints' Day", 11, 1, "La. R.S. 1:55(A)(1), (E)").unsettled("state-holiday-open-offices", 
            "a R.S. 1:55(A) legal holiday on which the clerks of court close, but state offices stay open",
        ),
        // Even-year general election day; confirmed from 2008, earlier years
        // not verified and left out.
        election_day("General Election Day", "La. R.S. 1:55(B)")
            .every_years(2, 0)
            .in_force_from(date(2008, 1, 1)),
        fixed("Veterans' Day", 11, 11, AB),
        nth("Thanksgiving Day", 11, Thu, 4, AB),
        after_nth("Day after Thanksgiving", 11, Thu, 4, 1, E).unsettled("state-holiday-open-offices", CLERKS),
        fixed("Christmas Eve", 12, 24, E).unsettled("state-holiday-open-offices", CLERKS),
        fixed("Christmas Day", 12, 25, AB).observed(FriMon),
        fixed("New Year's Eve", 12, 31, E).unsettled("state-holiday-open-offices", CLERKS),
    ]
}

/// O.C.G.A. s.1-4-1(a)(1): the days designated as public and legal holidays by
/// the federal government as of January 1, 1984 (as of January 1, 2022 since
/// the 2022 amendment, which adds Juneteenth). The statute has no weekend rule
/// (the Governor fixes the closure days each year under s.1-4-1(b)), so nothing
/// is shifted. The other Governor-designated days vary: the April day
/// (formerly Confederate Memorial Day) has moved (e.g. to Good Friday in 2021)
/// and Washington's Birthday is usually taken near Christmas; they are left
/// out.
fn georgia() -> Vec<HolidayRule> {
    const S: &str = "O.C.G.A. s.1-4-1(a)(1)";
    use Weekday::{Mon, Thu};
    vec![
        fixed("New Year's Day", 1, 1, S),
        nth("Birthday of Martin Luther King, Jr.", 1, Mon, 3, S),
        nth("Washington's Birthday", 2, Mon, 3, S),
        last("Memorial Day", 5, Mon, S),
        fixed(
            "Juneteenth National Independence Day",
            6,
            19,
            "O.C.G.A. s.1-4-1(a)(1) (as amended by HB 1335, eff. April 4, 2022)",
        )
        .in_force_from(date(2022, 4, 4)),
        fixed("Independence Day", 7, 4, S),
        nth("Labor Day", 9, Mon, 1, S),
        nth("Columbus Day", 10, Mon, 2, S),
        fixed("Veterans Day", 11, 11, S),
        nth("Thanksgiving Day", 11, Thu, 4, S),
        after_nth(
            "State Holiday (day after Thanksgiving)",
            11,
            Thu,
            4,
            1,
            "O.C.G.A. s.1-4-1(a)(2), (b) (Governor's designation)",
        )
        .unsettled("state-holiday-open-offices", "designated each year by the Governor (the former Robert E. Lee's Birthday), not fixed by statute"),
        fixed("Christmas Day", 12, 25, S),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn codes_round_trip() {
        for s in State::ALL {
            assert_eq!(s.code().parse::<State>().unwrap(), s);
            assert!(!s.name().is_empty());
        }
        assert_eq!(State::ALL.len(), 56);
        let mut codes: Vec<_> = State::ALL.iter().map(|s| s.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), State::ALL.len());
        assert_eq!("pr".parse::<State>().unwrap(), State::PR);
        assert!("ZZ".parse::<State>().is_err());
    }

    #[test]
    fn new_york_saturdays_do_not_move() {
        // Lincoln's Birthday 2022 fell on a Saturday: not moved.
        let ny = state_rules(State::NY);
        let lincoln = ny.iter().find(|r| r.name == "Lincoln's Birthday").unwrap();
        assert_eq!(lincoln.observed_in(2022), Some(date(2022, 2, 12)));
        // 2023-02-12 was a Sunday: observed Monday 2023-02-13.
        assert_eq!(lincoln.observed_in(2023), Some(date(2023, 2, 13)));
        assert!(!ny.iter().any(|r| r.name.contains("Anthony")));
    }

    fn find(state: State, name: &str) -> HolidayRule {
        state_rules(state)
            .into_iter()
            .find(|r| r.name == name)
            .unwrap_or_else(|| panic!("{state}: no rule named {name}"))
    }

    /// Every date a state's rules give in `year`, with whether it is disputed.
    fn days(state: State, year: i32) -> Vec<(NaiveDate, bool)> {
        state_rules(state)
            .iter()
            .filter_map(|r| r.observed_in(year).map(|d| (d, r.status.is_disputed())))
            .collect()
    }

    fn settled_on(state: State, d: NaiveDate) -> bool {
        (d.year() - 1..=d.year() + 1)
            .flat_map(|y| days(state, y))
            .any(|(x, disputed)| x == d && !disputed)
    }

    fn disputed_on(state: State, d: NaiveDate) -> bool {
        (d.year() - 1..=d.year() + 1)
            .flat_map(|y| days(state, y))
            .any(|(x, disputed)| x == d && disputed)
    }

    #[test]
    fn every_state_has_cited_rules_in_force_1990_to_2060() {
        // The first 11; the others' data lands from data/states/.
        for s in State::ALL.into_iter().take(11) {
            let rules = state_rules(s);
            assert!(!rules.is_empty(), "{s} has no rules");
            for r in &rules {
                assert_eq!(r.scope, Scope::State, "{s}: {}", r.name);
                assert!(!r.source.is_empty(), "{s}: {} has no source", r.name);
                if let crate::calendar::Status::Disputed(reason) = &r.status {
                    assert!(!reason.is_empty(), "{s}: {} has no reason", r.name);
                }
                assert!(
                    (1990..=2060).any(|y| r.observed_in(y).is_some()),
                    "{s}: {} never in force 1990-2060",
                    r.name
                );
            }
            // Every year in range has at least a handful of settled days.
            for y in 1990..=2060 {
                let n = days(s, y).iter().filter(|(_, d)| !d).count();
                assert!(n >= 8, "{s} {y}: only {n} settled days");
            }
        }
    }

    #[test]
    fn delaware() {
        // 2021-12-25 was a Saturday: observed Friday 2021-12-24.
        let xmas = find(State::DE, "Christmas Day");
        assert_eq!(xmas.observed_in(2021), Some(date(2021, 12, 24)));
        assert!(settled_on(State::DE, date(2025, 4, 18))); // Good Friday
        assert!(settled_on(State::DE, date(2024, 11, 5))); // Election Day
        assert!(!settled_on(State::DE, date(2025, 11, 4))); // odd year
        assert!(disputed_on(State::DE, date(2024, 11, 7))); // Return Day
        assert!(settled_on(State::DE, date(2025, 11, 28))); // day after Thanksgiving
    }

    #[test]
    fn new_jersey() {
        // Juneteenth is the third Friday in June.
        let j = find(State::NJ, "Juneteenth Day");
        assert_eq!(j.observed_in(2022), Some(date(2022, 6, 17)));
        assert_eq!(j.observed_in(2025), Some(date(2025, 6, 20)));
        assert_eq!(j.observed_in(2020), None);
        assert!(settled_on(State::NJ, date(2025, 11, 4))); // general election
        assert!(settled_on(State::NJ, date(2025, 4, 18))); // Good Friday
        assert!(disputed_on(State::NJ, date(2025, 2, 12))); // Lincoln, offices open
        assert!(!settled_on(State::NJ, date(2025, 2, 12)));
        assert!(settled_on(State::NJ, date(2005, 2, 11))); // 2005-02-12 was a Saturday
    }

    #[test]
    fn texas() {
        // Skeleton-crew days are disputed and weekends do not move.
        assert!(disputed_on(State::TX, date(2025, 3, 2)));
        assert!(disputed_on(State::TX, date(2025, 4, 21)));
        assert!(!settled_on(State::TX, date(2025, 4, 21)));
        assert_eq!(
            find(State::TX, "Confederate Heroes Day").observed_in(2025),
            Some(date(2025, 1, 19))
        );
        assert!(settled_on(State::TX, date(2025, 11, 28))); // Friday after Thanksgiving
        assert!(settled_on(State::TX, date(2025, 12, 24)));
        assert!(settled_on(State::TX, date(2025, 12, 26)));
        assert!(disputed_on(State::TX, date(2025, 4, 18))); // Good Friday, optional
                                                            // 2021-12-25 was a Saturday: not moved by Texas law.
        assert_eq!(
            find(State::TX, "Christmas Day").observed_in(2021),
            Some(date(2021, 12, 25))
        );
    }

    #[test]
    fn california() {
        let chavez = find(State::CA, "Cesar Chavez Day");
        assert_eq!(chavez.observed_in(2025), Some(date(2025, 3, 31)));
        // 2024-03-31 was a Sunday: observed Monday.
        assert_eq!(chavez.observed_in(2024), Some(date(2024, 4, 1)));
        assert_eq!(chavez.observed_in(2000), None);
        // Lincoln Day on Saturday 2022 does not move; on Sunday 2023 it does.
        let lincoln = find(State::CA, "Lincoln Day");
        assert_eq!(lincoln.observed_in(2022), Some(date(2022, 2, 12)));
        assert_eq!(lincoln.observed_in(2023), Some(date(2023, 2, 13)));
        // Veterans Day on Saturday 2023 moves to Friday.
        assert!(settled_on(State::CA, date(2023, 11, 10)));
        assert!(settled_on(State::CA, date(2025, 11, 28))); // day after Thanksgiving
        assert!(disputed_on(State::CA, date(2025, 9, 9))); // Admission Day
                                                           // Native American Day: a judicial holiday; the courts close.
        assert!(settled_on(State::CA, date(2025, 9, 26)));
        // Independence Day 2026 is a Saturday: the courts observe Friday
        // July 3 (Cal. R. Ct. 1.11), a disputed day for Rule 6(a)(6)(C).
        assert!(disputed_on(State::CA, date(2026, 7, 3)));
        assert!(!disputed_on(State::CA, date(2025, 7, 3)));
    }

    #[test]
    fn illinois() {
        assert!(settled_on(State::IL, date(2025, 2, 12))); // Lincoln's Birthday
        assert!(disputed_on(State::IL, date(2025, 3, 3))); // Pulaski
        assert!(!settled_on(State::IL, date(2025, 3, 3)));
        // Juneteenth 2022 fell on a Sunday and is expressly not moved.
        let j = find(State::IL, "Juneteenth National Freedom Day");
        assert_eq!(j.observed_in(2022), Some(date(2022, 6, 19)));
        assert!(!settled_on(State::IL, date(2022, 6, 20)));
        assert!(settled_on(State::IL, date(2020, 11, 3)));
        assert!(settled_on(State::IL, date(2022, 11, 8)));
        assert!(disputed_on(State::IL, date(2018, 11, 6)));
        assert!(!settled_on(State::IL, date(2018, 11, 6)));
    }

    #[test]
    fn florida() {
        assert!(settled_on(State::FL, date(2025, 11, 28))); // Friday after Thanksgiving
                                                            // 2021-12-25 was a Saturday: s.110.117 moves it to Friday.
        assert!(settled_on(State::FL, date(2021, 12, 24)));
        assert!(disputed_on(State::FL, date(2025, 4, 2))); // Pascua Florida Day
        assert!(!settled_on(State::FL, date(2025, 4, 2)));
        assert!(disputed_on(State::FL, date(2025, 1, 20))); // Lee's birthday 2025-01-19 (Sunday)
        assert!(!settled_on(State::FL, date(2025, 4, 18))); // Good Friday
        let tuskegee = find(State::FL, "Tuskegee Airmen Commemoration Day");
        assert_eq!(tuskegee.observed_in(2024), None); // in force from July 2024
        assert_eq!(tuskegee.observed_in(2025), Some(date(2025, 3, 27)));
    }

    #[test]
    fn district_of_columbia() {
        let e = find(State::DC, "District of Columbia Emancipation Day");
        assert_eq!(e.observed_in(2021), Some(date(2021, 4, 16))); // a Friday
        assert_eq!(e.observed_in(2022), Some(date(2022, 4, 15))); // Saturday -> Friday
        assert_eq!(e.observed_in(2023), Some(date(2023, 4, 17))); // Sunday -> Monday
        assert_eq!(e.observed_in(2007), Some(date(2007, 4, 16)));
        assert_eq!(e.observed_in(2006), None);
        let i = find(State::DC, "Inauguration Day");
        assert_eq!(i.observed_in(2021), Some(date(2021, 1, 20)));
        assert_eq!(i.observed_in(2025), Some(date(2025, 1, 20)));
        assert_eq!(i.observed_in(2013), Some(date(2013, 1, 21))); // Sunday -> Monday
        assert_eq!(i.observed_in(2024), None);
        // 2029-01-20 is a Saturday: not moved.
        assert_eq!(i.observed_in(2029), Some(date(2029, 1, 20)));
    }

    #[test]
    fn pennsylvania() {
        assert!(settled_on(State::PA, date(2025, 11, 4))); // Election Day, odd year too
        assert!(settled_on(State::PA, date(2025, 4, 18))); // Good Friday
        assert!(disputed_on(State::PA, date(2025, 6, 14))); // Flag Day
        assert!(!settled_on(State::PA, date(2025, 6, 13)));
        assert!(disputed_on(State::PA, date(2025, 11, 28))); // day after Thanksgiving
    }

    #[test]
    fn louisiana() {
        let mardi_gras = find(State::LA, "Mardi Gras");
        assert_eq!(mardi_gras.observed_in(2025), Some(date(2025, 3, 4)));
        assert_eq!(mardi_gras.observed_in(2024), Some(date(2024, 2, 13)));
        assert!(settled_on(State::LA, date(2025, 4, 18))); // Good Friday
                                                           // 2021-12-25 was a Saturday: observed Friday 2021-12-24.
        assert!(settled_on(State::LA, date(2021, 12, 24)));
        assert!(disputed_on(State::LA, date(2025, 8, 30))); // Huey P. Long Day
        assert!(disputed_on(State::LA, date(2021, 1, 19))); // Lee Day, before 2022
        assert!(!disputed_on(State::LA, date(2023, 1, 19)));
        assert!(settled_on(State::LA, date(2024, 11, 5))); // even-year election
        assert!(!settled_on(State::LA, date(2023, 11, 7)));
        let inauguration = find(State::LA, "Inauguration Day (Baton Rouge)");
        assert_eq!(inauguration.observed_in(2024), Some(date(2024, 1, 8)));
        assert_eq!(inauguration.observed_in(2025), None);
    }

    #[test]
    fn georgia() {
        let j = find(State::GA, "Juneteenth National Independence Day");
        assert_eq!(j.observed_in(2021), None);
        assert_eq!(j.observed_in(2023), Some(date(2023, 6, 19)));
        assert!(settled_on(State::GA, date(2025, 10, 13))); // Columbus Day
        assert!(disputed_on(State::GA, date(2025, 11, 28))); // Governor's day
        assert!(!settled_on(State::GA, date(2025, 11, 28)));
    }
}
