import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock } from './mocks/taro'
import CreditClaimPage from '../src/pages/credits/claim/index'
import MyClaimsPage from '../src/pages/credits/claims/index'
import { TOKEN_KEY } from '../src/api'
import { resetSubscriptions } from '../src/utils/subscribe'
import { creditClaim, fail, ok, routes } from './fixtures'

const request = Taro.request as unknown as jest.Mock
const uploadFile = Taro.uploadFile as unknown as jest.Mock

const fetchMock = jest.fn()

beforeEach(() => {
  __resetTaroMock()
  resetSubscriptions()
  Taro.setStorageSync(TOKEN_KEY, 'tok')
  fetchMock.mockReset()
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
})

const claim = creditClaim

const FIELDS = { title: '专利代理实务研修班', provider: '重庆市知识产权局', date: '2025-03-01', hours: '8', category: 'professional' }

function fillText() {
  fireEvent.change(screen.getByPlaceholderText('如：专利代理实务研修班'), { target: { value: FIELDS.title } })
  fireEvent.change(screen.getByPlaceholderText('培训或会议的主办单位'), { target: { value: FIELDS.provider } })
  fireEvent.change(screen.getByPlaceholderText('如 8 或 4.5'), { target: { value: FIELDS.hours } })
}

/** h5: native date input, native select, native file input. */
function fillForm() {
  fillText()
  fireEvent.change(screen.getByLabelText('培训日期'), { target: { value: FIELDS.date } })
  fireEvent.change(screen.getByLabelText('科目类别'), { target: { value: FIELDS.category } })
  const file = new File(['%PDF-1.4 test'], '结业证明.pdf', { type: 'application/pdf' })
  fireEvent.change(screen.getByLabelText('证明材料'), { target: { files: [file] } })
  return file
}

/** A fetch answer. */
const answer = (status: number, body: unknown) => ({ ok: status >= 200 && status < 300, status, text: async () => (typeof body === 'string' ? body : JSON.stringify(body)) })

const submit = async () => {
  await act(async () => {
    fireEvent.click(screen.getByText('提交申报'))
  })
}

