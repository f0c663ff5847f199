-- KPI numerators and denominators of EVERY region (city, county, town) in one pass, as of each date in $1.
-- $1 = as-of dates (date[]), $2 = reach radius in metres, $3 = scope region code (null = whole city): only that
-- region, its counties and its towns are computed and returned.
--
-- Used by /api/stats/by-region (as of today) and by the kpi_snapshots job and backfill (as of each month's last
-- day). summary.sql is the other, per-region path; tests check the two against each other and against plain SQL.
--
-- "As of D" reads the dates the rows carry: a site counts from facilities.opened_on, a union from
-- enterprises.own_union_on, a federation from unions.founded_on. A row without a date counts at every D. Columns
-- without a date of their own (enterprise flags, grid organisation) are taken as they are now — the snapshot job
-- therefore back-fills only the KPIs whose inputs are all dated (api/stats/kpis.ts, DATED_KPIS).
with asof as (select distinct d::date as as_of from unnest($1::date[]) as d),
scope as (
  select r.code, r.level from regions r
   where r.level in ('city', 'county', 'town')
     and ($3::text is null or r.code = $3 or r.parent_code = $3 or r.code in (select code from region_towns($3)))
),
-- each region with itself and its ancestors: a row attached to a town counts for its county and the city too
up as (
  select r.code as attached, r.code as region_code from regions r where r.level in ('city', 'county', 'town')
  union all
  select r.code, r.parent_code from regions r where r.level in ('county', 'town')
  union all
  select t.code, c.parent_code from regions t join regions c on c.code = t.parent_code where t.level = 'town'
),
fac as (
  select f.region_code, a.as_of,
         count(*) filter (where f.type in ('worker_home', 'station') and f.status <> 'planned') as sites,
         count(*) filter (where f.type in ('worker_home', 'station') and f.status <> 'planned' and f.co_built) as sites_co_built,
         count(*) filter (where f.type = 'craftsman_college') as craftsman_colleges,
         count(*) filter (where f.type = 'summer_care') as summer_care
    from live_facilities f
    join asof a on coalesce(f.opened_on, date '-infinity') <= a.as_of
   where f.region_code in (select code from scope)
   group by 1, 2
),
-- Coverage: for each demand cell, the day the first site that is open now opened within $2 metres of it. A cell is
-- covered as of D when that day <= D, so one spatial pass serves every month. The pass starts from the few hundred
-- sites and probes the demand index around each (far cheaper than probing the sites around 200k cells); the &&
-- prefilter keeps the GiST index in play with a box just larger than the circle (a degree of latitude is at least
-- 110,574 m, a degree of longitude at least 111,320 m × cos(latitude) on WGS84) and ST_DWithin on geography
-- decides exactly (spheroid). Sites anywhere count: a site just across a town boundary still covers the cell.
covered as (
  select d.h3, min(coalesce(f.opened_on, date '-infinity')) as covered_from
    from live_facilities f
    join demand d on d.centroid && ST_Expand(f.geom, $2::float8 / (111320.0 * cos(radians(least(abs(ST_Y(f.geom)) + $2::float8 / 110574.0, 89)))), $2::float8 / 110574.0)
                 and ST_DWithin(f.geom::geography, d.centroid::geography, $2::float8)
   where f.type in ('worker_home', 'station') and f.status = 'open'
   group by d.h3
),
cell_groups as (
  select d.region_code, c.covered_from, sum(d.residents) as residents, sum(d.workers) as workers,
         sum(d.new_form_workers) as new_form_workers
    from demand d
    left join covered c on c.h3 = d.h3
   where d.region_code in (select code from scope)
   group by 1, 2
),
cov as (
  select g.region_code, a.as_of,
         sum(g.residents) as residents,
         coalesce(sum(g.residents) filter (where g.covered_from <= a.as_of), 0) as residents_covered,
         sum(g.workers) as workers,
         sum(g.new_form_workers) as new_form_workers,
         coalesce(sum(g.new_form_workers) filter (where g.covered_from <= a.as_of), 0) as new_form_workers_covered
    from cell_groups g cross join asof a
   group by 1, 2
),
ent as (
  select e.region_code, a.as_of,
         count(*) as enterprises,
         count(*) filter (where u.is_on) as unionized,
         count(*) filter (where u.is_on and e.has_workers_congress and e.open_affairs) as unionized_democratic,
         count(*) filter (where e.non_public and e.own_union_on >= date '2025-01-01'
                            and e.own_union_on < date '2026-01-01' and e.own_union_on <= a.as_of) as own_union_2025,
         count(*) filter (where e.reform_pilot) as reform_pilots,
         count(*) filter (where e.skill_pay) as skill_pay_enterprises,
         coalesce(sum(e.skill_pay_workers), 0) as skill_pay_workers
    from live_enterprises e
    cross join asof a
    cross join lateral (select e.unionized and coalesce(e.own_union_on, date '-infinity') <= a.as_of as is_on) u
   where e.region_code in (select code from scope)
   group by 1, 2
),
grd as (
  select g.town_code as region_code, count(*) as grids, count(*) filter (where g.status = 'full') as grids_full
    from live_grid_status g
   where g.town_code in (select code from scope)
   group by 1
),
fed as (
  select u.region_code, a.as_of, count(*) as federations, coalesce(sum(u.new_form_members), 0) as new_form_members
    from live_unions u
    join asof a on coalesce(u.founded_on, date '-infinity') <= a.as_of
   where u.kind = 'industry_federation' and u.region_code in (select code from scope)
   group by 1, 2
),
attached as (
  select s.code, a.as_of,
         coalesce(fac.sites, 0) as sites, coalesce(fac.sites_co_built, 0) as sites_co_built,
         coalesce(fac.craftsman_colleges, 0) as craftsman_colleges, coalesce(fac.summer_care, 0) as summer_care,
         coalesce(fed.new_form_members, 0) as new_form_members,
         case when s.level in ('city', 'county') and coalesce(fed.federations, 0) > 0 then 1 else 0 end as federation_units,
         case when s.level = 'county' and coalesce(fed.federations, 0) > 0 then 1 else 0 end as counties_with_federation,
         case when s.level = 'county' then 1 else 0 end as counties,
         coalesce(ent.enterprises, 0) as enterprises, coalesce(ent.unionized, 0) as unionized,
         coalesce(ent.unionized_democratic, 0) as unionized_democratic, coalesce(ent.own_union_2025, 0) as own_union_2025,
         coalesce(ent.reform_pilots, 0) as reform_pilots, coalesce(ent.skill_pay_enterprises, 0) as skill_pay_enterprises,
         coalesce(ent.skill_pay_workers, 0) as skill_pay_workers,
         coalesce(cov.residents, 0) as residents, coalesce(cov.residents_covered, 0) as residents_covered,
         coalesce(cov.workers, 0) as workers, coalesce(cov.new_form_workers, 0) as new_form_workers,
         coalesce(cov.new_form_workers_covered, 0) as new_form_workers_covered,
         coalesce(grd.grids, 0) as grids, coalesce(grd.grids_full, 0) as grids_full
    from scope s
    cross join asof a
    left join fac on fac.region_code = s.code and fac.as_of = a.as_of
    left join cov on cov.region_code = s.code and cov.as_of = a.as_of
    left join ent on ent.region_code = s.code and ent.as_of = a.as_of
    left join fed on fed.region_code = s.code and fed.as_of = a.as_of
    left join grd on grd.region_code = s.code
)
select r.code as region_code, r.name, r.level, r.parent_code, to_char(x.as_of, 'YYYY-MM-DD') as as_of,
       sum(x.sites)::int as sites, sum(x.sites_co_built)::int as sites_co_built,
       sum(x.craftsman_colleges)::int as craftsman_colleges, sum(x.summer_care)::int as summer_care,
       sum(x.new_form_members)::int as new_form_members, sum(x.federation_units)::int as federation_units,
       sum(x.counties_with_federation)::int as counties_with_federation, sum(x.counties)::int as counties,
       sum(x.enterprises)::int as enterprises, sum(x.unionized)::int as unionized,
       sum(x.unionized_democratic)::int as unionized_democratic, sum(x.own_union_2025)::int as own_union_2025,
       sum(x.reform_pilots)::int as reform_pilots, sum(x.skill_pay_enterprises)::int as skill_pay_enterprises,
       sum(x.skill_pay_workers)::int as skill_pay_workers,
       sum(x.residents)::int as residents, sum(x.residents_covered)::int as residents_covered,
       sum(x.workers)::int as workers, sum(x.new_form_workers)::int as new_form_workers,
       sum(x.new_form_workers_covered)::int as new_form_workers_covered,
       sum(x.grids)::int as grids, sum(x.grids_full)::int as grids_full
  from attached x
  join up on up.attached = x.code
  join scope s on s.code = up.region_code
  join regions r on r.code = up.region_code
 group by r.code, r.name, r.level, r.parent_code, x.as_of
 order by r.code, x.as_of
