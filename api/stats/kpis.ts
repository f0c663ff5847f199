/**
 * The KPIs the report names, with its reference figures (盐城市总工会《党建带工建 赋能新发展》, 2026-01-26,
 * describing 2025). A reference applies at city level only; below it the value is shown without one.
 *
 * Both query paths (summary.sql per region, facts.sql for every region at once) return the same columns
 * (KpiFacts), so one catalogue turns either into KPIs, choropleth values and snapshot rows.
 */
export interface KpiFacts {
  sites: number; sites_co_built: number; craftsman_colleges: number; summer_care: number; new_form_members: number;
  counties_with_federation: number; counties: number; federation_units: number; own_union_2025: number;
  enterprises: number; unionized: number; unionized_democratic: number; reform_pilots: number;
  skill_pay_enterprises: number; skill_pay_workers: number; grids: number; grids_full: number; residents: number;
  residents_covered: number; workers: number; new_form_workers: number; new_form_workers_covered: number;
}

export interface Kpi {
  id: string;
  label: string;
  label_en: string;
  value: number;
  unit: string;
  /** the report's figure (city level); null where the report gives none */
  reference: number | null;
  /** how value compares to reference in the report's wording: "580余个" → at_least */
  comparator: 'at_least' | 'equal' | null;
  /** value / reference where a reference applies */
  ratio: number | null;
  /** for ratios: value = numerator / denominator (× 10,000 for per-10k); for counts: numerator = value, denominator null */
  numerator: number;
  denominator: number | null;
}

type Kind = 'count' | 'ratio' | 'per_10k';

interface KpiDef {
  id: string;
  label: string;
  label_en: string;
  unit: string;
  kind: Kind;
  num: (r: KpiFacts) => number;
  den?: (r: KpiFacts) => number;
  /** the report's figure at city level (may depend on the row, e.g. 1 + number of counties) */
  reference?: (r: KpiFacts) => number;
  comparator?: 'at_least' | 'equal';
  /** numerator and denominator are sums over towns, so county values add up to the city's */
  additive: boolean;
  /** every input carries a date, so the value as of a past month can be derived (history back-fill) */
  dated: boolean;
  /** meaningful per town (federations exist only at city and county level) */
  town: boolean;
}

const fixed = (n: number) => () => n;

