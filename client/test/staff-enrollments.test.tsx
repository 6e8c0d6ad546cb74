import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock, __setRouterParams } from './mocks/taro'
import StaffClassPage from '../src/pages/staff/class/index'
import { TOKEN_KEY } from '../src/api'
import type { RosterEntry, TrainingClass } from '../src/api'
import { fail, klass, ok, routes, user } from './fixtures'

/** 报名管理 on the trainer's class page: approvals, the waitlist, capacity. */
const request = Taro.request as unknown as jest.Mock

beforeEach(() => {
  __resetTaroMock()
  Taro.setStorageSync(TOKEN_KEY, 'tok')
  __setRouterParams({ id: '11' })
})

function person(id: number, name: string, overrides: Partial<RosterEntry> = {}): RosterEntry {
  return { id, practitionerId: 100 + id, name, phoneMasked: '138****0000', orgName: `${name}的单位`, district: '500103', districtName: '渝中区', category: 'agent', titleLevel: 'none', status: 'pending', createdAt: '2025-03-02T02:00:00.000Z', ...overrides }
}

/** A small server: a class with approval, two pending people and one on the waitlist. */
function server(initial: Partial<TrainingClass> = {}) {
  let cls = klass({ requiresApproval: true, capacity: 2, enrolledCount: 1, seatsLeft: 1, waitlistCount: 1, pendingCount: 2, ...initial })
  let people = [person(1, '赵一'), person(2, '钱二'), person(3, '孙三', { status: 'waitlisted', waitlistPosition: 1 })]
  const calls: string[] = []
  request.mockImplementation(
    routes({
      'GET /api/classes/11': () => ok(cls),
      'GET /api/classes/11/sessions': ok({ items: [] }), 'GET /api/me': ok({ user: { ...user, role: 'trainer' }, practitioner: null }),
      'GET /api/classes/11/enrollments?status=pending': () => ok({ items: people.filter((p) => p.status === 'pending') }),
      'GET /api/classes/11/enrollments?status=waitlisted': () => ok({ items: people.filter((p) => p.status === 'waitlisted') }),
      'POST /api/enrollments/1/approve': () => {
        calls.push('approve 1')
        people = people.map((p) => (p.id === 1 ? { ...p, status: 'enrolled' } : p))
        cls = { ...cls, enrolledCount: 2, seatsLeft: 0, pendingCount: 1 }
        return ok({ id: 1, classId: 11, status: 'enrolled' })
      },
      'POST /api/enrollments/2/approve': () => {
        calls.push('approve 2')
        people = people.map((p) => (p.id === 2 ? { ...p, status: 'waitlisted', waitlistPosition: 2 } : p))
        cls = { ...cls, waitlistCount: 2, pendingCount: 0 }
        return ok({ id: 2, classId: 11, status: 'waitlisted', waitlistPosition: 2 })
      },
      'POST /api/enrollments/2/reject': () => {
        calls.push('reject 2')
        people = people.filter((p) => p.id !== 2)
        cls = { ...cls, pendingCount: cls.pendingCount - 1 }
        return ok({ id: 2, status: 'rejected' })
      },
      'PATCH /api/classes/11': (body: unknown) => {
        const capacity = (body as { capacity: number }).capacity
        calls.push(`capacity ${capacity}`)
        if (capacity < cls.enrolledCount) return fail(409, 'CAPACITY_BELOW_ENROLLED', `名额不能少于已报名人数（${cls.enrolledCount}）`)
        people = people.map((p) => (p.status === 'waitlisted' ? { ...p, status: 'enrolled' } : p))
        cls = { ...cls, capacity, enrolledCount: cls.enrolledCount + cls.waitlistCount, waitlistCount: 0 }
        return ok(cls)
      },
    }),
  )
  return calls
}

const section = async () => within((await screen.findByText('报名管理')).closest('.sc__enrollments') as HTMLElement)

