import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock } from './mocks/taro'
import CompliancePage from '../src/pages/office/compliance/index'
import { TOKEN_KEY, resetReferenceCache } from '../src/api'
import type { ComplianceShortfall } from '../src/api'
import { shanghaiYear } from '../src/utils/time'
import { ok, reference, routes } from './fixtures'

const request = Taro.request as unknown as jest.Mock
const YEAR = shanghaiYear()

beforeEach(() => {
  __resetTaroMock()
  resetReferenceCache()
  Taro.setStorageSync(TOKEN_KEY, 'tok')
})

function shortfall(overrides: Partial<ComplianceShortfall> = {}): ComplianceShortfall {
  return {
    year: YEAR,
    requiredHours: 90,
    minProfessionalHours: 60,
    total: 2,
    page: 1,
    pageSize: 20,
    items: [
      { practitionerId: 1, name: '张三', district: '500103', districtName: '渝中区', orgName: '甲公司', earnedHours: 40, professionalHours: 40, missingHours: 50, missingProfessionalHours: 20 },
      { practitionerId: 2, name: '李四', district: '500101', districtName: '万州区', orgName: '乙所', earnedHours: 80, professionalHours: 70, missingHours: 10, missingProfessionalHours: 0 },
    ],
    byDistrict: [
      { code: '500101', name: '万州区', verified: 10, short: 1 },
      { code: '500103', name: '渝中区', verified: 30, short: 3 },
      { code: '500229', name: '城口县', verified: 5, short: 0 },
    ],
    ...overrides,
  }
}

describe('office: 继续教育达标', () => {
  it('lists who is short and by how much, and the districts with the most short first', async () => {
    request.mockImplementation(routes({ 'GET /api/reference': ok(reference), [`GET /api/stats/compliance?year=${YEAR}&page=1&pageSize=20`]: ok(shortfall()) }))
    render(<CompliancePage />)
    expect(await screen.findByText('未达标 2 人')).toBeTruthy()
    expect(screen.getByText('还差 50 学时')).toBeTruthy()
    expect(screen.getByText('专业科目还差 20 学时')).toBeTruthy()
    expect(screen.getByText('已获 80 / 90 学时')).toBeTruthy()
    const names = Array.from(document.querySelectorAll('.compliance__districts .info-row__label')).map((n) => n.textContent)
    expect(names).toEqual(['渝中区', '万州区'])
  })

  it('filters by district (back to page 1)', async () => {
    request.mockImplementation(
      routes({
        'GET /api/reference': ok(reference),
        [`GET /api/stats/compliance?year=${YEAR}&page=1&pageSize=20`]: ok(shortfall()),
        [`GET /api/stats/compliance?year=${YEAR}&district=500103&page=1&pageSize=20`]: ok(shortfall({ total: 1, items: [shortfall().items[0]] })),
      }),
    )
    render(<CompliancePage />)
    await screen.findByText('未达标 2 人')
    fireEvent.change(screen.getByLabelText('区县'), { target: { value: '500103' } })
    expect(await screen.findByText('未达标 1 人')).toBeTruthy()
    expect(screen.queryByText('李四')).toBeNull()
  })

  it('says so when everyone complies', async () => {
    request.mockImplementation(routes({ 'GET /api/reference': ok(reference), [`GET /api/stats/compliance?year=${YEAR}&page=1&pageSize=20`]: ok(shortfall({ total: 0, items: [] })) }))
    render(<CompliancePage />)
    expect(await screen.findByText('所有已认证人员均已达标')).toBeTruthy()
  })
})
