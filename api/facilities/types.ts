/**
 * Facility vocabularies — the single source for the API's validation and the web app's legend and labels.
 * The database enforces the same lists with CHECK constraints (001_core.sql).
 */
export const FACILITY_TYPES = [
  'worker_home', 'station', 'party_center', 'service_center',
  'craftsman_college', 'model_studio', 'mediation', 'summer_care',
] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number];

export const FACILITY_TYPE_LABELS: Record<FacilityType, { zh: string; en: string; color: string }> = {
  worker_home: { zh: '职工之家', en: "Workers' home", color: '#d7301f' },
  station: { zh: '工会驿站', en: 'Union station', color: '#f16913' },
  party_center: { zh: '党群服务中心', en: 'Party-mass service centre', color: '#7a0177' },
  service_center: { zh: '便民中心', en: 'Public service centre', color: '#2171b5' },
  craftsman_college: { zh: '工匠学院', en: 'Craftsman college', color: '#238b45' },
  model_studio: { zh: '劳模创新工作室', en: 'Model-worker studio', color: '#6a51a3' },
  mediation: { zh: '调解中心', en: 'Mediation centre', color: '#525252' },
  summer_care: { zh: '爱心托管班', en: 'Summer childcare', color: '#e7298a' },
};

/** The rider-facing types (the report's 580+ 职工之家 + 工会驿站). */
export const RIDER_TYPES = ['worker_home', 'station'] as const satisfies readonly FacilityType[];

export const AMENITIES = [
  'water', 'charging', 'toilet', 'microwave', 'rest', 'wifi', 'first_aid', 'heating', 'cooling', 'books', 'repair',
] as const;
export type Amenity = (typeof AMENITIES)[number];

export const AMENITY_LABELS: Record<Amenity, { zh: string; en: string }> = {
  water: { zh: '饮水', en: 'Water' },
  charging: { zh: '充电', en: 'Charging' },
  toilet: { zh: '卫生间', en: 'Toilet' },
  microwave: { zh: '微波炉', en: 'Microwave' },
  rest: { zh: '休息', en: 'Rest' },
  wifi: { zh: '无线网络', en: 'Wi-Fi' },
  first_aid: { zh: '急救包', en: 'First aid' },
  heating: { zh: '取暖', en: 'Heating' },
  cooling: { zh: '纳凉', en: 'Cooling' },
  books: { zh: '书屋', en: 'Books' },
  repair: { zh: '维修工具', en: 'Repair tools' },
};

export const FACILITY_STATUSES = ['open', 'closed', 'planned'] as const;
export const HOST_TYPES = ['party_center', 'service_center', 'enterprise', 'park', 'business_district', 'school', 'standalone'] as const;

export const HOST_TYPE_LABELS: Record<(typeof HOST_TYPES)[number], { zh: string; en: string }> = {
  party_center: { zh: '党群服务中心', en: 'Party-mass service centre' },
  service_center: { zh: '便民中心', en: 'Public service centre' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  park: { zh: '园区', en: 'Industrial park' },
  business_district: { zh: '商圈', en: 'Business district' },
  school: { zh: '院校', en: 'School' },
  standalone: { zh: '独立', en: 'Standalone' },
};
