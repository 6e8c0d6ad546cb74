import { zh } from './text/zh'
import { PAGES } from './routes'

export default defineAppConfig({
  pages: PAGES,
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1f4e8c',
    navigationBarTitleText: zh.appTitle,
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6fa',
  },
})
