import { fireEvent, render, screen, within } from '@testing-library/react'
import { FilterSelect } from '../src/components/FilterSelect'

const options = [
  { value: '500103', label: '渝中区' },
  { value: '500101', label: '万州区' },
]

afterEach(() => {
  process.env.TARO_ENV = 'h5'
})

it('offers 全部 first on h5, as the empty value', () => {
  const onChange = jest.fn()
  render(<FilterSelect id='f' label='区县' options={options} value='' onChange={onChange} />)
  const select = screen.getByLabelText('区县') as HTMLSelectElement
  expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['区县：全部', '渝中区', '万州区'])
  fireEvent.change(select, { target: { value: '500101' } })
  expect(onChange).toHaveBeenLastCalledWith('500101')
  fireEvent.change(select, { target: { value: '' } })
  expect(onChange).toHaveBeenLastCalledWith('')
})

it('has no 全部 when a choice is required', () => {
  render(<FilterSelect id='f' label='年度' options={[{ value: '2026', label: '2026 年' }]} value='2026' onChange={() => undefined} allowAll={false} />)
  expect(within(screen.getByLabelText('年度')).getAllByRole('option').map((o) => o.textContent)).toEqual(['2026 年'])
})

it('is a Picker in mini programs: 全部 at index 0, then the options', () => {
  process.env.TARO_ENV = 'weapp'
  const onChange = jest.fn()
  render(<FilterSelect id='f' label='区县' options={options} value='500101' onChange={onChange} />)
  expect(document.querySelector('.filter__text')!.textContent).toBe('万州区')
  fireEvent.change(screen.getByTestId('f'), { target: { value: '0' } })
  expect(onChange).toHaveBeenLastCalledWith('')
  fireEvent.change(screen.getByTestId('f'), { target: { value: '1' } })
  expect(onChange).toHaveBeenLastCalledWith('500103')
})
