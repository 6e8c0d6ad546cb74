import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { getUnreadNotificationCount, listMyNotifications, markAllNotificationsRead, markNotificationRead } from '../../../api'
import type { InboxEntry, InboxPage } from '../../../api'
import { Pager } from '../../../components/Pager'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { useOneAction } from '../../../hooks/useOneAction'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { failureMessage } from '../../../utils/failure'
import { goNotificationLink } from '../../../utils/nav'
import { formatDateTime } from '../../../utils/time'
import './index.css'

const PAGE_SIZE = 20

type Filter = 'all' | 'unread'

/** What the inbox shows: one page of entries and how many are unread in all. */
interface Inbox {
  page: InboxPage
  unread: number
}

/** 消息: what happened to my enrollments, claims, record and hours, newest first. */
export default function InboxPage() {
  const t = zh.notifications
  const [filter, setFilter] = useState<Filter>('all')
  const [pageNo, setPageNo] = useState(1)
  // refreshed quietly when shown again: back from an entry's page, it is read (and new ones may have come)
  const { state, reload, update } = useSignedInData<Inbox>(async () => {
    const [page, unread] = await Promise.all([
      listMyNotifications({ unread: filter === 'unread', page: pageNo, pageSize: PAGE_SIZE }),
      getUnreadNotificationCount(),
    ])
    return { page, unread }
  }, [filter, pageNo])
  const { busy, run } = useOneAction<'readAll' | number>()

  const pick = (next: Filter) => {
    setFilter(next)
    setPageNo(1)
  }

  /** Shows an entry as read (the server's copy of it) without waiting for the next load. */
  const markedRead = (entry: InboxEntry) =>
    update((d) => ({
      unread: Math.max(0, d.unread - 1),
      page: { ...d.page, items: d.page.items.map((e) => (e.id === entry.id ? entry : e)) },
    }))

  const open = (entry: InboxEntry) =>
    run(entry.id, async () => {
      if (!entry.readAt) {
        try {
          markedRead(await markNotificationRead(entry.id))
        } catch (e) {
          // still open what it is about; an expired session goes to sign in instead
          const message = failureMessage(e)
          if (message === null) return
          Taro.showToast({ title: message, icon: 'none' })
        }
      }
      goNotificationLink(entry.link)
    })

  const readAll = () =>
    run('readAll', async () => {
      try {
        await markAllNotificationsRead()
        Taro.showToast({ title: t.readAllDone, icon: 'none' })
      } catch (e) {
        const message = failureMessage(e)
        if (message !== null) Taro.showToast({ title: message, icon: 'none', duration: 3000 })
      }
      await reload(false)
    })

  const unread = state.kind === 'ready' ? state.data.unread : 0

  return (
    <View className='page inbox'>
      <View className='inbox__bar'>
        <View className='inbox__tabs'>
          {(['all', 'unread'] as Filter[]).map((f) => (
            <Text key={f} className={f === filter ? 'inbox__tab inbox__tab--on' : 'inbox__tab'} onClick={() => pick(f)}>
              {f === 'all' ? t.all : t.unread}
            </Text>
          ))}
        </View>
        <Button
          className={busy === 'readAll' ? 'btn btn--plain inbox__read-all btn--busy' : unread ? 'btn btn--plain inbox__read-all' : 'btn btn--plain inbox__read-all btn--off'}
          onClick={() => unread > 0 && void readAll()}
        >
          {t.readAll}
        </Button>
      </View>
      {state.kind === 'ready' && unread > 0 ? <Text className='inbox__count'>{t.unreadCount(unread)}</Text> : null}

      {state.kind === 'loading' ? <LoadingState /> : null}
      {state.kind === 'error' ? <ErrorState message={state.message} onRetry={() => void reload()} /> : null}
      {state.kind === 'ready' && !state.data.page.items.length ? <EmptyState text={filter === 'unread' ? t.unreadEmpty : t.empty} /> : null}
      {state.kind === 'ready'
        ? state.data.page.items.map((entry) => <Entry key={entry.id} entry={entry} onOpen={() => void open(entry)} />)
        : null}
      {state.kind === 'ready' ? (
        <Pager page={state.data.page.page} total={state.data.page.total} pageSize={state.data.page.pageSize} onPage={setPageNo} />
      ) : null}
    </View>
  )
}

function Entry({ entry, onOpen }: { entry: InboxEntry; onOpen: () => void }) {
  const unread = !entry.readAt
  return (
    <View className={unread ? 'card inbox__entry inbox__entry--unread' : 'card inbox__entry'} onClick={onOpen}>
      <View className='inbox__head'>
        {unread ? <View className='inbox__dot' aria-label={zh.notifications.unreadMark} /> : null}
        <Text className='inbox__title'>{entry.title}</Text>
        {entry.link ? <Text className='inbox__arrow'>›</Text> : null}
      </View>
      <Text className='inbox__body'>{entry.body}</Text>
      <Text className='inbox__time'>{formatDateTime(entry.createdAt)}</Text>
    </View>
  )
}
