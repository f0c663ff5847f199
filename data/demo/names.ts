// Word pools for synthetic names. Place names are always the real town / village names from the boundary files;
// only firm 字号, studio crafts and park themes come from these lists, so every name is plausible but invented.

/** Characters common in Chinese firm trade names (字号); two of them make one name. */
export const TRADE_NAME_CHARS = [
  '恒', '瑞', '鑫', '华', '泰', '远', '达', '宏', '盛', '启', '嘉', '诚', '润', '锦', '越', '中', '海', '通',
  '天', '博', '众', '立', '凯', '益', '新', '源', '德', '丰', '利', '祥', '隆', '昌', '安', '晟', '航', '川',
  '辰', '睿', '卓', '鼎', '弘', '裕', '兴', '永', '力', '合', '信', '汇', '捷', '宇', '铭', '展', '沃', '创',
  '腾', '科', '亚', '东', '洋', '蓝', '绿', '光', '明', '耀', '方', '正', '和', '康', '乐', '欣',
] as const;

/** Industry (GB/T 4754-2017 门类 name) → relative frequency outside zones and the business-scope words firms use. */
export interface IndustryDef {
  industry: string;
  weight: number;
  /** weight multiplier inside parks and inside business districts */
  park: number;
  district: number;
  scopes: readonly string[];
  /** typical size: log-normal median employees */
  medianEmployees: number;
}

export const INDUSTRIES: readonly IndustryDef[] = [
  { industry: '制造业', weight: 30, park: 6, district: 0.2, medianEmployees: 45,
    scopes: ['机械制造', '电子科技', '新能源科技', '纺织', '汽车零部件', '精密制造', '电气设备', '新材料科技', '食品', '智能装备', '环保设备', '光伏科技'] },
  { industry: '建筑业', weight: 10, park: 0.8, district: 0.5, medianEmployees: 40,
    scopes: ['建设工程', '建筑安装', '装饰工程', '市政工程', '钢结构工程'] },
  { industry: '批发和零售业', weight: 18, park: 0.3, district: 4, medianEmployees: 12,
    scopes: ['商贸', '贸易', '超市', '医药连锁', '农资'] },
  { industry: '交通运输、仓储和邮政业', weight: 7, park: 1.5, district: 0.8, medianEmployees: 25,
    scopes: ['物流', '运输', '快递服务', '供应链管理', '仓储服务'] },
  { industry: '住宿和餐饮业', weight: 8, park: 0.2, district: 5, medianEmployees: 15,
    scopes: ['餐饮管理', '酒店管理', '餐饮服务'] },
  { industry: '信息传输、软件和信息技术服务业', weight: 5, park: 1.5, district: 2, medianEmployees: 20,
    scopes: ['信息技术', '网络科技', '软件', '数据科技'] },
  { industry: '租赁和商务服务业', weight: 7, park: 0.5, district: 3, medianEmployees: 14,
    scopes: ['企业管理咨询', '人力资源', '物业管理', '广告传媒'] },
  { industry: '农、林、牧、渔业', weight: 6, park: 0.2, district: 0.05, medianEmployees: 18,
    scopes: ['农业发展', '水产养殖', '生态农业', '种业'] },
  { industry: '科学研究和技术服务业', weight: 3, park: 2, district: 1, medianEmployees: 20,
    scopes: ['检测技术', '工程技术', '环境科技'] },
  { industry: '居民服务、修理和其他服务业', weight: 6, park: 0.2, district: 2, medianEmployees: 10,
    scopes: ['家政服务', '汽车维修', '保洁服务'] },
];

export const PARK_THEMES = [
  '新能源装备', '汽车零部件', '智能制造', '电子信息', '纺织服装', '绿色化工', '食品加工', '现代物流', '数字经济',
  '海洋装备', '节能环保', '生物医药', '新材料', '光伏', '机械装备', '农产品加工',
] as const;

export const DISTRICT_SUFFIXES = ['中心商圈', '步行街商圈', '商务区', '城市广场商圈', '美食街区', '商贸城'] as const;

export const STUDIO_CRAFTS = ['焊接', '数控加工', '电气自动化', '工艺改进', '质量攻关', '设备维修', '模具', '检测'] as const;

export const COLLEGE_THEMES = [
  '新能源汽车', '海上风电', '智能制造', '数字经济', '电子信息', '现代纺织', '绿色化工', '海洋装备', '现代农业',
  '建筑安装', '物流运输', '健康养老', '光伏储能',
] as const;

export const NEW_FORM_INDUSTRY_NAMES: Readonly<Record<string, string>> = {
  delivery: '外卖配送',
  courier: '快递',
  ride_hailing: '网约车',
  trucking: '货车司机',
};

/** "亭湖区" → "亭湖", "东台市" → "东台", "盐城经济技术开发区" → "盐城经开区": for compact names. */
export function shortCountyName(name: string): string {
  if (name === '盐城经济技术开发区') return '盐城经开区';
  return name.length > 2 ? name.replace(/[区县市]$/, '') : name;
}

/**
 * "东闸新村社区居委会" → "东闸新村社区", "新河居委会" → "新河社区", "王港村村委会"/"王港村委会" → "王港村": the
 * everyday name of a village or community, as used in site names and addresses; other names are kept whole.
 */
export function villageShortName(name: string): string {
  const community = name.match(/^(.+?)(社区)?(居民委员会|居委会)$/);
  if (community) return `${community[1]}社区`;
  const village = name.match(/^(.+?)(村)?(村民委员会|村委会)$/);
  if (village) return `${village[1]}村`;
  return name;
}
