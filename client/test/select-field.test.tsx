import { fireEvent, render, screen, within } from '@testing-library/react'
import { SelectField } from '../src/components/SelectField'

const options = [
  { value: 'male', label: '男' },
  { value: 'female', label: '女' },
]

afterEach(() => {
  process.env.TARO_ENV = 'h5'
})

it('is a native, labelled <select> on h5', () => {
  const onChange = jest.fn()
  render(<SelectField id='picker-gender' label='性别' options={options} value='' onChange={onChange} />)
  const select = screen.getByLabelText('性别') as HTMLSelectElement
  expect(select.tagName).toBe('SELECT')
  expect(select.id).toBe('picker-gender')
  expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['请选择', '男', '女'])
  expect(select.value).toBe('')
  fireEvent.change(select, { target: { value: 'female' } })
  expect(onChange).toHaveBeenCalledWith('female')
})

it('shows the current value on h5', () => {
  render(<SelectField id='picker-gender' label='性别' options={options} value='male' onChange={() => undefined} />)
  expect((screen.getByLabelText('性别') as HTMLSelectElement).value).toBe('male')
})

it('is a Taro Picker in mini programs', () => {
  process.env.TARO_ENV = 'weapp'
  const onChange = jest.fn()
  render(<SelectField id='picker-gender' label='性别' options={options} value='' onChange={onChange} />)
  expect(document.getElementById('picker-gender')).toBeNull()
  expect(screen.getByText('请选择')).toBeTruthy()
  // the Picker mock: a <select data-testid> whose values are indexes into `range`
  fireEvent.change(screen.getByTestId('picker-gender'), { target: { value: '1' } })
  expect(onChange).toHaveBeenCalledWith('female')
})
