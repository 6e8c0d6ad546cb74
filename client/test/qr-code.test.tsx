import { render } from '@testing-library/react'
import QRCode from 'qrcode'
import { QrCode } from '../src/components/QrCode'

describe('QrCode in a mini program (boxes, no canvas, no TextEncoder)', () => {
  const env = process.env.TARO_ENV
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
  })
  afterEach(() => {
    process.env.TARO_ENV = env
  })

  it('draws every dark module of the code as part of a row run', () => {
    const text = '5.1764070000.Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg'
    const { container } = render(<QrCode text={text} label='签到二维码' />)
    const rows = Array.from(container.querySelectorAll('.qr__row')) as HTMLElement[]
    const data = new Uint8ClampedArray([...text].map((c) => c.charCodeAt(0)))
    const expected = QRCode.create([{ data, mode: 'byte' }], { errorCorrectionLevel: 'M' }).modules
    expect(rows.length).toBe(expected.size)
    const pct = (n: number) => `${(n * 100) / expected.size}%`
    expect(rows[0].style.paddingTop).toBe(pct(1))
    rows.forEach((row, r) => {
      const dark = new Set<number>()
      for (const box of Array.from(row.querySelectorAll('.qr__dark')) as HTMLElement[]) {
        const start = Math.round((parseFloat(box.style.left) * expected.size) / 100)
        const len = Math.round((parseFloat(box.style.width) * expected.size) / 100)
        for (let c = start; c < start + len; c++) dark.add(c)
      }
      for (let c = 0; c < expected.size; c++) expect(dark.has(c)).toBe(!!expected.get(r, c))
    })
  })
})
