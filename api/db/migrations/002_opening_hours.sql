-- Opening hours, materialised for SQL. facilities.opening_hours (OSM syntax) is parsed in JS by
-- api/hours/parse.ts and stored here by api/hours/materialise.ts (refreshOpeningHours); SQL then answers
-- "open at T" without JS at request time. Runs unchanged on PostgreSQL 15 and PGlite (PostgreSQL 18).
--
-- All times are local to Asia/Shanghai, converted explicitly with AT TIME ZONE so the session time zone
-- never matters. China has had no daylight saving since 1991, so local days are always 24 hours long.

-- China's public holidays and 调休 make-up workdays; editable (seeded below for 2025–2026).
create table holidays (
  day     date primary key,
  kind    text not null check (kind in ('holiday', 'workday')),
  name_zh text not null,
  name_en text not null
);

-- One row per facility; a facility whose text failed to parse has parse_error set (JSON: code, message,
-- message_en) and no intervals, so it is closed at every instant until its text is fixed.
create table opening_rules (
  facility_id bigint primary key references facilities (id) on delete cascade,
  always_open boolean not null,
  -- 'weekday': holidays follow the weekday schedule; 'own': holidays use day 7
  ph_mode     text not null check (ph_mode in ('weekday', 'own')),
  parse_error text
);

-- Weekly open intervals [start_min, end_min) in local minutes. day: 0 = Monday … 6 = Sunday, 7 = public
-- holiday. A span crossing midnight is stored as two rows, the tail on the next day.
create table opening_intervals (
  facility_id bigint not null references facilities (id) on delete cascade,
  day         smallint not null check (day between 0 and 7),
  start_min   smallint not null check (start_min between 0 and 1439),
  end_min     smallint not null check (end_min between 1 and 1440),
  check (start_min < end_min)
);
create index opening_intervals_facility_day_idx on opening_intervals (facility_id, day);

-- Which row of the weekly model applies on local date d: 7 on a holiday when the facility has its own
-- holiday hours, 0 (Monday) on a 调休 workday, otherwise the ISO weekday (Monday = 0).
-- Why Monday for a workday: most facilities keep the same Mo–Fr hours, and the State Council notices do
-- not say which weekday a make-up day stands in for.
create or replace function hours_day_kind(ph_mode text, d date) returns smallint
language sql stable parallel safe as $$
  select coalesce(
    (select case when h.kind = 'workday' then 0
                 when h.kind = 'holiday' and hours_day_kind.ph_mode = 'own' then 7 end
       from holidays h
      where h.day = hours_day_kind.d),
    extract(isodow from hours_day_kind.d)::integer - 1
  )::smallint
$$;

-- Local (Asia/Shanghai) minute of the day of t, 0..1439; seconds are dropped, so an interval [s, e) is
-- open from s:00.000 up to but excluding e:00.000.
create or replace function hours_local_minute(t timestamptz) returns integer
language sql immutable parallel safe as $$
  select (extract(hour from t at time zone 'Asia/Shanghai') * 60
        + extract(minute from t at time zone 'Asia/Shanghai'))::integer
$$;

-- Why every function below is a single `select <expression>` in language sql: the planner can then inline
-- it into the caller's query, so `where facility_open_at(f.id, $1)` over hundreds of facilities costs a few
-- index probes per row instead of a function call with its own plan. (facility_next_change cannot be inlined
-- — it needs a CTE — and is meant for one facility at a time, e.g. a popup.)

-- Is the facility open at instant t? Unknown facility or unparsable hours → false.
create or replace function facility_open_at(fid bigint, t timestamptz) returns boolean
language sql stable parallel safe as $$
  select coalesce((
    select r.always_open or exists (
      select 1
        from opening_intervals i
       where i.facility_id = r.facility_id
         and i.day = hours_day_kind(r.ph_mode, (t at time zone 'Asia/Shanghai')::date)
         and i.start_min <= hours_local_minute(t)
         and i.end_min > hours_local_minute(t))
      from opening_rules r
     where r.facility_id = fid), false)
$$;

