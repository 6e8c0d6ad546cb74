import { act, fireEvent, render, screen } from '@testing-library/react'
import { useOneAction } from '../src/hooks/useOneAction'

/** A button whose action finishes when the test says so. */
let finish: () => void = () => undefined
const work = jest.fn(() => new Promise<void>((resolve) => (finish = resolve)))

function SaveButton() {
  const { busy, run } = useOneAction<'save'>()
  return <button onClick={() => void run('save', work)}>{busy === 'save' ? '保存中' : '保存'}</button>
}

it('runs one action at a time: a double tap sends once, and the button can be used again after', async () => {
  work.mockClear()
  render(<SaveButton />)
  fireEvent.click(screen.getByText('保存'))
  fireEvent.click(screen.getByText('保存中'))
  expect(work).toHaveBeenCalledTimes(1)
  await act(async () => finish())
  fireEvent.click(screen.getByText('保存'))
  expect(work).toHaveBeenCalledTimes(2)
  await act(async () => finish())
})

it('is free again after an action fails', async () => {
  work.mockClear()
  const failing = jest.fn(async () => {
    throw new Error('boom')
  })
  function Failing() {
    const { run } = useOneAction()
    return <button onClick={() => void run('x', failing).catch(() => undefined)}>试一下</button>
  }
  render(<Failing />)
  await act(async () => {
    fireEvent.click(screen.getByText('试一下'))
  })
  await act(async () => {
    fireEvent.click(screen.getByText('试一下'))
  })
  expect(failing).toHaveBeenCalledTimes(2)
})
