import Taro from '@tarojs/taro'
import type { Downloaded, PickedFile } from '../api'
import { zh } from '../text/zh'
import { failureMessage } from './failure'

export type DownloadFileType = 'pdf' | 'xlsx' | 'image' | 'json' | 'zip'

/**
 * Shows or keeps a downloaded file. h5: an object URL, opened in a new tab when `open` is asked
 * and the browser allows it, else saved with an <a download>. weapp: Taro.openDocument (its menu
 * offers saving and forwarding); images with Taro.previewImage, which openDocument cannot show; a
 * JSON file (which neither can show) is sent to a chat with Taro.shareFileMessage, or, where that is
 * refused, its text is copied; a ZIP (which nothing in the mini-program opens) is sent to a chat too,
 * or where that is refused the person is told to download it in a browser. Resolves with what to tell
 * the person instead of the usual toast, if anything.
 */
export async function presentDownload(
  file: Downloaded,
  options: { fileName: string; fileType: DownloadFileType; open?: boolean },
): Promise<string | undefined> {
  if (file.kind === 'file') {
    if (options.fileType === 'image') {
      await Taro.previewImage({ urls: [file.path], current: file.path })
      return undefined
    }
    if (options.fileType === 'json') return shareOrCopy(file.path, options.fileName)
    if (options.fileType === 'zip') return shareOrSay(file.path, options.fileName)
    await Taro.openDocument({ filePath: file.path, fileType: options.fileType, showMenu: true })
    return undefined
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
  return undefined
}

/**
 * weapp: a downloaded text file sent to a chat (the file-transfer assistant keeps it). Backing out
 * is fine; where sharing is not possible (older WeChat, no tap gesture left), the text is copied.
 */
async function shareOrCopy(path: string, fileName: string): Promise<string | undefined> {
  try {
    await Taro.shareFileMessage({ filePath: path, fileName })
    return undefined
  } catch (e) {
    const errMsg = String((e as { errMsg?: unknown } | null)?.errMsg ?? '')
    if (/cancel/i.test(errMsg)) return undefined
  }
  const text = Taro.getFileSystemManager().readFileSync(path, 'utf8')
  await Taro.setClipboardData({ data: typeof text === 'string' ? text : '' })
  return zh.files.copied
}

/** weapp: a downloaded ZIP sent to a chat; where sharing is not possible, what to do instead. */
async function shareOrSay(path: string, fileName: string): Promise<string | undefined> {
  try {
    await Taro.shareFileMessage({ filePath: path, fileName })
    return undefined
  } catch (e) {
    const errMsg = String((e as { errMsg?: unknown } | null)?.errMsg ?? '')
    return /cancel/i.test(errMsg) ? undefined : zh.files.zipUnsupported
  }
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
  options: { fileName: string; fileType: DownloadFileType; open?: boolean; done?: string },
): Promise<void> {
  try {
    const said = (await presentDownload(await fetchFile(), options)) ?? options.done
    if (said) Taro.showToast({ title: said, icon: 'none' })
  } catch (e) {
    const message = failureMessage(e)
    if (message !== null) Taro.showToast({ title: message, icon: 'none', duration: 3000 })
  }
}
