// What config/index.ts defineConstants and Taro's env would provide in a build.
;(globalThis as { API_BASE?: string }).API_BASE = ''
process.env.TARO_ENV = 'h5'