describe('credit claim form (h5)', () => {
  it('sends the File as field "evidence" beside the other fields, signed in, then shows the list', async () => {
    fetchMock.mockResolvedValue(answer(201, claim()))
    render(<CreditClaimPage />)
    const file = fillForm()
    expect(screen.getByText('结业证明.pdf')).toBeTruthy()
    await submit()
    expect(fetchMock).toHaveBeenCalledTimes(1)
    const [url, init] = fetchMock.mock.calls[0] as [string, { method: string; headers: Record<string, string>; body: FormData }]
    expect(url).toBe('/api/me/credit-claims')
    expect(init.method).toBe('POST')
    expect(init.headers.Authorization).toBe('Bearer tok')
    // the browser sets the multipart boundary itself
    expect(init.headers['Content-Type']).toBeUndefined()
    for (const [key, value] of Object.entries(FIELDS)) expect(init.body.get(key)).toBe(value)
    const sent = init.body.get('evidence') as File
    expect(sent.name).toBe('结业证明.pdf')
    expect(sent.size).toBe(file.size)
    expect(Taro.uploadFile).not.toHaveBeenCalled()
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已提交，等待审核' }))
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/credits/claims/index' })
  })

  it("shows the server's field messages next to the fields", async () => {
    fetchMock.mockResolvedValue(
      answer(400, {
        error: {
          code: 'VALIDATION_FAILED',
          message: '请求参数不正确',
          details: [
            { path: 'hours', message: '学时须为 0.5 的整数倍' },
            { path: 'date', message: '培训日期不能晚于今天' },
          ],
        },
      }),
    )
    render(<CreditClaimPage />)
    fillForm()
    await submit()
    expect(await screen.findByText('请求参数不正确')).toBeTruthy()
    const field = (label: string) => within(screen.getAllByText(label)[0].closest('.field') as HTMLElement)
    expect(field('申报学时').getByText('学时须为 0.5 的整数倍')).toBeTruthy()
    expect(field('培训日期').getByText('培训日期不能晚于今天')).toBeTruthy()
    expect(Taro.redirectTo).not.toHaveBeenCalled()
  })

  it('says 文件不能超过 5 MB on 413, even without a JSON body', async () => {
    fetchMock.mockResolvedValue(answer(413, '<html>413 Request Entity Too Large</html>'))
    render(<CreditClaimPage />)
    fillForm()
    await submit()
    const evidence = within(screen.getByLabelText('证明材料').closest('.field') as HTMLElement)
    expect(evidence.getByText('文件不能超过 5 MB')).toBeTruthy()
    expect(document.querySelector('.form-error')!.textContent).toBe('文件不能超过 5 MB')
  })

  it('needs a file before it can send anything', async () => {
    render(<CreditClaimPage />)
    await submit()
    expect(screen.getByText('请上传证明材料')).toBeTruthy()
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('reports a failed upload (no answer) as a network error', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    render(<CreditClaimPage />)
    fillForm()
    await submit()
    expect(screen.getByText('网络连接失败')).toBeTruthy()
  })
})

describe('credit claim form (weapp)', () => {
  const env = process.env.TARO_ENV
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
  })
  afterEach(() => {
    process.env.TARO_ENV = env
  })

  it('picks a chat file and calls Taro.uploadFile with field "evidence", formData and the token', async () => {
    ;(Taro.chooseMessageFile as jest.Mock).mockResolvedValueOnce({
      tempFiles: [{ path: 'wxfile://tmp/evidence.pdf', name: '结业证明.pdf', size: 2048 }],
      errMsg: 'chooseMessageFile:ok',
    })
    uploadFile.mockResolvedValue({ statusCode: 201, data: JSON.stringify(claim()), errMsg: 'uploadFile:ok' })
    render(<CreditClaimPage />)
    fillText()
    fireEvent.change(screen.getByTestId('claim-category'), { target: { value: '0' } })
    await act(async () => {
      fireEvent.click(screen.getByText('选择文件'))
    })
    expect(Taro.chooseMessageFile).toHaveBeenCalledWith(expect.objectContaining({ count: 1, type: 'all' }))
    expect(screen.getByText('结业证明.pdf')).toBeTruthy()
    await submit()
    expect(uploadFile).toHaveBeenCalledTimes(1)
    const opts = uploadFile.mock.calls[0][0]
    expect(opts).toMatchObject({
      url: '/api/me/credit-claims',
      name: 'evidence',
      filePath: 'wxfile://tmp/evidence.pdf',
      formData: { title: FIELDS.title, provider: FIELDS.provider, hours: '8', category: 'professional' },
    })
    expect(opts.formData.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(opts.header.Authorization).toBe('Bearer tok')
    expect(fetchMock).not.toHaveBeenCalled()
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/credits/claims/index' })
  })

  it('asks for WeChat consent in the 提交 tap itself, then goes on to the list once it is answered', async () => {
    const posted = jest.fn((_body: unknown) => ok({ items: [] }))
    request.mockImplementation(
      routes({ 'GET /api/me/wechat-subscriptions': ok({ items: [{ kind: 'claim_approved', templateId: 'T-CLAIM-OK', remaining: 0 }] }), 'POST /api/me/wechat-subscriptions': posted }),
    )
    let answer: (value: unknown) => void = () => {}
    ;(Taro.requestSubscribeMessage as unknown as jest.Mock).mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)))
    ;(Taro.chooseMessageFile as jest.Mock).mockResolvedValueOnce({ tempFiles: [{ path: 'wxfile://tmp/evidence.pdf', name: '结业证明.pdf', size: 2048 }] })
    uploadFile.mockResolvedValue({ statusCode: 201, data: JSON.stringify(claim()), errMsg: 'uploadFile:ok' })
    render(<CreditClaimPage />)
    fillText()
    fireEvent.change(screen.getByTestId('claim-category'), { target: { value: '0' } })
    await act(async () => {
      fireEvent.click(screen.getByText('选择文件'))
    })
    await submit()
    expect(Taro.requestSubscribeMessage).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['T-CLAIM-OK'] }))
    expect((Taro.requestSubscribeMessage as unknown as jest.Mock).mock.invocationCallOrder[0]).toBeLessThan(uploadFile.mock.invocationCallOrder[0])
    // the claim is in; the dialog is still open
    expect(Taro.redirectTo).not.toHaveBeenCalled()
    await act(async () => {
      answer({ errMsg: 'requestSubscribeMessage:ok', 'T-CLAIM-OK': 'accept' })
    })
    expect(posted).toHaveBeenCalledWith({ templateIds: ['T-CLAIM-OK'] })
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/credits/claims/index' })
  })

  it("maps the upload's error body like request() and shows field details", async () => {
    ;(Taro.chooseMessageFile as jest.Mock).mockResolvedValueOnce({ tempFiles: [{ path: 'wxfile://tmp/x.png', name: 'x.png', size: 10 }] })
    uploadFile.mockResolvedValue({
      statusCode: 400,
      data: JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: '请求参数不正确', details: [{ path: 'evidence', message: '证明材料须为 PDF、PNG 或 JPEG 文件' }] } }),
    })
    render(<CreditClaimPage />)
    await act(async () => {
      fireEvent.click(screen.getByText('选择文件'))
    })
    await submit()
    expect(screen.getByText('证明材料须为 PDF、PNG 或 JPEG 文件')).toBeTruthy()
    expect(screen.getByText('请求参数不正确')).toBeTruthy()
  })
})

describe('my claims', () => {
  it('labels 待审核, 已认定 N 学时 and 未通过（reason）', async () => {
    request.mockImplementation(
      routes({
        'GET /api/me/credit-claims': ok({
          items: [
            claim({ id: 1, title: '一号申报' }),
            claim({ id: 2, title: '二号申报', status: 'approved', approvedHours: 6 }),
            claim({ id: 3, title: '三号申报', status: 'rejected', rejectReason: '证明材料不清晰' }),
          ],
        }),
      }),
    )
    render(<MyClaimsPage />)
    const item = async (title: string) => within((await screen.findByText(title)).closest('.claim-item') as HTMLElement)
    expect((await item('一号申报')).getByText('待审核')).toBeTruthy()
    expect((await item('二号申报')).getByText('已认定 6 学时')).toBeTruthy()
    expect((await item('三号申报')).getByText('未通过（证明材料不清晰）')).toBeTruthy()
    expect((await item('一号申报')).getByText('申报 8 学时')).toBeTruthy()
  })

  it('has an empty state leading to the form', async () => {
    request.mockImplementation(routes({ 'GET /api/me/credit-claims': ok({ items: [] }) }))
    render(<MyClaimsPage />)
    expect(await screen.findByText('还没有申报记录')).toBeTruthy()
    fireEvent.click(screen.getByText('申报学时'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/credits/claim/index' })
  })

  it('has an error state with 重试', async () => {
    let answer: unknown = fail(503, 'UNAVAILABLE', '')
    request.mockImplementation(routes({ 'GET /api/me/credit-claims': () => answer }))
    render(<MyClaimsPage />)
    expect(await screen.findByText('服务暂不可用，请稍后再试')).toBeTruthy()
    answer = ok({ items: [claim()] })
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('待审核')).toBeTruthy()
  })
})
