-- KPIs of one region, each computed from rows. $1 = region code (any level), $2 = reach radius in metres.
-- The towns CTE is the region filter; every KPI reads only live (not soft-deleted) rows.
with towns as (select code from region_towns($1)),
counties as (
  select c.code from regions c
   where c.level = 'county' and ($1 in (c.code, c.parent_code) or c.code = (select parent_code from regions where code = $1))
),
sites as (
  select f.* from live_facilities f
   where f.region_code in (select code from towns) and f.type in ('worker_home', 'station') and f.status <> 'planned'
),
ent as (select e.* from live_enterprises e where e.region_code in (select code from towns)),
reach as (
  -- geometry && envelope prefilter uses the GiST index; ST_DWithin on geography then decides exactly (metres)
  select d.residents, d.new_form_workers,
         exists (select 1 from live_facilities f
                  where f.type in ('worker_home', 'station') and f.status = 'open'
                    and f.geom && ST_Expand(d.centroid, $2 / 80000.0)
                    and ST_DWithin(f.geom::geography, d.centroid::geography, $2)) as covered
    from demand d where d.region_code in (select code from towns)
)
select
  (select count(*) from sites) as sites,
  (select count(*) from sites where co_built) as sites_co_built,
  (select count(*) from live_facilities f where f.region_code in (select code from towns) and f.type = 'craftsman_college') as craftsman_colleges,
  (select count(*) from live_facilities f where f.region_code in (select code from towns) and f.type = 'summer_care') as summer_care,
  (select coalesce(sum(u.new_form_members), 0) from live_unions u
    where u.kind = 'industry_federation' and (u.region_code in (select code from towns) or u.region_code in (select code from counties)
          or u.region_code = $1)) as new_form_members,
  (select count(distinct u.region_code) from live_unions u
    where u.kind = 'industry_federation' and u.region_code in (select code from counties)) as counties_with_federation,
  (select count(*) from counties) as counties,
  (select count(*) from live_unions u where u.kind = 'industry_federation' and u.region_code = '320900') as city_federations,
  (select count(*) from ent where non_public and own_union_on >= date '2025-01-01' and own_union_on < date '2026-01-01') as own_union_2025,
  (select count(*) from ent where unionized) as unionized,
  (select count(*) from ent where unionized and has_workers_congress and open_affairs) as unionized_democratic,
  (select count(*) from ent where reform_pilot) as reform_pilots,
  (select count(*) from ent where skill_pay) as skill_pay_enterprises,
  (select coalesce(sum(skill_pay_workers), 0) from ent) as skill_pay_workers,
  (select coalesce(sum(residents), 0) from reach) as residents,
  (select coalesce(sum(residents), 0) from reach where covered) as residents_covered,
  (select coalesce(sum(new_form_workers), 0) from reach) as new_form_workers,
  (select coalesce(sum(new_form_workers), 0) from reach where covered) as new_form_workers_covered
