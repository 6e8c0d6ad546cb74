import { zh } from '../../../text/zh'

export default definePageConfig({
  navigationBarTitleText: zh.agencies.detailTitle,
})
