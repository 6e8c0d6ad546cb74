import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import QRCode from 'qrcode'
import { __resetTaroMock, __setRouterParams } from './mocks/taro'
import CheckinQrPage from '../src/pages/staff/checkin-qr/index'
import { TOKEN_KEY, resetServerClock } from '../src/api'
import type { AttendanceEntry } from '../src/api'
import { fail, ok } from './fixtures'

const request = Taro.request as unknown as jest.Mock
const realToDataURL = QRCode.toDataURL
const PNG_STUB = 'data:image/png;base64,iVBORw0KGgo='
const T0 = Date.parse('2025-03-20T01:00:00.000Z')

const session = { id: 5, classId: 11, startsAt: '2025-03-20T01:00:00.000Z', endsAt: '2025-03-20T03:00:00.000Z', topic: '专利法基础' }
const entry = (overrides: Partial<AttendanceEntry> = {}): AttendanceEntry => ({
  practitionerId: 9,
  name: '张三',
  orgName: '重庆某某专利代理事务所',
  status: null,
  checkedInAt: null,
  markedByTrainer: false,
  ...overrides,
})

/** Scripts the token and attendance endpoints; tokens expire 60 s after they are issued (on the mock's clock). */
function server(options: { serverAheadMs?: number } = {}) {
  const calls = { token: 0, attendance: 0, marks: [] as unknown[] }
  const codes = ['123456', '654321', '246802', '135790']
  request.mockImplementation(async (opts: { url: string; method?: string; data?: unknown }) => {
    const key = `${opts.method ?? 'GET'} ${opts.url}`
    const serverNow = Date.now() + (options.serverAheadMs ?? 0)
    const header = options.serverAheadMs !== undefined ? { Date: new Date(serverNow).toUTCString() } : {}
    if (key === 'POST /api/sessions/5/checkin-token') {
      const n = calls.token++
      return {
        ...ok({ token: `5.${Math.floor(serverNow / 1000) + 60}.signature-${n}`, expiresAt: new Date(serverNow + 60_000).toISOString(), shortCode: codes[n] }),
        header,
      }
    }
    if (key === 'GET /api/sessions/5/attendance') {
      calls.attendance++
      return { ...ok({ session, items: [entry(), entry({ practitionerId: 10, name: '李四', status: 'present', checkedInAt: '2025-03-20T01:02:00.000Z' })] }), header }
    }
    if (key === 'PUT /api/sessions/5/attendance/9') {
      calls.marks.push(opts.data)
      return ok(entry({ status: (opts.data as { status: AttendanceEntry['status'] }).status, markedByTrainer: true }))
    }
    throw new Error(`unexpected request ${key}`)
  })
  return calls
}

beforeEach(() => {
  __resetTaroMock()
  resetServerClock()
  Taro.setStorageSync(TOKEN_KEY, 'tok')
  __setRouterParams({ sessionId: '5' })
  // qrcode's PNG encoder (node build in jest) needs real nextTick / setImmediate
  jest.useFakeTimers({ now: T0, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] })
  // encoding a real PNG takes a while under jsdom: one test does, the others get a stub
  jest.spyOn(QRCode, 'toDataURL').mockImplementation((() => Promise.resolve(PNG_STUB)) as never)
})

afterEach(() => {
  jest.useRealTimers()
  jest.restoreAllMocks()
})

const advance = async (ms: number) => {
  await act(async () => {
    jest.advanceTimersByTime(ms)
  })
}

