import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock } from './mocks/taro'
import CheckinPage from '../src/pages/attendance/checkin/index'
import { TOKEN_KEY } from '../src/api'
import { fail, ok, routes } from './fixtures'

const request = Taro.request as unknown as jest.Mock

beforeEach(() => {
  __resetTaroMock()
  Taro.setStorageSync(TOKEN_KEY, 'tok')
})

async function typeAndSubmit(code: string) {
  fireEvent.change(screen.getByPlaceholderText('6 位签到码'), { target: { value: code } })
  await act(async () => {
    fireEvent.click(screen.getByText('签到'))
  })
}

describe('check-in', () => {
  it('posts the typed code as {token} and says 签到成功 with the time', async () => {
    request.mockImplementation(
      routes({ 'POST /api/checkins': ok({ sessionId: 5, status: 'present', checkedInAt: '2025-03-20T01:05:00.000Z' }, 201) }),
    )
    render(<CheckinPage />)
    await typeAndSubmit(' 012345 ')
    expect(request).toHaveBeenCalledTimes(1)
    expect(request.mock.calls[0][0]).toMatchObject({ url: '/api/checkins', method: 'POST', data: { token: '012345' } })
    expect(request.mock.calls[0][0].header.Authorization).toBe('Bearer tok')
    expect(await screen.findByText('签到成功')).toBeTruthy()
    expect(screen.getByText('签到时间 3月20日 09:05')).toBeTruthy()
  })

  it('says 已签到，迟到 for a late check-in (and the same for a repeat, 200)', async () => {
    request.mockImplementation(
      routes({ 'POST /api/checkins': ok({ sessionId: 5, status: 'late', checkedInAt: '2025-03-20T01:20:00.000Z' }, 200) }),
    )
    render(<CheckinPage />)
    await typeAndSubmit('123456')
    expect(await screen.findByText('已签到，迟到')).toBeTruthy()
    expect(screen.getByText('签到时间 3月20日 09:20')).toBeTruthy()
    expect(screen.queryByText('签到成功')).toBeNull()
  })

  it('says 签到码无效或已过期 for CHECKIN_TOKEN_INVALID', async () => {
    request.mockImplementation(
      routes({ 'POST /api/checkins': fail(400, 'CHECKIN_TOKEN_INVALID', '签到码无效或已过期，请扫描现场最新的二维码') }),
    )
    render(<CheckinPage />)
    await typeAndSubmit('999999')
    expect(await screen.findByText('签到码无效或已过期')).toBeTruthy()
  })

  it("shows the server's message when not enrolled", async () => {
    request.mockImplementation(
      routes({ 'POST /api/checkins': fail(403, 'NOT_ENROLLED', '你没有报名该开班（或仍在候补），不能签到') }),
    )
    render(<CheckinPage />)
    await typeAndSubmit('123456')
    expect(await screen.findByText('你没有报名该开班（或仍在候补），不能签到')).toBeTruthy()
  })

  it("shows the server's message without a talent record, with the way to the form", async () => {
    request.mockImplementation(routes({ 'POST /api/checkins': fail(403, 'PROFILE_REQUIRED', '请先填写人才档案') }))
    render(<CheckinPage />)
    await typeAndSubmit('123456')
    expect(await screen.findByText('请先填写人才档案')).toBeTruthy()
    fireEvent.click(screen.getByText('去填写人才档案'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/profile/edit/index' })
  })

  it('asks for a code instead of posting nothing', async () => {
    render(<CheckinPage />)
    await typeAndSubmit('  ')
    expect(screen.getByText('请输入签到码')).toBeTruthy()
    expect(request).not.toHaveBeenCalled()
  })

  it('offers no camera where BarcodeDetector is missing (jsdom)', async () => {
    render(<CheckinPage />)
    await act(async () => undefined)
    expect(screen.queryByText('摄像头扫码')).toBeNull()
    // the WeChat scanner is for the weapp build only
    expect(screen.queryByText('扫码签到')).toBeNull()
  })

  it('sends a visitor without a token to login', async () => {
    Taro.removeStorageSync(TOKEN_KEY)
    render(<CheckinPage />)
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/auth/login/index' }))
  })

  describe('weapp', () => {
    const env = process.env.TARO_ENV
    beforeEach(() => {
      process.env.TARO_ENV = 'weapp'
    })
    afterEach(() => {
      process.env.TARO_ENV = env
    })

    it("posts what WeChat's scanner read", async () => {
      ;(Taro.scanCode as jest.Mock).mockResolvedValueOnce({ result: '5.1742000000.sig', errMsg: 'scanCode:ok' })
      request.mockImplementation(
        routes({ 'POST /api/checkins': ok({ sessionId: 5, status: 'present', checkedInAt: '2025-03-20T01:05:00.000Z' }, 201) }),
      )
      render(<CheckinPage />)
      await act(async () => {
        fireEvent.click(screen.getByText('扫码签到'))
      })
      expect(Taro.scanCode).toHaveBeenCalledWith({ onlyFromCamera: true, scanType: ['qrCode'] })
      expect(request.mock.calls[0][0].data).toEqual({ token: '5.1742000000.sig' })
      expect(await screen.findByText('签到成功')).toBeTruthy()
      expect(screen.queryByText('摄像头扫码')).toBeNull()
    })

    it('does nothing when the scanner is closed', async () => {
      ;(Taro.scanCode as jest.Mock).mockRejectedValueOnce({ errMsg: 'scanCode:fail cancel' })
      render(<CheckinPage />)
      await act(async () => {
        fireEvent.click(screen.getByText('扫码签到'))
      })
      expect(request).not.toHaveBeenCalled()
      expect(document.querySelector('.checkin__result')).toBeNull()
    })
  })

  describe('h5 camera', () => {
    const stopTrack = jest.fn()
    const detect = jest.fn()
    beforeEach(() => {
      const w = window as unknown as Record<string, unknown>
      w.BarcodeDetector = jest.fn(() => ({ detect }))
      Object.defineProperty(navigator, 'mediaDevices', {
        configurable: true,
        value: {
          enumerateDevices: jest.fn(async () => [{ kind: 'videoinput' }]),
          getUserMedia: jest.fn(async () => ({ getTracks: () => [{ stop: stopTrack }] })),
        },
      })
      Object.defineProperty(HTMLMediaElement.prototype, 'readyState', { configurable: true, get: () => 4 })
      jest.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => Promise.resolve())
    })
    afterEach(() => {
      delete (window as unknown as Record<string, unknown>).BarcodeDetector
      delete (navigator as unknown as Record<string, unknown>).mediaDevices
      delete (HTMLMediaElement.prototype as unknown as Record<string, unknown>).readyState
      jest.restoreAllMocks()
    })

    it('reads a QR code from the camera, stops the stream and posts the text', async () => {
      detect.mockResolvedValueOnce([]).mockResolvedValue([{ rawValue: '5.1742000000.sig' }])
      request.mockImplementation(
        routes({ 'POST /api/checkins': ok({ sessionId: 5, status: 'present', checkedInAt: '2025-03-20T01:05:00.000Z' }, 201) }),
      )
      render(<CheckinPage />)
      fireEvent.click(await screen.findByText('摄像头扫码'))
      expect(await screen.findByText('停止扫码')).toBeTruthy()
      expect(await screen.findByText('签到成功', undefined, { timeout: 3000 })).toBeTruthy()
      expect(request.mock.calls[0][0].data).toEqual({ token: '5.1742000000.sig' })
      expect(stopTrack).toHaveBeenCalled()
      expect(screen.queryByText('停止扫码')).toBeNull()
      expect(window.BarcodeDetector).toHaveBeenCalledWith({ formats: ['qr_code'] })
    })

    it('stops the camera when leaving the page', async () => {
      detect.mockResolvedValue([])
      const { unmount } = render(<CheckinPage />)
      fireEvent.click(await screen.findByText('摄像头扫码'))
      await waitFor(() => expect(navigator.mediaDevices.getUserMedia).toHaveBeenCalled())
      await act(async () => undefined)
      unmount()
      expect(stopTrack).toHaveBeenCalled()
    })
  })
})

declare global {
  interface Window {
    BarcodeDetector?: unknown
  }
}
