import { constants as zlib } from 'node:zlib'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import CompressionPlugin from 'compression-webpack-plugin'

/**
 * Hand-written Taro config (no `taro init`: there is no template download here).
 * Builds land in dist/<TARO_ENV>: dist/h5 is served by the server (history fallback to
 * index.html), dist/weapp is opened by WeChat devtools via the root project.config.json.
 */
export default defineConfig<'webpack5'>(async (merge) => {
  const isProd = process.env.NODE_ENV === 'production'
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'cq-ip-talent',
    date: '2025-01-01',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      // weapp needs an absolute origin (TARO_APP_API_BASE=https://api.example.com);
      // h5 is served by the API server itself, so '' means same origin.
      API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE || ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      // Taro splits only the initial chunks: every page's chunk then carried its own copy of the
      // components, the api module and the texts (130–360 KiB each). Share them across pages.
      webpackChain(chain) {
        const splitChunks = chain.optimization.get('splitChunks')
        if (splitChunks) chain.optimization.splitChunks({ ...splitChunks, chunks: 'all' })
        // Precompressed twins (.br, .gz) that the server sends to browsers accepting them: phones
        // on mobile data download a third of the bytes, and nothing is compressed per request.
        if (isProd) {
          const test = /\.(js|css|html|svg|json)$/
          chain.plugin('gzip').use(CompressionPlugin, [{ test, threshold: 1024, algorithm: 'gzip', filename: '[path][base].gz' }])
          chain
            .plugin('brotli')
            .use(CompressionPlugin, [
              { test, threshold: 1024, algorithm: 'brotliCompress', filename: '[path][base].br', compressionOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } } },
            ])
        }
      },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  if (!isProd) {
    return merge({}, baseConfig, { logger: { quiet: false, stats: true } })
  }
  return merge({}, baseConfig, {})
})
