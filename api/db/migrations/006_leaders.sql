-- Leaders' view: 党工共建 status of grids, monthly KPI history. Runs unchanged on PostgreSQL 15 + PostGIS 3.3 and
-- PGlite (PostgreSQL 18 + PostGIS 3.6).

-- The "inside" half of 共建享 looks facilities up by grid; the zone and kind filters of /api/enterprises and
-- /api/unions would otherwise scan.
create index if not exists facilities_grid_idx on facilities (grid_id);
create index if not exists enterprises_zone_idx on enterprises (zone_id);
create index if not exists unions_kind_region_idx on unions (kind, region_code);

-- 党工共建 status of every live grid — the ONE place the rule lives (docs/ARCHITECTURE.md, "党工共建 status"):
--   shared (共建享) = an open, co-built 职工之家 / 工会驿站 lies in the grid (facilities.grid_id) or is the grid's
--                    designated shared site (grids.shared_site_id); a planned or closed site does not count;
--   full            = 同步建 (synced_built) and 交叉任 (cross_posts ≥ 1) and 共建享;
--   none            = no union organisation in the grid (union_org is null);
--   partial         = everything else (a union exists but at least one of the three is missing).
create or replace view live_grid_status as
select g.id, g.town_code, g.name, g.party_org, g.union_org, g.synced_built, g.cross_posts, g.shared_site_id,
       g.workers, g.new_form_workers, g.geom, s.shared,
       case when g.union_org is null then 'none'
            when g.synced_built and g.cross_posts >= 1 and s.shared then 'full'
            else 'partial' end as status
  from live_grids g
  cross join lateral (
    select exists (
      select 1 from live_facilities f
       where f.co_built and f.type in ('worker_home', 'station') and f.status = 'open'
         and (f.id = g.shared_site_id or f.grid_id = g.id)
    ) as shared
  ) s;

-- Monthly KPI values per region (city, county or town). month is the first day of the month; the value is as of
-- the month's last day. numerator/denominator are kept for ratio KPIs so roll-ups and re-checks need no re-query.
-- source: 'backfill' = history derived from dated rows (seed time), 'job' = written by the snapshot job.
create table if not exists kpi_snapshots (
  region_code text not null references regions (code),
  month       date not null check (extract(day from month) = 1),
  kpi         text not null check (kpi ~ '^[a-z0-9_]{1,64}$'),
  value       numeric not null,
  numerator   numeric,
  denominator numeric,
  source      text not null check (source in ('backfill', 'job')),
  computed_at timestamptz not null default now(),
  primary key (region_code, kpi, month)
);
