import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock, __setRouterParams } from './mocks/taro'
import DashboardPage from '../src/pages/office/dashboard/index'
import TalentsPage from '../src/pages/office/talents/index'
import TalentPage from '../src/pages/office/talent/index'
import ImportPage from '../src/pages/office/import/index'
import OfficeClaimsPage from '../src/pages/office/claims/index'
import HomePage from '../src/pages/home/index'
import { TOKEN_KEY, resetReferenceCache } from '../src/api'
import type { OfficeCreditClaim, TalentDetail, TalentRecord } from '../src/api'
import { creditClaim, fail, me, myEnrollment, ok, record, reference as baseReference, routes, statsOverview, user } from './fixtures'

const request = Taro.request as unknown as jest.Mock
const fetchMock = jest.fn()
/** h5 saves a download by clicking a hidden <a download>: recorded here (jsdom cannot navigate). */
let saved: jest.SpyInstance

const reference = {
  ...baseReference,
  tiers: [
    { value: 'none', label: '无' },
    { value: 'leading', label: '国家知识产权领军人才' },
  ],
}

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

function talent(overrides: Partial<TalentRecord> = {}): TalentRecord {
  return { ...record({ status: 'pending', verifiedAt: null }), birthDate: '1990-01-01', districtName: '渝中区', source: 'import', claimed: false, phoneMasked: '138****1234', ...overrides }
}

function detail(overrides: Partial<TalentDetail> = {}): TalentDetail {
  return {
    ...talent(),
    credits: {
      year: 2025,
      requiredHours: 90,
      earnedHours: 32,
      professionalHours: 32,
      publicHours: 0,
      minProfessionalHours: 60,
      missingHours: 58,
      missingProfessionalHours: 28,
      compliant: false,
      records: [],
    },
    enrollments: [myEnrollment()],
    ...overrides,
  }
}

const overview = statsOverview

