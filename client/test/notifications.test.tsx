import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock, __showAgain } from './mocks/taro'
import InboxPage from '../src/pages/notifications/inbox/index'
import HomePage from '../src/pages/home/index'
import { TOKEN_KEY, resetReferenceCache } from '../src/api'
import type { InboxEntry } from '../src/api'
import { fail, me, ok, record, reference, routes, user } from './fixtures'

const request = Taro.request as unknown as jest.Mock
const calls = () => request.mock.calls.map(([o]) => `${o.method ?? 'GET'} ${o.url}`)

beforeEach(() => {
  __resetTaroMock()
  resetReferenceCache()
  Taro.setStorageSync(TOKEN_KEY, 'tok')
})

function entry(overrides: Partial<InboxEntry> = {}): InboxEntry {
  return {
    id: 1,
    kind: 'enrollment_approved',
    title: '报名审核通过',
    body: '「2025 年第一期专利撰写实务班」的报名已审核通过，报名成功。',
    link: '/pages/enrollment/mine/index',
    createdAt: '2025-03-21T02:30:00.000Z',
    readAt: null,
    ...overrides,
  }
}

const page = (items: InboxEntry[], total = items.length) => ok({ items, total, page: 1, pageSize: 20 })
const LIST = '/api/me/notifications?page=1&pageSize=20'
const UNREAD_LIST = '/api/me/notifications?unread=true&page=1&pageSize=20'
const COUNT = '/api/me/notifications/unread-count'

describe('消息 (inbox)', () => {
  const approved = entry()
  const completed = entry({
    id: 2,
    kind: 'completed',
    title: '结业',
    body: '「知识产权法律基础」已结业，你获得 8 学时和结业证书（编号 K7Q2M9X4TB3H8N5R）。',
    link: '/pages/certificates/mine/index?code=K7Q2M9X4TB3H8N5R',
    createdAt: '2025-03-20T01:00:00.000Z',
  })
  const old = entry({ id: 3, kind: 'record_verified', title: '人才档案已认证', body: '你的人才档案已通过审核，已计入人才库。', link: null, readAt: '2025-03-02T01:00:00.000Z' })

  const item = (title: string) => screen.getByText(title).closest('.inbox__entry') as HTMLElement

  it('lists title, body, Shanghai time and an unread dot for unread entries only', async () => {
    request.mockImplementation(routes({ [`GET ${LIST}`]: page([approved, completed, old]), [`GET ${COUNT}`]: ok({ count: 2 }) }))
    render(<InboxPage />)
    expect(screen.getByText('加载中…')).toBeTruthy()
    expect(await screen.findByText('报名审核通过')).toBeTruthy()
    const first = within(item('报名审核通过'))
    expect(first.getByText(approved.body)).toBeTruthy()
    // 02:30 UTC is 10:30 in Shanghai
    expect(first.getByText(/3月21日 10:30/)).toBeTruthy()
    expect(item('报名审核通过').querySelector('.inbox__dot')).not.toBeNull()
    expect(item('结业').querySelector('.inbox__dot')).not.toBeNull()
    expect(item('人才档案已认证').querySelector('.inbox__dot')).toBeNull()
    expect(screen.getByText('2 条未读')).toBeTruthy()
    expect(request.mock.calls[0][0].header.Authorization).toBe('Bearer tok')
  })

  it('tapping an entry marks it read and opens its link (a page path with a query)', async () => {
    const read = jest.fn(() => ok({ ...completed, readAt: '2025-03-21T03:00:00.000Z' }))
    request.mockImplementation(
      routes({ [`GET ${LIST}`]: page([approved, completed, old]), [`GET ${COUNT}`]: ok({ count: 2 }), 'POST /api/me/notifications/2/read': read }),
    )
    render(<InboxPage />)
    await screen.findByText('结业')
    await act(async () => {
      fireEvent.click(screen.getByText('结业'))
    })
    expect(read).toHaveBeenCalledTimes(1)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/certificates/mine/index?code=K7Q2M9X4TB3H8N5R' })
    // shown as read at once, before the next load
    expect(item('结业').querySelector('.inbox__dot')).toBeNull()
    expect(screen.getByText('1 条未读')).toBeTruthy()
  })

  it('a read entry is not marked again; one without a link stays on the page', async () => {
    request.mockImplementation(routes({ [`GET ${LIST}`]: page([old]), [`GET ${COUNT}`]: ok({ count: 0 }) }))
    render(<InboxPage />)
    await screen.findByText('人才档案已认证')
    await act(async () => {
      fireEvent.click(screen.getByText('人才档案已认证'))
    })
    expect(calls().filter((c) => c.startsWith('POST'))).toEqual([])
    expect(Taro.navigateTo).not.toHaveBeenCalled()
  })

  it('still opens the link when marking read fails, saying why', async () => {
    request.mockImplementation(
      routes({ [`GET ${LIST}`]: page([approved]), [`GET ${COUNT}`]: ok({ count: 1 }), 'POST /api/me/notifications/1/read': fail(503, 'UNAVAILABLE', '服务暂不可用，请稍后再试') }),
    )
    render(<InboxPage />)
    await screen.findByText('报名审核通过')
    await act(async () => {
      fireEvent.click(screen.getByText('报名审核通过'))
    })
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '服务暂不可用，请稍后再试' }))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/enrollment/mine/index' })
  })

  it('全部 / 未读: the unread filter asks the server for unread=true, with its own empty text', async () => {
    request.mockImplementation(routes({ [`GET ${LIST}`]: page([old]), [`GET ${UNREAD_LIST}`]: page([]), [`GET ${COUNT}`]: ok({ count: 0 }) }))
    render(<InboxPage />)
    await screen.findByText('人才档案已认证')
    fireEvent.click(screen.getByText('未读', { selector: '.inbox__tab' }))
    expect(await screen.findByText('没有未读消息')).toBeTruthy()
    expect(calls()).toContain(`GET ${UNREAD_LIST}`)
    expect(screen.queryByText('人才档案已认证')).toBeNull()
  })

  it('全部已读 marks everything read and loads the list again', async () => {
    let unread = 2
    const readAll = jest.fn(() => {
      unread = 0
      return ok({ updated: 2 })
    })
    request.mockImplementation(
      routes({
        [`GET ${LIST}`]: () => (unread ? page([approved, completed]) : page([{ ...approved, readAt: 'x' }, { ...completed, readAt: 'x' }])),
        [`GET ${COUNT}`]: () => ok({ count: unread }),
        'POST /api/me/notifications/read-all': readAll,
      }),
    )
    render(<InboxPage />)
    await screen.findByText('2 条未读')
    await act(async () => {
      fireEvent.click(screen.getByText('全部已读'))
    })
    expect(readAll).toHaveBeenCalledTimes(1)
    await waitFor(() => expect(document.querySelectorAll('.inbox__dot')).toHaveLength(0))
    expect(screen.queryByText(/条未读/)).toBeNull()
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已全部标为已读' }))
    expect(Taro.navigateTo).not.toHaveBeenCalled()
  })

  it('has an empty state', async () => {
    request.mockImplementation(routes({ [`GET ${LIST}`]: page([]), [`GET ${COUNT}`]: ok({ count: 0 }) }))
    render(<InboxPage />)
    expect(await screen.findByText('还没有消息')).toBeTruthy()
  })

  it('has an error state with 重试', async () => {
    let answer: unknown = fail(500, 'INTERNAL', '')
    request.mockImplementation(routes({ [`GET ${LIST}`]: () => answer, [`GET ${COUNT}`]: ok({ count: 1 }) }))
    render(<InboxPage />)
    expect(await screen.findByText('服务器出错了')).toBeTruthy()
    answer = page([approved])
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('报名审核通过')).toBeTruthy()
  })

  it('sends a visitor without a token to sign in', async () => {
    Taro.removeStorageSync(TOKEN_KEY)
    render(<InboxPage />)
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/auth/login/index' }))
    expect(request).not.toHaveBeenCalled()
  })
})

