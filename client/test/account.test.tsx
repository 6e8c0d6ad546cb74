import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock, __setRouterParams } from './mocks/taro'
import ChangePasswordPage from '../src/pages/account/password/index'
import AccountDeletionPage from '../src/pages/account/delete/index'
import HomePage from '../src/pages/home/index'
import LoginPage from '../src/pages/auth/login/index'
import MyEnrollmentsPage from '../src/pages/enrollment/mine/index'
import { TOKEN_KEY, resetReferenceCache } from '../src/api'
import { fail, me, ok, record, reference, routes, user } from './fixtures'

const request = Taro.request as unknown as jest.Mock
const FORCED = { url: '/pages/account/password/index?forced=1' }

beforeEach(() => {
  __resetTaroMock()
  resetReferenceCache()
})

function fillPasswords(current: string, next: string, repeat = next) {
  fireEvent.input(screen.getByPlaceholderText(/请输入(当前密码|管理员提供的临时密码)/), { target: { value: current } })
  fireEvent.input(screen.getByPlaceholderText('请设置新密码'), { target: { value: next } })
  fireEvent.input(screen.getByPlaceholderText('请再次输入新密码'), { target: { value: repeat } })
}

describe('修改密码', () => {
  it('keeps the new token from X-New-Token and goes back', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'old-tok')
    const change = jest.fn(() => ({ statusCode: 204, data: '', header: { 'x-new-token': 'new-tok' }, errMsg: 'request:ok' }))
    request.mockImplementation(routes({ 'POST /api/me/password': change }))
    render(<ChangePasswordPage />)
    fillPasswords('old-pass-1', 'new-pass-123')
    await act(async () => {
      fireEvent.click(screen.getByText('确认修改'))
    })
    expect(change).toHaveBeenCalledWith({ currentPassword: 'old-pass-1', newPassword: 'new-pass-123' })
    expect(request.mock.calls[0][0].header.Authorization).toBe('Bearer old-tok')
    expect(Taro.getStorageSync(TOKEN_KEY)).toBe('new-tok')
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '密码已修改' }))
    expect(Taro.navigateBack).toHaveBeenCalled()
    expect(Taro.reLaunch).not.toHaveBeenCalled()
  })

  it('shows the server’s field error for a wrong current password, keeping the session', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'tok')
    request.mockImplementation(
      routes({ 'POST /api/me/password': fail(400, 'VALIDATION_FAILED', '当前密码不正确', [{ path: 'currentPassword', message: '当前密码不正确' }]) }),
    )
    render(<ChangePasswordPage />)
    fillPasswords('wrong', 'new-pass-123')
    await act(async () => {
      fireEvent.click(screen.getByText('确认修改'))
    })
    // the page notice and the field's own message
    expect(screen.getAllByText('当前密码不正确')).toHaveLength(2)
    expect(document.querySelector('.field--invalid')?.textContent).toContain('当前密码不正确')
    expect(Taro.getStorageSync(TOKEN_KEY)).toBe('tok')
    expect(Taro.navigateBack).not.toHaveBeenCalled()
  })

  it('checks that the new password was typed the same twice before sending', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'tok')
    render(<ChangePasswordPage />)
    fillPasswords('old-pass-1', 'new-pass-123', 'new-pass-124')
    await act(async () => {
      fireEvent.click(screen.getByText('确认修改'))
    })
    expect(screen.getByText('两次输入的新密码不一致')).toBeTruthy()
    expect(request).not.toHaveBeenCalled()
  })

  it('forced: says the temporary password must be changed first, and goes home after', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'tok')
    __setRouterParams({ forced: '1' })
    request.mockImplementation(routes({ 'POST /api/me/password': { statusCode: 204, data: '', header: { 'X-New-Token': 'new-tok' }, errMsg: 'request:ok' } }))
    render(<ChangePasswordPage />)
    expect(screen.getByText(/请先设置新密码/)).toBeTruthy()
    expect(screen.getByText('临时密码')).toBeTruthy()
    fillPasswords('Tmp-12345', 'new-pass-123')
    await act(async () => {
      fireEvent.click(screen.getByText('确认修改'))
    })
    expect(Taro.getStorageSync(TOKEN_KEY)).toBe('new-tok')
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' })
  })
})

describe('PASSWORD_CHANGE_REQUIRED', () => {
  it('sends any signed-in page that meets it to the password page, keeping the session', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'tok')
    request.mockImplementation(routes({ 'GET /api/me/enrollments': fail(403, 'PASSWORD_CHANGE_REQUIRED', '请先修改临时密码') }))
    render(<MyEnrollmentsPage />)
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith(FORCED))
    expect(Taro.getStorageSync(TOKEN_KEY)).toBe('tok')
    // the page shows no error of its own: the person is on the way to the password page
    expect(screen.queryByText('请先修改临时密码')).toBeNull()
  })

  it('goes there right after signing in with a temporary password', async () => {
    request.mockImplementation(routes({ 'POST /api/auth/login': ok({ token: 'jwt', user: { ...user, mustChangePassword: true } }) }))
    render(<LoginPage />)
    fireEvent.change(screen.getByPlaceholderText('请输入手机号'), { target: { value: '13800001234' } })
    fireEvent.change(screen.getByPlaceholderText('请输入密码'), { target: { value: 'Tmp-12345' } })
    await act(async () => {
      fireEvent.click(screen.getByText('登录'))
    })
    expect(Taro.getStorageSync(TOKEN_KEY)).toBe('jwt')
    expect(Taro.reLaunch).toHaveBeenCalledWith(FORCED)
    expect(Taro.reLaunch).not.toHaveBeenCalledWith({ url: '/pages/home/index' })
  })

  it('and from home, when the app is opened with a temporary password still in use', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'tok')
    request.mockImplementation(routes({ 'GET /api/me': ok({ user: { ...user, mustChangePassword: true }, practitioner: record() }), 'GET /api/reference': ok(reference) }))
    render(<HomePage />)
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith(FORCED))
    expect(request.mock.calls.map(([o]) => o.url)).not.toContain('/api/me/credits')
  })
})

