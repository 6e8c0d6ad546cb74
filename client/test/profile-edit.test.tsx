import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock, __showAgain } from './mocks/taro'
import ProfileEditPage from '../src/pages/profile/edit/index'
import { TOKEN_KEY, resetReferenceCache } from '../src/api'
import { fail, me, ok, record, reference, routes } from './fixtures'

const request = Taro.request as unknown as jest.Mock

beforeEach(() => {
  __resetTaroMock()
  resetReferenceCache()
  Taro.setStorageSync(TOKEN_KEY, 'tok')
})

function type(placeholder: string, value: string) {
  fireEvent.change(screen.getByPlaceholderText(placeholder), { target: { value } })
}

/** The h5 SelectField: a native <select> with the field's id. */
function select(id: string): HTMLSelectElement {
  const el = document.getElementById(id)
  if (!(el instanceof HTMLSelectElement)) throw new Error(`no <select id="${id}">`)
  return el
}

function pick(id: string, label: string) {
  const el = select(id)
  const option = within(el).getByRole('option', { name: label }) as HTMLOptionElement
  fireEvent.change(el, { target: { value: option.value } })
}

/** The label the select shows. */
function shown(id: string): string | null {
  const el = select(id)
  return el.options[el.selectedIndex]?.textContent ?? null
}

async function renderLoaded() {
  render(<ProfileEditPage />)
  await screen.findByText('保存')
}

