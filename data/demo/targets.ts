// Calibration targets for the demo data. Each figure the report states is reproduced exactly by the generated rows
// (counted by SQL in the calibration test, and in JS by data/demo/generate.test.ts).
// Report: 盐城市总工会《党建带工建 赋能新发展》, 2026-01-26, covering 2025 (shared/seed/000_7ec6b2f64bd62a5c.txt).

/** "高标准建设"职工之家""工会驿站"等基层服务站点580余个" — worker_home + station rows with status 'open'. */
export const SERVICE_SITES_REPORTED_MIN = 580;
/** Our reading of "580余个": open worker_home + station rows. */
export const SERVICE_SITES_OPEN = 586;
/** Extra worker_home/station rows that are not open (a few closed and planned sites, not counted by the report). */
export const SERVICE_SITES_CLOSED = 4;
export const SERVICE_SITES_PLANNED = 8;
/** Of the open service sites, how many are worker homes (职工之家); the rest are stations (工会驿站). Our choice. */
export const WORKER_HOMES_OPEN = 236;
/** Share of stations open around the clock (24/7), for riders at night. Our choice (~8 %). */
export const STATIONS_24_7_SHARE = 0.08;

/** "共建工匠学院13家" — craftsman_college rows. */
export const CRAFTSMAN_COLLEGES = 13;
/** "开办暑期爱心托管班110个" — summer_care rows. */
export const SUMMER_CARE_CLASSES = 110;
/** "组建市县劳动争议多元调解中心" — one city centre + one per county-level unit (10) = 11 mediation rows. */
export const MEDIATION_CENTRES = 11;
/** 劳模(工匠)创新工作室 — the report gives no count (667 劳模工匠 in 221 enterprises); we emit this many. */
export const MODEL_STUDIOS = 150;

/** "非公企业独立建会193家" — non_public enterprises with own_union_on in 2025 (hence unionized). */
export const NON_PUBLIC_OWN_UNION_2025 = 193;
/** "设立产改试点企业1024家" — enterprises with reform_pilot. */
export const REFORM_PILOTS = 1024;
/** "技高者多得"薪酬分配机制在3400家企业落地落实，覆盖职工20万人 — skill_pay enterprises and Σ skill_pay_workers. */
export const SKILL_PAY_ENTERPRISES = 3400;
export const SKILL_PAY_WORKERS = 200_000;
/** "已建会企业厂务公开、职代会建制率动态保持90%以上" — share of unionized enterprises with both. */
export const CONGRESS_AND_OPEN_AFFAIRS_MIN_SHARE = 0.9;
/** Enterprise rows emitted (synthetic population; the report gives no total). */
export const ENTERPRISES = 12_000;

/** "发展新业态劳动者会员6.4万人" — Σ new_form_members over industry_federation unions (all other unions carry 0). */
export const NEW_FORM_MEMBERS = 64_000;
/** "年内实现市县两级新业态劳动者行业工会联合会全覆盖": city (320900) + every county-level unit (10). */
export const NEW_FORM_FEDERATION_LEVELS = 11;
export const NEW_FORM_INDUSTRIES = ['delivery', 'courier', 'ride_hailing', 'trucking'] as const;
/** Σ demand.new_form_workers: more new-form workers than members. Our estimate, not from the report. */
export const NEW_FORM_WORKERS = 110_000;

/**
 * Σ demand.residents: 盐城市第七次全国人口普查 常住人口 6,709,629 (2020-11-01), the published 670.96万. The per-county
 * split below is an ESTIMATE (we could not cite the county table reliably): it sums to the city total and respects
 * the 公报's banding (3 units above 800k, 3 in 700–800k, 2 in 600–700k, 1 in 400–600k).
 */
export const RESIDENTS_TOTAL = 6_709_629;
export const RESIDENTS_BY_COUNTY_ESTIMATE: Readonly<Record<string, number>> = {
  '320902': 812_000, // 亭湖区 (without 320971 开发区)
  '320903': 716_000, // 盐都区
  '320904': 645_000, // 大丰区
  '320921': 478_000, // 响水县
  '320922': 808_000, // 滨海县
  '320923': 752_000, // 阜宁县
  '320924': 748_000, // 射阳县
  '320925': 628_000, // 建湖县
  '320981': 886_000, // 东台市
  '320971': 236_629, // 盐城经济技术开发区: the remainder, so the sum is exactly RESIDENTS_TOTAL
};

/** H3 resolution of the demand grid (≈ 0.105 km² cells). */
export const DEMAND_H3_RESOLUTION = 9;
