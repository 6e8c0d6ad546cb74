import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock } from './mocks/taro'
import OutboxPage from '../src/pages/admin/outbox/index'
import { TOKEN_KEY } from '../src/api'
import type { OutboxMessage } from '../src/api'
import { fail, ok, routes } from './fixtures'

const request = Taro.request as unknown as jest.Mock
const calls = () => request.mock.calls.map(([o]) => `${o.method ?? 'GET'} ${o.url}`)

beforeEach(() => {
  __resetTaroMock()
  Taro.setStorageSync(TOKEN_KEY, 'tok')
})

function message(overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    id: 5,
    notificationId: 40,
    userId: 12,
    kind: 'enrollment_approved',
    templateId: 'tmplApproved0001',
    status: 'given_up',
    attempts: 1,
    nextAttemptAt: '2026-03-02T01:00:00.000Z',
    lastError: 'errcode 43101 user refuse to accept the msg',
    sentAt: null,
    createdAt: '2026-03-02T01:00:00.000Z',
    ...overrides,
  }
}
const page = (items: OutboxMessage[]) => ok({ items, total: items.length, page: 1, pageSize: 20 })

describe('微信消息发送 (admins)', () => {
  it('lists each message with its kind, status, tries and last error; only a given-up one offers 重新发送', async () => {
    request.mockImplementation(
      routes({
        'GET /api/admin/outbox?page=1&pageSize=20': page([message(), message({ id: 6, status: 'sent', attempts: 2, lastError: null, sentAt: '2026-03-02T01:01:00.000Z', kind: 'completed' })]),
      }),
    )
    render(<OutboxPage />)
    const givenUp = (await screen.findByText('报名审核通过')).closest('.outbox__item') as HTMLElement
    expect(within(givenUp).getByText('已放弃')).toBeTruthy()
    expect(within(givenUp).getByText(/已尝试 1 次/)).toBeTruthy()
    expect(within(givenUp).getByText(/43101/)).toBeTruthy()
    expect(within(givenUp).getByText('重新发送')).toBeTruthy()
    const sent = screen.getByText('结业').closest('.outbox__item') as HTMLElement
    expect(within(sent).getByText('已发送')).toBeTruthy()
    expect(within(sent).queryByText('重新发送')).toBeNull()
    expect(request.mock.calls[0][0].header.Authorization).toBe('Bearer tok')
  })

  it('filters by status', async () => {
    request.mockImplementation(
      routes({
        'GET /api/admin/outbox?page=1&pageSize=20': page([message()]),
        'GET /api/admin/outbox?status=pending&page=1&pageSize=20': page([]),
      }),
    )
    render(<OutboxPage />)
    await screen.findByText('报名审核通过')
    await act(async () => {
      fireEvent.change(screen.getByLabelText('状态'), { target: { value: 'pending' } })
    })
    expect(await screen.findByText('暂无消息')).toBeTruthy()
    expect(calls()).toContain('GET /api/admin/outbox?status=pending&page=1&pageSize=20')
  })

  it('sends a given-up message again and shows it queued', async () => {
    const retried = jest.fn(() => ok(message({ status: 'pending', attempts: 0, lastError: 'errcode 43101 user refuse to accept the msg' })))
    request.mockImplementation(routes({ 'GET /api/admin/outbox?page=1&pageSize=20': page([message()]), 'POST /api/admin/outbox/5/retry': retried }))
    render(<OutboxPage />)
    await screen.findByText('重新发送')
    await act(async () => {
      fireEvent.click(screen.getByText('重新发送'))
    })
    expect(retried).toHaveBeenCalledTimes(1)
    const item = screen.getByText('报名审核通过').closest('.outbox__item') as HTMLElement
    expect(within(item).getByText('待发送')).toBeTruthy()
    expect(within(item).queryByText('重新发送')).toBeNull()
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已重新排队发送' }))
  })

  it('shows the server’s message when a retry fails', async () => {
    request.mockImplementation(routes({ 'GET /api/admin/outbox?page=1&pageSize=20': page([message({ id: 9 })]), 'POST /api/admin/outbox/9/retry': fail(404, 'NOT_FOUND', '没有这条待发消息') }))
    render(<OutboxPage />)
    await screen.findByText('重新发送')
    await act(async () => {
      fireEvent.click(screen.getByText('重新发送'))
    })
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '没有这条待发消息' }))
    const item = screen.getByText('报名审核通过').closest('.outbox__item') as HTMLElement
    expect(within(item).getByText('已放弃')).toBeTruthy()
  })
})
