import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock, __setRouterParams } from './mocks/taro'
import AgenciesPage from '../src/pages/office/agencies/index'
import AgencyPage from '../src/pages/office/agency/index'
import AgencyEditPage from '../src/pages/office/agency-edit/index'
import ImportPage from '../src/pages/office/import/index'
import HomePage from '../src/pages/home/index'
import { formatYuan } from '../src/pages/office/format'
import { TOKEN_KEY, resetReferenceCache } from '../src/api'
import type { Agency, AgencyPractitioner } from '../src/api'
import { shanghaiYear } from '../src/utils/time'
import { fail, ok, reference, routes, user } from './fixtures'

const request = Taro.request as unknown as jest.Mock
const fetchMock = jest.fn()
/** h5 saves a download by clicking a hidden <a download>: recorded here (jsdom cannot navigate). */
let saved: jest.SpyInstance

beforeEach(() => {
  __resetTaroMock()
  resetReferenceCache()
  Taro.setStorageSync(TOKEN_KEY, 'tok')
  fetchMock.mockReset()
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
  Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:x'), revokeObjectURL: jest.fn() })
  saved = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
})

afterEach(() => saved.mockRestore())

const savedAs = () => (saved.mock.contexts as HTMLAnchorElement[]).map((a) => a.download)

/** A fetch answer (uploads and downloads go through fetch on h5). */
const answer = (status: number, body: unknown) => ({
  ok: status >= 200 && status < 300,
  status,
  text: async () => JSON.stringify(body),
  blob: async () => new Blob(['x']),
})

const CODE = '91500000MA5U7G0F2C'

function agency(overrides: Partial<Agency> = {}): Agency {
  return {
    id: 5,
    name: '重庆智慧知识产权代理有限公司',
    creditCode: CODE,
    serviceTypes: ['agency', 'consulting'],
    district: '500103',
    districtName: '渝中区',
    address: '渝中区解放碑 1 号',
    contactName: '王经理',
    contactPhone: '023-61234567',
    annualRevenue: { year: 2025, amountYuan: 12345000 },
    status: 'pending',
    rejectReason: null,
    verifiedAt: null,
    source: 'office',
    practitionerCount: 12,
    createdAt: '2025-03-01T02:00:00.000Z',
    updatedAt: '2025-03-01T02:00:00.000Z',
    ...overrides,
  }
}

const page = <T,>(items: T[], total = items.length) => ok({ items, total, page: 1, pageSize: 20 })

function practitioner(overrides: Partial<AgencyPractitioner> = {}): AgencyPractitioner {
  return { practitionerId: 42, name: '张三', category: 'agent', titleLevel: 'intermediate', year: shanghaiYear(), earnedHours: 96, professionalHours: 64, compliant: true, ...overrides }
}

const year = shanghaiYear()
const practitionersKey = `GET /api/agencies/5/practitioners?year=${year}&page=1&pageSize=20`

describe('agencies: revenue as people read it', () => {
  it('shows 万元 with grouping, and small amounts in 元', () => {
    expect(formatYuan(12345000)).toBe('1,234.5 万元')
    expect(formatYuan(500000000)).toBe('50,000 万元')
    expect(formatYuan(5000)).toBe('5,000 元')
  })
})

describe('home: the registry entry', () => {
  it('is there for office and district staff, not for practitioners', async () => {
    for (const role of ['office', 'district'] as const) {
      resetReferenceCache()
      request.mockImplementation(routes({ 'GET /api/me': ok({ user: { ...user, role }, practitioner: null }), 'GET /api/reference': ok(reference) }))
      const { unmount } = render(<HomePage />)
      fireEvent.click(await screen.findByText('服务机构名录'))
      expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/office/agencies/index' })
      unmount()
    }
    resetReferenceCache()
    request.mockImplementation(routes({ 'GET /api/me': ok({ user, practitioner: null }), 'GET /api/reference': ok(reference) }))
    render(<HomePage />)
    await screen.findByText('您好，张三')
    expect(screen.queryByText('服务机构名录')).toBeNull()
  })
})