describe('trainer: 报名管理', () => {
  it('shows the counts, the pending sign-ups and the waitlist in queue order', async () => {
    server()
    render(<StaffClassPage />)
    const s = await section()
    expect(s.getByText('名额 2 · 已报名 1 · 候补 1 · 待审核 2')).toBeTruthy()
    expect(await s.findByText('待审核（2）')).toBeTruthy()
    expect(s.getByText('赵一')).toBeTruthy()
    expect(s.getByText('候补（1）')).toBeTruthy()
    expect(s.getByText('候补第 1 位')).toBeTruthy()
  })

  it('approves into a free seat, then into the waitlist when full, updating the counts', async () => {
    const calls = server()
    render(<StaffClassPage />)
    const s = await section()
    await s.findByText('赵一')
    const row = (name: string) => within(s.getByText(name).closest('.sc__person') as HTMLElement)
    await act(async () => {
      fireEvent.click(row('赵一').getByText('通过'))
    })
    expect(await s.findByText('已通过：赵一 报名成功')).toBeTruthy()
    expect(await s.findByText('名额 2 · 已报名 2 · 候补 1 · 待审核 1')).toBeTruthy()
    await act(async () => {
      fireEvent.click(row('钱二').getByText('通过'))
    })
    expect(await s.findByText('已通过：名额已满，钱二 进入候补第 2 位')).toBeTruthy()
    expect(await s.findByText('候补（2）')).toBeTruthy()
    expect(calls).toEqual(['approve 1', 'approve 2'])
  })

  it('rejects only after confirmation', async () => {
    const calls = server()
    render(<StaffClassPage />)
    const s = await section()
    const row = within((await s.findByText('钱二')).closest('.sc__person') as HTMLElement)
    ;(Taro.showModal as unknown as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
    await act(async () => {
      fireEvent.click(row.getByText('不通过'))
    })
    expect(calls).toEqual([])
    await act(async () => {
      fireEvent.click(row.getByText('不通过'))
    })
    expect(calls).toEqual(['reject 2'])
    expect(await s.findByText('已不通过 钱二 的报名')).toBeTruthy()
    expect(s.queryByText('钱二')).toBeNull()
  })

  it('raises the capacity (the waitlist moves up) and shows the refusal below the enrolled count', async () => {
    const calls = server()
    render(<StaffClassPage />)
    const s = await section()
    await s.findByText('孙三')
    const input = s.getByLabelText('名额')
    fireEvent.input(input, { target: { value: '0' } })
    await act(async () => {
      fireEvent.click(s.getByText('调整名额'))
    })
    expect(await s.findByText('名额不能少于已报名人数（1）')).toBeTruthy()
    fireEvent.input(input, { target: { value: '5' } })
    await act(async () => {
      fireEvent.click(s.getByText('调整名额'))
    })
    expect(await s.findByText('名额已调整为 5，候补学员已按顺序递补')).toBeTruthy()
    expect(await s.findByText('名额 5 · 已报名 2 · 候补 0 · 待审核 2')).toBeTruthy()
    expect(s.queryByText('孙三')).toBeNull()
    expect(calls).toEqual(['capacity 0', 'capacity 5'])
  })
})

describe('trainer: 取消开班', () => {
  it('cancels after confirmation, telling how many sign-ups go with it', async () => {
    let cancelled = false
    const patch = jest.fn((_body: unknown) => {
      cancelled = true
      return ok(klass({ status: 'cancelled' }))
    })
    request.mockImplementation(
      routes({
        'GET /api/classes/11': () => ok(klass({ status: cancelled ? 'cancelled' : 'open', enrolledCount: 3, waitlistCount: 1, pendingCount: 1 })),
        'GET /api/classes/11/sessions': ok({ items: [] }), 'GET /api/me': ok({ user: { ...user, role: 'trainer' }, practitioner: null }),
        'GET /api/classes/11/enrollments?status=pending': ok({ items: [] }),
        'GET /api/classes/11/enrollments?status=waitlisted': ok({ items: [] }),
        'PATCH /api/classes/11': patch,
      }),
    )
    render(<StaffClassPage />)
    await screen.findByText('报名管理')
    ;(Taro.showModal as unknown as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
    await act(async () => {
      fireEvent.click(screen.getByText('取消开班'))
    })
    expect(patch).not.toHaveBeenCalled()
    await act(async () => {
      fireEvent.click(screen.getByText('取消开班'))
    })
    expect(Taro.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ content: expect.stringContaining('5 人的报名将全部取消') }))
    expect(patch).toHaveBeenCalledWith({ status: 'cancelled' })
    expect(await screen.findByText('开班已取消，所有报名已取消')).toBeTruthy()
    // a cancelled class offers neither completion nor cancelling again
    expect(screen.queryByText('取消开班')).toBeNull()
    expect(screen.queryByText('结业')).toBeNull()
  })
})

describe('trainer: 修改开班信息', () => {
  function serve(patchReply: (body: unknown) => unknown) {
    let cls = klass()
    const patch = jest.fn((body: unknown) => {
      const reply = patchReply(body) as { statusCode: number }
      if (reply.statusCode === 200) cls = { ...cls, ...(body as object) }
      return reply
    })
    request.mockImplementation(
      routes({
        'GET /api/classes/11': () => ok(cls),
        'GET /api/classes/11/sessions': ok({ items: [] }), 'GET /api/me': ok({ user: { ...user, role: 'trainer' }, practitioner: null }),
        'GET /api/classes/11/enrollments?status=pending': ok({ items: [] }),
        'GET /api/classes/11/enrollments?status=waitlisted': ok({ items: [] }),
        'PATCH /api/classes/11': patch,
      }),
    )
    return patch
  }

  it('sends only what changed, in Chongqing time, and shows the new details', async () => {
    const patch = serve(() => ok(klass()))
    render(<StaffClassPage />)
    fireEvent.click(await screen.findByText('修改开班信息'))
    // the form starts at the class as it is: the deadline 2025-03-18T10:00Z is 18:00 in Chongqing
    expect((screen.getByLabelText('报名截止时间') as HTMLInputElement).value).toBe('18:00')
    fireEvent.input(screen.getByLabelText('培训地点'), { target: { value: '重庆市知识产权培训基地 201 教室' } })
    fireEvent.change(screen.getByLabelText('报名截止时间'), { target: { value: '20:00' } })
    await act(async () => {
      fireEvent.click(screen.getByText('保存修改'))
    })
    expect(patch).toHaveBeenCalledWith({ location: '重庆市知识产权培训基地 201 教室', enrollClosesAt: '2025-03-18T20:00:00+08:00' })
    expect(await screen.findByText('开班信息已更新')).toBeTruthy()
    expect(screen.getByText('重庆市知识产权培训基地 201 教室')).toBeTruthy()
    expect(screen.queryByText('保存修改')).toBeNull()
  })

  it('shows the server’s refusal at its field and keeps the form open', async () => {
    const patch = serve(() => fail(400, 'VALIDATION_FAILED', '请求参数有误', [{ path: 'endDate', message: '结束日期不能早于开始日期' }]))
    render(<StaffClassPage />)
    fireEvent.click(await screen.findByText('修改开班信息'))
    fireEvent.change(screen.getByLabelText('结束日期'), { target: { value: '2025-03-01' } })
    await act(async () => {
      fireEvent.click(screen.getByText('保存修改'))
    })
    expect(patch).toHaveBeenCalledWith({ endDate: '2025-03-01' })
    expect(screen.getByText('结束日期不能早于开始日期')).toBeTruthy()
    expect(screen.getByText('保存修改')).toBeTruthy()
  })
})
