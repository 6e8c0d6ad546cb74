#!/usr/bin/env node
/**
 * A one-off `taro build` (build:h5, build:weapp): always a production bundle, whatever NODE_ENV
 * the shell has. Usage: node scripts/build.js --type h5 [other taro build options].
 *
 * Taro's CLI keeps a NODE_ENV it finds. Without --watch it still runs webpack in production mode,
 * so the react-refresh runtime is not bundled, but babel-preset-taro adds the react-refresh
 * transform to every h5 module whenever NODE_ENV is not 'production': with NODE_ENV=development
 * each page called `$RefreshReg$`, which nothing defined, and the app rendered a blank page.
 * Watch builds (dev:h5, dev:weapp) call `taro build --watch` themselves and stay development.
 */
const args = process.argv.slice(2)
if (args.includes('--watch') || args.includes('-w')) {
  console.error('scripts/build.js makes one-off production builds; for a watch build run `taro build --watch` (npm run dev:h5).')
  process.exit(2)
}
process.env.NODE_ENV = 'production'
process.argv.splice(2, 0, 'build')
require('@tarojs/cli/bin/taro')
