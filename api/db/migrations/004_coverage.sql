-- Coverage: precomputed demand-cell ↔ facility pairs within the largest radius the API accepts (5 km), with the
-- geodesic distance, so "which cells are within r of an open station" is an index range scan per facility
-- instead of ST_DWithin over every cell. Runs unchanged on PostgreSQL 15 + PostGIS 3.3 and PGlite.
--
-- Decision (api/coverage/README.md): pairs are kept only for the service types worker_home + station (the
-- coverage default and what the planner measures): ≈ 0.6k facilities × ≈ 750 cells. Keeping all eight types
-- would be ≈ 3.5k facilities and ≈ 2.6M rows, too heavy for the embedded first start. Other types are
-- computed on the fly (ST_DWithin over the demand-centroid index), which is fast for their small counts.
-- Pairs exist for every live facility of those types whatever its status; status and opening hours are
-- filtered when a question is asked, so closing or reopening a facility needs no pair maintenance.

create table coverage_pairs (
  h3          text not null,
  facility_id bigint not null,
  -- ST_Distance(geography) on the WGS84 spheroid, metres (PostGIS rounds it to 1e-8 m)
  distance_m  float8 not null check (distance_m >= 0 and distance_m <= 5000)
);
-- "cells within r of these facilities": an index-only range scan per facility. Why no index on h3 (nor a
-- primary key): every question starts from a set of facilities; the rare lookups by cell (a demand row
-- deleted or moved) can afford a scan, and a second B-tree on 0.6M text keys made the build 2× slower.
-- Uniqueness of (h3, facility_id) holds by construction: pairs of a facility or cell are always deleted
-- before they are added again.
create index coverage_pairs_facility_idx on coverage_pairs (facility_id, distance_m) include (h3);

-- The facility types that have pairs. Keep in step with PAIR_TYPES in api/coverage/pairs.ts.
create or replace function coverage_pair_types() returns text[]
language sql immutable parallel safe as $$ select array['worker_home', 'station']::text[] $$;

-- A lng/lat box that surely contains every point within r metres (geodesic) of geometry g (a point or a box),
-- for an index-usable `geom && coverage_box(p, r)` before the exact ST_DWithin on geography. Why these
-- constants: a degree of latitude is at least 110,574 m (at the equator), a degree of longitude at latitude φ
-- is at least 111,320·cos φ m on the sphere and a little more on the WGS84 spheroid; φ is taken at the box's
-- pole-ward edge and both sides get 1 % slack.
create or replace function coverage_box(g geometry, r float8) returns geometry
language sql immutable strict parallel safe as $$
  select ST_Expand(g,
    1.01 * r / (111320 * cos(radians(least(greatest(abs(ST_YMin(g)), abs(ST_YMax(g))) + 1.01 * r / 110574, 89.9)))),
    1.01 * r / 110574)
$$;

-- The next ordinary weekday (Monday–Friday, neither a public holiday nor a 调休 make-up day) on or after
-- local date d: the default day for hourly coverage, so "22:00" means a normal working evening.
create or replace function coverage_default_date(d date) returns date
language sql stable parallel safe as $$
  select min(x)::date
    from generate_series(d, d + 30, interval '1 day') as g (x)
   where extract(isodow from x) <= 5
     and not exists (select 1 from holidays h where h.day = x::date)
$$;

-- Within = ST_Distance(geography) ≤ 5000, the rule every coverage path uses (api/coverage/pairs.ts); the
-- ST_DWithin with 1 mm slack is the cheap test in front of it.

-- Pairs of the given facilities (ids) against all demand cells: drive from the few facilities into the demand
-- centroid index.
create or replace function coverage_pairs_add_facilities(ids bigint[]) returns void
language sql volatile as $$
  insert into coverage_pairs (h3, facility_id, distance_m)
  select d.h3, f.id, ST_Distance(f.geom::geography, d.centroid::geography)
    from facilities f
    join demand d
      on d.centroid && coverage_box(f.geom, 5000)
     and ST_DWithin(f.geom::geography, d.centroid::geography, 5000.001)
     and ST_Distance(f.geom::geography, d.centroid::geography) <= 5000
   where f.id = any(ids)
     and f.deleted_at is null
     and f.type = any(coverage_pair_types())
$$;

-- Pairs of the given demand cells against all qualifying facilities (still driven from facilities, the
-- smaller side; the cells list is a hash semi-join).
create or replace function coverage_pairs_add_cells(cells text[]) returns void
language sql volatile as $$
  insert into coverage_pairs (h3, facility_id, distance_m)
  select d.h3, f.id, ST_Distance(f.geom::geography, d.centroid::geography)
    from facilities f
    join demand d
      on d.centroid && coverage_box(f.geom, 5000)
     and ST_DWithin(f.geom::geography, d.centroid::geography, 5000.001)
     and ST_Distance(f.geom::geography, d.centroid::geography) <= 5000
   where f.deleted_at is null
     and f.type = any(coverage_pair_types())
     and d.h3 in (select unnest(cells))
$$;