-- The next instant after t at which the facility opens or closes, looking at most 8 days (192 hours) ahead;
-- NULL for an always-open facility or when nothing changes in that window. Adjacent intervals on
-- consecutive days (…-24:00 then 00:00-…) are one open period, so midnight is not a change.
create or replace function facility_next_change(fid bigint, t timestamptz) returns timestamptz
language sql stable parallel safe as $$
  with seg as (
    -- open segments as absolute instants for local days date(t) .. date(t)+9 (the extra day lets the
    -- midnight test below see the morning after the window)
    select (((t at time zone 'Asia/Shanghai')::date + g.n) + i.start_min * interval '1 minute')
             at time zone 'Asia/Shanghai' as s,
           (((t at time zone 'Asia/Shanghai')::date + g.n) + i.end_min * interval '1 minute')
             at time zone 'Asia/Shanghai' as e
      from opening_rules r
     cross join generate_series(0, 9) as g (n)
      join opening_intervals i
        on i.facility_id = r.facility_id
       and i.day = hours_day_kind(r.ph_mode, (t at time zone 'Asia/Shanghai')::date + g.n)
     where r.facility_id = fid
       and not r.always_open
  ), edge as (
    select a.s as x from seg a where not exists (select 1 from seg b where b.e = a.s)
    union all
    select a.e from seg a where not exists (select 1 from seg b where b.s = a.e)
  )
  -- hours, not days: '8 days' would follow the session time zone's DST calendar
  select min(x) from edge where x > t and x <= t + interval '192 hours'
$$;

-- Minutes from local midnight of t0's date to t1, rounded up (so a span ending at 10:00:30 needs minute
-- 10:00 open); above 1440 when t1 falls on the next local day.
create or replace function hours_span_end_min(t0 timestamptz, t1 timestamptz) returns integer
language sql immutable parallel safe as $$
  select ceil(extract(epoch from (t1 at time zone 'Asia/Shanghai')
                               - (t0 at time zone 'Asia/Shanghai')::date::timestamp) / 60)::integer
$$;

-- Is the facility open for the whole span [t0, t1)? Spans up to 24 hours touch at most two local days and
-- are answered from the intervals directly (an interval ending at 24:00 continues into one starting at
-- 00:00 the next day); longer spans (up to 8 days) fall back to facility_next_change. Empty or reversed
-- span → false.
create or replace function facility_open_during(fid bigint, t0 timestamptz, t1 timestamptz) returns boolean
language sql stable parallel safe as $$
  select coalesce((
    select case
      when t1 <= t0 then false
      when r.always_open then true
      when t1 - t0 > interval '24 hours' then
        facility_open_at(fid, t0) and coalesce(facility_next_change(fid, t0) >= t1, t1 - t0 <= interval '192 hours')
      else
        exists (
          select 1
            from opening_intervals i
           where i.facility_id = r.facility_id
             and i.day = hours_day_kind(r.ph_mode, (t0 at time zone 'Asia/Shanghai')::date)
             and i.start_min <= hours_local_minute(t0)
             and i.end_min >= least(hours_span_end_min(t0, t1), 1440))
        and (hours_span_end_min(t0, t1) <= 1440 or exists (
          select 1
            from opening_intervals i
           where i.facility_id = r.facility_id
             and i.day = hours_day_kind(r.ph_mode, (t0 at time zone 'Asia/Shanghai')::date + 1)
             and i.start_min = 0
             and i.end_min >= hours_span_end_min(t0, t1) - 1440))
    end
      from opening_rules r
     where r.facility_id = fid), false)
$$;

-- Set-returning forms for whole-table questions ("which facilities are open at T", hourly coverage): the
-- ids of facilities open at t / for the whole of [t0, t1). Why they exist: a scalar SQL function whose body
-- has a subquery is never inlined, so `where facility_open_at(f.id, $1)` costs one function call per row
-- (fine for hundreds of rows, ~20 µs each); these are single-SELECT table functions, which the planner does
-- inline into the caller, so `join open_facilities_at($1) o on o.facility_id = f.id` is one join. The day
-- kind depends only on ph_mode, so it is computed once per ph_mode, not once per facility.
create or replace function open_facilities_at(t timestamptz) returns table (facility_id bigint)
language sql stable parallel safe as $$
  with k as materialized (
    select m.ph_mode, hours_day_kind(m.ph_mode, (t at time zone 'Asia/Shanghai')::date) as day
      from (values ('weekday'), ('own')) as m (ph_mode)
  )
  select r.facility_id
    from opening_rules r
   where r.always_open
  union all
  -- intervals of one day are disjoint, so at most one matches per facility: no distinct needed
  select i.facility_id
    from k
    join opening_rules r on r.ph_mode = k.ph_mode and not r.always_open
    join opening_intervals i on i.facility_id = r.facility_id and i.day = k.day
   where i.start_min <= hours_local_minute(t)
     and i.end_min > hours_local_minute(t)
