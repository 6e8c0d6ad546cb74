import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock, __setRouterParams } from './mocks/taro'
import StaffClassesPage from '../src/pages/staff/classes/index'
import StaffClassPage from '../src/pages/staff/class/index'
import HomePage from '../src/pages/home/index'
import { TOKEN_KEY, resetReferenceCache } from '../src/api'
import { fail, klass, me, ok, record, reference, routes, user } from './fixtures'

const request = Taro.request as unknown as jest.Mock

beforeEach(() => {
  __resetTaroMock()
  resetReferenceCache()
  Taro.setStorageSync(TOKEN_KEY, 'tok')
})

const sessions = [
  { id: 5, classId: 11, startsAt: '2025-03-20T01:00:00.000Z', endsAt: '2025-03-20T03:00:00.000Z', topic: '专利法基础' },
  { id: 6, classId: 11, startsAt: '2025-03-21T01:00:00.000Z', endsAt: '2025-03-21T03:00:00.000Z', topic: '权利要求书撰写' },
]

describe('staff: classes', () => {
  it('lists the classes (pageSize 100) and opens one', async () => {
    request.mockImplementation(
      routes({ 'GET /api/classes?when=current&pageSize=100': ok({ items: [klass(), klass({ id: 12, title: '二期班', status: 'completed' })], total: 2, page: 1, pageSize: 100 }) }),
    )
    render(<StaffClassesPage />)
    const second = within((await screen.findByText('二期班')).closest('.staff-class') as HTMLElement)
    expect(second.getByText('已结业')).toBeTruthy()
    expect(second.getByText('已报名 37 人')).toBeTruthy()
    fireEvent.click(screen.getByText('二期班'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/staff/class/index?id=12' })
  })

  it('has empty and error states', async () => {
    let answer: unknown = fail(500, 'INTERNAL', '')
    request.mockImplementation(routes({ 'GET /api/classes?when=current&pageSize=100': () => answer }))
    render(<StaffClassesPage />)
    expect(await screen.findByText('服务器出错了')).toBeTruthy()
    answer = ok({ items: [], total: 0, page: 1, pageSize: 100 })
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('没有进行中或即将开始的开班')).toBeTruthy()
  })

  it('shows current classes by default and past ones behind 往期开班', async () => {
    request.mockImplementation(
      routes({
        'GET /api/classes?when=current&pageSize=100': ok({ items: [klass({ title: '本期班' })], total: 1, page: 1, pageSize: 100 }),
        'GET /api/classes?when=past&pageSize=100': ok({ items: [klass({ id: 12, title: '往期班', status: 'completed' })], total: 1, page: 1, pageSize: 100 }),
      }),
    )
    render(<StaffClassesPage />)
    expect(await screen.findByText('本期班')).toBeTruthy()
    expect(screen.queryByText('往期班')).toBeNull()
    fireEvent.click(screen.getByText('往期开班'))
    expect(await screen.findByText('往期班')).toBeTruthy()
    expect(screen.queryByText('本期班')).toBeNull()
    fireEvent.click(screen.getByText('当前开班'))
    expect(await screen.findByText('本期班')).toBeTruthy()
  })
})

describe('staff: one class', () => {
  beforeEach(() => __setRouterParams({ id: '11' }))

  it('shows the sessions with 签到二维码 and 考勤', async () => {
    request.mockImplementation(routes({ 'GET /api/classes/11': ok(klass()), 'GET /api/classes/11/sessions': ok({ items: sessions }), 'GET /api/me': ok({ user: { ...user, role: 'trainer' }, practitioner: null }) }))
    render(<StaffClassPage />)
    const first = within((await screen.findByText('专利法基础')).closest('.sc__session') as HTMLElement)
    expect(first.getByText('3月20日 09:00 - 11:00')).toBeTruthy()
    fireEvent.click(first.getByText('签到二维码'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/staff/checkin-qr/index?sessionId=5' })
    fireEvent.click(first.getByText('考勤'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/staff/checkin-qr/index?sessionId=5&view=attendance' })
  })

  it('completes the class after confirmation and reports the numbers', async () => {
    let completed = false
    request.mockImplementation(
      routes({
        'GET /api/classes/11': () => ok(klass({ status: completed ? 'completed' : 'closed', completable: !completed })),
        'GET /api/classes/11/sessions': ok({ items: sessions }), 'GET /api/me': ok({ user: { ...user, role: 'trainer' }, practitioner: null }),
        'POST /api/classes/11/complete': () => {
          completed = true
          return ok({ completed: 3, failed: 1, certificates: [], outcomes: [] })
        },
      }),
    )
    render(<StaffClassPage />)
    await screen.findByText('专利法基础')
    await act(async () => {
      fireEvent.click(screen.getByText('结业'))
    })
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '开班结业' }))
    expect(await screen.findByText('结业 3 人，未结业 1 人')).toBeTruthy()
    expect(await screen.findByText('已结业')).toBeTruthy()
  })

  it('does nothing when the confirmation is declined', async () => {
    ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
    request.mockImplementation(routes({ 'GET /api/classes/11': ok(klass({ completable: true })), 'GET /api/classes/11/sessions': ok({ items: sessions }), 'GET /api/me': ok({ user: { ...user, role: 'trainer' }, practitioner: null }) }))
    render(<StaffClassPage />)
    await screen.findByText('专利法基础')
    await act(async () => {
      fireEvent.click(screen.getByText('结业'))
    })
    expect(request.mock.calls.some(([o]) => o.method === 'POST')).toBe(false)
  })

  it('offers 结业 only once the server says it is possible, and says when it will be', async () => {
    request.mockImplementation(routes({ 'GET /api/classes/11': ok(klass({ lastSessionEndsAt: '2026-03-29T04:00:00.000Z' })), 'GET /api/classes/11/sessions': ok({ items: sessions }), 'GET /api/me': ok({ user: { ...user, role: 'trainer' }, practitioner: null }) }))
    render(<StaffClassPage />)
    expect(await screen.findByText('最后一个课次结束（3月29日 12:00）后可办理结业')).toBeTruthy()
    expect(screen.queryByText('结业')).toBeNull()
  })

  it('offers an admin 撤销结业 with a reason while the server allows it, and not a trainer', async () => {
    const completed = klass({ status: 'completed', completedAt: '2026-03-21T02:00:00.000Z', completionUndoableUntil: '2026-04-20T02:00:00.000Z' })
    const posted: unknown[] = []
    request.mockImplementation(
      routes({
        'GET /api/classes/11': ok(completed),
        'GET /api/classes/11/sessions': ok({ items: sessions }),
        'GET /api/me': ok({ user: { ...user, role: 'admin' }, practitioner: null }),
        'POST /api/classes/11/completion/undo': (data: unknown) => {
          posted.push(data)
          return ok({ withdrawn: 3, certificatesRevoked: 3 })
        },
      }),
    )
    const { unmount } = render(<StaffClassPage />)
    await screen.findByText('专利法基础')
    fireEvent.input(screen.getByPlaceholderText('如：考勤录入有误，需重新结业'), { target: { value: '考勤录错' } })
    await act(async () => {
      fireEvent.click(screen.getByText('撤销结业'))
    })
    expect(await screen.findByText('已撤销结业：收回 3 人的学时，作废 3 张证书')).toBeTruthy()
    expect(posted).toEqual([{ reason: '考勤录错' }])
    unmount()

    request.mockImplementation(routes({ 'GET /api/classes/11': ok(completed), 'GET /api/classes/11/sessions': ok({ items: sessions }), 'GET /api/me': ok({ user: { ...user, role: 'trainer' }, practitioner: null }) }))
    render(<StaffClassPage />)
    await screen.findByText('专利法基础')
    expect(screen.queryByText('撤销结业')).toBeNull()
  })

  it("shows the server's refusal to complete", async () => {
    request.mockImplementation(
      routes({
        'GET /api/classes/11': ok(klass({ completable: true })),
        'GET /api/classes/11/sessions': ok({ items: sessions }), 'GET /api/me': ok({ user: { ...user, role: 'trainer' }, practitioner: null }),
        'POST /api/classes/11/complete': fail(409, 'SESSIONS_NOT_OVER', '最后一个课次结束后才能结业'),
      }),
    )
    render(<StaffClassPage />)
    await screen.findByText('专利法基础')
    await act(async () => {
      fireEvent.click(screen.getByText('结业'))
    })
    expect(await screen.findByText('最后一个课次结束后才能结业')).toBeTruthy()
  })

  it('downloads the roster spreadsheet (h5: fetch with the token)', async () => {
    const fetchMock = jest.fn(async () => ({ ok: true, status: 200, blob: async () => new Blob(['xlsx']) }))
    ;(globalThis as { fetch?: unknown }).fetch = fetchMock
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:xlsx'), revokeObjectURL: jest.fn() })
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    request.mockImplementation(routes({ 'GET /api/classes/11': ok(klass()), 'GET /api/classes/11/sessions': ok({ items: sessions }), 'GET /api/me': ok({ user: { ...user, role: 'trainer' }, practitioner: null }) }))
    render(<StaffClassPage />)
    await screen.findByText('下载名单')
    await act(async () => {
      fireEvent.click(screen.getByText('下载名单'))
    })
    expect(fetchMock).toHaveBeenCalledWith('/api/classes/11/enrollments?format=xlsx', { headers: { Authorization: 'Bearer tok' } })
    expect(click).toHaveBeenCalled()
    click.mockRestore()
  })

  it('says so without an id', () => {
    __setRouterParams({})
    render(<StaffClassPage />)
    expect(screen.getByText('没有指定开班')).toBeTruthy()
  })
})

describe('home entries', () => {
  it('shows a practitioner 扫码签到, 我的学时 and 我的证书, and no staff entry', async () => {
    request.mockImplementation(routes({ 'GET /api/me': ok(me(record())), 'GET /api/reference': ok(reference) }))
    render(<HomePage />)
    fireEvent.click(await screen.findByText('扫码签到'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/attendance/checkin/index' })
    fireEvent.click(screen.getByText('我的学时'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/credits/mine/index' })
    fireEvent.click(screen.getByText('我的证书'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/certificates/mine/index' })
    expect(screen.queryByText('开班管理')).toBeNull()
  })

  it.each(['trainer', 'admin'] as const)('shows %s 开班管理 and no practitioner entries', async (role) => {
    request.mockImplementation(routes({ 'GET /api/me': ok({ user: { ...user, role }, practitioner: null }), 'GET /api/reference': ok(reference) }))
    render(<HomePage />)
    fireEvent.click(await screen.findByText('开班管理'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/staff/classes/index' })
    expect(screen.queryByText('扫码签到')).toBeNull()
    expect(screen.queryByText('我的学时')).toBeNull()
    // staff accounts have no talent record to fill in
    expect(screen.queryByText('请完善人才档案')).toBeNull()
  })
})

describe('staff: changing a session', () => {
  beforeEach(() => __setRouterParams({ id: '11' }))
  const trainer = { 'GET /api/me': ok({ user: { ...user, role: 'trainer' }, practitioner: null }) }

  it('edits a session with the fields of a new one, sending only what changed', async () => {
    const sent: unknown[] = []
    let items = sessions
    request.mockImplementation(
      routes({
        ...trainer,
        'GET /api/classes/11': ok(klass()),
        'GET /api/classes/11/sessions': () => ok({ items }),
        'PATCH /api/sessions/5': (data: unknown) => {
          sent.push(data)
          items = [{ ...sessions[0], topic: '专利法基础（修订）' }, sessions[1]]
          return ok(items[0])
        },
      }),
    )
    render(<StaffClassPage />)
    const first = within((await screen.findByText('专利法基础')).closest('.sc__session') as HTMLElement)
    fireEvent.click(first.getByText('修改'))
    const topic = first.getByDisplayValue('专利法基础')
    fireEvent.input(topic, { target: { value: '专利法基础（修订）' } })
    await act(async () => {
      fireEvent.click(first.getByText('保存课次'))
    })
    expect(sent).toEqual([{ topic: '专利法基础（修订）' }])
    expect(await screen.findByText('课次已更新')).toBeTruthy()
    expect(await screen.findByText('专利法基础（修订）')).toBeTruthy()
  })

  it('shows the server’s message when a session someone checked in to cannot be changed', async () => {
    request.mockImplementation(
      routes({
        ...trainer,
        'GET /api/classes/11': ok(klass()),
        'GET /api/classes/11/sessions': ok({ items: sessions }),
        'PATCH /api/sessions/5': fail(409, 'SESSION_HAS_CHECKINS', '该课次已有学员签到，不能修改或删除'),
      }),
    )
    render(<StaffClassPage />)
    const first = within((await screen.findByText('专利法基础')).closest('.sc__session') as HTMLElement)
    fireEvent.click(first.getByText('修改'))
    fireEvent.input(first.getByDisplayValue('专利法基础'), { target: { value: '新主题' } })
    await act(async () => {
      fireEvent.click(first.getByText('保存课次'))
    })
    expect(await first.findByText('该课次已有学员签到，不能修改或删除')).toBeTruthy()
  })

  it('deletes a session after confirmation, and shows a refusal as the server says it', async () => {
    let items = sessions
    let refuse = false
    const deleted: string[] = []
    request.mockImplementation(
      routes({
        ...trainer,
        'GET /api/classes/11': ok(klass()),
        'GET /api/classes/11/sessions': () => ok({ items }),
        'DELETE /api/sessions/6': () => {
          deleted.push('6')
          items = [sessions[0]]
          return ok(undefined, 204)
        },
        'DELETE /api/sessions/5': () => {
          refuse = true
          return fail(409, 'SESSION_HAS_CHECKINS', '该课次已有学员签到，不能修改或删除')
        },
      }),
    )
    render(<StaffClassPage />)
    const second = within((await screen.findByText('权利要求书撰写')).closest('.sc__session') as HTMLElement)
    await act(async () => {
      fireEvent.click(second.getByText('删除'))
    })
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '删除课次', content: expect.stringContaining('权利要求书撰写') }))
    expect(deleted).toEqual(['6'])
    expect(await screen.findByText('课次已删除')).toBeTruthy()
    await waitForGone('权利要求书撰写')
    const first = within(screen.getByText('专利法基础').closest('.sc__session') as HTMLElement)
    await act(async () => {
      fireEvent.click(first.getByText('删除'))
    })
    expect(refuse).toBe(true)
    expect(await screen.findByText('该课次已有学员签到，不能修改或删除')).toBeTruthy()
  })

  it('offers neither for a completed class', async () => {
    request.mockImplementation(routes({ ...trainer, 'GET /api/classes/11': ok(klass({ status: 'completed' })), 'GET /api/classes/11/sessions': ok({ items: sessions }) }))
    render(<StaffClassPage />)
    const first = within((await screen.findByText('专利法基础')).closest('.sc__session') as HTMLElement)
    expect(first.queryByText('修改')).toBeNull()
    expect(first.queryByText('删除')).toBeNull()
  })
})

async function waitForGone(text: string) {
  for (let i = 0; i < 50 && screen.queryByText(text); i++) await act(async () => new Promise((r) => setTimeout(r, 10)))
  expect(screen.queryByText(text)).toBeNull()
}
