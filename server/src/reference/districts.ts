/**
 * Chongqing's 38 districts and counties (6-digit administrative division codes), copied from
 * shared/reference/chongqing-districts.csv so the product runs without it; a test keeps them equal.
 */
export type DistrictKind = 'district' | 'county' | 'autonomous_county';

export interface District {
  code: string;
  name: string;
  kind: DistrictKind;
}

export const DISTRICTS: readonly District[] = [
  { code: '500101', name: '万州区', kind: 'district' },
  { code: '500102', name: '涪陵区', kind: 'district' },
  { code: '500103', name: '渝中区', kind: 'district' },
  { code: '500104', name: '大渡口区', kind: 'district' },
  { code: '500105', name: '江北区', kind: 'district' },
  { code: '500106', name: '沙坪坝区', kind: 'district' },
  { code: '500107', name: '九龙坡区', kind: 'district' },
  { code: '500108', name: '南岸区', kind: 'district' },
  { code: '500109', name: '北碚区', kind: 'district' },
  { code: '500110', name: '綦江区', kind: 'district' },
  { code: '500111', name: '大足区', kind: 'district' },
  { code: '500112', name: '渝北区', kind: 'district' },
  { code: '500113', name: '巴南区', kind: 'district' },
  { code: '500114', name: '黔江区', kind: 'district' },
  { code: '500115', name: '长寿区', kind: 'district' },
  { code: '500116', name: '江津区', kind: 'district' },
  { code: '500117', name: '合川区', kind: 'district' },
  { code: '500118', name: '永川区', kind: 'district' },
  { code: '500119', name: '南川区', kind: 'district' },
  { code: '500120', name: '璧山区', kind: 'district' },
  { code: '500151', name: '铜梁区', kind: 'district' },
  { code: '500152', name: '潼南区', kind: 'district' },
  { code: '500153', name: '荣昌区', kind: 'district' },
  { code: '500154', name: '开州区', kind: 'district' },
  { code: '500155', name: '梁平区', kind: 'district' },
  { code: '500156', name: '武隆区', kind: 'district' },
  { code: '500229', name: '城口县', kind: 'county' },
  { code: '500230', name: '丰都县', kind: 'county' },
  { code: '500231', name: '垫江县', kind: 'county' },
  { code: '500233', name: '忠县', kind: 'county' },
  { code: '500235', name: '云阳县', kind: 'county' },
  { code: '500236', name: '奉节县', kind: 'county' },
  { code: '500237', name: '巫山县', kind: 'county' },
  { code: '500238', name: '巫溪县', kind: 'county' },
  { code: '500240', name: '石柱土家族自治县', kind: 'autonomous_county' },
  { code: '500241', name: '秀山土家族苗族自治县', kind: 'autonomous_county' },
  { code: '500242', name: '酉阳土家族苗族自治县', kind: 'autonomous_county' },
  { code: '500243', name: '彭水苗族土家族自治县', kind: 'autonomous_county' },
];

export const DISTRICT_CODES = DISTRICTS.map((d) => d.code) as [string, ...string[]];

const byCode = new Map(DISTRICTS.map((d) => [d.code, d]));
export const districtName = (code: string): string | undefined => byCode.get(code)?.name;
