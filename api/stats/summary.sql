-- KPIs of one region, each computed from rows as of today. $1 = region code (city, county or town), $2 = reach
-- radius in metres. This is the per-region path; facts.sql computes every region at once for the choropleth and
-- the monthly snapshots, and tests check the two against each other.
-- The towns CTE is the region filter; every KPI reads only live (not soft-deleted) rows. A dated row counts once its
-- date has come (opened_on, own_union_on, founded_on); an undated row counts always.
with towns as (select code from region_towns($1)),
-- the county-level units of the region; for a town, its own county, so a town shows whether its county has a
-- new-form industry federation (federations are organised at city and county level, never in a town)
counties as (
  select c.code from regions c
   where c.level = 'county' and ($1 in (c.code, c.parent_code) or c.code = (select parent_code from regions where code = $1))
),
-- the region itself and the regions inside it: where new-form members are counted (a town has none of its own)
inside as (select code from regions where code = $1 or parent_code = $1 union select code from towns),
sites as (
  select f.* from live_facilities f
   where f.region_code in (select code from towns) and f.type in ('worker_home', 'station') and f.status <> 'planned'
     and coalesce(f.opened_on, date '-infinity') <= current_date
),
ent as (select e.* from live_enterprises e where e.region_code in (select code from towns)),
fed as (
  select u.* from live_unions u
   where u.kind = 'industry_federation' and coalesce(u.founded_on, date '-infinity') <= current_date
),
-- demand cells of the region within $2 metres (geodesic) of a site open now. Probing the demand index around each of
-- the few hundred sites is far cheaper than probing the sites around every cell; the box is just larger than the
-- circle (a degree of latitude ≥ 110,574 m, of longitude ≥ 111,320 m × cos(latitude)), ST_DWithin decides.
covered as (
  select distinct d.h3
    from live_facilities f
    join demand d on d.centroid && ST_Expand(f.geom, $2::float8 / (111320.0 * cos(radians(least(abs(ST_Y(f.geom)) + $2::float8 / 110574.0, 89)))), $2::float8 / 110574.0)
                 and ST_DWithin(f.geom::geography, d.centroid::geography, $2::float8)
   where f.type in ('worker_home', 'station') and f.status = 'open'
     and coalesce(f.opened_on, date '-infinity') <= current_date
     and d.region_code in (select code from towns)
),
reach as (
  select d.residents, d.workers, d.new_form_workers, c.h3 is not null as covered
    from demand d left join covered c on c.h3 = d.h3
   where d.region_code in (select code from towns)
)
select
  (select count(*) from sites) as sites,
  (select count(*) from sites where co_built) as sites_co_built,
  (select count(*) from live_facilities f where f.region_code in (select code from towns) and f.type = 'craftsman_college'
      and coalesce(f.opened_on, date '-infinity') <= current_date) as craftsman_colleges,
  (select count(*) from live_facilities f where f.region_code in (select code from towns) and f.type = 'summer_care'
      and coalesce(f.opened_on, date '-infinity') <= current_date) as summer_care,
  (select coalesce(sum(new_form_members), 0) from fed where region_code in (select code from inside)) as new_form_members,
  (select count(distinct region_code) from fed where region_code in (select code from counties)) as counties_with_federation,
  (select count(*) from counties) as counties,
  (select count(distinct f.region_code) from fed f join regions r on r.code = f.region_code
    where r.level in ('city', 'county') and f.region_code in (select code from inside)) as federation_units,
  (select count(*) from ent where non_public and own_union_on >= date '2025-01-01' and own_union_on < date '2026-01-01'
      and own_union_on <= current_date) as own_union_2025,
  (select count(*) from ent) as enterprises,
  (select count(*) from ent where unionized and coalesce(own_union_on, date '-infinity') <= current_date) as unionized,
  (select count(*) from ent where unionized and coalesce(own_union_on, date '-infinity') <= current_date
      and has_workers_congress and open_affairs) as unionized_democratic,
  (select count(*) from ent where reform_pilot) as reform_pilots,
  (select count(*) from ent where skill_pay) as skill_pay_enterprises,
  (select coalesce(sum(skill_pay_workers), 0) from ent) as skill_pay_workers,
  (select count(*) from live_grid_status where town_code in (select code from towns)) as grids,
  (select count(*) from live_grid_status where town_code in (select code from towns) and status = 'full') as grids_full,
  (select coalesce(sum(residents), 0) from reach) as residents,
  (select coalesce(sum(residents), 0) from reach where covered) as residents_covered,
  (select coalesce(sum(workers), 0) from reach) as workers,
  (select coalesce(sum(new_form_workers), 0) from reach) as new_form_workers,
  (select coalesce(sum(new_form_workers), 0) from reach where covered) as new_form_workers_covered
