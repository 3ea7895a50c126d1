//! Every expected deadline here was worked out by hand from the State Council's 2025 and 2026 notices, not by the
//! code under test.

use super::*;
use proptest::prelude::*;

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{text}+08:00")).unwrap()
}

/// 24:00 of `day`, written as the law writes it.
fn end_of(day: &str) -> DateTime<FixedOffset> {
    at(&format!("{day}T00:00:00")) + Duration::days(1)
}

fn due(amount: u32, unit: Unit, filed: &str) -> Due {
    Period::new(amount, unit).due(at(filed), &[], WorkCalendar::official())
}

const HOURS: Unit = Unit::Hours;
const CALENDAR: Unit = Unit::CalendarDays;
const WORKING: Unit = Unit::WorkingDays;

#[test]
fn an_ordinary_petition_filed_before_the_national_day_holiday_is_due_on_8_october() {
    // Filed Wednesday 30 September 2026 at 16:00; 1–7 October are off.
    let response = due(1, WORKING, "2026-09-30T16:00:00");
    let result = due(7, CALENDAR, "2026-09-30T16:00:00");
    assert_eq!(response, Due { at: end_of("2026-10-08"), provisional: false });
    assert_eq!(result, Due { at: end_of("2026-10-08"), provisional: false }, "7 October is a holiday: runs on");
    assert_eq!(written(response.at), "2026年10月8日 24:00");
}

#[test]
fn a_make_up_saturday_is_a_working_day() {
    // Friday 13 February 2026; Saturday the 14th is worked for the Spring Festival.
    assert_eq!(due(1, WORKING, "2026-02-13T11:00:00").at, end_of("2026-02-14"));
    // Filed on that Saturday: 15–23 February are off, so Tuesday the 24th.
    assert_eq!(due(1, WORKING, "2026-02-14T10:00:00").at, end_of("2026-02-24"));
    // 2025: Sunday 26 January was worked; Saturday the 25th's petition is due then.
    assert_eq!(due(1, WORKING, "2025-01-25T09:00:00").at, end_of("2025-01-26"));
    // 2025's National Day: Sunday 28 September worked, 1–8 October off, Saturday 11 October worked.
    assert_eq!(due(1, WORKING, "2025-09-27T15:00:00").at, end_of("2025-09-28"));
    assert_eq!(due(1, WORKING, "2025-09-30T15:00:00").at, end_of("2025-10-09"));
    assert_eq!(due(2, WORKING, "2025-10-09T15:00:00").at, end_of("2025-10-11"), "10th, then Saturday 11th");
}

#[test]
fn working_days_skip_every_2025_and_2026_holiday() {
    // (filed, working days, due at 24:00 of) — each across one holiday of the two notices.
    for (filed, amount, last_day) in [
        ("2024-12-31T10:00:00", 1, "2025-01-02"), // 1 January 2025 off
        ("2025-01-27T10:00:00", 1, "2025-02-05"), // 28 January – 4 February off
        ("2025-04-03T10:00:00", 1, "2025-04-07"), // 4–6 April off
        ("2025-04-30T10:00:00", 1, "2025-05-06"), // 1–5 May off
        ("2025-05-30T10:00:00", 1, "2025-06-03"), // 31 May – 2 June off
        ("2025-12-31T10:00:00", 1, "2026-01-04"), // 1–3 January 2026 off, Sunday the 4th worked
        ("2026-04-02T10:00:00", 3, "2026-04-08"), // Friday the 3rd, then 4–6 April off: 7th, 8th
        ("2026-04-30T10:00:00", 1, "2026-05-06"), // 1–5 May off
        ("2026-05-08T10:00:00", 1, "2026-05-09"), // Saturday 9 May worked
        ("2026-06-18T10:00:00", 1, "2026-06-22"), // 19–21 June off
        ("2026-09-18T10:00:00", 1, "2026-09-20"), // Sunday 20 September worked
        ("2026-09-24T10:00:00", 1, "2026-09-28"), // 25–27 September off
        ("2026-10-09T10:00:00", 1, "2026-10-10"), // Saturday 10 October worked
        ("2026-02-27T10:00:00", 1, "2026-02-28"), // Saturday 28 February worked
    ] {
        assert_eq!(due(amount, WORKING, filed), Due { at: end_of(last_day), provisional: false }, "filed {filed}");
    }
}

