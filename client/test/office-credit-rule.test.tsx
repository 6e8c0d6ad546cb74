import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __resetTaroMock } from './mocks/taro'
import CreditRulePage from '../src/pages/office/credit-rule/index'
import { TOKEN_KEY } from '../src/api'
import { shanghaiYear } from '../src/utils/time'
import { fail, ok, routes } from './fixtures'

const request = Taro.request as unknown as jest.Mock
const YEAR = shanghaiYear()

beforeEach(() => {
  __resetTaroMock()
  Taro.setStorageSync(TOKEN_KEY, 'tok')
})

describe('office: 年度学时要求', () => {
  it('shows the year’s rule (saying when it is the default) and saves a new one', async () => {
    let rule = { year: YEAR, requiredHours: 90, minProfessionalHours: 60, isDefault: true }
    const put = jest.fn((body: unknown) => {
      rule = { ...rule, ...(body as object), isDefault: false }
      return ok(rule)
    })
    request.mockImplementation(routes({ [`GET /api/credit-rules/${YEAR}`]: () => ok(rule), [`PUT /api/credit-rules/${YEAR}`]: put }))
    render(<CreditRulePage />)
    expect(await screen.findByText(/尚未设置/)).toBeTruthy()
    const total = screen.getByLabelText('总学时') as HTMLInputElement
    expect(total.value).toBe('90')
    fireEvent.input(total, { target: { value: '72' } })
    fireEvent.input(screen.getByLabelText('其中专业科目不少于'), { target: { value: '48' } })
    await act(async () => {
      fireEvent.click(screen.getByText('保存'))
    })
    expect(put).toHaveBeenCalledWith({ requiredHours: 72, minProfessionalHours: 48 })
    expect(await screen.findByText(`${YEAR} 年学时要求已保存`)).toBeTruthy()
    expect(screen.queryByText(/尚未设置/)).toBeNull()
  })

  it('shows the server’s refusal at the field, and switches years', async () => {
    request.mockImplementation(
      routes({
        [`GET /api/credit-rules/${YEAR}`]: ok({ year: YEAR, requiredHours: 90, minProfessionalHours: 60, isDefault: false }),
        [`GET /api/credit-rules/${YEAR + 1}`]: ok({ year: YEAR + 1, requiredHours: 96, minProfessionalHours: 64, isDefault: false }),
        [`PUT /api/credit-rules/${YEAR}`]: fail(400, 'VALIDATION_FAILED', '请求参数有误', [{ path: 'minProfessionalHours', message: '专业科目学时不能超过总学时' }]),
      }),
    )
    render(<CreditRulePage />)
    await screen.findByText('保存')
    fireEvent.input(screen.getByLabelText('其中专业科目不少于'), { target: { value: '100' } })
    await act(async () => {
      fireEvent.click(screen.getByText('保存'))
    })
    expect(screen.getByText('专业科目学时不能超过总学时')).toBeTruthy()
    fireEvent.change(screen.getByLabelText('年度'), { target: { value: String(YEAR + 1) } })
    expect(await screen.findByDisplayValue('96')).toBeTruthy()
  })
})
