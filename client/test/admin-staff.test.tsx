import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock } from './mocks/taro'
import StaffAccountsPage from '../src/pages/admin/staff/index'
import HomePage from '../src/pages/home/index'
import { TOKEN_KEY, resetReferenceCache } from '../src/api'
import { fail, ok, reference, routes, user } from './fixtures'

const request = Taro.request as unknown as jest.Mock

beforeEach(() => {
  __resetTaroMock()
  resetReferenceCache()
  Taro.setStorageSync(TOKEN_KEY, 'tok')
})

function fill(role = 'office') {
  fireEvent.input(screen.getByPlaceholderText('员工姓名'), { target: { value: ' 王老师 ' } })
  fireEvent.input(screen.getByPlaceholderText('11 位手机号，用于登录'), { target: { value: '13912345678' } })
  fireEvent.input(screen.getByPlaceholderText('至少 8 位'), { target: { value: 'initial-pass-1' } })
  fireEvent.change(screen.getByLabelText('角色'), { target: { value: role } })
}

describe('admin: 员工账号', () => {
  it('is offered to an admin only', async () => {
    request.mockImplementation(routes({ 'GET /api/me': ok({ user: { ...user, role: 'admin' }, practitioner: null }), 'GET /api/reference': ok(reference) }))
    const { unmount } = render(<HomePage />)
    fireEvent.click(await screen.findByText('员工账号'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/admin/staff/index' })
    unmount()
    request.mockImplementation(routes({ 'GET /api/me': ok({ user: { ...user, role: 'office' }, practitioner: null }), 'GET /api/reference': ok(reference) }))
    render(<HomePage />)
    await screen.findByText('人才工作')
    expect(screen.queryByText('员工账号')).toBeNull()
  })

  it('opens an account with the chosen role and clears the form for the next one', async () => {
    const create = jest.fn((body: unknown) => ok({ user: { id: 9, phone: '13912345678', name: (body as { name: string }).name, role: 'office' } }, 201))
    request.mockImplementation(routes({ 'POST /api/admin/users': create }))
    render(<StaffAccountsPage />)
    fill()
    await act(async () => {
      fireEvent.click(screen.getByText('开设账号'))
    })
    expect(create).toHaveBeenCalledWith({ name: '王老师', phone: '13912345678', password: 'initial-pass-1', role: 'office' })
    expect(screen.getByText('已开设：王老师（人才工作）')).toBeTruthy()
    expect((screen.getByPlaceholderText('员工姓名') as HTMLInputElement).value).toBe('')
  })

  it('shows a taken phone and field errors, keeping what was typed', async () => {
    let reply: unknown = fail(409, 'PHONE_TAKEN', '该手机号已注册')
    request.mockImplementation(routes({ 'POST /api/admin/users': () => reply }))
    render(<StaffAccountsPage />)
    fill('trainer')
    await act(async () => {
      fireEvent.click(screen.getByText('开设账号'))
    })
    expect(screen.getByText('该手机号已注册')).toBeTruthy()
    expect((screen.getByPlaceholderText('员工姓名') as HTMLInputElement).value).toBe(' 王老师 ')
    reply = fail(400, 'VALIDATION_FAILED', '请求参数有误', [{ path: 'password', message: '密码至少 8 位' }])
    await act(async () => {
      fireEvent.click(screen.getByText('开设账号'))
    })
    expect(screen.getByText('请按提示修改')).toBeTruthy()
    expect(screen.getByText('密码至少 8 位')).toBeTruthy()
  })
})
