import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock } from './mocks/taro'
import PasswordResetPage, { RESEND_SECONDS } from '../src/pages/auth/reset/index'
import { TOKEN_KEY } from '../src/api'
import { fail, ok, routes, user } from './fixtures'

const request = Taro.request as unknown as jest.Mock

beforeEach(() => {
  __resetTaroMock()
})
afterEach(() => {
  jest.useRealTimers()
})

const accepted = { statusCode: 202, data: '', header: {}, errMsg: 'request:ok' }

async function tap(text: string | RegExp) {
  await act(async () => {
    fireEvent.click(screen.getByText(text))
  })
}

describe('找回密码', () => {
  it('asks for a code, counts down, then sets the new password and signs in', async () => {
    jest.useFakeTimers()
    const send = jest.fn(() => accepted)
    const confirm = jest.fn(() => ok({ token: 'reset-tok', user }))
    request.mockImplementation(routes({ 'POST /api/auth/password-reset/request': send, 'POST /api/auth/password-reset/confirm': confirm }))
    render(<PasswordResetPage />)
    fireEvent.input(screen.getByPlaceholderText('请输入手机号'), { target: { value: ' 13800001234 ' } })
    await tap('获取验证码')
    expect(send).toHaveBeenCalledWith({ phone: '13800001234' })
    // sent without the stored token (anonymous)
    expect(request.mock.calls[0][0].header.Authorization).toBeUndefined()
    expect(screen.getByText(/验证码将以短信发送/)).toBeTruthy()
    expect(screen.getByText(`${RESEND_SECONDS} 秒后重新获取`)).toBeTruthy()

    // a tap during the countdown sends nothing
    await tap(/秒后重新获取/)
    expect(send).toHaveBeenCalledTimes(1)
    act(() => {
      jest.advanceTimersByTime(1000)
    })
    expect(screen.getByText(`${RESEND_SECONDS - 1} 秒后重新获取`)).toBeTruthy()
    act(() => {
      jest.advanceTimersByTime(RESEND_SECONDS * 1000)
    })
    expect(screen.getByText('获取验证码')).toBeTruthy()

    fireEvent.input(screen.getByPlaceholderText('6 位短信验证码'), { target: { value: '123456' } })
    fireEvent.input(screen.getByPlaceholderText('请设置新密码'), { target: { value: 'new-pass-123' } })
    fireEvent.input(screen.getByPlaceholderText('请再次输入新密码'), { target: { value: 'new-pass-123' } })
    await tap('重置密码并登录')
    expect(confirm).toHaveBeenCalledWith({ phone: '13800001234', code: '123456', newPassword: 'new-pass-123' })
    expect(Taro.getStorageSync(TOKEN_KEY)).toBe('reset-tok')
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' })
  })

  it('shows the server’s message when too many codes were asked for, and no countdown', async () => {
    request.mockImplementation(
      routes({ 'POST /api/auth/password-reset/request': fail(429, 'RATE_LIMITED', '验证码发送过于频繁，请 1 分钟后再试') }),
    )
    render(<PasswordResetPage />)
    fireEvent.input(screen.getByPlaceholderText('请输入手机号'), { target: { value: '13800001234' } })
    await tap('获取验证码')
    expect(screen.getByText('验证码发送过于频繁，请 1 分钟后再试')).toBeTruthy()
    expect(screen.getByText('获取验证码')).toBeTruthy()
  })

  it('shows the server’s message when SMS is unavailable', async () => {
    request.mockImplementation(routes({ 'POST /api/auth/password-reset/request': fail(503, 'UNAVAILABLE', '短信服务未配置，请联系管理员重置密码') }))
    render(<PasswordResetPage />)
    fireEvent.input(screen.getByPlaceholderText('请输入手机号'), { target: { value: '13800001234' } })
    await tap('获取验证码')
    expect(screen.getByText('短信服务未配置，请联系管理员重置密码')).toBeTruthy()
  })

  it('shows a wrong code at the code field and stays signed out', async () => {
    request.mockImplementation(
      routes({
        'POST /api/auth/password-reset/confirm': fail(400, 'RESET_CODE_INVALID', '验证码错误或已失效，请重新获取', [{ path: 'code', message: '验证码错误或已失效' }]),
      }),
    )
    render(<PasswordResetPage />)
    fireEvent.input(screen.getByPlaceholderText('请输入手机号'), { target: { value: '13800001234' } })
    fireEvent.input(screen.getByPlaceholderText('6 位短信验证码'), { target: { value: '000000' } })
    fireEvent.input(screen.getByPlaceholderText('请设置新密码'), { target: { value: 'new-pass-123' } })
    fireEvent.input(screen.getByPlaceholderText('请再次输入新密码'), { target: { value: 'new-pass-123' } })
    await tap('重置密码并登录')
    expect(screen.getByText('验证码错误或已失效，请重新获取')).toBeTruthy()
    expect(screen.getByText('验证码错误或已失效')).toBeTruthy()
    expect(Taro.getStorageSync(TOKEN_KEY)).toBe('')
    expect(Taro.reLaunch).not.toHaveBeenCalled()
  })
})
