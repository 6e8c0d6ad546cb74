import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock } from './mocks/taro'
import AuditPage, { actionOptions } from '../src/pages/admin/audit/index'
import { Changes, changeLines } from '../src/pages/admin/audit/Changes'
import HomePage from '../src/pages/home/index'
import { TOKEN_KEY, resetReferenceCache } from '../src/api'
import type { AuditEntry } from '../src/api'
import { ok, reference, routes, user } from './fixtures'

const request = Taro.request as unknown as jest.Mock

beforeEach(() => {
  __resetTaroMock()
  resetReferenceCache()
  Taro.setStorageSync(TOKEN_KEY, 'tok')
})

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 7,
    actorId: 3,
    actorName: '市局审核员',
    action: 'talent.tier',
    entity: 'practitioner',
    entityId: '41',
    district: '500103',
    before: { status: 'verified', tier: 'none', rejectReason: null },
    after: { status: 'verified', tier: 'leading', rejectReason: null },
    // 10:05 on 1 April in Chongqing
    createdAt: '2026-04-01T02:05:00.000Z',
    ...overrides,
  }
}

const page = (items: AuditEntry[], total = items.length, pageNo = 1) => ok({ items, total, page: pageNo, pageSize: 20 })

describe('the changes of an entry', () => {
  it('reads field: before → after, in the vocabulary’s words, and keeps unchanged fields plain', () => {
    expect(changeLines(entry())).toEqual([
      { field: 'status', label: '状态', after: '已认证', changed: false },
      { field: 'tier', label: '人才层次', before: '无', after: '国家知识产权领军人才', changed: true },
      { field: 'rejectReason', label: '未通过原因', after: '（空）', changed: false },
    ])
    render(<Changes entry={entry()} />)
    expect(screen.getByText('人才层次：').parentElement!.textContent).toBe('人才层次：无 → 国家知识产权领军人才')
    expect(screen.getByText('状态：').parentElement!.textContent).toBe('状态：已认证')
  })

  it('a creation shows its values; an unknown field its own name; a district its name', () => {
    const lines = changeLines({ entity: 'user', before: null, after: { role: 'district', districtCode: '500103', colour: 'blue' } }, (c) => reference.districts.find((d) => d.code === c)?.name)
    expect(lines.map((l) => [l.label, l.before, l.after, l.changed])).toEqual([
      ['角色', undefined, '区县人才工作', false],
      ['所属区县', undefined, '渝中区', false],
      ['colour', undefined, 'blue', false],
    ])
    expect(changeLines({ entity: 'class', before: null, after: null })).toEqual([])
  })
})

it('the action filter offers each kind as a whole (a prefix) and every action in words', () => {
  expect(actionOptions(['class.create', 'talent.reject', 'talent.verify', 'x.y'])).toEqual([
    { value: 'talent.', label: '人才档案（全部）' },
    { value: 'class.create', label: '开班' },
    { value: 'talent.reject', label: '驳回人才档案' },
    { value: 'talent.verify', label: '认证人才档案' },
    { value: 'x.y', label: 'x.y' },
  ])
})

describe('操作日志', () => {
  const base = {
    'GET /api/reference': ok(reference),
    'GET /api/audit/actions': ok({ items: ['talent.reject', 'talent.tier', 'user.create'] }),
  }

  it('lists entries with time in Shanghai, actor, action and changes, and narrows by filter', async () => {
    request.mockImplementation(
      routes({
        ...base,
        'GET /api/audit?page=1&pageSize=20': page([entry(), entry({ id: 6, actorId: null, actorName: null, action: 'user.create', entity: 'user', entityId: '9', district: null, before: null, after: { role: 'office' } })], 45),
        'GET /api/audit?action=talent.&page=1&pageSize=20': page([entry()]),
        'GET /api/audit?action=talent.&actor=3&page=1&pageSize=20': page([entry()]),
        'GET /api/audit?action=talent.&actor=3&from=2026-04-01&page=1&pageSize=20': page([]),
        'GET /api/audit?page=2&pageSize=20': page([entry({ id: 1 })], 45, 2),
      }),
    )
    render(<AuditPage />)
    const first = (await screen.findByText('设置人才层次', { selector: '.audit__action' })).closest('.audit__item') as HTMLElement
    expect(within(first).getByText(/2026年4月1日 10:05/)).toBeTruthy()
    expect(within(first).getByText('市局审核员')).toBeTruthy()
    expect(within(first).getByText('人才档案 #41')).toBeTruthy()
    expect(within(first).getByText(/渝中区/)).toBeTruthy()
    expect(within(first).getByText('人才层次：').parentElement!.textContent).toContain('无 → 国家知识产权领军人才')
    const second = screen.getByText('开设账号', { selector: '.audit__action' }).closest('.audit__item') as HTMLElement
    expect(within(second).getByText('系统')).toBeTruthy()
    expect(screen.getByText('共 45 条')).toBeTruthy()

    fireEvent.click(screen.getByText('下一页'))
    expect(await screen.findByText('第 2 / 3 页')).toBeTruthy()

    fireEvent.change(document.getElementById('audit-action')!, { target: { value: 'talent.' } })
    await screen.findByText('共 1 条')
    fireEvent.click(screen.getByText('市局审核员'))
    expect(await screen.findByText('操作人：市局审核员')).toBeTruthy()
    fireEvent.change(screen.getByLabelText('开始日期'), { target: { value: '2026-04-01' } })
    expect(await screen.findByText('没有符合条件的操作记录')).toBeTruthy()
  })

  it('a start after the end is said at once, without asking the server', async () => {
    request.mockImplementation(routes({ ...base, 'GET /api/audit?page=1&pageSize=20': page([]), 'GET /api/audit?from=2026-04-03&page=1&pageSize=20': page([]) }))
    render(<AuditPage />)
    await screen.findByText('还没有操作记录')
    fireEvent.change(screen.getByLabelText('开始日期'), { target: { value: '2026-04-03' } })
    await act(async () => undefined)
    fireEvent.change(screen.getByLabelText('结束日期'), { target: { value: '2026-04-01' } })
    expect(await screen.findByText('开始日期不能晚于结束日期')).toBeTruthy()
    expect(request.mock.calls.some(([o]) => String(o.url).includes('to=2026-04-01'))).toBe(false)
  })

  it('is offered on the home page to the office and to district staff', async () => {
    for (const role of ['office', 'district', 'trainer'] as const) {
      request.mockImplementation(routes({ 'GET /api/me': ok({ user: { ...user, role, districtCode: role === 'district' ? '500103' : null }, practitioner: null }), 'GET /api/reference': ok(reference) }))
      const { unmount } = render(<HomePage />)
      await screen.findByText('退出登录')
      expect(screen.queryByText('操作日志') !== null).toBe(role !== 'trainer')
      unmount()
    }
  })
})