export const KPI_DEFS: readonly KpiDef[] = [
  { id: 'sites', label: '职工之家、工会驿站', label_en: "Workers' homes and stations", unit: '个', kind: 'count',
    num: (r) => r.sites, reference: fixed(580), comparator: 'at_least', additive: true, dated: true, town: true },
  { id: 'co_built_share', label: '阵地共建享比例', label_en: 'Co-built share of sites', unit: 'ratio', kind: 'ratio',
    num: (r) => r.sites_co_built, den: (r) => r.sites, additive: true, dated: true, town: true },
  { id: 'sites_per_10k_workers', label: '每万名职工阵地数', label_en: 'Sites per 10,000 workers', unit: '个/万人',
    kind: 'per_10k', num: (r) => r.sites, den: (r) => r.workers, additive: true, dated: true, town: true },
  { id: 'new_form_members', label: '新业态劳动者会员', label_en: 'New-form worker members', unit: '人', kind: 'count',
    num: (r) => r.new_form_members, reference: fixed(64000), comparator: 'at_least',
    // city-level federations hold members of their own, so the counties do not add up to the city
    additive: false, dated: true, town: false },
  { id: 'federation_units', label: '市县两级新业态行业工会联合会', label_en: 'City and county units with a new-form industry federation',
    unit: '个', kind: 'count', num: (r) => r.federation_units, reference: (r) => r.counties + 1, comparator: 'equal',
    additive: false, dated: true, town: false },
  { id: 'federation_coverage', label: '新业态行业工会联合会县级覆盖', label_en: 'Counties with a new-form industry federation',
    unit: 'ratio', kind: 'ratio', num: (r) => r.counties_with_federation, den: (r) => r.counties, reference: fixed(1),
    comparator: 'equal', additive: true, dated: true, town: false },
  { id: 'own_union_2025', label: '非公企业独立建会（2025年）', label_en: 'Non-public enterprises with own union (2025)',
    unit: '家', kind: 'count', num: (r) => r.own_union_2025, reference: fixed(193), comparator: 'equal', additive: true,
    dated: true, town: true },
  { id: 'unionization_rate', label: '企业建会率', label_en: 'Share of enterprises with a union', unit: 'ratio', kind: 'ratio',
    num: (r) => r.unionized, den: (r) => r.enterprises, additive: true, dated: true, town: true },
  { id: 'democratic_rate', label: '职代会、厂务公开建制率', label_en: "Workers' congress and open affairs (unionized)",
    unit: 'ratio', kind: 'ratio', num: (r) => r.unionized_democratic, den: (r) => r.unionized, reference: fixed(0.9),
    comparator: 'at_least', additive: true, dated: false, town: true },
  { id: 'reform_pilots', label: '产改试点企业', label_en: 'Industrial-workforce reform pilots', unit: '家', kind: 'count',
    num: (r) => r.reform_pilots, reference: fixed(1024), comparator: 'equal', additive: true, dated: false, town: true },
  { id: 'craftsman_colleges', label: '工匠学院', label_en: 'Craftsman colleges', unit: '家', kind: 'count',
    num: (r) => r.craftsman_colleges, reference: fixed(13), comparator: 'equal', additive: true, dated: true, town: true },
  { id: 'skill_pay_enterprises', label: '“技高者多得”企业', label_en: 'Skill-pay enterprises', unit: '家', kind: 'count',
    num: (r) => r.skill_pay_enterprises, reference: fixed(3400), comparator: 'equal', additive: true, dated: false, town: true },
  { id: 'skill_pay_workers', label: '“技高者多得”覆盖职工', label_en: 'Workers under skill pay', unit: '人', kind: 'count',
    num: (r) => r.skill_pay_workers, reference: fixed(200000), comparator: 'equal', additive: true, dated: false, town: true },
  { id: 'summer_care', label: '爱心托管班', label_en: 'Summer childcare classes', unit: '个', kind: 'count',
    num: (r) => r.summer_care, reference: fixed(110), comparator: 'equal', additive: true, dated: true, town: true },
  { id: 'coverage_residents_1000m', label: '1000米服务覆盖（常住人口）', label_en: 'Residents within 1,000 m of a site',
    unit: 'ratio', kind: 'ratio', num: (r) => r.residents_covered, den: (r) => r.residents, additive: true, dated: true, town: true },
  { id: 'coverage_new_form_1000m', label: '1000米服务覆盖（新业态劳动者）', label_en: 'New-form workers within 1,000 m of a site',
    unit: 'ratio', kind: 'ratio', num: (r) => r.new_form_workers_covered, den: (r) => r.new_form_workers, additive: true,
    dated: true, town: true },
  { id: 'grids_full', label: '“三同”党建网格（同步建、交叉任、共建享）', label_en: 'Grids with all three (built, cross posts, shared site)',
    unit: '个', kind: 'count', num: (r) => r.grids_full, additive: true, dated: false, town: true },
  { id: 'grids_full_share', label: '“三同”网格占比', label_en: 'Share of grids with all three', unit: 'ratio', kind: 'ratio',
    num: (r) => r.grids_full, den: (r) => r.grids, additive: true, dated: false, town: true },
];

export const KPI_IDS = KPI_DEFS.map((d) => d.id) as [string, ...string[]];
export const kpiDef = (id: string): KpiDef | undefined => KPI_DEFS.find((d) => d.id === id);

/** A ratio of nothing is 0, not NaN (a town without enterprises has a 0 % unionization rate, shown as such). */
export function kpiValue(def: KpiDef, r: KpiFacts): { value: number; numerator: number; denominator: number | null } {
  const numerator = def.num(r);
  if (!def.den) return { value: numerator, numerator, denominator: null };
  const denominator = def.den(r);
  const q = denominator > 0 ? numerator / denominator : 0;
  return { value: def.kind === 'per_10k' ? q * 10000 : q, numerator, denominator };
}

export function buildKpis(r: KpiFacts, level: string): Kpi[] {
  const city = level === 'city';
  return KPI_DEFS.map((def) => {
    const { value, numerator, denominator } = kpiValue(def, r);
    const ref = city && def.reference ? def.reference(r) : null;
    return {
      id: def.id, label: def.label, label_en: def.label_en, value, unit: def.unit, reference: ref,
      comparator: ref === null ? null : (def.comparator ?? null), ratio: ref ? value / ref : null, numerator, denominator,
    };
  });
}