$$;

create or replace function open_facilities_during(t0 timestamptz, t1 timestamptz) returns table (facility_id bigint)
language sql stable parallel safe as $$
  with k as materialized (
    select m.ph_mode,
           hours_day_kind(m.ph_mode, (t0 at time zone 'Asia/Shanghai')::date) as day0,
           hours_day_kind(m.ph_mode, (t0 at time zone 'Asia/Shanghai')::date + 1) as day1
      from (values ('weekday'), ('own')) as m (ph_mode)
  )
  select r.facility_id
    from opening_rules r
   where r.always_open and t1 > t0
  union all
  -- spans up to 24 hours: the interval holding t0 must reach t1, or reach midnight and continue in the
  -- next day's interval that starts at 00:00 (each is unique per facility, intervals being disjoint)
  select i.facility_id
    from k
    join opening_rules r on r.ph_mode = k.ph_mode and not r.always_open
    join opening_intervals i on i.facility_id = r.facility_id and i.day = k.day0
    left join opening_intervals n
      on hours_span_end_min(t0, t1) > 1440
     and n.facility_id = r.facility_id and n.day = k.day1 and n.start_min = 0
   where t1 > t0
     and t1 - t0 <= interval '24 hours'
     and i.start_min <= hours_local_minute(t0)
     and i.end_min >= least(hours_span_end_min(t0, t1), 1440)
     and (hours_span_end_min(t0, t1) <= 1440 or n.end_min >= hours_span_end_min(t0, t1) - 1440)
  union all
  -- spans over 24 hours are rare (not hourly coverage): answer them one facility at a time
  select r.facility_id
    from opening_rules r
   where not r.always_open
     and t1 - t0 > interval '24 hours'
     and facility_open_during(r.facility_id, t0, t1)
$$;

