-- What the rider's nearest-station query (api/nearby) reads on every request, precomputed so that a request
-- costs a KNN walk, a few exact distances and primary-key probes (see docs/ARCHITECTURE.md, "rider hot path").

-- 1. The geography of each facility, stored: ST_Distance / ST_Azimuth on geography are exact on the WGS84
--    ellipsoid, and casting geometry → geography per candidate row cost about as much as the distance itself.
alter table facilities add column geog geography(Point, 4326) generated always as (geom::geography) stored;
-- `select *` in a view is expanded when the view is made; replacing it appends the new column.
create or replace view live_facilities as select * from facilities where deleted_at is null;

-- 2. Opening hours as absolute instants ("spans") for a rolling window of local days, one multirange per
--    facility, computed from opening_rules / opening_intervals / holidays (002) by the rules of
--    facility_open_at and facility_next_change. Then "open at t" is `spans @> t` and the next change after t
--    is the first range edge after t — a multirange merges touching ranges, so …–24:00 then 00:00–… is one
--    span, as facility_next_change requires. The window is valid for a question at t when
--    from_ts <= t and t + 192 h < to_ts; outside it the API answers from the rules directly (slower).
create table open_spans_window (
  singleton    boolean primary key default true check (singleton),
  from_day     date not null,          -- local (Asia/Shanghai) days [from_day, to_day)
  to_day       date not null,
  from_ts      timestamptz not null,
  to_ts        timestamptz not null,
  refreshed_at timestamptz not null default now()
);

create table open_spans (
  facility_id bigint primary key references facilities (id) on delete cascade,
  -- '{(,)}' for 24/7, '{}' for a facility without hours or with unparsable hours
  spans       tstzmultirange not null
);

-- Local days the window spans, and how far ahead of today it must reach before it is rolled forward.
create or replace function open_spans_days() returns integer language sql immutable as $$ select 16 $$;

create or replace function open_spans_compute(p_from date, p_to date, p_ids bigint[])
returns table (facility_id bigint, spans tstzmultirange)
language sql stable as $$
  with days as materialized (
    -- hours_day_kind for each day of the window and both ph_modes, from one read of holidays
    select m.ph_mode, p_from + g.n as d,
           coalesce(case when h.kind = 'workday' then 0
                         when h.kind = 'holiday' and m.ph_mode = 'own' then 7 end,
                    extract(isodow from p_from + g.n)::integer - 1)::smallint as day
      from generate_series(0, p_to - p_from - 1) as g (n)
     cross join (values ('weekday'), ('own')) as m (ph_mode)
      left join holidays h on h.day = p_from + g.n
  )
  select o.facility_id,
         case when o.always_open then '{(,)}'::tstzmultirange
              else coalesce(range_agg(tstzrange((d.d + i.start_min * interval '1 minute') at time zone 'Asia/Shanghai',
                                                (d.d + i.end_min * interval '1 minute') at time zone 'Asia/Shanghai'))
                              filter (where i.facility_id is not null),
                            '{}'::tstzmultirange) end
    from opening_rules o
    left join days d on d.ph_mode = o.ph_mode and not o.always_open
    left join opening_intervals i on i.facility_id = o.facility_id and i.day = d.day
   where p_ids is null or o.facility_id = any(p_ids)
   group by o.facility_id, o.always_open
$$;

-- Recompute every facility for the window starting at local day p_from. One transaction: readers see the
-- old window and spans or the new ones, never a mix (the window row is read in the same snapshot).
create or replace function open_spans_refresh(p_from date) returns void
language plpgsql as $$
declare
  p_to date := p_from + open_spans_days();
begin
  delete from open_spans;
  insert into open_spans (facility_id, spans) select * from open_spans_compute(p_from, p_to, null);
  insert into open_spans_window (from_day, to_day, from_ts, to_ts, refreshed_at)
  values (p_from, p_to, p_from::timestamp at time zone 'Asia/Shanghai', p_to::timestamp at time zone 'Asia/Shanghai', now())
  on conflict (singleton) do update
     set from_day = excluded.from_day, to_day = excluded.to_day, from_ts = excluded.from_ts,
         to_ts = excluded.to_ts, refreshed_at = excluded.refreshed_at;
end $$;

