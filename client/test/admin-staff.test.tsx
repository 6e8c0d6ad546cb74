import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock } from './mocks/taro'
import StaffAccountsPage from '../src/pages/admin/staff/index'
import HomePage from '../src/pages/home/index'
import { TOKEN_KEY, resetReferenceCache } from '../src/api'
import { fail, ok, reference, routes, user } from './fixtures'
import type { AccountRow } from '../src/api'

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
  // the create form's role (the list has a role filter too)
  fireEvent.change(document.getElementById('staff-role')!, { target: { value: role } })
}

function account(overrides: Partial<AccountRow> = {}): AccountRow {
  return {
    id: 21,
    name: '李老师',
    phoneMasked: '139****5678',
    role: 'trainer',
    status: 'active',
    mustChangePassword: false,
    wechatBound: false,
    erased: false,
    districtCode: null,
    createdAt: '2025-03-01T02:00:00.000Z',
    ...overrides,
  }
}

function page(items: AccountRow[], total = items.length, pageNo = 1) {
  return ok({ items, total, page: pageNo, pageSize: 20 })
}

/** The list's first page and the reference, beside the given routes. */
function withList(table: Record<string, unknown>, items: AccountRow[] = []) {
  return routes({ 'GET /api/reference': ok(reference), 'GET /api/admin/users?page=1&pageSize=20': page(items), ...table })
}

