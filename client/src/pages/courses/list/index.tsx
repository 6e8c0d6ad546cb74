import { useCallback, useEffect, useRef, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { errorMessage, listCourses } from '../../../api'
import type { Course, CourseCategory } from '../../../api'
import { EmptyState, ErrorState, LoadingState } from '../../../components/states'
import { zh } from '../../../text/zh'
import { courseCategoryLabel, deliveryModeLabel } from '../../../utils/labels'
import { goCourseDetail } from '../../../utils/nav'
import './index.css'

type Filter = { q: string; category: CourseCategory | '' }

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; items: Course[] }

const CATEGORY_TABS: { value: Filter['category']; label: string }[] = [
  { value: '', label: zh.courses.all },
  { value: 'professional', label: zh.courses.categories.professional },
  { value: 'public', label: zh.courses.categories.public },
]

function CourseCard({ course }: { course: Course }) {
  return (
    <View className='card course-card' onClick={() => goCourseDetail(course.code)}>
      <Text className='course-card__title'>{course.title}</Text>
      <View className='course-card__meta'>
        <Text className={`tag tag--${course.category}`}>{courseCategoryLabel(course.category)}</Text>
        <Text className='course-card__fact'>{zh.courses.hours(course.creditHours)}</Text>
        <Text className='course-card__fact'>{deliveryModeLabel(course.deliveryMode)}</Text>
      </View>
      {course.summary ? <Text className='course-card__summary'>{course.summary}</Text> : null}
    </View>
  )
}

export default function CourseListPage() {
  const [text, setText] = useState('')
  const [filter, setFilter] = useState<Filter>({ q: '', category: '' })
  const [state, setState] = useState<State>({ kind: 'loading' })
  // only the answer to the latest request is shown
  const seq = useRef(0)

  const load = useCallback(async (f: Filter) => {
    const mine = ++seq.current
    setState({ kind: 'loading' })
    try {
      const list = await listCourses(f)
      if (mine === seq.current) setState({ kind: 'ready', items: list.items })
    } catch (e) {
      if (mine === seq.current) setState({ kind: 'error', message: errorMessage(e) })
    }
  }, [])

  useEffect(() => {
    void load(filter)
  }, [filter, load])

  const search = (value = text) => setFilter((f) => ({ ...f, q: value.trim() }))
  const pickCategory = (category: Filter['category']) => setFilter((f) => ({ ...f, q: text.trim(), category }))

  let body
  if (state.kind === 'loading') body = <LoadingState />
  else if (state.kind === 'error') body = <ErrorState message={state.message} onRetry={() => void load(filter)} />
  else if (!state.items.length) body = <EmptyState text={filter.q || filter.category ? zh.courses.noMatch : zh.courses.empty} />
  else body = state.items.map((c) => <CourseCard key={c.code} course={c} />)

  return (
    <View className='page courses'>
      <View className='courses__search'>
        <Input
          className='courses__input'
          type='text'
          confirmType='search'
          placeholder={zh.courses.searchPlaceholder}
          value={text}
          onInput={(e) => setText(e.detail.value)}
          onConfirm={(e) => search(e.detail.value)}
        />
        <Button className='courses__search-btn' onClick={() => search()}>
          {zh.courses.search}
        </Button>
      </View>
      <View className='courses__tabs'>
        {CATEGORY_TABS.map((t) => (
          <Text
            key={t.value || 'all'}
            className={filter.category === t.value ? 'courses__tab courses__tab--active' : 'courses__tab'}
            onClick={() => pickCategory(t.value)}
          >
            {t.label}
          </Text>
        ))}
      </View>
      <View className='courses__list'>{body}</View>
    </View>
  )
}