describe('home: 消息 with the unread count', () => {
  const entryOf = () => screen.getByText('消息', { selector: '.home__entry-title' }).closest('.home__entry') as HTMLElement

  it('shows the count on 消息, opens the inbox, and refreshes the count when shown again', async () => {
    let count = 3
    request.mockImplementation(
      routes({ 'GET /api/me': ok(me(null)), 'GET /api/reference': ok(reference), [`GET ${COUNT}`]: () => ok({ count }) }),
    )
    render(<HomePage />)
    await screen.findByText('消息', { selector: '.home__entry-title' })
    expect(within(entryOf()).getByText('3', { selector: '.home__badge' })).toBeTruthy()
    fireEvent.click(entryOf())
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/notifications/inbox/index' })

    // back from the inbox with everything read: the badge goes
    count = 0
    await act(async () => {
      __showAgain()
    })
    await waitFor(() => expect(entryOf().querySelector('.home__badge')).toBeNull())
  })

  it('caps a large count at 99+', async () => {
    request.mockImplementation(routes({ 'GET /api/me': ok(me(record())), 'GET /api/reference': ok(reference), 'GET /api/me/credits': fail(500, 'INTERNAL', ''), [`GET ${COUNT}`]: ok({ count: 120 }) }))
    render(<HomePage />)
    expect(await screen.findByText('99+')).toBeTruthy()
  })

  it('is there for staff too; without a count (or when it cannot be had) there is no badge', async () => {
    request.mockImplementation(
      routes({ 'GET /api/me': ok({ user: { ...user, role: 'office' }, practitioner: null }), 'GET /api/reference': ok(reference), [`GET ${COUNT}`]: fail(500, 'INTERNAL', '') }),
    )
    render(<HomePage />)
    await screen.findByText('人才库')
    expect(entryOf().querySelector('.home__badge')).toBeNull()
    expect(calls()).toContain(`GET ${COUNT}`)
  })
})