#[test]
fn a_calendar_day_clock_ending_on_a_rest_day_runs_on_to_the_next_working_day() {
    // 信访 acceptance, 15 calendar days: from 15 September the last day is the 30th, a Wednesday.
    assert_eq!(due(15, CALENDAR, "2026-09-15T09:00:00").at, end_of("2026-09-30"));
    // From 22 September it is 7 October, a holiday: the 8th.
    assert_eq!(due(15, CALENDAR, "2026-09-22T09:00:00").at, end_of("2026-10-08"));
    // 7 days from Monday 28 April 2025 end on 5 May (off): Tuesday the 6th.
    assert_eq!(due(7, CALENDAR, "2025-04-28T09:00:00").at, end_of("2025-05-06"));
    // A plain weekend: from Sunday 15 November 2026, 6 days end Saturday the 21st: Monday the 23rd.
    assert_eq!(due(6, CALENDAR, "2026-11-15T09:00:00").at, end_of("2026-11-23"));
    // Counting itself never skips: 60 days from 1 March 2026 end on 30 April, a Thursday.
    assert_eq!(due(60, CALENDAR, "2026-03-01T09:00:00").at, end_of("2026-04-30"));
}

#[test]
fn an_hours_clock_counts_every_hour_from_filing() {
    assert_eq!(due(2, HOURS, "2026-02-16T10:00:00").at, at("2026-02-16T12:00:00"), "a holiday counts");
    assert_eq!(due(24, HOURS, "2026-11-28T23:30:00").at, at("2026-11-29T23:30:00"));
}

#[test]
fn a_pause_gives_back_the_counting_time_it_covered() {
    let calendar = WorkCalendar::official();
    let pause = |from: &str, until: &str| Pause { from: at(from), until: at(until) };
    // 1 working day filed Monday 23 November 2026: due Tuesday 24:00. Paused from Tuesday noon to Wednesday noon:
    // 12 + 12 working hours given back, so Wednesday 24:00.
    let one_day = Period::new(1, WORKING);
    let paused = [pause("2026-11-24T12:00:00", "2026-11-25T12:00:00")];
    assert_eq!(one_day.due(at("2026-11-23T10:00:00"), &paused, calendar).at, end_of("2026-11-25"));
    // Paused over a weekend, Friday 18:00 to Monday 06:00: only Friday's 6 and Monday's 6 hours come back.
    let weekend = [pause("2026-11-27T18:00:00", "2026-11-30T06:00:00")];
    let filed_thursday = one_day.due(at("2026-11-26T10:00:00"), &weekend, calendar);
    assert_eq!(filed_thursday.at, at("2026-11-30T12:00:00"), "Friday 24:00, plus 12 working hours");
    // A pause before the clock begins (the filing evening) gives back nothing: nothing was being counted.
    let evening = [pause("2026-11-23T18:00:00", "2026-11-23T22:00:00")];
    assert_eq!(one_day.due(at("2026-11-23T10:00:00"), &evening, calendar).at, end_of("2026-11-24"));
    // A calendar-day clock gives the pause back after running on: 9 days from Friday 21 November 2025 end on
    // Sunday the 30th, so Monday 1 December 24:00; a minute's pause makes it 00:01 on the 2nd, never sooner.
    let nine_days = Period::new(9, CALENDAR);
    let minute = [pause("2025-11-22T00:00:00", "2025-11-22T00:01:00")];
    assert_eq!(nine_days.due(at("2025-11-21T00:00:00"), &[], calendar).at, end_of("2025-12-01"));
    assert_eq!(nine_days.due(at("2025-11-21T00:00:00"), &minute, calendar).at, at("2025-12-02T00:01:00"));
    // Given back onto a rest day, it runs on again: 7 days from Sunday 15 November 2026 end on Sunday the 22nd,
    // so Monday 23rd 24:00; a 5-day pause takes that to Saturday the 28th 24:00, a rest day: Monday the 30th.
    let week = Period::new(7, CALENDAR);
    assert_eq!(week.due(at("2026-11-15T09:00:00"), &[], calendar).at, end_of("2026-11-23"));
    let long = [pause("2026-11-16T00:00:00", "2026-11-21T00:00:00")];
    assert_eq!(week.due(at("2026-11-15T09:00:00"), &long, calendar).at, end_of("2026-11-30"));
    // An hours clock: two hours from 10:00, paused 10:30–11:30, is due at 13:00.
    let two_hours = Period::new(2, HOURS).due(
        at("2026-11-23T10:00:00"),
        &[pause("2026-11-23T10:30:00", "2026-11-23T11:30:00")],
        calendar,
    );
    assert_eq!(two_hours.at, at("2026-11-23T13:00:00"));
}

#[test]
fn a_deadline_in_an_unpublished_year_is_provisional() {
    // 2027's schedule is not published: Friday 1 January 2027 is taken as a working day, for now.
    assert_eq!(due(1, WORKING, "2026-12-31T10:00:00"), Due { at: end_of("2027-01-01"), provisional: true });
    assert_eq!(due(7, CALENDAR, "2026-12-28T10:00:00"), Due { at: end_of("2027-01-04"), provisional: true });
    assert!(!due(7, CALENDAR, "2026-12-20T10:00:00").provisional, "ends 27 December 2026, a Sunday: 28th");
    assert_eq!(due(7, CALENDAR, "2026-12-20T10:00:00").at, end_of("2026-12-28"));
    assert!(!due(48, HOURS, "2026-12-31T10:00:00").provisional, "hours need no calendar");
}