describe('home: the office entries', () => {
  it('shows 人才工作 to office staff and not to practitioners', async () => {
    request.mockImplementation(routes({ 'GET /api/me': ok({ user: { ...user, role: 'office' }, practitioner: null }), 'GET /api/reference': ok(reference) }))
    const { unmount } = render(<HomePage />)
    fireEvent.click(await screen.findByText('人才库'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/office/talents/index' })
    unmount()

    resetReferenceCache()
    request.mockImplementation(routes({ 'GET /api/me': ok(me(record())), 'GET /api/reference': ok(reference) }))
    render(<HomePage />)
    await screen.findByText('您好，张三')
    expect(screen.queryByText('人才工作')).toBeNull()
  })
})

describe('office: dashboard', () => {
  it('shows the count toward the target, the projection and the districts by size', async () => {
    request.mockImplementation(routes({ 'GET /api/stats/overview': ok(overview()) }))
    render(<DashboardPage />)
    expect(await screen.findByText('2345')).toBeTruthy()
    expect(screen.getByText('/ 目标 10000')).toBeTruthy()
    expect(screen.getByText('完成 23.5%')).toBeTruthy()
    expect(screen.getByText('按近 12 个月速度，预计 2032年3月 达到目标')).toBeTruthy()
    expect(screen.getByText('达标率 51.2%')).toBeTruthy()
    const names = Array.from(document.querySelectorAll('.dash__hbar-name')).map((n) => n.textContent)
    expect(names).toEqual(['渝中区', '万州区'])
    fireEvent.click(screen.getByText('查看未达标人员'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/office/compliance/index' })
  })

  it('says when there is no projection, and downloads the annual report', async () => {
    request.mockImplementation(routes({ 'GET /api/stats/overview': ok(overview({ projection: { monthlyRate: 0, projectedReachDate: null } })) }))
    fetchMock.mockResolvedValue(answer(200, null))
    render(<DashboardPage />)
    expect(await screen.findByText('近 12 个月没有新增认证，无法预计')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('下载年度报告'))
    })
    expect(fetchMock).toHaveBeenCalledWith('/api/stats/report?year=2025&format=xlsx', expect.objectContaining({ headers: expect.objectContaining({ Authorization: 'Bearer tok' }) }))
    expect(savedAs()).toEqual(['人才工作年度报告-2025.xlsx'])
  })

  it('does not round the first verified people down to 0%, and says when the pace is far too slow', async () => {
    const o = overview({ practitioners: { verified: 2, pending: 0, rejected: 0, inactive: 0, total: 2 }, progress: 0.0002 })
    request.mockImplementation(routes({ 'GET /api/stats/overview': ok({ ...o, projection: { monthlyRate: 0.2, projectedReachDate: null } }) }))
    render(<DashboardPage />)
    expect(await screen.findByText('完成 0.02%')).toBeTruthy()
    expect(screen.getByText('按近 12 个月速度，百年内无法达到目标')).toBeTruthy()
  })

  it('has an error state with retry', async () => {
    let reply: unknown = fail(500, 'INTERNAL', '')
    request.mockImplementation(routes({ 'GET /api/stats/overview': () => reply }))
    render(<DashboardPage />)
    expect(await screen.findByText('服务器出错了')).toBeTruthy()
    reply = ok(overview())
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('2345')).toBeTruthy()
  })
})

describe('office: talent database', () => {
  it('lists records, filters by status (back to page 1) and opens one', async () => {
    const table = {
      'GET /api/reference': ok(reference),
      'GET /api/talents?page=1&pageSize=20': ok({ items: [talent(), talent({ id: 43, name: '李四', status: 'verified' })], total: 41, page: 1, pageSize: 20 }),
      'GET /api/talents?page=2&pageSize=20': ok({ items: [talent({ id: 60, name: '王五' })], total: 41, page: 2, pageSize: 20 }),
      'GET /api/talents?status=pending&page=1&pageSize=20': ok({ items: [talent()], total: 1, page: 1, pageSize: 20 }),
    }
    request.mockImplementation(routes(table))
    render(<TalentsPage />)
    const li = within((await screen.findByText('李四')).closest('.talents__item') as HTMLElement)
    expect(li.getByText('已认证')).toBeTruthy()
    expect(screen.getByText('共 41 人')).toBeTruthy()
    expect(screen.getByText('第 1 / 3 页')).toBeTruthy()
    // no page 0
    const calls = request.mock.calls.length
    fireEvent.click(screen.getByText('上一页'))
    expect(request.mock.calls.length).toBe(calls)
    expect(screen.getByText('上一页').closest('button')!.className).toContain('btn--off')

    fireEvent.click(screen.getByText('下一页'))
    expect(await screen.findByText('王五')).toBeTruthy()

    fireEvent.change(screen.getByLabelText('状态'), { target: { value: 'pending' } })
    expect(await screen.findByText('共 1 人')).toBeTruthy()
    expect(screen.queryByText('王五')).toBeNull()

    fireEvent.click(screen.getByText('张三'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/office/talent/index?id=42' })
  })

  it('searches by the typed text and says when nothing matches', async () => {
    request.mockImplementation(
      routes({
        'GET /api/reference': ok(reference),
        'GET /api/talents?page=1&pageSize=20': ok({ items: [talent()], total: 1, page: 1, pageSize: 20 }),
        [`GET /api/talents?q=${encodeURIComponent('赵六')}&page=1&pageSize=20`]: ok({ items: [], total: 0, page: 1, pageSize: 20 }),
      }),
    )
    render(<TalentsPage />)
    await screen.findByText('张三')
    fireEvent.change(screen.getByPlaceholderText('姓名、单位或完整身份证号'), { target: { value: ' 赵六 ' } })
    fireEvent.click(screen.getByText('搜索'))
    expect(await screen.findByText('没有符合条件的记录')).toBeTruthy()
  })

  it('filters by 学历 and 职称系列, and exports with them', async () => {
    request.mockImplementation(
      routes({
        'GET /api/reference': ok(reference),
        'GET /api/talents?page=1&pageSize=20': ok({ items: [talent(), talent({ id: 43, name: '李四' })], total: 2, page: 1, pageSize: 20 }),
        'GET /api/talents?education=master&page=1&pageSize=20': ok({ items: [talent({ id: 43, name: '李四' })], total: 1, page: 1, pageSize: 20 }),
        'GET /api/talents?titleSeries=ip&education=master&page=1&pageSize=20': ok({ items: [talent({ id: 43, name: '李四', titleName: '知识产权师' })], total: 1, page: 1, pageSize: 20 }),
      }),
    )
    fetchMock.mockResolvedValue(answer(200, null))
    render(<TalentsPage />)
    await screen.findByText('李四')
    expect(within(screen.getByLabelText('学历')).getByRole('option', { name: '博士' })).toBeTruthy()
    fireEvent.change(screen.getByLabelText('学历'), { target: { value: 'master' } })
    expect(await screen.findByText('共 1 人')).toBeTruthy()
    fireEvent.change(screen.getByLabelText('职称系列'), { target: { value: 'ip' } })
    // the list names the title as the server does
    expect(await screen.findByText(/知识产权师/)).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('导出'))
    })
    expect(fetchMock.mock.calls[0][0]).toBe('/api/talents/export?format=xlsx&titleSeries=ip&education=master')
  })

  it('exports with the current filters', async () => {
    request.mockImplementation(
      routes({
        'GET /api/reference': ok(reference),
        'GET /api/talents?page=1&pageSize=20': ok({ items: [talent()], total: 1, page: 1, pageSize: 20 }),
        'GET /api/talents?district=500103&page=1&pageSize=20': ok({ items: [talent()], total: 1, page: 1, pageSize: 20 }),
      }),
    )
    fetchMock.mockResolvedValue(answer(200, null))
    render(<TalentsPage />)
    await screen.findByText('张三')
    fireEvent.change(screen.getByLabelText('区县'), { target: { value: '500103' } })
    await screen.findByText('张三')
    await act(async () => {
      fireEvent.click(screen.getByText('导出'))
    })
    expect(fetchMock.mock.calls[0][0]).toBe('/api/talents/export?format=xlsx&district=500103')
    expect(savedAs()).toEqual(['人才库.xlsx'])
  })
})