describe('profile form', () => {
  it('shows a loading state, then options from /api/reference', async () => {
    request.mockImplementation(routes({ 'GET /api/me': ok(me(null)), 'GET /api/reference': ok(reference) }))
    render(<ProfileEditPage />)
    expect(screen.getByText('加载中…')).toBeTruthy()
    await screen.findByText('保存')

    // native selects, named by their field labels
    const district = screen.getByLabelText('所在区县')
    expect(district).toBe(select('picker-district'))
    expect(within(district).getAllByRole('option').map((o) => o.textContent)).toEqual([
      '请选择',
      '万州区',
      '渝中区',
      '城口县',
      '石柱土家族自治县',
    ])
    expect(within(screen.getByLabelText('单位类型')).getByRole('option', { name: '律师事务所' })).toBeTruthy()
    expect(within(screen.getByLabelText('从业类别')).getByRole('option', { name: '企业知识产权管理' })).toBeTruthy()
    expect(within(screen.getByLabelText('职称等级')).getByRole('option', { name: '中级' })).toBeTruthy()
    // 学历 and 职称系列 from the server's vocabularies; 知识产权专业学位 a yes/no choice, 否 to start
    expect(within(screen.getByLabelText('学历')).getAllByRole('option').map((o) => o.textContent)).toEqual(['请选择', '中专及以下', '大专', '本科', '硕士', '博士'])
    expect(within(screen.getByLabelText('职称系列')).getByRole('option', { name: '知识产权' })).toBeTruthy()
    expect(shown('picker-ipDegree')).toBe('否')
    expect((screen.getByPlaceholderText('18 位统一社会信用代码') as HTMLInputElement).value).toBe('')
    expect(within(screen.getByLabelText('性别')).getByRole('option', { name: '女' })).toBeTruthy()
    for (const label of ['专利', '商标', '著作权']) {
      expect((screen.getByLabelText(label) as HTMLInputElement).checked).toBe(false)
    }
    // new record: the name is prefilled from the account, nothing is picked yet
    expect((screen.getByPlaceholderText('请输入真实姓名') as HTMLInputElement).value).toBe('张三')
    // one “请选择” per select (8), shown by the 7 that have nothing picked yet
    expect(screen.getAllByText('请选择').length).toBe(8)
    expect(shown('picker-education')).toBe('请选择')
    expect(shown('picker-titleSeries')).toBe('请选择')
    expect(shown('picker-district')).toBe('请选择')
  })

  it('submits the right body and shows 待审核 after saving', async () => {
    let sent: unknown
    request.mockImplementation(
      routes({
        'GET /api/me': ok(me(null)),
        'GET /api/reference': ok(reference),
        'PUT /api/me/profile': (body: unknown) => {
          sent = body
          return ok(record({ status: 'pending', verifiedAt: null }))
        },
      }),
    )
    await renderLoaded()

    type('请输入真实姓名', ' 李四 ')
    type('请输入 18 位身份证号', '50010319900101123X')
    pick('picker-gender', '女')
    pick('picker-district', '渝中区')
    type('请输入单位全称', '重庆某某专利代理事务所')
    pick('picker-orgType', '律师事务所')
    pick('picker-category', '代理')
    fireEvent.click(screen.getByLabelText('商标'))
    fireEvent.click(screen.getByLabelText('专利'))
    pick('picker-titleSeries', '知识产权')
    pick('picker-titleLevel', '助理')
    pick('picker-education', '硕士')
    pick('picker-ipDegree', '是')
    type('18 位统一社会信用代码', ' 91500000MA5U7G0F2C ')
    fireEvent.change(screen.getByPlaceholderText(/多个用逗号或换行分隔/), {
      target: { value: '专利代理师资格证，法律职业资格证\n 律师执业证 ' },
    })
    type('选填', 'lisi@example.com')

    // the selects show the chosen labels
    expect(shown('picker-district')).toBe('渝中区')
    expect(shown('picker-gender')).toBe('女')
    expect((screen.getByLabelText('专利') as HTMLInputElement).checked).toBe(true)

    await act(async () => {
      fireEvent.click(screen.getByText('保存'))
    })

    expect(sent).toEqual({
      name: '李四',
      idNumber: '50010319900101123X',
      gender: 'female',
      district: '500103',
      orgName: '重庆某某专利代理事务所',
      orgType: 'law_firm',
      category: 'agent',
      ipFields: ['patent', 'trademark'],
      titleLevel: 'junior',
      titleSeries: 'ip',
      education: 'master',
      ipDegree: true,
      agencyCreditCode: '91500000MA5U7G0F2C',
      qualifications: ['专利代理师资格证', '法律职业资格证', '律师执业证'],
      email: 'lisi@example.com',
    })
    const put = request.mock.calls.find(([o]) => o.method === 'PUT')![0]
    expect(put.url).toBe('/api/me/profile')
    expect(put.header.Authorization).toBe('Bearer tok')

    expect(await screen.findByText('待审核')).toBeTruthy()
    expect(screen.getByText('已提交，等待审核')).toBeTruthy()
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已提交，等待审核' }))
  })

  it('prefills an existing record; the ID number must be typed again', async () => {
    let sent: Record<string, unknown> | undefined
    request.mockImplementation(
      routes({
        'GET /api/me': ok(me(record({ ipFields: ['patent', 'copyright'], email: 'z@example.com', titleSeries: 'engineering', education: 'doctorate', ipDegree: true, agencyCreditCode: '91500000MA5U7G0F2C' }))),
        'GET /api/reference': ok(reference),
        'PUT /api/me/profile': (body: unknown) => {
          sent = body as Record<string, unknown>
          return ok(record({ status: 'verified' }))
        },
      }),
    )
    await renderLoaded()

    expect(screen.getByText('已认证')).toBeTruthy()
    const id = screen.getByPlaceholderText('500***********123X') as HTMLInputElement
    expect(id.value).toBe('')
    expect(screen.getByText(/需重新输入完整的 18 位身份证号/)).toBeTruthy()
    expect((screen.getByPlaceholderText('请输入单位全称') as HTMLInputElement).value).toBe('重庆某某专利代理事务所')
    expect(shown('picker-district')).toBe('渝中区')
    expect(shown('picker-orgType')).toBe('律师事务所')
    expect(shown('picker-gender')).toBe('男')
    expect((screen.getByLabelText('著作权') as HTMLInputElement).checked).toBe(true)
    expect((screen.getByLabelText('商标') as HTMLInputElement).checked).toBe(false)
    expect(shown('picker-titleSeries')).toBe('工程')
    expect(shown('picker-education')).toBe('博士')
    expect(shown('picker-ipDegree')).toBe('是')
    expect((screen.getByPlaceholderText('18 位统一社会信用代码') as HTMLInputElement).value).toBe('91500000MA5U7G0F2C')

    // saving without the ID number: a "required" hint, nothing sent
    fireEvent.click(screen.getByText('保存'))
    expect(screen.getByText('必填')).toBeTruthy()
    expect(request.mock.calls.some(([o]) => o.method === 'PUT')).toBe(false)

    fireEvent.change(id, { target: { value: '50010319900101123X' } })
    expect(screen.queryByText('必填')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByText('保存'))
    })
    expect(sent).toMatchObject({
      name: '张三',
      idNumber: '50010319900101123X',
      gender: 'male',
      district: '500103',
      ipFields: ['patent', 'copyright'],
      titleLevel: 'junior',
      titleSeries: 'engineering',
      education: 'doctorate',
      ipDegree: true,
      agencyCreditCode: '91500000MA5U7G0F2C',
      qualifications: ['专利代理师资格证'],
      email: 'z@example.com',
    })
    expect(await screen.findByText('保存成功')).toBeTruthy()
  })

  it('shows the server per-field errors next to the fields', async () => {
    request.mockImplementation(
      routes({
        'GET /api/me': ok(me(record())),
        'GET /api/reference': ok(reference),
        'PUT /api/me/profile': fail(400, 'VALIDATION_FAILED', '请求参数不正确', [
          { path: 'idNumber', message: '身份证号校验位不正确' },
          { path: 'ipFields', message: '请至少选择一个专业领域' },
          { path: 'somethingElse', message: '其他问题' },
        ]),
      }),
    )
    await renderLoaded()

    type('500***********123X', '500103199001011230')
    await act(async () => {
      fireEvent.click(screen.getByText('保存'))
    })

    const idError = await screen.findByText('身份证号校验位不正确')
    // the message sits inside the ID number's field block
    const idField = idError.closest('.field')!
    expect(within(idField as HTMLElement).getByPlaceholderText('500***********123X')).toBeTruthy()
    const ipError = screen.getByText('请至少选择一个专业领域')
    expect(within(ipError.closest('.field') as HTMLElement).getByLabelText('专利')).toBeTruthy()
    expect(screen.getByText('请求参数不正确')).toBeTruthy()
    expect(screen.getByText('其他问题')).toBeTruthy()
    expect(screen.queryByText('已提交，等待审核')).toBeNull()

    // editing the field clears its message
    type('500***********123X', '50010319900101123X')
    expect(screen.queryByText('身份证号校验位不正确')).toBeNull()
  })

  it('sends the credit code as typed and shows the server’s message at that field', async () => {
    const sent: Record<string, unknown>[] = []
    let reply: unknown = fail(400, 'VALIDATION_FAILED', '请求参数不正确', [{ path: 'agencyCreditCode', message: '统一社会信用代码校验位不正确' }])
    request.mockImplementation(
      routes({
        'GET /api/me': ok(me(record({ titleSeries: null, titleName: null, education: null }))),
        'GET /api/reference': ok(reference),
        'PUT /api/me/profile': (body: unknown) => {
          sent.push(body as Record<string, unknown>)
          return reply
        },
      }),
    )
    await renderLoaded()
    // a record from before the new questions: nothing picked, and nothing sent for them
    expect(shown('picker-titleSeries')).toBe('请选择')
    expect(shown('picker-education')).toBe('请选择')
    type('500***********123X', '50010319900101123X')
    // a wrong check character is the server's to find: the client sends it
    type('18 位统一社会信用代码', '91500000MA5U7G0F2X')
    await act(async () => {
      fireEvent.click(screen.getByText('保存'))
    })
    expect(sent[0]).toMatchObject({ agencyCreditCode: '91500000MA5U7G0F2X', ipDegree: false })
    expect(sent[0]).not.toHaveProperty('titleSeries')
    expect(sent[0]).not.toHaveProperty('education')
    const error = await screen.findByText('统一社会信用代码校验位不正确')
    expect(within(error.closest('.field') as HTMLElement).getByPlaceholderText('18 位统一社会信用代码')).toBeTruthy()

    // emptied: optional, so left out
    type('18 位统一社会信用代码', '')
    expect(screen.queryByText('统一社会信用代码校验位不正确')).toBeNull()
    reply = ok(record())
    await act(async () => {
      fireEvent.click(screen.getByText('保存'))
    })
    expect(sent[1]).not.toHaveProperty('agencyCreditCode')
    expect(await screen.findByText('保存成功')).toBeTruthy()
  })

  it('shows ID_NUMBER_TAKEN at the ID number', async () => {
    request.mockImplementation(
      routes({
        'GET /api/me': ok(me(record())),
        'GET /api/reference': ok(reference),
        'PUT /api/me/profile': fail(409, 'ID_NUMBER_TAKEN', '该身份证号已被其他账号使用'),
      }),
    )
    await renderLoaded()
    type('500***********123X', '50010319900101123X')
    await act(async () => {
      fireEvent.click(screen.getByText('保存'))
    })
    const msgs = await screen.findAllByText('该身份证号已被其他账号使用')
    expect(msgs.some((m) => m.closest('.field'))).toBe(true)
  })

  it('keeps what was typed when the page is shown again and refreshes quietly', async () => {
    request.mockImplementation(routes({ 'GET /api/me': ok(me(null)), 'GET /api/reference': ok(reference) }))
    await renderLoaded()
    type('请输入真实姓名', '李四')
    const loads = request.mock.calls.filter(([o]) => o.url === '/api/me').length
    await act(async () => __showAgain())
    expect(request.mock.calls.filter(([o]) => o.url === '/api/me').length).toBe(loads + 1)
    expect((screen.getByPlaceholderText('请输入真实姓名') as HTMLInputElement).value).toBe('李四')
  })

  it('shows an error state with 重试 when loading fails, and recovers', async () => {
    let meAnswer: unknown = fail(503, 'UNAVAILABLE', '')
    request.mockImplementation(
      routes({ 'GET /api/me': () => meAnswer, 'GET /api/reference': ok(reference) }),
    )
    render(<ProfileEditPage />)
    expect(await screen.findByText('服务暂不可用，请稍后再试')).toBeTruthy()

    meAnswer = ok(me(null))
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('保存')).toBeTruthy()
  })

  it('shows 网络连接失败 when the network is down', async () => {
    request.mockRejectedValue(new Error('request:fail'))
    render(<ProfileEditPage />)
    expect(await screen.findByText('网络连接失败')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
  })

  it('shows an empty state when the reference lists are empty', async () => {
    request.mockImplementation(
      routes({
        'GET /api/me': ok(me(null)),
        'GET /api/reference': ok({ ...reference, districts: [] }),
      }),
    )
    render(<ProfileEditPage />)
    expect(await screen.findByText('暂无可选的档案选项，请稍后重试')).toBeTruthy()
  })

  it('goes to login when the session has expired', async () => {
    request.mockImplementation(
      routes({ 'GET /api/me': fail(401, 'UNAUTHENTICATED', '请先登录'), 'GET /api/reference': ok(reference) }),
    )
    render(<ProfileEditPage />)
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/auth/login/index' }))
    expect(Taro.getStorageSync(TOKEN_KEY)).toBe('')
  })
})
