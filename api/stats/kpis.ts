import type { SummaryRow } from './queries.ts';

/**
 * The KPIs the report names, with its reference figures (盐城市总工会《党建带工建 赋能新发展》, 2026-01-26,
 * describing 2025). A reference applies at city level only; below it the value is shown without one.
 */
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
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

export function buildKpis(r: SummaryRow, level: string): Kpi[] {
  const city = level === 'city';
  const k = (
    id: string, label: string, label_en: string, value: number, unit: string,
    reference: number | null = null, comparator: Kpi['comparator'] = null,
  ): Kpi => {
    const ref = city ? reference : null;
    return { id, label, label_en, value, unit, reference: ref, comparator: ref === null ? null : comparator,
      ratio: ref ? value / ref : null };
  };
  return [
    k('sites', '职工之家、工会驿站', "Workers' homes and stations", r.sites, '个', 580, 'at_least'),
    k('co_built_share', '阵地共建享比例', 'Co-built share of sites', share(r.sites_co_built, r.sites), 'ratio'),
    k('new_form_members', '新业态劳动者会员', 'New-form worker members', r.new_form_members, '人', 64000, 'at_least'),
    k('own_union_2025', '非公企业独立建会（2025年）', 'Non-public enterprises with own union (2025)', r.own_union_2025, '家', 193, 'equal'),
    k('federation_coverage', '新业态行业工会联合会县级覆盖', 'Counties with a new-form industry federation',
      share(r.counties_with_federation, r.counties), 'ratio', 1, 'equal'),
    k('democratic_rate', '职代会、厂务公开建制率', "Workers' congress and open affairs (unionized)",
      share(r.unionized_democratic, r.unionized), 'ratio', 0.9, 'at_least'),
    k('reform_pilots', '产改试点企业', 'Industrial-workforce reform pilots', r.reform_pilots, '家', 1024, 'equal'),
    k('craftsman_colleges', '工匠学院', 'Craftsman colleges', r.craftsman_colleges, '家', 13, 'equal'),
    k('skill_pay_enterprises', '“技高者多得”企业', 'Skill-pay enterprises', r.skill_pay_enterprises, '家', 3400, 'equal'),
    k('skill_pay_workers', '“技高者多得”覆盖职工', 'Workers under skill pay', r.skill_pay_workers, '人', 200000, 'equal'),
    k('summer_care', '爱心托管班', 'Summer childcare classes', r.summer_care, '个', 110, 'equal'),
    k('coverage_residents_1000m', '1000米服务覆盖（常住人口）', 'Residents within 1,000 m of a site',
      share(r.residents_covered, r.residents), 'ratio'),
    k('coverage_new_form_1000m', '1000米服务覆盖（新业态劳动者）', 'New-form workers within 1,000 m of a site',
      share(r.new_form_workers_covered, r.new_form_workers), 'ratio'),
  ];
}