describe('check-in QR page', () => {
  it('renders the token as a QR image with the short code under it', async () => {
    const toDataURL = (QRCode.toDataURL as unknown as jest.Mock).mockImplementation(realToDataURL as never)
    server()
    render(<CheckinQrPage />)
    expect(await screen.findByText('123456')).toBeTruthy()
    expect(screen.getByText('55 秒后更新')).toBeTruthy()
    const img = (await screen.findByAltText('签到二维码')) as HTMLImageElement
    expect(img.src).toMatch(/^data:image\/png;base64,/)
    const [segments] = toDataURL.mock.calls[0] as unknown as [{ data: Uint8ClampedArray; mode: string }[]]
    expect(segments[0].mode).toBe('byte')
    expect(String.fromCharCode(...segments[0].data)).toBe(`5.${T0 / 1000 + 60}.signature-0`)
    expect(screen.getByText('专利法基础')).toBeTruthy()
  })

  it('fetches a new token 5 s before expiresAt, with a fresh attendance sheet', async () => {
    const calls = server()
    render(<CheckinQrPage />)
    await screen.findByText('123456')
    expect(calls.token).toBe(1)
    expect(calls.attendance).toBe(1)

    await advance(10_000)
    expect(screen.getByText('45 秒后更新')).toBeTruthy()
    await advance(44_000)
    expect(calls.token).toBe(1)
    await advance(1_500)
    expect(calls.token).toBe(2)
    expect(await screen.findByText('654321')).toBeTruthy()
    expect(calls.attendance).toBe(2)
    expect(screen.queryByText('123456')).toBeNull()

    // and again, on the new token's schedule
    await advance(55_000)
    expect(calls.token).toBe(3)
    expect(await screen.findByText('246802')).toBeTruthy()
  })

  it("schedules on the server's clock when the device's is off", async () => {
    // the server is 30 s ahead: its expiresAt is 90 s away on this device's clock, but only 60 s
    // away for the server. Going by the device's clock the token would be dead for 30 s.
    const calls = server({ serverAheadMs: 30_000 })
    render(<CheckinQrPage />)
    await screen.findByText('123456')
    expect(screen.getByText('55 秒后更新')).toBeTruthy()
    await advance(54_000)
    expect(calls.token).toBe(1)
    await advance(1_000)
    expect(calls.token).toBe(2)
  })

  it('stops refreshing when the page goes away', async () => {
    const calls = server()
    const { unmount } = render(<CheckinQrPage />)
    await screen.findByText('123456')
    unmount()
    await advance(120_000)
    expect(calls.token).toBe(1)
  })

  it('lists attendance and lets the trainer set a status', async () => {
    const calls = server()
    render(<CheckinQrPage />)
    await screen.findByText('123456')
    expect(screen.getByText('已签到 1 / 2 人')).toBeTruthy()
    const row = (name: string) => within(screen.getByText(name).closest('.sheet__row') as HTMLElement)
    expect(row('张三').getByText('未签到')).toBeTruthy()
    expect(row('李四').getAllByText('出勤').length).toBe(2) // the tag and the highlighted button
    expect(row('李四').getByText('09:02')).toBeTruthy()

    await act(async () => {
      fireEvent.click(row('张三').getByText('请假'))
    })
    expect(calls.marks).toEqual([{ status: 'excused' }])
    await waitFor(() => expect(row('张三').getAllByText('请假').length).toBe(2))
    expect(row('张三').getByText('手动')).toBeTruthy()
  })

  it('shows the attendance sheet alone for 考勤 (no token issued)', async () => {
    __setRouterParams({ sessionId: '5', view: 'attendance' })
    const calls = server()
    render(<CheckinQrPage />)
    expect(await screen.findByText('张三')).toBeTruthy()
    expect(calls.token).toBe(0)
    expect(screen.queryByAltText('签到二维码')).toBeNull()
    expect(Taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '考勤表' })
  })

  it("shows the server's refusal (class completed) with 重试", async () => {
    request.mockImplementation(async (opts: { url: string; method?: string }) => {
      if (opts.method === 'POST') return fail(409, 'CLASS_NOT_ACTIVE', '开班已取消或已结业，不能再签到')
      return ok({ session, items: [] })
    })
    render(<CheckinQrPage />)
    expect(await screen.findByText('开班已取消或已结业，不能再签到')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
  })
})