describe('agencies: the registry', () => {
  it('lists agencies with their code, district, service types, status and practitioners, and filters', async () => {
    request.mockImplementation(
      routes({
        'GET /api/reference': ok(reference),
        'GET /api/agencies?page=1&pageSize=20': page([agency(), agency({ id: 6, name: '重庆某评估事务所', status: 'verified', serviceTypes: ['evaluation'], practitionerCount: 3 })], 2),
        'GET /api/agencies?serviceType=evaluation&page=1&pageSize=20': page([agency({ id: 6, name: '重庆某评估事务所', status: 'verified', serviceTypes: ['evaluation'] })]),
        'GET /api/agencies?serviceType=evaluation&status=pending&page=1&pageSize=20': page([]),
      }),
    )
    render(<AgenciesPage />)
    const item = within((await screen.findByText('重庆智慧知识产权代理有限公司')).closest('.agencies__item') as HTMLElement)
    expect(item.getByText(CODE)).toBeTruthy()
    expect(item.getByText('待审核')).toBeTruthy()
    expect(item.getByText('渝中区 · 代理、咨询 · 从业人才 12 人')).toBeTruthy()
    expect(screen.getByText('共 2 家')).toBeTruthy()

    fireEvent.change(screen.getByLabelText('服务类型'), { target: { value: 'evaluation' } })
    expect(await screen.findByText('共 1 家')).toBeTruthy()
    expect(screen.queryByText('重庆智慧知识产权代理有限公司')).toBeNull()

    fireEvent.change(screen.getByLabelText('状态'), { target: { value: 'pending' } })
    expect(await screen.findByText('没有符合条件的服务机构')).toBeTruthy()
  })

  it('searches by name or code, opens an agency, and offers new, import and export', async () => {
    request.mockImplementation(
      routes({
        'GET /api/reference': ok(reference),
        'GET /api/agencies?page=1&pageSize=20': page([agency()]),
        [`GET /api/agencies?q=${encodeURIComponent('智慧')}&page=1&pageSize=20`]: page([agency()]),
      }),
    )
    fetchMock.mockResolvedValue(answer(200, null))
    render(<AgenciesPage />)
    await screen.findByText('重庆智慧知识产权代理有限公司')
    fireEvent.change(screen.getByPlaceholderText('机构名称或统一社会信用代码'), { target: { value: ' 智慧 ' } })
    fireEvent.click(screen.getByText('搜索'))
    await screen.findByText('重庆智慧知识产权代理有限公司')
    expect(request).toHaveBeenCalledWith(expect.objectContaining({ url: `/api/agencies?q=${encodeURIComponent('智慧')}&page=1&pageSize=20` }))

    await act(async () => {
      fireEvent.click(screen.getByText('导出'))
    })
    expect(fetchMock.mock.calls[0][0]).toBe(`/api/agencies/export?format=xlsx&q=${encodeURIComponent('智慧')}`)
    expect(savedAs()).toEqual(['服务机构名录.xlsx'])

    fireEvent.click(screen.getByText('新增机构'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/office/agency-edit/index' })
    fireEvent.click(screen.getByText('导入'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/office/import/index?kind=agencies' })
    fireEvent.click(screen.getByText('重庆智慧知识产权代理有限公司'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/office/agency/index?id=5' })
  })
})

describe('agencies: one agency', () => {
  beforeEach(() => __setRouterParams({ id: '5' }))

  it('shows every field, the revenue in 万元 and each practitioner’s compliance', async () => {
    request.mockImplementation(
      routes({
        'GET /api/reference': ok(reference),
        'GET /api/agencies/5': ok(agency({ status: 'rejected', rejectReason: '信用代码与名称不符' })),
        [practitionersKey]: page([practitioner(), practitioner({ practitionerId: 43, name: '李四', earnedHours: 30, professionalHours: 10, compliant: false })]),
      }),
    )
    render(<AgencyPage />)
    expect(await screen.findByText(CODE)).toBeTruthy()
    expect(screen.getByText('未通过')).toBeTruthy()
    expect(screen.getByText('代理、咨询')).toBeTruthy()
    expect(screen.getByText('2025 年 1,234.5 万元')).toBeTruthy()
    expect(screen.getByText('023-61234567')).toBeTruthy()
    expect(screen.getByText('信用代码与名称不符')).toBeTruthy()
    expect(screen.getByText('12 人')).toBeTruthy()

    const li = within((await screen.findByText('李四')).closest('.agency__member') as HTMLElement)
    expect(li.getByText('未达标')).toBeTruthy()
    expect(li.getByText(`${year} 年 30 学时，其中专业科目 10 学时`)).toBeTruthy()
    expect(within(screen.getByText('张三').closest('.agency__member') as HTMLElement).getByText('达标')).toBeTruthy()
    fireEvent.click(screen.getByText('张三'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/office/talent/index?id=42' })

    fireEvent.click(screen.getByText('编辑'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/office/agency-edit/index?id=5' })
  })

  it('verifies and shows the new status', async () => {
    let status: Agency['status'] = 'pending'
    const verify = jest.fn(() => {
      status = 'verified'
      return ok(agency({ status }))
    })
    request.mockImplementation(
      routes({ 'GET /api/reference': ok(reference), 'GET /api/agencies/5': () => ok(agency({ status })), 'POST /api/agencies/5/verify': verify, [practitionersKey]: page([]) }),
    )
    render(<AgencyPage />)
    await screen.findByText('待审核')
    expect(await screen.findByText('还没有已认证的从业人才')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('认证通过'))
    })
    expect(verify).toHaveBeenCalledTimes(1)
    expect(await screen.findByText('已认证通过')).toBeTruthy()
    expect(screen.getByText('已认证')).toBeTruthy()
    expect(screen.queryByText('认证通过')).toBeNull()
  })

  it('rejects only with a reason, and sends it', async () => {
    const reject = jest.fn(() => ok(agency({ status: 'rejected', rejectReason: '材料不全' })))
    request.mockImplementation(
      routes({ 'GET /api/reference': ok(reference), 'GET /api/agencies/5': ok(agency()), 'POST /api/agencies/5/reject': reject, [practitionersKey]: page([]) }),
    )
    render(<AgencyPage />)
    await screen.findByText('待审核')
    fireEvent.click(screen.getByText('不通过'))
    await act(async () => {
      fireEvent.click(screen.getByText('确认不通过'))
    })
    expect(screen.getByText('请填写原因')).toBeTruthy()
    expect(reject).not.toHaveBeenCalled()
    fireEvent.input(screen.getByPlaceholderText('请填写不通过的原因'), { target: { value: ' 材料不全 ' } })
    await act(async () => {
      fireEvent.click(screen.getByText('确认不通过'))
    })
    expect(reject).toHaveBeenCalledWith({ reason: '材料不全' })
    expect(await screen.findByText('已设为不通过')).toBeTruthy()
  })

  it('deactivates after confirmation, and shows the server’s refusal', async () => {
    const patch = jest.fn((_body: unknown) => ok(agency({ status: 'inactive' })))
    request.mockImplementation(
      routes({
        'GET /api/reference': ok(reference),
        'GET /api/agencies/5': ok(agency({ status: 'verified' })),
        'PATCH /api/agencies/5': patch,
        'POST /api/agencies/5/reject': fail(409, 'AGENCY_INACTIVE', '已停用的服务机构不能设为不通过'),
        [practitionersKey]: page([]),
      }),
    )
    render(<AgencyPage />)
    await screen.findByText('已认证')
    ;(Taro.showModal as unknown as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
    await act(async () => {
      fireEvent.click(screen.getByText('停用'))
    })
    expect(patch).not.toHaveBeenCalled()
    await act(async () => {
      fireEvent.click(screen.getByText('停用'))
    })
    expect(patch).toHaveBeenCalledWith({ status: 'inactive' })
    expect(await screen.findByText('已停用')).toBeTruthy()

    fireEvent.click(screen.getByText('不通过'))
    fireEvent.input(screen.getByPlaceholderText('请填写不通过的原因'), { target: { value: '已注销' } })
    await act(async () => {
      fireEvent.click(screen.getByText('确认不通过'))
    })
    expect(await screen.findByText('已停用的服务机构不能设为不通过')).toBeTruthy()
  })

  it('says so when no agency is named, and asks the server nothing', () => {
    __setRouterParams({ id: 'x' })
    render(<AgencyPage />)
    expect(screen.getByText('没有指定服务机构')).toBeTruthy()
    expect(request).not.toHaveBeenCalled()
  })
})

describe('agencies: the form', () => {
  const fillNew = () => {
    fireEvent.input(screen.getByPlaceholderText('与营业执照一致'), { target: { value: ' 重庆新知识产权服务有限公司 ' } })
    fireEvent.input(screen.getByPlaceholderText('18 位统一社会信用代码'), { target: { value: '91500000MA5U7G0F2X' } })
    fireEvent.click(screen.getByLabelText('咨询'))
    fireEvent.click(screen.getByLabelText('代理'))
    fireEvent.change(screen.getByLabelText('所在区县'), { target: { value: '500103' } })
    fireEvent.input(screen.getByPlaceholderText('单位为元'), { target: { value: '12345000' } })
  }

  it('posts the agency with its service types, and shows the server’s error on the credit code', async () => {
    const create = jest.fn((_body: unknown) =>
      fail(400, 'VALIDATION_FAILED', '请求参数不正确', [{ path: 'creditCode', message: '统一社会信用代码校验位不正确' }, { path: 'annualRevenue.year', message: '请填写营收年度' }]),
    )
    request.mockImplementation(routes({ 'GET /api/reference': ok(reference), 'POST /api/agencies': create }))
    render(<AgencyEditPage />)
    await screen.findByText('统一社会信用代码')
    fillNew()
    expect(screen.getByText('即 1,234.5 万元')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('保存'))
    })
    expect(create).toHaveBeenCalledWith({
      name: '重庆新知识产权服务有限公司',
      creditCode: '91500000MA5U7G0F2X',
      serviceTypes: ['agency', 'consulting'],
      district: '500103',
      address: null,
      contactName: null,
      contactPhone: null,
      annualRevenue: { amountYuan: 12345000 },
    })
    const codeField = screen.getByPlaceholderText('18 位统一社会信用代码').closest('.field') as HTMLElement
    expect(codeField.className).toContain('field--invalid')
    expect(within(codeField).getByText('统一社会信用代码校验位不正确')).toBeTruthy()
    expect(within(screen.getByPlaceholderText('如 2025').closest('.field') as HTMLElement).getByText('请填写营收年度')).toBeTruthy()
    expect(screen.getByText('请按提示修改后再保存')).toBeTruthy()
    expect(Taro.redirectTo).not.toHaveBeenCalled()

    // typing again clears that field's error
    fireEvent.input(screen.getByPlaceholderText('18 位统一社会信用代码'), { target: { value: CODE } })
    expect(screen.queryByText('统一社会信用代码校验位不正确')).toBeNull()
  })

  it('shows a credit code already registered on its field, and opens a new agency once created', async () => {
    let taken = true
    const create = jest.fn(() => (taken ? fail(409, 'CREDIT_CODE_TAKEN', '该统一社会信用代码已登记') : ok(agency({ id: 9 }), 201)))
    request.mockImplementation(routes({ 'GET /api/reference': ok(reference), 'POST /api/agencies': create }))
    render(<AgencyEditPage />)
    await screen.findByText('统一社会信用代码')
    fillNew()
    await act(async () => {
      fireEvent.click(screen.getByText('保存'))
    })
    expect(within(screen.getByPlaceholderText('18 位统一社会信用代码').closest('.field') as HTMLElement).getByText('该统一社会信用代码已登记')).toBeTruthy()
    taken = false
    await act(async () => {
      fireEvent.click(screen.getByText('保存'))
    })
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/office/agency/index?id=9' })
  })

  it('edits an agency: prefilled, and only what changed is sent', async () => {
    __setRouterParams({ id: '5' })
    const patch = jest.fn((_body: unknown) => ok(agency()))
    request.mockImplementation(routes({ 'GET /api/reference': ok(reference), 'GET /api/agencies/5': ok(agency()), 'PATCH /api/agencies/5': patch }))
    render(<AgencyEditPage />)
    expect(((await screen.findByPlaceholderText('18 位统一社会信用代码')) as HTMLInputElement).value).toBe(CODE)
    expect(Taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '编辑服务机构' })
    expect((screen.getByLabelText('咨询') as HTMLInputElement).checked).toBe(true)
    expect((screen.getByLabelText('评估') as HTMLInputElement).checked).toBe(false)
    fireEvent.click(screen.getByLabelText('评估'))
    fireEvent.input(screen.getByLabelText('联系人'), { target: { value: '' } })
    await act(async () => {
      fireEvent.click(screen.getByText('保存'))
    })
    expect(patch).toHaveBeenCalledWith({ serviceTypes: ['agency', 'consulting', 'evaluation'], contactName: null })
    expect(Taro.navigateBack).toHaveBeenCalled()
  })
})

describe('agencies: import', () => {
  beforeEach(() => __setRouterParams({ kind: 'agencies' }))

  it('dry-runs the agency file and lists each row error, then imports', async () => {
    const errors = [{ row: 4, column: '统一社会信用代码', message: '统一社会信用代码校验位不正确' }]
    fetchMock
      .mockResolvedValueOnce(answer(200, { created: 3, updated: 2, unchanged: 1, errors, errorCount: 1, dryRun: true }))
      .mockResolvedValueOnce(answer(200, { created: 3, updated: 2, unchanged: 1, errors, errorCount: 1, dryRun: false }))
    render(<ImportPage />)
    expect(screen.getByText(/系统按统一社会信用代码识别同一机构/)).toBeTruthy()
    expect(Taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '导入服务机构' })
    const file = new File(['机构名称,统一社会信用代码\n'], '机构.csv', { type: 'text/csv' })
    fireEvent.change(screen.getByLabelText('导入文件'), { target: { files: [file] } })
    await act(async () => {
      fireEvent.click(screen.getByText('预检'))
    })
    const [url, init] = fetchMock.mock.calls[0] as [string, { body: FormData }]
    expect(url).toBe('/api/agencies/import?dryRun=true')
    expect((init.body.get('file') as File).name).toBe('机构.csv')
    expect(screen.getByText('预检结果（尚未导入）')).toBeTruthy()
    expect(screen.getByText('将新增 3')).toBeTruthy()
    expect(screen.getByText('第 4 行 · 统一社会信用代码')).toBeTruthy()
    expect(screen.getByText('统一社会信用代码校验位不正确')).toBeTruthy()

    await act(async () => {
      fireEvent.click(screen.getByText('确认导入'))
    })
    expect(fetchMock.mock.calls[1][0]).toBe('/api/agencies/import?dryRun=false')
    expect(screen.getByText('导入完成')).toBeTruthy()
  })

  it('downloads the agency template', async () => {
    fetchMock.mockResolvedValue(answer(200, null))
    render(<ImportPage />)
    await act(async () => {
      fireEvent.click(screen.getByText('下载模板'))
    })
    expect(fetchMock.mock.calls[0][0]).toBe('/api/agencies/import-template?format=xlsx')
    expect(savedAs()).toEqual(['服务机构导入模板.xlsx'])
  })
})
