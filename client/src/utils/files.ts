import Taro from '@tarojs/taro'
import type { Downloaded, PickedFile } from '../api'
import { failureMessage } from './failure'

/**
 * Shows or keeps a downloaded file. h5: an object URL, opened in a new tab when `open` is asked
 * and the browser allows it, else saved with an <a download>. weapp: Taro.openDocument (its menu
 * offers saving and forwarding); images with Taro.previewImage, which openDocument cannot show.
 */
export async function presentDownload(
  file: Downloaded,
  options: { fileName: string; fileType: 'pdf' | 'xlsx' | 'image'; open?: boolean },
): Promise<void> {
  if (file.kind === 'file') {
    if (options.fileType === 'image') {
      await Taro.previewImage({ urls: [file.path], current: file.path })
      return
    }
    await Taro.openDocument({ filePath: file.path, fileType: options.fileType, showMenu: true })
    return
  }
  const url = URL.createObjectURL(file.blob)
  // a tab opened after an await may be blocked (window.open returns null): then save it instead
  const tab = options.open ? window.open(url, '_blank') : null
  if (!tab) {
    const a = document.createElement('a')
    a.href = url
    a.download = options.fileName
    a.rel = 'noopener'
    a.style.display = 'none'
    document.body.appendChild(a)
    a.click()
    a.remove()
  }
  // the new tab or the download needs the URL for a moment
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/**
 * weapp: one file from a chat (Taro.chooseMessageFile), by default a PDF or image; null when the
 * person backs out.
 */
export async function chooseMessageFile(extension: string[] = ['pdf', 'png', 'jpg', 'jpeg']): Promise<PickedFile | null> {
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'all', extension })
    const f = res.tempFiles[0]
    return f ? { path: f.path, name: f.name, size: f.size } : null
  } catch {
    return null
  }
}

/**
 * Downloads a file and presents it (see presentDownload), with a toast saying `done` when given. A
 * failure is a toast too; an expired session goes to sign in instead.
 */
export async function downloadAndPresent(
  fetchFile: () => Promise<Downloaded>,
  options: { fileName: string; fileType: 'pdf' | 'xlsx' | 'image'; open?: boolean; done?: string },
): Promise<void> {
  try {
    await presentDownload(await fetchFile(), options)
    if (options.done) Taro.showToast({ title: options.done, icon: 'none' })
  } catch (e) {
    const message = failureMessage(e)
    if (message !== null) Taro.showToast({ title: message, icon: 'none', duration: 3000 })
  }
}