-- Seed: the same rows as api/hours/holidays.ts (hours.sql.test.ts checks they agree). Sources:
--   2025: 国务院办公厅关于2025年部分节假日安排的通知 (12 November 2024)
--   2026: 国务院办公厅关于2026年部分节假日安排的通知 (4 November 2025)
insert into holidays (day, kind, name_zh, name_en) values
  -- 2025
  ('2025-01-01', 'holiday', '元旦', 'New Year''s Day'),
  ('2025-01-26', 'workday', '春节调休上班', 'Spring Festival make-up workday'),
  ('2025-01-28', 'holiday', '春节', 'Spring Festival'),
  ('2025-01-29', 'holiday', '春节', 'Spring Festival'),
  ('2025-01-30', 'holiday', '春节', 'Spring Festival'),
  ('2025-01-31', 'holiday', '春节', 'Spring Festival'),
  ('2025-02-01', 'holiday', '春节', 'Spring Festival'),
  ('2025-02-02', 'holiday', '春节', 'Spring Festival'),
  ('2025-02-03', 'holiday', '春节', 'Spring Festival'),
  ('2025-02-04', 'holiday', '春节', 'Spring Festival'),
  ('2025-02-08', 'workday', '春节调休上班', 'Spring Festival make-up workday'),
  ('2025-04-04', 'holiday', '清明节', 'Qingming Festival'),
  ('2025-04-05', 'holiday', '清明节', 'Qingming Festival'),
  ('2025-04-06', 'holiday', '清明节', 'Qingming Festival'),
  ('2025-04-27', 'workday', '劳动节调休上班', 'Labour Day make-up workday'),
  ('2025-05-01', 'holiday', '劳动节', 'Labour Day'),
  ('2025-05-02', 'holiday', '劳动节', 'Labour Day'),
  ('2025-05-03', 'holiday', '劳动节', 'Labour Day'),
  ('2025-05-04', 'holiday', '劳动节', 'Labour Day'),
  ('2025-05-05', 'holiday', '劳动节', 'Labour Day'),
  ('2025-05-31', 'holiday', '端午节', 'Dragon Boat Festival'),
  ('2025-06-01', 'holiday', '端午节', 'Dragon Boat Festival'),
  ('2025-06-02', 'holiday', '端午节', 'Dragon Boat Festival'),
  ('2025-09-28', 'workday', '国庆节、中秋节调休上班', 'National Day and Mid-Autumn Festival make-up workday'),
  ('2025-10-01', 'holiday', '国庆节、中秋节', 'National Day and Mid-Autumn Festival'),
  ('2025-10-02', 'holiday', '国庆节、中秋节', 'National Day and Mid-Autumn Festival'),
  ('2025-10-03', 'holiday', '国庆节、中秋节', 'National Day and Mid-Autumn Festival'),
  ('2025-10-04', 'holiday', '国庆节、中秋节', 'National Day and Mid-Autumn Festival'),
  ('2025-10-05', 'holiday', '国庆节、中秋节', 'National Day and Mid-Autumn Festival'),
  ('2025-10-06', 'holiday', '国庆节、中秋节', 'National Day and Mid-Autumn Festival'),
  ('2025-10-07', 'holiday', '国庆节、中秋节', 'National Day and Mid-Autumn Festival'),
  ('2025-10-08', 'holiday', '国庆节、中秋节', 'National Day and Mid-Autumn Festival'),
  ('2025-10-11', 'workday', '国庆节、中秋节调休上班', 'National Day and Mid-Autumn Festival make-up workday'),
  -- 2026
  ('2026-01-01', 'holiday', '元旦', 'New Year''s Day'),
  ('2026-01-02', 'holiday', '元旦', 'New Year''s Day'),
  ('2026-01-03', 'holiday', '元旦', 'New Year''s Day'),
  ('2026-01-04', 'workday', '元旦调休上班', 'New Year''s Day make-up workday'),
  ('2026-02-14', 'workday', '春节调休上班', 'Spring Festival make-up workday'),
  ('2026-02-15', 'holiday', '春节', 'Spring Festival'),
  ('2026-02-16', 'holiday', '春节', 'Spring Festival'),
  ('2026-02-17', 'holiday', '春节', 'Spring Festival'),
  ('2026-02-18', 'holiday', '春节', 'Spring Festival'),
  ('2026-02-19', 'holiday', '春节', 'Spring Festival'),
  ('2026-02-20', 'holiday', '春节', 'Spring Festival'),
  ('2026-02-21', 'holiday', '春节', 'Spring Festival'),
  ('2026-02-22', 'holiday', '春节', 'Spring Festival'),
  ('2026-02-23', 'holiday', '春节', 'Spring Festival'),
  ('2026-02-28', 'workday', '春节调休上班', 'Spring Festival make-up workday'),
  ('2026-04-04', 'holiday', '清明节', 'Qingming Festival'),
  ('2026-04-05', 'holiday', '清明节', 'Qingming Festival'),
  ('2026-04-06', 'holiday', '清明节', 'Qingming Festival'),
  ('2026-05-01', 'holiday', '劳动节', 'Labour Day'),
  ('2026-05-02', 'holiday', '劳动节', 'Labour Day'),
  ('2026-05-03', 'holiday', '劳动节', 'Labour Day'),
  ('2026-05-04', 'holiday', '劳动节', 'Labour Day'),
  ('2026-05-05', 'holiday', '劳动节', 'Labour Day'),
  ('2026-05-09', 'workday', '劳动节调休上班', 'Labour Day make-up workday'),
  ('2026-06-19', 'holiday', '端午节', 'Dragon Boat Festival'),
  ('2026-06-20', 'holiday', '端午节', 'Dragon Boat Festival'),
  ('2026-06-21', 'holiday', '端午节', 'Dragon Boat Festival'),
  ('2026-09-20', 'workday', '国庆节调休上班', 'National Day make-up workday'),
  ('2026-09-25', 'holiday', '中秋节', 'Mid-Autumn Festival'),
  ('2026-09-26', 'holiday', '中秋节', 'Mid-Autumn Festival'),
  ('2026-09-27', 'holiday', '中秋节', 'Mid-Autumn Festival'),
  ('2026-10-01', 'holiday', '国庆节', 'National Day'),
  ('2026-10-02', 'holiday', '国庆节', 'National Day'),
  ('2026-10-03', 'holiday', '国庆节', 'National Day'),
  ('2026-10-04', 'holiday', '国庆节', 'National Day'),
  ('2026-10-05', 'holiday', '国庆节', 'National Day'),
  ('2026-10-06', 'holiday', '国庆节', 'National Day'),
  ('2026-10-07', 'holiday', '国庆节', 'National Day'),
  ('2026-10-10', 'workday', '国庆节调休上班', 'National Day make-up workday')
on conflict (day) do nothing;