/** The card of one account in the list. */
function card(name: string): HTMLElement {
  return screen.getByText(name).closest('.admin-staff__item') as HTMLElement
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
    request.mockImplementation(withList({ 'POST /api/admin/users': create }))
    render(<StaffAccountsPage />)
    fill()
    await act(async () => {
      fireEvent.click(screen.getByText('开设账号'))
    })
    expect(create).toHaveBeenCalledWith({ name: '王老师', phone: '13912345678', password: 'initial-pass-1', role: 'office' })
    expect(screen.getByText('已开设：王老师（市级人才工作）')).toBeTruthy()
    expect((screen.getByPlaceholderText('员工姓名') as HTMLInputElement).value).toBe('')
  })

  it('shows a taken phone and field errors, keeping what was typed', async () => {
    let reply: unknown = fail(409, 'PHONE_TAKEN', '该手机号已注册')
    request.mockImplementation(withList({ 'POST /api/admin/users': () => reply }))
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

describe('admin: 区县 accounts', () => {
  it('asks for the district of a district account, shows the server’s word on it, and sends it as districtCode', async () => {
    const sent: unknown[] = []
    let reply: unknown = fail(400, 'VALIDATION_FAILED', '请求参数有误', [{ path: 'districtCode', message: '区县账号须选择所属区县' }])
    request.mockImplementation(
      withList({
        'POST /api/admin/users': (body: unknown) => {
          sent.push(body)
          return reply
        },
      }),
    )
    render(<StaffAccountsPage />)
    await screen.findByText('还没有账号')
    // no district to pick for the other roles
    expect(document.getElementById('staff-district')).toBeNull()
    fill('district')
    const picker = document.getElementById('staff-district') as HTMLSelectElement
    expect(Array.from(picker.options).map((o) => o.textContent)).toEqual(['请选择', '万州区', '渝中区', '城口县', '石柱土家族自治县'])

    // nothing picked: the server says what is missing, at the picker
    await act(async () => {
      fireEvent.click(screen.getByText('开设账号'))
    })
    expect(sent[0]).toEqual({ name: '王老师', phone: '13912345678', password: 'initial-pass-1', role: 'district' })
    const error = screen.getByText('区县账号须选择所属区县')
    expect(within(error.closest('.field') as HTMLElement).getByLabelText('所属区县')).toBe(picker)

    fireEvent.change(picker, { target: { value: '500103' } })
    expect(screen.queryByText('区县账号须选择所属区县')).toBeNull()
    reply = ok({ user: { ...user, id: 9, name: '王老师', role: 'district', districtCode: '500103' } }, 201)
    await act(async () => {
      fireEvent.click(screen.getByText('开设账号'))
    })
    expect(sent[1]).toEqual({ name: '王老师', phone: '13912345678', password: 'initial-pass-1', role: 'district', districtCode: '500103' })
    expect(screen.getByText('已开设：王老师（区县人才工作 · 渝中区）')).toBeTruthy()
    // the form is cleared: back to a trainer, no district
    expect(document.getElementById('staff-district')).toBeNull()
  })

  it('does not send a district picked before switching to another role', async () => {
    const create = jest.fn(() => ok({ user: { ...user, id: 9, name: '王老师', role: 'office' } }, 201))
    request.mockImplementation(withList({ 'POST /api/admin/users': create }))
    render(<StaffAccountsPage />)
    await screen.findByText('还没有账号')
    fill('district')
    fireEvent.change(document.getElementById('staff-district')!, { target: { value: '500229' } })
    fireEvent.change(document.getElementById('staff-role')!, { target: { value: 'office' } })
    await act(async () => {
      fireEvent.click(screen.getByText('开设账号'))
    })
    expect(create).toHaveBeenCalledWith({ name: '王老师', phone: '13912345678', password: 'initial-pass-1', role: 'office' })
  })

  it('shows each district account’s district in the list', async () => {
    request.mockImplementation(withList({}, [account(), account({ id: 23, name: '渝中区管理员', role: 'district', districtCode: '500103' })]))
    render(<StaffAccountsPage />)
    await screen.findByText('渝中区管理员')
    expect(within(card('渝中区管理员')).getByText('渝中区', { selector: '.tag' })).toBeTruthy()
    expect(within(card('渝中区管理员')).getByText('区县人才工作', { selector: '.tag' })).toBeTruthy()
    expect((screen.getByLabelText('渝中区管理员的所属区县') as HTMLSelectElement).value).toBe('500103')
    // no district for the others
    expect(within(card('李老师')).queryByText('渝中区')).toBeNull()
    expect(screen.queryByLabelText('李老师的所属区县')).toBeNull()
  })

  it('gives an account the district role only with a district, after asking', async () => {
    const patch = jest.fn((_body: unknown) => ok(account({ role: 'district', districtCode: '500229' })))
    request.mockImplementation(withList({ 'PATCH /api/admin/users/21': patch }, [account()]))
    render(<StaffAccountsPage />)
    await screen.findByText('李老师')
    await act(async () => {
      fireEvent.change(screen.getByLabelText('李老师的角色'), { target: { value: 'district' } })
    })
    // nothing sent yet: the district comes first
    expect(patch).not.toHaveBeenCalled()
    expect(Taro.showModal).not.toHaveBeenCalled()
    await act(async () => {
      fireEvent.click(within(card('李老师')).getByText('确认修改'))
    })
    expect(within(card('李老师')).getByText('请选择所属区县后确认')).toBeTruthy()
    expect(patch).not.toHaveBeenCalled()

    fireEvent.change(screen.getByLabelText('李老师的所属区县'), { target: { value: '500229' } })
    await act(async () => {
      fireEvent.click(within(card('李老师')).getByText('确认修改'))
    })
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '确定把「李老师」的角色改为「区县人才工作」（城口县）吗？' }))
    expect(patch).toHaveBeenCalledWith({ role: 'district', districtCode: '500229' })
    expect(within(card('李老师')).getByText('「李老师」的角色已改为「区县人才工作」')).toBeTruthy()
    expect(within(card('李老师')).getByText('城口县', { selector: '.tag' })).toBeTruthy()
    expect(within(card('李老师')).queryByText('确认修改')).toBeNull()
  })

  it('backs out of the district role, and moves a district account to another district', async () => {
    const patch = jest.fn((_body: unknown) => ok(account({ role: 'district', districtCode: '500101' })))
    request.mockImplementation(withList({ 'PATCH /api/admin/users/21': patch }, [account({ role: 'district', districtCode: '500103' })]))
    render(<StaffAccountsPage />)
    await screen.findByText('李老师')
    await act(async () => {
      fireEvent.change(screen.getByLabelText('李老师的所属区县'), { target: { value: '500101' } })
    })
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '修改所属区县', content: '确定把「李老师」的所属区县改为「万州区」吗？' }))
    expect(patch).toHaveBeenCalledWith({ districtCode: '500101' })
    expect(within(card('李老师')).getByText('「李老师」的所属区县已改为「万州区」')).toBeTruthy()
    expect(within(card('李老师')).getByText('万州区', { selector: '.tag' })).toBeTruthy()
  })

  it('drops the district pick when the admin cancels it', async () => {
    const patch = jest.fn()
    request.mockImplementation(withList({ 'PATCH /api/admin/users/21': patch }, [account()]))
    render(<StaffAccountsPage />)
    await screen.findByText('李老师')
    await act(async () => {
      fireEvent.change(screen.getByLabelText('李老师的角色'), { target: { value: 'district' } })
    })
    fireEvent.click(within(card('李老师')).getByText('取消'))
    expect(screen.queryByLabelText('李老师的所属区县')).toBeNull()
    expect((screen.getByLabelText('李老师的角色') as HTMLSelectElement).value).toBe('trainer')
    expect(patch).not.toHaveBeenCalled()
  })
})