describe('office: one record', () => {
  beforeEach(() => __setRouterParams({ id: '42' }))

  it('shows the masked record, this year’s hours and enrollments', async () => {
    request.mockImplementation(routes({ 'GET /api/reference': ok(reference), 'GET /api/talents/42': ok(detail()) }))
    render(<TalentPage />)
    expect(await screen.findByText('500***********123X')).toBeTruthy()
    expect(screen.getByText('138****1234')).toBeTruthy()
    expect(screen.getByText('批量导入')).toBeTruthy()
    expect(screen.getByText('未绑定账号')).toBeTruthy()
    expect(screen.getByText('32 / 90 学时')).toBeTruthy()
    expect(screen.getByText('还差 58 学时')).toBeTruthy()
    expect(screen.getByText(myEnrollment().class.title)).toBeTruthy()
  })

  it('shows 学历, the IP degree, the title by series and level, and the agency’s credit code', async () => {
    request.mockImplementation(
      routes({
        'GET /api/reference': ok(reference),
        'GET /api/talents/42': ok(detail({ education: 'master', ipDegree: true, titleSeries: 'ip', titleLevel: 'intermediate', titleName: '知识产权师', agencyCreditCode: '91500000MA5U7G0F2C' })),
      }),
    )
    render(<TalentPage />)
    await screen.findByText('500***********123X')
    const value = (label: string) => screen.getByText(label, { selector: '.info-row__label' }).closest('.info-row')!.querySelector('.info-row__value')!.textContent
    expect(value('学历')).toBe('硕士')
    expect(value('知识产权专业学位')).toBe('是')
    expect(value('职称系列')).toBe('知识产权')
    expect(value('职称等级')).toBe('中级')
    expect(value('职称')).toBe('知识产权师')
    expect(value('所在服务机构统一社会信用代码')).toBe('91500000MA5U7G0F2C')
  })

  it('shows — for what a record from before the new questions does not have', async () => {
    request.mockImplementation(
      routes({ 'GET /api/reference': ok(reference), 'GET /api/talents/42': ok(detail({ education: null, ipDegree: false, titleSeries: null, titleName: null, agencyCreditCode: null })) }),
    )
    render(<TalentPage />)
    await screen.findByText('500***********123X')
    const value = (label: string) => screen.getByText(label, { selector: '.info-row__label' }).closest('.info-row')!.querySelector('.info-row__value')!.textContent
    expect(value('学历')).toBe('—')
    expect(value('知识产权专业学位')).toBe('否')
    expect(value('职称系列')).toBe('—')
    expect(value('所在服务机构统一社会信用代码')).toBe('—')
    expect(screen.queryByText('职称', { selector: '.info-row__label' })).toBeNull()
  })

  it('verifies and shows the new status', async () => {
    let status: TalentRecord['status'] = 'pending'
    request.mockImplementation(
      routes({
        'GET /api/reference': ok(reference),
        'GET /api/talents/42': () => ok(detail({ status })),
        'POST /api/talents/42/verify': () => {
          status = 'verified'
          return ok(talent({ status }))
        },
      }),
    )
    render(<TalentPage />)
    await screen.findByText('待审核')
    await act(async () => {
      fireEvent.click(screen.getByText('认证通过'))
    })
    expect(await screen.findByText('已认证通过')).toBeTruthy()
    expect(screen.getByText('已认证')).toBeTruthy()
    expect(screen.queryByText('认证通过')).toBeNull()
  })

  it('rejects only with a reason, and sends it', async () => {
    const reject = jest.fn(() => ok(talent({ status: 'rejected', rejectReason: '单位信息不实' })))
    request.mockImplementation(routes({ 'GET /api/reference': ok(reference), 'GET /api/talents/42': ok(detail()), 'POST /api/talents/42/reject': reject }))
    render(<TalentPage />)
    await screen.findByText('待审核')
    fireEvent.click(screen.getByText('不通过'))
    await act(async () => {
      fireEvent.click(screen.getByText('确认不通过'))
    })
    expect(screen.getByText('请填写原因')).toBeTruthy()
    expect(reject).not.toHaveBeenCalled()
    fireEvent.input(screen.getByPlaceholderText('请填写原因，学员可以看到'), { target: { value: '单位信息不实' } })
    await act(async () => {
      fireEvent.click(screen.getByText('确认不通过'))
    })
    expect(reject).toHaveBeenCalledWith({ reason: '单位信息不实' })
    expect(await screen.findByText('已设为不通过')).toBeTruthy()
  })

  it('deactivates after confirmation and sets the tier', async () => {
    const patch = jest.fn((_body: unknown) => ok(talent()))
    request.mockImplementation(routes({ 'GET /api/reference': ok(reference), 'GET /api/talents/42': ok(detail({ status: 'verified' })), 'PATCH /api/talents/42': patch }))
    render(<TalentPage />)
    await screen.findByText('已认证')

    ;(Taro.showModal as unknown as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
    await act(async () => {
      fireEvent.click(screen.getByText('停用'))
    })
    expect(patch).not.toHaveBeenCalled()
    await act(async () => {
      fireEvent.click(screen.getByText('停用'))
    })
    expect(patch).toHaveBeenLastCalledWith({ status: 'inactive' })

    // the tier it already has: nothing to save
    const before = patch.mock.calls.length
    await act(async () => {
      fireEvent.click(screen.getByText('保存层次'))
    })
    expect(patch.mock.calls.length).toBe(before)
    fireEvent.change(screen.getByLabelText('设置人才层次'), { target: { value: 'leading' } })
    await act(async () => {
      fireEvent.click(screen.getByText('保存层次'))
    })
    expect(patch).toHaveBeenLastCalledWith({ tier: 'leading' })
    expect(await screen.findByText('人才层次已更新')).toBeTruthy()
  })

  it('shows the record’s history: who did what, and when', async () => {
    const entry = (id: number, action: string, actorName: string | null, before: object | null, after: object | null) => ({
      id, actorId: actorName ? 5 : null, actorName, action, entity: 'practitioner', entityId: '42', before, after, createdAt: '2025-03-02T02:00:00.000Z',
    })
    request.mockImplementation(
      routes({
        'GET /api/reference': ok(reference),
        'GET /api/talents/42': ok(detail({ status: 'verified', tier: 'leading' })),
        'GET /api/audit?entity=practitioner&entityId=42&pageSize=50': ok({
          items: [
            entry(3, 'talent.tier', '李处长', { tier: 'none' }, { tier: 'leading' }),
            entry(2, 'talent.verify', '李处长', { status: 'rejected' }, { status: 'verified' }),
            entry(1, 'talent.reject', null, { status: 'pending' }, { status: 'rejected', rejectReason: '单位信息不实' }),
          ],
          total: 3,
          page: 1,
          pageSize: 50,
        }),
      }),
    )
    render(<TalentPage />)
    expect(await screen.findByText('人才层次：无 → 国家知识产权领军人才')).toBeTruthy()
    expect(screen.getByText('认证通过')).toBeTruthy()
    expect(screen.getByText('不通过：单位信息不实')).toBeTruthy()
    expect(screen.getAllByText('李处长 · 3月2日 10:00')).toHaveLength(2)
    expect(screen.getByText('系统 · 3月2日 10:00')).toBeTruthy()
  })

  it('says so when no record is named, and asks the server nothing', async () => {
    __setRouterParams({ id: 'abc' })
    render(<TalentPage />)
    expect(screen.getByText('没有指定档案')).toBeTruthy()
    expect(request).not.toHaveBeenCalled()
  })

  it('shows the server’s refusal', async () => {
    request.mockImplementation(
      routes({
        'GET /api/reference': ok(reference),
        'GET /api/talents/42': ok(detail()),
        'POST /api/talents/42/verify': fail(409, 'CONFLICT', '档案已被他人修改，请刷新'),
      }),
    )
    render(<TalentPage />)
    await screen.findByText('待审核')
    await act(async () => {
      fireEvent.click(screen.getByText('认证通过'))
    })
    expect(await screen.findByText('档案已被他人修改，请刷新')).toBeTruthy()
  })
})

describe('office: import', () => {
  const chooseFile = () => {
    const file = new File(['姓名,身份证号码\n'], '人才.csv', { type: 'text/csv' })
    fireEvent.change(screen.getByLabelText('导入文件'), { target: { files: [file] } })
    return file
  }

  it('asks for a file first', async () => {
    render(<ImportPage />)
    await act(async () => {
      fireEvent.click(screen.getByText('预检'))
    })
    expect(screen.getByText('请先选择文件')).toBeTruthy()
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('checks the file (dryRun) and lists each row error, then imports', async () => {
    const errors = [{ row: 3, column: '身份证号码', message: '身份证号码校验位不正确' }]
    fetchMock
      .mockResolvedValueOnce(answer(200, { created: 5, updated: 1, unchanged: 0, errors, dryRun: true }))
      .mockResolvedValueOnce(answer(200, { created: 5, updated: 1, unchanged: 0, errors, dryRun: false }))
    render(<ImportPage />)
    const file = chooseFile()
    expect(screen.getByText('人才.csv')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('预检'))
    })
    const [url, init] = fetchMock.mock.calls[0] as [string, { body: FormData }]
    expect(url).toBe('/api/talents/import?dryRun=true')
    expect((init.body.get('file') as File).name).toBe(file.name)
    expect(screen.getByText('预检结果（尚未导入）')).toBeTruthy()
    expect(screen.getByText('将新增 5')).toBeTruthy()
    expect(screen.getByText('1 处错误（这些行不会导入）')).toBeTruthy()
    expect(screen.getByText('第 3 行 · 身份证号码')).toBeTruthy()
    expect(screen.getByText('身份证号码校验位不正确')).toBeTruthy()

    await act(async () => {
      fireEvent.click(screen.getByText('确认导入'))
    })
    expect(fetchMock.mock.calls[1][0]).toBe('/api/talents/import?dryRun=false')
    expect(screen.getByText('导入完成')).toBeTruthy()
    expect(screen.getByText('新增 5')).toBeTruthy()
  })

  it('shows a whole-file error with one line per missing column', async () => {
    fetchMock.mockResolvedValue(
      answer(400, {
        error: {
          code: 'VALIDATION_FAILED',
          message: '文件缺少必填列：所在区县',
          details: [{ path: '所在区县', message: '缺少必填列「所在区县」' }],
        },
      }),
    )
    render(<ImportPage />)
    chooseFile()
    await act(async () => {
      fireEvent.click(screen.getByText('预检'))
    })
    expect(screen.getByText('文件缺少必填列：所在区县')).toBeTruthy()
    expect(screen.getByText('缺少必填列「所在区县」')).toBeTruthy()
  })
})

describe('office: credit claims', () => {
  const claim = (overrides: Partial<OfficeCreditClaim> = {}) => creditClaim({ id: 9, practitionerName: '张三', ...overrides })

  it('approves with fewer hours and the claim leaves the pending list', async () => {
    let decided = false
    const approve = jest.fn(() => {
      decided = true
      return ok(claim({ status: 'approved', approvedHours: 4 }))
    })
    request.mockImplementation(
      routes({
        'GET /api/credit-claims?status=pending&page=1': () => ok({ items: decided ? [] : [claim()], total: decided ? 0 : 1, page: 1, pageSize: 20 }),
        'POST /api/credit-claims/9/approve': approve,
      }),
    )
    render(<OfficeClaimsPage />)
    expect(await screen.findByText('申报 8 学时')).toBeTruthy()
    fireEvent.input(screen.getByPlaceholderText('认定学时（不填则按申报）'), { target: { value: '4' } })
    await act(async () => {
      fireEvent.click(screen.getByText('认定'))
    })
    expect(approve).toHaveBeenCalledWith({ hours: 4 })
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已认定 4 学时' }))
    expect(await screen.findByText('没有待认定的申报')).toBeTruthy()
  })

  it('rejects only with a reason', async () => {
    const reject = jest.fn(() => ok(claim({ status: 'rejected', rejectReason: '材料不清晰' })))
    request.mockImplementation(
      routes({ 'GET /api/credit-claims?status=pending&page=1': ok({ items: [claim()], total: 1, page: 1, pageSize: 20 }), 'POST /api/credit-claims/9/reject': reject }),
    )
    render(<OfficeClaimsPage />)
    await screen.findByText('申报 8 学时')
    fireEvent.click(screen.getByText('驳回'))
    await act(async () => {
      fireEvent.click(screen.getByText('确认驳回'))
    })
    expect(reject).not.toHaveBeenCalled()
    expect(screen.getByText('请填写原因')).toBeTruthy()
    fireEvent.input(screen.getByPlaceholderText('驳回理由（必填）'), { target: { value: '材料不清晰' } })
    await act(async () => {
      fireEvent.click(screen.getByText('确认驳回'))
    })
    expect(reject).toHaveBeenCalledWith({ reason: '材料不清晰' })
  })

  it('switches to decided claims and opens the evidence', async () => {
    request.mockImplementation(
      routes({
        'GET /api/credit-claims?status=pending&page=1': ok({ items: [], total: 0, page: 1, pageSize: 20 }),
        'GET /api/credit-claims?status=approved&page=1': ok({ items: [claim({ status: 'approved', approvedHours: 6 })], total: 1, page: 1, pageSize: 20 }),
      }),
    )
    fetchMock.mockResolvedValue(answer(200, null))
    window.open = jest.fn(() => ({}) as Window)
    render(<OfficeClaimsPage />)
    await screen.findByText('没有待认定的申报')
    fireEvent.click(screen.getByText('已认定'))
    expect(await screen.findByText('已认定 6 学时')).toBeTruthy()
    expect(screen.queryByText('认定')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByText('查看材料'))
    })
    expect(fetchMock.mock.calls[0][0]).toBe('/api/credit-claims/9/evidence')
    expect(window.open).toHaveBeenCalledWith('blob:x', '_blank')
  })
})
