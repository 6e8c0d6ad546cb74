import { useEffect, useMemo, useState } from 'react'
import { View } from '@tarojs/components'
import QRCode from 'qrcode'
import './QrCode.css'

interface QrCodeProps {
  text: string
  /** The accessible name of the picture. */
  label: string
}

/**
 * The text as one byte segment. qrcode's own string path needs TextEncoder, which mini-program
 * runtimes (and old browsers) may lack; check-in tokens are ASCII, so the char codes are the bytes.
 */
function byteSegments(text: string): QRCode.QRCodeSegment[] {
  const data = new Uint8ClampedArray(text.length)
  for (let i = 0; i < text.length; i++) data[i] = text.charCodeAt(i) & 0xff
  return [{ data, mode: 'byte' }]
}

/** Dark runs per row: [start, length] pairs, so a row is a handful of boxes instead of one per module. */
function darkRuns(text: string): { size: number; rows: [number, number][][] } {
  const qr = QRCode.create(byteSegments(text), { errorCorrectionLevel: 'M' })
  const size = qr.modules.size
  const rows: [number, number][][] = []
  for (let r = 0; r < size; r++) {
    const runs: [number, number][] = []
    let start = -1
    for (let c = 0; c <= size; c++) {
      const dark = c < size && !!qr.modules.get(r, c)
      if (dark && start < 0) start = c
      if (!dark && start >= 0) {
        runs.push([start, c - start])
        start = -1
      }
    }
    rows.push(runs)
  }
  return { size, rows }
}

/**
 * A QR code. h5: a PNG data URL in an <img> (crisp, and the browser can save it).
 * Mini programs: the modules drawn as rows of boxes (plain layout: no canvas node queries, no
 * image-format questions); the quiet zone is the white padding around them.
 */
export function QrCode({ text, label }: QrCodeProps) {
  if (process.env.TARO_ENV === 'h5') return <QrImage text={text} label={label} />
  return <QrBoxes text={text} label={label} />
}

function QrImage({ text, label }: QrCodeProps) {
  const [src, setSrc] = useState<string | null>(null)
  useEffect(() => {
    let alive = true
    QRCode.toDataURL(byteSegments(text), { errorCorrectionLevel: 'M', margin: 2, width: 640 })
      .then((url) => {
        if (alive) setSrc(url)
      })
      .catch(() => {
        if (alive) setSrc(null)
      })
    return () => {
      alive = false
    }
  }, [text])
  return (
    <View className='qr'>
      {src ? <img className='qr__img' src={src} alt={label} /> : <View className='qr__blank' />}
    </View>
  )
}

function QrBoxes({ text }: QrCodeProps) {
  const { size, rows } = useMemo(() => darkRuns(text), [text])
  const pct = (n: number) => `${(n * 100) / size}%`
  return (
    <View className='qr qr--boxes'>
      <View className='qr__grid'>
        {rows.map((runs, r) => (
          <View key={r} className='qr__row' style={{ paddingTop: pct(1) }}>
            {runs.map(([start, len]) => (
              <View key={start} className='qr__dark' style={{ left: pct(start), width: pct(len) }} />
            ))}
          </View>
        ))}
      </View>
    </View>
  )
}
