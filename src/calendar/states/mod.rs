//! State legal holidays from statute (FRCP 6(a)(6)(C), FRBP 9006(a)(6)(C),
//! FRAP 26(a)(6)(C)), each with its citation and the years it is in force.
//!
//! Days the federal list already covers are repeated here when the state's
//! statute lists them, so a state calendar is complete on its own; a day that
//! is both federal and state counts as federal (in every direction).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::holiday::HolidayRule;
use crate::error::{Error, Result};

mod data;

/// A state, the District of Columbia, or a commonwealth or territory: each a
/// "state" under FRCP 81(d)(1)-(2) whose declared holidays count under
/// FRCP 6(a)(6)(C). Every state, DC, Puerto Rico, Guam, the Virgin Islands
/// and the Northern Mariana Islands (the territories with a federal district
/// court), and American Samoa.
///
/// # Example
/// ```
/// use docket::calendar::{Calendar, State};
///
/// let ny: State = "NY".parse()?;
/// assert_eq!(ny.code(), "NY");
/// // A calendar with New York's legal holidays (Lincoln's Birthday, ...).
/// let cal = Calendar::builder("N.Y. courts").state(ny).build()?;
/// let lincoln = "2025-02-12".parse().unwrap();
/// assert!(cal.notes_on(lincoln).iter().any(|n| n.name.contains("Lincoln")));
/// assert!("XX".parse::<State>().is_err());
/// # Ok::<(), docket::Error>(())
/// ```
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

/// The holidays a state's statutes declare, from `data/states/<CODE>.toml`.
///
/// Empty if the state's data file does not load (never with the shipped
/// data: a test loads every file); [`state_holidays`] returns that error, and
/// so does building a [`Calendar`](super::Calendar) for the state.
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
    state_holidays(state).map(<[_]>::to_vec).unwrap_or_default()
}

/// The holidays a state's statutes declare, from `data/states/<CODE>.toml`
/// (read and checked once).
///
/// # Errors
/// A data file that does not parse or fails a check (an impossible date
/// rule, a disputed day without its question or reason, an unknown
/// question), naming the file, the holiday and the field.
///
/// # Example
/// ```
/// use docket::calendar::{state_holidays, State};
///
/// let ny = state_holidays(State::NY)?;
/// assert!(ny.iter().any(|r| r.name == "Lincoln's Birthday"));
/// # Ok::<(), docket::Error>(())
/// ```
pub fn state_holidays(state: State) -> Result<&'static [HolidayRule]> {
    data::load(state)
}

#[cfg(test)]
mod tests;