#[test]
fn the_state_follows_the_time_left_in_the_clocks_own_measure() {
    let calendar = WorkCalendar::official();
    let week = Period::new(7, CALENDAR);
    let due = week.due(at("2026-09-30T16:00:00"), &[], calendar); // 8 October 24:00; 168 hours long
    assert_eq!(week.state(due, at("2026-10-06T00:00:00"), calendar), State::OnTime, "72 hours left");
    assert_eq!(week.state(due, at("2026-10-07T10:00:00"), calendar), State::DueSoon, "38 hours < 42");
    assert_eq!(week.state(due, at("2026-10-09T01:00:00"), calendar), State::Overdue);
    assert_eq!(week.state(due, at("2026-10-16T00:00:00"), calendar), State::Overdue, "168 hours late");
    assert_eq!(week.state(due, at("2026-10-16T01:00:00"), calendar), State::VeryOverdue, "169 hours late");
    // A working-day clock counts what is left in working time: Friday 20:00 before a Monday-night deadline has
    // 4 + 24 working hours left of 24 × 3, more than a quarter; Monday 07:00 has 17, less.
    let three = Period::new(3, WORKING);
    let due = three.due(at("2026-11-25T10:00:00"), &[], calendar); // Thu, Fri, Mon: Monday 30 November 24:00
    assert_eq!(due.at, end_of("2026-11-30"));
    assert_eq!(three.state(due, at("2026-11-27T20:00:00"), calendar), State::OnTime);
    assert_eq!(three.state(due, at("2026-11-30T07:00:00"), calendar), State::DueSoon);
}

#[test]
fn spans_are_said_in_days_hours_and_minutes() {
    assert_eq!(span_words(Duration::minutes(45)), "45分钟");
    assert_eq!(span_words(Duration::minutes(5 * 60 + 20)), "5小时20分钟");
    assert_eq!(span_words(Duration::hours(3)), "3小时");
    assert_eq!(span_words(Duration::hours(51) + Duration::minutes(10)), "2天3小时", "days and hours; minutes dropped");
    assert_eq!(span_words(Duration::days(7)), "7天");
    assert_eq!(span_words(Duration::seconds(30)), "不到1分钟");
}

fn instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    // Any minute of 2025 and 2026.
    (0i64..(730 * 24 * 60)).prop_map(|minutes| at("2025-01-01T00:00:00") + Duration::minutes(minutes))
}

fn unit() -> impl Strategy<Value = Unit> {
    prop_oneof![Just(HOURS), Just(CALENDAR), Just(WORKING)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn a_working_day_clock_ends_at_the_end_of_a_working_day(started in instant(), amount in 1u32..40) {
        let due = Period::new(amount, WORKING).due(started, &[], WorkCalendar::official());
        prop_assert_eq!(due.at.time(), chrono::NaiveTime::MIN);
        let last = due.at.date_naive() - Duration::days(1);
        prop_assert!(working(WorkCalendar::official(), last).0, "{} is not a working day", last);
    }

    #[test]
    fn a_pause_moves_the_deadline_by_exactly_its_counting_time(
        started in instant(),
        amount in 1u32..20,
        unit in prop_oneof![Just(HOURS), Just(WORKING)],
        offset_minutes in 0i64..(20 * 24 * 60),
        length_minutes in 1i64..(5 * 24 * 60),
    ) {
        let calendar = WorkCalendar::official();
        let period = Period::new(amount, unit);
        let from = started + Duration::minutes(offset_minutes);
        let pause = Pause { from, until: from + Duration::minutes(length_minutes) };
        let before = period.due(started, &[], calendar);
        let after = period.due(started, &[pause], calendar);
        let (given_back, _) = period.counted(pause.from.max(period.begins(started)), pause.until, calendar);
        let (moved, _) = period.counted(before.at, after.at, calendar);
        prop_assert_eq!(moved, given_back);
    }

    #[test]
    fn pauses_and_longer_periods_never_bring_a_deadline_forward(
        started in instant(),
        amount in 1u32..30,
        extension in 0u32..30,
        unit in unit(),
        offset_minutes in 0i64..(40 * 24 * 60),
        length_minutes in 0i64..(5 * 24 * 60),
    ) {
        let calendar = WorkCalendar::official();
        let period = Period::new(amount, unit);
        let from = started + Duration::minutes(offset_minutes);
        let pause = Pause { from, until: from + Duration::minutes(length_minutes) };
        let plain = period.due(started, &[], calendar).at;
        prop_assert!(period.due(started, &[pause], calendar).at >= plain);
        prop_assert!(Period::new(amount + extension, unit).due(started, &[], calendar).at >= plain);
        // Starting again later (重办) never ends sooner than the first clock.
        prop_assert!(period.due(from, &[], calendar).at >= plain);
    }
}