describe('login', () => {
  it('links 忘记密码？ to the reset page', () => {
    render(<LoginPage />)
    fireEvent.click(screen.getByText('忘记密码？'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/auth/reset/index' })
  })

  it('shows the server’s message for a disabled account', async () => {
    request.mockImplementation(routes({ 'POST /api/auth/login': fail(403, 'ACCOUNT_DISABLED', '该账号已停用，请联系管理员') }))
    render(<LoginPage />)
    fireEvent.change(screen.getByPlaceholderText('请输入手机号'), { target: { value: '13800001234' } })
    fireEvent.change(screen.getByPlaceholderText('请输入密码'), { target: { value: 'secret-pass' } })
    await act(async () => {
      fireEvent.click(screen.getByText('登录'))
    })
    expect(screen.getByText('该账号已停用，请联系管理员')).toBeTruthy()
    expect(Taro.reLaunch).not.toHaveBeenCalled()
  })
})

describe('我的: 账号与安全', () => {
  it('offers a practitioner 修改密码, 导出我的数据 and 注销账号', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'tok')
    request.mockImplementation(routes({ 'GET /api/me': ok(me(null)), 'GET /api/reference': ok(reference) }))
    render(<HomePage />)
    fireEvent.click(await screen.findByText('修改密码'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/account/password/index' })
    expect(screen.getByText('导出我的数据')).toBeTruthy()
    fireEvent.click(screen.getByText('注销账号'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/account/delete/index' })
  })

  it('shows staff no 注销账号', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'tok')
    request.mockImplementation(routes({ 'GET /api/me': ok({ user: { ...user, role: 'trainer' }, practitioner: null }), 'GET /api/reference': ok(reference) }))
    render(<HomePage />)
    expect(await screen.findByText('修改密码')).toBeTruthy()
    expect(screen.getByText('导出我的数据')).toBeTruthy()
    expect(screen.queryByText('注销账号')).toBeNull()
  })
})

describe('注销账号', () => {
  it('says what is erased and what stays, asks for the password, then signs out', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'tok')
    const remove = jest.fn(() => ({ statusCode: 204, data: '', header: {}, errMsg: 'request:ok' }))
    request.mockImplementation(routes({ 'POST /api/me/account-deletion': remove }))
    render(<AccountDeletionPage />)
    expect(screen.getByText(/考勤记录和操作审计记录将保留/)).toBeTruthy()
    fireEvent.input(screen.getByPlaceholderText('请输入登录密码以确认身份'), { target: { value: 'secret-pass' } })
    await act(async () => {
      fireEvent.click(screen.getAllByText('注销账号').find((el) => el.tagName === 'BUTTON')!)
    })
    expect(Taro.showModal).toHaveBeenCalled()
    expect(remove).toHaveBeenCalledWith({ password: 'secret-pass' })
    expect(Taro.getStorageSync(TOKEN_KEY)).toBe('')
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/auth/login/index' })
  })

  it('asks WeChat, not a password, for an account made by WeChat login without one', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'tok')
    const remove = jest.fn(() => ({ statusCode: 204, data: '', header: {}, errMsg: 'request:ok' }))
    request.mockImplementation(routes({ 'GET /api/me': ok({ user: { ...user, phone: null, wechatBound: true }, practitioner: null }), 'POST /api/me/account-deletion': remove }))
    render(<AccountDeletionPage />)
    expect(await screen.findByText(/将由微信确认是你本人/)).toBeTruthy()
    expect(screen.queryByPlaceholderText('请输入登录密码以确认身份')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getAllByText('注销账号').find((el) => el.tagName === 'BUTTON')!)
    })
    expect(remove).toHaveBeenCalledWith({ wechatCode: expect.any(String) })
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/auth/login/index' })
  })

  it('shows a wrong password at the field and keeps the session', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'tok')
    request.mockImplementation(routes({ 'POST /api/me/account-deletion': fail(400, 'VALIDATION_FAILED', '密码不正确', [{ path: 'password', message: '密码不正确' }]) }))
    render(<AccountDeletionPage />)
    fireEvent.input(screen.getByPlaceholderText('请输入登录密码以确认身份'), { target: { value: 'wrong' } })
    await act(async () => {
      fireEvent.click(screen.getAllByText('注销账号').find((el) => el.tagName === 'BUTTON')!)
    })
    expect(document.querySelector('.field--invalid')?.textContent).toContain('密码不正确')
    expect(Taro.getStorageSync(TOKEN_KEY)).toBe('tok')
    expect(Taro.reLaunch).not.toHaveBeenCalled()
  })
})
