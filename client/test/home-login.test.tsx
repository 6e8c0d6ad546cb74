import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock } from './mocks/taro'
import HomePage from '../src/pages/home/index'
import LoginPage from '../src/pages/auth/login/index'
import { TOKEN_KEY, resetReferenceCache } from '../src/api'
import { fail, me, ok, record, reference, routes, user } from './fixtures'

const request = Taro.request as unknown as jest.Mock

beforeEach(() => {
  __resetTaroMock()
  resetReferenceCache()
})

describe('home', () => {
  it('sends a visitor without a token to login', async () => {
    render(<HomePage />)
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/auth/login/index' }))
    expect(request).not.toHaveBeenCalled()
  })

  it('prompts for the talent record when there is none', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'tok')
    request.mockImplementation(routes({ 'GET /api/me': ok(me(null)), 'GET /api/reference': ok(reference) }))
    render(<HomePage />)
    expect(await screen.findByText('请完善人才档案')).toBeTruthy()
    expect(screen.getByText(/张三/)).toBeTruthy()
    fireEvent.click(screen.getByText('填写人才档案'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/profile/edit/index' })
  })

  it('shows a rejected record with its reason, and signs out', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'tok')
    request.mockImplementation(
      routes({
        'GET /api/me': ok(me(record({ status: 'rejected', rejectReason: '单位名称与证明材料不符' }))),
        'GET /api/reference': ok(reference),
      }),
    )
    render(<HomePage />)
    expect(await screen.findByText('未通过')).toBeTruthy()
    expect(screen.getByText(/单位名称与证明材料不符/)).toBeTruthy()

    fireEvent.click(screen.getByText('退出登录'))
    expect(Taro.getStorageSync(TOKEN_KEY)).toBe('')
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/auth/login/index' })
  })

  it('links to the courses and, for a practitioner, to 我的报名', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'tok')
    request.mockImplementation(routes({ 'GET /api/me': ok(me(record())), 'GET /api/reference': ok(reference) }))
    render(<HomePage />)
    fireEvent.click(await screen.findByText('课程与报名'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/courses/list/index' })
    fireEvent.click(screen.getByText('我的报名'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/enrollment/mine/index' })
  })

  it('shows a practitioner this year’s hours at a glance, opening 我的学时', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'tok')
    const summary = { year: 2026, requiredHours: 90, earnedHours: 32, professionalHours: 32, publicHours: 0, minProfessionalHours: 60, missingHours: 58, missingProfessionalHours: 28, compliant: false, records: [] }
    request.mockImplementation(routes({ 'GET /api/me': ok(me(record())), 'GET /api/reference': ok(reference), 'GET /api/me/credits': ok(summary) }))
    render(<HomePage />)
    expect(await screen.findByText('2026 年继续教育')).toBeTruthy()
    expect(screen.getByText('32 / 90 学时')).toBeTruthy()
    expect(screen.getByText('还差 58 学时')).toBeTruthy()
    fireEvent.click(screen.getByText('32 / 90 学时'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/credits/mine/index' })
  })

  it('asks for no hours without a talent record, and shows the page when hours cannot be had', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'tok')
    request.mockImplementation(routes({ 'GET /api/me': ok(me(null)), 'GET /api/reference': ok(reference) }))
    const { unmount } = render(<HomePage />)
    await screen.findByText('课程与报名')
    expect(request.mock.calls.map(([o]) => o.url)).not.toContain('/api/me/credits')
    unmount()
    request.mockImplementation(routes({ 'GET /api/me': ok(me(record())), 'GET /api/reference': ok(reference), 'GET /api/me/credits': fail(500, 'INTERNAL', '') }))
    render(<HomePage />)
    await screen.findByText('课程与报名')
    expect(screen.queryByText(/年继续教育/)).toBeNull()
  })

  it('gives district staff (区县) their district’s office tools, under its name, and nothing of the city’s', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'tok')
    const withYubei = { ...reference, districts: [...reference.districts, { code: '500112', name: '渝北区', kind: 'district' as const }] }
    request.mockImplementation(
      routes({
        'GET /api/me': ok({ user: { ...user, name: '区县管理员', role: 'district', districtCode: '500112' }, practitioner: null }),
        'GET /api/reference': ok(withYubei),
      }),
    )
    render(<HomePage />)
    expect(await screen.findByText('渝北区知识产权管理')).toBeTruthy()
    const visits: [string, string][] = [
      ['人才统计', '/pages/office/dashboard/index'],
      ['人才库', '/pages/office/talents/index'],
      ['批量导入', '/pages/office/import/index'],
      ['继续教育达标', '/pages/office/compliance/index'],
      ['操作日志', '/pages/admin/audit/index'],
    ]
    for (const [title, url] of visits) {
      fireEvent.click(screen.getByText(title))
      expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url })
    }
    // routes that do not allow 'district': claims review, staff accounts, classes
    expect(screen.queryByText('学时认定')).toBeNull()
    expect(screen.queryByText('员工账号')).toBeNull()
    expect(screen.queryByText('开班管理')).toBeNull()
    // a staff account: no talent record to fill in, no account deletion
    expect(screen.queryByText('请完善人才档案')).toBeNull()
    expect(screen.queryByText('注销账号')).toBeNull()
    expect(screen.queryByText('人才工作')).toBeNull()
  })

  it('has an error state with 重试', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'tok')
    let answer: unknown = fail(500, 'INTERNAL', '')
    request.mockImplementation(routes({ 'GET /api/me': () => answer, 'GET /api/reference': ok(reference) }))
    render(<HomePage />)
    expect(await screen.findByText('服务器出错了')).toBeTruthy()
    answer = ok(me(record({ status: 'pending' })))
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('待审核')).toBeTruthy()
  })
})

