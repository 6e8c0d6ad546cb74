import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { listOutbox, retryOutboxMessage } from '../../../api'
import type { OutboxMessage, OutboxStatus, Page } from '../../../api'
import { FilterSelect } from '../../../components/FilterSelect'
import { Pager } from '../../../components/Pager'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { useOneAction } from '../../../hooks/useOneAction'
import { useSignedInData } from '../../../hooks/useSignedInData'
import { zh } from '../../../text/zh'
import { failureMessage } from '../../../utils/failure'
import { formatDateTime } from '../../../utils/time'
import '../../office/office.css'
import './index.css'

const PAGE_SIZE = 20

/** 微信消息发送 (admins): what became of each subscribe message; a given-up one can be sent again. */
export default function OutboxPage() {
  const t = zh.outbox
  const [status, setStatus] = useState<OutboxStatus | undefined>(undefined)
  const [pageNo, setPageNo] = useState(1)
  const { state, reload, update } = useSignedInData<Page<OutboxMessage>>(() => listOutbox(status, pageNo, PAGE_SIZE), [status, pageNo])
  const { busy, run } = useOneAction<number>()

  const retry = (m: OutboxMessage) =>
    run(m.id, async () => {
      try {
        const now = await retryOutboxMessage(m.id)
        update((page) => ({ ...page, items: page.items.map((x) => (x.id === now.id ? now : x)) }))
        Taro.showToast({ title: t.retried, icon: 'none' })
      } catch (e) {
        const message = failureMessage(e)
        if (message !== null) Taro.showToast({ title: message, icon: 'none', duration: 3000 })
      }
    })

  return (
    <View className='page office outbox'>
      <Text className='office__muted outbox__intro'>{t.intro}</Text>
      <View className='outbox__filters'>
        <FilterSelect
          id='outbox-status'
          label={t.status}
          options={Object.entries(t.statuses).map(([value, label]) => ({ value, label }))}
          value={status ?? ''}
          onChange={(v) => {
            setStatus((v || undefined) as OutboxStatus | undefined)
            setPageNo(1)
          }}
        />
      </View>
      {state.kind === 'loading' ? <LoadingState /> : null}
      {state.kind === 'error' ? <ErrorState message={state.message} onRetry={() => void reload()} /> : null}
      {state.kind === 'ready' && !state.data.items.length ? <EmptyState text={t.empty} /> : null}
      {state.kind === 'ready'
        ? state.data.items.map((m) => <Message key={m.id} message={m} busy={busy === m.id} onRetry={() => void retry(m)} />)
        : null}
      {state.kind === 'ready' ? <Pager page={state.data.page} total={state.data.total} pageSize={state.data.pageSize} onPage={setPageNo} /> : null}
    </View>
  )
}

function Message({ message: m, busy, onRetry }: { message: OutboxMessage; busy: boolean; onRetry: () => void }) {
  const t = zh.outbox
  return (
    <View className='card outbox__item'>
      <View className='outbox__head'>
        <Text className='outbox__kind'>{t.kinds[m.kind] ?? m.kind}</Text>
        <Text className={`outbox__status outbox__status--${m.status}`}>{t.statuses[m.status] ?? m.status}</Text>
      </View>
      <Text className='office__muted outbox__line'>
        {t.user(m.userId)} · {t.template} {m.templateId} · {t.attempts(m.attempts)}
      </Text>
      <Text className='office__muted outbox__line'>
        {t.createdAt} {formatDateTime(m.createdAt)}
        {m.status === 'sent' && m.sentAt ? ` · ${t.sentAt} ${formatDateTime(m.sentAt)}` : ''}
        {m.status === 'pending' ? ` · ${t.nextAttempt} ${formatDateTime(m.nextAttemptAt)}` : ''}
      </Text>
      {m.lastError ? (
        <Text className='outbox__error'>
          {t.lastError}：{m.lastError}
        </Text>
      ) : null}
      {m.status === 'given_up' ? (
        <Button className={busy ? 'btn btn--plain outbox__retry btn--busy' : 'btn btn--plain outbox__retry'} onClick={onRetry}>
          {t.retry}
        </Button>
      ) : null}
    </View>
  )
}