-- Full rebuild, for bulk loads (the seed's COPY of 200k demand cells, a migration over loaded data). Why drop
-- and re-create the index: filling an indexed table row by row cost ≈ 2× filling it bare and indexing once.
create or replace function coverage_pairs_rebuild() returns void
language plpgsql as $$
begin
  truncate coverage_pairs;
  drop index if exists coverage_pairs_facility_idx;
  insert into coverage_pairs (h3, facility_id, distance_m)
  select d.h3, f.id, ST_Distance(f.geom::geography, d.centroid::geography)
    from facilities f
    join demand d
      on d.centroid && coverage_box(f.geom, 5000)
     and ST_DWithin(f.geom::geography, d.centroid::geography, 5000.001)
     and ST_Distance(f.geom::geography, d.centroid::geography) <= 5000
   where f.deleted_at is null
     and f.type = any(coverage_pair_types());
  create index coverage_pairs_facility_idx on coverage_pairs (facility_id, distance_m) include (h3);
  analyze coverage_pairs;
end $$;

-- Incremental maintenance. Statement-level triggers with transition tables, so a bulk COPY (the demo seed, an
-- import) is one set-based statement, not one per row. A trigger rather than a function every writer must
-- call: no writer (admin edit, import, SQL console) can forget it.
create or replace function coverage_pairs_facilities_ins() returns trigger
language plpgsql as $$
begin
  perform coverage_pairs_add_facilities(array(select id from new_rows));
  return null;
end $$;

create or replace function coverage_pairs_facilities_upd() returns trigger
language plpgsql as $$
declare
  changed bigint[];
begin
  -- only a move, a type change or a (un)delete changes pairs; status and hours are read at question time
  select array_agg(n.id) into changed
    from new_rows n
    join old_rows o on o.id = n.id
   where ST_AsBinary(n.geom) is distinct from ST_AsBinary(o.geom)
      or n.type is distinct from o.type
      or (n.deleted_at is null) is distinct from (o.deleted_at is null);
  if changed is not null then
    delete from coverage_pairs where facility_id = any(changed);
    perform coverage_pairs_add_facilities(changed);
  end if;
  return null;
end $$;

create or replace function coverage_pairs_facilities_del() returns trigger
language plpgsql as $$
begin
  delete from coverage_pairs where facility_id in (select id from old_rows);
  return null;
end $$;

create or replace function coverage_pairs_demand_ins() returns trigger
language plpgsql as $$
begin
  -- a bulk load (seed, re-import) is cheaper as one rebuild than as an incremental insert
  if (select count(*) from new_rows) > 20000 then
    perform coverage_pairs_rebuild();
    return null;
  end if;
  perform coverage_pairs_add_cells(array(select h3 from new_rows));
  return null;
end $$;

create or replace function coverage_pairs_demand_upd() returns trigger
language plpgsql as $$
declare
  moved text[];
begin
  select array_agg(n.h3) into moved
    from new_rows n
    join old_rows o on o.h3 = n.h3
   where ST_AsBinary(n.centroid) is distinct from ST_AsBinary(o.centroid);
  -- a changed key (h3 itself) shows up as a cell without a partner: treat as delete + insert
  delete from coverage_pairs
   where h3 in (select h3 from old_rows except select h3 from new_rows)
      or h3 = any(coalesce(moved, '{}'));
  perform coverage_pairs_add_cells(coalesce(moved, '{}') || array(select h3 from new_rows except select h3 from old_rows));
  return null;
end $$;

create or replace function coverage_pairs_demand_del() returns trigger
language plpgsql as $$
begin
  delete from coverage_pairs where h3 in (select h3 from old_rows);
  return null;
end $$;

create or replace function coverage_pairs_truncate() returns trigger
language plpgsql as $$
begin
  truncate coverage_pairs;
  return null;
end $$;

-- Transition tables allow one event per trigger, hence one trigger per event.
create trigger coverage_pairs_facilities_ins after insert on facilities
  referencing new table as new_rows for each statement execute function coverage_pairs_facilities_ins();
create trigger coverage_pairs_facilities_upd after update on facilities
  referencing old table as old_rows new table as new_rows for each statement execute function coverage_pairs_facilities_upd();
create trigger coverage_pairs_facilities_del after delete on facilities
  referencing old table as old_rows for each statement execute function coverage_pairs_facilities_del();
create trigger coverage_pairs_facilities_trunc after truncate on facilities
  for each statement execute function coverage_pairs_truncate();
create trigger coverage_pairs_demand_ins after insert on demand
  referencing new table as new_rows for each statement execute function coverage_pairs_demand_ins();
create trigger coverage_pairs_demand_upd after update on demand
  referencing old table as old_rows new table as new_rows for each statement execute function coverage_pairs_demand_upd();
create trigger coverage_pairs_demand_del after delete on demand
  referencing old table as old_rows for each statement execute function coverage_pairs_demand_del();
create trigger coverage_pairs_demand_trunc after truncate on demand
  for each statement execute function coverage_pairs_truncate();

-- A database migrated after its data was loaded gets its pairs here; a fresh one gets them from the seed's
-- COPY through the triggers above.
select coverage_pairs_rebuild();