describe('admin: 账号列表', () => {
  it('lists accounts with their role, status and flags, filtered and searched by the server', async () => {
    const lists: string[] = []
    request.mockImplementation(async (opts: { url: string; method?: string }) => {
      if (opts.url === '/api/reference') return ok(reference)
      if (opts.url.startsWith('/api/admin/users?')) {
        lists.push(opts.url)
        return page([account(), account({ id: 22, name: '赵同学', role: 'practitioner', status: 'disabled', wechatBound: true, mustChangePassword: true })], 45)
      }
      throw new Error(`unexpected request ${opts.url}`)
    })
    render(<StaffAccountsPage />)
    expect(await screen.findByText('共 45 个账号')).toBeTruthy()
    expect(within(card('李老师')).getByText('培训基地', { selector: '.tag' })).toBeTruthy()
    expect(within(card('李老师')).getByText('正常')).toBeTruthy()
    expect(within(card('赵同学')).getByText('已停用')).toBeTruthy()
    expect(within(card('赵同学')).getByText(/已绑定微信 · 待修改临时密码/)).toBeTruthy()
    expect(screen.getByText('第 1 / 3 页')).toBeTruthy()

    await act(async () => {
      fireEvent.change(screen.getByLabelText('状态'), { target: { value: 'disabled' } })
    })
    fireEvent.input(screen.getByPlaceholderText('姓名或手机号后 4 位'), { target: { value: ' 5678 ' } })
    await act(async () => {
      fireEvent.click(screen.getByText('搜索'))
    })
    await act(async () => {
      fireEvent.click(screen.getByText('下一页'))
    })
    expect(lists).toEqual([
      '/api/admin/users?page=1&pageSize=20',
      '/api/admin/users?status=disabled&page=1&pageSize=20',
      '/api/admin/users?status=disabled&q=5678&page=1&pageSize=20',
      '/api/admin/users?status=disabled&q=5678&page=2&pageSize=20',
    ])
  })

  it('disables an account after asking, showing the row the server returns', async () => {
    const patch = jest.fn(() => ok(account({ status: 'disabled' })))
    request.mockImplementation(withList({ 'PATCH /api/admin/users/21': patch }, [account()]))
    render(<StaffAccountsPage />)
    await screen.findByText('李老师')
    await act(async () => {
      fireEvent.click(within(card('李老师')).getByText('停用'))
    })
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '停用账号' }))
    expect(patch).toHaveBeenCalledWith({ status: 'disabled' })
    expect(within(card('李老师')).getByText('已停用')).toBeTruthy()
    expect(within(card('李老师')).getByText('已停用「李老师」的账号')).toBeTruthy()
    // and back: 启用 needs no question
    ;(Taro.showModal as jest.Mock).mockClear()
    patch.mockImplementation(() => ok(account({ status: 'active' })))
    await act(async () => {
      fireEvent.click(within(card('李老师')).getByText('启用'))
    })
    expect(Taro.showModal).not.toHaveBeenCalled()
    expect(patch).toHaveBeenLastCalledWith({ status: 'active' })
    expect(within(card('李老师')).getByText('正常')).toBeTruthy()
  })

  it('sends nothing when the admin backs out, and shows the server’s refusal', async () => {
    const patch = jest.fn(() => fail(409, 'LAST_ADMIN', '至少需要保留一个可用的管理员账号'))
    request.mockImplementation(withList({ 'PATCH /api/admin/users/21': patch }, [account({ role: 'admin' })]))
    render(<StaffAccountsPage />)
    await screen.findByText('李老师')
    ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    await act(async () => {
      fireEvent.click(within(card('李老师')).getByText('停用'))
    })
    expect(patch).not.toHaveBeenCalled()
    await act(async () => {
      fireEvent.change(screen.getByLabelText('李老师的角色'), { target: { value: 'office' } })
    })
    expect(patch).toHaveBeenCalledWith({ role: 'office' })
    expect(within(card('李老师')).getByText('至少需要保留一个可用的管理员账号')).toBeTruthy()
    // the role stays what the server has
    expect(within(card('李老师')).getByText('系统管理员', { selector: '.tag' })).toBeTruthy()
    expect((screen.getByLabelText('李老师的角色') as HTMLSelectElement).value).toBe('admin')
  })

  it('shows a temporary password once, with a copy button', async () => {
    let rows = [account()]
    request.mockImplementation(async (opts: { url: string; method?: string }) => {
      if (opts.url === '/api/reference') return ok(reference)
      if (opts.url === '/api/admin/users?page=1&pageSize=20') return page(rows)
      if (opts.method === 'POST' && opts.url === '/api/admin/users/21/password-reset') {
        rows = [account({ mustChangePassword: true })]
        return ok({ temporaryPassword: 'Kq7-mX2p-9dRt' })
      }
      throw new Error(`unexpected request ${opts.method} ${opts.url}`)
    })
    render(<StaffAccountsPage />)
    await screen.findByText('李老师')
    await act(async () => {
      fireEvent.click(within(card('李老师')).getByText('重置密码'))
    })
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '重置密码' }))
    expect(within(card('李老师')).getByText('Kq7-mX2p-9dRt')).toBeTruthy()
    expect(within(card('李老师')).getByText(/只显示这一次/)).toBeTruthy()
    // the list, refreshed, shows the pending change
    expect(await within(card('李老师')).findByText(/待修改临时密码/)).toBeTruthy()
    await act(async () => {
      fireEvent.click(within(card('李老师')).getByText('复制'))
    })
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'Kq7-mX2p-9dRt' })
    fireEvent.click(within(card('李老师')).getByText('我已记下'))
    expect(screen.queryByText('Kq7-mX2p-9dRt')).toBeNull()
  })

  it('offers no changes to an account its holder deleted', async () => {
    request.mockImplementation(withList({}, [account({ name: '已注销', erased: true, status: 'disabled', phoneMasked: null })]))
    render(<StaffAccountsPage />)
    expect(await screen.findByText('本人已注销')).toBeTruthy()
    expect(screen.queryByText('重置密码')).toBeNull()
    expect(screen.queryByText('启用')).toBeNull()
  })
})
