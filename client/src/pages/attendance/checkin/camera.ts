/**
 * h5 camera scanning: getUserMedia into a <video>, read by the browser's BarcodeDetector
 * (Chrome on Android, Safari 17+ …). Where either is missing the page only offers the typed code.
 */

interface DetectedBarcode {
  rawValue: string
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>
}
type BarcodeDetectorCtor = new (options: { formats: string[] }) => BarcodeDetectorLike

export interface CameraScan {
  stop(): void
}

function detectorCtor(): BarcodeDetectorCtor | null {
  if (typeof window === 'undefined' || !('BarcodeDetector' in window)) return null
  return (window as unknown as { BarcodeDetector: BarcodeDetectorCtor }).BarcodeDetector
}

/** BarcodeDetector is there and the device has a camera. */
export async function cameraScanAvailable(): Promise<boolean> {
  if (!detectorCtor()) return false
  const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined
  if (!media?.getUserMedia) return false
  try {
    if (!media.enumerateDevices) return true
    const devices = await media.enumerateDevices()
    return devices.some((d) => d.kind === 'videoinput')
  } catch {
    return false
  }
}

/**
 * Opens the (back) camera in `video` and calls `onText` with the first QR code read. The returned
 * handle stops the stream; it is also stopped before `onText` is called.
 */
export async function startCameraScan(video: HTMLVideoElement, onText: (text: string) => void): Promise<CameraScan> {
  const Ctor = detectorCtor()
  if (!Ctor) throw new Error('BarcodeDetector missing')
  const detector = new Ctor({ formats: ['qr_code'] })
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | null = null
  const stop = () => {
    if (stopped) return
    stopped = true
    if (timer) clearTimeout(timer)
    stream.getTracks().forEach((track) => track.stop())
    video.srcObject = null
  }
  video.srcObject = stream
  try {
    await video.play()
  } catch {
    // autoplay of a muted inline video is allowed; if not, frames still arrive for detect()
  }
  const tick = async () => {
    if (stopped) return
    try {
      if (video.readyState >= 2) {
        const found = await detector.detect(video)
        const text = found.find((b) => b.rawValue)?.rawValue
        if (text && !stopped) {
          stop()
          onText(text)
          return
        }
      }
    } catch {
      // a frame that could not be read: try the next one
    }
    if (!stopped) timer = setTimeout(() => void tick(), 250)
  }
  timer = setTimeout(() => void tick(), 250)
  return { stop }
}
