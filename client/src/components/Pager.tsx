import { Button, Text, View } from '@tarojs/components'
import { zh } from '../text/zh'
import './Pager.css'

/** 上一页 / 第 n / m 页 / 下一页 for a paged list; nothing when everything fits on one page. */
export function Pager({ page, total, pageSize, onPage }: { page: number; total: number; pageSize: number; onPage: (page: number) => void }) {
  const t = zh.office
  const pages = Math.max(1, Math.ceil(total / pageSize))
  if (pages <= 1) return null
  return (
    <View className='pager'>
      <Button className={page <= 1 ? 'btn btn--plain btn--off' : 'btn btn--plain'} onClick={() => page > 1 && onPage(page - 1)}>
        {t.prev}
      </Button>
      <Text className='pager__page'>{t.pageOf(page, pages)}</Text>
      <Button className={page >= pages ? 'btn btn--plain btn--off' : 'btn btn--plain'} onClick={() => page < pages && onPage(page + 1)}>
        {t.next}
      </Button>
    </View>
  )
}
