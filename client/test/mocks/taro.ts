/**
 * A small stand-in for @tarojs/taro: request is a jest.fn the test scripts, storage is an
 * in-memory map, navigation and toasts are recorded jest.fns.
 */
import { useEffect, useRef } from 'react'

const storage = new Map<string, unknown>()

export const request = jest.fn()
export const getStorageSync = jest.fn((key: string) => (storage.has(key) ? storage.get(key) : ''))
export const setStorageSync = jest.fn((key: string, value: unknown) => {
  storage.set(key, value)
})
export const removeStorageSync = jest.fn((key: string) => {
  storage.delete(key)
})
export const clearStorageSync = jest.fn(() => storage.clear())
export const showToast = jest.fn(() => Promise.resolve({ errMsg: 'showToast:ok' }))
export const navigateTo = jest.fn(() => Promise.resolve({ errMsg: 'navigateTo:ok' }))
export const redirectTo = jest.fn(() => Promise.resolve({ errMsg: 'redirectTo:ok' }))
export const reLaunch = jest.fn(() => Promise.resolve({ errMsg: 'reLaunch:ok' }))
export const navigateBack = jest.fn(() => Promise.resolve({ errMsg: 'navigateBack:ok' }))
export const pageScrollTo = jest.fn(() => Promise.resolve({ errMsg: 'pageScrollTo:ok' }))
export const login = jest.fn(() => Promise.resolve({ code: 'wx-code', errMsg: 'login:ok' }))
/** The person taps 确定 unless a test says otherwise (showModal.mockResolvedValueOnce({confirm: false, ...})). */
export const showModal = jest.fn((_opts?: unknown) => Promise.resolve({ confirm: true, cancel: false, errMsg: 'showModal:ok' }))

export const scanCode = jest.fn((_opts?: unknown) => Promise.resolve({ result: '', errMsg: 'scanCode:ok' }))
export const chooseMessageFile = jest.fn((_opts?: unknown) =>
  Promise.resolve({ tempFiles: [] as { path: string; name: string; size: number }[], errMsg: 'chooseMessageFile:ok' }),
)
/** Scripted per test like request: resolves with {statusCode, data}. */
export const uploadFile = jest.fn()
export const downloadFile = jest.fn()
export const openDocument = jest.fn((_opts?: unknown) => Promise.resolve({ errMsg: 'openDocument:ok' }))
export const setClipboardData = jest.fn((_opts?: unknown) => Promise.resolve({ errMsg: 'setClipboardData:ok' }))
export const shareFileMessage = jest.fn((_opts?: unknown) => Promise.resolve({ errMsg: 'shareFileMessage:ok' }))
/** Files the code under test reads (weapp): path → text, set by a test. */
export const __files = new Map<string, string>()
export const getFileSystemManager = jest.fn(() => ({ readFileSync: (path: string) => __files.get(path) ?? '' }))
export const setNavigationBarTitle = jest.fn((_opts?: unknown) => Promise.resolve({ errMsg: 'setNavigationBarTitle:ok' }))
export const setKeepScreenOn = jest.fn((_opts?: unknown) => Promise.resolve({ errMsg: 'setKeepScreenOn:ok' }))
/** The consent dialog (weapp): answers nothing unless a test scripts it ({[templateId]: 'accept' | 'reject'}). */
export const requestSubscribeMessage = jest.fn((_opts?: unknown): Promise<Record<string, string>> => Promise.resolve({ errMsg: 'requestSubscribeMessage:ok' }))

const shown = new Set<{ current: () => void }>()

/** Page shown: in tests once on mount, and again at each __showAgain() (back from another page). */
export function useDidShow(cb: () => void): void {
  const latest = useRef(cb)
  latest.current = cb
  useEffect(() => {
    shown.add(latest)
    latest.current()
    return () => {
      shown.delete(latest)
    }
  }, [])
}

/** The person comes back to the mounted pages: their useDidShow callbacks run again. */
export function __showAgain(): void {
  for (const cb of shown) cb.current()
}
export const useDidHide = (_cb: () => void): void => undefined
export const useLoad = useDidShow
export const useLaunch = useDidShow
let routerParams: Record<string, string> = {}
export const useRouter = () => ({ params: routerParams, path: '' })
/** The query of the page under test (useRouter().params). */
export function __setRouterParams(params: Record<string, string>): void {
  routerParams = params
}

/** Empty storage; call in beforeEach (jest's clearMocks keeps the implementations above). */
export function __resetTaroMock(): void {
  storage.clear()
  request.mockReset()
  uploadFile.mockReset()
  downloadFile.mockReset()
  routerParams = {}
  __files.clear()
}

const Taro = {
  request,
  getStorageSync,
  setStorageSync,
  removeStorageSync,
  clearStorageSync,
  showToast,
  navigateTo,
  redirectTo,
  reLaunch,
  navigateBack,
  pageScrollTo,
  login,
  showModal,
  scanCode,
  chooseMessageFile,
  uploadFile,
  downloadFile,
  openDocument,
  setClipboardData,
  shareFileMessage,
  getFileSystemManager,
  setNavigationBarTitle,
  setKeepScreenOn,
  requestSubscribeMessage,
  useDidShow,
  useDidHide,
  useLoad,
  useLaunch,
  useRouter,
}

export default Taro