-- Roll the window forward when it no longer reaches 10 days past today (so a question about "now" always
-- has 8 days of look-ahead inside it). Returns whether it refreshed. Any API process may call it; a second
-- caller while one refresh runs returns false at once instead of queueing a duplicate refresh.
create or replace function open_spans_ensure(p_now timestamptz) returns boolean
language plpgsql as $$
declare
  today date := (p_now at time zone 'Asia/Shanghai')::date;
  w open_spans_window;
begin
  if not pg_try_advisory_xact_lock(7420252) then
    return false;
  end if;
  select * into w from open_spans_window;
  if found and w.from_day <= today - 1 and w.to_day >= today + 10 then
    return false;
  end if;
  perform open_spans_refresh(today - 1);
  return true;
end $$;

-- Keep the spans of changed facilities current inside the window: statement-level triggers with transition
-- tables (as coverage_pairs in 004), so a COPY or a bulk re-materialisation is one set-based recompute.
create or replace function open_spans_sync(p_ids bigint[]) returns void
language sql as $$
  delete from open_spans where facility_id = any(p_ids);
  insert into open_spans (facility_id, spans)
  select c.facility_id, c.spans
    from open_spans_window w
   cross join lateral open_spans_compute(w.from_day, w.to_day, p_ids) c;
$$;

-- One trigger function for insert, update and delete: each branch reads only the transition table its trigger
-- declares (PL/pgSQL plans a statement when it first runs, so the others are never looked up).
create or replace function open_spans_sync_rows() returns trigger
language plpgsql as $$
begin
  if TG_OP = 'INSERT' then
    perform open_spans_sync(array(select distinct facility_id from new_rows));
  elsif TG_OP = 'DELETE' then
    perform open_spans_sync(array(select distinct facility_id from old_rows));
  else
    perform open_spans_sync(array(select facility_id from old_rows union select facility_id from new_rows));
  end if;
  return null;
end $$;

-- a holiday or 调休 day changes the day kinds of everyone: recompute the whole window
create or replace function open_spans_sync_all() returns trigger
language plpgsql as $$
declare
  w open_spans_window;
begin
  select * into w from open_spans_window;
  if found then
    perform open_spans_refresh(w.from_day);
  end if;
  return null;
end $$;

create trigger open_spans_rules_ins after insert on opening_rules
  referencing new table as new_rows for each statement execute function open_spans_sync_rows();
create trigger open_spans_rules_upd after update on opening_rules
  referencing old table as old_rows new table as new_rows for each statement execute function open_spans_sync_rows();
create trigger open_spans_rules_del after delete on opening_rules
  referencing old table as old_rows for each statement execute function open_spans_sync_rows();
create trigger open_spans_intervals_ins after insert on opening_intervals
  referencing new table as new_rows for each statement execute function open_spans_sync_rows();
create trigger open_spans_intervals_upd after update on opening_intervals
  referencing old table as old_rows new table as new_rows for each statement execute function open_spans_sync_rows();
create trigger open_spans_intervals_del after delete on opening_intervals
  referencing old table as old_rows for each statement execute function open_spans_sync_rows();
create trigger open_spans_intervals_trunc after truncate on opening_intervals
  for each statement execute function open_spans_sync_all();
create trigger open_spans_rules_trunc after truncate on opening_rules
  for each statement execute function open_spans_sync_all();
create trigger open_spans_holidays after insert or update or delete or truncate on holidays
  for each statement execute function open_spans_sync_all();

-- The points of a batched nearest-station question (api/nearby/queries.ts spansSql). Why a PL/pgSQL wrapper
-- around unnest: it is not inlined, so the planner takes ROWS 1 for a bound array as it does for a literal one.
-- With unnest itself a custom plan (array length known) always looked cheaper than the generic one (100 rows
-- assumed), so every request paid ≈ 1 ms of planning; with equal estimates the cached generic plan is reused.
create or replace function nearby_points(lngs float8[], lats float8[], ats timestamptz[], degs float8[])
returns table (i bigint, lng float8, lat float8, at timestamptz, deg float8)
language plpgsql immutable parallel safe rows 1 as $$
begin
  return query select u.i, u.lng, u.lat, u.at, u.deg
                 from unnest(lngs, lats, ats, degs) with ordinality as u (lng, lat, at, deg, i);
end $$;

select open_spans_ensure(now());