describe('login', () => {
  it('signs in with phone and password and goes home', async () => {
    request.mockImplementation(routes({ 'POST /api/auth/login': ok({ token: 'jwt', user: me().user }) }))
    render(<LoginPage />)
    fireEvent.change(screen.getByPlaceholderText('请输入手机号'), { target: { value: '13800001234' } })
    fireEvent.change(screen.getByPlaceholderText('请输入密码'), { target: { value: 'secret-pass' } })
    await act(async () => {
      fireEvent.click(screen.getByText('登录'))
    })
    expect(request.mock.calls[0][0].data).toEqual({ phone: '13800001234', password: 'secret-pass' })
    expect(Taro.getStorageSync(TOKEN_KEY)).toBe('jwt')
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' })
    // h5 build: no WeChat button
    expect(screen.queryByText('微信一键登录')).toBeNull()
  })

  it('switches to register and shows the server message on failure', async () => {
    request.mockImplementation(routes({ 'POST /api/auth/register': fail(409, 'CONFLICT', '该手机号已注册') }))
    render(<LoginPage />)
    fireEvent.click(screen.getByText('没有账号？去注册'))
    fireEvent.change(screen.getByPlaceholderText('请输入手机号'), { target: { value: '13800001234' } })
    fireEvent.change(screen.getByPlaceholderText('请设置登录密码'), { target: { value: 'secret-pass' } })
    fireEvent.change(screen.getByPlaceholderText('请输入真实姓名'), { target: { value: '张三' } })
    await act(async () => {
      fireEvent.click(screen.getByText('注册'))
    })
    expect(request.mock.calls[0][0]).toMatchObject({
      url: '/api/auth/register',
      data: { phone: '13800001234', password: 'secret-pass', name: '张三' },
    })
    expect(await screen.findByText('该手机号已注册')).toBeTruthy()
    expect(Taro.reLaunch).not.toHaveBeenCalled()
  })

  it('leaves the password rules to the server and shows its field message', async () => {
    request.mockImplementation(
      routes({
        'POST /api/auth/register': fail(400, 'VALIDATION_FAILED', '请求参数不正确', [{ path: 'password', message: '密码至少 8 位' }]),
      }),
    )
    render(<LoginPage />)
    fireEvent.click(screen.getByText('没有账号？去注册'))
    fireEvent.change(screen.getByPlaceholderText('请输入手机号'), { target: { value: '13800001234' } })
    fireEvent.change(screen.getByPlaceholderText('请设置登录密码'), { target: { value: '123' } })
    fireEvent.change(screen.getByPlaceholderText('请输入真实姓名'), { target: { value: '张三' } })
    await act(async () => {
      fireEvent.click(screen.getByText('注册'))
    })
    // a short password is sent as typed: the server answers with the rule
    expect(request.mock.calls[0][0].data).toMatchObject({ password: '123' })
    expect(await screen.findByText('密码至少 8 位')).toBeTruthy()
    expect(screen.getByText('请求参数不正确')).toBeTruthy()
  })
})
